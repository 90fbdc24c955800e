import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { all, one, statementSlices, type Executor } from '../../db/client.js';
import { countyRoute } from '../../db/routing.js';

/** SQL of referrals (职业介绍) and their outcomes. Runs in the caller's transaction. */

export interface ReferralRow {
  id: string;
  countyCode: string;
  seekerId: string;
  workerId: string;
  seekerName: string;
  jobCountyCode: string;
  jobId: string;
  jobTitle: string;
  employerName: string;
  jobRegionCode: string;
  regionCode: string;
  campaignId: string | null;
  outcome: 'pending' | 'interviewed' | 'hired' | 'refused' | 'no_show';
  outcomeSource: 'staff' | 'employer' | null;
  outcomeOn: string | null;
  hiredOn: string | null;
  doublePlacement: boolean;
  fu30Due: string | null;
  fu30DoneAt: Date | null;
  fu30StillEmployed: boolean | null;
  fu30Note: string | null;
  fu90Due: string | null;
  fu90DoneAt: Date | null;
  fu90StillEmployed: boolean | null;
  fu90Note: string | null;
  note: string | null;
  createdByName: string | null;
  ownerId: string | null;
  departmentId: string | null;
  createdAt: Date;
}

const COLUMNS = sql`f.id, f.county_code as "countyCode", f.seeker_id as "seekerId", f.worker_id as "workerId",
  f.seeker_name as "seekerName", f.job_county_code as "jobCountyCode", f.job_id as "jobId", f.job_title as "jobTitle",
  f.employer_name as "employerName", f.job_region_code as "jobRegionCode", f.region_code as "regionCode",
  f.campaign_id as "campaignId", f.outcome, f.outcome_source as "outcomeSource", f.outcome_on::text as "outcomeOn",
  f.hired_on::text as "hiredOn", f.double_placement as "doublePlacement", f.fu30_due::text as "fu30Due",
  f.fu30_done_at as "fu30DoneAt", f.fu30_still_employed as "fu30StillEmployed", f.fu30_note as "fu30Note",
  f.fu90_due::text as "fu90Due", f.fu90_done_at as "fu90DoneAt", f.fu90_still_employed as "fu90StillEmployed",
  f.fu90_note as "fu90Note", f.note, f.created_by_name as "createdByName", f.owner_id as "ownerId",
  f.owner_department_id as "departmentId", f.created_at as "createdAt"`;

/** A referral as `create` writes it (职业介绍). */
export type ReferralInsert = Pick<
  ReferralRow,
  | 'countyCode'
  | 'seekerId'
  | 'workerId'
  | 'seekerName'
  | 'jobCountyCode'
  | 'jobId'
  | 'jobTitle'
  | 'employerName'
  | 'jobRegionCode'
  | 'regionCode'
  | 'campaignId'
  | 'note'
  | 'ownerId'
  | 'departmentId'
> & { employerId: string; impressionId: string | null; createdByName: string; at: Date };

/**
 * Where a referral written on its past dates already stands (the demo seed's: seed.service.ts): its outcome, who set
 * it and when, and a hire's 30- and 90-day follow-ups. A new referral has none of it (pending, nothing done).
 */
export interface ReferralState {
  outcome: ReferralRow['outcome'];
  outcomeSource: 'staff' | 'employer' | null;
  outcomeOn: string | null;
  /** The hire's date; the follow-ups fall due 30 and 90 days after it. */
  hiredOn: string | null;
  fu30DoneAt: Date | null;
  fu30StillEmployed: boolean | null;
  fu90DoneAt: Date | null;
  fu90StillEmployed: boolean | null;
}

const NEW_REFERRAL: ReferralState = {
  outcome: 'pending',
  outcomeSource: null,
  outcomeOn: null,
  hiredOn: null,
  fu30DoneAt: null,
  fu30StillEmployed: null,
  fu90DoneAt: null,
  fu90StillEmployed: null,
};

/** Parameters per referral row of `insertReferrals`. */
const REFERRAL_PARAMS = 30;

/**
 * Referrals in multi-row statements, each with its id (a new one unless given) and its state (a new referral's
 * unless given): the one INSERT of the table. Answers the ids in the order of `rows`.
 */
