import { countyCodeOf } from '@mwsp/domain';
import { SYSTEM_SCOPE, type Database, type Executor } from '../../db/client.js';
import { access, requireInScope, scopeFilter } from '../access/access.js';
import { dbScopeOf, type Principal } from '../access/principal.js';
import { actorOf, type AuditLog } from '../audit/audit.js';
import type { WorkCalendar } from '../calendar/workdays.js';
import { todayInShanghai } from '../calendar/workdays.js';
import type { DomainEvent, EventLog } from '../events/events.js';
import { badRequest, conflict, forbidden, isRefusal, notFound } from '../http/errors.js';
import {
  CASES_READ,
  CaseTypeRegistry,
  clockBudget,
  initialState,
  stateOf,
  type CaseTypeDef,
  type ClockDef,
} from './caseTypes.js';
import { extensionProblem, projectClock, rungsReached, type ClockEntry, type ClockProjection } from './clocks.js';
import * as repo from './cases.repo.js';
import { caseStats, employersOfEvent, type StatsArea } from './caseStats.service.js';
import { ClockReprojection } from './reprojection.service.js';
import { documentKindsPresent } from './attachments.repo.js';
import { CaseAttachmentService } from './attachments.service.js';

import { availableTransitions, decide, type Actor, type FieldValue } from './transition.js';

export type { Party } from './cases.repo.js';

export { CASES_READ } from './caseTypes.js';
/** Event type on the timelines of the workers and employers a case names (一人一档). */
export const CASE_STEP = 'case.step';

export interface OpenCaseInput {
  type: string;
  title: string;
  regionCode: string;
  parties: repo.Party[];
  data: Record<string, unknown>;
  groupSize?: number | null;
  assigneeId?: string | null;
  /** The owner and department (README "Data scopes"): the filing user's; null for the public. */
  ownerId: string | null;
  departmentId: string | null;
  /** Flags of the type the case carries (tags; priority; clock budgets), e.g. a fast track. */
  flags?: string[];
  /** The case it is opened from (an `openCase` effect), for the type's open hook. */
  parent?: repo.CaseRow | null;
}

/**
 * A module's hook on opening a case of one of its types, in the transaction, before anything is written: it may
 * add data and flags (e.g. derived from the parent case and another module's port). Throw an HttpError to refuse.
 */
export type OpenHook<C = unknown> = (
  tx: Executor,
  input: OpenCaseInput,
  /** The latest result of the type's `prepare` (undefined before the first). */
  ctx: C | undefined,
) => Promise<{ data?: Record<string, unknown>; flags?: string[] } | void>;

/**
 * A module's hook on a decided transition of one of its types, in the transaction, after the pure decision and
 * before any effect: it may add computed facts to what is recorded (a rule's outcome, the name of the row an id
 * names) or refuse by throwing an HttpError (the refusal is audited like any other).
 */
export type TransitionHook<C = unknown> = (
  tx: Executor,
  p: Principal,
  c: repo.CaseRow,
  decided: { event: string; fields: Readonly<Record<string, FieldValue>>; today: string },
  ctx: C | undefined,
) => Promise<Record<string, unknown> | void>;

/**
 * A module's hooks on one of its case types. `prepare` runs OUTSIDE any transaction — before each transition's
 * transaction and whenever a module calls `prepare()` before opening cases in its own — to read what the hooks
 * need from other modules' ports (which open their own transactions: never inside one); the hooks get its
 * latest result.
 */
export interface TypeHooks<C = unknown> {
  prepare?: () => Promise<C>;
  onOpen?: OpenHook<C>;
  onTransition?: TransitionHook<C>;
}

export interface ClockView extends ClockProjection {
  code: string;
  name: string;
  unit: 'working' | 'calendar';
  budget: number;
  maxExtension: number;
  startedOn: string;
  stoppedOn: string | null;
  rungs: string[];
}

/** A timestamp as ISO text (drivers answer a Date, or text inside json). */
const iso = (d: Date | string): string => new Date(d).toISOString();

/** The flags a case carries (set on opening, kept in its data). */
const flagsOf = (c: { data: Record<string, unknown> }): string[] =>
  Array.isArray(c.data.flags) ? (c.data.flags as unknown[]).filter((x): x is string => typeof x === 'string') : [];

const actorOfPrincipal = (p: Principal): Actor => ({ permissions: p.permissions, roles: p.roles.map((r) => r.code) });

/**
 * The case engine's use cases: open a case (in the caller's transaction, for modules), list, read, transition,
 * comment, link; the clock sweep (escalation rungs, exactly once) and the re-projection of every running clock
 * when the calendar changes. Knows no case type of its own: modules register theirs.
 */
