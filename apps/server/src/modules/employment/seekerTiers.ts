import {
  MATCH_FEATURES,
  countyCodeOf,
  type MatchFeature,
  type MatchWeights,
  type PostingFacts,
  type SeekerFacts,
} from '@mwsp/domain';

/**
 * The tiers of a posting's seekers (人岗匹配, the top 50 seekers for a posting; issue #12 "Speed"). The pool of a
 * posting (every seeker of its 中类 the SQL admits) is covered by tiers, each an index-served predicate with a
 * STATIC upper bound of the score of its rows — the largest value each feature can take there, for any weights —
 * save the wage, the one feature a tier's rows still differ much in, which is monotone in the seeker's minimum wage.
 * The service reads the tiers in order, each only for the rows whose bound reaches the current N-th exact score
 * (the floor): a tier whose static bound is under the floor is not read at all, and for the others the floor
 * turns into a cap on min_wage_fen (a btree range) before any per-row bound is computed. Since every seeker of the
 * pool lies in some tier whose static bound is at least its score, a seeker left out by a skip or a cap scores
 * below the floor, so below the N-th of the final list: the result equals ranking the whole pool (matching.test.ts
 * checks it against brute force).
 *
 * The codes of a posting (occupationTierCodes): its own and its prefixes of at least two segments (中类, 小类). A
 * seeker who names none of them among its wanted occupations or its skills has an occupation feature of at most 0.8
 * (a code the posting's is a prefix of; else a shared 小类 0.7, 中类 0.5 …).
 */
export function occupationTierCodes(code: string): string[] {
  const seg = code.split('-');
  const out = [code];
  for (let n = 2; n < seg.length; n++) out.push(seg.slice(0, n).join('-'));
  return out;
}

/** The largest occupation feature of a seeker naming none of occupationTierCodes(posting code). */
export const OUTSIDE_CODES_OCCUPATION = 0.8;

/** Where a tier's rows are, as the repo's WHERE (matching.repo.ts seekerCandidates). */
export interface TierWhere {
  /** Only seekers naming one of these codes as a later occupation or a skill (the slots of 0051, 0059). */
  laterCodes?: string[];
  /** Only seekers whose first (most wanted) occupation is one of these codes. */
  firstCode?: string[];
  /** Only seekers of this county. */
  county?: string;
  /** Only seekers of other counties than this one. */
  notCounty?: string;
  /** Only seekers living in this township (a region code prefix). */
  township?: string;
  /** The 中类 through the slot indexes (else only as the pool's filter). */
  bySlots?: boolean;
  /** Only seekers with ('some') or without ('none') wanted places. */
  places?: 'some' | 'none';
  /** Only seekers of this kind (seekerKind: the generated column match_kind of 0058, in the 中类 slot indexes). */
  kind?: number;
}

/**
 * The kind of a seeker (migrations 0058, 0059, 0065: job_seekers.match_kind): 3 × its skills class (0 no skills, 1
 * skills without a certificate, 2 a certificate held: a string certificate in a skill, the generated column's
 * jsonpath) + its preference (0 不限, 1 就地就近, 2 外出). A seeker without skills has a skills feature of 0, one with
 * skills but no certificate at most 0.6 (a related skill; the certificate share needs a certificate held); a 不限 one
 * a preference of 0.5 and housing 0.5, a 就地就近 one 1 in its own county (housing 0.3) and is out of the other
 * counties' pools, an 外出 one 0.3 in its own county and 1 elsewhere (housing 0.5). 0065 split 就地就近 from 外出
 * (until then both were +1): the other counties' arms read no 就地就近 seeker any more, and each preference has its
 * own static bound in the posting's county.
 */
export const seekerKind = (s: Pick<SeekerFacts, 'skills' | 'preference'>): number =>
  KIND_SKILLS * (s.skills.some((k) => typeof k.certificate === 'string') ? 2 : s.skills.length > 0 ? 1 : 0) +
  KIND_PREFERENCE[s.preference];
/** The preference's share of a seeker's kind (seekerKind): kind % KIND_SKILLS. */
export const KIND_PREFERENCE = { any: 0, local: 1, outbound: 2 } as const satisfies Record<
  SeekerFacts['preference'],
  number
>;
/**
 * The kinds from this one up hold skills (skills class 1 or 2: kind / KIND_SKILLS, rounded down), from
 * KIND_CERTIFICATE up a certificate.
 */
export const KIND_SKILLS = 3;
export const KIND_CERTIFICATE = 2 * KIND_SKILLS;
export const SEEKER_KINDS = [0, 1, 2, 3, 4, 5, 6, 7, 8] as const;
/** The largest skills feature of a seeker with skills but no certificate (a related skill, 0.6). */
export const NO_CERTIFICATE_SKILLS = 0.6;

type Range = [lo: number, hi: number];

