import { sql, type SQL } from 'drizzle-orm';
import { all, one, type Executor } from '../../db/client.js';
import { countyRoute } from '../../db/routing.js';

/** SQL of complaints (投诉举报): the filing facts beside each complaint case. Runs in the caller's transaction. */

export interface ComplaintInsert {
  countyCode: string;
  caseId: string;
  receiptNo: string;
  channel: string;
  complainantNameEnc: string;
  phoneEnc: string;
  phoneBidx: string;
  workerId: string | null;
  employerId: string | null;
  employerName: string;
  projectName: string | null;
  groupSize: number | null;
  claims: { kind: string; amountFen: number | null; description: string }[];
  claimedFen: number;
  summary: string;
  at: Date;
  regionCode: string;
  ownerId: string | null;
  departmentId: string | null;
}

/** Inserts a complaint; false when its receipt number is taken in the county (the caller draws another). */
export async function insertComplaint(tx: Executor, c: ComplaintInsert): Promise<boolean> {
  const row = await one<{ ok: number }>(
    tx,
    sql`insert into complaints (county_code, case_id, receipt_no, channel, complainant_name_enc, phone_enc, phone_bidx,
        worker_id, employer_id, employer_name, project_name, group_size, claims, claimed_fen, summary, filed_at,
        region_code, owner_id, owner_department_id)
      values (${c.countyCode}, ${c.caseId}, ${c.receiptNo}, ${c.channel}, ${c.complainantNameEnc}, ${c.phoneEnc},
        ${c.phoneBidx}, ${c.workerId}, ${c.employerId}, ${c.employerName}, ${c.projectName}, ${c.groupSize},
        ${JSON.stringify(c.claims)}::jsonb, ${c.claimedFen}, ${c.summary}, ${c.at}, ${c.regionCode}, ${c.ownerId},
        ${c.departmentId})
      on conflict (county_code, receipt_no) do nothing
      returning 1 as ok`,
  );
  return row !== undefined;
}

export async function findByReceipt(
  tx: Executor,
  countyCode: string,
  receiptNo: string,
): Promise<{ caseId: string; phoneBidx: string; filedAt: Date } | undefined> {
  return one(
    tx,
    sql`select case_id as "caseId", phone_bidx as "phoneBidx", filed_at as "filedAt" from complaints
      where county_code = ${countyCode} and receipt_no = ${receiptNo}`,
  );
}

export async function findByCase(
  tx: Executor,
  countyCode: string,
  caseId: string,
): Promise<{ receiptNo: string; channel: string } | undefined> {
  return one(
    tx,
    sql`select receipt_no as "receiptNo", channel from complaints
      where county_code = ${countyCode} and case_id = ${caseId}`,
  );
}

/** A region by code (the platform's reference table, readable by any module). */
export async function regionByCode(tx: Executor, code: string) {
  return one<{ code: string; name: string; level: number }>(
    tx,
    sql`select code, name, level from regions where code = ${code}`,
  );
}

/** Whether a region code is in the region tree (a platform reference table, readable by any module). */
export async function regionExists(tx: Executor, code: string): Promise<boolean> {
  return (await one(tx, sql`select 1 as x from regions where code = ${code}`)) !== undefined;
}

/** The counties (区/县) of the city, for the public form's place picker (the region tree is a reference table). */
export async function countiesOf(tx: Executor, cityCode: string): Promise<{ code: string; name: string }[]> {
  return all(tx, sql`select code, name from regions where parent_code = ${cityCode} and level = 3 order by code`);
}

// ---------------------------------------------------------------- statistics (维权统计)

/** The area and period of the complaint statistics (a region prefix, 本人/本部门, [from, to)). */
export interface ComplaintStatsArea {
  prefix: string;
  owned: { ownerId?: string; departmentId?: string };
  from: string;
  to: string;
}

function complaintArea(a: ComplaintStatsArea): SQL {
  const parts: SQL[] = [
    sql`m.region_code >= ${a.prefix} and m.region_code < ${a.prefix + 'z'}`,
    sql`m.filed_at >= ${a.from}::timestamptz and m.filed_at < ${a.to}::timestamptz`,
  ];
  if (a.prefix.length >= 6) parts.push(sql`m.county_code = ${a.prefix.slice(0, 6)}`);
  if (a.owned.ownerId) parts.push(sql`m.owner_id = ${a.owned.ownerId}`);
  if (a.owned.departmentId) parts.push(sql`m.owner_department_id = ${a.owned.departmentId}`);
  return sql`${sql.join(parts, sql` and `)}${countyRoute('m.county_code')}`;
}

/** Complaints filed in the period by channel: how many, their workers (a group counts its size), amounts claimed. */
export async function complaintsByChannel(tx: Executor, a: ComplaintStatsArea) {
  return all<{ channel: string; complaints: number; workers: number; claimedFen: number; groups: number }>(
    tx,
    sql`select m.channel, count(*)::int as complaints, sum(coalesce(m.group_size, 1))::int as workers,
        coalesce(sum(m.claimed_fen), 0)::float8 as "claimedFen", count(m.group_size)::int as groups
      from complaints m where ${complaintArea(a)} group by 1 order by 1`,
  );
}

/** The claims of the complaints filed in the period by kind: how many, the amounts claimed. */
export async function claimsByKind(tx: Executor, a: ComplaintStatsArea) {
  return all<{ kind: string; claims: number; amountFen: number }>(
    tx,
    sql`select x ->> 'kind' as kind, count(*)::int as claims,
        coalesce(sum(case when jsonb_typeof(x -> 'amountFen') = 'number' then (x ->> 'amountFen')::numeric end), 0)
          ::float8 as "amountFen"
      from complaints m cross join lateral jsonb_array_elements(m.claims) x
      where ${complaintArea(a)} group by 1 order by 1`,
  );
}

/** The filing facts of a complaint case (the transfer package prints them, masked by the caller). */
export async function filingOf(
  tx: Executor,
  countyCode: string,
  caseId: string,
): Promise<
  | {
      receiptNo: string;
      complainantNameEnc: string;
      phoneEnc: string;
      groupSize: number | null;
      employerId: string | null;
      employerName: string;
      claims: { kind: string; amountFen: number | null; description: string }[];
    }
  | undefined
> {
  return one(
    tx,
    sql`select receipt_no as "receiptNo", complainant_name_enc as "complainantNameEnc", phone_enc as "phoneEnc",
        group_size as "groupSize", employer_id as "employerId", employer_name as "employerName", claims
      from complaints where county_code = ${countyCode} and case_id = ${caseId}`,
  );
}
