import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { countyCodeOf } from '@mwsp/domain';
import { all, one, run, type Executor } from '../../db/client.js';
import { countyRoute } from '../../db/routing.js';

/** SQL of the wage module's project side: projects, units, teams, workforce, attendance, account, deposit. */

/** A project as stored: client and contractor are registry records, named through the registry's port. */
export interface ProjectRecord {
  id: string;
  /** The county (区/县) of its region: the distribution key of the project and of all its records (0024). */
  countyCode: string;
  code: string;
  name: string;
  regionCode: string;
  regionName: string | null;
  category: string;
  clientId: string;
  contractorId: string;
  permitNo: string | null;
  fundingInPlace: boolean;
  paymentGuarantee: boolean;
  contractAmountFen: number;
  labourShareBp: number;
  allocationDay: number;
  payDay: number;
  contractSignedOn: string;
  startDate: string;
  plannedEndDate: string;
  completedOn: string | null;
  status: string;
  labourOfficerName: string | null;
  labourOfficerPhoneMasked: string | null;
  noticeBoardPostedOn: string | null;
  version: number;
  workersOnSite: number;
  openWarnings: number;
  warningLevel: 'green' | 'yellow' | 'orange' | 'red';
  hasWorkers: boolean;
  hasAccount: boolean;
  hasBankPayments: boolean;
  hasDeposit: boolean;
  hasLedger: boolean;
  /** Owner (the registering user) and department (that user's): README, "Data scopes". */
  ownerId: string | null;
  departmentId: string | null;
}

/** A project with its client's and contractor's names. */
export type ProjectRow = ProjectRecord & { clientName: string; contractorName: string };

/** The 本人/本部门 narrowing of the caller (`scopeFilter`): an owner or a department to match. */
export interface OwnerFilter {
  ownerId?: string;
  departmentId?: string;
}

/** The condition of an OwnerFilter on a record's owner and department columns (`true` for other scopes). */
export function ownedCond(f: OwnerFilter | undefined, owner: SQL, dept: SQL): SQL {
  if (f?.ownerId) return sql`${owner} = ${f.ownerId}::uuid`;
  if (f?.departmentId) return sql`${dept} = ${f.departmentId}::uuid`;
  return sql`true`;
}

/**
 * The scope columns a record of a project (or of an arrears case) carries (migration 0018): its parent's region,
 * owner and department, which row-level security tests on the record's own columns. Always those of the parent
 * row the service read (a ProjectRecord, CaseRecord or WarningRecord fits as it is), never the caller's.
 */
export interface RowScope {
  regionCode: string;
  ownerId: string | null;
  departmentId: string | null;
}

/** The county (区/县) of a record: its parent's region's, the distribution key on Citus (migration 0024). */
export function countyOf(s: { regionCode: string }): string {
  return countyCodeOf(s.regionCode);
}

/** A project as the queries of its records name it: its id and its county (the shard its records sit on). */
export interface ProjectKey {
  id: string;
  countyCode: string;
}

/** The scope columns (with the distribution key county_code), in the order of `scopeValues`. */
export const SCOPE_COLUMNS = sql`county_code, region_code, owner_id, owner_department_id`;

/** A record's scope values, in the order of SCOPE_COLUMNS. */
export function scopeValues(s: RowScope): SQL {
  return sql`${countyOf(s)}, ${s.regionCode}, ${s.ownerId}::uuid, ${s.departmentId}::uuid`;
}

/**
 * A project's columns. Each per-project count names the county again as a constant for a one-county scope
 * (countyRoute): Citus routes a query to one shard only when every distributed table in it is pinned.
 */
