import {
  MATCH_FEATURES,
  OCCUPATION_NEAR_BOUND,
  occupationMiddle,
  occupationSimilarityRules,
  type MatchFeature,
  type MatchWeights,
  type PostingFacts,
  type SeekerFacts,
} from '@mwsp/domain';
import { sql, type SQL } from 'drizzle-orm';
import { all, one, toPgArray, type Executor } from '../../db/client.js';
import { isPgliteRegistered, preparedExecutor } from '../../db/pglite-prepared.js';
import { isPgRegistered } from '../../db/prepared.js';
import { countyRoute } from '../../db/routing.js';
import { KIND_CERTIFICATE, KIND_SKILLS, type TierWhere } from './seekerTiers.js';

// The kinds' thresholds (seekerTiers.ts seekerKind) as literals in the text: constants, not parameters.
const KIND_CERTIFICATE_SQL = sql.raw(String(KIND_CERTIFICATE));
const KIND_SKILLS_SQL = sql.raw(String(KIND_SKILLS));

/**
 * SQL of matching (人岗匹配): candidate generation with indexed predicates — the occupation's 中类 (a btree on
 * open postings; for seekers the slot btrees of 0051, tier by tier: seekerTiers.ts), wage overlap, open status and
 * freshness, the county for a seeker who wants to stay near home, and optionally the text grams — ordered by an
 * upper bound of the score, page by page; the service scores them exactly. Also the impressions log and the weights.
 */

/**
 * Pre-ranking (issue #12, "Speed"): the candidates come ordered by an UPPER BOUND of their score, computed in SQL
 * from the cheap features — the occupation code's prefix level (occupationSimilarityRules), the region path level,
 * wanted places, wage overlap, 就近/外出 preference, benefits and freshness are exact; skills and certificates
 * (and, for seekers, occupations after the first) are bounded — and the service scores them exactly page by
 * page until the N-th exact score beats the bound of the next candidate (matching.service.ts exactTop).
 * `bound` ≥ scoreMatch().score for every row, for any weights (a negative weight takes the feature's lower bound).
 */
export interface Bounded {
  bound: number;
}

/** A page of the candidates ordered by bound (descending), ties by id. */
export interface Page {
  offset: number;
  limit: number;
}

const num = (x: number) => sql`${x}::float8`;

/** occupationSimilarity(code, col) as a CASE over the prefix rules of the domain. */
function occupationSql(col: SQL, code: string, minSim = 0): SQL {
  const rules = occupationSimilarityRules(code).filter((r) => r.sim >= minSim);
  if (!rules.length) return sql`0::float8`;
  const whens = rules.map((r) =>
    r.test === 'eq'
      ? sql` when ${col} = ${r.value} then ${num(r.sim)}`
      : sql` when starts_with(${col}, ${r.value}) then ${num(r.sim)}`,
  );
  return sql`(case${sql.join(whens, sql``)} else 0::float8 end)`;
}

/** regionAffinity(region, col) for a fixed region. */
function affinitySql(col: SQL, region: string): SQL {
  const nine =
    region.length >= 9
      ? sql` when length(${col}) >= 9 and left(${col}, 9) = ${region.slice(0, 9)} then 1::float8`
      : sql``;
  return sql`(case${nine} when left(${col}, 6) = ${region.slice(0, 6)} then 0.7::float8
    when left(${col}, 4) = ${region.slice(0, 4)} then 0.4::float8 when left(${col}, 2) = ${region.slice(0, 2)}
    then 0.15::float8 else 0::float8 end)`;
}

const clamp01 = (x: SQL) => sql`greatest(0::float8, least(1::float8, ${x}))`;

/** Σ weight × feature, with the upper bound of a feature for a positive weight and its lower bound for a negative. */
function weighted(w: MatchWeights, f: Record<MatchFeature, { ub: SQL; lb: SQL }>): SQL {
  const terms = MATCH_FEATURES.filter((k) => (w[k] ?? 0) !== 0).map((k) =>
    w[k] > 0 ? sql`${num(w[k])} * ${f[k].ub}` : sql`${num(w[k])} * ${f[k].lb}`,
  );
  return terms.length ? sql`(${sql.join(terms, sql` + `)})` : sql`0::float8`;
}
const exact = (x: SQL) => ({ ub: x, lb: x });
const upTo = (x: SQL) => ({ ub: x, lb: sql`0::float8` });

