/**
 * generateCity: a reproducible synthetic migrant-worker population for one city — employers
 * first, then workers — drawn from the NBS 2024 marginals in rates.ts. A generator, so a
 * million workers never sit in memory (only the employers and the set of issued ID numbers do).
 */
import {
  addDays,
  fromDayNumber,
  idCheckChar,
  luhnValid,
  OCCUPATION_BY_CODE,
  SKILL_LEVELS,
  toDayNumber,
  type IndustryCode,
  type InsuranceType,
  type NbsEducationGroup,
  type RelationCode,
  type SchoolStage,
  type Sex,
} from '@mwsp/domain';
import { BankCards, mobile } from './banks.js';
import { planEmployers } from './employers.js';
import { EthnicityModel } from './ethnicity.js';
import { CityGeography } from './geo.js';
import { Jobs } from './jobs.js';
import { personName, relativeName, type PersonName } from './names.js';
import { Rng, WeightedTable } from './random.js';
import * as R from './rates.js';
import type {
  EducationCode,
  RegionInput,
  SynthEmployment,
  SynthInsurance,
  SynthRecord,
  SynthSkill,
  SynthWorker,
} from './types.js';

export interface GenerateCityOptions {
  /** 4-digit city code, e.g. '5301' 昆明市, '6543' 阿勒泰地区. */
  cityCode: string;
  workers: number;
  /** Default 1. Same seed, same options → the same records. */
  seed?: number;
  /** Rows from readRegions(cityCode): all counties of China plus the city's townships and villages. */
  regions: readonly RegionInput[];
  /** Date the population is observed ('YYYY-MM-DD'); ages are 周岁 on it. Default '2025-12-31'. */
  asOf?: string;
  /** Number of employers; default round(workers / 25). */
  employers?: number;
}

export const DEFAULT_AS_OF = '2025-12-31';
const INSURANCE_ORDER: readonly InsuranceType[] = ['pension', 'medical', 'injury', 'unemployment', 'maternity'];

/** Same date n years earlier (29 Feb → 28 Feb). */
function yearsBefore(date: string, n: number): string {
  const y = Number(date.slice(0, 4)) - n;
  const md = date.slice(5);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return `${String(y).padStart(4, '0')}-${md === '02-29' && !leap ? '02-28' : md}`;
}

function bandOf(age: number): R.AgeBand {
  return age <= 40 ? 'le40' : age <= 50 ? 'a41to50' : 'gt50';
}