function projectColumns(): SQL {
  return sql`p.id, p.county_code as "countyCode", p.code, p.name, p.region_code as "regionCode",
  r.full_name as "regionName",
  p.category,
  p.client_id as "clientId", p.contractor_id as "contractorId",
  p.permit_no as "permitNo", p.funding_in_place as "fundingInPlace", p.payment_guarantee as "paymentGuarantee",
  p.contract_amount_fen::float8 as "contractAmountFen", p.labour_share_bp as "labourShareBp",
  p.allocation_day as "allocationDay", p.pay_day as "payDay",
  p.contract_signed_on::text as "contractSignedOn", p.start_date::text as "startDate",
  p.planned_end_date::text as "plannedEndDate",
  p.completed_on::text as "completedOn", p.status, p.labour_officer_name as "labourOfficerName",
  p.labour_officer_phone_masked as "labourOfficerPhoneMasked",
  p.notice_board_posted_on::text as "noticeBoardPostedOn", p.version, p.created_by as "ownerId",
  p.department_id as "departmentId",
  (select count(*)::int from project_workers pw where pw.county_code = p.county_code
    ${countyRoute('pw.county_code')} and pw.project_id = p.id
  and pw.exit_date is null) as "workersOnSite",
  (select count(*)::int from warnings w where w.county_code = p.county_code
    ${countyRoute('w.county_code')} and w.project_id = p.id
  and w.status not in ('closed', 'cleared')) as "openWarnings",
  coalesce((select case max(case w.level when 'red' then 3 when 'orange' then 2 else 1 end) when 3 then 'red' when 2
  then 'orange' when 1 then 'yellow' end
    from warnings w where w.county_code = p.county_code
    ${countyRoute('w.county_code')} and w.project_id = p.id
    and w.status not in ('closed', 'cleared')), 'green') as "warningLevel",
  exists (select 1 from project_workers pw where pw.county_code = p.county_code
    ${countyRoute('pw.county_code')}
    and pw.project_id = p.id) as "hasWorkers",
  exists (select 1 from wage_accounts a where a.county_code = p.county_code
    ${countyRoute('a.county_code')} and a.project_id = p.id
  and a.status <> 'closed') as "hasAccount",
  exists (select 1 from bank_payments b where b.county_code = p.county_code
    ${countyRoute('b.county_code')} and b.project_id = p.id
  and b.succeeded) as "hasBankPayments",
  exists (select 1 from wage_deposits d where d.county_code = p.county_code
    ${countyRoute('d.county_code')} and d.project_id = p.id
  and d.status <> 'returned') as "hasDeposit",
  exists (select 1 from payroll_lines l where l.county_code = p.county_code
    ${countyRoute('l.county_code')} and l.project_id = p.id) as "hasLedger"`;
}

const PROJECT_FROM = sql`from projects p left join regions r on r.code = p.region_code`;

/** A project by id; `county` (its county, when known) routes the look-up to one shard. */
export async function findProject(tx: Executor, id: string, county?: string): Promise<ProjectRecord | undefined> {
  const where = county ? sql`p.county_code = ${county}` : sql`true ${countyRoute('p.county_code')}`;
  return one<ProjectRecord>(tx, sql`select ${projectColumns()} ${PROJECT_FROM} where ${where} and p.id = ${id}`);
}

/** Where a project code's project lives (the national look-up project_codes), if the caller's scope holds it. */
export async function projectOfCode(
  tx: Executor,
  code: string,
): Promise<{ id: string; countyCode: string } | undefined> {
  return one<{ id: string; countyCode: string }>(
    tx,
    sql`select project_id as id, county_code as "countyCode" from project_codes where code = ${code}`,
  );
}

export async function findProjectByCode(tx: Executor, code: string): Promise<ProjectRecord | undefined> {
  const at = await projectOfCode(tx, code);
  return at ? findProject(tx, at.id, at.countyCode) : undefined;
}

export interface ProjectFilter {
  q?: string;
  regionCode?: string;
  status?: string;
  level?: string;
  owned?: OwnerFilter;
  page: number;
  pageSize: number;
}