export async function insertReferrals(
  tx: Executor,
  rows: (ReferralInsert & { id?: string; state?: ReferralState })[],
): Promise<string[]> {
  const ids = rows.map((r) => r.id ?? randomUUID());
  let k = 0;
  for (const slice of statementSlices(rows, REFERRAL_PARAMS)) {
    const values = slice.map((r) => {
      const s = r.state ?? NEW_REFERRAL;
      return sql`(${ids[k++]}::uuid, ${r.countyCode}, ${r.seekerId}::uuid, ${r.workerId}::uuid, ${r.seekerName},
        ${r.jobCountyCode}, ${r.jobId}::uuid, ${r.jobTitle}, ${r.employerId}::uuid, ${r.employerName},
        ${r.jobRegionCode}, ${r.regionCode}, ${r.campaignId}::uuid, ${r.impressionId}::uuid, ${r.note}::text,
        ${r.createdByName}, ${r.ownerId}::uuid, ${r.departmentId}::uuid, ${r.at}::timestamptz, ${r.at}::timestamptz,
        ${s.outcome}, ${s.outcomeSource}::text, ${s.outcomeOn}::date, ${s.hiredOn}::date, ${s.hiredOn}::date + 30,
        ${s.hiredOn}::date + 90, ${s.fu30DoneAt}::timestamptz, ${s.fu30StillEmployed}::boolean,
        ${s.fu90DoneAt}::timestamptz, ${s.fu90StillEmployed}::boolean)`;
    });
    await tx.execute(
      sql`insert into referrals (id, county_code, seeker_id, worker_id, seeker_name, job_county_code, job_id,
          job_title, employer_id, employer_name, job_region_code, region_code, campaign_id, impression_id, note,
          created_by_name, owner_id, owner_department_id, created_at, updated_at, outcome, outcome_source, outcome_on,
          hired_on, fu30_due, fu90_due, fu30_done_at, fu30_still_employed, fu90_done_at, fu90_still_employed)
        values ${sql.join(values, sql`, `)}`,
    );
  }
  return ids;
}

/** A new referral (pending): its id. */
export async function insertReferral(tx: Executor, r: ReferralInsert): Promise<string> {
  return (await insertReferrals(tx, [r]))[0]!;
}

export async function findReferral(tx: Executor, id: string, countyCode?: string): Promise<ReferralRow | undefined> {
  const county = countyCode ? sql` and f.county_code = ${countyCode}` : countyRoute('f.county_code');
  return one<ReferralRow>(tx, sql`select ${COLUMNS} from referrals f where f.id = ${id}::uuid ${county}`);
}

/** An open referral (no final outcome) of the seeker to the posting, if any. */
export async function openReferral(tx: Executor, countyCode: string, seekerId: string, jobId: string) {
  return one<{ id: string }>(
    tx,
    sql`select id from referrals where county_code = ${countyCode} and seeker_id = ${seekerId}::uuid
      and job_id = ${jobId}::uuid and outcome in ('pending', 'interviewed', 'hired')`,
  );
}

export async function insertOutcome(
  tx: Executor,
  o: {
    countyCode: string;
    referralId: string;
    outcome: string;
    source: string;
    on: string;
    note: string | null;
    regionCode: string;
    ownerId: string | null;
    departmentId: string | null;
    at: Date;
  },
): Promise<void> {
  await tx.execute(
    sql`insert into referral_outcomes (county_code, referral_id, outcome, source, outcome_on, note, at, region_code,
        owner_id, owner_department_id)
      values (${o.countyCode}, ${o.referralId}, ${o.outcome}, ${o.source}, ${o.on}::date, ${o.note}, ${o.at},
        ${o.regionCode}, ${o.ownerId}, ${o.departmentId})`,
  );
}

export async function setOutcome(
  tx: Executor,
  countyCode: string,
  id: string,
  o: { outcome: string; source: string; on: string; doublePlacement: boolean },
  at: Date,
): Promise<void> {
  const hired = o.outcome === 'hired';
  await tx.execute(
    sql`update referrals set outcome = ${o.outcome}, outcome_source = ${o.source}, outcome_on = ${o.on}::date,
        hired_on = case when ${hired} then ${o.on}::date else hired_on end,
        fu30_due = case when ${hired} then ${o.on}::date + 30 else fu30_due end,
        fu90_due = case when ${hired} then ${o.on}::date + 90 else fu90_due end,
        double_placement = double_placement or ${o.doublePlacement}, updated_at = ${at}
      where county_code = ${countyCode} and id = ${id}::uuid`,
  );
}

