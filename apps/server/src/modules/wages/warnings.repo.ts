import { sql, type SQL } from 'drizzle-orm';
import type { WarningLevel } from '@mwsp/domain';
import { all, one, type Executor } from '../../db/client.js';
import { countyRoute } from '../../db/routing.js';
import {
  ownedCond,
  SCOPE_COLUMNS,
  scopeValues,
  type OwnerFilter,
  type ProjectKey,
  type RowScope,
} from './projects.repo.js';

/**
 * SQL of the warnings: the disposal workflow, the dashboard and the engine's reconciliation (one repo,
 * because the workflow and the engine write the same tables: warnings, warning_actions and the scan
 * queue). The rules' detection queries stay in rules/*.ts.
 */

export interface WarningRecord {
  id: string;
  seq: number;
  rule: string;
  projectId: string;
  projectCode: string;
  projectName: string;
  regionCode: string;
  regionName: string | null;
  month: string | null;
  level: 'yellow' | 'orange' | 'red';
  status: string;
  workersAffected: number;
  amountFen: number;
  assigneeId: string | null;
  assigneeName: string | null;
  departmentCode: string | null;
  dueOn: string | null;
  escalation: number;
  firstDetectedAt: Date;
  lastDetectedAt: Date;
  clearedAt: Date | null;
  closedAt: Date | null;
  result: string | null;
  detail: Record<string, unknown>;
  /** Those of its project: a warning follows its project's owner and department (README, "Data scopes"). */
  ownerId: string | null;
  departmentId: string | null;
}

const COLUMNS = sql`w.id, w.seq::int8 as seq, w.rule, w.project_id as "projectId", p.code as "projectCode",
  p.name as "projectName", w.region_code as "regionCode", r.full_name as "regionName",
  w.month::text as month, w.level, w.status, w.workers_affected as "workersAffected",
  w.amount_fen::float8 as "amountFen", w.assignee_id as "assigneeId", w.assignee_name as "assigneeName",
  w.department_code as "departmentCode", w.due_on::text as "dueOn", w.escalation,
  w.first_detected_at as "firstDetectedAt", w.last_detected_at as "lastDetectedAt",
  w.cleared_at as "clearedAt", w.closed_at as "closedAt", w.result, w.detail, p.created_by as "ownerId",
  p.department_id as "departmentId"`;
const FROM = sql`from warnings w join projects p on p.county_code = w.county_code and p.id = w.project_id
  left join regions r on r.code = w.region_code`;
const LIVE = sql`w.status not in ('closed', 'cleared')`;

const uuidList = (ids: string[]) =>
  sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );

// ---------------------------------------------------------------- workflow
export interface WarningFilter {
  owned: OwnerFilter;
  regionCode?: string;
  level?: string;
  status?: string;
  rule?: string;
  projectId?: string;
  overdue?: boolean;
  today: string;
  page: number;
  pageSize: number;
}

/**
 * 本人/本部门: the warnings of the caller's (department's) projects; the responsible department a
 * warning is routed to (department_code) grants no visibility (README, "Data scopes").
 */
export async function listWarnings(tx: Executor, f: WarningFilter): Promise<(WarningRecord & { total: number })[]> {
  const conds: SQL[] = [ownedCond(f.owned, sql`p.created_by`, sql`p.department_id`)];
  if (f.regionCode) conds.push(sql`w.region_code >= ${f.regionCode} and w.region_code < ${f.regionCode + 'z'}`);
  if (f.level) conds.push(sql`w.level = ${f.level}`);
  if (f.status === 'live') conds.push(LIVE);
  else if (f.status) conds.push(sql`w.status = ${f.status}`);
  if (f.rule) conds.push(sql`w.rule = ${f.rule}`);
  if (f.projectId) conds.push(sql`w.project_id = ${f.projectId}`);
  if (f.overdue) conds.push(sql`${LIVE} and w.due_on < ${f.today}::date`);
  return all<WarningRecord & { total: number }>(
    tx,
    sql`select ${COLUMNS}, count(*) over ()::int as total ${FROM}
      where ${sql.join(conds, sql` and `)} ${countyRoute('w.county_code')}
      order by (w.status in ('closed', 'cleared')), case w.level when 'red' then 0 when 'orange' then 1 else 2 end,
      w.first_detected_at desc, w.seq desc
      limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize}`,
  );
}

