import { sql } from 'drizzle-orm';
import { all, one, run, type Executor } from '../../db/client.js';

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface JobRow {
  id: string;
  kind: string;
  filename: string;
  filePath: string | null;
  fileSha256: string;
  fileBytes: number;
  format: 'xlsx' | 'csv';
  encoding: string | null;
  status: JobStatus;
  totalRows: number | null;
  processedRows: number;
  okRows: number;
  errorRows: number;
  createdRows: number;
  updatedRows: number;
  unchangedRows: number;
  storedErrors: number;
  message: string | null;
  createdBy: string;
  createdByName: string;
  regionScope: string;
  departmentId: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  params: Record<string, string>;
  /** Starts without progress (see migration 0010). */
  attempts: number;
}

const COLUMNS = sql`id, kind, filename, file_path as "filePath", file_sha256 as "fileSha256",
  file_bytes::float8 as "fileBytes", format, encoding, status,
  total_rows as "totalRows", processed_rows as "processedRows", ok_rows as "okRows", error_rows as "errorRows",
  created_rows as "createdRows", updated_rows as "updatedRows", unchanged_rows as "unchangedRows",
  stored_errors as "storedErrors", message, created_by as "createdBy",
  created_by_name as "createdByName", region_scope as "regionScope", department_id as "departmentId",
  created_at as "createdAt",
  started_at as "startedAt", finished_at as "finishedAt", params, attempts`;

export async function insertJob(
  tx: Executor,
  j: {
    id: string;
    kind: string;
    filename: string;
    filePath: string;
    sha: string;
    bytes: number;
    format: string;
    encoding: string | null;
    createdBy: string;
    createdByName: string;
    regionScope: string;
    departmentId: string | null;
    now: Date;
    params: Record<string, string>;
  },
): Promise<JobRow> {
  const rows = await all<JobRow>(
    tx,
    sql`insert into import_jobs (id, kind, filename, file_path, file_sha256, file_bytes, format, encoding, status,
      created_by, created_by_name, region_scope, department_id, created_at, updated_at, params)
    values (${j.id}, ${j.kind}, ${j.filename}, ${j.filePath}, ${j.sha}, ${j.bytes}, ${j.format}, ${j.encoding},
      'queued',
      ${j.createdBy}, ${j.createdByName}, ${j.regionScope}, ${j.departmentId},
      ${j.now.toISOString()}::timestamptz, ${j.now.toISOString()}::timestamptz, ${JSON.stringify(j.params)}::jsonb)
    returning ${COLUMNS}`,
  );
  return rows[0];
}

export async function findJob(tx: Executor, id: string): Promise<JobRow | undefined> {
  return one<JobRow>(tx, sql`select ${COLUMNS} from import_jobs where id = ${id}`);
}

export interface JobFilter {
  kinds: string[];
  createdBy?: string;
  departmentId?: string | null;
  status?: JobStatus;
  kind?: string;
  page: number;
  pageSize: number;
}

export async function listJobs(tx: Executor, f: JobFilter): Promise<{ items: JobRow[]; total: number }> {
  if (f.kinds.length === 0) return { items: [], total: 0 };
  const conds = [
    sql`kind in (${sql.join(
      f.kinds.map((k) => sql`${k}`),
      sql`, `,
    )})`,
  ];
  if (f.createdBy) conds.push(sql`created_by = ${f.createdBy}`);
  if (f.departmentId !== undefined)
    conds.push(f.departmentId === null ? sql`department_id is null` : sql`department_id = ${f.departmentId}`);
  if (f.status) conds.push(sql`status = ${f.status}`);
  if (f.kind) conds.push(sql`kind = ${f.kind}`);
  const where = sql.join(conds, sql` and `);
  const items = await all<JobRow>(
    tx,
    sql`select ${COLUMNS} from import_jobs where ${where}
    order by created_at desc, id limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize}`,
  );
  const total = await one<{ n: number }>(tx, sql`select count(*)::int as n from import_jobs where ${where}`);
  return { items, total: total?.n ?? 0 };
}

export async function jobsToResume(tx: Executor): Promise<{ id: string }[]> {
  return all(tx, sql`select id from import_jobs where status in ('queued', 'running') order by created_at, id`);
}

/**
 * Marks a job running and counts the start; returns the attempts so far (this one included), or null if it cannot run.
 */
export async function markRunning(tx: Executor, id: string, now: Date): Promise<number | null> {
  const r = await one<{ attempts: number }>(
    tx,
    sql`update import_jobs set status = 'running', started_at = coalesce(started_at, ${now.toISOString()}::timestamptz),
    attempts = attempts + 1, updated_at = ${now.toISOString()}::timestamptz
    where id = ${id} and status in ('queued', 'running') returning attempts`,
  );
  return r?.attempts ?? null;
}

/** A start that ended by an orderly stop (shutdown) is not held against the job. */
export async function forgiveAttempt(tx: Executor, id: string): Promise<void> {
  await tx.execute(sql`update import_jobs set attempts = greatest(attempts - 1, 0) where id = ${id}`);
}

export async function setTotal(tx: Executor, id: string, total: number, now: Date): Promise<void> {
  await tx.execute(
    sql`update import_jobs set total_rows = ${total}, updated_at = ${now.toISOString()}::timestamptz where id = ${id}`,
  );
}

export interface BatchDelta {
  processedRows: number;
  ok: number;
  errors: number;
  created: number;
  updated: number;
  unchanged: number;
  stored: number;
}

