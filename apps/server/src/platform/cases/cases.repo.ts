import { sql, type SQL } from 'drizzle-orm';
import { all, one, run, type Executor } from '../../db/client.js';
import { countyRoute } from '../../db/routing.js';
import type { ClockEntry } from './clocks.js';

/** SQL of the case engine: cases, history, links, clocks, their ledger and rungs. Runs in the caller's transaction. */

export interface Party {
  kind: 'worker' | 'employer' | 'project';
  id: string;
  name?: string;
}

export interface CaseRow {
  countyCode: string;
  id: string;
  type: string;
  state: string;
  title: string;
  regionCode: string;
  regionName: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  escalatedAt: Date | null;
  escalationReason: string | null;
  groupSize: number | null;
  parties: Party[];
  data: Record<string, unknown>;
  ownerId: string | null;
  departmentId: string | null;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
}

/** What every child row copies from its case (the case's own scope columns). */
export interface CaseScope {
  countyCode: string;
  caseId: string;
  regionCode: string;
  ownerId: string | null;
  departmentId: string | null;
}

export const scopeOfCase = (c: CaseRow): CaseScope => ({
  countyCode: c.countyCode,
  caseId: c.id,
  regionCode: c.regionCode,
  ownerId: c.ownerId,
  departmentId: c.departmentId,
});

const CASE_COLUMNS = sql`c.county_code as "countyCode", c.id, c.type, c.state, c.title, c.region_code as "regionCode",
  r.full_name as "regionName", c.assignee_id as "assigneeId", u.display_name as "assigneeName",
  c.escalated_at as "escalatedAt", c.escalation_reason as "escalationReason", c.group_size as "groupSize",
  c.parties, c.data, c.created_by as "ownerId", c.department_id as "departmentId", c.created_at as "createdAt",
  c.updated_at as "updatedAt", c.closed_at as "closedAt"`;
const CASE_FROM = sql`from cases c left join regions r on r.code = c.region_code
  left join users u on u.id = c.assignee_id`;

export async function insertCase(
  tx: Executor,
  c: {
    countyCode: string;
    type: string;
    state: string;
    title: string;
    regionCode: string;
    assigneeId: string | null;
    groupSize: number | null;
    parties: Party[];
    data: Record<string, unknown>;
    ownerId: string | null;
    departmentId: string | null;
    at: Date;
  },
): Promise<string> {
  const row = await one<{ id: string }>(
    tx,
    sql`insert into cases (county_code, type, state, title, region_code, assignee_id, group_size, parties, data,
        created_by, department_id, created_at, updated_at)
      values (${c.countyCode}, ${c.type}, ${c.state}, ${c.title}, ${c.regionCode}, ${c.assigneeId}, ${c.groupSize},
        ${JSON.stringify(c.parties)}::jsonb, ${JSON.stringify(c.data)}::jsonb, ${c.ownerId}, ${c.departmentId},
        ${c.at}, ${c.at})
      returning id`,
  );
  return row!.id;
}

/** A case by id; `county` when known routes to one shard (Citus), else the scope's county if any. */
export async function findCase(
  tx: Executor,
  id: string,
  county?: string,
  forUpdate = false,
): Promise<CaseRow | undefined> {
  const where = county
    ? sql`c.county_code = ${county} and c.id = ${id}`
    : sql`c.id = ${id}${countyRoute('c.county_code')}`;
  const row = await one<CaseRow>(tx, sql`select ${CASE_COLUMNS} ${CASE_FROM} where ${where}`);
  if (!row || !forUpdate) return row;
  // Lock the case row itself, by its county (Citus locks on one shard only), so two transitions of a case run one
  // after the other; then read it again as the lock left it.
  await run(tx, sql`select 1 from cases c where c.county_code = ${row.countyCode} and c.id = ${id} for update`);
  return one<CaseRow>(
    tx,
    sql`select ${CASE_COLUMNS} ${CASE_FROM} where c.county_code = ${row.countyCode} and c.id = ${id}`,
  );
}

