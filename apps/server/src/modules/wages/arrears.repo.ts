import { sql, type SQL } from 'drizzle-orm';
import { countyCodeOf } from '@mwsp/domain';
import { all, one, SYSTEM_SCOPE, underScope, type Executor } from '../../db/client.js';
import { countyRoute } from '../../db/routing.js';
import { ownedCond, SCOPE_COLUMNS, scopeValues, type OwnerFilter, type RowScope } from './projects.repo.js';

/** SQL of arrears cases (items, payments) and the defaulter list. Runs in the caller's scoped transaction. */

export type PaymentSource =
  'employer' | 'contractor_advance' | 'client_advance' | 'deposit' | 'emergency_fund' | 'recovery';

/** A case as stored: the employer is a registry record, named through the registry's port. */
export interface CaseRecord {
  id: string;
  seq: number;
  projectId: string | null;
  projectName: string | null;
  projectCode: string | null;
  employerId: string;
  status: string;
  summary: string;
  orderNo: string | null;
  orderedOn: string | null;
  orderDueOn: string | null;
  transferredOn: string | null;
  transferNote: string | null;
  regionCode: string;
  regionName: string | null;
  warningId: string | null;
  workers: number;
  months: number;
  amountFen: number;
  paidFen: number;
  createdAt: Date;
  /** Owner: the user who confirmed the arrears; department: that user's (README, "Data scopes"). */
  ownerId: string | null;
  departmentId: string | null;
}

const CASE_COLUMNS = sql`c.id, c.seq::int8 as seq, c.project_id as "projectId", p.name as "projectName",
  p.code as "projectCode", c.employer_id as "employerId",
  c.status, c.summary, c.order_no as "orderNo", c.ordered_on::text as "orderedOn", c.order_due_on::text as "orderDueOn",
  c.transferred_on::text as "transferredOn", c.transfer_note as "transferNote", c.region_code as "regionCode",
  r.full_name as "regionName", c.warning_id as "warningId",
  (select count(distinct i.worker_id)::int from arrears_items i where i.county_code = c.county_code
  and i.case_id = c.id) as workers,
  (select count(distinct i.month)::int from arrears_items i where i.county_code = c.county_code
  and i.case_id = c.id) as months,
  (select coalesce(sum(i.amount_fen), 0)::float8 from arrears_items i where i.county_code = c.county_code
  and i.case_id = c.id) as "amountFen",
  (select coalesce(sum(i.paid_fen), 0)::float8 from arrears_items i
  where i.county_code = c.county_code and i.case_id = c.id) as "paidFen", c.created_at as "createdAt",
  c.created_by as "ownerId", c.department_id as "departmentId"`;
const CASE_FROM = sql`from arrears_cases c left join projects p on p.county_code = c.county_code
  and p.id = c.project_id left
  join regions r on r.code = c.region_code`;

const likeOf = (q: string) => '%' + q.replace(/[\\%_]/g, (ch) => '\\' + ch) + '%';
const uuidArray = (ids: string[]) => `{${[...new Set(ids)].join(',')}}`;

/**
 * One page of cases. `q` matches the project's name or, through `employerIds` (the registry's answer
 * for the same text), the employer.
 */
export async function listCases(
  tx: Executor,
  f: {
    owned: OwnerFilter;
    status?: string;
    regionCode?: string;
    q?: string;
    employerIds?: string[];
    page: number;
    pageSize: number;
  },
): Promise<(CaseRecord & { total: number })[]> {
  const conds: SQL[] = [ownedCond(f.owned, sql`c.created_by`, sql`c.department_id`)];
  if (f.status) conds.push(sql`c.status = ${f.status}`);
  if (f.regionCode) conds.push(sql`c.region_code >= ${f.regionCode} and c.region_code < ${f.regionCode + 'z'}`);
  if (f.q)
    conds.push(sql`(c.employer_id = any(${uuidArray(f.employerIds ?? [])}::uuid[]) or p.name like ${likeOf(f.q)})`);
  return all<CaseRecord & { total: number }>(
    tx,
    sql`select ${CASE_COLUMNS}, count(*) over ()::int as total ${CASE_FROM}
      where ${sql.join(conds, sql` and `)} ${countyRoute('c.county_code')} order by (c.status in ('paid',
        'closed')), c.created_at desc
        limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize}`,
  );
}

export async function findCase(tx: Executor, id: string): Promise<CaseRecord | undefined> {
  return one<CaseRecord>(
    tx,
    sql`select ${CASE_COLUMNS} ${CASE_FROM} where c.id = ${id} ${countyRoute('c.county_code')}`,
  );
}

