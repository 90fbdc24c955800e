import { monthLabel, shanghaiDate, WARNING_LEVEL_NAMES, type WageParams, type WarningLevel } from '@mwsp/domain';
import { SYSTEM_SCOPE, type Database, type Executor } from '../../db/client.js';
import type { WorkCalendar } from '../../platform/calendar/workdays.js';
import type { DomainEvent, EventLog } from '../../platform/events/events.js';
import { WARNING_RULES, type Finding, type RuleContext, type WarningRule } from './rules/index.js';
import * as repo from './warnings.repo.js';
import type { LiveWarning, ProjectRouting, SystemAction } from './warnings.repo.js';

export interface ScanReport {
  projects: number;
  findings: number;
  created: number;
  updated: number;
  cleared: number;
  unchanged: number;
  ms: number;
  byRule: Record<string, { findings: number; ms: number }>;
}

export function findingKey(f: { rule: string; projectId: string; month: string | null }): string {
  return `${f.rule}|${f.projectId}|${f.month ?? ''}`;
}

/** Chinese one-liner of a finding, for lists and timelines (no personal data). */
export function findingSummary(
  ruleName: string,
  f: { month: string | null; workersAffected: number; amountFen: number },
): string {
  const parts = [f.month ? `${monthLabel(f.month)}：${ruleName}` : ruleName];
  if (f.workersAffected > 0) parts.push(`涉及 ${f.workersAffected} 人`);
  if (f.amountFen > 0) parts.push(`金额 ${(f.amountFen / 100).toFixed(2)} 元`);
  return parts.join('，');
}

const CHUNK = 500;

export interface ScanOptions {
  /** As-of date (tests, the scheduler). */
  today?: string;
  /** Runs last in the scan's transaction (e.g. the audit entry of a manual scan: no scan without it). */
  onDone?: (tx: Executor, report: ScanReport) => Promise<void>;
}

/**
 * The early-warning engine. Runs every rule's query over all projects (full scan) or some (incremental),
 * then reconciles: a finding without a live warning opens one (routed, with a handling deadline in
 * working days); a changed finding updates its warning; a live warning whose finding disappeared clears
 * itself. Unchanged warnings are not touched, so re-running creates nothing. All in one transaction.
 */
export class WarningEngine {
  constructor(
    private readonly db: Database,
    private readonly events: EventLog,
    private readonly params: () => Promise<WageParams>,
    private readonly calendar: () => Promise<WorkCalendar>,
    private readonly now: () => Date,
    private readonly rules: readonly WarningRule[] = WARNING_RULES,
  ) {}

  fullScan(opts: ScanOptions = {}): Promise<ScanReport> {
    return this.scan(null, opts);
  }

  scanProjects(projectIds: string[], opts: ScanOptions = {}): Promise<ScanReport> {
    return this.scan([...new Set(projectIds)], opts);
  }

  /** Scans the projects whose data changed since their last scan (the queue filled by every write). */
  async scanQueued(opts: { today?: string } = {}): Promise<ScanReport> {
    const ids = await this.db.scoped(SYSTEM_SCOPE, (tx) => repo.queuedProjects(tx, 2000));
    return this.scanProjects(ids, opts);
  }