export async function updateCase(
  tx: Executor,
  s: CaseScope,
  set: {
    state?: string;
    data?: Record<string, unknown>;
    assigneeId?: string | null;
    escalatedAt?: Date;
    escalationReason?: string;
    closedAt?: Date | null;
    at: Date;
  },
): Promise<void> {
  const parts: SQL[] = [sql`updated_at = ${set.at}`];
  if (set.state !== undefined) parts.push(sql`state = ${set.state}`);
  if (set.data !== undefined) parts.push(sql`data = ${JSON.stringify(set.data)}::jsonb`);
  if (set.assigneeId !== undefined) parts.push(sql`assignee_id = ${set.assigneeId}`);
  if (set.escalatedAt !== undefined)
    parts.push(sql`escalated_at = coalesce(escalated_at, ${set.escalatedAt}),
      escalation_reason = coalesce(escalation_reason, ${set.escalationReason ?? null})`);
  if (set.closedAt !== undefined) parts.push(sql`closed_at = ${set.closedAt}`);
  await run(
    tx,
    sql`update cases set ${sql.join(parts, sql`, `)} where county_code = ${s.countyCode} and id = ${s.caseId}`,
  );
}

export interface CaseFilter {
  types: string[];
  type?: string;
  state?: string;
  states?: string[];
  regionCode?: string;
  assigneeId?: string;
  /** 'overdue': a running clock past its due date; 'due_soon': amber reached, not overdue. */
  clock?: 'overdue' | 'due_soon';
  open?: boolean;
  today: string;
  counties?: string[];
  owned: { ownerId?: string; departmentId?: string };
  page: number;
  pageSize: number;
}

export async function listCases(tx: Executor, f: CaseFilter): Promise<{ rows: CaseRow[]; total: number }> {
  if (f.types.length === 0) return { rows: [], total: 0 };
  const conds: SQL[] = [sql`c.type = any(${`{${f.types.join(',')}}`}::text[])`];
  if (f.type) conds.push(sql`c.type = ${f.type}`);
  if (f.state) conds.push(sql`c.state = ${f.state}`);
  if (f.states) conds.push(sql`c.state = any(${`{${f.states.join(',')}}`}::text[])`);
  if (f.open) conds.push(sql`c.closed_at is null`);
  if (f.regionCode) conds.push(sql`c.region_code >= ${f.regionCode} and c.region_code < ${f.regionCode + 'z'}`);
  if (f.regionCode && f.regionCode.length >= 6) conds.push(sql`c.county_code = ${f.regionCode.slice(0, 6)}`);
  if (f.assigneeId) conds.push(sql`c.assignee_id = ${f.assigneeId}`);
  if (f.owned.ownerId) conds.push(sql`c.created_by = ${f.owned.ownerId}`);
  if (f.owned.departmentId) conds.push(sql`c.department_id = ${f.owned.departmentId}`);
  if (f.clock === 'overdue')
    conds.push(sql`exists (select 1 from case_clocks k where k.county_code = c.county_code and k.case_id = c.id
      and k.stopped_on is null and k.due_on < ${f.today})`);
  if (f.clock === 'due_soon')
    conds.push(sql`exists (select 1 from case_clocks k where k.county_code = c.county_code and k.case_id = c.id
      and k.stopped_on is null and k.amber_on <= ${f.today} and k.due_on >= ${f.today})`);
  const rows = await all<CaseRow & { total: number }>(
    tx,
    sql`select ${CASE_COLUMNS}, count(*) over ()::int as total ${CASE_FROM}
      where ${sql.join(conds, sql` and `)}${countyRoute('c.county_code')}
      order by c.closed_at is not null, (c.data->>'priority') is not null desc, c.created_at desc, c.id
      limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize}`,
  );
  return { rows, total: rows[0]?.total ?? 0 };
}

// ---------------------------------------------------------------- history

export interface HistoryRow {
  id: number;
  kind: string;
  event: string | null;
  fromState: string | null;
  toState: string | null;
  actorId: string | null;
  actorName: string | null;
  detail: Record<string, unknown>;
  at: Date;
}