/** The bound of a posting (alias j) for a seeker. */
function postingBound(s: SeekerFacts, w: MatchWeights, now: Date): SQL {
  const code = sql`j.occupation_code`;
  const region = sql`j.region_code`;
  const codes = [
    ...s.occupations.map((o, i) => ({ o, f: i === 0 ? 1 : 0.9 })),
    ...s.skills.map((k) => ({ o: k.occupationCode, f: 0.9 })),
  ];
  const occupation = codes.length
    ? sql`greatest(${sql.join(
        codes.map(({ o, f }) => sql`${num(f)} * ${occupationSql(code, o)}`),
        sql`, `,
      )})`
    : sql`0::float8`;
  const related = s.skills.length
    ? sql`(${sql.join(
        s.skills.map((k) => sql`${occupationSql(code, k.occupationCode, 0.7)} > 0`),
        sql` or `,
      )})`
    : sql`false`;
  const held = s.skills.some((k) => !!k.certificate);
  const skills = sql`(case when ${related} then 0.6::float8 else 0::float8 end + ${num(held ? 0.4 : 0)})`;
  const home = affinitySql(region, s.regionCode);
  const wanted = s.places.length
    ? sql`(${sql.join(
        s.places.map((p) => sql`starts_with(${region}, ${p})`),
        sql` or `,
      )})`
    : sql`false`;
  const distance = sql`(case when ${wanted} then greatest(${home}, 0.9::float8) else ${home} end)`;
  const base = Math.max(s.minWageFen, 1);
  const wage = sql`(case when j.wage_max_fen < ${s.minWageFen} then 0::float8 else ${clamp01(
    sql`0.5::float8 + ((j.wage_min_fen + j.wage_max_fen)::float8 / 2 - ${num(base)}) / ${num(base)}`,
  )} end)`;
  const same = sql`(left(${region}, 6) = ${s.regionCode.slice(0, 6)})`;
  const preference =
    s.preference === 'local'
      ? sql`(case when ${same} then 1::float8 else 0::float8 end)`
      : s.preference === 'outbound'
        ? sql`(case when ${same} then 0.3::float8 else 1::float8 end)`
        : sql`0.5::float8`;
  const benefits = sql`least(1::float8, (case when j.housing then ${num(s.preference === 'local' ? 0.3 : 0.5)}
    else 0::float8 end) + (case when j.meals then 0.25::float8 else 0::float8 end)
    + (case when j.insurance then 0.25::float8 else 0::float8 end))`;
  // date_part is double precision (extract is numeric: slower per row).
  const age = sql`greatest(0::float8, (${num(now.getTime() / 1000)} - date_part('epoch', j.published_at)) / 86400)`;
  const freshness = sql`(1::float8 - least(${age}, 60::float8) / 60)`;
  return weighted(w, {
    occupation: exact(occupation),
    skills: upTo(skills),
    distance: exact(distance),
    wage: exact(wage),
    preference: exact(preference),
    benefits: exact(benefits),
    freshness: exact(freshness),
  });
}

/** The wage feature of a seeker (alias s) for a posting, exact. */
function seekerWage(p: PostingFacts): SQL {
  const mid = (p.wageMinFen + p.wageMaxFen) / 2;
  const base = sql`greatest(s.min_wage_fen, 1)::float8`;
  return sql`(case when ${p.wageMaxFen} < s.min_wage_fen then 0::float8 else ${clamp01(
    sql`0.5::float8 + (${num(mid)} - ${base}) / ${base}`,
  )} end)`;
}

/**
 * A cheaper, looser bound of a seeker (at least seekerBound): the first occupation's code only, the county, the
 * wage; the rest at their largest. A WHERE on it leaves out the rows that cannot reach a known score, so that the
 * full bound is computed for the others only.
 */
function seekerCheapBound(p: PostingFacts, w: MatchWeights): SQL {
  const occupation = sql`(case when s.occupations[1] = ${p.occupationCode} then 1::float8 else 0.9::float8 end)`;
  // The kind (0065): a certificate held 1, skills without one 0.6 (NO_CERTIFICATE_SKILLS), none 0.
  const skills = sql`(case when s.match_kind >= ${KIND_CERTIFICATE_SQL} then 1::float8
    when s.match_kind >= ${KIND_SKILLS_SQL} then 0.6::float8 else 0::float8 end)`;
  const distance = sql`(case when left(s.region_code, 6) = ${p.regionCode.slice(0, 6)} then 1::float8
    when s.places = '{}' then 0.4::float8 else 0.9::float8 end)`;
  const preference = sql`(case when s.preference = 'any' then 0.5::float8 else 1::float8 end)`;
  const b = p.benefits;
  const benefits = num(Math.min(1, (b.housing ? 0.5 : 0) + (b.meals ? 0.25 : 0) + (b.insurance ? 0.25 : 0)));
  const freshness = num(1 - Math.min(Math.max(0, p.ageDays), 60) / 60);
  return weighted(w, {
    occupation: upTo(occupation),
    skills: upTo(skills),
    distance: upTo(distance),
    wage: exact(seekerWage(p)),
    preference: upTo(preference),
    benefits: upTo(benefits),
    freshness: exact(freshness),
  });
}