  private async scan(projectIds: string[] | null, opts: ScanOptions): Promise<ScanReport> {
    const started = performance.now();
    const report: ScanReport = {
      projects: 0,
      findings: 0,
      created: 0,
      updated: 0,
      cleared: 0,
      unchanged: 0,
      ms: 0,
      byRule: {},
    };
    if (projectIds !== null && projectIds.length === 0) {
      if (opts.onDone) await this.db.scoped(SYSTEM_SCOPE, (tx) => opts.onDone!(tx, report));
      return report;
    }
    const ctx: RuleContext = { today: opts.today ?? shanghaiDate(this.now()), params: await this.params(), projectIds };
    const calendar = await this.calendar();
    await this.db.scoped(SYSTEM_SCOPE, async (tx) => {
      const found: Finding[] = [];
      for (const rule of this.rules) {
        const t0 = performance.now();
        // A rule that reads whole tables asks for hash joins on a full scan (see setNestedLoops).
        const hash = projectIds === null && rule.wholeTables;
        if (hash) await repo.setNestedLoops(tx, false);
        const f = await rule.detect(tx, ctx);
        if (hash) await repo.setNestedLoops(tx, true);
        report.byRule[rule.id] = { findings: f.length, ms: Math.round(performance.now() - t0) };
        found.push(...f);
      }
      report.findings = found.length;
      report.projects = projectIds?.length ?? (await repo.countProjects(tx));
      const live = await repo.liveWarnings(
        tx,
        this.rules.map((r) => r.id),
        projectIds,
      );
      const liveByKey = new Map(live.map((w) => [w.findingKey, w]));
      const fresh: Finding[] = [];
      const changed: { w: LiveWarning; f: Finding }[] = [];
      const seen = new Set<string>();
      for (const f of found) {
        const key = findingKey(f);
        if (seen.has(key)) continue;
        seen.add(key);
        const w = liveByKey.get(key);
        if (!w) fresh.push(f);
        else if (
          w.level !== f.level ||
          w.workersAffected !== f.workersAffected ||
          w.amountFen !== f.amountFen ||
          JSON.stringify(w.detail) !== JSON.stringify(f.detail)
        )
          changed.push({ w, f });
        else report.unchanged++;
      }
      const gone = live.filter((w) => !seen.has(w.findingKey));
      const ts = this.now().toISOString();
      await this.open(tx, fresh, ctx, calendar, ts);
      await this.update(tx, changed, ts);
      await this.clear(tx, gone, ts);
      report.created = fresh.length;
      report.updated = changed.length;
      report.cleared = gone.length;
      if (projectIds) await repo.dequeue(tx, projectIds);
      report.ms = Math.round(performance.now() - started);
      if (opts.onDone) await opts.onDone(tx, report);
    });
    report.ms = Math.round(performance.now() - started);
    return report;
  }

  private async open(
    tx: Executor,
    fresh: Finding[],
    ctx: RuleContext,
    calendar: WorkCalendar,
    ts: string,
  ): Promise<void> {
    if (fresh.length === 0) return;
    const projects = new Map<string, ProjectRouting>();
    for (let i = 0; i < fresh.length; i += CHUNK) {
      const ids = [...new Set(fresh.slice(i, i + CHUNK).map((f) => f.projectId))];
      for (const r of await repo.projectRouting(tx, ids)) projects.set(r.id, r);
    }
    // A warning and its steps carry the project's region, owner and department (migration 0018).
    const scopeOf = (f: Finding) => {
      const p = projects.get(f.projectId);
      return { regionCode: f.regionCode, ownerId: p?.ownerId ?? null, departmentId: p?.departmentId ?? null };
    };
    const due = new Map<WarningLevel, string>();
    const dueFor = (level: WarningLevel) => {
      if (!due.has(level)) due.set(level, calendar.addWorkingDays(ctx.today, ctx.params.handlingDays[level]));
      return due.get(level)!;
    };
    const ruleOf = new Map(this.rules.map((r) => [r.id, r]));
    for (let i = 0; i < fresh.length; i += CHUNK) {
      const chunk = fresh.slice(i, i + CHUNK);
      const rows = chunk.map((f) => {
        const rule = ruleOf.get(f.rule)!;
        const dept =
          rule.department === 'housing' && projects.get(f.projectId)?.category === 'transport'
            ? 'transport'
            : rule.department;
        return {
          rule: f.rule,
          projectId: f.projectId,
          month: f.month,
          findingKey: findingKey(f),
          level: f.level,
          detail: f.detail,
          workersAffected: f.workersAffected,
          amountFen: f.amountFen,
          scope: scopeOf(f),
          departmentCode: dept,
          dueOn: dueFor(f.level),
        };
      });
      const inserted = await repo.insertWarnings(tx, rows, ts);
      const idOf = new Map(inserted.map((r) => [r.findingKey, r.id]));
      await this.actions(
        tx,
        chunk.map((f) => ({
          warningId: idOf.get(findingKey(f))!,
          action: 'detected',
          note: `系统扫描发现：${WARNING_LEVEL_NAMES[f.level]}预警`,
          scope: scopeOf(f),
          data: { level: f.level },
        })),
        ts,
      );
      await this.timeline(
        tx,
        chunk.map((f) => ({
          f,
          warningId: idOf.get(findingKey(f))!,
          summary: `${WARNING_LEVEL_NAMES[f.level]}预警：${findingSummary(ruleOf.get(f.rule)!.name, f)}`,
          type: 'warning.detected',
        })),
      );
    }
  }

