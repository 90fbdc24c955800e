import { sql } from 'drizzle-orm';
import { all, one, type Database, type Executor } from '../../db/client.js';
import { countyRoute } from '../../db/routing.js';
import {
  countyOf,
  ownedCond,
  SCOPE_COLUMNS,
  scopeValues,
  type OwnerFilter,
  type ProjectKey,
  type RowScope,
} from './projects.repo.js';

/** SQL of the wage ledger (工资支付台账) and the bank's payment results. Append-only by grants. */

export async function ensurePayroll(
  tx: Executor,
  p: {
    projectId: string;
    teamId: string | null;
    month: string;
    source: 'import' | 'manual';
    importId: string | null;
    scope: RowScope;
    by: string;
  },
): Promise<string> {
  const teamKey = p.teamId ?? '';
  const found = await one<{ id: string }>(
    tx,
    sql`select id from payrolls where county_code = ${countyOf(p.scope)} and project_id = ${p.projectId}
        and month = ${p.month} and team_key = ${teamKey}`,
  );
  if (found) return found.id;
  const row = await one<{ id: string }>(
    tx,
    sql`insert into payrolls (project_id, team_key, team_id, month, source, import_id, ${SCOPE_COLUMNS}, created_by)
    values (${p.projectId}, ${teamKey}, ${p.teamId}, ${p.month}, ${p.source}, ${p.importId}, ${scopeValues(p.scope)},
    ${p.by})
    on conflict (county_code, project_id, month, team_key) do nothing returning id`,
  );
  return (
    row?.id ??
    (await one<{ id: string }>(
      tx,
      sql`select id from payrolls where county_code = ${countyOf(p.scope)} and project_id = ${p.projectId}
        and month = ${p.month} and team_key = ${teamKey}`,
    ))!.id
  );
}

export interface LineInput {
  payrollId: string;
  projectWorkerId: string;
  month: string;
  days: number;
  payableFen: number;
  deductionsFen: number;
  netFen: number;
  payDate: string | null;
  confirmed: boolean;
}

/** Original lines already in the ledger for these workers and months: key `${projectWorkerId}|${month}` → net. */
export async function existingOriginals(
  tx: Executor,
  project: ProjectKey,
  keys: { projectWorkerId: string; month: string }[],
): Promise<Map<string, { lineId: number; netFen: number }>> {
  if (keys.length === 0) return new Map();
  const months = [...new Set(keys.map((k) => k.month))];
  const ids = [...new Set(keys.map((k) => k.projectWorkerId))];
  const rows = await all<{ projectWorkerId: string; month: string; lineId: number; netFen: number }>(
    tx,
    sql`select project_worker_id as "projectWorkerId", month::text as month, id::int8 as "lineId",
      net_fen::float8 as "netFen"
    from payroll_lines where county_code = ${project.countyCode} and project_id = ${project.id} and entry = 'original'
      and month in (${sql.join(
        months.map((m) => sql`${m}::date`),
        sql`, `,
      )})
      and project_worker_id in (${sql.join(
        ids.map((i) => sql`${i}::uuid`),
        sql`, `,
      )})`,
  );
  return new Map(rows.map((r) => [`${r.projectWorkerId}|${r.month}`, { lineId: Number(r.lineId), netFen: r.netFen }]));
}

export async function insertLines(
  tx: Executor,
  projectId: string,
  scope: RowScope,
  by: string,
  lines: LineInput[],
): Promise<void> {
  if (lines.length === 0) return;
  const rows = lines.map(
    (l) => sql`(${l.payrollId}::uuid, ${projectId}::uuid, ${l.projectWorkerId}::uuid, ${l.month}::date,
      ${l.days}::smallint, ${l.payableFen}::int8, ${l.deductionsFen}::int8,
    ${l.netFen}::int8, ${l.payDate}::date, ${l.confirmed}, ${scopeValues(scope)}, ${by}::uuid)`,
  );
  await tx.execute(sql`insert into payroll_lines (payroll_id, project_id, project_worker_id, month, days, payable_fen,
    deductions_fen, net_fen, pay_date, confirmed, ${SCOPE_COLUMNS}, created_by)
    values ${sql.join(rows, sql`, `)}`);
}

export async function findLine(tx: Executor, project: ProjectKey, lineId: number) {
  return one<{
    id: number;
    payrollId: string;
    projectWorkerId: string;
    month: string;
    entry: string;
    payableFen: number;
    deductionsFen: number;
    netFen: number;
  }>(
    tx,
    sql`select id::int8 as id,
    payroll_id as "payrollId", project_worker_id as "projectWorkerId", month::text as month, entry,
    payable_fen::float8 as "payableFen", deductions_fen::float8 as "deductionsFen", net_fen::float8 as "netFen"
    from payroll_lines where county_code = ${project.countyCode} and project_id = ${project.id} and id = ${lineId}`,
  );
}