export async function findWarning(tx: Executor, id: string): Promise<WarningRecord | undefined> {
  return one<WarningRecord>(tx, sql`select ${COLUMNS} ${FROM} where w.id = ${id} ${countyRoute('w.county_code')}`);
}

/** Whether the warning belongs to the project. */
export async function warningOfProject(tx: Executor, warningId: string, project: ProjectKey): Promise<boolean> {
  return !!(await one(
    tx,
    sql`select 1 from warnings where id = ${warningId} and county_code = ${project.countyCode}
      and project_id = ${project.id}`,
  ));
}

/** The warning's workers with their net pay, bank payments and attendance (of its month, else in all). */
export async function warningWorkers(tx: Executor, county: string, projectWorkerIds: string[], month: string | null) {
  if (projectWorkerIds.length === 0) return [];
  return all<{
    projectWorkerId: string;
    name: string;
    idMasked: string;
    netFen: number;
    paidFen: number;
    days: number;
  }>(
    tx,
    sql`select pw.id as "projectWorkerId", pw.name, pw.id_masked as "idMasked",
            coalesce((select sum(l.net_fen) from payroll_lines l
            where l.county_code = pw.county_code
              and l.project_worker_id = pw.id ${month ? sql`and l.month = ${month}` : sql``}), 0)::float8 as "netFen",
            coalesce((select sum(b.amount_fen) from bank_payments b where b.county_code = pw.county_code
            and b.project_worker_id = pw.id and b.succeeded ${month ? sql`and b.month = ${month}` : sql``}),
              0)::float8 as "paidFen",
            coalesce((select sum(a.days) from attendance a
            where a.county_code = pw.county_code
              and a.project_worker_id = pw.id ${month ? sql`and a.month = ${month}` : sql``}), 0)::int as days
          from project_workers pw where pw.county_code = ${county} and pw.id in (${uuidList(projectWorkerIds)})
          order by pw.name`,
  );
}

export async function warningActions(tx: Executor, warningId: string) {
  const rows = await all<{ id: number; ts: Date; action: string; actorName: string | null; note: string | null }>(
    tx,
    sql`select id::int8 as id, ts, action, actor_name as "actorName", note
        from warning_actions where warning_id = ${warningId} order by id`,
  );
  return rows.map((a) => ({ ...a, id: Number(a.id) }));
}

/** One step of an officer. */
export async function insertAction(
  tx: Executor,
  a: {
    warningId: string;
    ts: string;
    action: string;
    actorId: string;
    actorName: string;
    note: string;
    scope: RowScope;
  },
): Promise<void> {
  await tx.execute(
    sql`insert into warning_actions (warning_id, ts, action, actor_id, actor_name, note, ${SCOPE_COLUMNS})
      values (${a.warningId}, ${a.ts}::timestamptz, ${a.action}, ${a.actorId}, ${a.actorName}, ${a.note},
      ${scopeValues(a.scope)})`,
  );
}

/** A step of the system; `scope`: its warning's (the project's region, owner and department). */
export interface SystemAction {
  warningId: string;
  action: string;
  note: string;
  scope: RowScope;
  data: Record<string, unknown>;
}