/** Name search is a leakproof prefix range (usable by the index under row-level security); code is exact. */
export async function listProjects(tx: Executor, f: ProjectFilter): Promise<{ items: ProjectRecord[]; total: number }> {
  const conds: SQL[] = [sql`true`];
  if (f.q)
    conds.push(
      sql`(p.code = ${f.q} or (p.name >= ${f.q} and p.name < ${f.q + '\u{10FFFF}'})
        or p.name like ${'%' + f.q.replace(/[\\%_]/g, (c) => '\\' + c) + '%'})`,
    );
  if (f.regionCode) conds.push(sql`p.region_code >= ${f.regionCode} and p.region_code < ${f.regionCode + 'z'}`);
  if (f.status) conds.push(sql`p.status = ${f.status}`);
  conds.push(ownedCond(f.owned, sql`p.created_by`, sql`p.department_id`));
  const where = sql.join(conds, sql` and `);
  const levelCond = f.level ? sql`where "warningLevel" = ${f.level}` : sql``;
  const rows = await all<ProjectRecord & { total: number }>(
    tx,
    sql`select *, count(*) over ()::int as total from (
      select ${projectColumns()} ${PROJECT_FROM} where ${where} ${countyRoute('p.county_code')}) x ${levelCond}
    order by case "warningLevel" when 'red' then 0 when 'orange' then 1 when 'yellow' then 2 else 3 end, code
    limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize}`,
  );
  return { items: rows, total: rows[0]?.total ?? 0 };
}

export interface ProjectColumns {
  code: string;
  name: string;
  regionCode: string;
  category: string;
  clientId: string;
  contractorId: string;
  permitNo: string | null;
  fundingInPlace: boolean;
  paymentGuarantee: boolean;
  contractAmountFen: number;
  labourShareBp: number;
  allocationDay: number;
  payDay: number;
  contractSignedOn: string;
  startDate: string;
  plannedEndDate: string;
  labourOfficerName: string | null;
  labourOfficerPhoneEnc: string | null;
  labourOfficerPhoneMasked: string | null;
}

/**
 * Inserts a project owned by `by` of department `departmentId`; undefined when its code is taken (by a
 * project the caller may not see: the look-up before is narrowed by the caller's scope). The code is claimed
 * first in the national look-up project_codes (项目编号 unique nationally), in the same transaction.
 */
export async function insertProject(
  tx: Executor,
  c: ProjectColumns,
  by: string,
  departmentId: string | null,
): Promise<string | undefined> {
  const id = randomUUID();
  const county = countyOf(c);
  const claimed = await one<{ id: string }>(
    tx,
    sql`insert into project_codes (code, county_code, region_code, project_id)
      values (${c.code}, ${county}, ${c.regionCode}, ${id}) on conflict (code) do nothing returning project_id as id`,
  );
  if (!claimed) return undefined;
  const row = await one<{ id: string }>(
    tx,
    sql`insert into projects (id, county_code, code, name, region_code, category, client_id, contractor_id,
      permit_no, funding_in_place,
      payment_guarantee, contract_amount_fen, labour_share_bp, allocation_day, pay_day, contract_signed_on, start_date,
      planned_end_date,
      labour_officer_name, labour_officer_phone_enc, labour_officer_phone_masked, created_by, department_id)
    values (${id}, ${county}, ${c.code}, ${c.name}, ${c.regionCode}, ${c.category}, ${c.clientId},
      ${c.contractorId}, ${c.permitNo},
    ${c.fundingInPlace},
      ${c.paymentGuarantee}, ${c.contractAmountFen}, ${c.labourShareBp}, ${c.allocationDay}, ${c.payDay},
      ${c.contractSignedOn}, ${c.startDate}, ${c.plannedEndDate},
      ${c.labourOfficerName}, ${c.labourOfficerPhoneEnc}, ${c.labourOfficerPhoneMasked}, ${by}, ${departmentId})
      returning id`,
  );
  return row?.id;
}

/** A project's region, owner and department (the scope its records carry), if the caller may see it. */
export async function projectScope(tx: Executor, id: string): Promise<RowScope | undefined> {
  return one<RowScope>(
    tx,
    sql`select region_code as "regionCode", created_by as "ownerId", department_id as "departmentId"
      from projects where id = ${id} ${countyRoute('county_code')}`,
  );
}

/** Whether a project in the caller's scope holds the code (the national look-up, one shard). */
export async function projectCodeTaken(tx: Executor, code: string): Promise<boolean> {
  return !!(await one(tx, sql`select 1 from project_codes where code = ${code}`));
}

