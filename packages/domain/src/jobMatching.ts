/**
 * Explainable matching of seekers and job postings (人岗匹配): a linear model over named features, each in [0, 1];
 * the score is Σ weight × feature, and each feature's contribution is a Chinese explanation tag
 * ("工种匹配 · 同区县 · 月薪 4,800–5,500 元 · 提供住宿"). The weights are data (the server's match_weights
 * table, a default row and one per campaign). The same function ranks the candidates the database returns and,
 * in the benchmark and the offline evaluation, every posting by brute force.
 *
 * Distance is measured over the region tree (same township, county, city, province); when the facts carry the town
 * centres (hukouCentre, centre) the tag also gives the kilometres between them (geoDistance.ts).
 */
import type { JobBenefits, PlacePreference } from './employment.js';
import { distanceKmTag, haversineKm, type GeoPoint } from './geoDistance.js';

export const MATCH_FEATURES = [
  'occupation',
  'skills',
  'distance',
  'wage',
  'preference',
  'benefits',
  'freshness',
] as const;
export type MatchFeature = (typeof MATCH_FEATURES)[number];
export type MatchWeights = Record<MatchFeature, number>;

export const MATCH_FEATURE_LABELS: Record<MatchFeature, string> = {
  occupation: '工种相似度',
  skills: '技能与证书',
  distance: '距离',
  wage: '工资',
  preference: '就近/外出意向',
  benefits: '福利待遇',
  freshness: '发布时间',
};

export const DEFAULT_MATCH_WEIGHTS: MatchWeights = {
  occupation: 4,
  skills: 1.5,
  distance: 2,
  wage: 1.5,
  preference: 1,
  benefits: 0.5,
  freshness: 0.5,
};

export interface SeekerFacts {
  /** Wanted occupations (职业分类大典 codes), first = most wanted. */
  occupations: readonly string[];
  /** Skills held (registry and training): occupation code and certificate name. */
  skills: readonly { occupationCode: string; certificate: string | null }[];
  /** Residence (village or township code). */
  regionCode: string;
  /** Wanted places (region codes, any level); empty = anywhere. */
  places: readonly string[];
  preference: PlacePreference;
  minWageFen: number;
  /** The centre of the household-registration township (户籍地), when known: the tag says "距户籍地 12 公里". */
  hukouCentre?: GeoPoint | null;
}

export interface PostingFacts {
  occupationCode: string;
  certificates: readonly string[];
  regionCode: string;
  wageMinFen: number;
  wageMaxFen: number;
  benefits: JobBenefits;
  /** Days since the posting was published (or last updated). */
  ageDays: number;
  /** The centre of the posting's township, when known. */
  centre?: GeoPoint | null;
}

export interface FeatureValue {
  feature: MatchFeature;
  value: number;
  contribution: number;
  /** The explanation tag, or null when the feature says nothing worth showing. */
  tag: string | null;
}

export interface MatchScore {
  score: number;
  features: FeatureValue[];
  /** The tags of the contributing features, most important first. */
  explanation: string[];
}

/** The 中类 of an occupation code ('6-18-02-04' → '6-18'): the indexed prefix candidates are generated on. */
export function occupationMiddle(code: string): string {
  return code.split('-').slice(0, 2).join('-');
}

/** Similarity over the code hierarchy: same 细类 1, same 小类 0.7, same 中类 0.5 (0.8 when one is only a 中类), same 大类 0.1. */
export function occupationSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const x = a.split('-');
  const y = b.split('-');
  let common = 0;
  while (common < Math.min(x.length, y.length) && x[common] === y[common]) common++;
  if (common === Math.min(x.length, y.length) && common >= 2) return 0.8; // one is a prefix of the other
  if (common >= 3) return 0.7;
  if (common === 2) return 0.5;
  if (common === 1) return 0.1;
  return 0;
}

/** Closeness over the region tree: same township 1, same county 0.7, same city 0.4, same province 0.15. */
export function regionAffinity(a: string, b: string): number {
  if (a.length >= 9 && b.length >= 9 && a.slice(0, 9) === b.slice(0, 9)) return 1;
  if (a.slice(0, 6) === b.slice(0, 6)) return 0.7;
  if (a.slice(0, 4) === b.slice(0, 4)) return 0.4;
  if (a.slice(0, 2) === b.slice(0, 2)) return 0.15;
  return 0;
}

