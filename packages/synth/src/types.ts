/** Records produced by generateCity (shapes follow docs/REGISTRY-API.md). */
import type { EmployerSize, IndustryCode, InsuranceType, RelationCode, SchoolStage, Sex } from '@mwsp/domain';

export type EducationCode = '10' | '20' | '30' | '40' | '50' | '60' | '70';

export interface SynthEmployer {
  kind: 'employer';
  /** Stable key within one generated city ('E000001'); workers refer to it. */
  key: string;
  creditCode: string;
  /** False for the ~1% generated with a wrong check character on purpose. */
  creditCodeValid: boolean;
  name: string;
  legalRep: string;
  industry: IndustryCode;
  size: EmployerSize;
  /** A township (9 digits) of the city. */
  regionCode: string;
  address: string;
  contactName: string;
  contactPhone: string;
}

export interface SynthSkill {
  occupationCode: string;
  /** Name of the certificate held ('职业技能等级证书', '特种作业操作证（电工作业）' …) or null. */
  certificate: string | null;
  /** '五级/初级工' … for a skill-level certificate, else null. */
  level: string | null;
}

export interface SynthEmployment {
  employerKey: string;
  startDate: string;
  endDate: null;
  position: string;
  occupationCode: string;
  /** Integer 分, in the unit of wageType: per month, per day, or (piece) the expected monthly amount. */
  wageFen: number;
  wageType: 'monthly' | 'daily' | 'piece';
  contractType: 'fixed' | 'open' | 'task' | 'none';
  contractSigned: boolean;
  contractTermMonths: number | null;
  filingStatus: 'filed' | 'pending' | 'none';
  dispatch: boolean;
  status: 'active';
}

export interface SynthInsurance {
  type: InsuranceType;
  enrolled: boolean;
  /** 'employee' = 职工 scheme through the employer; 'resident' = 城乡居民 scheme at the hukou county. */
  scheme: 'employee' | 'resident' | null;
  since: string | null;
  placeRegionCode: string | null;
}

export interface SynthWorker {
  kind: 'worker';
  key: string;
  name: string;
  idNumber: string;
  sex: Sex;
  birthDate: string;
  /** 周岁 on the generation date (opts.asOf). */
  age: number;
  /** GB 3304 code ('01' 汉族). */
  ethnicity: string;
  education: EducationCode;
  phone: string;
  /** Origin county (6 digits) = the ID number's first 6 digits. */
  hukouRegionCode: string;
  /** A village (12 digits) of the city. */
  residenceRegionCode: string;
  /** 'local' = origin county is the county of residence (本地农民工); 'out' = 外出. */
  migrantType: 'local' | 'out';
  crossProvince: boolean;
  skills: SynthSkill[];
  bankCard: string | null;
  bankName: string | null;
  bankCardLuhnOk: boolean | null;
  emergencyContact: { name: string; relation: RelationCode; phone: string };
  accompanyingChildren: { name: string; birthYear: number; schoolStage: SchoolStage }[];
  leftBehind: { relation: 'child' | 'spouse' | 'parent'; name: string; birthYear: number }[];
  /** Industry (GB/T 4754 section) of the current employer. */
  industry: IndustryCode;
  /** Monthly income (分), the survey's measure; employment.wageFen is in the wage type's unit. */
  monthlyIncomeFen: number;
  employment: SynthEmployment;
  insurance: SynthInsurance[];
}

export type SynthRecord = SynthEmployer | SynthWorker;

export interface RegionInput {
  code: string;
  name: string;
  level: number;
  parentCode: string | null;
}