export async function nextProjectSerial(tx: Executor, prefix: string): Promise<number> {
  const row = await one<{ n: number }>(
    tx,
    sql`select count(*)::int + 1 as n from project_codes where code >= ${prefix} and code < ${prefix + 'z'}`,
  );
  return row!.n;
}

const PATCHABLE: Record<string, string> = {
  name: 'name',
  status: 'status',
  permitNo: 'permit_no',
  fundingInPlace: 'funding_in_place',
  paymentGuarantee: 'payment_guarantee',
  plannedEndDate: 'planned_end_date',
  completedOn: 'completed_on',
  labourOfficerName: 'labour_officer_name',
  labourOfficerPhoneEnc: 'labour_officer_phone_enc',
  labourOfficerPhoneMasked: 'labour_officer_phone_masked',
  noticeBoardPostedOn: 'notice_board_posted_on',
  payDay: 'pay_day',
  allocationDay: 'allocation_day',
};

/** Optimistic update: returns false when the version moved on. */
export async function updateProject(
  tx: Executor,
  id: string,
  version: number,
  changes: Record<string, unknown>,
): Promise<boolean> {
  const sets = Object.entries(changes)
    .filter(([k]) => PATCHABLE[k])
    .map(([k, v]) => sql`${sql.identifier(PATCHABLE[k])} = ${v}`);
  if (sets.length === 0) return true;
  return (
    (await run(
      tx,
      sql`update projects set ${sql.join(sets, sql`, `)}, version = version + 1, updated_at = now() where id = ${id}
        and version = ${version}`,
    )) === 1
  );
}

// ---------------------------------------------------------------- units and teams
export async function listUnits(tx: Executor, project: ProjectKey) {
  return all<{ id: string; employerId: string; role: string }>(
    tx,
    sql`select u.id, u.employer_id as "employerId", u.role
    from project_units u where u.county_code = ${project.countyCode} and u.project_id = ${project.id}
      order by u.created_at`,
  );
}

export async function insertUnit(
  tx: Executor,
  projectId: string,
  employerId: string,
  role: string,
  scope: RowScope,
): Promise<string | null> {
  const row = await one<{ id: string }>(
    tx,
    sql`insert into project_units (project_id, employer_id, role, ${SCOPE_COLUMNS})
      values (${projectId}, ${employerId}, ${role}, ${scopeValues(scope)})
    on conflict (county_code, project_id, employer_id) do nothing returning id`,
  );
  return row?.id ?? null;
}

export async function listTeams(tx: Executor, project: ProjectKey) {
  return all<{ id: string; name: string; unitId: string | null; leaderName: string | null; workers: number }>(
    tx,
    sql`select t.id, t.name, t.unit_id as "unitId", t.leader_name as "leaderName",
    (select count(*)::int from project_workers pw where pw.county_code = t.county_code and pw.team_id = t.id
      and pw.exit_date is null) as workers
    from project_teams t where t.county_code = ${project.countyCode} and t.project_id = ${project.id} order by t.name`,
  );
}

export async function insertTeam(
  tx: Executor,
  projectId: string,
  t: { name: string; unitId: string | null; leaderName: string | null },
  scope: RowScope,
): Promise<string | null> {
  const row = await one<{ id: string }>(
    tx,
    sql`insert into project_teams (project_id, name, unit_id, leader_name, ${SCOPE_COLUMNS})
      values (${projectId}, ${t.name}, ${t.unitId}, ${t.leaderName}, ${scopeValues(scope)})
    on conflict (county_code, project_id, name) do nothing returning id`,
  );
  return row?.id ?? null;
}

// ---------------------------------------------------------------- workforce
export interface ProjectWorkerRow {
  id: string;
  workerId: string;
  name: string;
  idMasked: string;
  idBidx: string;
  teamId: string | null;
  teamName: string | null;
  entryDate: string;
  exitDate: string | null;
  contractPresent: boolean;
  settledOn: string | null;
  lastMonth: string | null;
  lastNetFen: number | null;
  lastPaidFen: number | null;
}