/** The bound of a seeker (alias s) for a posting. */
function seekerBound(p: PostingFacts, w: MatchWeights, slots = true): SQL {
  const code = p.occupationCode;
  const middle = occupationMiddle(code);
  // Occupations after the first and the skills' codes are matched as text ('|a|b|' and the jsonb's canonical
  // text '[{"certificate": …, "occupationCode": "…"}]'): an exact code, one of the same 中类 (at most the 0.8 of a
  // prefix), else at most the 0.1 of the same 大类 — each × 0.9.
  const rest = sql`('|' || array_to_string(s.occupations[2:], '|') || '|')`;
  const inRest = (frag: string) => sql`strpos(${rest}, ${frag}) > 0`;
  const skillText = sql`s.skills::text`;
  const inSkills = (frag: string) => sql`strpos(${skillText}, ${frag}) > 0`;
  const key = '"occupationCode": "';
  const first = occupationSql(sql`s.occupations[1]`, code);
  const others = sql`(case when cardinality(s.occupations) < 2 then 0::float8
    when ${inRest(`|${code}|`)} then 0.9::float8
    when ${inRest(`|${middle}-`)} or ${inRest(`|${middle}|`)} then ${num(OCCUPATION_NEAR_BOUND)}
    else 0.09::float8 end)`;
  const held = sql`(case when s.skills = '[]'::jsonb then 0::float8
    when ${inSkills(`${key}${code}"`)} then 0.9::float8
    when ${inSkills(`${key}${middle}-`)} or ${inSkills(`${key}${middle}"`)} then ${num(OCCUPATION_NEAR_BOUND)}
    else 0.09::float8 end)`;
  // Skills: a related skill (similarity ≥ 0.7: the rules as text) 0.6, any certificate held at most 0.4.
  const relatedRules = occupationSimilarityRules(code).filter((r) => r.sim >= 0.7);
  const related = sql.join(
    relatedRules.map((r) => inSkills(`${key}${r.value}${r.test === 'eq' ? '"' : ''}`)),
    sql` or `,
  );
  const skillsText = sql`(case when s.skills = '[]'::jsonb then 0::float8 else
    (case when ${related} then 0.6::float8 else 0::float8 end)
    + (case when ${inSkills('"certificate": "')} then 0.4::float8 else 0::float8 end) end)`;
  // The same values from the slot columns of 0051 (occupations[2], [3], skill_code_1, _2) and the kind of 0065 (a
  // certificate held: match_kind >= KIND_CERTIFICATE) when the seeker has no more codes than slots (not
  // slot_overflow): scalar comparisons instead of the jsonb's text, built anew for every strpos (most of a heap
  // row's cost).
  const slot = (col: SQL) => sql`(case when ${col} is null then 0::float8 when ${col} = ${code} then 0.9::float8
    when ${col} = ${middle} or starts_with(${col}, ${middle + '-'}) then ${num(OCCUPATION_NEAR_BOUND)}
    else 0.09::float8 end)`;
  const othersSlots = sql`greatest(${slot(sql`s.occupations[2]`)}, ${slot(sql`s.occupations[3]`)})`;
  const heldSlots = sql`(case when s.skills = '[]'::jsonb then 0::float8
    else greatest(0.09::float8, ${slot(sql`s.skill_code_1`)}, ${slot(sql`s.skill_code_2`)}) end)`;
  const relatedSlots = relatedRules.length
    ? sql.join(
        relatedRules.flatMap((r) =>
          [sql`s.skill_code_1`, sql`s.skill_code_2`].map((col) =>
            r.test === 'eq'
              ? sql`coalesce(${col} = ${r.value}, false)`
              : sql`coalesce(starts_with(${col}, ${r.value}), false)`,
          ),
        ),
        sql` or `,
      )
    : sql`false`;
  const skillsSlots = sql`(case when s.skills = '[]'::jsonb then 0::float8 else
    (case when ${relatedSlots} then 0.6::float8 else 0::float8 end)
    + (case when s.match_kind >= ${KIND_CERTIFICATE_SQL} then 0.4::float8 else 0::float8 end) end)`;
  const occupation = slots
    ? sql`(case when s.slot_overflow then greatest(${first}, ${others}, ${held})
    else greatest(${first}, ${othersSlots}, ${heldSlots}) end)`
    : sql`greatest(${first}, ${others}, ${held})`;
  const skills = slots ? sql`(case when s.slot_overflow then ${skillsText} else ${skillsSlots} end)` : skillsText;
  const home = affinitySql(sql`s.region_code`, p.regionCode);
  const prefixes = Array.from({ length: p.regionCode.length + 1 }, (_, n) => p.regionCode.slice(0, n));
  const distance = sql`(case when s.places && ${toPgArray(prefixes)}::text[] then greatest(${home}, 0.9::float8)
    else ${home} end)`;
  const wage = seekerWage(p);
  const same = sql`(left(s.region_code, 6) = ${p.regionCode.slice(0, 6)})`;
  const preference = sql`(case s.preference when 'local' then (case when ${same} then 1::float8 else 0::float8 end)
    when 'outbound' then (case when ${same} then 0.3::float8 else 1::float8 end) else 0.5::float8 end)`;
  const b = p.benefits;
  // The same text with or without housing (its values as parameters): one prepared text fewer (match10).
  const [nearHousing, farHousing] = b.housing ? [0.3, 0.5] : [0, 0];
  const housing = sql`(case when s.preference = 'local' then ${num(nearHousing)} else ${num(farHousing)} end)`;
  const benefits = sql`least(1::float8, ${housing} + ${num((b.meals ? 0.25 : 0) + (b.insurance ? 0.25 : 0))})`;
  const age = Math.max(0, p.ageDays);
  const freshness = num(1 - Math.min(age, 60) / 60);
  return weighted(w, {
    occupation: upTo(occupation),
    skills: upTo(skills),
    distance: exact(distance),
    wage: exact(wage),
    preference: exact(preference),
    benefits: exact(benefits),
    freshness: exact(freshness),
  });
}

/** A part of the postings' tier 2: of the county, or of the others, with its cap on the upper wage. */
export type PostingPart = ({ county: string; notCounty?: undefined } | { county?: undefined; notCounty: string }) & {
  minWageMax?: number;
};

export interface PostingCandidate {
  id: string;
  title: string;
  employerName: string;
  occupationCode: string;
  regionCode: string;
  wageMinFen: number;
  wageMaxFen: number;
  certificates: string[];
  housing: boolean;
  meals: boolean;
  insurance: boolean;
  publishedAt: Date;
}

/**
 * Open postings a seeker can take (indexed predicates: the 中类 of its occupations and skills, the wage, open and
 * valid, the counties of a 就地就近 seeker, the text grams and their recheck), ordered by the bound of their score.
 */
export async function postingCandidates(
  tx: Executor,
  c: {
    middles: string[];
    minWageFen: number;
    today: string;
    counties: string[] | null;
    grams: string[];
    terms: string[];
    seeker: SeekerFacts;
    weights: MatchWeights;
    now: Date;
    /** Tier 1 (postingTiers.ts): only these occupation codes; tier 2: none of them. */
    codes?: string[];
    notCodes?: string[];
    /**
     * Tier 2's parts (postingTiers.ts otherCodesPlan): a posting in one of them, of the county or not, with the
     * part's cap on the upper wage.
     */
    parts?: PostingPart[];
    /** On PGlite, by a statement prepared by its text (as seekerCandidates'). */
    prepared?: boolean;
    /** Each row as one json value (packedRows): PGlite (match13). */
    packed?: boolean;
    /** Only the postings whose bound reaches this score (tier 2 above the 20th of tier 1; PGlite, match13). */
    floor?: number;
  } & Page,
): Promise<(PostingCandidate & Bounded)[]> {
  const codes = c.codes ? sql` and j.occupation_code = any(${toPgArray(c.codes)}::text[])` : sql``;
  const notCodes = c.notCodes ? sql` and not (j.occupation_code = any(${toPgArray(c.notCodes)}::text[]))` : sql``;
  const wageMax = c.minWageFen;
  const parts = c.parts
    ? sql` and (${sql.join(
        c.parts.map((x) => {
          const where = x.county ? sql`j.county_code = ${x.county}` : sql`j.county_code <> ${x.notCounty}`;
          return x.minWageMax === undefined ? sql`(${where})` : sql`(${where} and j.wage_max_fen >= ${x.minWageMax})`;
        }),
        sql` or `,
      )})`
    : sql``;
  const county = c.counties ? sql` and j.county_code = any(${toPgArray(c.counties)}::text[])` : sql``;
  const grams = c.grams.length ? sql` and j.grams @> ${toPgArray(c.grams)}::text[]` : sql``;
  const terms = c.terms.map((t) => sql` and strpos(j.search_text, ${t}) > 0`);
  const ex = c.prepared ? preparedExecutor(tx) : tx;
  const select = sql`select j.id, j.title, j.employer_name as "employerName", j.occupation_code as "occupationCode",
        j.region_code as "regionCode", j.wage_min_fen as "wageMinFen", j.wage_max_fen as "wageMaxFen",
        j.certificates, j.housing, j.meals, j.insurance, j.published_at as "publishedAt",
        ${postingBound(c.seeker, c.weights, c.now)} as bound
      from job_postings j
      where j.status = 'open' and j.occ_middle = any(${toPgArray(c.middles)}::text[])
        and j.wage_max_fen >= ${wageMax} and j.valid_until >= ${c.today}::date ${county} ${grams}
        ${codes} ${notCodes} ${parts} ${sql.join(terms, sql``)}`;
  // The floor (match13): only the rows whose bound reaches it come back — the bound computed once per row in a
  // subquery kept apart by OFFSET 0, as seekerCandidates' — instead of a full page of rows that cannot make the list
  // (each parsed and scored). Citus keeps the plain form (a subquery with OFFSET is not pushed down).
  const q =
    c.floor === undefined
      ? sql`${select}
      order by bound desc, j.id
      limit ${c.limit} offset ${c.offset}`
      : sql`select * from (${select} offset 0) c where c.bound >= ${num(c.floor)}
      order by c.bound desc, c.id
      limit ${c.limit} offset ${c.offset}`;
  if (!c.packed) return all<PostingCandidate & Bounded>(ex, q);
  const rows = await allPacked<PostingCandidate & Bounded>(ex, q, POSTING_CANDIDATE_FIELDS);
  for (const r of rows) r.publishedAt = new Date(r.publishedAt); // JSON has no timestamp: its ISO text revived
  return rows;
}

const POSTING_CANDIDATE_FIELDS = [
  'id',
  'bound',
  'title',
  'employerName',
  'occupationCode',
  'regionCode',
  'wageMinFen',
  'wageMaxFen',
  'certificates',
  'housing',
  'meals',
  'insurance',
  'publishedAt',
] as const satisfies readonly (keyof (PostingCandidate & Bounded))[];

export interface SeekerCandidate {
  id: string;
  name: string;
  regionCode: string;
  occupations: string[];
  places: string[];
  preference: 'local' | 'outbound' | 'any';
  minWageFen: number;
  skills: { occupationCode: string; certificate: string | null }[];
}

/**
 * Seekers in the caller's scope a posting suits (their 中类, the wage, seeking and reconfirmed within the staleness
 * window, 就地就近 ones of the posting's county only) in some of the tiers read (seekerTiers.ts: their predicates
 * served by the btree slot indexes of 0051, each with its floor's cap on the minimum wage), ordered by the bound of
 * their score. The
 * query names the county only when the caller's scope is one county (countyRoute): a city officer's list spans the
 * counties of the city, and Citus runs it on every shard (each returns its own first rows by bound).
 */
/**
 * A tier's predicates and its cap on the minimum wage (seekerTiers.ts tierPlan). `off`: an arm of the fixed shape
 * (seekerCandidates `fixed`) that reads nothing — its wage range is empty (a contradiction btree sees before any
 * descent) and its kinds none.
 */
export type SeekerArm = TierWhere & { maxMinWage?: number; kinds?: number[]; off?: boolean };

/**
 * The transaction runs statements prepared by their text with a generic plan (db/prepared.ts: PostgreSQL without
 * Citus; db/pglite-prepared.ts: PGlite, one connection, since match12): the seekers' statement of a fixed shape is
 * planned once per connection there.
 */
export const plansOnce = (tx: Executor): boolean => isPgRegistered(tx) || isPgliteRegistered(tx);

export async function seekerCandidates(
  tx: Executor,
  c: {
    middle: string;
    wageMaxFen: number;
    freshSince: Date;
    jobCounty: string;
    posting: PostingFacts;
    weights: MatchWeights;
    /** Only the seekers whose cheap bound reaches this score. */
    floor?: number;
    /** The bound's codes and certificate from the slot columns (seekerBound; off only for the benchmark's A/B). */
    slots?: boolean;
    /**
     * On PGlite, by a statement prepared by its text (db/pglite-prepared.ts: planned once per distinct text); off
     * only for the benchmark's A/B. Elsewhere no effect.
     */
    prepared?: boolean;
    /**
     * The tiers read (seekerTiers.ts), each with its floor's cap on the minimum wage (tierPlan): a seeker in any of
     * them. Several tiers are read by one statement (an OR of index-served arms: a BitmapOr), one round trip and
     * one plan instead of one per tier.
     */
    arms: SeekerArm[];
    /**
     * The fixed shape (matching.service.ts fixedSlots; PostgreSQL without Citus, PGlite): every arm has a wage range
     * as two parameters (an arm `off` an empty one), so that the text depends on the tiers, not on the floor, and is
     * prepared by its text with a generic plan — planned once per connection, not at every ranking (docs/MATCHING.md,
     * match10). The staleness condition is then written so that no index serves it: a generic plan took
     * job_seekers_pool for `reconfirmed_at >= $n` (every row, match7).
     */
    fixed?: { wageMaxFen: number };
    /** The full bound computed once per row (a subquery; see below): off only for the benchmark's A/B. */
    boundOnce?: boolean;
    /** Each row as one json value (packedRows): PGlite (match13). */
    packed?: boolean;
  } & Page,
): Promise<(SeekerCandidate & Bounded)[]> {
  const arms = c.arms.map((a) => armSql(c.middle, a, c.fixed));
  const fresh = c.fixed
    ? sql`s.reconfirmed_at + interval '0 s' >= ${c.freshSince}`
    : sql`s.reconfirmed_at >= ${c.freshSince}`;
  // Under the floor by the cheap bound first (most rows), then by the full one: only rows that can still make the
  // list come back.
  const bound = seekerBound(c.posting, c.weights, c.slots ?? true);
  const cheap = c.floor === undefined ? sql`` : sql` and ${seekerCheapBound(c.posting, c.weights)} >= ${num(c.floor)}`;
  const select = (floor: SQL) => sql`select s.id, s.name, s.region_code as "regionCode", s.occupations, s.places,
        s.preference, s.min_wage_fen as "minWageFen", s.skills, ${bound} as bound
      from job_seekers s
      where s.occ_middles && ${toPgArray([c.middle])}::text[] and s.min_wage_fen <= ${c.wageMaxFen}
        and s.status in ('seeking', 'referred') and ${fresh}
        and (s.preference <> 'local' or s.county_code = ${c.jobCounty}) ${countyRoute('s.county_code')}
        and (${arms.length ? sql.join(arms, sql` or `) : sql`false`}) ${cheap}${floor}`;
  // The full bound once (match11): a row's bound computed in the select list of a subquery kept apart by OFFSET 0,
  // the floor applied to its column outside — the inline form computes it twice for a row above the floor (WHERE and
  // select list) and carries its text and parameters twice (half of the statement: drizzle builds it at every
  // ranking). Where statements are prepared (PGlite, PostgreSQL's fixed shape); Citus keeps the inline form (a
  // subquery with OFFSET is not pushed down to the shards).
  const once = c.floor !== undefined && (c.prepared === true || c.fixed !== undefined) && c.boundOnce !== false;
  const q = once
    ? sql`select * from (${select(sql``)} offset 0) c where c.bound >= ${num(c.floor!)}
      order by c.bound desc, c.id
      limit ${c.limit} offset ${c.offset}`
    : sql`${select(c.floor === undefined ? sql`` : sql` and ${bound} >= ${num(c.floor)}`)}
      order by bound desc, s.id
      limit ${c.limit} offset ${c.offset}`;
  const ex = c.prepared ? preparedExecutor(tx) : tx;
  if (!c.packed) return all<SeekerCandidate & Bounded>(ex, q);
  return allPacked<SeekerCandidate & Bounded>(ex, q, SEEKER_CANDIDATE_FIELDS);
}

const SEEKER_CANDIDATE_FIELDS = [
  'id',
  'bound',
  'name',
  'regionCode',
  'occupations',
  'places',
  'preference',
  'minWageFen',
  'skills',
] as const satisfies readonly (keyof (SeekerCandidate & Bounded))[];

/**
 * Candidate rows as one json value each (match13, PGlite): PGlite's JavaScript reads every field of a result row
 * by a copy of its bytes, a text decoding and its type's parser (text[] by a parser in JavaScript, character by
 * character) — 15 % of a warm ranking (docs/MATCHING.md, match12's profile); one json field is one copy and one
 * JSON.parse. The values are the same: a float8 is written in JSON as its shortest exact text (as float8out for
 * PGlite's own parser), text[] as arrays of strings, jsonb as its json.
 */
export const packedRows = (tx: Executor): boolean => isPgliteRegistered(tx);

/** The rows of `q` (a candidate page: bound, id) packed as one json array each, in its order, read back by name. */
async function allPacked<T extends Bounded & { id: string }>(
  ex: Executor,
  q: SQL,
  fields: readonly (keyof T & string)[],
): Promise<T[]> {
  const columns = sql.raw(fields.map((f) => `x."${f}"`).join(', '));
  const rows = await all<{ r: unknown[] }>(
    ex,
    sql`select json_build_array(${columns}) as r from (${q}) x order by x.bound desc, x.id`,
  );
  return rows.map(({ r }) => {
    const row: Record<string, unknown> = {};
    fields.forEach((f, i) => (row[f] = r[i]));
    return row as T;
  });
}

/**
 * The pilot of a posting's seekers (seekerTiers.ts, "the pilot floor"): a few seekers of the pool likely to score
 * high, cheap to find — the posting's code as first occupation, its county, no wanted place, of each kind in `kinds`
 * (skills, not 不限; match11: with a certificate too), the lowest minimum wages first (the wage feature falls as it
 * grows): per kind an ordered range of the btree job_seekers_kind_occ1 (0058), at most `limit` heap rows. Any
 * `JOB_TOP` seekers of the pool score at most the final list's N-th, so their N-th exact score is a floor for every
 * tier, the first included.
 */
export async function seekerPilot(
  tx: Executor,
  c: {
    middle: string;
    wageMaxFen: number;
    freshSince: Date;
    jobCounty: string;
    posting: PostingFacts;
    weights: MatchWeights;
    kinds: number[];
    limit: number;
    /** By a statement prepared by its text (as seekerCandidates'): its text repeats for most postings. */
    prepared?: boolean;
    /** Its generic plan made without bitmap scans (PostgreSQL); off only for the benchmark's A/B. */
    ordered?: boolean;
  },
): Promise<(SeekerCandidate & Bounded)[]> {
  // One ordered range per kind (kinds are disjoint: no seeker twice), one statement.
  const range = (kind: number) => sql`(select s.id, s.name, s.region_code as "regionCode", s.occupations, s.places,
        s.preference, s.min_wage_fen as "minWageFen", s.skills, ${seekerBound(c.posting, c.weights)} as bound
      from job_seekers s
      where s.occupations[1] = ${c.posting.occupationCode} and s.match_kind = ${kind}::smallint
        and s.county_code = ${c.jobCounty} and s.places = '{}'
        and s.occ_middles && ${toPgArray([c.middle])}::text[] and s.min_wage_fen <= ${c.wageMaxFen}
        and s.status in ('seeking', 'referred') and s.reconfirmed_at >= ${c.freshSince} ${countyRoute('s.county_code')}
      order by s.min_wage_fen
      limit ${c.limit})`;
  return all<SeekerCandidate & Bounded>(
    // Its generic plan without bitmap scans: the rows off kind_occ1 in its order, `limit` of them (prepared.ts).
    c.prepared ? preparedExecutor(tx, { noBitmap: c.ordered !== false }) : tx,
    sql.join(
      c.kinds.map((k) => range(k)),
      sql` union all `,
    ),
  );
}

/** One tier's predicates (seekerTiers.ts), written as the btree slot indexes of 0051 are, with its wage cap. */
function armSql(middle: string, a: SeekerArm, fixed?: { wageMaxFen: number }): SQL {
  const parts: SQL[] = [];
  // A township arm of the fixed shape without its county (the township's range implies it): a generic plan, blind
  // to the values, otherwise read the county's slot index (kind_mid1, kind_skill2: the whole county's rows, the
  // township a filter) instead of the township's (kind_town, town_*).
  if (a.county && !(fixed && a.township)) parts.push(sql`s.county_code = ${a.county}`);
  if (a.notCounty) parts.push(sql`s.county_code <> ${a.notCounty}`);
  // A range of the township (byte order; ':' follows the digits) under the POSIX collation: the one of
  // job_seekers_kind_town1/2 (0060: the 中类 slot, the kind, the region, the wage cap checked in the index). Under the
  // column's "C" it matched job_seekers_region, which the planner took for the arm (the scope's RLS range, an index
  // condition there, made it look ~200× too selective): the whole township's heap rows.
  if (a.township)
    parts.push(
      sql`s.region_code >= ${a.township} collate "POSIX" and s.region_code < ${a.township + ':'} collate "POSIX"`,
    );
  // The slots of 0051 (btree indexes usable under RLS: text =, integer <=, plain columns; no function call, which
  // is not leakproof), written as the indexes are; a seeker with more codes than slots is in the overflow index,
  // read with every tier that needs slots.
  const overflow = sql`s.slot_overflow`;
  // The posting's codes as a later occupation or a skill: the kind slot indexes of 0059 (places = '{}').
  if (a.laterCodes) {
    const anyCode = (col: SQL) => sql`${col} = any(${toPgArray(a.laterCodes ?? [])}::text[])`;
    const slots = [sql`s.occupations[2]`, sql`s.occupations[3]`, sql`s.skill_code_1`, sql`s.skill_code_2`].map(anyCode);
    parts.push(sql`(${sql.join(slots, sql` or `)} or ${overflow})`);
  }
  if (a.firstCode) parts.push(sql`s.occupations[1] = any(${toPgArray(a.firstCode)}::text[])`);
  if (a.bySlots) parts.push(sql`(s.occ_middles[1] = ${middle} or s.occ_middles[2] = ${middle} or ${overflow})`);
  // The kind (0058), in the 中类 slot indexes before the county and the wage: a smallint =, leakproof.
  if (a.kind !== undefined) parts.push(sql`s.match_kind = ${a.kind}::smallint`);
  // Several kinds of one tier with the same cap (matching.service.ts): smallint = any, leakproof too.
  if (a.kinds) parts.push(sql`s.match_kind = any(${`{${a.kinds.join(',')}}`}::smallint[])`);
  if (a.places === 'some') parts.push(sql`s.places <> '{}'`);
  if (a.places === 'none') parts.push(sql`s.places = '{}'`);
  if (fixed) {
    // Both ends of the wage range as parameters, in the arm's index: an arm off gets an empty range (1 > 0), which
    // btree finds contradictory before descending, so its probe costs nothing; a tier without a cap gets the pool's.
    const lo = a.off ? 1 : -2147483648;
    const hi = a.off ? 0 : (a.maxMinWage ?? fixed.wageMaxFen);
    parts.push(sql`s.min_wage_fen >= ${lo} and s.min_wage_fen <= ${hi}`);
  } else if (a.maxMinWage !== undefined) parts.push(sql`s.min_wage_fen <= ${a.maxMinWage}`);
  return parts.length ? sql`(${sql.join(parts, sql` and `)})` : sql`true`;
}

export async function insertImpression(
  tx: Executor,
  i: {
    countyCode: string;
    subjectKind: 'seeker' | 'job';
    subjectId: string;
    campaignId: string | null;
    query: string | null;
    resultIds: string[];
    scores: number[];
    regionCode: string;
    ownerId: string;
    departmentId: string | null;
    at: Date;
  },
): Promise<string> {
  const row = await one<{ id: string }>(
    tx,
    sql`insert into match_impressions (county_code, subject_kind, subject_id, campaign_id, query, result_ids, scores,
        shown_at, region_code, owner_id, owner_department_id)
      values (${i.countyCode}, ${i.subjectKind}, ${i.subjectId}, ${i.campaignId}, ${i.query},
        ${toPgArray(i.resultIds)}::uuid[], ${`{${i.scores.join(',')}}`}::real[], ${i.at}, ${i.regionCode},
        ${i.ownerId}, ${i.departmentId})
      returning id`,
  );
  return row!.id;
}

const weightsOf = (campaignId: string | null) =>
  sql`(select weights from match_weights where key in (${campaignId ?? 'default'}, 'default')
      order by (key = 'default') limit 1)`;

/**
 * The weights of a campaign, else the default row, as a select-list item "matchWeights" of the ranking subject's read
 * (jobs.repo findJob, seekers.repo findSeeker): one round trip fewer per ranking.
 */
export const weightsColumn = (campaignId: string | null): SQL => sql`${weightsOf(campaignId)} as "matchWeights"`;
export type WithWeights = { matchWeights: Record<string, number> | null };