export interface CaseItemRow {
  id: number;
  workerId: string;
  projectWorkerId: string | null;
  name: string;
  idMasked: string;
  month: string;
  amountFen: number;
  paidFen: number;
}

export async function caseItems(tx: Executor, caseId: string): Promise<CaseItemRow[]> {
  const rows = await all<CaseItemRow>(
    tx,
    sql`select id::int8 as id,
      worker_id as "workerId", project_worker_id as "projectWorkerId", worker_name as name, id_masked as "idMasked",
      month::text as month, amount_fen::float8 as "amountFen", paid_fen::float8 as "paidFen"
      from arrears_items where case_id = ${caseId} order by month, worker_name, id`,
  );
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

export async function casePayments(tx: Executor, caseId: string) {
  const rows = await all<{ id: number; source: PaymentSource; amountFen: number; onDate: string; note: string | null }>(
    tx,
    sql`select id::int8 as id, source, amount_fen::float8 as "amountFen", on_date::text as "onDate", note
      from arrears_payments where case_id = ${caseId} order by id`,
  );
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

/** What the ledger says of one worker and month: net pay on the wage sheets and what the bank paid. */
export async function ledgerOwed(tx: Executor, county: string, projectWorkerId: string, month: string) {
  return (await one<{ net: number; paid: number }>(
    tx,
    sql`select coalesce((select sum(net_fen) from payroll_lines where county_code = ${county}
      and project_worker_id = ${projectWorkerId} and month = ${month}), 0)::float8 as net,
            coalesce((select sum(amount_fen) from bank_payments where county_code = ${county}
            and project_worker_id = ${projectWorkerId} and month = ${month} and succeeded), 0)::float8 as paid`,
  ))!;
}

/**
 * Arrears already confirmed for a worker and month by any case, inside the caller's scope or not
 * (SECURITY DEFINER).
 */
export async function confirmedArrears(
  tx: Executor,
  county: string,
  projectWorkerId: string,
  month: string,
): Promise<number> {
  return (await one<{ n: number }>(
    tx,
    sql`select mwsp_arrears_confirmed(${county}, ${projectWorkerId}::uuid, ${month}::date)::float8 as n`,
  ))!.n;
}

export async function insertCase(
  tx: Executor,
  c: {
    projectId: string;
    employerId: string;
    warningId: string | null;
    summary: string;
    regionCode: string;
    createdBy: string;
    departmentId: string | null;
  },
): Promise<{ id: string; seq: number } & RowScope> {
  return (await one<{ id: string; seq: number } & RowScope>(
    tx,
    sql`insert into arrears_cases (county_code, project_id, employer_id, warning_id, summary, region_code, created_by,
      department_id)
        values (${countyCodeOf(c.regionCode)}, ${c.projectId}, ${c.employerId}, ${c.warningId}, ${c.summary},
          ${c.regionCode}, ${c.createdBy},
        ${c.departmentId}) returning id, seq::int8 as seq, region_code as "regionCode", created_by as "ownerId",
        department_id as "departmentId"`,
  ))!;
}

export async function insertItems(
  tx: Executor,
  caseId: string,
  scope: RowScope,
  items: {
    projectWorkerId: string;
    workerId: string;
    name: string;
    idMasked: string;
    month: string;
    amountFen: number;
  }[],
): Promise<void> {
  const rows = items.map(
    (r) =>
      sql`(${caseId}::uuid, ${r.projectWorkerId}::uuid, ${r.workerId}::uuid, ${r.name}, ${r.idMasked}, ${r.month}::date,
        ${r.amountFen}::int8, ${scopeValues(scope)})`,
  );
  await tx.execute(
    sql`insert into arrears_items (case_id, project_worker_id, worker_id, worker_name, id_masked, month, amount_fen,
      ${SCOPE_COLUMNS}) values ${sql.join(rows, sql`, `)}`,
  );
}

export async function setOrdered(
  tx: Executor,
  id: string,
  o: { orderNo: string; orderedOn: string; dueOn: string },
): Promise<void> {
  await tx.execute(
    sql`update arrears_cases set status = 'ordered', order_no = ${o.orderNo}, ordered_on = ${o.orderedOn},
      order_due_on = ${o.dueOn}, updated_at = now() where id = ${id}`,
  );
}

export async function payItem(tx: Executor, itemId: number, amountFen: number): Promise<void> {
  await tx.execute(sql`update arrears_items set paid_fen = paid_fen + ${amountFen} where id = ${itemId}`);
}

/** A confirmed or ordered case whose items are all paid. */
export async function setPaid(tx: Executor, id: string): Promise<void> {
  await tx.execute(
    sql`update arrears_cases set status = 'paid', updated_at = now() where id = ${id}
      and status in ('confirmed', 'ordered')`,
  );
}

export async function insertPayment(
  tx: Executor,
  x: {
    caseId: string;
    source: PaymentSource;
    amountFen: number;
    onDate: string;
    note: string | null;
    scope: RowScope;
    createdBy: string;
  },
): Promise<void> {
  await tx.execute(
    sql`insert into arrears_payments (case_id, source, amount_fen, on_date, note, ${SCOPE_COLUMNS}, created_by)
      values (${x.caseId}, ${x.source}, ${x.amountFen}, ${x.onDate}, ${x.note}, ${scopeValues(x.scope)},
      ${x.createdBy})`,
  );
}

export async function setTransferred(tx: Executor, id: string, on: string, note: string): Promise<void> {
  await tx.execute(
    sql`update arrears_cases set status = 'transferred', transferred_on = ${on}, transfer_note = ${note},
      updated_at = now() where id = ${id}`,
  );
}

export async function setClosed(tx: Executor, id: string, on: string): Promise<void> {
  await tx.execute(
    sql`update arrears_cases set status = 'closed', closed_on = ${on}, updated_at = now() where id = ${id}`,
  );
}

/** The evidence package's ledger: per worker and month, what the wage sheets say and what the bank paid. */
export async function evidenceLedger(tx: Executor, county: string, projectWorkerIds: string[]) {
  return all<{
    workerId: string;
    name: string;
    idMasked: string;
    month: string;
    days: number;
    payableFen: number;
    deductionsFen: number;
    netFen: number;
    paidFen: number;
    payDate: string | null;
    confirmed: boolean;
    adjusted: boolean;
  }>(
    tx,
    sql`
        select pw.worker_id as "workerId", pw.name, pw.id_masked as "idMasked", l.month::text as month,
        sum(l.days)::int as days, sum(l.payable_fen)::float8 as "payableFen",
        sum(l.deductions_fen)::float8 as "deductionsFen",
          sum(l.net_fen)::float8 as "netFen", coalesce((select sum(b.amount_fen) from bank_payments b
          where b.county_code = pw.county_code and b.project_worker_id = pw.id and b.month = l.month
          and b.succeeded), 0)::float8 as "paidFen",
          max(l.pay_date)::text as "payDate", bool_and(l.confirmed) filter (where l.entry = 'original') as confirmed,
          bool_or(l.entry = 'adjustment') as adjusted
        from payroll_lines l join project_workers pw on pw.county_code = l.county_code and pw.id = l.project_worker_id
        where l.county_code = ${county} and l.project_worker_id in (${idList(projectWorkerIds)})
        group by pw.county_code, pw.id, pw.worker_id, pw.name, pw.id_masked, l.month order by pw.name, l.month`,
  );
}

/** The evidence package's attendance of the case's workers. */
export async function evidenceAttendance(tx: Executor, county: string, projectWorkerIds: string[]) {
  return all<{ workerId: string; name: string; idMasked: string; month: string; days: number }>(
    tx,
    sql`select pw.worker_id as "workerId", pw.name, pw.id_masked as "idMasked", a.month::text as month, a.days
        from attendance a join project_workers pw on pw.county_code = a.county_code and pw.id = a.project_worker_id
        where a.county_code = ${county} and a.project_worker_id in (${idList(projectWorkerIds)}) order by pw.name,
          a.month`,
  );
}

function idList(ids: string[]): SQL {
  return ids.length
    ? sql.join(
        ids.map((x) => sql`${x}::uuid`),
        sql`, `,
      )
    : sql`null::uuid`;
}

// ---------------------------------------------------------------- defaulters (人社部令第45号)
export interface DefaulterRecord {
  id: string;
  employerId: string;
  /** The registry's name and credit code of the employer, copied onto the listing (migration 0015). */
  employerName: string;
  creditCode: string;
  basis: string;
  reason: string;
  responsiblePersons: string | null;
  decisionNo: string;
  listedOn: string;
  expiresOn: string;
  status: string;
  correctedOn: string | null;
  undertaking: boolean;
  removedOn: string | null;
  regionCode: string;
}

export interface DefaulterFilter {
  listedOnly: boolean;
  status?: string;
  /** Employer name contains `q`, or the credit code is `q` in capitals (the search the registry offered). */
  q?: string;
}

function defaulterConds(f: DefaulterFilter): SQL {
  const conds: SQL[] = [f.listedOnly ? sql`d.status = 'listed'` : sql`true`];
  if (f.status) conds.push(sql`d.status = ${f.status}`);
  if (f.q) {
    const like = '%' + f.q.replace(/[\\%_]/g, (ch) => '\\' + ch) + '%';
    conds.push(sql`(d.employer_name like ${like} or d.employer_credit_code = ${f.q.toUpperCase()})`);
  }
  return sql.join(conds, sql` and `);
}

/**
 * One page of the listings matching the filter, newest listing first, equal days in the employer's name order
 * (the database's collation, as the registry orders its names), then by employer and listing (index
 * defaulters_order / defaulters_public_order), and how many match.
 */
export async function listDefaulters(
  tx: Executor,
  f: DefaulterFilter & { page: number; pageSize: number },
): Promise<{ rows: DefaulterRecord[]; total: number }> {
  const where = defaulterConds(f);
  const rows = await all<DefaulterRecord>(
    tx,
    sql`select d.id, d.employer_id as "employerId", d.employer_name as "employerName",
      d.employer_credit_code as "creditCode",
        d.basis, d.reason, d.responsible_persons as "responsiblePersons",
        d.decision_no as "decisionNo", d.listed_on::text as "listedOn", d.expires_on::text as "expiresOn", d.status,
        d.corrected_on::text as "correctedOn", d.undertaking,
        d.removed_on::text as "removedOn", d.region_code as "regionCode"
      from defaulters d where ${where}
      order by d.listed_on desc, d.employer_name, d.employer_id, d.id
      limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize}`,
  );
  const total = (await one<{ n: number }>(tx, sql`select count(*)::int as n from defaulters d where ${where}`))!.n;
  return { rows, total };
}

/** Every listing of an employer gets the registry's name and credit code now on record (SECURITY DEFINER, 0015). */
export async function setDefaulterEmployer(
  tx: Executor,
  employerId: string,
  e: { name: string; creditCode: string },
): Promise<void> {
  // every listing of the employer, in whichever county it was decided (the caller may see none of them)
  await underScope(tx, SYSTEM_SCOPE, () =>
    tx.execute(sql`update defaulters set employer_name = ${e.name}, employer_credit_code = ${e.creditCode}
      where employer_id = ${employerId}::uuid
        and (employer_name <> ${e.name} or employer_credit_code <> ${e.creditCode})`),
  );
}

export async function findDefaulter(tx: Executor, id: string) {
  return one<{ employerId: string; status: string; regionCode: string; listedOn: string }>(
    tx,
    sql`select employer_id as "employerId", status, region_code as "regionCode", listed_on::text as "listedOn"
      from defaulters where id = ${id}`,
  );
}

export async function isListed(tx: Executor, employerId: string): Promise<boolean> {
  return !!(await one(tx, sql`select 1 from defaulters where employer_id = ${employerId} and status = 'listed'`));
}

export async function insertDefaulter(
  tx: Executor,
  d: {
    employerId: string;
    employerName: string;
    creditCode: string;
    caseId: string | null;
    basis: string;
    reason: string;
    responsiblePersons: string | null;
    decisionNo: string;
    listedOn: string;
    expiresOn: string;
    regionCode: string;
  },
): Promise<string> {
  return (await one<{ id: string }>(
    tx,
    sql`insert into defaulters (county_code, employer_id, employer_name, employer_credit_code, case_id, basis, reason,
      responsible_persons, decision_no, listed_on, expires_on, region_code)
        values (${countyCodeOf(d.regionCode)}, ${d.employerId}, ${d.employerName}, ${d.creditCode}, ${d.caseId},
          ${d.basis}, ${d.reason},
        ${d.responsiblePersons}, ${d.decisionNo}, ${d.listedOn}, ${d.expiresOn}, ${d.regionCode}) returning id`,
  ))!.id;
}

export async function removeDefaulter(
  tx: Executor,
  id: string,
  r: { correctedOn: string; removedOn: string; note: string },
): Promise<void> {
  await tx.execute(
    sql`update defaulters set status = 'removed', corrected_on = ${r.correctedOn}, undertaking = true,
      removed_on = ${r.removedOn}, removal_note = ${r.note}, updated_at = now() where id = ${id}`,
  );
}

/** Listings past their term leave the list; answers how many did. */
export async function expireListings(tx: Executor, today: string): Promise<number> {
  const rows = await all<{ id: string }>(
    tx,
    sql`update defaulters set status = 'expired', updated_at = now() where status = 'listed'
      and expires_on <= ${today}::date returning id`,
  );
  return rows.length;
}