const PW_COLUMNS = sql`pw.id, pw.worker_id as "workerId", pw.name, pw.id_masked as "idMasked", pw.id_bidx as "idBidx",
  pw.team_id as "teamId", t.name as "teamName",
  pw.entry_date::text as "entryDate", pw.exit_date::text as "exitDate", pw.contract_present as "contractPresent",
  pw.settled_on::text as "settledOn"`;

export async function listProjectWorkers(
  tx: Executor,
  project: ProjectKey,
  f: { q?: string; onSite?: boolean; teamId?: string; page: number; pageSize: number },
) {
  const conds: SQL[] = [sql`pw.county_code = ${project.countyCode} and pw.project_id = ${project.id}`];
  if (f.q) conds.push(sql`pw.name >= ${f.q} and pw.name < ${f.q + '\u{10FFFF}'}`);
  if (f.onSite !== undefined) conds.push(f.onSite ? sql`pw.exit_date is null` : sql`pw.exit_date is not null`);
  if (f.teamId) conds.push(sql`pw.team_id = ${f.teamId}`);
  const rows = await all<ProjectWorkerRow & { total: number }>(
    tx,
    sql`select ${PW_COLUMNS}, lm.month::text as "lastMonth", lm.net::float8 as "lastNetFen",
      lm.paid::float8 as "lastPaidFen",
      count(*) over ()::int as total
    from project_workers pw left join project_teams t on t.county_code = pw.county_code and t.id = pw.team_id
    left join lateral (select l.month, sum(l.net_fen) as net,
        (select coalesce(sum(b.amount_fen), 0) from bank_payments b where b.county_code = l.county_code
        and b.project_worker_id = pw.id and b.month = l.month and b.succeeded) as paid
      from payroll_lines l where l.county_code = pw.county_code and l.project_worker_id = pw.id
      group by l.county_code, l.month order by l.month desc limit 1) lm on true
    where ${sql.join(conds, sql` and `)} order by pw.exit_date is not null, pw.entry_date desc, pw.name
      limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize}`,
  );
  return { items: rows, total: rows[0]?.total ?? 0 };
}

export async function findProjectWorker(
  tx: Executor,
  project: ProjectKey,
  id: string,
): Promise<ProjectWorkerRow | undefined> {
  return one<ProjectWorkerRow>(
    tx,
    sql`select ${PW_COLUMNS}, null as "lastMonth", null as "lastNetFen", null as "lastPaidFen"
    from project_workers pw left join project_teams t on t.county_code = pw.county_code and t.id = pw.team_id
      where pw.county_code = ${project.countyCode} and pw.project_id = ${project.id}
    and pw.id = ${id}`,
  );
}

/** The project's workers by ID-number blind index (wage sheets and bank files name workers by ID number). */
export async function projectWorkersByBidx(
  tx: Executor,
  project: ProjectKey,
  bidx: string[],
): Promise<Map<string, { id: string; name: string; entryDate: string; exitDate: string | null }>> {
  if (bidx.length === 0) return new Map();
  const rows = await all<{ id: string; idBidx: string; name: string; entryDate: string; exitDate: string | null }>(
    tx,
    sql`select id, id_bidx as "idBidx", name, entry_date::text as "entryDate", exit_date::text as "exitDate"
    from project_workers where county_code = ${project.countyCode} and project_id = ${project.id}
      and id_bidx in (${sql.join(
        bidx.map((b) => sql`${b}`),
        sql`, `,
      )})`,
  );
  return new Map(rows.map((r) => [r.idBidx, r]));
}

export async function insertProjectWorker(
  tx: Executor,
  w: {
    projectId: string;
    workerId: string;
    teamId: string | null;
    name: string;
    idBidx: string;
    idMasked: string;
    entryDate: string;
    contractPresent: boolean;
    scope: RowScope;
  },
): Promise<string | null> {
  const row = await one<{ id: string }>(
    tx,
    sql`insert into project_workers (project_id, worker_id, team_id, name, id_bidx, id_masked, entry_date,
      contract_present, ${SCOPE_COLUMNS})
    values (${w.projectId}, ${w.workerId}, ${w.teamId}, ${w.name}, ${w.idBidx}, ${w.idMasked}, ${w.entryDate},
    ${w.contractPresent}, ${scopeValues(w.scope)})
    on conflict do nothing returning id`,
  );
  return row?.id ?? null;
}