export interface SeekerTier {
  name: string;
  /** Read first, alone, when no pilot floor is known (the posting's codes in its county: the best rows). */
  head?: boolean;
  where: TierWhere;
  /** The interval of each feature but the wage over the tier's rows (the wage is [0, 1], capped by the floor). */
  ranges: Record<Exclude<MatchFeature, 'wage'>, Range>;
}

const benefitsOf = (p: PostingFacts, housing: number) =>
  Math.min(1, (p.benefits.housing ? housing : 0) + (p.benefits.meals ? 0.25 : 0) + (p.benefits.insurance ? 0.25 : 0));

/**
 * The tiers of a posting, in the order they are read: the likeliest first, so that the floor rises early.
 *   0. when the posting names a township, 1 and 2 in its township (distance 1; 0061), then 1 and 2 in the whole
 *      county at distance 0.7;
 *   1. the posting's codes as the first occupation, its county, no wanted place (the kind slot indexes of 0058/0059);
 *   2. the posting's codes otherwise (a later occupation or a skill: occupation at most 0.9), likewise;
 *   3. the rest of its township, no wanted place (distance 1);
 *   4. seekers with wanted places anywhere (a minority: a partial index; a wanted place lifts the distance to 0.9);
 *   5. the posting's codes as the first occupation in other counties, no wanted place (distance at most 0.4);
 *   6. the posting's codes otherwise, likewise (occupation at most 0.9);
 *   7. the rest of its county, no wanted place (distance 0.7);
 *   8. the rest, in other counties, no wanted place (occupation at most 0.8, distance at most 0.4).
 * All but 4 are split by the seeker's kind (seekerKind, 0058, 0059).
 * Tiers overlap (2 with 1, 3 with all): a row is scored once; each row's tier of record is the first that holds it.
 */
