import { sql, type SQL } from 'drizzle-orm';
import {
  addMonths,
  DEFAULT_WAGE_PARAMS,
  monthOf,
  shanghaiDate,
  WARNING_LEVEL_NAMES,
  type WageParams,
} from '@mwsp/domain';
import { all, one, SYSTEM_SCOPE, type Database, type Executor } from '../../db/client.js';
import { access, inScope, scopeFilter } from '../../platform/access/access.js';
import { dbScopeOf, type Principal } from '../../platform/access/principal.js';
import { actorOf, type AuditLog } from '../../platform/audit/audit.js';
import type { WorkCalendar } from '../../platform/calendar/workdays.js';
import type { DomainEvent, EventLog } from '../../platform/events/events.js';
import { badRequest, conflict, fieldError, forbidden, notFound } from '../../platform/http/errors.js';
import { masked, projectListItem } from './projects.service.js';
import * as projectsRepo from './projects.repo.js';
import { RULE_BY_ID, WARNING_RULES } from './rules/index.js';
import * as repo from './warnings.repo.js';
import type { AccountsService } from '../../platform/accounts/accounts.service.js';
import { findingSummary, workersOfProjectWorkers, type ScanReport, type WarningEngine } from './warnings.engine.js';

/** JSON with object keys sorted: values that differ only in key order are the same value. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(
          Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : x,
  );
}

/** City-level administration: an account of the city (or the province, or the root) or with data scope 全部. */
function cityLevel(p: Principal): boolean {
  return p.dataScope === 'all' || p.regionCode.length <= 4;
}