export function* generateCity(opts: GenerateCityOptions): Generator<SynthRecord, void, undefined> {
  const asOf = opts.asOf ?? DEFAULT_AS_OF;
  const asOfDay = toDayNumber(asOf);
  const asOfYear = Number(asOf.slice(0, 4));
  const seed = opts.seed ?? 1;
  if (!Number.isInteger(opts.workers) || opts.workers < 0)
    throw new RangeError('workers must be a non-negative integer');

  const geo = new CityGeography(opts.cityCode, opts.regions);
  const ethnicity = new EthnicityModel(geo);
  const jobs = new Jobs();
  const banks = new BankCards(geo.provinceCode);

  // ---- employers ----
  const employerCount = opts.employers ?? Math.max(1, Math.round(opts.workers / R.WORKERS_PER_EMPLOYER));
  const plan = planEmployers(new Rng(seed, 'employers'), geo, ethnicity, employerCount, R.INDUSTRY_SHARES);
  for (const e of plan.records) yield e;

  // ---- tables ----
  const rng = new Rng(seed, 'workers');
  const bandTables = {
    local: WeightedTable.fromRecord(R.AGE_BANDS_BY_MIGRANT.local),
    out: WeightedTable.fromRecord(R.AGE_BANDS_BY_MIGRANT.out),
  };
  const subbandTables = Object.fromEntries(
    (Object.keys(R.AGE_SUBBANDS) as R.AgeBand[]).map((b) => [
      b,
      new WeightedTable(R.AGE_SUBBANDS[b].map(([min, max, w]) => [[min, max] as const, w] as const)),
    ]),
  ) as Record<R.AgeBand, WeightedTable<readonly [number, number]>>;
  const eduTables = Object.fromEntries(
    (Object.keys(R.EDUCATION_BY_BAND) as R.AgeBand[]).map((b) => [
      b,
      WeightedTable.fromRecord<NbsEducationGroup>(R.EDUCATION_BY_BAND[b]),
    ]),
  ) as Record<R.AgeBand, WeightedTable<NbsEducationGroup>>;
  const eduSplit = Object.fromEntries(
    (Object.keys(R.EDUCATION_SPLIT) as NbsEducationGroup[]).map((g) => [g, new WeightedTable(R.EDUCATION_SPLIT[g])]),
  ) as Record<NbsEducationGroup, WeightedTable<EducationCode>>;
  const industryTables = {
    male: WeightedTable.fromRecord(R.INDUSTRY_SHARES_BY_SEX.male),
    female: WeightedTable.fromRecord(R.INDUSTRY_SHARES_BY_SEX.female),
  };
  const contractNorm = (Object.entries(R.INDUSTRY_SHARES) as [IndustryCode, number][]).reduce(
    (s, [k, share]) => s + share * (R.CONTRACT_FACTOR_BY_INDUSTRY[k] ?? 1),
    0,
  );
  const contractP = (industry: IndustryCode) =>
    Math.min(0.97, (R.CONTRACT_SIGNED_SHARE * (R.CONTRACT_FACTOR_BY_INDUSTRY[industry] ?? 1)) / contractNorm);
  const wageTables = new Map<IndustryCode, WeightedTable<SynthEmployment['wageType']>>();
  const wageTable = (industry: IndustryCode) => {
    let t = wageTables.get(industry);
    if (!t) {
      const [m, d, p] = R.WAGE_TYPES_BY_INDUSTRY[industry] ?? R.WAGE_TYPES_DEFAULT;
      wageTables.set(
        industry,
        (t = new WeightedTable([
          ['monthly', m],
          ['daily', d],
          ['piece', p],
        ] as const)),
      );
    }
    return t;
  };
  const contractTypes = {
    default: new WeightedTable([
      ['fixed', R.CONTRACT_TYPES.default[0]],
      ['open', R.CONTRACT_TYPES.default[1]],
      ['task', R.CONTRACT_TYPES.default[2]],
    ] as const),
    E: new WeightedTable([
      ['fixed', R.CONTRACT_TYPES.E[0]],
      ['open', R.CONTRACT_TYPES.E[1]],
      ['task', R.CONTRACT_TYPES.E[2]],
    ] as const),
  };
  const fixedTerms = new WeightedTable(R.FIXED_TERMS_MONTHS);
  const filing = {
    signed: new WeightedTable([
      ['filed', R.FILING.signed[0]],
      ['pending', R.FILING.signed[1]],
      ['none', R.FILING.signed[2]],
    ] as const),
    unsigned: new WeightedTable([
      ['filed', R.FILING.unsigned[0]],
      ['pending', R.FILING.unsigned[1]],
      ['none', R.FILING.unsigned[2]],
    ] as const),
  };
  const skillCount = new WeightedTable(R.SKILL_COUNT.map((w, i) => [i, w] as const));
  const skillLevelTable = new WeightedTable([
    [SKILL_LEVELS[0].name, 50],
    [SKILL_LEVELS[1].name, 35],
    [SKILL_LEVELS[2].name, 12],
    [SKILL_LEVELS[3].name, 3],
  ] as const);
  /** Employee-scheme coverage given a contract / without one (see rates.ts). */
  const insuranceBase = R.CONTRACT_SIGNED_SHARE + (1 - R.CONTRACT_SIGNED_SHARE) * R.INSURANCE_UNSIGNED_RELATIVE;
  const dispatchGivenSigned = R.DISPATCH_SHARE / R.CONTRACT_SIGNED_SHARE;
  const issued = new Map<string, Set<number>>(); // county → dayNumber*1000+seq, to keep ID numbers unique
  const residentSchemeStart = toDayNumber('2010-01-01');

  for (let i = 0; i < opts.workers; i++) {
    // Where from, where living.
    const local = rng.chance(R.LOCAL_SHARE);
    const migrantType = local ? 'local' : 'out';
    let residenceCounty: string;
    let originCode: string;
    let crossProvince = false;
    if (local) {
      residenceCounty = geo.localCounty(rng).code;
      originCode = residenceCounty;
    } else {
      residenceCounty = geo.urbanCounty(rng).code;
      crossProvince = rng.chance(R.CROSS_PROVINCE_SHARE_OF_OUT);
      originCode = geo.outOrigin(rng, residenceCounty, crossProvince, R.SAME_CITY_SHARE_OF_INTRA_PROVINCE).code;
    }
    const residence = geo.village(rng, residenceCounty, local);

    // Who.
    const sex: Sex = rng.chance(R.MALE_SHARE_BY_MIGRANT[migrantType]) ? 'male' : 'female';
    const band = bandTables[migrantType].draw(rng);
    const [minAge, maxAge] = subbandTables[band].draw(rng);
    const age = rng.range(minAge, maxAge);
    // Born after the (age+1)th birthday before asOf and on or before the age-th.
    const earliest = toDayNumber(yearsBefore(asOf, age + 1)) + 1;
    const latest = toDayNumber(yearsBefore(asOf, age));
    const birthDay = earliest + rng.int(latest - earliest + 1);
    const birthDate = fromDayNumber(birthDay);
    const eth = ethnicity.draw(rng, originCode);
    const person = personName(rng, sex, eth, rng.chance(R.RARE_CHAR_NAME_SHARE));

    let used = issued.get(originCode);
    if (!used) issued.set(originCode, (used = new Set()));
    let seq: number;
    do seq = rng.int(500) * 2 + (sex === 'male' ? 1 : 0);
    while (used.has((birthDay + 50_000) * 1000 + seq));
    used.add((birthDay + 50_000) * 1000 + seq);
    const first17 = originCode + birthDate.replace(/-/g, '') + String(seq).padStart(3, '0');
    const idNumber = first17 + idCheckChar(first17);

    const education = eduSplit[eduTables[bandOf(age)].draw(rng)].draw(rng);

    // Work.
    const industry = industryTables[sex].draw(rng);
    const employer = plan.records[plan.byIndustry.get(industry)!.draw(rng)];
    const occupationCode = jobs.occupation(rng, industry, sex);
    let income: number;
    do
      income = rng.logNormal(
        R.MEAN_INCOME_BY_INDUSTRY[industry] * R.INCOME_FACTOR_BY_INDUSTRY[industry][migrantType],
        R.INCOME_LOG_SIGMA,
      );
    while (income < R.INCOME_FLOOR);
    const monthlyIncomeFen = Math.round(income) * 100;
    const wageType = wageTable(industry).draw(rng);
    const wageFen = wageType === 'daily' ? Math.round(income / R.WORKDAYS_PER_MONTH) * 100 : monthlyIncomeFen;
    const contractSigned = rng.chance(contractP(industry));
    const contractType: SynthEmployment['contractType'] = contractSigned
      ? (industry === 'E' ? contractTypes.E : contractTypes.default).draw(rng)
      : 'none';
    const contractTermMonths =
      contractType === 'fixed' ? fixedTerms.draw(rng) : contractType === 'task' ? rng.range(3, 24) : null;
    const maxTenureDays = Math.min(20 * 365, asOfDay - toDayNumber(yearsBefore(birthDate, -16)));
    const tenureDays = Math.min(maxTenureDays, Math.floor(rng.exponential(R.MEAN_TENURE_YEARS * 365)));
    const startDate = fromDayNumber(asOfDay - tenureDays);
    const employment: SynthEmployment = {
      employerKey: employer.key,
      startDate,
      endDate: null,
      position: jobs.title(rng, occupationCode),
      occupationCode,
      wageFen,
      wageType,
      contractType,
      contractSigned,
      contractTermMonths,
      filingStatus: (contractSigned ? filing.signed : filing.unsigned).draw(rng),
      dispatch: contractSigned && rng.chance(dispatchGivenSigned),
      status: 'active',
    };

    // Skills: the current occupation first, then another of the industry's.
    const skills: SynthSkill[] = [];
    const nSkills = skillCount.draw(rng);
    for (let k = 0, guard = 0; skills.length < nSkills && guard < 8; k++, guard++) {
      const code = k === 0 ? occupationCode : jobs.occupation(rng, industry, sex);
      if (code === '8-00-00-00' || skills.some((s) => s.occupationCode === code)) continue;
      skills.push(skill(rng, code, skillLevelTable));
    }

    const card = rng.chance(R.BANK_CARD_SHARE) ? banks.draw(rng, rng.chance(R.BANK_CARD_LUHN_FAIL_SHARE)) : null;

    const worker: SynthWorker = {
      kind: 'worker',
      key: 'W' + String(i + 1).padStart(7, '0'),
      name: person.name,
      idNumber,
      sex,
      birthDate,
      age,
      ethnicity: eth,
      education,
      phone: mobile(rng),
      hukouRegionCode: originCode,
      residenceRegionCode: residence.code,
      migrantType,
      crossProvince,
      skills,
      bankCard: card?.bankCard ?? null,
      bankName: card?.bankName ?? null,
      bankCardLuhnOk: card ? luhnValid(card.bankCard) : null,
      emergencyContact: emergencyContact(rng, person, sex, age, eth),
      accompanyingChildren: [],
      leftBehind: [],
      industry,
      monthlyIncomeFen,
      employment,
      insurance: [],
    };
    family(rng, worker, person, asOfYear);

    // Insurance: one draw per worker, so the five types nest.
    const u = rng.float();
    const relative = contractSigned ? 1 : R.INSURANCE_UNSIGNED_RELATIVE;
    const residentSince = () => {
      const from = Math.max(residentSchemeStart, toDayNumber(yearsBefore(birthDate, -16)));
      return fromDayNumber(from + rng.int(Math.max(1, asOfDay - from)));
    };
    const insurance: SynthInsurance[] = [];
    for (const type of INSURANCE_ORDER) {
      if (u < (R.EMPLOYEE_INSURANCE[type] / insuranceBase) * relative) {
        const since = addDays(startDate, rng.int(60));
        insurance.push({
          type,
          enrolled: true,
          scheme: 'employee',
          since: since > asOf ? asOf : since,
          placeRegionCode: employer.regionCode.slice(0, 6),
        });
      } else if ((type === 'medical' || type === 'pension') && rng.chance(R.RESIDENT_INSURANCE[type])) {
        insurance.push({
          type,
          enrolled: true,
          scheme: 'resident',
          since: residentSince(),
          placeRegionCode: originCode,
        });
      } else {
        insurance.push({ type, enrolled: false, scheme: null, since: null, placeRegionCode: null });
      }
    }
    worker.insurance = insurance;
    yield worker;
  }

  function skill(r: Rng, code: string, levels: WeightedTable<string>): SynthSkill {
    const occ = OCCUPATION_BY_CODE.get(code)!;
    if (occ.certificate === 'qualification') {
      const driver = occ.licence === '道路运输从业资格证';
      if (r.chance(driver ? R.CERTIFICATE_SHARE.driver : R.CERTIFICATE_SHARE.qualification))
        return { occupationCode: code, certificate: occ.licence!, level: null };
    }
    if (occ.certificate !== null && r.chance(R.CERTIFICATE_SHARE.skill))
      return { occupationCode: code, certificate: '职业技能等级证书', level: levels.draw(r) };
    return { occupationCode: code, certificate: null, level: null };
  }

  function emergencyContact(
    r: Rng,
    person: PersonName,
    sex: Sex,
    age: number,
    eth: string,
  ): SynthWorker['emergencyContact'] {
    const relation = (age < 30 ? RELATIONS_YOUNG : age <= 50 ? RELATIONS_MIDDLE : RELATIONS_OLD).draw(r);
    const relSex: Sex =
      relation === 'spouse' ? (sex === 'male' ? 'female' : 'male') : r.chance(0.5) ? 'male' : 'female';
    return { name: relativeName(r, person, sex, relation, relSex, eth), relation, phone: mobile(r) };
  }

  function family(r: Rng, w: SynthWorker, person: PersonName, year: number): void {
    if (w.migrantType !== 'out') return;
    const birthYear = Number(w.birthDate.slice(0, 4));
    // Accompanying children aged 3–17, born when the parent was ≥ 18.
    if (w.age >= 22 && w.age <= 50 && r.chance(R.ACCOMPANYING_CHILDREN_SHARE)) {
      const n = r.chance(0.3) ? 2 : 1;
      const from = Math.max(year - 17, birthYear + 18);
      const to = year - 3;
      for (let k = 0; k < n && from <= to; k++) {
        const by = r.range(from, to);
        const childAge = year - by;
        const stage: SchoolStage =
          childAge <= 5
            ? 'preschool'
            : childAge <= 11
              ? 'primary'
              : childAge <= 14
                ? 'junior'
                : r.chance(R.VOCATIONAL_SHARE_15_17)
                  ? 'vocational'
                  : 'senior';
        const childSex: Sex = r.chance(0.52) ? 'male' : 'female';
        w.accompanyingChildren.push({
          name: relativeName(r, person, w.sex, 'child', childSex, w.ethnicity),
          birthYear: by,
          schoolStage: stage,
        });
      }
    }
    if (w.age >= 20 && w.age <= 50 && r.chance(R.LEFT_BEHIND.child)) {
      const from = Math.max(year - 17, birthYear + 18);
      if (from <= year) {
        const childSex: Sex = r.chance(0.52) ? 'male' : 'female';
        w.leftBehind.push({
          relation: 'child',
          name: relativeName(r, person, w.sex, 'child', childSex, w.ethnicity),
          birthYear: r.range(from, year),
        });
      }
    }
    if (w.age >= 25 && w.age <= 60 && r.chance(R.LEFT_BEHIND.spouse)) {
      w.leftBehind.push({
        relation: 'spouse',
        name: relativeName(r, person, w.sex, 'spouse', w.sex === 'male' ? 'female' : 'male', w.ethnicity),
        birthYear: birthYear + r.range(-3, 3),
      });
    }
    if (w.age >= 25 && w.age <= 55 && r.chance(R.LEFT_BEHIND.parent)) {
      const parentSex: Sex = r.chance(0.5) ? 'male' : 'female';
      w.leftBehind.push({
        relation: 'parent',
        name: relativeName(r, person, w.sex, 'parent', parentSex, w.ethnicity),
        birthYear: birthYear - r.range(20, 35),
      });
    }
  }
}

const RELATIONS_YOUNG = WeightedTable.fromRecord<RelationCode>({
  parent: 45,
  sibling: 25,
  spouse: 25,
  child: 0,
  other: 5,
});
const RELATIONS_MIDDLE = WeightedTable.fromRecord<RelationCode>({
  spouse: 65,
  sibling: 15,
  parent: 10,
  child: 5,
  other: 5,
});
const RELATIONS_OLD = WeightedTable.fromRecord<RelationCode>({
  spouse: 55,
  child: 35,
  sibling: 7,
  parent: 0,
  other: 3,
});
