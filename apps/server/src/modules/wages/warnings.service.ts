import {
  addMonths,
  DEFAULT_WAGE_PARAMS,
  monthOf,
  shanghaiDate,
  WARNING_LEVEL_NAMES,
  type WageParams,
  countyCodeOf,
} from '@mwsp/domain';
import { SYSTEM_SCOPE, type Database, type Executor } from '../../db/client.js';
import { access, inScope, requireInScope, scopeFilter } from '../../platform/access/access.js';
import { dbScopeOf, type Principal } from '../../platform/access/principal.js';
import { actorOf, type AuditLog } from '../../platform/audit/audit.js';
import type { WorkCalendar } from '../../platform/calendar/workdays.js';
import type { DomainEvent, EventLog } from '../../platform/events/events.js';
import { badRequest, conflict, fieldError, forbidden, notFound } from '../../platform/http/errors.js';
import type { OrgService } from '../../platform/org/org.service.js';
import type { SettingsService } from '../../platform/settings/settings.service.js';
import type { RegistryPort } from '../registry/index.js';
import { masked, namedProjects, projectListItem } from './projects.service.js';
import * as projectsRepo from './projects.repo.js';
import { RULE_BY_ID, WARNING_RULES } from './rules/index.js';
import * as repo from './warnings.repo.js';
import type { AccountsService } from '../../platform/accounts/accounts.service.js';
import { findingSummary, type ScanReport, type WarningEngine } from './warnings.engine.js';

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