export async function updateProjectWorker(
  tx: Executor,
  id: string,
  c: { teamId?: string | null; exitDate?: string | null; settledOn?: string | null },
): Promise<void> {
  const sets: SQL[] = [sql`updated_at = now()`];
  if (c.teamId !== undefined) sets.push(sql`team_id = ${c.teamId}`);
  if (c.exitDate !== undefined) sets.push(sql`exit_date = ${c.exitDate}`);
  if (c.settledOn !== undefined) sets.push(sql`settled_on = ${c.settledOn}`);
  await tx.execute(sql`update project_workers set ${sql.join(sets, sql`, `)} where id = ${id}`);
}

export async function teamBelongs(tx: Executor, project: ProjectKey, teamId: string): Promise<boolean> {
  return !!(await one(
    tx,
    sql`select 1 from project_teams where id = ${teamId} and county_code = ${project.countyCode}
      and project_id = ${project.id}`,
  ));
}

// ---------------------------------------------------------------- attendance
export async function attendanceOf(tx: Executor, project: ProjectKey, month: string) {
  return all<{
    projectWorkerId: string;
    name: string;
    idMasked: string;
    days: number | null;
    entryDate: string;
    exitDate: string | null;
  }>(
    tx,
    sql`select pw.id as "projectWorkerId", pw.name, pw.id_masked as "idMasked", a.days,
      pw.entry_date::text as "entryDate", pw.exit_date::text as "exitDate"
    from project_workers pw left join attendance a on a.county_code = pw.county_code
    and a.project_id = pw.project_id and a.project_worker_id = pw.id
    and a.month = ${month}
    where pw.county_code = ${project.countyCode} and pw.project_id = ${project.id}
      and pw.entry_date <= (${month}::date + interval '1 month' - interval '1 day')
    and (pw.exit_date is null or pw.exit_date >= ${month}::date)
    order by pw.name`,
  );
}

export async function upsertAttendance(
  tx: Executor,
  projectId: string,
  month: string,
  scope: RowScope,
  entries: { projectWorkerId: string; days: number }[],
): Promise<void> {
  if (entries.length === 0) return;
  const rows = entries.map(
    (e) =>
      sql`(${projectId}::uuid, ${e.projectWorkerId}::uuid, ${month}::date, ${e.days}::smallint, ${scopeValues(scope)})`,
  );
  await tx.execute(sql`insert into attendance (project_id, project_worker_id, month, days, ${SCOPE_COLUMNS})
    values ${sql.join(rows, sql`, `)}
    on conflict (county_code, project_id, month, project_worker_id) do update set days = excluded.days,
      updated_at = excluded.updated_at`); // the column default (now()): Citus refuses now() in DO UPDATE SET
}

// ---------------------------------------------------------------- dedicated account
export interface AccountRow {
  id: string;
  bankName: string;
  accountName: string;
  accountMasked: string;
  accountBidx: string;
  openedOn: string;
  status: 'open' | 'closing' | 'closed';
  closureNoticeFrom: string | null;
  closedOn: string | null;
  balanceFen: number;
}

export async function findAccount(tx: Executor, project: ProjectKey): Promise<AccountRow | undefined> {
  return one<AccountRow>(
    tx,
    sql`select id, bank_name as "bankName", account_name as "accountName", account_masked as "accountMasked",
      account_bidx as "accountBidx",
    opened_on::text as "openedOn", status, closure_notice_from::text as "closureNoticeFrom",
    closed_on::text as "closedOn", balance_fen::float8 as "balanceFen"
    from wage_accounts where county_code = ${project.countyCode} and project_id = ${project.id}`,
  );
}

