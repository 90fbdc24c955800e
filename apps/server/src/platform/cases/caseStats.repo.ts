import { sql, type SQL } from 'drizzle-orm';
import { all, one, type Executor } from '../../db/client.js';
import { countyRoute } from '../../db/routing.js';

/**
 * SQL of the case statistics (维权统计): counts and sums over cases, their history and clocks for an area (a
 * region prefix and the length of its children's codes) and a period. Every statement groups on the shards
 * (Citus pushes the GROUP BY down, or aggregates partially) and names the county when the area is one county.
 * Runs in the caller's scoped transaction: row-level security narrows it again.
 */
export interface StatsArea {
  /** The area's region code (a prefix of its rows' region codes). */
  prefix: string;
  /** The length of the codes of its child regions. */
  childLen: number;
  /** 本人/本部门 narrowing (scopeFilter). */
  owned: { ownerId?: string; departmentId?: string };
  /** Case types the caller may read. */
  types: string[];
  /** The period: [from, to) as timestamps, and today's date for overdue clocks. */
  from: string;
  to: string;
  today: string;
}

const typesArray = (a: StatsArea) => `{${a.types.join(',')}}`;

/** The area's conditions on a table aliased `x` with region_code, type-bearing case alias `c`, owner columns. */
function areaOf(a: StatsArea, x: string, owner: string, department: string): SQL {
  const parts: SQL[] = [
    sql`${sql.raw(x)}.region_code >= ${a.prefix} and ${sql.raw(x)}.region_code < ${a.prefix + 'z'}`,
  ];
  if (a.prefix.length >= 6) parts.push(sql`${sql.raw(x)}.county_code = ${a.prefix.slice(0, 6)}`);
  if (a.owned.ownerId) parts.push(sql`${sql.raw(owner)} = ${a.owned.ownerId}`);
  if (a.owned.departmentId) parts.push(sql`${sql.raw(department)} = ${a.owned.departmentId}`);
  return sql`${sql.join(parts, sql` and `)}${countyRoute(`${x}.county_code`)}`;
}

const caseArea = (a: StatsArea) =>
  sql`${areaOf(a, 'c', 'c.created_by', 'c.department_id')} and c.type = any(${typesArray(a)}::text[])`;

/** Cases filed in the period by type and current state, with their workers (a group counts its size). */
export async function casesByTypeState(tx: Executor, a: StatsArea) {
  return all<{ type: string; state: string; cases: number; workers: number; escalated: number }>(
    tx,
    sql`select c.type, c.state, count(*)::int as cases, sum(coalesce(c.group_size, 1))::int as workers,
        count(*) filter (where c.escalated_at is not null)::int as escalated
      from cases c
      where ${caseArea(a)} and c.created_at >= ${a.from}::timestamptz and c.created_at < ${a.to}::timestamptz
      group by 1, 2 order by 1, 2`,
  );
}

/** Cases closed in the period, by type (whenever they were filed). */
export async function closedByType(tx: Executor, a: StatsArea) {
  return all<{ type: string; cases: number }>(
    tx,
    sql`select c.type, count(*)::int as cases from cases c
      where ${caseArea(a)} and c.closed_at >= ${a.from}::timestamptz and c.closed_at < ${a.to}::timestamptz
      group by 1 order by 1`,
  );
}

/** Per child region: filed and closed in the period, open now, open with a clock overdue today. */
export async function byRegion(tx: Executor, a: StatsArea) {
  return all<{ code: string; filed: number; closed: number; open: number; overdue: number }>(
    tx,
    sql`select left(c.region_code, ${a.childLen}) as code,
        count(*) filter (where c.created_at >= ${a.from}::timestamptz and c.created_at < ${a.to}::timestamptz)::int
          as filed,
        count(*) filter (where c.closed_at >= ${a.from}::timestamptz and c.closed_at < ${a.to}::timestamptz)::int
          as closed,
        count(*) filter (where c.closed_at is null)::int as open,
        count(*) filter (where c.closed_at is null and exists (select 1 from case_clocks k
          where k.county_code = c.county_code and k.case_id = c.id and k.stopped_on is null
            and k.due_on < ${a.today}::date))::int as overdue
      from cases c where ${caseArea(a)}
        and (c.closed_at is null or c.created_at >= ${a.from}::timestamptz or c.closed_at >= ${a.from}::timestamptz)
      group by 1 order by 1`,
  );
}

/** A number field of a history entry's detail (the fields submitted with a transition), when it is a number. */
const detailNumber = (field: string) =>
  sql`case when jsonb_typeof(h.detail -> ${field}) = 'number' then (h.detail ->> ${field})::numeric end`;

/**
 * Transitions performed in the period by type and event: how many, on how many workers, the amounts ordered
 * (a field `amountFen`) and recovered (`recoveredFen`), and the workers of the transitions that recovered money.
 */