const DISTANCE_TAGS: [number, string][] = [
  [1, '同乡镇（街道）'],
  [0.7, '同区县'],
  [0.4, '同城'],
];

export function yuanRange(minFen: number, maxFen: number): string {
  const f = (n: number) => Math.round(n / 100).toLocaleString('en-US');
  return minFen === maxFen ? `月薪 ${f(minFen)} 元` : `月薪 ${f(minFen)}–${f(maxFen)} 元`;
}

function occupationFeature(s: SeekerFacts, p: PostingFacts): [number, string | null] {
  let best = 0;
  s.occupations.forEach(
    (o, i) => (best = Math.max(best, occupationSimilarity(o, p.occupationCode) * (i === 0 ? 1 : 0.9))),
  );
  for (const k of s.skills) best = Math.max(best, occupationSimilarity(k.occupationCode, p.occupationCode) * 0.9);
  const tag = best >= 0.9 ? '工种匹配' : best >= 0.5 ? '相近工种' : null;
  return [best, tag];
}

function skillsFeature(s: SeekerFacts, p: PostingFacts): [number, string | null] {
  const related = s.skills.filter((k) => occupationSimilarity(k.occupationCode, p.occupationCode) >= 0.7);
  const held = s.skills.map((k) => k.certificate).filter((c): c is string => !!c);
  const has = (cert: string) => held.some((h) => h.includes(cert) || cert.includes(h));
  const needed = p.certificates.filter((c) => c.trim().length > 0);
  const certShare = needed.length
    ? needed.filter(has).length / needed.length
    : related.some((k) => k.certificate)
      ? 1
      : 0;
  const value = (related.length ? 0.6 : 0) + 0.4 * certShare;
  const tag =
    needed.length && certShare === 1
      ? `持有${needed[0]}`
      : related.length
        ? '具备相关技能'
        : certShare > 0
          ? '证书相符'
          : null;
  return [value, tag];
}

function distanceFeature(s: SeekerFacts, p: PostingFacts): [number, string | null] {
  const home = regionAffinity(s.regionCode, p.regionCode);
  const wanted = s.places.some((w) => p.regionCode.startsWith(w));
  const value = wanted ? Math.max(home, 0.9) : home;
  const near = DISTANCE_TAGS.find(([v]) => home >= v)?.[1];
  const tag = near ? `距居住地：${near}` : wanted ? '意向工作地' : null;
  // Kilometres between town centres, when both are known (the value stays on the region tree: comparable).
  const km = haversineKm(s.hukouCentre, p.centre);
  if (km !== null && value > 0) return [value, tag ? `${tag}，${distanceKmTag(km)}` : distanceKmTag(km)];
  return [value, tag];
}

function wageFeature(s: SeekerFacts, p: PostingFacts): [number, string | null] {
  if (p.wageMaxFen < s.minWageFen) return [0, null];
  const mid = (p.wageMinFen + p.wageMaxFen) / 2;
  const base = Math.max(s.minWageFen, 1);
  const value = Math.max(0, Math.min(1, 0.5 + (mid - base) / base));
  return [value, yuanRange(p.wageMinFen, p.wageMaxFen)];
}

function preferenceFeature(s: SeekerFacts, p: PostingFacts): [number, string | null] {
  const sameCounty = regionAffinity(s.regionCode, p.regionCode) >= 0.7;
  if (s.preference === 'local') return sameCounty ? [1, '就地就近'] : [0, null];
  if (s.preference === 'outbound') return sameCounty ? [0.3, null] : [1, p.benefits.housing ? '外出务工' : null];
  return [0.5, null];
}

function benefitsFeature(s: SeekerFacts, p: PostingFacts): [number, string | null] {
  const b = p.benefits;
  const housingWeight = s.preference === 'local' ? 0.3 : 0.5;
  const value = (b.housing ? housingWeight : 0) + (b.meals ? 0.25 : 0) + (b.insurance ? 0.25 : 0);
  const tags = [b.housing && '提供住宿', b.meals && '提供餐食', b.insurance && '缴纳社保'].filter(Boolean);
  return [Math.min(1, value), tags.length ? tags.join('、') : null];
}

function freshnessFeature(_s: SeekerFacts, p: PostingFacts): [number, string | null] {
  const age = Math.max(0, p.ageDays);
  return [1 - Math.min(age, 60) / 60, age <= 7 ? (age < 1 ? '今日发布' : `${Math.floor(age)} 天内发布`) : null];
}