export async function insertAccount(
  tx: Executor,
  a: {
    projectId: string;
    bankName: string;
    accountName: string;
    accountEnc: string;
    accountBidx: string;
    accountMasked: string;
    openedOn: string;
    scope: RowScope;
  },
): Promise<void> {
  await tx.execute(sql`insert into wage_accounts (project_id, bank_name, account_name, account_enc, account_bidx,
    account_masked, opened_on, ${SCOPE_COLUMNS})
    values (${a.projectId}, ${a.bankName}, ${a.accountName}, ${a.accountEnc}, ${a.accountBidx}, ${a.accountMasked},
    ${a.openedOn}, ${scopeValues(a.scope)})`);
}

export async function setAccountStatus(
  tx: Executor,
  id: string,
  status: string,
  dates: { closureNoticeFrom?: string; closedOn?: string },
): Promise<void> {
  await tx.execute(sql`update wage_accounts set status = ${status},
    closure_notice_from = coalesce(${dates.closureNoticeFrom ?? null}::date, closure_notice_from),
    closed_on = ${dates.closedOn ?? null}::date, updated_at = now() where id = ${id}`);
}

export async function insertTxns(
  tx: Executor,
  accountId: string,
  projectId: string,
  scope: RowScope,
  txns: { kind: string; month: string | null; amountFen: number; txnDate: string; ref: string | null }[],
): Promise<void> {
  if (txns.length === 0) return;
  const rows = txns.map(
    (t) =>
      sql`(${accountId}::uuid, ${projectId}::uuid, ${t.kind}, ${t.month}::date, ${t.amountFen}, ${t.txnDate}::date,
        ${t.ref}, ${scopeValues(scope)})`,
  );
  await tx.execute(
    sql`insert into account_txns (account_id, project_id, kind, month, amount_fen, txn_date, ref, ${SCOPE_COLUMNS})
      values ${sql.join(rows, sql`, `)}`,
  );
  const delta = txns.reduce(
    (s, t) => s + (t.kind === 'payment' || t.kind === 'refund' ? -t.amountFen : t.amountFen),
    0,
  );
  await tx.execute(
    sql`update wage_accounts set balance_fen = balance_fen + ${delta}, updated_at = now() where id = ${accountId}`,
  );
}

export async function listTxns(tx: Executor, project: ProjectKey, page: number, pageSize: number) {
  const rows = await all<{
    id: number;
    kind: string;
    month: string | null;
    amountFen: number;
    txnDate: string;
    ref: string | null;
    total: number;
  }>(
    tx,
    sql`select id::int8 as id, kind, month::text as month,
    amount_fen::float8 as "amountFen", txn_date::text as "txnDate", ref, count(*) over ()::int as total
    from account_txns where county_code = ${project.countyCode} and project_id = ${project.id}
    order by txn_date desc, id desc limit ${pageSize} offset ${(page - 1) * pageSize}`,
  );
  return { items: rows.map(({ total: _t, ...r }) => ({ ...r, id: Number(r.id) })), total: rows[0]?.total ?? 0 };
}

// ---------------------------------------------------------------- deposit
export interface DepositRow {
  id: string;
  form: string;
  rateBp: number;
  requiredFen: number;
  balanceFen: number;
  basis: string;
  bankName: string | null;
  letterNo: string | null;
  validUntil: string | null;
  depositedOn: string | null;
  topupDueOn: string | null;
  status: string;
  returnedOn: string | null;
}

export async function findDeposit(tx: Executor, project: ProjectKey): Promise<DepositRow | undefined> {
  return one<DepositRow>(
    tx,
    sql`select id, form, rate_bp as "rateBp", required_fen::float8 as "requiredFen",
      balance_fen::float8 as "balanceFen", basis, bank_name as "bankName",
    letter_no as "letterNo", valid_until::text as "validUntil", deposited_on::text as "depositedOn",
    topup_due_on::text as "topupDueOn", status, returned_on::text as "returnedOn"
    from wage_deposits where county_code = ${project.countyCode} and project_id = ${project.id}`,
  );
}

