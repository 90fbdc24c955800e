/**
 * Marginals of a generated population, to compare with the targets in rates.ts (and the NBS
 * tables they come from). Streams: pass the generator itself for a million workers.
 */
import {
  EDUCATION_BY_CODE,
  INDUSTRY_CODES,
  NBS_EDUCATION_GROUPS,
  type IndustryCode,
  type InsuranceType,
  type NbsEducationGroup,
} from '@mwsp/domain';
import { hasAstral } from './names.js';
import * as R from './rates.js';
import type { SynthRecord } from './types.js';

const INSURANCE: readonly InsuranceType[] = ['pension', 'medical', 'injury', 'unemployment', 'maternity'];

export interface Summary {
  employers: {
    count: number;
    invalidCreditCodeShare: number;
    industry: Record<IndustryCode, number>;
    size: Record<string, number>;
    individualBusinessShare: number;
  };
  workers: {
    count: number;
    maleShare: number;
    femaleShareLocal: number;
    femaleShareOut: number;
    ageBands: Record<R.AgeBand, number>;
    meanAge: number;
    meanAgeLocal: number;
    meanAgeOut: number;
    minAge: number;
    maxAge: number;
    education: Record<NbsEducationGroup, number>;
    industry: Record<IndustryCode, number>;
    /** Share of the six NBS industries together and of everything else. */
    otherIndustriesShare: number;
    localShare: number;
    crossProvinceShareOfOut: number;
    meanIncome: number;
    meanIncomeLocal: number;
    meanIncomeOut: number;
    meanIncomeByIndustry: Partial<Record<IndustryCode, number>>;
    contractSignedShare: number;
    dispatchShare: number;
    wageType: Record<string, number>;
    filingStatus: Record<string, number>;
    /** Share enrolled through the employer (职工), and in any scheme. */
    insuranceEmployee: Record<InsuranceType, number>;
    insuranceAny: Record<InsuranceType, number>;
    /** Ethnicity (GB 3304 code) shares, largest first. */
    ethnicity: [code: string, share: number][];
    dotNameShare: number;
    rareCharNameShare: number;
    withSkillsShare: number;
    withCertificateShare: number;
    bankCardShare: number;
    luhnFailShareOfCards: number;
    accompanyingChildrenShare: number;
    leftBehindShare: number;
    /** Living in a 社区/居委会 rather than a 村委会 (NBS village codes 001–199 are 居委会, 200+ 村委会). */
    residenceUrbanCommunityShare: number;
    /** Living in an urban district (county-level name ending in 区). */
    residenceDistrictShare: number;
  };
}

class Counter<K extends string> {
  readonly counts = new Map<K, number>();
  add(k: K, n = 1) {
    this.counts.set(k, (this.counts.get(k) ?? 0) + n);
  }
  shares(total: number, keys?: readonly K[]): Record<K, number> {
    const out = {} as Record<K, number>;
    for (const k of keys ?? [...this.counts.keys()].sort((a, b) => this.counts.get(b)! - this.counts.get(a)!))
      out[k] = total ? (this.counts.get(k) ?? 0) / total : 0;
    return out;
  }
}

const mean = (sum: number, n: number) => (n ? sum / n : 0);