export type WarningRow = repo.WarningRecord & {
  /** The department's name (departments are reference data): the console never shows a raw code. */
  departmentName: string | null;
};

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
    private readonly org: Pick<OrgService, 'departmentNames'>,
    private readonly settings: SettingsService,
    private readonly registry: RegistryPort,
  ) {}

  private today(): string {
    return shanghaiDate(this.now());
  }

  /** The warnings with their departments' names, in one look-up. */
  private async named<T extends repo.WarningRecord>(tx: Executor, rows: T[]): Promise<(T & WarningRow)[]> {
    const codes = rows.map((w) => w.departmentCode).filter((c): c is string => !!c);
    const names = await this.org.departmentNames(tx, codes);
    return rows.map((w) => ({ ...w, departmentName: w.departmentCode ? (names.get(w.departmentCode) ?? null) : null }));
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
    const rows = await this.db.scoped(dbScopeOf(p), async (tx) =>
      this.named(tx, await repo.listWarnings(tx, { ...f, owned: scopeFilter(p), today: this.today() })),
    );
    return { items: rows.map(({ total: _t, ...r }) => this.dto(r)), total: rows[0]?.total ?? 0 };
  }

  private async find(tx: Executor, p: Principal, id: string): Promise<WarningRow> {
    const w = requireInScope(p, await repo.findWarning(tx, id), '预警不存在或不在您的管辖范围内', (w) => ({
      regionCode: w.regionCode,
      ownerId: w.ownerId,
      departmentId: w.departmentId,
    }));
    return (await this.named(tx, [w]))[0];
  }

  async get(p: Principal, id: string) {
    access(p, 'warnings:read');
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const w = await this.find(tx, p, id);
      const pwIds = (w.detail.projectWorkerIds as string[] | undefined) ?? [];
      const workers = await repo.warningWorkers(tx, countyCodeOf(w.regionCode), pwIds, w.month);
      const actions = await repo.warningActions(tx, id);
      const rule = RULE_BY_ID.get(w.rule);
      const { projectWorkerIds: _ids, workerIds: _w, ...detail } = w.detail as Record<string, unknown>;
      // Steps recorded before departments were named in the note carry the raw code ("承办部门：hrss").
      const deptNames = actions.some((a) => a.note?.includes('承办部门：'))
        ? await this.org.departmentNames(tx)
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
        actions: actions.map((a) => ({ ...a, note: named(a.note), ts: a.ts.toISOString() })),
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
      await repo.insertAction(tx, {
        warningId: id,
        ts,
        action,
        actorId: p.userId,
        actorName: p.displayName,
        note,
        scope: w, // the warning's (its project's) region, owner and department
      });
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
        `预警${{ assigned: '分派', acted: '处置', closed: '办结' }[action]}：${RULE_BY_ID.get(w.rule)?.name ?? w.rule}` +
          (w.month ? `（${w.month.slice(0, 7)}）` : ''),
      );
    });
    return this.get(p, id);
  }

  private async timeline(tx: Executor, p: Principal | null, w: repo.WarningRecord, summary: string): Promise<void> {
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
    const workers = await repo.workersOfProjectWorkers(tx, (w.detail.projectWorkerIds as string[] | undefined) ?? []);
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

  /**
   * Assigns to a department and/or a named handler (active, holding warnings:handle at the project's region or above).
   */
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
      const department = input.departmentCode
        ? (await this.org.departmentNames(tx, [input.departmentCode])).get(input.departmentCode)
        : undefined;
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
      await repo.setInProgress(tx, id);
      return input.note.trim();
    });
  }

  close(p: Principal, id: string, input: { result: string }) {
    return this.step(p, id, 'closed', async (tx) => {
      if (input.result.trim().length < 4) throw fieldError('result', '请填写办结结果（不少于 4 个字）');
      await repo.setClosed(tx, id, input.result.trim(), this.now().toISOString());
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
      const due = await repo.overdueWarnings(tx, today);
      for (const w of due) {
        const next = calendar.addWorkingDays(today, params.handlingDays[w.level]);
        const upTo = w.escalation === 0 ? '县级人社部门' : '市级根治欠薪工作领导小组办公室';
        await repo.escalate(tx, w.id, next);
        await repo.insertSystemActions(
          tx,
          [
            {
              warningId: w.id,
              action: 'escalated',
              note: `逾期未办结（期限 ${w.dueOn}），升级督办至${upTo}，新期限 ${next}`,
              scope: w,
              data: { escalation: w.escalation + 1 },
            },
          ],
          this.now().toISOString(),
        );
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
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const region = root
        ? await repo.regionByCode(tx, root)
        : // An account of the whole platform (no region): the city (level 2) the projects are in.
          await repo.topRegionOfProjects(tx);
      if (!region) throw notFound('区划不存在');
      const prefix = region.code;
      const childLen = prefix.length <= 2 ? 4 : prefix.length <= 4 ? 6 : prefix.length <= 6 ? 9 : 12;
      const area: repo.DashboardArea = { prefix, childLen, owned, today: this.today() };
      const stats = await repo.dashboardStats(tx, area);
      const names = new Map(
        (
          await repo.regionNames(
            tx,
            stats.map((s) => s.code),
          )
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
      const trend = await repo.warningTrend(tx, area, from, monthOf(this.today()));
      const deposit = await repo.depositSummary(tx, area);
      const projects =
        region.level >= 4
          ? (
              await namedProjects(
                this.registry,
                tx,
                (await projectsRepo.listProjects(tx, { regionCode: region.code, owned, page: 1, pageSize: 100 })).items,
              )
            ).map(projectListItem)
          : [];
      return { region, children, totals, trend, deposit, projects };
    });
  }

  // ---------------------------------------------------------------- parameters
  async params(): Promise<WageParams> {
    const stored = await this.settings.get<Partial<WageParams>>(SETTINGS_KEY);
    return { ...DEFAULT_WAGE_PARAMS, ...(stored ?? {}) };
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
      const stored = await this.settings.readIn<Partial<WageParams>>(tx, SETTINGS_KEY);
      const before: WageParams = { ...DEFAULT_WAGE_PARAMS, ...(stored ?? {}) };
      const changed = (Object.keys(value) as (keyof WageParams)[]).filter(
        (k) => canonical(before[k]) !== canonical(value[k]),
      );
      await this.settings.writeIn(tx, SETTINGS_KEY, value);
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