const FEATURE_FNS: Record<MatchFeature, (s: SeekerFacts, p: PostingFacts) => [number, string | null]> = {
  occupation: occupationFeature,
  skills: skillsFeature,
  distance: distanceFeature,
  wage: wageFeature,
  preference: preferenceFeature,
  benefits: benefitsFeature,
  freshness: freshnessFeature,
};

/** The score of a seeker–posting pair, with each feature's value, contribution and explanation tag. */
export function scoreMatch(s: SeekerFacts, p: PostingFacts, w: MatchWeights = DEFAULT_MATCH_WEIGHTS): MatchScore {
  const features: FeatureValue[] = MATCH_FEATURES.map((f) => {
    const [value, tag] = FEATURE_FNS[f](s, p);
    return { feature: f, value, contribution: (w[f] ?? 0) * value, tag: value > 0 ? tag : null };
  });
  const score = features.reduce((sum, f) => sum + f.contribution, 0);
  const explanation = [...features]
    .filter((f) => f.tag && f.contribution > 0)
    .sort((a, b) => b.contribution - a.contribution)
    .map((f) => f.tag!);
  return { score: Math.round(score * 1e6) / 1e6, features, explanation };
}

/** Ranks items by score (descending), ties by key: the same order in SQL-candidate and brute-force rankings. */
export function rankBy<T>(items: readonly T[], score: (t: T) => number, key: (t: T) => string, n: number): T[] {
  return items
    .map((t) => ({ t, s: score(t), k: key(t) }))
    .sort((a, b) => b.s - a.s || (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))
    .slice(0, n)
    .map((x) => x.t);
}

/**
 * The hard predicates of candidate generation, as the SQL applies them (the brute-force check and the offline
 * evaluation use this): the posting's 中类 among the seeker's wanted and held occupations', its upper wage at least
 * the seeker's minimum, and for 就地就近 the seeker's county or a wanted place's.
 */
export function eligible(s: SeekerFacts, p: PostingFacts): boolean {
  if (p.wageMaxFen < s.minWageFen) return false;
  const m = occupationMiddle(p.occupationCode);
  if (
    !s.occupations.some((o) => occupationMiddle(o) === m) &&
    !s.skills.some((k) => occupationMiddle(k.occupationCode) === m)
  )
    return false;
  if (s.preference !== 'local') return true;
  const county = p.regionCode.slice(0, 6);
  return s.regionCode.slice(0, 6) === county || s.places.some((w) => w.length >= 6 && w.slice(0, 6) === county);
}

/**
 * occupationSimilarity(code, x) for a fixed `code` as an ordered list of tests on x (the first that holds gives
 * the value, else 0): what the matching SQL evaluates per row to pre-rank candidates by an upper bound of the
 * score (apps/server matching.repo.ts). applyCodeRules() is the same list in TypeScript; a unit test checks it
 * against occupationSimilarity over the whole code table.
 */
export interface CodeRule {
  test: 'eq' | 'startsWith';
  value: string;
  sim: number;
}

export function occupationSimilarityRules(code: string): CodeRule[] {
  const seg = code.split('-');
  const prefix = (n: number) => seg.slice(0, n).join('-');
  const rules: CodeRule[] = [{ test: 'eq', value: code, sim: 1 }];
  if (seg.length >= 2) {
    rules.push({ test: 'startsWith', value: `${code}-`, sim: 0.8 }); // code is a prefix of x
    for (let n = 2; n < seg.length; n++) rules.push({ test: 'eq', value: prefix(n), sim: 0.8 }); // x is a prefix
  }
  if (seg.length >= 3) rules.push({ test: 'startsWith', value: `${prefix(3)}-`, sim: 0.7 });
  if (seg.length >= 2) rules.push({ test: 'startsWith', value: `${prefix(2)}-`, sim: 0.5 });
  rules.push({ test: 'eq', value: prefix(1), sim: seg.length >= 2 ? 0.1 : 1 });
  rules.push({ test: 'startsWith', value: `${prefix(1)}-`, sim: 0.1 });
  return rules;
}

export function applyCodeRules(rules: readonly CodeRule[], x: string): number {
  for (const r of rules) if (r.test === 'eq' ? x === r.value : x.startsWith(r.value)) return r.sim;
  return 0;
}

/** The largest value of the occupation feature short of an exact code (a prefix, 0.8, held at 0.9). */
export const OCCUPATION_NEAR_BOUND = 0.8 * 0.9;