/** The worker-month's totals after all adjustments. */
export async function workerMonthTotals(tx: Executor, projectWorkerId: string, month: string) {
  return one<{ payableFen: number; deductionsFen: number; netFen: number }>(
    tx,
    sql`select coalesce(sum(payable_fen), 0)::float8 as "payableFen", coalesce(sum(deductions_fen),
      0)::float8 as "deductionsFen",
    coalesce(sum(net_fen), 0)::float8 as "netFen" from payroll_lines where project_worker_id = ${projectWorkerId}
    and month = ${month}`,
  );
}

export async function insertAdjustment(
  tx: Executor,
  a: {
    payrollId: string;
    projectId: string;
    projectWorkerId: string;
    month: string;
    payableFen: number;
    deductionsFen: number;
    netFen: number;
    adjustsLineId: number;
    reason: string;
    scope: RowScope;
    by: string;
  },
): Promise<number> {
  const row = await one<{ id: number }>(
    tx,
    sql`insert into payroll_lines (payroll_id, project_id, project_worker_id, month, days, payable_fen, deductions_fen,
      net_fen, entry, adjusts_line_id, reason, confirmed, ${SCOPE_COLUMNS}, created_by)
    values (${a.payrollId}, ${a.projectId}, ${a.projectWorkerId}, ${a.month}, 0, ${a.payableFen}, ${a.deductionsFen},
    ${a.netFen}, 'adjustment', ${a.adjustsLineId}, ${a.reason}, false, ${scopeValues(a.scope)}, ${a.by})
    returning id::int8 as id`,
  );
  return Number(row!.id);
}

/** Per month: attendance, ledger totals and what the bank paid. */
export async function monthSummaries(tx: Executor, project: ProjectKey) {
  return all<{
    month: string;
    lines: number;
    attendees: number;
    payableFen: number;
    deductionsFen: number;
    netFen: number;
    paidFen: number;
    paidWorkers: number;
    failedPayments: number;
    unconfirmed: number;
    adjustments: number;
  }>(
    tx,
    sql`
    with months as (
      select month from attendance where county_code = ${project.countyCode} and project_id = ${project.id}
        and days > 0 union select month from payroll_lines
      where county_code = ${project.countyCode} and project_id = ${project.id}
    )
    select m.month::text as month,
      (select count(*)::int from payroll_lines l where l.county_code = ${project.countyCode}
        and l.project_id = ${project.id} and l.month = m.month
      and l.entry = 'original') as lines,
      (select count(*)::int from attendance a where a.county_code = ${project.countyCode}
        and a.project_id = ${project.id} and a.month = m.month
      and a.days > 0) as attendees,
      (select coalesce(sum(payable_fen), 0)::float8 from payroll_lines l
        where l.county_code = ${project.countyCode} and l.project_id = ${project.id}
      and l.month = m.month) as "payableFen",
      (select coalesce(sum(deductions_fen), 0)::float8 from payroll_lines l
        where l.county_code = ${project.countyCode} and l.project_id = ${project.id}
      and l.month = m.month) as "deductionsFen",
      (select coalesce(sum(net_fen), 0)::float8 from payroll_lines l where l.county_code = ${project.countyCode}
        and l.project_id = ${project.id}
      and l.month = m.month) as "netFen",
      (select coalesce(sum(amount_fen), 0)::float8 from bank_payments b where b.county_code = ${project.countyCode}
        and b.project_id = ${project.id}
      and b.month = m.month and b.succeeded) as "paidFen",
      (select count(distinct project_worker_id)::int from bank_payments b
        where b.county_code = ${project.countyCode} and b.project_id = ${project.id}
      and b.month = m.month and b.succeeded) as "paidWorkers",
      (select count(*)::int from bank_payments b where b.county_code = ${project.countyCode}
        and b.project_id = ${project.id} and b.month = m.month
      and not b.succeeded) as "failedPayments",
      (select count(*)::int from payroll_lines l where l.county_code = ${project.countyCode}
        and l.project_id = ${project.id} and l.month = m.month
      and l.entry = 'original' and not l.confirmed) as unconfirmed,
      (select count(*)::int from payroll_lines l where l.county_code = ${project.countyCode}
        and l.project_id = ${project.id} and l.month = m.month
      and l.entry = 'adjustment') as adjustments
    from months m order by m.month desc`,
  );
}

