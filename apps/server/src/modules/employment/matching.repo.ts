import { sql } from 'drizzle-orm';
import { all, one, toPgArray, type Executor } from '../../db/client.js';
import { countyRoute } from '../../db/routing.js';

/**
 * SQL of matching (人岗匹配): candidate generation with indexed predicates — the occupation's 中类 (a btree on
 * open postings, a GIN on seekers' arrays), wage overlap, open status and freshness, the county for a seeker who
 * wants to stay near home, and optionally the text grams — then the service scores the candidates. Also the
 * impressions log and the weights.
 */

/** At most this many candidates are scored; the benchmark reports how often the cap is reached. */
export const CANDIDATE_CAP = 5000;

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

export async function postingCandidates(
  tx: Executor,
  c: {
    middles: string[];
    minWageFen: number;
    today: string;
    counties: string[] | null;
    grams: string[];
    terms: string[];
  },
): Promise<PostingCandidate[]> {
  const county = c.counties ? sql` and j.county_code = any(${toPgArray(c.counties)}::text[])` : sql``;
  const grams = c.grams.length ? sql` and j.grams @> ${toPgArray(c.grams)}::text[]` : sql``;
  const terms = c.terms.map((t) => sql` and strpos(j.search_text, ${t}) > 0`);
  return all<PostingCandidate>(
    tx,
    sql`select j.id, j.title, j.employer_name as "employerName", j.occupation_code as "occupationCode",
        j.region_code as "regionCode", j.wage_min_fen as "wageMinFen",
        j.wage_max_fen as "wageMaxFen", j.certificates, j.housing, j.meals, j.insurance, j.published_at as "publishedAt"
      from job_postings j
      where j.status = 'open' and j.occ_middle = any(${toPgArray(c.middles)}::text[])
        and j.wage_max_fen >= ${c.minWageFen} and j.valid_until >= ${c.today}::date ${county} ${grams}
        ${sql.join(terms, sql``)}
      limit ${CANDIDATE_CAP}`,
  );
}

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

export async function seekerCandidates(
  tx: Executor,
  c: { middle: string; wageMaxFen: number; freshSince: Date; jobCounty: string },
): Promise<SeekerCandidate[]> {
  return all<SeekerCandidate>(
    tx,
    sql`select s.id, s.name, s.region_code as "regionCode", s.occupations, s.places,
        s.preference, s.min_wage_fen as "minWageFen", s.skills
      from job_seekers s
      where s.occ_middles && ${toPgArray([c.middle])}::text[] and s.min_wage_fen <= ${c.wageMaxFen}
        and s.status in ('seeking', 'referred') and s.reconfirmed_at >= ${c.freshSince}
        and (s.preference <> 'local' or s.county_code = ${c.jobCounty}) ${countyRoute('s.county_code')}
      limit ${CANDIDATE_CAP}`,
  );
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

/** The weights of a campaign, else the default row. */
export async function weights(tx: Executor, campaignId: string | null): Promise<Record<string, number> | undefined> {
  const row = await one<{ weights: Record<string, number> }>(
    tx,
    sql`select weights from match_weights where key in (${campaignId ?? 'default'}, 'default')
      order by (key = 'default') limit 1`,
  );
  return row?.weights;
}