/** `districts`: county codes of the city's urban districts, for residenceDistrictShare (optional). */
export function summarize(records: Iterable<SynthRecord>, districts: ReadonlySet<string> = new Set()): Summary {
  let employers = 0,
    invalidCodes = 0,
    individual = 0;
  const empIndustry = new Counter<IndustryCode>();
  const empSize = new Counter<string>();
  let n = 0,
    males = 0,
    local = 0,
    localFemales = 0,
    outFemales = 0,
    cross = 0;
  let ageSum = 0,
    ageSumLocal = 0,
    ageSumOut = 0,
    minAge = Infinity,
    maxAge = -Infinity;
  const bands = new Counter<R.AgeBand>();
  const edu = new Counter<NbsEducationGroup>();
  const ind = new Counter<IndustryCode>();
  let incomeSum = 0,
    incomeLocal = 0,
    incomeOut = 0;
  const incomeByInd = new Map<IndustryCode, number>();
  let signed = 0,
    dispatch = 0;
  const wageType = new Counter<string>();
  const filing = new Counter<string>();
  const insEmp = new Counter<InsuranceType>();
  const insAny = new Counter<InsuranceType>();
  const eth = new Counter<string>();
  let dot = 0,
    rare = 0,
    withSkills = 0,
    withCert = 0,
    cards = 0,
    luhnFail = 0,
    accompanying = 0,
    leftBehind = 0,
    urbanResidence = 0,
    inDistrict = 0;

  for (const r of records) {
    if (r.kind === 'employer') {
      employers++;
      if (!r.creditCodeValid) invalidCodes++;
      if (r.creditCode.startsWith('92')) individual++;
      empIndustry.add(r.industry);
      empSize.add(r.size);
      continue;
    }
    n++;
    const isLocal = r.migrantType === 'local';
    if (r.sex === 'male') males++;
    if (isLocal) {
      local++;
      if (r.sex === 'female') localFemales++;
      ageSumLocal += r.age;
      incomeLocal += r.monthlyIncomeFen;
    } else {
      if (r.sex === 'female') outFemales++;
      if (r.crossProvince) cross++;
      ageSumOut += r.age;
      incomeOut += r.monthlyIncomeFen;
    }
    ageSum += r.age;
    minAge = Math.min(minAge, r.age);
    maxAge = Math.max(maxAge, r.age);
    bands.add(r.age <= 40 ? 'le40' : r.age <= 50 ? 'a41to50' : 'gt50');
    edu.add(EDUCATION_BY_CODE.get(r.education)!.nbsGroup);
    ind.add(r.industry);
    incomeSum += r.monthlyIncomeFen;
    incomeByInd.set(r.industry, (incomeByInd.get(r.industry) ?? 0) + r.monthlyIncomeFen);
    if (r.employment.contractSigned) signed++;
    if (r.employment.dispatch) dispatch++;
    wageType.add(r.employment.wageType);
    filing.add(r.employment.filingStatus);
    for (const i of r.insurance) {
      if (i.enrolled) insAny.add(i.type);
      if (i.scheme === 'employee') insEmp.add(i.type);
    }
    eth.add(r.ethnicity);
    if (r.name.includes('·')) dot++;
    if (hasAstral(r.name)) rare++;
    if (r.skills.length > 0) withSkills++;
    if (r.skills.some((s) => s.certificate)) withCert++;
    if (r.bankCard) {
      cards++;
      if (!r.bankCardLuhnOk) luhnFail++;
    }
    if (r.accompanyingChildren.length > 0) accompanying++;
    if (r.leftBehind.length > 0) leftBehind++;
    if (Number(r.residenceRegionCode.slice(9)) < 200) urbanResidence++;
    if (districts.has(r.residenceRegionCode.slice(0, 6))) inDistrict++;
  }

  const industry = ind.shares(n, INDUSTRY_CODES);
  const out = n - local;
  return {
    employers: {
      count: employers,
      invalidCreditCodeShare: mean(invalidCodes, employers),
      industry: empIndustry.shares(employers, INDUSTRY_CODES),
      size: empSize.shares(employers),
      individualBusinessShare: mean(individual, employers),
    },
    workers: {
      count: n,
      maleShare: mean(males, n),
      femaleShareLocal: mean(localFemales, local),
      femaleShareOut: mean(outFemales, out),
      ageBands: bands.shares(n, ['le40', 'a41to50', 'gt50']),
      meanAge: mean(ageSum, n),
      meanAgeLocal: mean(ageSumLocal, local),
      meanAgeOut: mean(ageSumOut, out),
      minAge,
      maxAge,
      education: edu.shares(n, NBS_EDUCATION_GROUPS),
      industry,
      otherIndustriesShare: 1 - R.NBS_INDUSTRIES.reduce((s, k) => s + industry[k], 0),
      localShare: mean(local, n),
      crossProvinceShareOfOut: mean(cross, out),
      meanIncome: mean(incomeSum, n) / 100,
      meanIncomeLocal: mean(incomeLocal, local) / 100,
      meanIncomeOut: mean(incomeOut, out) / 100,
      meanIncomeByIndustry: Object.fromEntries([...incomeByInd].map(([k, v]) => [k, v / 100 / ind.counts.get(k)!])),
      contractSignedShare: mean(signed, n),
      dispatchShare: mean(dispatch, n),
      wageType: wageType.shares(n),
      filingStatus: filing.shares(n),
      insuranceEmployee: insEmp.shares(n, INSURANCE),
      insuranceAny: insAny.shares(n, INSURANCE),
      ethnicity: [...eth.counts].sort((a, b) => b[1] - a[1]).map(([code, c]) => [code, c / n] as [string, number]),
      dotNameShare: mean(dot, n),
      rareCharNameShare: mean(rare, n),
      withSkillsShare: mean(withSkills, n),
      withCertificateShare: mean(withCert, n),
      bankCardShare: mean(cards, n),
      luhnFailShareOfCards: mean(luhnFail, cards),
      accompanyingChildrenShare: mean(accompanying, n),
      leftBehindShare: mean(leftBehind, n),
      residenceUrbanCommunityShare: mean(urbanResidence, n),
      residenceDistrictShare: mean(inDistrict, n),
    },
  };
}