export function seekerTiers(p: PostingFacts, opts: { kinds?: boolean; towns?: boolean } = {}): SeekerTier[] {
  const county = countyCodeOf(p.regionCode);
  const codes = occupationTierCodes(p.occupationCode);
  const fresh = 1 - Math.min(Math.max(0, p.ageDays), 60) / 60;
  const near = benefitsOf(p, 0.3); // a 就地就近 seeker weighs housing 0.3
  const far = benefitsOf(p, 0.5);
  const benefits: Range = [Math.min(near, far), Math.max(near, far)];
  const base = {
    skills: [0, 1] as Range,
    benefits,
    freshness: [fresh, fresh] as Range,
  };
  // Preference: in the posting's county 就地就近 1, 外出 0.3, 不限 0.5; elsewhere no 就地就近 seeker is in the pool.
  const inCounty = { ...base, preference: [0.3, 1] as Range };
  const outside = { ...base, preference: [0.5, 1] as Range, benefits: [far, far] as Range };
  // The posting's codes in its county, split by township when the posting has one (opts.towns, match8): the
  // township's rows at distance 1 (job_seekers_kind_town_* of 0061: the region after the kind), the whole county
  // at 0.7 — its township rows are the township tier's too, so they need not be left out here — a tighter wage cap
  // for most rows.
  const township = p.regionCode.length >= 9 ? p.regionCode.slice(0, 9) : undefined;
  const towns = township !== undefined && opts.towns !== false;
  const countyDistance: Range = towns ? [0, 0.7] : [0, 1];
  const tiers: SeekerTier[] = [
    {
      name: 'first-county',
      head: true,
      where: { firstCode: codes, county, places: 'none' },
      ranges: { ...inCounty, occupation: [0, 1], distance: countyDistance },
    },
    {
      // Not first-county's: the first occupation is none of the codes (at most 0.8), another code or a skill is
      // (× 0.9).
      name: 'codes-county',
      head: true,
      where: { laterCodes: codes, county, places: 'none' },
      ranges: { ...inCounty, occupation: [0, 0.9], distance: countyDistance },
    },
  ];
  if (towns)
    tiers.unshift(
      {
        name: 'first-town',
        head: true,
        where: { firstCode: codes, county, township, places: 'none' },
        ranges: { ...inCounty, occupation: [0, 1], distance: [0, 1] },
      },
      {
        name: 'codes-town',
        head: true,
        where: { laterCodes: codes, county, township, places: 'none' },
        ranges: { ...inCounty, occupation: [0, 0.9], distance: [0, 1] },
      },
    );
  if (p.regionCode.length >= 9)
    tiers.push({
      name: 'township',
      where: { county, township: p.regionCode.slice(0, 9), places: 'none', bySlots: true },
      ranges: { ...inCounty, occupation: [0, OUTSIDE_CODES_OCCUPATION], distance: [0, 1] },
    });
  tiers.push(
    {
      name: 'places',
      where: { places: 'some' },
      ranges: { ...inCounty, occupation: [0, 1], distance: [0, 1] },
    },
    {
      name: 'first-elsewhere',
      where: { firstCode: codes, notCounty: county, places: 'none' },
      ranges: { ...outside, occupation: [0, 1], distance: [0, 0.4] },
    },
    {
      // Not first-elsewhere's: the first occupation is none of the codes (at most 0.8), another code or a skill is
      // (× 0.9).
      name: 'codes-elsewhere',
      where: { laterCodes: codes, notCounty: county, places: 'none' },
      ranges: { ...outside, occupation: [0, 0.9], distance: [0, 0.4] },
    },
    {
      name: 'county',
      where: { county, places: 'none', bySlots: true },
      ranges: { ...inCounty, occupation: [0, OUTSIDE_CODES_OCCUPATION], distance: [0, 0.7] },
    },
    {
      name: 'elsewhere',
      where: { notCounty: county, places: 'none', bySlots: true },
      ranges: { ...outside, occupation: [0, OUTSIDE_CODES_OCCUPATION], distance: [0, 0.4] },
    },
  );
  // The tiers read through the 中类 slots (most rows) and the posting's codes split by kind (0058, 0059, 0065): each
  // kind's static bound (no skills: skills 0; skills without a certificate: at most 0.6; 不限: preference 0.5 and
  // housing 0.5; 就地就近: in the posting's county preference 1 and housing 0.3; 外出: there 0.3 and housing 0.5,
  // elsewhere 1) becomes its own skip or wage cap, applied in the index. The other counties' tiers have no 就地就近
  // kinds: those seekers are out of the pool there (matching.repo.ts seekerCandidates).
  // opts.kinds false: unsplit (the benchmark's A/B).
  return tiers.flatMap((t) => {
    if (!(t.where.bySlots || t.where.firstCode || t.where.laterCodes) || opts.kinds === false) return [t];
    const outsideTier = t.where.notCounty !== undefined;
    const inCountyTier = t.where.county !== undefined;
    // The preference's range of a kind's rows: elsewhere only 外出 (1) and 不限 are read; in the posting's county
    // 就地就近 1, 外出 0.3 (the tier's own range where the tier names no county either way).
    const preferenceOf = (preference: number): Range => {
      if (preference === KIND_PREFERENCE.any) return [0.5, 0.5];
      if (outsideTier) return [1, 1];
      if (!inCountyTier) return t.ranges.preference;
      return preference === KIND_PREFERENCE.local ? [1, 1] : [0.3, 0.3];
    };
    const kinds = SEEKER_KINDS.filter((kind) => !(outsideTier && kind % KIND_SKILLS === KIND_PREFERENCE.local));
    return kinds.map((kind) => {
      const preference = kind % KIND_SKILLS;
      const skills = Math.floor(kind / KIND_SKILLS);
      return {
        ...t,
        name: `${t.name}/${kind}`,
        where: { ...t.where, kind },
        ranges: {
          ...t.ranges,
          skills:
            skills === 2
              ? t.ranges.skills
              : skills === 1
                ? ([0, Math.min(NO_CERTIFICATE_SKILLS, t.ranges.skills[1])] as Range)
                : ([0, 0] as Range),
          preference: preferenceOf(preference),
          benefits: preference === KIND_PREFERENCE.local ? ([near, near] as Range) : ([far, far] as Range),
        },
      };
    });
  });
}

/**
 * How to read a tier above `floor` (undefined: no N-th score yet, read it whole): skip it when its static bound
 * is under the floor; else the largest min_wage_fen of a row that can reach the floor (undefined: no cap).
 * wage = clamp(0.5 + (mid − base) / base) with base = max(min_wage_fen, 1) falls as min_wage_fen grows.
 */
export function tierPlan(
  tier: SeekerTier,
  p: PostingFacts,
  w: MatchWeights,
  floor: number | undefined,
): { skip: true } | { skip: false; maxMinWage?: number } {
  if (floor === undefined) return { skip: false };
  let rest = 0;
  for (const f of MATCH_FEATURES) {
    if (f === 'wage') continue;
    const [lo, hi] = tier.ranges[f];
    const x = w[f] ?? 0;
    rest += Math.max(x * lo, x * hi);
  }
  const ww = w.wage ?? 0;
  const need = floor - rest; // what the wage must bring
  if (ww <= 0) return need > 0 ? { skip: true } : { skip: false };
  if (need > ww) return { skip: true };
  if (need <= 0) return { skip: false };
  const t = need / ww; // the wage feature a row needs, in (0, 1]
  const mid = (p.wageMinFen + p.wageMaxFen) / 2;
  // min_wage_fen > mid / (t + 0.5) ⇒ wage < t; one fen of slack against rounding.
  return { skip: false, maxMinWage: Math.floor(mid / (t + 0.5)) + 1 };
}