export async function depositMovements(tx: Executor, depositId: string) {
  const rows = await all<{ id: number; kind: string; amountFen: number; onDate: string; note: string | null }>(
    tx,
    sql`select id::int8 as id, kind, amount_fen::float8 as "amountFen",
    on_date::text as "onDate", note from deposit_movements where deposit_id = ${depositId} order by id`,
  );
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

export async function insertDeposit(
  tx: Executor,
  d: {
    projectId: string;
    form: string;
    rateBp: number;
    requiredFen: number;
    balanceFen: number;
    basis: string;
    bankName: string | null;
    letterNo: string | null;
    validUntil: string | null;
    depositedOn: string | null;
    status: string;
    scope: RowScope;
  },
): Promise<string> {
  const row = await one<{ id: string }>(
    tx,
    sql`insert into wage_deposits (project_id, form, rate_bp, required_fen, balance_fen, basis, bank_name, letter_no,
      valid_until, deposited_on, status, ${SCOPE_COLUMNS})
    values (${d.projectId}, ${d.form}, ${d.rateBp}, ${d.requiredFen}, ${d.balanceFen}, ${d.basis}, ${d.bankName},
    ${d.letterNo}, ${d.validUntil}, ${d.depositedOn}, ${d.status}, ${scopeValues(d.scope)}) returning id`,
  );
  return row!.id;
}

export async function updateDeposit(
  tx: Executor,
  id: string,
  c: { balanceFen: number; status: string; topupDueOn: string | null; returnedOn?: string | null },
): Promise<void> {
  await tx.execute(
    sql`update wage_deposits set balance_fen = ${c.balanceFen}, status = ${c.status}, topup_due_on = ${c.topupDueOn},
      returned_on = ${c.returnedOn ?? null}, updated_at = now() where id = ${id}`,
  );
}

export async function insertDepositMovement(
  tx: Executor,
  m: { depositId: string; kind: string; amountFen: number; onDate: string; note: string | null; scope: RowScope },
): Promise<void> {
  await tx.execute(
    sql`insert into deposit_movements (deposit_id, kind, amount_fen, on_date, note, ${SCOPE_COLUMNS})
      values (${m.depositId}, ${m.kind}, ${m.amountFen}, ${m.onDate}, ${m.note}, ${scopeValues(m.scope)})`,
  );
}

/**
 * The contractor's wage history across the city (SECURITY DEFINER, migration 0015), for its integrity grade and
 * the deposit rate; its registration day comes from the registry's port.
 */
export async function employerHistory(tx: Executor, employerId: string) {
  return one<{ arrearsDates: string[]; listed: boolean; liveProjects: number }>(
    tx,
    sql`select coalesce(arrears_dates::text[], '{}') as "arrearsDates", listed, live_projects as "liveProjects"
      from mwsp_employer_wage_history(${employerId}::uuid)`,
  );
}

// ---------------------------------------------------------------- lookups of reference data
export async function regionLevel(tx: Executor, code: string): Promise<{ level: number } | undefined> {
  return one<{ level: number }>(tx, sql`select level from regions where code = ${code}`);
}

export async function openArrearsCount(tx: Executor, project: ProjectKey): Promise<number> {
  return (await one<{ n: number }>(
    tx,
    sql`select count(*)::int as n from arrears_cases where county_code = ${project.countyCode}
      and project_id = ${project.id}
      and status not in ('paid', 'closed')`,
  ))!.n;
}

export async function officerPhoneEnc(tx: Executor, projectId: string): Promise<string | null> {
  return (
    (
      await one<{ enc: string | null }>(
        tx,
        sql`select labour_officer_phone_enc as enc from projects where id = ${projectId}`,
      )
    )?.enc ?? null
  );
}

// ---------------------------------------------------------------- the scan queue
export async function queueScan(tx: Executor, projectId: string, scope: RowScope): Promise<void> {
  // excluded.queued_at: the default now() (Citus refuses now() in DO UPDATE SET)
  await tx.execute(
    sql`insert into warning_scan_queue (project_id, ${SCOPE_COLUMNS}) values (${projectId}, ${scopeValues(scope)})
      on conflict (county_code, project_id) do update set queued_at = excluded.queued_at`,
  );
}