/** Steps of the system (detection, level change, clearing, escalation), in one statement. */
export async function insertSystemActions(tx: Executor, items: SystemAction[], ts: string): Promise<void> {
  if (items.length === 0) return;
  const rows = items.map(
    (a) =>
      sql`(${a.warningId}::uuid, ${ts}::timestamptz, ${a.action}, '系统', ${a.note}, ${JSON.stringify(a.data)}::jsonb,
        ${scopeValues(a.scope)})`,
  );
  await tx.execute(
    sql`insert into warning_actions (warning_id, ts, action, actor_name, note, data, ${SCOPE_COLUMNS})
      values ${sql.join(rows, sql`, `)}`,
  );
}

export async function assign(
  tx: Executor,
  id: string,
  a: { assigneeId: string | null; assigneeName: string | null; departmentCode: string | null },
): Promise<void> {
  await tx.execute(sql`update warnings set status = 'assigned', assignee_id = coalesce(${a.assigneeId}::uuid,
    assignee_id), assignee_name = coalesce(${a.assigneeName}, assignee_name),
    department_code = coalesce(${a.departmentCode}, department_code), updated_at = now() where id = ${id}`);
}

export async function setInProgress(tx: Executor, id: string): Promise<void> {
  await tx.execute(sql`update warnings set status = 'in_progress', updated_at = now() where id = ${id}`);
}

export async function setClosed(tx: Executor, id: string, result: string, ts: string): Promise<void> {
  await tx.execute(
    sql`update warnings set status = 'closed', result = ${result}, closed_at = ${ts}::timestamptz, updated_at = now()
      where id = ${id}`,
  );
}

/** Live warnings past their deadline (at most 5,000 a run). */
export async function overdueWarnings(tx: Executor, today: string): Promise<WarningRecord[]> {
  return all<WarningRecord>(tx, sql`select ${COLUMNS} ${FROM} where ${LIVE} and w.due_on < ${today}::date limit 5000`);
}

export async function escalate(tx: Executor, id: string, dueOn: string): Promise<void> {
  await tx.execute(
    sql`update warnings set escalation = escalation + 1, due_on = ${dueOn}::date, updated_at = now() where id = ${id}`,
  );
}

/** Ids, regions, owners and departments of the projects the transaction's scope (row-level security) lets through. */
export async function projectsInScope(
  tx: Executor,
): Promise<{ id: string; regionCode: string; ownerId: string | null; departmentId: string | null }[]> {
  return all(
    tx,
    sql`select id, region_code as "regionCode", created_by as "ownerId", department_id as "departmentId" from projects
      order by id`,
  );
}

/** project_workers.id → workers.id (the registry record, subject of the 一人一档 timeline). */
export async function workersOfProjectWorkers(tx: Executor, ids: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 1000) {
    const chunk = ids.slice(i, i + 1000);
    for (const r of await all<{ id: string; workerId: string }>(
      tx,
      sql`select id, worker_id as "workerId" from project_workers where id in (${uuidList(chunk)})`,
    ))
      out.set(r.id, r.workerId);
  }
  return out;
}

// ---------------------------------------------------------------- dashboard
/** The region tree is platform reference data: a region's code, full name and level. */
export async function regionByCode(
  tx: Executor,
  code: string,
): Promise<{ code: string; name: string; level: number } | undefined> {
  return one<{ code: string; name: string; level: number }>(
    tx,
    sql`select code, full_name as name, level from regions where code = ${code}`,
  );
}

/**
 * The city (prefecture, level 2) holding the projects, else the first province: where an account without a region
 * starts.
 */
export async function topRegionOfProjects(
  tx: Executor,
): Promise<{ code: string; name: string; level: number } | undefined> {
  return (
    (await one<{ code: string; name: string; level: number }>(
      tx,
      sql`select code, full_name as name, level from regions where code = (select left(min(region_code), 4)
        from projects)`,
    )) ??
    one<{ code: string; name: string; level: number }>(
      tx,
      sql`select code, full_name as name, level from regions order by level, code limit 1`,
    )
  );
}

/** Short names and levels of regions by code. */
export async function regionNames(tx: Executor, codes: string[]) {
  if (codes.length === 0) return [];
  return all<{ code: string; name: string; level: number }>(
    tx,
    sql`select code, name, level from regions where code in (${sql.join(
      codes.map((c) => sql`${c}`),
      sql`, `,
    )})`,
  );
}

