/**
 * Every rate the synthetic city is drawn from, with where it comes from. "NBS 2024" means the
 * 2024 农民工监测调查报告 (published 2025-04-30) as transcribed in shared/reference/stats_refdata.md
 * (from reposts; not yet checked against stats.gov.cn). Anything marked ASSUMED is ours: a
 * plausible value with no published source — change it here, the generator and the tests follow.
 */
import type { EducationCode } from './types.js';
import type { IndustryCode, InsuranceType, NbsEducationGroup } from '@mwsp/domain';

// ---- scale and flow (NBS 2024, §1.1) ------------------------------------------------------
/** 本地 12,102万 of 29,973万 = 40.4%; 外出 59.6%. */
export const LOCAL_SHARE = 12102 / 29973;
/** 跨省 6,840万 of 外出 17,871万 = 38.3%. */
export const CROSS_PROVINCE_SHARE_OF_OUT = 0.383;
/**
 * Intra-province out-migrants coming from another county of the deployment city itself rather
 * than from another city of the province. ASSUMED (the survey does not publish it).
 */
export const SAME_CITY_SHARE_OF_INTRA_PROVINCE = 0.2;

// ---- sex (NBS 2024, §1.3) -------------------------------------------------------------------
export const MALE_SHARE = 0.624;
/**
 * Female share is 44.2% among 本地 and 31.7% among 外出 (NBS 2024), but those two do not mix to
 * 37.6% with the 40.4/59.6 split (they give 36.7%); both are shifted by the same amount so that
 * the overall share is exactly 62.4% male and the local/out gap (12.5 pp) is kept.
 */
const FEMALE_LOCAL = 0.442;
const FEMALE_OUT = 0.317;
const femaleShift = 1 - MALE_SHARE - (LOCAL_SHARE * FEMALE_LOCAL + (1 - LOCAL_SHARE) * FEMALE_OUT);
export const MALE_SHARE_BY_MIGRANT = {
  local: 1 - (FEMALE_LOCAL + femaleShift),
  out: 1 - (FEMALE_OUT + femaleShift),
} as const;

// ---- age (NBS 2024, §1.3: ≤40 43.7%, 41–50 24.7%, >50 31.6%; mean 43.2, 本地 46.8, 外出 39.0) -------
export type AgeBand = 'le40' | 'a41to50' | 'gt50';
export const AGE_BANDS: Readonly<Record<AgeBand, number>> = { le40: 0.437, a41to50: 0.247, gt50: 0.316 };
/**
 * Band shares among 本地 workers (ASSUMED, chosen so that their mean age is ≈ 46.8); the 外出
 * shares follow from the overall ones, so the mixture is exactly the NBS table.
 */
const AGE_BANDS_LOCAL: Readonly<Record<AgeBand, number>> = { le40: 0.26, a41to50: 0.28, gt50: 0.46 };
const outBand = (b: AgeBand) => (AGE_BANDS[b] - LOCAL_SHARE * AGE_BANDS_LOCAL[b]) / (1 - LOCAL_SHARE);
export const AGE_BANDS_BY_MIGRANT: Readonly<Record<'local' | 'out', Readonly<Record<AgeBand, number>>>> = {
  local: AGE_BANDS_LOCAL,
  out: { le40: outBand('le40'), a41to50: outBand('a41to50'), gt50: outBand('gt50') },
};
/**
 * Ages inside each band (relative weights), 16–65. ASSUMED shape after the last published
 * 5-bucket table (2021: 16–20 1.6%, 21–30 19.6%, 31–40 27.0%), scaled to the 2024 band;
 * > 50 split so the overall mean comes out near 43.
 */
export const AGE_SUBBANDS: Readonly<
  Record<AgeBand, ReadonlyArray<readonly [min: number, max: number, weight: number]>>
> = {
  le40: [
    [16, 20, 1.0],
    [21, 30, 15.5],
    [31, 40, 27.2],
  ],
  a41to50: [[41, 50, 1]],
  gt50: [
    [51, 55, 12.5],
    [56, 60, 11.5],
    [61, 65, 7.6],
  ],
};
export const MIN_AGE = 16;
export const MAX_AGE = 65;

