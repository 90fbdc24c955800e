import { sql } from 'drizzle-orm';
import { all, one, run, type Executor } from '../../db/client.js';
import { countyRoute } from '../../db/routing.js';
import { ancestorRoute, listWhere, OWNED_COLUMNS, paging, type ListFilter } from './programs.repo.js';

/** SQL of campaigns (招聘活动) and their job fairs (招聘会). Runs in the caller's transaction. */

interface Owned {
  countyCode: string;
  regionCode: string;
  ownerId: string | null;
  departmentId: string | null;
}

export interface CampaignRow {
  id: string;
  regionCode: string;
  regionName: string;
  createdAt: Date;
  ownerId: string | null;
  departmentId: string | null;
  kind: string;
  name: string;
  startDate: string;
  endDate: string;
  regions: string[];
  organiser: string;
  postingIds: string[];
  summary: string;
  countyCode: string;
}

export async function insertCampaign(
  tx: Executor,
  c: Owned & {
    kind: string;
    name: string;
    startDate: string;
    endDate: string;
    regions: string[];
    organiser: string;
    postingIds: string[];
    summary: string;
  },
): Promise<string> {
  const row = await one<{ id: string }>(
    tx,
    sql`insert into campaigns (county_code, kind, name, start_date, end_date, regions, organiser, posting_ids, summary,
        region_code, created_by, department_id)
      values (${c.countyCode}, ${c.kind}, ${c.name}, ${c.startDate}, ${c.endDate},
        ${`{${c.regions.join(',')}}`}::text[],
        ${c.organiser}, ${`{${c.postingIds.join(',')}}`}::uuid[], ${c.summary}, ${c.regionCode}, ${c.ownerId},
        ${c.departmentId})
      returning id`,
  );
  return row!.id;
}

const CAMPAIGN_COLUMNS = sql`${OWNED_COLUMNS}, t.county_code as "countyCode", t.kind, t.name,
  t.start_date::text as "startDate", t.end_date::text as "endDate", t.regions, t.organiser,
  t.posting_ids::text[] as "postingIds", t.summary`;

export async function listCampaigns(tx: Executor, f: ListFilter): Promise<{ rows: CampaignRow[]; total: number }> {
  const where = listWhere({ ...f, ancestors: true, qColumns: [sql`t.name`, sql`t.organiser`] });
  const rows = await all<CampaignRow>(
    tx,
    sql`select ${CAMPAIGN_COLUMNS} from campaigns t left join regions r on r.code = t.region_code ${where}
      order by t.start_date desc, t.id ${paging(f)}`,
  );
  const total = await one<{ n: number }>(tx, sql`select count(*)::int as n from campaigns t ${where}`);
  return { rows, total: total!.n };
}

/**
 * A campaign by id, the caller's own or one of an ancestor region (RLS decides; the service tells them apart).
 * The county unknown: a county scope routes it to its county's shard and its city's (a city-level campaign
 * hashes on the city code).
 */
export async function findCampaign(tx: Executor, id: string): Promise<CampaignRow | undefined> {
  return one(
    tx,
    sql`select ${CAMPAIGN_COLUMNS} from campaigns t left join regions r on r.code = t.region_code
      where t.id = ${id}::uuid ${ancestorRoute('t.county_code')}`,
  );
}

export interface FairTotals {
  campaignId: string;
  fairs: number;
  attendees: number;
  referrals: number;
  hires: number;
}

/** The fairs' totals of many campaigns (fairs the caller can see). */
export async function fairTotals(tx: Executor, campaignIds: string[]): Promise<Map<string, FairTotals>> {
  if (campaignIds.length === 0) return new Map();
  const rows = await all<FairTotals>(
    tx,
    sql`select campaign_id as "campaignId", count(*)::int as fairs, coalesce(sum(attendees), 0)::int as attendees,
        coalesce(sum(referrals), 0)::int as referrals, coalesce(sum(hires), 0)::int as hires
      from job_fairs where campaign_id = any(${`{${campaignIds.join(',')}}`}::uuid[])
      group by campaign_id`,
  );
  return new Map(rows.map((r) => [r.campaignId, r]));
}

