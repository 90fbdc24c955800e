import { sql, type SQL } from 'drizzle-orm';
import { all, one, run, statementSlices, type Executor } from '../../db/client.js';
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
  if (county && forUpdate) {
    // The county known: lock the row first (one shard), then read it as the lock left it.
    await run(tx, sql`select 1 from cases c where c.county_code = ${county} and c.id = ${id} for update`);
    return one<CaseRow>(tx, sql`select ${CASE_COLUMNS} ${CASE_FROM} where ${where}`);
  }
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
  if (f.clock) return listByClock(tx, f, f.clock);
  const conds = caseConds(f);
  const where = sql`${sql.join(conds, sql` and `)}${countyRoute('c.county_code')}`;
  const limit = sql`limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize}`;
  if (f.open) {
    // The open queues (待受理, 我的待办): read from the partial indexes on open cases (0048), one page in their
    // order, and the total from the same index apart (no window over every matching row).
    const rows = await all<CaseRow>(
      tx,
      sql`select ${CASE_COLUMNS} ${CASE_FROM} where ${where}
        order by (c.data->>'priority') is not null desc, c.created_at desc, c.id ${limit}`,
    );
    const total = await one<{ n: number }>(tx, sql`select count(*)::int as n from cases c where ${where}`);
    return { rows, total: total?.n ?? 0 };
  }
  const rows = await all<CaseRow & { total: number }>(
    tx,
    sql`select ${CASE_COLUMNS}, count(*) over ()::int as total ${CASE_FROM} where ${where}
      order by c.closed_at is not null, (c.data->>'priority') is not null desc, c.created_at desc, c.id ${limit}`,
  );
  return { rows, total: rows[0]?.total ?? 0 };
}

/** The conditions on the case row of a list (type, state, region, assignee, owner). */
function caseConds(f: CaseFilter): SQL[] {
  const conds: SQL[] = [
    f.types.length === 1 ? sql`c.type = ${f.types[0]}` : sql`c.type = any(${`{${f.types.join(',')}}`}::text[])`,
  ];
  if (f.type) conds.push(sql`c.type = ${f.type}`);
  if (f.state) conds.push(sql`c.state = ${f.state}`);
  if (f.states)
    conds.push(
      f.states.length === 1 ? sql`c.state = ${f.states[0]}` : sql`c.state = any(${`{${f.states.join(',')}}`}::text[])`,
    );
  if (f.open) conds.push(sql`c.closed_at is null`);
  if (f.regionCode) conds.push(sql`c.region_code >= ${f.regionCode} and c.region_code < ${f.regionCode + 'z'}`);
  if (f.regionCode && f.regionCode.length >= 6) conds.push(sql`c.county_code = ${f.regionCode.slice(0, 6)}`);
  if (f.assigneeId) conds.push(sql`c.assignee_id = ${f.assigneeId}`);
  if (f.owned.ownerId) conds.push(sql`c.created_by = ${f.owned.ownerId}`);
  if (f.owned.departmentId) conds.push(sql`c.department_id = ${f.owned.departmentId}`);
  return conds;
}

/**
 * The clock queues (即将到期: amber reached, not overdue; 已超期: past the due date), read from the projection
 * (case_clocks.due_on, index case_clocks_queue of 0048) in due-date order: the running clocks of a county in the
 * queue's range, each case once (by its most urgent clock of the queue). The clock row carries what the queue
 * filters on — the case's type (0048) and the region and owner columns row-level security reads — so the page is
 * read from the index alone and only its cases are fetched, and the total is an index-only count: a county queue
 * reads one page, not every open case of the county. A running clock belongs to an open case (closing a case
 * stops its clocks). With a filter on the case's state or assignee as well (rare), the clocks are joined to their
 * cases before the page is cut.
 */