export async function appendHistory(
  tx: Executor,
  s: CaseScope,
  h: {
    kind: 'created' | 'transition' | 'comment' | 'assign' | 'clock' | 'escalation' | 'link' | 'attachment';
    event?: string | null;
    fromState?: string | null;
    toState?: string | null;
    actorId: string | null;
    actorName: string | null;
    detail?: Record<string, unknown>;
    at: Date;
  },
): Promise<void> {
  await run(
    tx,
    sql`insert into case_history (county_code, case_id, kind, event, from_state, to_state, actor_id, actor_name,
        detail, at, region_code, owner_id, owner_department_id)
      values (${s.countyCode}, ${s.caseId}, ${h.kind}, ${h.event ?? null}, ${h.fromState ?? null}, ${h.toState ?? null},
        ${h.actorId}, ${h.actorName}, ${JSON.stringify(h.detail ?? {})}::jsonb, ${h.at}, ${s.regionCode}, ${s.ownerId},
        ${s.departmentId})`,
  );
}

export async function historyOf(tx: Executor, s: { countyCode: string; caseId: string }): Promise<HistoryRow[]> {
  return all<HistoryRow>(
    tx,
    sql`select id::int8 as id, kind, event, from_state as "fromState", to_state as "toState", actor_id as "actorId",
        actor_name as "actorName", detail, at from case_history
      where county_code = ${s.countyCode} and case_id = ${s.caseId} order by id`,
  );
}

// ---------------------------------------------------------------- links

export async function insertLink(
  tx: Executor,
  s: CaseScope,
  other: { countyCode: string; caseId: string },
  kind: string,
  at: Date,
): Promise<void> {
  await run(
    tx,
    sql`insert into case_links (county_code, case_id, linked_county_code, linked_case_id, kind, created_at,
        region_code, owner_id, owner_department_id)
      values (${s.countyCode}, ${s.caseId}, ${other.countyCode}, ${other.caseId}, ${kind}, ${at}, ${s.regionCode},
        ${s.ownerId}, ${s.departmentId})
      on conflict do nothing`,
  );
}

export async function linksOf(
  tx: Executor,
  s: { countyCode: string; caseId: string },
): Promise<{ countyCode: string; caseId: string; kind: string }[]> {
  return all(
    tx,
    sql`select linked_county_code as "countyCode", linked_case_id as "caseId", kind from case_links
      where county_code = ${s.countyCode} and case_id = ${s.caseId} order by created_at`,
  );
}

// ---------------------------------------------------------------- clocks

export interface ClockRow {
  countyCode: string;
  id: string;
  caseId: string;
  code: string;
  unit: 'working' | 'calendar';
  budget: number;
  maxExtension: number;
  amberPercent: number;
  startedOn: string;
  stoppedOn: string | null;
  dueOn: string | null;
  amberOn: string | null;
  regionCode: string;
  ownerId: string | null;
  departmentId: string | null;
  entries: ClockEntry[];
  rungs: string[];
}

const CLOCK_COLUMNS = sql`k.county_code as "countyCode", k.id, k.case_id as "caseId", k.code, k.unit, k.budget,
  k.max_extension as "maxExtension", k.amber_percent as "amberPercent", k.started_on::text as "startedOn",
  k.stopped_on::text as "stoppedOn", k.due_on::text as "dueOn", k.amber_on::text as "amberOn",
  k.region_code as "regionCode", k.owner_id as "ownerId", k.owner_department_id as "departmentId",
  coalesce((select json_agg(json_build_object('kind', e.kind, 'on', e.on_date::text, 'days', e.days) order by e.id)
    from case_clock_entries e where e.county_code = k.county_code and e.clock_id = k.id), '[]') as entries,
  coalesce((select json_agg(g.rung order by g.fired_at) from case_clock_rungs g
    where g.county_code = k.county_code and g.clock_id = k.id), '[]') as rungs`;

export async function insertClock(
  tx: Executor,
  s: CaseScope,
  k: {
    code: string;
    unit: string;
    budget: number;
    maxExtension: number;
    amberPercent: number;
    startedOn: string;
    dueOn: string | null;
    amberOn: string | null;
  },
): Promise<string> {
  const row = await one<{ id: string }>(
    tx,
    sql`insert into case_clocks (county_code, case_id, code, unit, budget, max_extension, amber_percent, started_on,
        due_on, amber_on, region_code, owner_id, owner_department_id)
      values (${s.countyCode}, ${s.caseId}, ${k.code}, ${k.unit}, ${k.budget}, ${k.maxExtension}, ${k.amberPercent},
        ${k.startedOn}, ${k.dueOn}, ${k.amberOn}, ${s.regionCode}, ${s.ownerId}, ${s.departmentId})
      on conflict (county_code, case_id, code) do update set started_on = excluded.started_on, stopped_on = null,
        due_on = excluded.due_on, amber_on = excluded.amber_on
      returning id`,
  );
  return row!.id;
}