/** The dashboard's area: a region prefix, the length of its children's codes, the caller's 本人/本部门 narrowing. */
export interface DashboardArea {
  prefix: string;
  childLen: number;
  owned: OwnerFilter;
  today: string;
}

const ownedProject = (a: DashboardArea) => ownedCond(a.owned, sql`p.created_by`, sql`p.department_id`);
// A warning and its steps carry their project's owner and department (migration 0018).
const ownedWarning = (a: DashboardArea) => ownedCond(a.owned, sql`w.owner_id`, sql`w.owner_department_id`);

/** Per child region: projects by warning colour, unpaid arrears, open and overdue warnings. */
export async function dashboardStats(tx: Executor, a: DashboardArea) {
  const { prefix, childLen } = a;
  return all<{
    code: string;
    projects: number;
    green: number;
    yellow: number;
    orange: number;
    red: number;
    arrearsFen: number;
    arrearsWorkers: number;
    openWarnings: number;
    overdueWarnings: number;
  }>(
    tx,
    sql`
        with pl as (
          select p.id, left(p.region_code, ${childLen}) as code,
            coalesce((select max(case w.level when 'red' then 3 when 'orange' then 2 else 1 end) from warnings w
            where w.county_code = p.county_code and w.project_id = p.id and ${LIVE}), 0) as lvl
          from projects p where p.region_code >= ${prefix} and p.region_code < ${prefix + 'z'} and ${ownedProject(a)}
        ), ar as (
          select left(c.region_code, ${childLen}) as code, sum(i.amount_fen - i.paid_fen) as owed,
          count(distinct i.worker_id) as workers
          from arrears_items i join arrears_cases c on c.county_code = i.county_code and c.id = i.case_id
            where c.status <> 'closed'
          and i.paid_fen < i.amount_fen and c.region_code >= ${prefix} and c.region_code < ${prefix + 'z'}
            and ${ownedCond(a.owned, sql`c.created_by`, sql`c.department_id`)}
          group by 1
        ), wn as (
          select left(w.region_code, ${childLen}) as code, count(*) as open,
          count(*) filter (where w.due_on < ${a.today}::date) as overdue
          from warnings w where ${LIVE} and w.region_code >= ${prefix} and w.region_code < ${prefix + 'z'}
          and ${ownedWarning(a)} group by 1
        ), codes as (select code from pl union select code from ar union select code from wn)
        select codes.code, count(pl.id)::int as projects, count(pl.id) filter (where pl.lvl = 0)::int as green,
        count(pl.id) filter (where pl.lvl = 1)::int as yellow,
          count(pl.id) filter (where pl.lvl = 2)::int as orange, count(pl.id) filter (where pl.lvl = 3)::int as red,
          coalesce(max(ar.owed), 0)::float8 as "arrearsFen", coalesce(max(ar.workers), 0)::int as "arrearsWorkers",
          coalesce(max(wn.open), 0)::int as "openWarnings", coalesce(max(wn.overdue), 0)::int as "overdueWarnings"
        from codes left join pl on pl.code = codes.code left join ar on ar.code = codes.code left
        join wn on wn.code = codes.code
        group by codes.code order by codes.code`,
  );
}

/**
 * Warnings opened, closed and cleared per month from `from` to `to` (first days of months). The steps are counted
 * per hour on the shards (an hour of the epoch: no time zone involved there), the hours summed into the local
 * months here (a month of a whole-hour time zone begins on an hour).
 */