export interface MarginalCheck {
  name: string;
  target: number;
  actual: number;
  /** actual − target in percentage points. */
  diffPp: number;
}

/** The survey marginals the generator promises to reproduce, as (target, actual) pairs. */
export function marginals(s: Summary): MarginalCheck[] {
  const w = s.workers;
  const rows: [string, number, number][] = [
    ['男性', R.MALE_SHARE, w.maleShare],
    ['年龄 ≤40', R.AGE_BANDS.le40, w.ageBands.le40],
    ['年龄 41–50', R.AGE_BANDS.a41to50, w.ageBands.a41to50],
    ['年龄 >50', R.AGE_BANDS.gt50, w.ageBands.gt50],
    ...NBS_EDUCATION_GROUPS.map(
      (g) => [`文化程度 ${g}`, R.EDUCATION_NBS[g], w.education[g]] as [string, number, number],
    ),
    ...R.NBS_INDUSTRIES.map((k) => [`行业 ${k}`, R.INDUSTRY_SHARES[k], w.industry[k]] as [string, number, number]),
    ['行业 其他', 1 - R.NBS_INDUSTRIES.reduce((sum, k) => sum + R.INDUSTRY_SHARES[k], 0), w.otherIndustriesShare],
    ['本地农民工', R.LOCAL_SHARE, w.localShare],
    ['外出中跨省', R.CROSS_PROVINCE_SHARE_OF_OUT, w.crossProvinceShareOfOut],
    ['签订劳动合同', R.CONTRACT_SIGNED_SHARE, w.contractSignedShare],
    ['劳务派遣', R.DISPATCH_SHARE, w.dispatchShare],
    ...(Object.keys(R.EMPLOYEE_INSURANCE) as InsuranceType[]).map(
      (t) => [`职工${t}`, R.EMPLOYEE_INSURANCE[t], w.insuranceEmployee[t]] as [string, number, number],
    ),
  ];
  return rows.map(([name, target, actual]) => ({ name, target, actual, diffPp: (actual - target) * 100 }));
}

/** Relative deviation of the mean incomes from the targets: overall and by the six NBS industries. */
export function incomeChecks(s: Summary): MarginalCheck[] {
  const rows: MarginalCheck[] = [{ name: '月均收入', target: R.MEAN_INCOME, actual: s.workers.meanIncome, diffPp: 0 }];
  for (const k of R.NBS_INDUSTRIES)
    rows.push({
      name: `月均收入 ${k}`,
      target: R.MEAN_INCOME_BY_INDUSTRY[k],
      actual: s.workers.meanIncomeByIndustry[k] ?? 0,
      diffPp: 0,
    });
  return rows.map((r) => ({ ...r, diffPp: ((r.actual - r.target) / r.target) * 100 }));
}