export async function transitions(tx: Executor, a: StatsArea) {
  return all<{
    type: string;
    event: string;
    n: number;
    amountFen: number;
    recoveredFen: number;
    workersHelped: number;
  }>(
    tx,
    sql`select c.type, h.event, count(*)::int as n,
        coalesce(sum(${detailNumber('amountFen')}), 0)::float8 as "amountFen",
        coalesce(sum(${detailNumber('recoveredFen')}), 0)::float8 as "recoveredFen",
        coalesce(sum(coalesce(c.group_size, 1)) filter (where ${detailNumber('recoveredFen')} > 0), 0)::int
          as "workersHelped"
      from case_history h join cases c on c.county_code = h.county_code and c.id = h.case_id
      where h.kind = 'transition' and h.at >= ${a.from}::timestamptz and h.at < ${a.to}::timestamptz
        and ${caseArea(a)} ${countyRoute('h.county_code')}
      group by 1, 2 order by 1, 2`,
  );
}

/**
 * The amount each case recorded as recovered (`recoveredFen` of its transitions) in the period, with its workers:
 * the input of the once-per-chain rule (caseStats.service.ts recoveredOncePerChain).
 */
export async function recoveries(tx: Executor, a: StatsArea) {
  return all<{ caseId: string; recoveredFen: number; workers: number }>(
    tx,
    sql`select h.case_id as "caseId", sum(${detailNumber('recoveredFen')})::float8 as "recoveredFen",
        max(coalesce(c.group_size, 1))::int as workers
      from case_history h join cases c on c.county_code = h.county_code and c.id = h.case_id
      where h.kind = 'transition' and ${detailNumber('recoveredFen')} > 0
        and h.at >= ${a.from}::timestamptz and h.at < ${a.to}::timestamptz
        and ${caseArea(a)} ${countyRoute('h.county_code')}
      group by h.case_id order by h.case_id`,
  );
}

/** The cases linked to these (both directions are stored), in the caller's scope. */
export async function linkedCases(tx: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return all<{ caseId: string; linkedId: string }>(
    tx,
    sql`select l.case_id as "caseId", l.linked_case_id as "linkedId" from case_links l
      where l.case_id = any(${`{${ids.join(',')}}`}::uuid[]) ${countyRoute('l.county_code')}`,
  );
}

/** Distinct employers named by the cases on which `event` was performed in the period (e.g. 责令支付). */
export async function employersOf(tx: Executor, a: StatsArea, event: string): Promise<number> {
  const row = await one<{ n: number }>(
    tx,
    sql`select count(distinct p ->> 'id')::int as n
      from case_history h join cases c on c.county_code = h.county_code and c.id = h.case_id
        cross join lateral jsonb_array_elements(c.parties) p
      where h.kind = 'transition' and h.event = ${event} and p ->> 'kind' = 'employer'
        and h.at >= ${a.from}::timestamptz and h.at < ${a.to}::timestamptz
        and ${caseArea(a)} ${countyRoute('h.county_code')}`,
  );
  return row?.n ?? 0;
}

/**
 * On-time rate per stage: clocks started in the period, by type and clock — stopped on or before their due day
 * (met), stopped after it (late), still running and overdue today, still running in time. A clock stopped while
 * suspended (no due day) counts as met.
 */
export async function clockTimeliness(tx: Executor, a: StatsArea) {
  return all<{ type: string; code: string; met: number; late: number; overdue: number; running: number }>(
    tx,
    sql`select c.type, k.code,
        count(*) filter (where k.stopped_on is not null and (k.due_on is null or k.stopped_on <= k.due_on))::int
          as met,
        count(*) filter (where k.stopped_on is not null and k.stopped_on > k.due_on)::int as late,
        count(*) filter (where k.stopped_on is null and k.due_on < ${a.today}::date)::int as overdue,
        count(*) filter (where k.stopped_on is null and (k.due_on is null or k.due_on >= ${a.today}::date))::int
          as running
      from case_clocks k join cases c on c.county_code = k.county_code and c.id = k.case_id
      where k.started_on >= ${a.from.slice(0, 10)}::date and k.started_on < ${a.to.slice(0, 10)}::date
        and ${caseArea(a)} ${countyRoute('k.county_code')}
      group by 1, 2 order by 1, 2`,
  );
}

/** Running clocks past their due day in the area (whenever filed), the longest overdue first. */
export async function overdueList(tx: Executor, a: StatsArea, limit: number) {
  return all<{
    caseId: string;
    type: string;
    state: string;
    title: string;
    regionCode: string;
    clock: string;
    dueOn: string;
    escalated: boolean;
  }>(
    tx,
    sql`select c.id as "caseId", c.type, c.state, c.title, c.region_code as "regionCode", k.code as clock,
        k.due_on::text as "dueOn", c.escalated_at is not null as escalated
      from case_clocks k join cases c on c.county_code = k.county_code and c.id = k.case_id
      where k.stopped_on is null and k.due_on < ${a.today}::date and c.closed_at is null
        and ${caseArea(a)} ${countyRoute('k.county_code')}
      order by k.due_on, c.id limit ${limit}`,
  );
}

/** The short names of regions by code (the platform's reference table). */
export async function regionNames(tx: Executor, codes: string[]) {
  if (codes.length === 0) return [];
  return all<{ code: string; name: string }>(
    tx,
    sql`select code, name from regions where code = any(${`{${codes.join(',')}}`}::text[])`,
  );
}