// ---- education (NBS 2023, §1.3 — the 2024 report's education table was not found) ----------
/** 未上过学 0.8%, 小学 13.8%, 初中 52.1%, 高中 (incl. 中专) 17.5%, 大专及以上 15.8% (NBS 2023). */
export const EDUCATION_NBS: Readonly<Record<NbsEducationGroup, number>> = {
  未上过学: 0.008,
  小学: 0.138,
  初中: 0.521,
  高中: 0.175,
  大专及以上: 0.158,
};
/**
 * Education by age band (ASSUMED: the young are better schooled), chosen so that the mixture
 * over AGE_BANDS reproduces EDUCATION_NBS; 初中 is the remainder of each row.
 */
const EDU_BY_BAND_PARTIAL: Readonly<Record<AgeBand, Omit<Record<NbsEducationGroup, number>, '初中'>>> = {
  le40: { 未上过学: 0.001, 小学: 0.04, 高中: 0.212, 大专及以上: 0.298 },
  a41to50: { 未上过学: 0.004, 小学: 0.12, 高中: 0.18, 大专及以上: 0.08 },
  gt50: { 未上过学: 0.021, 小学: 0.288, 高中: 0.12, 大专及以上: 0.025 },
};
export const EDUCATION_BY_BAND: Readonly<Record<AgeBand, Readonly<Record<NbsEducationGroup, number>>>> =
  Object.fromEntries(
    (Object.keys(EDU_BY_BAND_PARTIAL) as AgeBand[]).map((band) => {
      const p = EDU_BY_BAND_PARTIAL[band];
      return [band, { ...p, 初中: 1 - p.未上过学 - p.小学 - p.高中 - p.大专及以上 }];
    }),
  ) as Record<AgeBand, Record<NbsEducationGroup, number>>;
/** Split of the NBS buckets into the platform's codes. ASSUMED (the survey does not split them). */
export const EDUCATION_SPLIT: Readonly<Record<NbsEducationGroup, ReadonlyArray<readonly [EducationCode, number]>>> = {
  未上过学: [['10', 1]],
  小学: [['20', 1]],
  初中: [['30', 1]],
  高中: [
    ['40', 0.63],
    ['50', 0.37],
  ],
  大专及以上: [
    ['60', 0.65],
    ['70', 0.35],
  ],
};

// ---- industry (NBS 2024, §1.4) --------------------------------------------------------------
/**
 * C 27.9, E 14.3, F 13.6, G 7.2, H 7.1, O 12.3 (NBS 2024); A 0.7 = 100 − 二产 44.7 − 三产 54.6.
 * The other 16.9% (NBS publishes no further split) is spread by us (ASSUMED) over the sections
 * where migrant workers are common: L (security, labour services), K (property management),
 * N (cleaning, landscaping), Q (care workers), B, R, I, P, S, D, M, J; T (国际组织) gets none.
 */
export const INDUSTRY_SHARES: Readonly<Record<IndustryCode, number>> = {
  A: 0.007,
  B: 0.012,
  C: 0.279,
  D: 0.006,
  E: 0.143,
  F: 0.136,
  G: 0.072,
  H: 0.071,
  I: 0.008,
  J: 0.003,
  K: 0.03,
  L: 0.04,
  M: 0.006,
  N: 0.025,
  O: 0.123,
  P: 0.007,
  Q: 0.015,
  R: 0.01,
  S: 0.007,
  T: 0,
};
/** The six industries the NBS report names. */
export const NBS_INDUSTRIES: readonly IndustryCode[] = ['C', 'E', 'F', 'G', 'H', 'O'];
/**
 * Industry shares among men (ASSUMED: construction, transport and mining are mostly male);
 * the women's shares follow so that the mixture is exactly INDUSTRY_SHARES.
 */
const INDUSTRY_SHARES_MALE: Readonly<Record<IndustryCode, number>> = {
  A: 0.007,
  B: 0.017,
  C: 0.265,
  D: 0.008,
  E: 0.205,
  F: 0.115,
  G: 0.1,
  H: 0.055,
  I: 0.008,
  J: 0.002,
  K: 0.03,
  L: 0.045,
  M: 0.006,
  N: 0.022,
  O: 0.09,
  P: 0.004,
  Q: 0.006,
  R: 0.008,
  S: 0.007,
  T: 0,
};
export const INDUSTRY_SHARES_BY_SEX: Readonly<Record<'male' | 'female', Readonly<Record<IndustryCode, number>>>> = {
  male: INDUSTRY_SHARES_MALE,
  female: Object.fromEntries(
    (Object.keys(INDUSTRY_SHARES) as IndustryCode[]).map((k) => [
      k,
      (INDUSTRY_SHARES[k] - MALE_SHARE * INDUSTRY_SHARES_MALE[k]) / (1 - MALE_SHARE),
    ]),
  ) as Record<IndustryCode, number>,
};