export interface WarningRow {
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
  /** The department's name (departments are reference data): the console never shows a raw code. */
  departmentName: string | null;
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

const COLUMNS = sql`w.id, w.seq::int8 as seq, w.rule, w.project_id as "projectId", p.code as "projectCode", p.name as "projectName", w.region_code as "regionCode", r.full_name as "regionName",
  w.month::text as month, w.level, w.status, w.workers_affected as "workersAffected", w.amount_fen::float8 as "amountFen", w.assignee_id as "assigneeId", w.assignee_name as "assigneeName",
  w.department_code as "departmentCode", dep.name as "departmentName", w.due_on::text as "dueOn", w.escalation, w.first_detected_at as "firstDetectedAt", w.last_detected_at as "lastDetectedAt",
  w.cleared_at as "clearedAt", w.closed_at as "closedAt", w.result, w.detail, p.created_by as "ownerId", p.department_id as "departmentId"`;
const FROM = sql`from warnings w join projects p on p.id = w.project_id left join regions r on r.code = w.region_code left join departments dep on dep.code = w.department_code`;
const LIVE = sql`w.status not in ('closed', 'cleared')`;

const SETTINGS_KEY = 'wages.params';

/**
 * The disposal workflow of warnings (routed to the project's county/township and department, assigned,
 * handled within working days, escalated when overdue, closed with a result), the dashboards and the
 * wage parameters.
 */
export class WarningsService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
    private readonly events: EventLog,
    private readonly calendar: () => Promise<WorkCalendar>,
    private readonly now: () => Date,
    private readonly accounts: AccountsService,
  ) {}

  private today(): string {
    return shanghaiDate(this.now());
  }

  dto(w: WarningRow) {
    const rule = RULE_BY_ID.get(w.rule);
    const live = !['closed', 'cleared'].includes(w.status);
    const { detail: _d, assigneeId: _a, ownerId: _o, departmentId: _dp, ...rest } = w;
    return {
      ...rest,
      seq: Number(w.seq),
      ruleName: rule?.name ?? w.rule,
      summary: findingSummary(rule?.name ?? w.rule, w),
      overdue: live && !!w.dueOn && w.dueOn < this.today(),
      firstDetectedAt: w.firstDetectedAt.toISOString(),
      lastDetectedAt: w.lastDetectedAt.toISOString(),
      clearedAt: w.clearedAt?.toISOString() ?? null,
      closedAt: w.closedAt?.toISOString() ?? null,
    };
  }

  rules() {
    return WARNING_RULES.map((r) => ({ id: r.id, name: r.name, description: r.description, levels: r.levels }));
  }

  async list(
    p: Principal,
    f: {
      regionCode?: string;
      level?: string;
      status?: string;
      rule?: string;
      projectId?: string;
      overdue?: boolean;
      page: number;
      pageSize: number;
    },
  ) {
    access(p, 'warnings:read');
    // 本人/本部门: the warnings of the caller's (department's) projects; the responsible department a
    // warning is routed to (department_code) grants no visibility (README, "Data scopes").
    const conds: SQL[] = [projectsRepo.ownedCond(scopeFilter(p), sql`p.created_by`, sql`p.department_id`)];
    if (f.regionCode) conds.push(sql`w.region_code >= ${f.regionCode} and w.region_code < ${f.regionCode + 'z'}`);
    if (f.level) conds.push(sql`w.level = ${f.level}`);
    if (f.status === 'live') conds.push(LIVE);
    else if (f.status) conds.push(sql`w.status = ${f.status}`);
    if (f.rule) conds.push(sql`w.rule = ${f.rule}`);
    if (f.projectId) conds.push(sql`w.project_id = ${f.projectId}`);
    if (f.overdue) conds.push(sql`${LIVE} and w.due_on < ${this.today()}::date`);
    const rows = await this.db.scoped(dbScopeOf(p), (tx) =>
      all<WarningRow & { total: number }>(
        tx,
        sql`select ${COLUMNS}, count(*) over ()::int as total ${FROM}
      where ${sql.join(conds, sql` and `)}
      order by (w.status in ('closed', 'cleared')), case w.level when 'red' then 0 when 'orange' then 1 else 2 end, w.first_detected_at desc, w.seq desc
      limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize}`,
      ),
    );
    return { items: rows.map((r) => this.dto(r)), total: rows[0]?.total ?? 0 };
  }

  private async find(tx: Executor, p: Principal, id: string): Promise<WarningRow> {
    const w = await one<WarningRow>(tx, sql`select ${COLUMNS} ${FROM} where w.id = ${id}`);
    if (!w || !inScope(p, { regionCode: w.regionCode, ownerId: w.ownerId, departmentId: w.departmentId }))
      throw notFound('预警不存在或不在您的管辖范围内');
    return w;
  }

  async get(p: Principal, id: string) {
    access(p, 'warnings:read');
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const w = await this.find(tx, p, id);
      const pwIds = (w.detail.projectWorkerIds as string[] | undefined) ?? [];
      const workers = pwIds.length
        ? await all<{
            projectWorkerId: string;
            name: string;
            idMasked: string;
            netFen: number;
            paidFen: number;
            days: number;
          }>(
            tx,
            sql`select pw.id as "projectWorkerId", pw.name, pw.id_masked as "idMasked",
            coalesce((select sum(l.net_fen) from payroll_lines l where l.project_worker_id = pw.id ${w.month ? sql`and l.month = ${w.month}` : sql``}), 0)::float8 as "netFen",
            coalesce((select sum(b.amount_fen) from bank_payments b where b.project_worker_id = pw.id and b.succeeded ${w.month ? sql`and b.month = ${w.month}` : sql``}), 0)::float8 as "paidFen",
            coalesce((select sum(a.days) from attendance a where a.project_worker_id = pw.id ${w.month ? sql`and a.month = ${w.month}` : sql``}), 0)::int as days
          from project_workers pw where pw.id in (${sql.join(
            pwIds.map((x) => sql`${x}::uuid`),
            sql`, `,
          )}) order by pw.name`,
          )
        : [];
      const actions = await all<{
        id: number;
        ts: Date;
        action: string;
        actorName: string | null;
        note: string | null;
      }>(
        tx,
        sql`select id::int8 as id, ts, action, actor_name as "actorName", note
        from warning_actions where warning_id = ${id} order by id`,
      );
      const rule = RULE_BY_ID.get(w.rule);
      const { projectWorkerIds: _ids, workerIds: _w, ...detail } = w.detail as Record<string, unknown>;
      // Steps recorded before departments were named in the note carry the raw code ("承办部门：hrss").
      const deptNames = actions.some((a) => a.note?.includes('承办部门：'))
        ? await repo.departmentNames(tx)
        : new Map<string, string>();
      const named = (note: string | null) =>
        note?.replace(/承办部门：([A-Za-z0-9_.-]+)/g, (all, code: string) =>
          deptNames.has(code) ? `承办部门：${deptNames.get(code)}` : all,
        ) ?? null;
      return {
        ...this.dto(w),
        ruleDescription: rule?.description ?? null,
        detail,
        workers: workers.map(masked),
        actions: actions.map((a) => ({ ...a, note: named(a.note), id: Number(a.id), ts: a.ts.toISOString() })),
      };
    });
  }

  /** One step of the workflow: the row change, its action row, audit, and the project's and workers' timelines. */
  private async step(
    p: Principal,
    id: string,
    action: 'assigned' | 'acted' | 'closed',
    change: (tx: Executor, w: WarningRow) => Promise<string>,
  ) {
    access(p, 'warnings:handle');
    await this.db.scoped(dbScopeOf(p), async (tx) => {
      const w = await this.find(tx, p, id);
      if (['closed', 'cleared'].includes(w.status))
        throw conflict(w.status === 'closed' ? '预警已办结' : '预警已自动解除，无需处置');
      const note = await change(tx, w);
      const ts = this.now().toISOString();
      await tx.execute(
        sql`insert into warning_actions (warning_id, ts, action, actor_id, actor_name, note, region_code) values (${id}, ${ts}::timestamptz, ${action}, ${p.userId}, ${p.displayName}, ${note}, ${w.regionCode})`,
      );
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: `warning.${action}`,
        outcome: 'success',
        objectType: 'warning',
        objectId: id,
        detail: { rule: w.rule, level: w.level },
      });
      await this.timeline(
        tx,
        p,
        w,
        `预警${{ assigned: '分派', acted: '处置', closed: '办结' }[action]}：${RULE_BY_ID.get(w.rule)?.name ?? w.rule}${w.month ? `（${w.month.slice(0, 7)}）` : ''}`,
      );
    });
    return this.get(p, id);
  }

  private async timeline(tx: Executor, p: Principal | null, w: WarningRow, summary: string): Promise<void> {
    const events: DomainEvent[] = [
      {
        type: 'warning.step',
        subjectType: 'project',
        subjectId: w.projectId,
        regionCode: w.regionCode,
        summary,
        data: { warningId: w.id },
      },
    ];
    const workers = await workersOfProjectWorkers(tx, (w.detail.projectWorkerIds as string[] | undefined) ?? []);
    for (const workerId of [...workers.values(), ...((w.detail.workerIds as string[] | undefined) ?? [])]) {
      events.push({
        type: 'warning.step',
        subjectType: 'worker',
        subjectId: workerId,
        regionCode: w.regionCode,
        summary: `${w.projectName}：${summary}`,
        data: { warningId: w.id },
      });
    }
    await this.events.emit(tx, p, events);
  }

  /**
   * Who may handle a warning: active holders of warnings:handle at the project's region or above whose
   * data scope covers the warning's project (an assignee must be able to open what it is given).
   */
  async assignees(p: Principal, id: string, q?: string, userId?: string) {
    access(p, 'warnings:handle');
    const w = await this.db.scoped(dbScopeOf(p), (tx) => this.find(tx, p, id));
    return this.accounts.assignableUsers(p, 'warnings:handle', w.regionCode, q, userId, {
      ownerId: w.ownerId,
      departmentId: w.departmentId,
    });
  }

  /** Assigns to a department and/or a named handler (active, holding warnings:handle at the project's region or above). */
  async assign(
    p: Principal,
    id: string,
    input: { assigneeId?: string | null; departmentCode?: string | null; note?: string | null },
  ) {
    if (!input.assigneeId && !input.departmentCode) throw fieldError('assigneeId', '请选择承办人或承办部门');
    let assignee: { id: string; displayName: string } | undefined;
    if (input.assigneeId) {
      [assignee] = await this.assignees(p, id, undefined, input.assigneeId);
      if (!assignee)
        throw fieldError(
          'assigneeId',
          '承办人应为项目所在区划或其上级、具有预警处置权限且数据范围包含本项目的在岗人员',
        );
    }
    return this.step(p, id, 'assigned', async (tx) => {
      const department = input.departmentCode ? await repo.departmentName(tx, input.departmentCode) : undefined;
      if (input.departmentCode && department === undefined) throw fieldError('departmentCode', '承办部门不存在');
      await repo.assign(tx, id, {
        assigneeId: assignee?.id ?? null,
        assigneeName: assignee?.displayName ?? null,
        departmentCode: input.departmentCode ?? null,
      });
      return [
        assignee ? `分派给 ${assignee.displayName}` : null,
        department ? `承办部门：${department}` : null,
        input.note?.trim() || null,
      ]
        .filter(Boolean)
        .join('；');
    });
  }

  act(p: Principal, id: string, input: { note: string }) {
    return this.step(p, id, 'acted', async (tx) => {
      if (input.note.trim().length < 2) throw fieldError('note', '请填写处置情况');
      await tx.execute(sql`update warnings set status = 'in_progress', updated_at = now() where id = ${id}`);
      return input.note.trim();
    });
  }

  close(p: Principal, id: string, input: { result: string }) {
    return this.step(p, id, 'closed', async (tx) => {
      if (input.result.trim().length < 4) throw fieldError('result', '请填写办结结果（不少于 4 个字）');
      await tx.execute(
        sql`update warnings set status = 'closed', result = ${input.result.trim()}, closed_at = ${this.now().toISOString()}::timestamptz, updated_at = now() where id = ${id}`,
      );
      return input.result.trim();
    });
  }

  /**
   * Overdue live warnings escalate one level up the region tree (township → county → city): the
   * deadline restarts with the level's working days and the step is recorded. Run by the scheduler.
   */
  async escalateOverdue(params: WageParams): Promise<number> {
    const today = this.today();
    const calendar = await this.calendar();
    return this.db.scoped(SYSTEM_SCOPE, async (tx) => {
      const due = await all<WarningRow>(
        tx,
        sql`select ${COLUMNS} ${FROM} where ${LIVE} and w.due_on < ${today}::date limit 5000`,
      );
      for (const w of due) {
        const next = calendar.addWorkingDays(today, params.handlingDays[w.level]);
        const upTo = w.escalation === 0 ? '县级人社部门' : '市级根治欠薪工作领导小组办公室';
        await tx.execute(
          sql`update warnings set escalation = escalation + 1, due_on = ${next}::date, updated_at = now() where id = ${w.id}`,
        );
        await tx.execute(sql`insert into warning_actions (warning_id, ts, action, actor_name, note, data, region_code) values (${w.id}, ${this.now().toISOString()}::timestamptz, 'escalated', '系统',
          ${`逾期未办结（期限 ${w.dueOn}），升级督办至${upTo}，新期限 ${next}`}, ${JSON.stringify({ escalation: w.escalation + 1 })}::jsonb, ${w.regionCode})`);
        await this.timeline(tx, null, w, `预警逾期升级督办：${RULE_BY_ID.get(w.rule)?.name ?? w.rule}`);
      }
      return due.length;
    });
  }

  // ---------------------------------------------------------------- dashboard
  /**
   * Opens on the caller's own region (the city for a city leader) unless `regionCode` names one inside
   * the caller's scope; every figure is of the region the answer names. A region above or beside the
   * caller's is refused (404), not answered with the caller's figures under its name.
   */
  async dashboard(p: Principal, regionCode?: string) {
    access(p, 'warnings:read');
    if (regionCode && !inScope(p, { regionCode })) throw notFound('区划不在您的管辖范围内');
    const root = regionCode ?? p.regionCode;
    // 本人/本部门: the figures of the caller's (department's) projects, their warnings and its cases.
    const owned = scopeFilter(p);
    const ownedProject = projectsRepo.ownedCond(owned, sql`p.created_by`, sql`p.department_id`);
    const ownedWarning = projectsRepo.projectOwnedCond(owned, sql`w.project_id`);
    const ownedAction =
      owned.ownerId || owned.departmentId
        ? sql`a.warning_id in (select w.id from warnings w where ${ownedWarning})`
        : sql`true`;
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const region = root
        ? await repo.regionByCode(tx, root)
        : // An account of the whole platform (no region): the city (level 2) the projects are in.
          await repo.topRegionOfProjects(tx);
      if (!region) throw notFound('区划不存在');
      const prefix = region.code;
      const childLen = prefix.length <= 2 ? 4 : prefix.length <= 4 ? 6 : prefix.length <= 6 ? 9 : 12;
      const stats = await all<{
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
            coalesce((select max(case w.level when 'red' then 3 when 'orange' then 2 else 1 end) from warnings w where w.project_id = p.id and ${LIVE}), 0) as lvl
          from projects p where p.region_code >= ${prefix} and p.region_code < ${prefix + 'z'} and ${ownedProject}
        ), ar as (
          select left(c.region_code, ${childLen}) as code, sum(i.amount_fen - i.paid_fen) as owed, count(distinct i.worker_id) as workers
          from arrears_items i join arrears_cases c on c.id = i.case_id where c.status <> 'closed' and i.paid_fen < i.amount_fen and c.region_code >= ${prefix} and c.region_code < ${prefix + 'z'}
            and ${projectsRepo.ownedCond(owned, sql`c.created_by`, sql`c.department_id`)}
          group by 1
        ), wn as (
          select left(w.region_code, ${childLen}) as code, count(*) as open, count(*) filter (where w.due_on < ${this.today()}::date) as overdue
          from warnings w where ${LIVE} and w.region_code >= ${prefix} and w.region_code < ${prefix + 'z'} and ${ownedWarning} group by 1
        ), codes as (select code from pl union select code from ar union select code from wn)
        select codes.code, count(pl.id)::int as projects, count(pl.id) filter (where pl.lvl = 0)::int as green, count(pl.id) filter (where pl.lvl = 1)::int as yellow,
          count(pl.id) filter (where pl.lvl = 2)::int as orange, count(pl.id) filter (where pl.lvl = 3)::int as red,
          coalesce(max(ar.owed), 0)::float8 as "arrearsFen", coalesce(max(ar.workers), 0)::int as "arrearsWorkers",
          coalesce(max(wn.open), 0)::int as "openWarnings", coalesce(max(wn.overdue), 0)::int as "overdueWarnings"
        from codes left join pl on pl.code = codes.code left join ar on ar.code = codes.code left join wn on wn.code = codes.code
        group by codes.code order by codes.code`,
      );
      const names = new Map(
        (stats.length
          ? await all<{ code: string; name: string; level: number }>(
              tx,
              sql`select code, name, level from regions where code in (${sql.join(
                stats.map((s) => sql`${s.code}`),
                sql`, `,
              )})`,
            )
          : []
        ).map((r) => [r.code, r]),
      );
      const children = stats
        .map((s) => ({
          ...s,
          name: names.get(s.code)?.name ?? s.code,
          level: names.get(s.code)?.level ?? 0,
          byLevel: { green: s.green, yellow: s.yellow, orange: s.orange, red: s.red },
        }))
        .map(({ green: _g, yellow: _y, orange: _o, red: _r, ...rest }) => rest);
      const sum = (k: 'projects' | 'arrearsFen' | 'arrearsWorkers' | 'openWarnings' | 'overdueWarnings') =>
        children.reduce((s, c) => s + c[k], 0);
      const totals = {
        projects: sum('projects'),
        arrearsFen: sum('arrearsFen'),
        arrearsWorkers: sum('arrearsWorkers'),
        openWarnings: sum('openWarnings'),
        overdueWarnings: sum('overdueWarnings'),
        byLevel: { green: 0, yellow: 0, orange: 0, red: 0 },
      };
      for (const c of children)
        for (const k of ['green', 'yellow', 'orange', 'red'] as const) totals.byLevel[k] += c.byLevel[k];
      const from = addMonths(monthOf(this.today()), -11);
      const trend = await all<{ month: string; opened: number; closed: number; cleared: number }>(
        tx,
        sql`
        select to_char(m, 'YYYY-MM-DD') as month,
          (select count(*)::int from warning_actions a where a.action = 'detected' and a.ts >= m and a.ts < m + interval '1 month' and a.region_code >= ${prefix} and a.region_code < ${prefix + 'z'} and ${ownedAction}) as opened,
          (select count(*)::int from warning_actions a where a.action = 'closed' and a.ts >= m and a.ts < m + interval '1 month' and a.region_code >= ${prefix} and a.region_code < ${prefix + 'z'} and ${ownedAction}) as closed,
          (select count(*)::int from warning_actions a where a.action = 'cleared' and a.ts >= m and a.ts < m + interval '1 month' and a.region_code >= ${prefix} and a.region_code < ${prefix + 'z'} and ${ownedAction}) as cleared
        from generate_series(${from}::date, ${monthOf(this.today())}::date, interval '1 month') m order by m`,
      );
      const deposit = (await one<{
        projects: number;
        held: number;
        exempt: number;
        missing: number;
        requiredFen: number;
        balanceFen: number;
      }>(
        tx,
        sql`
        select count(*)::int as projects, count(d.id) filter (where d.status in ('held', 'topup_due'))::int as held, count(d.id) filter (where d.status = 'exempt')::int as exempt,
          count(*) filter (where d.id is null)::int as missing, coalesce(sum(d.required_fen), 0)::float8 as "requiredFen", coalesce(sum(d.balance_fen), 0)::float8 as "balanceFen"
        from projects p left join wage_deposits d on d.project_id = p.id and d.status <> 'returned'
        where p.status in ('registered', 'in_progress', 'suspended') and p.region_code >= ${prefix} and p.region_code < ${prefix + 'z'} and ${ownedProject}`,
      ))!;
      const projects =
        region.level >= 4
          ? (await projectsRepo.listProjects(tx, { regionCode: region.code, owned, page: 1, pageSize: 100 })).items.map(
              projectListItem,
            )
          : [];
      return { region, children, totals, trend, deposit, projects };
    });
  }

  // ---------------------------------------------------------------- parameters
  async params(): Promise<WageParams> {
    const row = await this.db.scoped(SYSTEM_SCOPE, (tx) =>
      one<{ value: Partial<WageParams> }>(tx, sql`select value from settings where key = ${SETTINGS_KEY}`),
    );
    return { ...DEFAULT_WAGE_PARAMS, ...(row?.value ?? {}) };
  }

  /**
   * City-wide parameters are city-level administration: the permission wages:params (granted to no
   * built-in officer role) and an account whose region is the city or above (or data scope 全部).
   * Audited with the values before and after, key by key.
   */
  async saveParams(p: Principal, value: WageParams): Promise<WageParams> {
    access(p, 'wages:params');
    if (!cityLevel(p)) {
      await this.audit.record(actorOf(p, p.ip), {
        action: 'wages.params',
        outcome: 'denied',
        objectType: 'settings',
        objectId: SETTINGS_KEY,
        detail: { reason: 'not_city_level' },
      });
      throw forbidden('预警参数全市适用，只能由市级（及以上）账号修改');
    }
    const errors: { path: string; message: string }[] = [];
    value.minimumWage.forEach((m, i) => {
      if (!/^\d{2,12}$/.test(m.prefix))
        errors.push({ path: `minimumWage.${i}.prefix`, message: '区划代码前缀应为 2–12 位数字' });
      if (m.monthlyFen < 100_000 || m.monthlyFen > 1_000_000)
        errors.push({ path: `minimumWage.${i}.monthlyFen`, message: '月最低工资应在 1000–10000 元之间' });
    });
    if (value.missingWageShare <= 0 || value.missingWageShare > 1)
      errors.push({ path: 'missingWageShare', message: '比例应在 0–1 之间' });
    if (value.monthlyPayCapFen <= 0 || value.yearlyPayCapFen < value.monthlyPayCapFen)
      errors.push({ path: 'yearlyPayCapFen', message: '年度阈值不能小于月度阈值' });
    for (const l of ['yellow', 'orange', 'red'] as const)
      if (!(value.handlingDays[l] >= 1 && value.handlingDays[l] <= 60))
        errors.push({ path: `handlingDays.${l}`, message: `${WARNING_LEVEL_NAMES[l]}预警办理时限应为 1–60 个工作日` });
    if (errors.length) throw badRequest(errors[0].message, errors);
    await this.db.scoped(SYSTEM_SCOPE, async (tx) => {
      const stored = await repo.readSetting<Partial<WageParams>>(tx, SETTINGS_KEY);
      const before: WageParams = { ...DEFAULT_WAGE_PARAMS, ...(stored ?? {}) };
      const changed = (Object.keys(value) as (keyof WageParams)[]).filter(
        (k) => canonical(before[k]) !== canonical(value[k]),
      );
      await repo.writeSetting(tx, SETTINGS_KEY, value);
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'wages.params',
        outcome: 'success',
        objectType: 'settings',
        objectId: SETTINGS_KEY,
        detail: {
          changed,
          before: JSON.stringify(Object.fromEntries(changed.map((k) => [k, before[k]]))),
          after: JSON.stringify(Object.fromEntries(changed.map((k) => [k, value[k]]))),
        },
      });
    });
    return this.params();
  }

  /**
   * A manual scan (warnings:admin) covers the projects in the caller's scope only: it never opens,
   * updates, clears or counts a warning of a project outside it. Audited in the scan's transaction.
   */
  async scan(p: Principal, engine: Pick<WarningEngine, 'fullScan' | 'scanProjects'>): Promise<ScanReport> {
    access(p, 'warnings:admin');
    const scope = p.dataScope === 'all' ? '*' : p.regionCode;
    const onDone = (tx: Executor, r: ScanReport) =>
      this.audit.append(tx, actorOf(p, p.ip), {
        action: 'warning.scan',
        outcome: 'success',
        objectType: 'region',
        objectId: scope || '*',
        detail: {
          projects: r.projects,
          findings: r.findings,
          created: r.created,
          updated: r.updated,
          cleared: r.cleared,
        },
      });
    if (p.dataScope === 'all') return engine.fullScan({ onDone });
    const ids = await this.db.scoped(dbScopeOf(p), async (tx) =>
      (await repo.projectsInScope(tx)).filter((x) => inScope(p, x)).map((x) => x.id),
    );
    return engine.scanProjects(ids, { onDone });
  }
}