export interface FairRow {
  id: string;
  countyCode: string;
  regionCode: string;
  regionName: string;
  createdAt: Date;
  ownerId: string | null;
  departmentId: string | null;
  campaignId: string;
  heldOn: string;
  venue: string;
  employers: { employerId: string | null; name: string; booths: number; positions: number }[];
  booths: number;
  positions: number;
  attendees: number;
  referrals: number;
  hires: number;
  resultsAt: Date | null;
}

const FAIR_COLUMNS = sql`${OWNED_COLUMNS}, t.county_code as "countyCode", t.campaign_id as "campaignId",
  t.held_on::text as "heldOn", t.venue, t.employers, t.booths, t.positions, t.attendees, t.referrals, t.hires,
  t.results_on as "resultsAt"`;

export async function insertFair(
  tx: Executor,
  f: Owned & {
    campaignId: string;
    heldOn: string;
    venue: string;
    employers: FairRow['employers'];
    booths: number;
    positions: number;
  },
): Promise<string> {
  const row = await one<{ id: string }>(
    tx,
    sql`insert into job_fairs (county_code, campaign_id, held_on, venue, employers, booths, positions, region_code,
        created_by, department_id)
      values (${f.countyCode}, ${f.campaignId}, ${f.heldOn}, ${f.venue}, ${JSON.stringify(f.employers)}::jsonb,
        ${f.booths}, ${f.positions}, ${f.regionCode}, ${f.ownerId}, ${f.departmentId})
      returning id`,
  );
  return row!.id;
}

/** The fairs of a campaign the caller can see, by date. */
export async function fairsOf(tx: Executor, campaignId: string): Promise<FairRow[]> {
  return all(
    tx,
    sql`select ${FAIR_COLUMNS} from job_fairs t left join regions r on r.code = t.region_code
      where t.campaign_id = ${campaignId}::uuid order by t.held_on, t.id`,
  );
}

export async function findFair(tx: Executor, campaignId: string, fairId: string): Promise<FairRow | undefined> {
  return one(
    tx,
    sql`select ${FAIR_COLUMNS} from job_fairs t left join regions r on r.code = t.region_code
      where t.id = ${fairId}::uuid and t.campaign_id = ${campaignId}::uuid ${countyRoute('t.county_code')}`,
  );
}

export async function setFairResults(
  tx: Executor,
  countyCode: string,
  id: string,
  r: { attendees: number; referrals: number; hires: number },
  at: Date,
): Promise<number> {
  return run(
    tx,
    sql`update job_fairs set attendees = ${r.attendees}, referrals = ${r.referrals}, hires = ${r.hires},
        results_on = ${at}
      where county_code = ${countyCode} and id = ${id}::uuid`,
  );
}

/** Fair results by the county of the fair (the caller's visible fairs; campaigns of a kind or all). */
export async function fairResultsByCounty(
  tx: Executor,
  f: { scopeRegion: string; ownerId?: string; departmentId?: string; campaignId?: string },
): Promise<
  {
    county: string;
    fairs: number;
    booths: number;
    positions: number;
    attendees: number;
    referrals: number;
    hires: number;
  }[]
> {
  const where = listWhere({
    ...f,
    page: 1,
    pageSize: 1,
    extra: f.campaignId ? [sql` and t.campaign_id = ${f.campaignId}::uuid`] : [],
  });
  return all(
    tx,
    sql`select t.county_code as county, count(*)::int as fairs, sum(t.booths)::int as booths,
        sum(t.positions)::int as positions, sum(t.attendees)::int as attendees, sum(t.referrals)::int as referrals,
        sum(t.hires)::int as hires
      from job_fairs t ${where} group by t.county_code order by t.county_code`,
  );
}
