import { sql } from 'drizzle-orm';
import { all, one, run, type Executor } from '../../db/client.js';

/**
 * SQL of the background re-projection (migration 0035): the durable job marker on the coordinator, and the
 * set-based rewrite of a batch of clock projections, one statement per county (Citus routes each to one shard).
 */
export interface ReprojectionJob {
  id: number;
  status: 'pending' | 'running' | 'done' | 'superseded';
  reason: string;
  requestedBy: string | null;
  requestedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  total: number;
  done: number;
  changed: number;
  cursorCounty: string | null;
  cursorId: string | null;
  missingYears: number[];
}

const JOB_COLUMNS = sql`id::int8 as id, status, reason, requested_by as "requestedBy", requested_at as "requestedAt",
  started_at as "startedAt", finished_at as "finishedAt", total, done, changed, cursor_county as "cursorCounty",
  cursor_id as "cursorId", missing_years as "missingYears"`;

/** Supersedes every unfinished job (a new calendar edit restarts the pass) and queues a new one. */
export async function requestJob(tx: Executor, reason: string, by: string | null, at: Date): Promise<number> {
  await run(
    tx,
    sql`update case_reprojection_jobs set status = 'superseded', finished_at = ${at}
      where status in ('pending', 'running')`,
  );
  const row = await one<{ id: number }>(
    tx,
    sql`insert into case_reprojection_jobs (reason, requested_by, requested_at) values (${reason}, ${by}, ${at})
      returning id::int8 as id`,
  );
  return Number(row!.id);
}

/** The newest unfinished job, locked for this batch's transaction (two workers take turns), or none. */
export async function lockOpenJob(tx: Executor): Promise<ReprojectionJob | undefined> {
  const row = await one<ReprojectionJob>(
    tx,
    sql`select ${JOB_COLUMNS} from case_reprojection_jobs where status in ('pending', 'running')
      order by id desc limit 1 for update`,
  );
  return row && { ...row, id: Number(row.id) };
}

export async function latestJob(tx: Executor): Promise<ReprojectionJob | undefined> {
  const row = await one<ReprojectionJob>(
    tx,
    sql`select ${JOB_COLUMNS} from case_reprojection_jobs order by id desc limit 1`,
  );
  return row && { ...row, id: Number(row.id) };
}

export async function startJob(tx: Executor, id: number, total: number, at: Date): Promise<void> {
  await run(
    tx,
    sql`update case_reprojection_jobs set status = 'running', started_at = ${at}, total = ${total} where id = ${id}`,
  );
}

/** Moves the job's cursor past a batch, with its counts, in the transaction that rewrote the batch. */
export async function advanceJob(
  tx: Executor,
  id: number,
  step: {
    cursor: { countyCode: string; id: string } | null;
    done: number;
    changed: number;
    missingYears: number[];
    finishedAt: Date | null;
  },
): Promise<void> {
  const cursor = step.cursor
    ? sql`, cursor_county = ${step.cursor.countyCode}, cursor_id = ${step.cursor.id}::uuid`
    : sql``;
  const finish = step.finishedAt ? sql`, status = 'done', finished_at = ${step.finishedAt}` : sql``;
  await run(
    tx,
    sql`update case_reprojection_jobs set done = done + ${step.done}, changed = changed + ${step.changed},
        missing_years = (select coalesce(array_agg(distinct y order by y), '{}')
          from unnest(missing_years || ${`{${step.missingYears.join(',')}}`}::int[]) y)
        ${cursor}${finish}
      where id = ${id}`,
  );
}

/** How many clocks are running (the job's total). */
export async function countRunningClocks(tx: Executor): Promise<number> {
  const row = await one<{ n: number }>(tx, sql`select count(*)::int as n from case_clocks where stopped_on is null`);
  return row?.n ?? 0;
}

/** The facts of a page of running clocks after a keyset cursor: budget and ledger, and the stored projection. */
export async function runningClockFacts(tx: Executor, after: { countyCode: string; id: string } | null, limit: number) {
  const cond = after ? sql`and (k.county_code, k.id) > (${after.countyCode}, ${after.id}::uuid)` : sql``;
  return all<{
    countyCode: string;
    id: string;
    unit: 'working' | 'calendar';
    budget: number;
    maxExtension: number;
    amberPercent: number;
    startedOn: string;
    stoppedOn: string | null;
    dueOn: string | null;
    amberOn: string | null;
    entries: { kind: 'suspend' | 'resume' | 'extend'; on: string; days?: number }[];
  }>(
    tx,
    sql`select k.county_code as "countyCode", k.id, k.unit, k.budget, k.max_extension as "maxExtension",
        k.amber_percent as "amberPercent", k.started_on::text as "startedOn", k.stopped_on::text as "stoppedOn",
        k.due_on::text as "dueOn", k.amber_on::text as "amberOn",
        coalesce((select json_agg(json_build_object('kind', e.kind, 'on', e.on_date::text, 'days', e.days)
          order by e.id) from case_clock_entries e where e.county_code = k.county_code and e.clock_id = k.id), '[]')
          as entries
      from case_clocks k where k.stopped_on is null ${cond}
      order by k.county_code, k.id limit ${limit}`,
  );
}

/**
 * Rewrites the projections of a county's clocks in one statement. Each row names the projection it was computed
 * from (`was`): a clock a concurrent transition re-projected meanwhile (with the new calendar) is left as it is.
 */
export async function setProjections(
  tx: Executor,
  countyCode: string,
  rows: { id: string; due: string | null; amber: string | null; wasDue: string | null; wasAmber: string | null }[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const r = await all<{ id: string }>(
    tx,
    sql`update case_clocks k set due_on = v.due, amber_on = v.amber
      from json_to_recordset(${JSON.stringify(rows)}::json)
        as v(id uuid, due date, amber date, "wasDue" date, "wasAmber" date)
      where k.county_code = ${countyCode} and k.id = v.id and k.stopped_on is null
        and k.due_on is not distinct from v."wasDue" and k.amber_on is not distinct from v."wasAmber"
      returning k.id`,
  );
  return r.length;
}