export async function warningTrend(tx: Executor, a: DashboardArea, from: string, to: string) {
  const { prefix } = a;
  const ownedAction = ownedCond(a.owned, sql`a.owner_id`, sql`a.owner_department_id`);
  return all<{ month: string; opened: number; closed: number; cleared: number }>(
    tx,
    sql`
        with h as materialized (
          select a.action, to_timestamp(floor(extract(epoch from a.ts) / 3600) * 3600) as hour, count(*) as n
          from warning_actions a where a.action in ('detected', 'closed', 'cleared')
          and a.ts >= ${from}::date and a.ts < ${to}::date + interval '1 month'
          and a.region_code >= ${prefix} and a.region_code < ${prefix + 'z'} and ${ownedAction}
          ${countyRoute('a.county_code')}
          group by 1, 2
        )
        select to_char(m, 'YYYY-MM-DD') as month,
          coalesce(sum(h.n) filter (where h.action = 'detected'), 0)::int as opened,
          coalesce(sum(h.n) filter (where h.action = 'closed'), 0)::int as closed,
          coalesce(sum(h.n) filter (where h.action = 'cleared'), 0)::int as cleared
        from generate_series(${from}::date, ${to}::date, interval '1 month') m
        left join h on h.hour >= m and h.hour < m + interval '1 month'
        group by m order by m`,
  );
}

/** The wage deposits of the area's live projects. */
export async function depositSummary(tx: Executor, a: DashboardArea) {
  const { prefix } = a;
  return (await one<{
    projects: number;
    held: number;
    exempt: number;
    missing: number;
    requiredFen: number;
    balanceFen: number;
  }>(
    tx,
    sql`
        select count(*)::int as projects, count(d.id) filter (where d.status in ('held', 'topup_due'))::int as held,
        count(d.id) filter (where d.status = 'exempt')::int as exempt,
          count(*) filter (where d.id is null)::int as missing, coalesce(sum(d.required_fen),
          0)::float8 as "requiredFen", coalesce(sum(d.balance_fen), 0)::float8 as "balanceFen"
        from projects p left join wage_deposits d on d.county_code = p.county_code and d.project_id = p.id
          and d.status <> 'returned'
        where p.status in ('registered', 'in_progress', 'suspended') and p.region_code >= ${prefix}
        and p.region_code < ${prefix + 'z'} and ${ownedProject(a)}`,
  ))!;
}

// ---------------------------------------------------------------- the engine's reconciliation
/** Projects queued for the incremental scan, oldest first. */
export async function queuedProjects(tx: Executor, limit: number): Promise<string[]> {
  const rows = await all<{ projectId: string }>(
    tx,
    sql`select project_id as "projectId" from warning_scan_queue order by queued_at limit ${limit}`,
  );
  return rows.map((r) => r.projectId);
}

export async function dequeue(tx: Executor, projectIds: string[]): Promise<void> {
  if (projectIds.length === 0) return;
  await tx.execute(sql`delete from warning_scan_queue where project_id in (${uuidList(projectIds)})`);
}

export async function countProjects(tx: Executor): Promise<number> {
  return Number((await all<{ n: number }>(tx, sql`select count(*)::int as n from projects`))[0].n);
}

/**
 * The planner cannot estimate the row-level-security filter (its scope is known only at run time) and
 * may pick row-by-row loops over millions of ledger rows: a rule reading whole tables asks for hash joins.
 */
export async function setNestedLoops(tx: Executor, on: boolean): Promise<void> {
  await tx.execute(on ? sql`set local enable_nestloop = on` : sql`set local enable_nestloop = off`);
}

export interface LiveWarning {
  id: string;
  findingKey: string;
  level: WarningLevel;
  workersAffected: number;
  amountFen: number;
  detail: Record<string, unknown>;
  projectId: string;
  regionCode: string;
  /** Its project's owner and department (migration 0018: carried by the warning). */
  ownerId: string | null;
  departmentId: string | null;
  rule: string;
  month: string | null;
}

