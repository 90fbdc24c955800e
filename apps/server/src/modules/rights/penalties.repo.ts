import { sql, type SQL } from 'drizzle-orm';
import { all, one, type Executor } from '../../db/client.js';
import { countyRoute } from '../../db/routing.js';

/** SQL of the administrative penalty decisions (行政处罚决定, 0046). Runs in the caller's transaction (its scope). */

export interface PenaltyRow {
  countyCode: string;
  id: string;
  caseId: string;
  employerId: string | null;
  employerName: string;
  violationKind: string;
  penaltyKind: string;
  basisCode: string;
  amountFen: number | null;
  decisionNo: string;
  noticeNo: string;
  noticedOn: string;
  hearingNotified: boolean;
  decidedOn: string;
  regionCode: string;
  regionName: string | null;
  createdAt: Date;
}

export interface PenaltyWrite {
  countyCode: string;
  caseId: string;
  employerId: string | null;
  employerName: string;
  violationKind: string;
  penaltyKind: string;
  basisCode: string;
  amountFen: number | null;
  decisionNo: string;
  noticeNo: string;
  noticedOn: string;
  hearingNotified: boolean;
  decidedOn: string;
  regionCode: string;
  ownerId: string | null;
  departmentId: string | null;
  at: Date;
}

const COLUMNS = sql`p.county_code as "countyCode", p.id, p.case_id as "caseId",
  p.employer_id as "employerId", p.employer_name as "employerName", p.violation_kind as "violationKind",
  p.penalty_kind as "penaltyKind", p.basis_code as "basisCode", p.amount_fen::float8 as "amountFen",
  p.decision_no as "decisionNo", p.notice_no as "noticeNo", p.noticed_on::text as "noticedOn",
  p.hearing_notified as "hearingNotified", p.decided_on::text as "decidedOn", p.region_code as "regionCode",
  r.full_name as "regionName", p.created_at as "createdAt"`;
const FROM = sql`from penalties p left join regions r on r.code = p.region_code`;

/** Inserts a decision; undefined when its number (or the notice it answers) is already decided in the county. */
export async function insertPenalty(tx: Executor, v: PenaltyWrite): Promise<string | undefined> {
  const row = await one<{ id: string }>(
    tx,
    sql`insert into penalties (county_code, case_id, employer_id, employer_name, violation_kind, penalty_kind,
        basis_code, amount_fen, decision_no, notice_no, noticed_on, hearing_notified, decided_on, region_code,
        owner_id, owner_department_id, created_at)
      values (${v.countyCode}, ${v.caseId}::uuid, ${v.employerId}, ${v.employerName}, ${v.violationKind},
        ${v.penaltyKind}, ${v.basisCode}, ${v.amountFen}, ${v.decisionNo}, ${v.noticeNo}, ${v.noticedOn}::date,
        ${v.hearingNotified}, ${v.decidedOn}::date, ${v.regionCode}, ${v.ownerId}, ${v.departmentId}, ${v.at})
      on conflict do nothing
      returning id`,
  );
  return row?.id;
}

/** One decision by id in the caller's scope (RLS), with its county's name (the issuing authority's). */
export async function penaltyById(
  tx: Executor,
  id: string,
  owned: { ownerId?: string; departmentId?: string },
): Promise<(PenaltyRow & { countyName: string | null }) | undefined> {
  const conds: SQL[] = [sql`p.id = ${id}::uuid`];
  if (owned.ownerId) conds.push(sql`p.owner_id = ${owned.ownerId}`);
  if (owned.departmentId) conds.push(sql`p.owner_department_id = ${owned.departmentId}`);
  return one(
    tx,
    sql`select ${COLUMNS}, rc.full_name as "countyName" ${FROM} left join regions rc on rc.code = p.county_code
      where ${sql.join(conds, sql` and `)} ${countyRoute('p.county_code')}`,
  );
}

/** Whether a decision number is taken in the county. */
export async function decisionNoTaken(tx: Executor, countyCode: string, decisionNo: string): Promise<boolean> {
  return !!(await one(
    tx,
    sql`select 1 as x from penalties where county_code = ${countyCode} and decision_no = ${decisionNo}`,
  ));
}

/** The decisions of one case (its county named), oldest first. */
export async function penaltiesOfCase(tx: Executor, countyCode: string, caseId: string): Promise<PenaltyRow[]> {
  return all<PenaltyRow>(
    tx,
    sql`select ${COLUMNS} ${FROM} where p.county_code = ${countyCode} and p.case_id = ${caseId}::uuid
      order by p.decided_on, p.created_at`,
  );
}

export interface PenaltyFilter {
  regionCode?: string;
  caseId?: string;
  employerId?: string;
  violationKind?: string;
  penaltyKind?: string;
  basisCode?: string;
  from?: string;
  to?: string;
  q?: string;
  owned: { ownerId?: string; departmentId?: string };
}

function whereOf(f: PenaltyFilter): SQL {
  const conds: SQL[] = [sql`true`];
  if (f.regionCode) {
    conds.push(sql`p.region_code >= ${f.regionCode} and p.region_code < ${f.regionCode + 'z'}`);
    if (f.regionCode.length >= 6) conds.push(sql`p.county_code = ${f.regionCode.slice(0, 6)}`);
  }
  if (f.caseId) conds.push(sql`p.case_id = ${f.caseId}::uuid`);
  if (f.employerId) conds.push(sql`p.employer_id = ${f.employerId}::uuid`);
  if (f.violationKind) conds.push(sql`p.violation_kind = ${f.violationKind}`);
  if (f.penaltyKind) conds.push(sql`p.penalty_kind = ${f.penaltyKind}`);
  if (f.basisCode) conds.push(sql`p.basis_code = ${f.basisCode}`);
  if (f.from) conds.push(sql`p.decided_on >= ${f.from}::date`);
  if (f.to) conds.push(sql`p.decided_on <= ${f.to}::date`);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conds.push(sql`(p.decision_no like ${like} or p.employer_name like ${like})`);
  }
  if (f.owned.ownerId) conds.push(sql`p.owner_id = ${f.owned.ownerId}`);
  if (f.owned.departmentId) conds.push(sql`p.owner_department_id = ${f.owned.departmentId}`);
  return sql`where ${sql.join(conds, sql` and `)} ${countyRoute('p.county_code')}`;
}

/** A page of decisions, the newest first, with the total and the fines' sum over the whole filter. */
export async function listPenalties(
  tx: Executor,
  f: PenaltyFilter & { page: number; pageSize: number },
): Promise<{ rows: PenaltyRow[]; total: number; finesFen: number }> {
  const where = whereOf(f);
  const totals = await one<{ n: number; fines: number }>(
    tx,
    sql`select count(*)::int as n,
        coalesce(sum(p.amount_fen) filter (where p.penalty_kind = 'fine'), 0)::float8 as fines
      from penalties p ${where}`,
  );
  const rows = await all<PenaltyRow>(
    tx,
    sql`select ${COLUMNS} ${FROM} ${where} order by p.decided_on desc, p.decision_no, p.id
      limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize}`,
  );
  return { rows, total: totals?.n ?? 0, finesFen: totals?.fines ?? 0 };
}