/**
 * Advances the job past one committed batch. Conditional on the cursor the batch started from, so a
 * second runner of the same job (another instance, a resumed duplicate) changes nothing: 0 rows.
 */
export async function advance(
  tx: Executor,
  id: string,
  fromProcessed: number,
  d: BatchDelta,
  now: Date,
): Promise<number> {
  return run(
    tx,
    sql`update import_jobs set processed_rows = ${d.processedRows}, ok_rows = ok_rows + ${d.ok},
      error_rows = error_rows + ${d.errors}, created_rows = created_rows + ${d.created},
      updated_rows = updated_rows + ${d.updated}, unchanged_rows = unchanged_rows + ${d.unchanged},
      stored_errors = stored_errors + ${d.stored}, attempts = least(attempts, 1),
      updated_at = ${now.toISOString()}::timestamptz
    where id = ${id} and status = 'running' and processed_rows = ${fromProcessed}`,
  );
}

export async function finishJob(
  tx: Executor,
  id: string,
  f: { status: 'done' | 'failed'; message: string; totalRows?: number | null; now: Date; dropFile: boolean },
): Promise<JobRow | undefined> {
  return one<JobRow>(
    tx,
    sql`update import_jobs set status = ${f.status}, message = ${f.message},
      total_rows = coalesce(${f.totalRows ?? null}::int, total_rows),
      file_path = case when ${f.dropFile} then null else file_path end,
      finished_at = ${f.now.toISOString()}::timestamptz, updated_at = ${f.now.toISOString()}::timestamptz
    where id = ${id} and status in ('queued', 'running') returning ${COLUMNS}`,
  );
}

export async function requeue(tx: Executor, id: string, now: Date): Promise<number> {
  return run(
    tx,
    sql`update import_jobs set status = 'queued', message = null, finished_at = null,
      updated_at = ${now.toISOString()}::timestamptz
    where id = ${id} and status = 'failed' and file_path is not null`,
  );
}

/**
 * The job's scope columns, which its error rows and keys carry (migration 0020): their row-level security
 * tests these on the row itself. Always taken from the job row the service read, never from the caller.
 */
export type JobScope = Pick<JobRow, 'id' | 'regionScope' | 'createdBy' | 'departmentId'>;

export async function insertRowErrors(
  tx: Executor,
  job: JobScope,
  rows: { rowNo: number; cells: Record<string, string>; rawEnc: string }[],
): Promise<void> {
  if (rows.length === 0) return;
  const values = rows.map(
    (r) =>
      sql`(${job.id}, ${r.rowNo}, ${JSON.stringify(r.cells)}::jsonb, ${r.rawEnc}, ${job.regionScope},
        ${job.createdBy}::uuid, ${job.departmentId}::uuid)`,
  );
  await tx.execute(sql`insert into import_row_errors (import_id, row_no, cells, raw_enc, region_scope, owner_id,
      owner_department_id)
    values ${sql.join(values, sql`, `)}
    on conflict (import_id, row_no) do nothing`);
}

/** Row numbers of a job's stored error rows up to `upTo` (a resumed job's key index skips their keys). */
export async function errorRowNos(tx: Executor, importId: string, upTo: number): Promise<Set<number>> {
  const rows = await all<{ n: number }>(
    tx,
    sql`select row_no as n from import_row_errors where import_id = ${importId} and row_no <= ${upTo}`,
  );
  return new Set(rows.map((r) => r.n));
}

export async function rowErrorsPage(
  tx: Executor,
  importId: string,
  afterRowNo: number,
  limit: number,
): Promise<{ rowNo: number; cells: Record<string, string>; rawEnc: string }[]> {
  return all(
    tx,
    sql`select row_no as "rowNo", cells, raw_enc as "rawEnc" from import_row_errors
    where import_id = ${importId} and row_no > ${afterRowNo} order by row_no limit ${limit}`,
  );
}

/** One page of a job's error rows (row order) and how many are stored. */
export async function rowErrorsList(
  tx: Executor,
  importId: string,
  page: number,
  pageSize: number,
): Promise<{ items: { rowNo: number; cells: Record<string, string> }[]; total: number }> {
  const items = await all<{ rowNo: number; cells: Record<string, string> }>(
    tx,
    sql`select row_no as "rowNo", cells from import_row_errors
    where import_id = ${importId} order by row_no limit ${pageSize} offset ${(page - 1) * pageSize}`,
  );
  const total = await one<{ n: number }>(
    tx,
    sql`select count(*)::int as n from import_row_errors where import_id = ${importId}`,
  );
  return { items, total: total?.n ?? 0 };
}

// A batch that a data error (class 22/23) aborts is retried row by row; savepoints keep the
// transaction usable in between.
export async function savepoint(tx: Executor, name: 'imp_batch' | 'imp_row'): Promise<void> {
  await tx.execute(sql.raw(`savepoint ${name}`));
}
export async function releaseSavepoint(tx: Executor, name: 'imp_batch' | 'imp_row'): Promise<void> {
  await tx.execute(sql.raw(`release savepoint ${name}`));
}
export async function rollbackToSavepoint(tx: Executor, name: 'imp_batch' | 'imp_row'): Promise<void> {
  await tx.execute(sql.raw(`rollback to savepoint ${name}`));
}

/**
 * Keys of a job that ran before in-file duplicates were found in memory (keyIndex.ts): nothing writes import_keys
 * any more; a job from before that upgrade still clears its own when it ends.
 */
export async function forgetKeys(tx: Executor, importId: string): Promise<void> {
  await tx.execute(sql`delete from import_keys where import_id = ${importId}::uuid`);
}