// ---- income (NBS 2024, §1.5; 元/月) -----------------------------------------------------------
/** Average monthly income of all migrant workers. */
export const MEAN_INCOME = 4961;
export const MEAN_INCOME_BY_MIGRANT = { local: 4291, out: 5634 } as const;
const NAMED_INCOME: Partial<Record<IndustryCode, number>> = { C: 4978, E: 5743, F: 4362, G: 5635, H: 4141, O: 4023 };
/**
 * Monthly income by industry: the six published figures; every other section gets the one
 * value that makes the overall mean 4,961 (DERIVED: ≈ 5,470).
 */
export const MEAN_INCOME_BY_INDUSTRY: Readonly<Record<IndustryCode, number>> = (() => {
  const named = Object.entries(NAMED_INCOME) as [IndustryCode, number][];
  const namedShare = named.reduce((s, [k]) => s + INDUSTRY_SHARES[k], 0);
  const rest = (MEAN_INCOME - named.reduce((s, [k, v]) => s + INDUSTRY_SHARES[k] * v, 0)) / (1 - namedShare);
  return Object.fromEntries(
    (Object.keys(INDUSTRY_SHARES) as IndustryCode[]).map((k) => [k, NAMED_INCOME[k] ?? Math.round(rest)]),
  ) as Record<IndustryCode, number>;
})();
/**
 * 外出 earn 5,634 and 本地 4,291 (ratio 1.313), but those do not average to 4,961 with the
 * 40.4/59.6 split (they give 5,092): we keep the ratio and the industry means. Because women
 * are more often local and work in other industries than men, the share of locals differs by
 * industry; the factors are computed per industry so that each industry's mean stays exactly
 * the published one. Local and out-migrant means then come out ≈ 4,180 / 5,490 (both ≈ 2.5%
 * under the published values).
 */
const INCOME_RATIO_OUT_TO_LOCAL = MEAN_INCOME_BY_MIGRANT.out / MEAN_INCOME_BY_MIGRANT.local;
export const INCOME_FACTOR_BY_INDUSTRY: Readonly<Record<IndustryCode, { local: number; out: number }>> = (() => {
  const out = {} as Record<IndustryCode, { local: number; out: number }>;
  for (const k of Object.keys(INDUSTRY_SHARES) as IndustryCode[]) {
    // P(local | industry) from P(local), P(sex | local/out) and P(industry | sex).
    const pInd = (m: 'local' | 'out') =>
      MALE_SHARE_BY_MIGRANT[m] * INDUSTRY_SHARES_BY_SEX.male[k] +
      (1 - MALE_SHARE_BY_MIGRANT[m]) * INDUSTRY_SHARES_BY_SEX.female[k];
    const l = LOCAL_SHARE * pInd('local');
    const o = (1 - LOCAL_SHARE) * pInd('out');
    const pLocal = l + o > 0 ? l / (l + o) : LOCAL_SHARE;
    const local = 1 / (pLocal + (1 - pLocal) * INCOME_RATIO_OUT_TO_LOCAL);
    out[k] = { local, out: local * INCOME_RATIO_OUT_TO_LOCAL };
  }
  return out;
})();
/** Spread of individual incomes around the mean: log-normal σ. ASSUMED (NBS publishes means only). */
export const INCOME_LOG_SIGMA = 0.35;
/**
 * Nobody below this (元/月): the generator redraws. Below the lowest minimum wage tier on purpose (arrears cases
 * exist).
 */
export const INCOME_FLOOR = 1000;

// ---- employment relations (ASSUMED unless stated) ---------------------------------------------
/**
 * Share with a signed labour contract. The NBS report has not published this since 2016
 * (when it was 35.1% — from memory, unverified); stats_refdata.md has no figure, so we use
 * 65% as the brief suggests. Construction and catering lower, manufacturing higher; the
 * industry factors are normalised so the overall share stays 65%.
 */