export async function monthLines(tx: Executor, project: ProjectKey, month: string) {
  const rows = await all<{
    lineId: number;
    projectWorkerId: string;
    name: string;
    idMasked: string;
    days: number;
    payableFen: number;
    deductionsFen: number;
    netFen: number;
    payDate: string | null;
    confirmed: boolean;
    entry: string;
    adjustsLineId: number | null;
    reason: string | null;
    paidFen: number;
  }>(
    tx,
    sql`
    select l.id::int8 as "lineId", l.project_worker_id as "projectWorkerId", pw.name, pw.id_masked as "idMasked",
    l.days, l.payable_fen::float8 as "payableFen", l.deductions_fen::float8 as "deductionsFen",
      l.net_fen::float8 as "netFen", l.pay_date::text as "payDate", l.confirmed, l.entry,
      l.adjusts_line_id::int8 as "adjustsLineId", l.reason,
      case when l.entry = 'original' then (select coalesce(sum(b.amount_fen), 0) from bank_payments b
      where b.county_code = ${project.countyCode} and b.project_worker_id = l.project_worker_id and b.month = l.month
      and b.succeeded) else 0 end::float8 as "paidFen"
    from payroll_lines l join project_workers pw on pw.county_code = l.county_code and pw.id = l.project_worker_id
    where l.county_code = ${project.countyCode} and l.project_id = ${project.id} and l.month = ${month}
      order by pw.name, l.id`,
  );
  return rows.map((r) => ({
    ...r,
    lineId: Number(r.lineId),
    adjustsLineId: r.adjustsLineId === null ? null : Number(r.adjustsLineId),
  }));
}

/** Worker-months whose ledger net exceeds what the bank paid (wages not fully paid). */
export async function unpaidLineCount(tx: Executor, project: ProjectKey): Promise<number> {
  return (await one<{ n: number }>(
    tx,
    sql`select count(*)::int as n from (select l.county_code, l.project_worker_id, l.month, sum(l.net_fen) as net
      from payroll_lines l
      where l.county_code = ${project.countyCode} and l.project_id = ${project.id} group by 1, 2, 3) x
    where x.net > (select coalesce(sum(b.amount_fen), 0) from bank_payments b
    where b.county_code = ${project.countyCode} and b.county_code = x.county_code
    and b.project_worker_id = x.project_worker_id and b.month = x.month and b.succeeded)`,
  ))!.n;
}

/**
 * The worker-facing lookup (SECURITY DEFINER function: only that worker's lines on that project), outside any scope.
 */
/**
 * The names on record for one ID number on one project (SECURITY DEFINER: names only, for the public lookup's name
 * check).
 */
export async function projectWorkerNames(db: Database, projectCode: string, idBidx: string): Promise<string[]> {
  return (
    await db.read<{ name: string }>(sql`select name from mwsp_project_worker_names(${projectCode}, ${idBidx}) as name`)
  ).map((r) => r.name);
}

export async function workerWageLookup(db: Database, projectCode: string, idBidx: string, name: string) {
  return db.read<{
    month: string;
    days: number | null;
    payableFen: number | null;
    deductionsFen: number | null;
    netFen: number | null;
    paidFen: number;
    payDate: string | null;
  }>(
    sql`select month::text as month, days, payable_fen::float8 as "payableFen",
      deductions_fen::float8 as "deductionsFen", net_fen::float8 as "netFen", paid_fen::float8 as "paidFen",
      pay_date::text as "payDate"
      from mwsp_worker_wage_lookup(${projectCode}, ${idBidx}, ${name})`,
  );
}

// ---------------------------------------------------------------- bank payments
export async function paidSoFar(tx: Executor, projectWorkerId: string, month: string): Promise<number> {
  const row = await one<{ paid: number }>(
    tx,
    sql`select coalesce(sum(amount_fen), 0)::float8 as paid from bank_payments
      where project_worker_id = ${projectWorkerId} and month = ${month} and succeeded`,
  );
  return row!.paid;
}

export async function existingBankRefs(
  tx: Executor,
  accountId: string,
  refs: string[],
): Promise<Map<string, { projectWorkerId: string; month: string; amountFen: number; succeeded: boolean }>> {
  if (refs.length === 0) return new Map();
  const rows = await all<{
    bankRef: string;
    projectWorkerId: string;
    month: string;
    amountFen: number;
    succeeded: boolean;
  }>(
    tx,
    sql`select bank_ref as "bankRef", project_worker_id as "projectWorkerId", month::text as month,
    amount_fen::float8 as "amountFen", succeeded from bank_payments where account_id = ${accountId}
    and bank_ref in (${sql.join(
      refs.map((r) => sql`${r}`),
      sql`, `,
    )})`,
  );
  return new Map(rows.map((r) => [r.bankRef, r]));
}