export class CaseService {
  readonly types = new CaseTypeRegistry();
  private sweepListeners: ((tx: Executor, c: repo.CaseRow, rung: string) => Promise<void>)[] = [];
  /** The background re-projection of the running clocks after a calendar edit (reprojection.service.ts). */
  readonly reprojection: ClockReprojection;
  /** Attachments (附件): stored under the data folder, typed by content. */
  readonly attachments: CaseAttachmentService;
  private readonly hooks = new Map<string, TypeHooks>();
  private readonly prepared = new Map<string, unknown>();

  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
    private readonly events: EventLog,
    private readonly calendar: (tx?: Executor) => Promise<WorkCalendar>,
    private readonly now: () => Date,
    /** The calendar as stored, bypassing any cache (the re-projection after an edit); default `calendar`. */
    freshCalendar?: (tx: Executor) => Promise<WorkCalendar>,
    dataDir: string | null = null,
  ) {
    this.reprojection = new ClockReprojection(db, freshCalendar ?? calendar, now);
    this.attachments = new CaseAttachmentService(db, audit, this, now, dataDir);
  }

  registerType<C>(t: CaseTypeDef, hooks?: TypeHooks<C>): void {
    this.types.register(t);
    if (hooks) this.hooks.set(t.code, hooks as TypeHooks);
  }

  /** Runs every type's `prepare` (outside any transaction) and keeps the results for the hooks. */
  async prepare(): Promise<void> {
    for (const [code, h] of this.hooks) if (h.prepare) this.prepared.set(code, await h.prepare());
  }

  private today(): string {
    return todayInShanghai(this.now());
  }

  private typeOf(code: string): CaseTypeDef {
    const t = this.types.get(code);
    if (!t) throw new Error(`case type ${code} is not registered`);
    return t;
  }

  /** Types the principal may read. */
  private readableTypes(p: Principal): CaseTypeDef[] {
    return this.types.all().filter((t) => p.permissions.has(t.readPermission));
  }

  /**
   * Opens a case in its initial state, in the caller's transaction: history, the clocks that start on filing,
   * an immediate escalation for a group (群体性), the audit entry and timeline events.
   */
  async open(
    tx: Executor,
    p: Principal | null,
    input: OpenCaseInput,
    ip = 'system',
    /** When it was filed: now, except for generated demo data. */
    when?: Date,
  ): Promise<repo.CaseRow> {
    const t = this.typeOf(input.type);
    const countyCode = countyCodeOf(input.regionCode);
    const start = initialState(t);
    const at = when ?? this.now();
    const added = (await this.hooks.get(t.code)?.onOpen?.(tx, input, this.prepared.get(t.code))) ?? {};
    const flags = [...new Set([...(input.flags ?? []), ...(added.flags ?? [])])];
    for (const f of flags)
      if (!(t.flags ?? []).some((x) => x.code === f)) throw new Error(`case type ${t.code} declares no flag ${f}`);
    const priority = flags.some((f) => t.flags!.find((x) => x.code === f)!.priority);
    const data = {
      ...input.data,
      ...added.data,
      ...(flags.length ? { flags } : {}),
      ...(priority ? { priority: true } : {}),
    };
    const id = await repo.insertCase(tx, {
      countyCode,
      type: t.code,
      state: start.code,
      title: input.title,
      regionCode: input.regionCode,
      assigneeId: input.assigneeId ?? null,
      groupSize: input.groupSize ?? null,
      parties: input.parties,
      data,
      ownerId: input.ownerId,
      departmentId: input.departmentId,
      at,
    });
    const c = (await repo.findCase(tx, id, countyCode))!;
    const s = repo.scopeOfCase(c);
    await this.history(tx, s, {
      kind: 'created',
      toState: start.code,
      actorId: p?.userId ?? null,
      actorName: p?.displayName ?? null,
      detail: { title: input.title },
      at,
    });
    for (const k of t.clocks.filter((x) => x.startsOnCreate)) await this.startClock(tx, s, t.code, k, at, flags);
    if (input.groupSize && input.groupSize > 1)
      await this.escalate(tx, c, `群体性案件（${input.groupSize} 人），立即升级督办`, at);
    await this.audit.append(tx, actorOf(p, p?.ip ?? ip), {
      action: 'case.create',
      outcome: 'success',
      objectType: 'case',
      objectId: id,
      detail: { type: t.code, state: start.code, group: (input.groupSize ?? 0) > 1 },
    });
    await this.emitStep(tx, p, c, `${t.name}：${input.title}（${start.name}）`);
    return c;
  }

  private async emitStep(tx: Executor, p: Principal | null, c: repo.CaseRow, summary: string): Promise<void> {
    const events: DomainEvent[] = c.parties
      .filter((x) => x.kind === 'worker' || x.kind === 'employer')
      .map((x) => ({
        type: CASE_STEP,
        subjectType: x.kind,
        subjectId: x.id,
        regionCode: c.regionCode,
        summary,
        data: { caseId: c.id, type: c.type },
      }));
    const held = this.held.get(tx);
    if (held) held.events.push({ actor: p, events });
    else await this.events.emit(tx, p, events);
  }

  /** Held history rows and timeline events of a `together` batch, by transaction. */
  private readonly held = new WeakMap<
    object,
    {
      history: Parameters<typeof repo.appendHistoryMany>[1];
      events: { actor: Principal | null; events: DomainEvent[] }[];
    }
  >();

  /** A history row, now or — inside `together` — with the batch. */
  private async history(tx: Executor, s: repo.CaseScope, h: Parameters<typeof repo.appendHistory>[2]) {
    const held = this.held.get(tx);
    if (held) held.history.push({ s, h });
    else await repo.appendHistory(tx, s, h);
  }

  /**
   * Runs `fn` (cases opened and moved in the caller's transaction: generated demo data) with the history rows and
   * the 一人一档 timeline events of its opens and transitions held back, then writes them, in their order, in
   * multi-row statements (the events of one actor after another in one each) — still in that transaction, so they
   * commit with the changes they record or not at all. The same rows as without it; nothing in the engine reads
   * them back within a batch (no listener of case.step, the history read only by the detail view). The caller's
   * audit entries go with `audit.together`. Nested calls join the outer one.
   */
  async together<T>(tx: Executor, fn: () => Promise<T>): Promise<T> {
    if (this.held.has(tx)) return fn();
    const held = {
      history: [] as Parameters<typeof repo.appendHistoryMany>[1],
      events: [] as { actor: Principal | null; events: DomainEvent[] }[],
    };
    this.held.set(tx, held);
    let out: T;
    try {
      out = await fn();
    } finally {
      this.held.delete(tx);
    }
    await repo.appendHistoryMany(tx, held.history);
    for (let i = 0; i < held.events.length;) {
      const actor = held.events[i].actor;
      const run: DomainEvent[] = [];
      for (; i < held.events.length && held.events[i].actor === actor; i++) run.push(...held.events[i].events);
      await this.events.emit(tx, actor, run);
    }
    return out;
  }

  private async startClock(
    tx: Executor,
    s: repo.CaseScope,
    caseType: string,
    k: ClockDef,
    at: Date,
    flags: readonly string[],
  ): Promise<void> {
    const cal = await this.calendar(tx);
    const startedOn = todayInShanghai(at);
    const facts = {
      unit: k.unit,
      budget: clockBudget(k, flags),
      maxExtension: k.maxExtension,
      amberPercent: k.amberPercent ?? 80,
      startedOn,
      stoppedOn: null,
      entries: [],
    };
    const p = projectClock(cal, facts, startedOn);
    await repo.insertClock(tx, s, { ...facts, caseType, code: k.code, dueOn: p.dueOn, amberOn: p.amberOn });
  }

  private async escalate(tx: Executor, c: repo.CaseRow, reason: string, at: Date): Promise<void> {
    await repo.updateCase(tx, repo.scopeOfCase(c), { escalatedAt: at, escalationReason: reason, at });
    await this.history(tx, repo.scopeOfCase(c), {
      kind: 'escalation',
      event: 'escalate',
      actorId: null,
      actorName: null,
      detail: { reason },
      at,
    });
  }

  private async load(
    tx: Executor,
    p: Principal,
    id: string,
    forUpdate = false,
    county?: string,
  ): Promise<repo.CaseRow> {
    const row = await repo.findCase(tx, id, county, forUpdate);
    const c = requireInScope(p, row, '案件不存在', (r) => ({
      regionCode: r.regionCode,
      ownerId: r.ownerId,
      departmentId: r.departmentId,
    }));
    const t = this.types.get(c.type);
    if (!t || !p.permissions.has(t.readPermission)) throw notFound('案件不存在');
    return c;
  }

  /** A case the principal may read, in its transaction (404 otherwise): for the engine's own parts (attachments). */
  async readable(tx: Executor, p: Principal, id: string, forUpdate = false): Promise<repo.CaseRow> {
    return this.load(tx, p, id, forUpdate);
  }

  async list(
    p: Principal,
    f: {
      type?: string;
      state?: string;
      regionCode?: string;
      assignee?: string;
      queue?: 'mine' | 'pending' | 'due_soon' | 'overdue';
      page: number;
      pageSize: number;
    },
  ) {
    access(p, CASES_READ);
    const types = this.readableTypes(p).map((t) => t.code);
    if (f.type && !this.types.get(f.type)) throw badRequest(`未知的案件类型：${f.type}`);
    const today = this.today();
    const { rows, total } = await this.db.scoped(dbScopeOf(p), (tx) =>
      repo.listCases(tx, {
        types,
        type: f.type,
        state: f.state,
        // 待受理: cases still in their type's initial state.
        states: f.queue === 'pending' ? this.readableTypes(p).map((t) => initialState(t).code) : undefined,
        regionCode: f.regionCode,
        assigneeId: f.queue === 'mine' ? p.userId : f.assignee,
        clock: f.queue === 'due_soon' ? 'due_soon' : f.queue === 'overdue' ? 'overdue' : undefined,
        open: f.queue !== undefined,
        today,
        owned: scopeFilter(p),
        page: f.page,
        pageSize: f.pageSize,
      }),
    );
    return { items: rows.map((c) => this.summary(c)), total, page: f.page, pageSize: f.pageSize };
  }

  private summary(c: repo.CaseRow) {
    const t = this.typeOf(c.type);
    return {
      id: c.id,
      type: c.type,
      typeName: t.name,
      state: c.state,
      stateName: stateOf(t, c.state)?.name ?? c.state,
      title: c.title,
      regionCode: c.regionCode,
      regionName: c.regionName,
      assigneeId: c.assigneeId,
      assigneeName: c.assigneeName,
      escalated: c.escalatedAt !== null,
      groupSize: c.groupSize,
      tags: flagsOf(c)
        .map((f) => t.flags?.find((x) => x.code === f))
        .filter((x) => x !== undefined)
        .map((x) => ({ code: x.code, label: x.label, priority: x.priority ?? false })),
      createdAt: iso(c.createdAt),
      closedAt: c.closedAt ? iso(c.closedAt) : null,
    };
  }

  private async clockViews(tx: Executor, c: repo.CaseRow): Promise<ClockView[]> {
    const cal = await this.calendar(tx);
    const t = this.typeOf(c.type);
    const today = this.today();
    return (await repo.clocksOf(tx, { countyCode: c.countyCode, caseId: c.id })).map((k) => ({
      code: k.code,
      name: t.clocks.find((x) => x.code === k.code)?.name ?? k.code,
      unit: k.unit,
      budget: k.budget,
      maxExtension: k.maxExtension,
      startedOn: k.startedOn,
      stoppedOn: k.stoppedOn,
      rungs: k.rungs,
      ...projectClock(cal, k, today),
    }));
  }

  async get(p: Principal, id: string) {
    access(p, CASES_READ);
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const c = await this.load(tx, p, id);
      return this.detail(tx, p, c);
    });
  }

  /** A case as its detail page shows it, for the principal (its transitions), in the caller's transaction. */
  async detail(tx: Executor, p: Principal, c: repo.CaseRow) {
    const t = this.typeOf(c.type);
    const s = { countyCode: c.countyCode, caseId: c.id };
    return {
      ...this.summary(c),
      escalationReason: c.escalationReason,
      parties: c.parties,
      data: c.data,
      clocks: await this.clockViews(tx, c),
      history: (await repo.historyOf(tx, s)).map((h) => ({ ...h, id: Number(h.id), at: iso(h.at) })),
      links: await repo.linksOf(tx, s),
      transitions: availableTransitions(t, c.state, actorOfPrincipal(p)).map((x) => ({
        event: x.event,
        name: x.name,
        confirm: x.confirm ?? false,
        fields: (x.fields ?? []).map((f) => ({
          field: f.field,
          label: f.label,
          kind: f.kind,
          optional: f.optional ?? false,
          min: f.min ?? null,
          options: f.options ? [...f.options] : null,
        })),
        documents: (x.documents ?? []).map((d) => ({ kind: d.kind, label: d.label })),
      })),
    };
  }

  /** The one way a case changes state: decide (pure), then apply its effects, history and audit in one transaction. */
  async transition(p: Principal, id: string, input: { event: string; fields: Record<string, unknown> }) {
    access(p, CASES_READ);
    let loaded: { id: string; type: string; state: string } | null = null;
    await this.prepare();
    try {
      return await this.db.scoped(dbScopeOf(p), (tx) => this.transitionIn(tx, p, id, input, (c) => (loaded = c)));
    } catch (e) {
      const c = loaded as { id: string; type: string; state: string } | null;
      if (!isRefusal(e) || c === null) throw e;
      // A refused transition is audited too, after its rolled-back transaction.
      await this.audit.record(actorOf(p, p.ip), {
        action: 'case.transition',
        outcome: 'failure',
        objectType: 'case',
        objectId: c.id,
        detail: { type: c.type, event: input.event, state: c.state, status: e.status },
      });
      throw e;
    }
  }

  private async transitionIn(
    tx: Executor,
    p: Principal,
    id: string,
    input: { event: string; fields: Record<string, unknown> },
    onLoad: (c: { id: string; type: string; state: string }) => void,
    when?: Date,
  ) {
    const c = await this.apply(tx, p, id, input, onLoad, when);
    const updated = (await repo.findCase(tx, c.id, c.countyCode))!;
    return this.detail(tx, p, updated);
  }

  /** Decides and applies a transition (effects, history, audit, timeline events); answers the case as it was. */
  private async apply(
    tx: Executor,
    p: Principal,
    id: string,
    input: { event: string; fields: Record<string, unknown> },
    onLoad: (c: { id: string; type: string; state: string }) => void,
    when?: Date,
    county?: string,
  ): Promise<repo.CaseRow> {
    const c = await this.load(tx, p, id, true, county);
    onLoad({ id: c.id, type: c.type, state: c.state });
    const t = this.typeOf(c.type);
    const at = when ?? this.now();
    const today = todayInShanghai(at);
    const documents = await documentKindsPresent(tx, { countyCode: c.countyCode, caseId: c.id });
    const d = decide(t, c.state, actorOfPrincipal(p), { event: input.event, fields: input.fields, today, documents });
    if (!d.ok) {
      if (d.status === 403) throw forbidden(d.message);
      if (d.status === 409) throw conflict(d.message, 'CASE_STATE');
      throw badRequest(d.message, d.fieldErrors);
    }
    const hook = this.hooks.get(t.code)?.onTransition;
    if (hook) {
      const decided = { event: d.transition.event, fields: d.fields, today };
      const more = await hook(tx, p, c, decided, this.prepared.get(t.code));
      if (more) d.fields = { ...d.fields, ...(more as Record<string, FieldValue>) };
    }
    const s = repo.scopeOfCase(c);
    const cal = await this.calendar(tx);
    const clocks = await repo.clocksOf(tx, { countyCode: c.countyCode, caseId: c.id });
    const clockOf = (code: string) => clocks.find((k) => k.code === code);
    let assigneeId: string | undefined;
    for (const e of d.effects) {
      switch (e.kind) {
        case 'startClock':
          await this.startClock(
            tx,
            s,
            t.code,
            t.clocks.find((k) => k.code === e.clock)!,
            at,
            flagsOf(c),
          );
          break;
        case 'stopClock': {
          const k = clockOf(e.clock);
          if (k && k.stoppedOn === null) await repo.setClockProjection(tx, k, { ...k, stoppedOn: today });
          break;
        }
        case 'suspendClock':
        case 'resumeClock':
        case 'extendClock': {
          const k = clockOf(e.clock);
          const def = t.clocks.find((x) => x.code === e.clock)!;
          if (!k || k.stoppedOn !== null) throw conflict(`${def.name}未在计时，不能${d.transition.name}`, 'CASE_CLOCK');
          const kind: ClockEntry['kind'] =
            e.kind === 'suspendClock' ? 'suspend' : e.kind === 'resumeClock' ? 'resume' : 'extend';
          const suspended = projectClock(cal, k, today).suspended;
          if (kind === 'suspend' && suspended) throw conflict(`${def.name}已中止`, 'CASE_CLOCK');
          if (kind === 'resume' && !suspended) throw conflict(`${def.name}未中止，不能恢复`, 'CASE_CLOCK');
          const days = e.kind === 'extendClock' ? (d.fields[e.daysField] as number) : null;
          if (days !== null) {
            const problem = extensionProblem(k, days);
            if (problem)
              throw badRequest(problem, [
                { path: `fields.${e.kind === 'extendClock' ? e.daysField : ''}`, message: problem },
              ]);
          }
          const reason = String(d.fields.reason ?? d.transition.name);
          await repo.appendClockEntry(tx, k, { kind, on: today, days, reason, actorId: p.userId, at });
          const entries = [...k.entries, { kind, on: today, ...(days !== null ? { days } : {}) }];
          const next = projectClock(cal, { ...k, entries }, today);
          await repo.setClockProjection(tx, k, next);
          await this.history(tx, s, {
            kind: 'clock',
            event: kind,
            actorId: p.userId,
            actorName: p.displayName,
            detail: { clock: k.code, days, dueOn: next.dueOn },
            at,
          });
          break;
        }
        case 'assign': {
          const users = d.fields[e.userField] as string[];
          assigneeId = users[0];
          break;
        }
        case 'escalate':
          await this.escalate(tx, c, d.transition.name, at);
          break;
        case 'openCase': {
          const child = await this.open(
            tx,
            p,
            {
              type: e.type,
              title: c.title,
              regionCode: c.regionCode,
              parties: c.parties,
              data: { openedFrom: c.id },
              groupSize: c.groupSize,
              ownerId: c.ownerId,
              departmentId: c.departmentId,
              parent: c,
            },
            p.ip,
            at,
          );
          await this.link(tx, c, child, e.link);
          break;
        }
      }
    }
    const final = stateOf(t, d.to)?.final ?? false;
    // The submitted fields are kept on the case, by event (the record of what was decided).
    const data = { ...c.data, [d.transition.event]: d.fields };
    await repo.updateCase(tx, s, {
      state: d.to,
      data,
      ...(assigneeId !== undefined ? { assigneeId } : {}),
      ...(final ? { closedAt: at } : {}),
      at,
    });
    if (final) {
      for (const k of clocks)
        if (k.stoppedOn === null) await repo.setClockProjection(tx, k, { ...k, stoppedOn: today });
    }
    await this.history(tx, s, {
      kind: 'transition',
      event: d.transition.event,
      fromState: d.from,
      toState: d.to,
      actorId: p.userId,
      actorName: p.displayName,
      detail: d.fields,
      at,
    });
    await this.audit.append(tx, actorOf(p, p.ip), {
      action: 'case.transition',
      outcome: 'success',
      objectType: 'case',
      objectId: c.id,
      detail: { type: c.type, event: d.transition.event, from: d.from, to: d.to },
    });
    await this.emitStep(tx, p, c, `${t.name}：${d.transition.name}（${stateOf(t, d.to)?.name ?? d.to}）`);
    return c;
  }

  /**
   * A transition at a given moment in the caller's transaction, for generated demo data (a year of cases):
   * the same decision, effects, history and audit as a user's, dated `when`.
   */
  async transitionAt(
    tx: Executor,
    p: Principal,
    id: string,
    input: { event: string; fields: Record<string, unknown> },
    when: Date,
  ) {
    return this.transitionIn(tx, p, id, input, () => undefined, when);
  }

  /**
   * `transitionAt` without the detail view the generated demo data does not read (its four statements): the same
   * decision, effects, history, audit and timeline events, dated `when`, in the caller's transaction. With the
   * case's `county` known the case is locked and read in two statements instead of three.
   */
  async stepAt(
    tx: Executor,
    p: Principal,
    id: string,
    input: { event: string; fields: Record<string, unknown> },
    when: Date,
    county?: string,
  ): Promise<void> {
    await this.apply(tx, p, id, input, () => undefined, when, county);
  }

  async comment(p: Principal, id: string, body: string) {
    access(p, CASES_READ);
    const text = body.trim();
    if (!text) throw badRequest('请填写意见内容', [{ path: 'body', message: '请填写意见内容' }]);
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const c = await this.load(tx, p, id);
      const at = this.now();
      await repo.appendHistory(tx, repo.scopeOfCase(c), {
        kind: 'comment',
        actorId: p.userId,
        actorName: p.displayName,
        detail: { body: text },
        at,
      });
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'case.comment',
        outcome: 'success',
        objectType: 'case',
        objectId: c.id,
      });
      return this.detail(tx, p, c);
    });
  }

  /** Links two cases both ways (e.g. a complaint and the inspection opened from it), in the caller's transaction. */
  async link(tx: Executor, a: repo.CaseRow, b: repo.CaseRow, kind: string): Promise<void> {
    const at = this.now();
    await repo.insertLink(tx, repo.scopeOfCase(a), { countyCode: b.countyCode, caseId: b.id }, kind, at);
    await repo.insertLink(tx, repo.scopeOfCase(b), { countyCode: a.countyCode, caseId: a.id }, kind, at);
    await repo.appendHistory(tx, repo.scopeOfCase(a), {
      kind: 'link',
      event: kind,
      actorId: null,
      actorName: null,
      detail: { caseId: b.id },
      at,
    });
  }

  /**
   * What the public may know of a case (the complainant's status page): its state, whether it is closed, the
   * first clock's due date and the steps by name — no names of staff, no fields. No scope check: for a module
   * that has checked the caller (receipt number and phone), in its transaction.
   */
  async publicProgress(tx: Executor, countyCode: string, id: string) {
    const c = await repo.findCase(tx, id, countyCode);
    if (!c) return undefined;
    const t = this.typeOf(c.type);
    const clocks = await this.clockViews(tx, c);
    const steps = (await repo.historyOf(tx, { countyCode, caseId: id }))
      .filter((h) => h.kind === 'created' || (h.kind === 'transition' && h.fromState !== h.toState))
      .map((h) => {
        const action = t.transitions.find((x) => x.event === h.event)?.name ?? h.event;
        const state = stateOf(t, h.toState ?? '')?.name ?? h.toState;
        return {
          at: iso(h.at),
          text: h.kind === 'created' ? `已登记（${initialState(t).name}）` : `${action}（${state}）`,
        };
      });
    return {
      stateName: stateOf(t, c.state)?.name ?? c.state,
      closed: c.closedAt !== null,
      firstDueOn: clocks.find((k) => k.stoppedOn === null)?.dueOn ?? null,
      steps,
    };
  }

  /** A case row by id and county in the caller's transaction (its scope), for a module. */
  async find(tx: Executor, countyCode: string, id: string) {
    return repo.findCase(tx, id, countyCode);
  }

  /** Listens to the rungs the sweep fires (in its transaction): a module may notify or act. */
  onRung(listener: (tx: Executor, c: repo.CaseRow, rung: string) => Promise<void>): void {
    this.sweepListeners.push(listener);
  }

  /**
   * The escalation sweep: every running clock whose amber day has come gets the rungs it has reached, each
   * claimed by a unique insert in the transaction of its effect (history, escalation, audit) — so a sweep run
   * twice, two sweeps at once, or a sweep after a crash never fires a rung twice and never misses one.
   * The work list is cut into chunks of up to `perTx` clocks of one county, one transaction each: the chunk's cases
   * locked (in id order), its clocks read again as the locks left them, the rungs reached claimed in one
   * INSERT … ON CONFLICT DO NOTHING RETURNING, and the effects of exactly the claimed rungs written in bulk (history,
   * escalations, audit entries) — a crash rolls back a chunk's claims and effects together, and the next sweep
   * fires them. A chunk that fails (e.g. a deadlock with a transition) is retried clock by clock.
   * Returns the rungs fired.
   */
  async sweep(today = this.today(), batch = 2000, perTx = 100): Promise<{ fired: number; clocks: number }> {
    const cal = await this.calendar();
    let fired = 0;
    let clocks = 0;
    const seen = new Set<string>();
    for (;;) {
      const work = await this.db.scoped(SYSTEM_SCOPE, (tx) => repo.clocksToSweep(tx, today, batch));
      const fresh = work.filter((k) => !seen.has(k.id));
      if (fresh.length === 0) break;
      const byCounty = new Map<string, typeof fresh>();
      for (const k of fresh) byCounty.set(k.countyCode, [...(byCounty.get(k.countyCode) ?? []), k]);
      for (const [county, list] of byCounty)
        for (let i = 0; i < list.length; i += perTx) {
          const chunk = list.slice(i, i + perTx);
          for (const k of chunk) seen.add(k.id);
          clocks += chunk.length;
          try {
            fired += await this.sweepChunk(cal, county, chunk, today);
          } catch (err) {
            if (chunk.length === 1) throw err;
            for (const k of chunk) fired += await this.sweepChunk(cal, county, [k], today);
          }
        }
      if (work.length < batch) break;
    }
    return { fired, clocks };
  }

  /** One chunk of the sweep (clocks of one county), in a transaction of its own; returns the rungs fired. */
  private sweepChunk(
    cal: WorkCalendar,
    county: string,
    chunk: { id: string; caseId: string }[],
    today: string,
  ): Promise<number> {
    return this.db.scoped(SYSTEM_SCOPE, async (tx) => {
      const cases = new Map(
        (await repo.lockCases(tx, county, [...new Set(chunk.map((k) => k.caseId))])).map((c) => [c.id, c]),
      );
      const clocks = await repo.clocksById(
        tx,
        county,
        chunk.map((k) => k.id),
      );
      const reached: { clock: repo.ClockRow; rung: string; p: ClockProjection; c: repo.CaseRow }[] = [];
      for (const k of clocks) {
        const c = cases.get(k.caseId);
        if (!c || c.closedAt || k.stoppedOn !== null) continue;
        const p = projectClock(cal, k, today);
        for (const rung of rungsReached(p)) if (!k.rungs.includes(rung)) reached.push({ clock: k, rung, p, c });
      }
      const at = this.now();
      const claimed = new Set((await repo.claimRungs(tx, county, reached, at)).map((x) => `${x.clockId}:${x.rung}`));
      const fire = reached.filter((x) => claimed.has(`${x.clock.id}:${x.rung}`));
      await this.fireRungs(tx, county, fire, at);
      return fire.length;
    });
  }

  /** The effects of claimed rungs, in the claims' transaction: history, escalation, audit, the listeners. */
  private async fireRungs(
    tx: Executor,
    county: string,
    fire: { clock: repo.ClockRow; rung: string; p: ClockProjection; c: repo.CaseRow }[],
    at: Date,
  ) {
    if (fire.length === 0) return;
    const texts = fire.map(({ clock, rung, p, c }) => {
      const name = this.typeOf(c.type).clocks.find((k) => k.code === clock.code)?.name ?? clock.code;
      return rung === 'amber'
        ? `${name}已用 ${p.used}/${p.total} 天，即将到期（${p.dueOn}）`
        : rung === 'red'
          ? `${name}已超期（应于 ${p.dueOn} 前办结）`
          : `${name}超期，升级至上级督办`;
    });
    const escalations = new Map<string, string>();
    fire.forEach(({ rung, c }, i) => {
      if (rung === 'escalate' && !escalations.has(c.id)) escalations.set(c.id, texts[i]);
    });
    await repo.escalateCases(
      tx,
      county,
      [...escalations].map(([caseId, reason]) => ({ caseId, reason })),
      at,
    );
    await repo.appendHistories(
      tx,
      county,
      fire.map(({ clock, rung, p, c }, i) => ({
        s: repo.scopeOfCase(c),
        kind: 'escalation' as const,
        event: rung,
        detail: { clock: clock.code, text: texts[i], dueOn: p.dueOn },
        at,
      })),
    );
    await this.audit.appendAll(
      tx,
      fire.map(({ clock, rung, c }) => ({
        actor: actorOf(null, 'system'),
        entry: {
          action: 'case.rung',
          outcome: 'success' as const,
          objectType: 'case',
          objectId: c.id,
          detail: { clock: clock.code, rung },
        },
      })),
    );
    for (const { rung, c } of fire) for (const l of this.sweepListeners) await l(tx, c, rung);
  }

  /**
   * Re-projects every running clock onto the calendar now, to the end: queues a job and works it through (the
   * background worker's own path, reprojection.service.ts). Returns the job's figures.
   */
  async reproject(reason = '重新推算法定时限'): Promise<{ clocks: number; changed: number; missingYears: number[] }> {
    await this.db.scoped(SYSTEM_SCOPE, (tx) => this.reprojection.request(tx, reason, null));
    await this.reprojection.idle();
    await this.reprojection.run();
    const job = await this.reprojection.latest();
    return { clocks: job?.done ?? 0, changed: job?.changed ?? 0, missingYears: job?.missingYears ?? [] };
  }

  /** The newest re-projection job and its progress (the calendar page's progress bar). */
  async reprojectionStatus(p: Principal) {
    access(p, 'calendar:write');
    const job = await this.reprojection.latest();
    if (!job) return { job: null };
    const { cursorCounty: _c, cursorId: _i, requestedBy: _b, ...rest } = job;
    return { job: rest };
  }

  /**
   * Years that running statutory clocks run through with no working-day calendar loaded (counted with weekends
   * only until the year's holiday notice is entered): the warning for the administrators who keep the calendar.
   */
  async calendarGaps(p: Principal): Promise<{ years: number[]; clocks: number }> {
    access(p, 'calendar:write');
    const cal = await this.calendar();
    const span = await this.db.scoped(SYSTEM_SCOPE, (tx) => repo.runningClockSpan(tx));
    if (span.first === null || span.last === null) return { years: [], clocks: span.clocks };
    const last = Math.max(span.last, Number(this.today().slice(0, 4)));
    const years: number[] = [];
    for (let y = span.first; y <= last; y++) if (cal.coverage(y).status === 'missing') years.push(y);
    return { years, clocks: span.clocks };
  }

  /**
   * Statistics of the cases of an area and period (caseStats.service.ts), in the caller's scoped transaction:
   * for a module that has checked the permission and the area.
   */
  async stats(tx: Executor, area: StatsArea, overdueLimit = 100) {
    return caseStats(tx, this.types, area, overdueLimit);
  }

  /** Distinct employers named by the cases on which `event` was performed in the area and period. */
  async employersOf(tx: Executor, area: StatsArea, event: string): Promise<number> {
    return employersOfEvent(tx, area, event);
  }

  /** Case types for the console: states, clocks and transitions (names only). */
  typeList(p: Principal) {
    access(p, CASES_READ);
    return this.readableTypes(p).map((t) => ({
      code: t.code,
      name: t.name,
      states: t.states.map((s) => ({
        code: s.code,
        name: s.name,
        initial: s.initial ?? false,
        final: s.final ?? false,
      })),
      clocks: t.clocks.map((k) => ({
        code: k.code,
        name: k.name,
        unit: k.unit,
        budget: k.budget,
        maxExtension: k.maxExtension,
      })),
      transitions: t.transitions.map((x) => ({ event: x.event, name: x.name, from: [...x.from], to: x.to })),
      flags: (t.flags ?? []).map((f) => ({ code: f.code, label: f.label, priority: f.priority ?? false })),
    }));
  }
}