export async function clocksOf(tx: Executor, s: { countyCode: string; caseId: string }): Promise<ClockRow[]> {
  return all<ClockRow>(
    tx,
    sql`select ${CLOCK_COLUMNS} from case_clocks k where k.county_code = ${s.countyCode} and k.case_id = ${s.caseId}
      order by k.started_on, k.code`,
  );
}

export async function setClockProjection(
  tx: Executor,
  k: { countyCode: string; id: string },
  p: { dueOn: string | null; amberOn: string | null; stoppedOn?: string },
): Promise<void> {
  await run(
    tx,
    sql`update case_clocks set due_on = ${p.dueOn}, amber_on = ${p.amberOn}
      ${p.stoppedOn !== undefined ? sql`, stopped_on = ${p.stoppedOn}` : sql``}
      where county_code = ${k.countyCode} and id = ${k.id}`,
  );
}

export async function appendClockEntry(
  tx: Executor,
  k: ClockRow,
  e: {
    kind: 'suspend' | 'resume' | 'extend';
    on: string;
    days: number | null;
    reason: string;
    actorId: string | null;
    at: Date;
  },
): Promise<void> {
  await run(
    tx,
    sql`insert into case_clock_entries (county_code, clock_id, kind, on_date, days, reason, actor_id, at, region_code,
        owner_id, owner_department_id)
      values (${k.countyCode}, ${k.id}, ${e.kind}, ${e.on}, ${e.days}, ${e.reason}, ${e.actorId}, ${e.at},
        ${k.regionCode}, ${k.ownerId}, ${k.departmentId})`,
  );
}

/**
 * Claims a rung of a clock: true when this transaction is the first to claim it (the effect must then be
 * applied in the same transaction), false when it was claimed before — by an earlier sweep, a concurrent one
 * (which this insert waits for), or one before a crash.
 */
export async function claimRung(tx: Executor, k: ClockRow, rung: string, at: Date): Promise<boolean> {
  const row = await one<{ rung: string }>(
    tx,
    sql`insert into case_clock_rungs (county_code, clock_id, rung, fired_at, region_code, owner_id, owner_department_id)
      values (${k.countyCode}, ${k.id}, ${rung}, ${at}, ${k.regionCode}, ${k.ownerId}, ${k.departmentId})
      on conflict do nothing returning rung`,
  );
  return row !== undefined;
}

/** Running clocks whose amber day has come and that still have a rung to fire (the sweep's work list). */
export async function clocksToSweep(tx: Executor, today: string, limit: number): Promise<ClockRow[]> {
  return all<ClockRow>(
    tx,
    sql`select ${CLOCK_COLUMNS} from case_clocks k
      where k.stopped_on is null and k.amber_on <= ${today}
        and (select count(*) from case_clock_rungs g where g.county_code = k.county_code and g.clock_id = k.id)
          < case when k.due_on < ${today} then 3 else 1 end
      order by k.amber_on, k.id limit ${limit}`,
  );
}

/** Every running clock, a page at a time (keyset on county and id): for re-projection after a calendar edit. */
export async function runningClocks(
  tx: Executor,
  after: { countyCode: string; id: string } | null,
  limit: number,
): Promise<ClockRow[]> {
  const cond = after ? sql`and (k.county_code, k.id) > (${after.countyCode}, ${after.id}::uuid)` : sql``;
  return all<ClockRow>(
    tx,
    sql`select ${CLOCK_COLUMNS} from case_clocks k where k.stopped_on is null ${cond}
      order by k.county_code, k.id limit ${limit}`,
  );
}

/** The span of years the running clocks cover (start to due date), and how many there are. */
export async function runningClockSpan(
  tx: Executor,
): Promise<{ first: number | null; last: number | null; clocks: number }> {
  const row = await one<{ first: number | null; last: number | null; clocks: number }>(
    tx,
    sql`select min(extract(year from started_on))::int as first,
        max(extract(year from coalesce(due_on, started_on)))::int as last, count(*)::int as clocks
      from case_clocks where stopped_on is null`,
  );
  return row ?? { first: null, last: null, clocks: 0 };
}