export interface BankPaymentInput {
  projectWorkerId: string;
  month: string;
  amountFen: number;
  succeeded: boolean;
  failureReason: string | null;
  bankRef: string;
  paidOn: string;
}

export async function insertBankPayments(
  tx: Executor,
  projectId: string,
  accountId: string,
  scope: RowScope,
  importId: string | null,
  items: BankPaymentInput[],
): Promise<void> {
  if (items.length === 0) return;
  const rows = items.map(
    (b) =>
      sql`(${projectId}::uuid, ${accountId}::uuid, ${b.projectWorkerId}::uuid, ${b.month}::date, ${b.amountFen}::int8,
        ${b.succeeded}, ${b.failureReason}, ${b.bankRef}, ${b.paidOn}::date, ${importId}::uuid, ${scopeValues(scope)})`,
  );
  await tx.execute(sql`insert into bank_payments (project_id, account_id, project_worker_id, month, amount_fen,
    succeeded, failure_reason, bank_ref, paid_on, import_id, ${SCOPE_COLUMNS})
    values ${sql.join(rows, sql`, `)}`);
}

export async function listBankPayments(
  tx: Executor,
  project: ProjectKey,
  f: { month?: string; succeeded?: boolean; page: number; pageSize: number },
) {
  const rows = await all<{
    id: number;
    month: string;
    name: string;
    idMasked: string;
    amountFen: number;
    succeeded: boolean;
    failureReason: string | null;
    bankRef: string;
    paidOn: string;
    total: number;
  }>(
    tx,
    sql`
    select b.id::int8 as id, b.month::text as month, pw.name, pw.id_masked as "idMasked",
    b.amount_fen::float8 as "amountFen", b.succeeded, b.failure_reason as "failureReason",
      b.bank_ref as "bankRef", b.paid_on::text as "paidOn", count(*) over ()::int as total
    from bank_payments b join project_workers pw on pw.county_code = b.county_code and pw.id = b.project_worker_id
    where b.county_code = ${project.countyCode}
      and b.project_id = ${project.id} ${f.month ? sql`and b.month = ${f.month}` : sql``}
      ${f.succeeded === undefined ? sql`` : sql`and b.succeeded = ${f.succeeded}`}
    order by b.paid_on desc, b.id desc limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize}`,
  );
  return { items: rows.map(({ total: _t, ...r }) => ({ ...r, id: Number(r.id) })), total: rows[0]?.total ?? 0 };
}

/** Month by month, what the ledger says and the bank paid for one registry worker, across projects in scope. */
/** A worker's wages month by month, on the projects the OwnerFilter covers. */
export async function workerWages(tx: Executor, workerId: string, owned?: OwnerFilter) {
  return all<{
    projectId: string;
    projectName: string;
    month: string;
    days: number;
    payableFen: number;
    netFen: number;
    paidFen: number;
    payDate: string | null;
  }>(
    tx,
    sql`
    select pw.project_id as "projectId", p.name as "projectName", m.month::text as month,
      coalesce((select sum(l.days) from payroll_lines l where l.county_code = pw.county_code
      and l.project_worker_id = pw.id and l.month = m.month), 0)::int as days,
      coalesce((select sum(l.payable_fen) from payroll_lines l where l.county_code = pw.county_code
      and l.project_worker_id = pw.id and l.month = m.month), 0)::float8 as "payableFen",
      coalesce((select sum(l.net_fen) from payroll_lines l where l.county_code = pw.county_code
      and l.project_worker_id = pw.id and l.month = m.month), 0)::float8 as "netFen",
      coalesce((select sum(b.amount_fen) from bank_payments b where b.county_code = pw.county_code
      and b.project_worker_id = pw.id and b.month = m.month and b.succeeded), 0)::float8 as "paidFen",
      (select max(b.paid_on)::text from bank_payments b where b.county_code = pw.county_code
      and b.project_worker_id = pw.id and b.month = m.month and b.succeeded) as "payDate"
    from project_workers pw join projects p on p.county_code = pw.county_code and p.id = pw.project_id
    join lateral (select month from payroll_lines l where l.county_code = pw.county_code
    and l.project_worker_id = pw.id union select month
    from bank_payments b where b.county_code = pw.county_code and b.project_worker_id = pw.id) m on true
    where pw.worker_id = ${workerId} and ${ownedCond(owned, sql`p.created_by`, sql`p.department_id`)}
      ${countyRoute('pw.county_code')}
      order by m.month desc, p.name`,
  );
}