  private async update(tx: Executor, changed: { w: LiveWarning; f: Finding }[], ts: string): Promise<void> {
    for (let i = 0; i < changed.length; i += CHUNK) {
      const chunk = changed.slice(i, i + CHUNK);
      await repo.updateWarnings(
        tx,
        chunk.map(({ w, f }) => ({
          id: w.id,
          level: f.level,
          detail: f.detail,
          workersAffected: f.workersAffected,
          amountFen: f.amountFen,
        })),
        ts,
      );
      const levelChanges = chunk.filter(({ w, f }) => w.level !== f.level);
      await this.actions(
        tx,
        levelChanges.map(({ w, f }) => ({
          warningId: w.id,
          action: 'level_changed',
          note: `预警等级由${WARNING_LEVEL_NAMES[w.level]}变为${WARNING_LEVEL_NAMES[f.level]}`,
          scope: w,
          data: { from: w.level, to: f.level },
        })),
        ts,
      );
    }
  }

  private async clear(tx: Executor, gone: LiveWarning[], ts: string): Promise<void> {
    for (let i = 0; i < gone.length; i += CHUNK) {
      const chunk = gone.slice(i, i + CHUNK);
      await repo.clearWarnings(
        tx,
        chunk.map((w) => w.id),
        ts,
      );
      await this.actions(
        tx,
        chunk.map((w) => ({
          warningId: w.id,
          action: 'cleared',
          note: '预警原因已消除，系统自动解除',
          scope: w,
          data: {},
        })),
        ts,
      );
      const ruleOf = new Map(this.rules.map((r) => [r.id, r]));
      await this.events.emit(
        tx,
        null,
        chunk.map((w) => ({
          type: 'warning.cleared',
          subjectType: 'project',
          subjectId: w.projectId,
          regionCode: w.regionCode,
          summary:
            '预警自动解除：' +
            findingSummary(ruleOf.get(w.rule)?.name ?? w.rule, { month: w.month, workersAffected: 0, amountFen: 0 }),
          data: { warningId: w.id },
        })),
      );
    }
  }

  private actions(tx: Executor, items: SystemAction[], ts: string): Promise<void> {
    return repo.insertSystemActions(tx, items, ts);
  }

  /** The project's timeline and each affected worker's 一人一档 timeline. */
  private async timeline(
    tx: Executor,
    items: { f: Finding; warningId: string; summary: string; type: string }[],
  ): Promise<void> {
    const events: DomainEvent[] = [];
    const pwIds = new Set<string>();
    for (const { f } of items)
      for (const id of (f.detail.projectWorkerIds as string[] | undefined) ?? []) pwIds.add(id);
    const workerOf = await repo.workersOfProjectWorkers(tx, [...pwIds]);
    for (const { f, warningId, summary, type } of items) {
      events.push({
        type,
        subjectType: 'project',
        subjectId: f.projectId,
        regionCode: f.regionCode,
        summary,
        data: { warningId, rule: f.rule },
      });
      const workers = [
        ...((f.detail.projectWorkerIds as string[] | undefined) ?? [])
          .map((id) => workerOf.get(id))
          .filter((x): x is string => !!x),
        ...((f.detail.workerIds as string[] | undefined) ?? []),
      ];
      for (const workerId of workers)
        events.push({
          type,
          subjectType: 'worker',
          subjectId: workerId,
          regionCode: f.regionCode,
          summary,
          data: { warningId, rule: f.rule, projectId: f.projectId },
        });
    }
    for (let i = 0; i < events.length; i += 2000) await this.events.emit(tx, null, events.slice(i, i + 2000));
  }
}