async function listByClock(
  tx: Executor,
  f: CaseFilter,
  clock: 'overdue' | 'due_soon',
): Promise<{ rows: CaseRow[]; total: number }> {
  const inQueue = (alias: string) => {
    const k = sql.raw(alias);
    return clock === 'overdue'
      ? sql`${k}.stopped_on is null and ${k}.due_on < ${f.today}`
      : sql`${k}.stopped_on is null and ${k}.due_on >= ${f.today} and ${k}.amber_on <= ${f.today}`;
  };
  const kConds: SQL[] = [
    inQueue('k'),
    f.types.length === 1
      ? sql`k.case_type = ${f.types[0]}`
      : sql`k.case_type = any(${`{${f.types.join(',')}}`}::text[])`,
  ];
  if (f.type) kConds.push(sql`k.case_type = ${f.type}`);
  if (f.regionCode) kConds.push(sql`k.region_code >= ${f.regionCode} and k.region_code < ${f.regionCode + 'z'}`);
  if (f.regionCode && f.regionCode.length >= 6) kConds.push(sql`k.county_code = ${f.regionCode.slice(0, 6)}`);
  if (f.owned.ownerId) kConds.push(sql`k.owner_id = ${f.owned.ownerId}`);
  if (f.owned.departmentId) kConds.push(sql`k.owner_department_id = ${f.owned.departmentId}`);
  const inScope = sql`${sql.join(kConds, sql` and `)}${countyRoute('k.county_code')}`;
  // One row per case: no running clock of the same case in the queue comes before this one. The other clock's
  // queue test is one opaque boolean (coalesce(…)), so the probe is always by the case (the unique key's
  // (county_code, case_id) prefix, a row or two) and never a range scan of the county's clocks chosen from stale
  // statistics of the projection columns.
  const first = sql`not exists (select 1 from case_clocks k2 where k2.county_code = k.county_code
    and k2.case_id = k.case_id and k2.id <> k.id and coalesce(${inQueue('k2')}, false)
    and (k2.due_on, k2.id) < (k.due_on, k.id)${countyRoute('k2.county_code')})`;
  const limit = sql`limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize}`;

  if (f.state !== undefined || f.states !== undefined || f.assigneeId !== undefined) {
    const where = sql`${inScope} and ${first} and c.county_code = k.county_code and c.id = k.case_id
      ${countyRoute('c.county_code')} and ${sql.join(caseConds({ ...f, open: true }), sql` and `)}`;
    const rows = await all<CaseRow>(
      tx,
      sql`select ${CASE_COLUMNS} from case_clocks k, cases c left join regions r on r.code = c.region_code
          left join users u on u.id = c.assignee_id
        where ${where} order by k.due_on, k.id ${limit}`,
    );
    const total = await one<{ n: number }>(
      tx,
      sql`select count(*)::int as n from case_clocks k, cases c where ${where}`,
    );
    return { rows, total: total?.n ?? 0 };
  }

  // The page from the clock index (materialized: its order and limit are planned on the clocks alone), then its
  // cases by key — one statement.
  const rows = await all<CaseRow>(
    tx,
    sql`with page as materialized (
        select k.county_code, k.case_id, k.due_on, k.id from case_clocks k
        where ${inScope} and ${first} order by k.due_on, k.id ${limit})
      select ${CASE_COLUMNS} from page
        join cases c on c.county_code = page.county_code and c.id = page.case_id${countyRoute('c.county_code')}
        left join regions r on r.code = c.region_code left join users u on u.id = c.assignee_id
      order by page.due_on, page.id`,
  );
  const total = await one<{ n: number }>(
    tx,
    sql`select count(distinct k.case_id)::int as n from case_clocks k where ${inScope}`,
  );
  return { rows, total: total?.n ?? 0 };
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

/**
 * Several history rows (as `appendHistory` one after the other), in one multi-row statement: their ids are drawn in
 * the order given, so the history keeps its order (generated demo data: `CasesService.together`).
 */
export async function appendHistoryMany(
  tx: Executor,
  rows: { s: CaseScope; h: Parameters<typeof appendHistory>[2] }[],
): Promise<void> {
  for (const slice of statementSlices(rows, 13)) {
    const values = slice.map(
      ({ s, h }) =>
        sql`(${s.countyCode}, ${s.caseId}::uuid, ${h.kind}, ${h.event ?? null}::text, ${h.fromState ?? null}::text,
          ${h.toState ?? null}::text, ${h.actorId}::uuid, ${h.actorName}::text,
          ${JSON.stringify(h.detail ?? {})}::jsonb, ${h.at}::timestamptz, ${s.regionCode}, ${s.ownerId}::uuid,
          ${s.departmentId}::uuid)`,
    );
    await run(
      tx,
      sql`insert into case_history (county_code, case_id, kind, event, from_state, to_state, actor_id, actor_name,
          detail, at, region_code, owner_id, owner_department_id)
        values ${sql.join(values, sql`, `)}`,
    );
  }
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
    /** The case's type (fixed for the life of the case), kept on the clock for the queues (0048). */
    caseType: string;
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
    sql`insert into case_clocks (county_code, case_id, case_type, code, unit, budget, max_extension, amber_percent,
        started_on, due_on, amber_on, region_code, owner_id, owner_department_id)
      values (${s.countyCode}, ${s.caseId}, ${k.caseType}, ${k.code}, ${k.unit}, ${k.budget}, ${k.maxExtension},
        ${k.amberPercent},
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
 * Claims rungs of clocks of one county in one statement: the claims this transaction is the first to make (their
 * effects must then be applied in the same transaction); a rung claimed before — by an earlier sweep, a
 * concurrent one (which this insert waits for), or one before a crash — is left out.
 */
export async function claimRungs(
  tx: Executor,
  countyCode: string,
  claims: { clock: ClockRow; rung: string }[],
  at: Date,
): Promise<{ clockId: string; rung: string }[]> {
  if (claims.length === 0) return [];
  const values = claims.map(
    ({ clock: k, rung }) =>
      sql`(${countyCode}, ${k.id}::uuid, ${rung}, ${at}::timestamptz, ${k.regionCode}, ${k.ownerId}::uuid,
        ${k.departmentId}::uuid)`,
  );
  return all<{ clockId: string; rung: string }>(
    tx,
    sql`insert into case_clock_rungs (county_code, clock_id, rung, fired_at, region_code, owner_id, owner_department_id)
      values ${sql.join(values, sql`, `)}
      on conflict do nothing returning clock_id as "clockId", rung`,
  );
}

/** Running clocks whose amber day has come and that still have a rung to fire (the sweep's work list). */
export async function clocksToSweep(
  tx: Executor,
  today: string,
  limit: number,
): Promise<{ countyCode: string; id: string; caseId: string }[]> {
  return all(
    tx,
    sql`select k.county_code as "countyCode", k.id, k.case_id as "caseId" from case_clocks k
      where k.stopped_on is null and k.amber_on <= ${today}
        and (select count(*) from case_clock_rungs g where g.county_code = k.county_code and g.clock_id = k.id)
          < case when k.due_on < ${today} then 3 else 1 end
      order by k.amber_on, k.id limit ${limit}`,
  );
}

const uuids = (ids: readonly string[]) => `{${ids.join(',')}}`;

/**
 * Locks cases of one county (in id order, so two sweeps never deadlock on each other) and reads them as the locks
 * left them: a transition of one of them waits for the sweep's transaction, and the sweep for the transition's.
 */
export async function lockCases(tx: Executor, countyCode: string, ids: readonly string[]): Promise<CaseRow[]> {
  if (ids.length === 0) return [];
  await run(
    tx,
    sql`select 1 from cases c where c.county_code = ${countyCode} and c.id = any(${uuids(ids)}::uuid[])
      order by c.id for update`,
  );
  return all<CaseRow>(
    tx,
    sql`select ${CASE_COLUMNS} ${CASE_FROM} where c.county_code = ${countyCode} and c.id = any(${uuids(ids)}::uuid[])`,
  );
}

/** Clocks of one county by id, with their ledgers and rungs. */
export async function clocksById(tx: Executor, countyCode: string, ids: readonly string[]): Promise<ClockRow[]> {
  if (ids.length === 0) return [];
  return all<ClockRow>(
    tx,
    sql`select ${CLOCK_COLUMNS} from case_clocks k
      where k.county_code = ${countyCode} and k.id = any(${uuids(ids)}::uuid[])`,
  );
}

/** History entries of cases of one county, in one statement (ids follow the order given). */
export async function appendHistories(
  tx: Executor,
  countyCode: string,
  rows: {
    s: CaseScope;
    kind: 'escalation';
    event: string;
    detail: Record<string, unknown>;
    at: Date;
  }[],
): Promise<void> {
  if (rows.length === 0) return;
  const values = rows.map(
    (h) =>
      sql`(${countyCode}, ${h.s.caseId}::uuid, ${h.kind}, ${h.event}, null, null, null::uuid, null,
        ${JSON.stringify(h.detail)}::jsonb, ${h.at}::timestamptz, ${h.s.regionCode}, ${h.s.ownerId}::uuid,
        ${h.s.departmentId}::uuid)`,
  );
  await run(
    tx,
    sql`insert into case_history (county_code, case_id, kind, event, from_state, to_state, actor_id, actor_name,
        detail, at, region_code, owner_id, owner_department_id)
      values ${sql.join(values, sql`, `)}`,
  );
}

/** Raises cases of one county to the supervisor (升级督办), keeping an earlier escalation's time and reason. */
export async function escalateCases(
  tx: Executor,
  countyCode: string,
  rows: { caseId: string; reason: string }[],
  at: Date,
): Promise<void> {
  if (rows.length === 0) return;
  await run(
    tx,
    sql`update cases c set escalated_at = coalesce(c.escalated_at, ${at}::timestamptz),
        escalation_reason = coalesce(c.escalation_reason, v.reason), updated_at = ${at}::timestamptz
      from json_to_recordset(${JSON.stringify(rows)}::json) as v("caseId" uuid, reason text)
      where c.county_code = ${countyCode} and c.id = v."caseId"`,
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