export const CONTRACT_SIGNED_SHARE = 0.65;
export const CONTRACT_FACTOR_BY_INDUSTRY: Partial<Record<IndustryCode, number>> = {
  E: 0.72,
  H: 0.85,
  O: 0.8,
  F: 0.9,
  A: 0.6,
  C: 1.18,
  L: 1.15,
  G: 1.05,
};
/** Share of 劳务派遣 (dispatched) workers — ≈ 5%, all with a contract (with the agency). */
export const DISPATCH_SHARE = 0.05;
/** Wage type by industry: [monthly, daily, piece]. */
export const WAGE_TYPES_BY_INDUSTRY: Partial<Record<IndustryCode, readonly [number, number, number]>> = {
  E: [0.4, 0.45, 0.15],
  C: [0.72, 0.06, 0.22],
  A: [0.4, 0.5, 0.1],
  G: [0.7, 0.05, 0.25],
  O: [0.8, 0.15, 0.05],
};
export const WAGE_TYPES_DEFAULT: readonly [number, number, number] = [0.87, 0.1, 0.03];
/** Working days in a month, to turn a monthly income into a daily wage (21.75 = the legal 月计薪天数). */
export const WORKDAYS_PER_MONTH = 21.75;
/** Among signed contracts: [fixed-term, open-ended, task-based]. */
export const CONTRACT_TYPES = { default: [0.86, 0.08, 0.06], E: [0.7, 0.03, 0.27] } as const;
export const FIXED_TERMS_MONTHS: ReadonlyArray<readonly [number, number]> = [
  [12, 0.35],
  [24, 0.2],
  [36, 0.3],
  [60, 0.15],
];
/** 用工备案 status: signed → filed 75 / pending 20 / none 5; unsigned → pending 15 / none 85. */
export const FILING = { signed: [0.75, 0.2, 0.05], unsigned: [0, 0.15, 0.85] } as const;
/** Mean tenure with the current employer, years (exponential, capped by age). */
export const MEAN_TENURE_YEARS = 3;

// ---- social insurance -------------------------------------------------------------------------
/**
 * Employee (职工) social insurance through the employer: the last rates the NBS report
 * published (2014 report: 工伤 26.2%, 医疗 17.6%, 养老 16.7%, 失业 10.5%, 生育 7.8% — from
 * memory, unverified; stats_refdata.md confirms none after 2013 (养老 15.7%)). Workers with a
 * contract are 5× as likely to be covered as those without, and the types nest (one draw per
 * worker), as they do when an employer enrols people in 五险 at once.
 */
export const EMPLOYEE_INSURANCE: Readonly<Record<InsuranceType, number>> = {
  injury: 0.262,
  medical: 0.176,
  pension: 0.167,
  unemployment: 0.105,
  maternity: 0.078,
};
export const INSURANCE_UNSIGNED_RELATIVE = 0.2;
/**
 * Resident schemes (城乡居民) for those without the employee scheme, at the hukou county:
 * medical 95% (basic medical insurance covers ≥ 95% of the population — general knowledge,
 * 国家医保局 statistical bulletins), pension 70% (ASSUMED).
 */
export const RESIDENT_INSURANCE = { medical: 0.95, pension: 0.7 } as const;

// ---- family (ASSUMED; the survey publishes rates for children, not per worker) ------------------
/** Out-migrants aged 22–50 with ≥ 1 accompanying child (随迁子女) aged 3–17. */
export const ACCOMPANYING_CHILDREN_SHARE = 0.25;
/** Share of 中职 among 15–17-year-olds in school (the rest 高中). */
export const VOCATIONAL_SHARE_15_17 = 0.25;
/** Out-migrants with left-behind (留守) children (age 20–50), spouse (25–60), parents (25–55). */
export const LEFT_BEHIND = { child: 0.3, spouse: 0.15, parent: 0.25 } as const;

// ---- identity data quality -------------------------------------------------------------------
/** Share of workers with a bank card on file; of those, share deliberately failing Luhn. */
export const BANK_CARD_SHARE = 0.97;
export const BANK_CARD_LUHN_FAIL_SHARE = 0.005;
/** Employers whose credit code carries a wrong check character (exercises the warning). */
export const CREDIT_CODE_INVALID_SHARE = 0.01;
/** Names with a character outside the BMP (CJK Extension B+). */
export const RARE_CHAR_NAME_SHARE = 0.001;
/** Skills on file: 0, 1 or 2. */
export const SKILL_COUNT: readonly [number, number, number] = [0.35, 0.5, 0.15];
/** Share holding the certificate: licensed trades (drivers need theirs), other trades. */
export const CERTIFICATE_SHARE = { qualification: 0.6, driver: 0.95, skill: 0.25 } as const;

// ---- employers -------------------------------------------------------------------------------
export const WORKERS_PER_EMPLOYER = 25;
/** Size classes of employers and the relative number of registry workers each brings. ASSUMED. */
export const EMPLOYER_SIZE_MIX = { micro: [0.3, 1], small: [0.45, 4], medium: [0.18, 12], large: [0.07, 30] } as const;
