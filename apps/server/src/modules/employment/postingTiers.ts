import { MATCH_FEATURES, type MatchFeature, type MatchWeights, type SeekerFacts } from '@mwsp/domain';

/**
 * The tiers of a seeker's postings (人岗匹配, the top 20 open postings for a seeker; issue #12 "Speed"), as
 * seekerTiers.ts for the other direction. The candidates (the 中类 of the seeker's codes, the wage, open and
 * valid) are read in two tiers:
 *   1. the postings whose occupation code is one of the seeker's codes (wanted occupations and skills): the best
 *      (the occupation feature is 1, or 0.9), few rows (a btree on open postings by code: migration 0055);
 *   2. the others: no code of the seeker equals theirs, so their occupation feature is at most 0.8 (a prefix;
 *      occupationSimilarityRules), in two parts, the seeker's county and the others (distance at most 0.4, or
 *      0.9 with a wanted place), each feature at most what the seeker's facts allow (otherCodesRanges; any
 *      weights: a negative weight takes the feature's lower bound, 0).
 * Tier 2 is read only above the floor (the 20th exact score after tier 1), by one statement: a part is skipped
 * when its static bound is under the floor, else only its postings whose upper wage can bring the wage feature
 * the floor needs (a range on the btrees of 0055 and 0040: 中类, county, upper wage). A posting left out scores
 * below the floor, so below the 20th of the final list: the result equals ranking every candidate
 * (matching.test.ts checks it against brute force; postingTiers.unit.test.ts checks the plan).
 */
export const OTHER_CODES_OCCUPATION = 0.8;

/** The seeker's codes: its wanted occupations' and its skills' (tier 1). */
export const seekerCodes = (s: Pick<SeekerFacts, 'occupations' | 'skills'>): string[] => [
  ...new Set([...s.occupations, ...s.skills.map((k) => k.occupationCode)]),
];

/** Where a part of tier 2 is: the seeker's county, or the other counties. */
export type OtherCodesPart = 'county' | 'elsewhere';

/**
 * The largest value of each feature but the wage over a part of tier 2, from what is known of the seeker: the
 * occupation 0.8 (no code of the seeker's); skills 0 without skills, 0.6 without a certificate (a related skill),
 * else 1; distance 1 in its county, elsewhere 0.4 (the city; 0.9 with a wanted place);
 * preference 0.5 for 不限, else 1; benefits 0.8 for 就地就近 (housing 0.3), else 1; freshness 1.
 */
export function otherCodesRanges(
  s: Pick<SeekerFacts, 'skills' | 'places' | 'preference'>,
  part: OtherCodesPart,
): Record<Exclude<MatchFeature, 'wage'>, number> {
  const cert = s.skills.some((k) => !!k.certificate);
  return {
    occupation: OTHER_CODES_OCCUPATION,
    skills: !s.skills.length ? 0 : cert ? 1 : 0.6,
    distance: part === 'county' ? 1 : s.places.length ? 0.9 : 0.4,
    preference: s.preference === 'any' ? 0.5 : 1,
    benefits: s.preference === 'local' ? 0.8 : 1,
    freshness: 1,
  };
}

/**
 * How to read tier 2 above `floor` (undefined: no 20th score yet, read it whole): skip it when its static bound is
 * under the floor; else the smallest wage_max_fen of a posting that can reach the floor (undefined: no cap).
 * wage = clamp(0.5 + (mid − base) / base) with base = max(min_wage_fen, 1) and mid ≤ wage_max_fen grows with mid.
 */
export function otherCodesPlan(
  s: Pick<SeekerFacts, 'minWageFen' | 'skills' | 'places' | 'preference'>,
  part: OtherCodesPart,
  w: MatchWeights,
  floor: number | undefined,
): { skip: true } | { skip: false; minWageMax?: number } {
  if (floor === undefined) return { skip: false };
  const ranges = otherCodesRanges(s, part);
  let rest = 0;
  for (const f of MATCH_FEATURES) {
    if (f === 'wage') continue;
    rest += Math.max(0, (w[f] ?? 0) * ranges[f]);
  }
  const ww = w.wage ?? 0;
  const need = floor - rest; // what the wage must bring
  if (ww <= 0) return need > 0 ? { skip: true } : { skip: false };
  if (need > ww) return { skip: true };
  if (need <= 0) return { skip: false };
  const t = need / ww; // the wage feature a posting needs, in (0, 1]
  const base = Math.max(s.minWageFen, 1);
  // mid < base × (t + 0.5) ⇒ wage < t, and mid ≤ wage_max_fen; one fen of slack against rounding.
  return { skip: false, minWageMax: Math.ceil(base * (t + 0.5)) - 1 };
}