/** Live warnings of the rules (of the projects, or of all when `projectIds` is null). */
export async function liveWarnings(
  tx: Executor,
  ruleIds: string[],
  projectIds: string[] | null,
): Promise<LiveWarning[]> {
  const filter = projectIds ? sql`and project_id in (${uuidList(projectIds)})` : sql``;
  return all<LiveWarning>(
    tx,
    sql`select id, finding_key as "findingKey", level, workers_affected as "workersAffected",
      amount_fen::float8 as "amountFen", detail,
      project_id as "projectId", region_code as "regionCode", owner_id as "ownerId",
      owner_department_id as "departmentId", rule, month::text as month
      from warnings where status not in ('closed', 'cleared') and rule in (${sql.join(
        ruleIds.map((r) => sql`${r}`),
        sql`, `,
      )}) ${filter}`,
  );
}

/** What a new warning takes of its project, by project id. */
export interface ProjectRouting {
  id: string;
  /** Routing: a transport project's housing-rule warnings go to transport. */
  category: string;
  /** The project's owner and department, which its warnings carry (migration 0018). */
  ownerId: string | null;
  departmentId: string | null;
}

export async function projectRouting(tx: Executor, ids: string[]): Promise<ProjectRouting[]> {
  if (ids.length === 0) return [];
  return all<ProjectRouting>(
    tx,
    sql`select id, category, created_by as "ownerId", department_id as "departmentId"
      from projects where id in (${uuidList(ids)})`,
  );
}

export interface NewWarning {
  rule: string;
  projectId: string;
  month: string | null;
  findingKey: string;
  level: WarningLevel;
  detail: Record<string, unknown>;
  workersAffected: number;
  amountFen: number;
  /** The project's region, owner and department. */
  scope: RowScope;
  departmentCode: string;
  dueOn: string;
}

/** Opens warnings detected at `ts`; answers their ids by finding key. */
export async function insertWarnings(
  tx: Executor,
  items: NewWarning[],
  ts: string,
): Promise<{ id: string; findingKey: string }[]> {
  const rows = items.map(
    (f) => sql`(${f.rule}, ${f.projectId}::uuid, ${f.month}::date, ${f.findingKey}, ${f.level},
      ${JSON.stringify(f.detail)}::jsonb, ${f.workersAffected}::int, ${f.amountFen}::int8,
          ${scopeValues(f.scope)}, ${f.departmentCode}, ${f.dueOn}::date, ${ts}::timestamptz, ${ts}::timestamptz)`,
  );
  return all<{ id: string; findingKey: string }>(
    tx,
    sql`insert into warnings (rule, project_id, month, finding_key, level, detail, workers_affected, amount_fen,
      ${SCOPE_COLUMNS},
          department_code, due_on, first_detected_at, last_detected_at) values ${sql.join(rows, sql`, `)}
            returning id, finding_key as "findingKey"`,
  );
}

/** New level, detail and figures of live warnings detected again at `ts`, in one statement. */
export async function updateWarnings(
  tx: Executor,
  items: {
    id: string;
    level: WarningLevel;
    detail: Record<string, unknown>;
    workersAffected: number;
    amountFen: number;
  }[],
  ts: string,
): Promise<void> {
  if (items.length === 0) return;
  const values = items.map(
    (f) =>
      sql`(${f.id}::uuid, ${f.level}, ${JSON.stringify(f.detail)}::jsonb, ${f.workersAffected}::int,
        ${f.amountFen}::int8)`,
  );
  await tx.execute(sql`update warnings w set level = v.level, detail = v.detail, workers_affected = v.wa,
    amount_fen = v.amount, last_detected_at = ${ts}::timestamptz, updated_at = ${ts}::timestamptz
        from (values ${sql.join(values, sql`, `)}) as v(id, level, detail, wa, amount) where w.id = v.id`);
}

export async function clearWarnings(tx: Executor, ids: string[], ts: string): Promise<void> {
  if (ids.length === 0) return;
  await tx.execute(sql`update warnings set status = 'cleared', cleared_at = ${ts}::timestamptz,
    updated_at = ${ts}::timestamptz
        where id in (${uuidList(ids)})`);
}