/** The worker's other current placements: hired, and no follow-up saying the job ended. */
export async function otherPlacements(tx: Executor, countyCode: string, workerId: string, exceptId: string) {
  return all<{ id: string }>(
    tx,
    sql`select id from referrals where county_code = ${countyCode} and worker_id = ${workerId}::uuid
      and outcome = 'hired' and id <> ${exceptId}::uuid
      and coalesce(fu30_still_employed, true) and coalesce(fu90_still_employed, true)`,
  );
}

export async function flagDoublePlacement(tx: Executor, countyCode: string, ids: string[]): Promise<void> {
  for (const id of ids)
    await tx.execute(
      sql`update referrals set double_placement = true where county_code = ${countyCode} and id = ${id}::uuid`,
    );
}

export async function setFollowUp(
  tx: Executor,
  countyCode: string,
  id: string,
  day: 30 | 90,
  f: { stillEmployed: boolean; note: string | null },
  at: Date,
): Promise<void> {
  const set =
    day === 30
      ? sql`fu30_done_at = ${at}, fu30_still_employed = ${f.stillEmployed}, fu30_note = ${f.note}`
      : sql`fu90_done_at = ${at}, fu90_still_employed = ${f.stillEmployed}, fu90_note = ${f.note}`;
  await tx.execute(
    sql`update referrals set ${set}, updated_at = ${at} where county_code = ${countyCode} and id = ${id}::uuid`,
  );
}

export interface ReferralFilter {
  outcome?: string;
  seekerId?: string;
  jobId?: string;
  followUpDue?: { day: 30 | 90; today: string };
  doublePlacement?: boolean;
  ownerId?: string;
  departmentId?: string;
}

export async function listReferrals(
  tx: Executor,
  f: ReferralFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: ReferralRow[]; total: number }> {
  const parts: SQL[] = [sql`true`];
  if (f.outcome) parts.push(sql`f.outcome = ${f.outcome}`);
  if (f.seekerId) parts.push(sql`f.seeker_id = ${f.seekerId}::uuid`);
  if (f.jobId) parts.push(sql`f.job_id = ${f.jobId}::uuid`);
  if (f.followUpDue?.day === 30) parts.push(sql`f.fu30_done_at is null and f.fu30_due <= ${f.followUpDue.today}::date`);
  if (f.followUpDue?.day === 90) parts.push(sql`f.fu90_done_at is null and f.fu90_due <= ${f.followUpDue.today}::date`);
  if (f.doublePlacement !== undefined) parts.push(sql`f.double_placement = ${f.doublePlacement}`);
  if (f.ownerId) parts.push(sql`f.owner_id = ${f.ownerId}::uuid`);
  if (f.departmentId) parts.push(sql`f.owner_department_id = ${f.departmentId}::uuid`);
  const w = sql`${sql.join(parts, sql` and `)} ${countyRoute('f.county_code')}`;
  const rows = await all<ReferralRow>(
    tx,
    sql`select ${COLUMNS} from referrals f where ${w} order by f.created_at desc, f.id
      limit ${page.limit} offset ${page.offset}`,
  );
  const total = await one<{ n: number }>(tx, sql`select count(*)::int as n from referrals f where ${w}`);
  return { rows, total: total?.n ?? 0 };
}

/** Referrals and hires per county of the seekers and per staff member, in a date range of referral. */
export async function stats(tx: Executor, from: string, to: string) {
  const w = sql`f.created_at >= ${from}::date and f.created_at < ${to}::date + 1 ${countyRoute('f.county_code')}`;
  const byRegion = await all<{ regionCode: string; referrals: number; hires: number }>(
    tx,
    sql`select f.county_code as "regionCode", count(*)::int as referrals,
        (count(*) filter (where f.outcome = 'hired'))::int as hires
      from referrals f where ${w} group by f.county_code order by f.county_code`,
  );
  const byStaff = await all<{ userId: string | null; name: string | null; referrals: number; hires: number }>(
    tx,
    sql`select f.owner_id as "userId", max(f.created_by_name) as name, count(*)::int as referrals,
        (count(*) filter (where f.outcome = 'hired'))::int as hires
      from referrals f where ${w} group by f.owner_id order by hires desc, referrals desc`,
  );
  return { byRegion, byStaff };
}
