import { sql, type SQL } from 'drizzle-orm';
import { countyCodeOf } from '@mwsp/domain';
import { all, onDistributedEngine, toPgArray, type Executor } from '../../db/client.js';
import { unnestRows } from '../../db/bulk.js';
import { countyRoute } from '../../db/routing.js';

/**
 * SQL of worker_counts (workers per residence, status, 本地/外出, 跨省, owner and department: the exact list
 * totals) and of the worker's scope columns copied onto its children (employments, worker_insurance,
 * insurance_transfers: migration 0019). No trigger keeps either: the registry's repos call these in the same
 * transaction as every insert and update of workers (and the bulk load recounts after its COPY).
 */

/** The columns worker_counts groups by, as a worker row has them. */
export interface CountedColumns {
  residenceRegionCode: string;
  status: string;
  migrantType: string;
  crossProvince: boolean;
  createdBy: string | null;
  departmentId: string | null;
}

/** SQL select list of the counted columns of `workers` (aliased as CountedColumns). */
export const COUNTED_RETURNING = sql`residence_region_code as "residenceRegionCode", status,
  migrant_type as "migrantType", cross_province as "crossProvince", created_by as "createdBy",
  department_id as "departmentId"`;

/**
 * Adds to each group the number of rows of `plus` minus those of `minus` in it (a changed row appears in both:
 * its old columns in `minus`, its new ones in `plus`). Groups are upserted in key order, so concurrent
 * writers lock them in the same order; groups whose change sums to zero are left alone.
 */
export async function adjustWorkerCounts(
  tx: Executor,
  plus: readonly CountedColumns[],
  minus: readonly CountedColumns[] = [],
): Promise<void> {
  const statement = workerCountsUpsert(plus, minus);
  if (statement) await tx.execute(statement);
}

/**
 * The statement of adjustWorkerCounts (null: nothing changes), for callers that run it as part of a larger one.
 * The groups travel as array parameters (db/bulk.ts) on PostgreSQL and PGlite, as a VALUES list on Citus.
 */
export function workerCountsUpsert(plus: readonly CountedColumns[], minus: readonly CountedColumns[] = []): SQL | null {
  const groups = new Map<string, CountedColumns & { d: number }>();
  const add = (rows: readonly CountedColumns[], d: number) => {
    for (const r of rows) {
      const k = [r.residenceRegionCode, r.status, r.migrantType, r.crossProvince, r.createdBy, r.departmentId].join(
        '|',
      );
      const g = groups.get(k);
      if (g) g.d += d;
      else groups.set(k, { ...r, d });
    }
  };
  add(plus, 1);
  add(minus, -1);
  const changed = [...groups.values()].filter((g) => g.d !== 0);
  if (changed.length === 0) return null;
  const source = onDistributedEngine()
    ? sql`(values ${sql.join(
        changed.map(
          (g) =>
            sql`(${countyCodeOf(g.residenceRegionCode)}::text, ${g.residenceRegionCode}::text, ${g.status}::text,
        ${g.migrantType}::text, ${g.crossProvince}::boolean,
        ${g.createdBy}::uuid, ${g.departmentId}::uuid, ${g.d}::int8)`,
        ),
        sql`, `,
      )}) v (cc, r, s, m, cp, cb, dep, n)`
    : unnestRows('v', [
        { name: 'cc', type: 'text', values: changed.map((g) => countyCodeOf(g.residenceRegionCode)) },
        { name: 'r', type: 'text', values: changed.map((g) => g.residenceRegionCode) },
        { name: 's', type: 'text', values: changed.map((g) => g.status) },
        { name: 'm', type: 'text', values: changed.map((g) => g.migrantType) },
        { name: 'cp', type: 'bool', values: changed.map((g) => g.crossProvince) },
        { name: 'cb', type: 'uuid', values: changed.map((g) => g.createdBy) },
        { name: 'dep', type: 'uuid', values: changed.map((g) => g.departmentId) },
        { name: 'n', type: 'int8', values: changed.map((g) => g.d) },
      ]);
  return sql`insert into worker_counts as c
      (county_code, residence_region_code, status, migrant_type, cross_province, created_by, department_id, n)
    select * from ${source}
    order by cc collate "C", r collate "C", s, m, cp, cb, dep
    on conflict on constraint worker_counts_key do update set n = c.n + excluded.n`;
}

export interface LockedWorker extends CountedColumns {
  id: string;
  countyCode: string;
  idBidx: string;
  version: number;
}

/**
 * The counted columns of these workers, locked for the caller's update (what its count change starts from).
 * Found first, then locked county by county in (county, id) order: a row lock names its shard (Citus runs
 * FOR UPDATE on one shard only), and concurrent writers lock in the same order.
 */
export async function lockCounted(tx: Executor, ids: readonly string[]): Promise<LockedWorker[]> {
  if (ids.length === 0) return [];
  const idArray = `{${ids.join(',')}}`;
  const found = await all<{ county: string }>(
    tx,
    sql`select distinct county_code as county from workers where id = any(${idArray}::uuid[])
      ${countyRoute('county_code')}`,
  );
  const out: LockedWorker[] = [];
  for (const county of found.map((f) => f.county).sort())
    out.push(
      ...(await all<LockedWorker>(
        tx,
        sql`select id, county_code as "countyCode", id_bidx as "idBidx", version, ${COUNTED_RETURNING} from workers
          where county_code = ${county} and id = any(${idArray}::uuid[]) order by id for update`,
      )),
    );
  return out;
}

/**
 * Recounts the groups of these residence regions from the table (after a bulk COPY by the owner, which no
 * repo call accompanies). Runs as the owner: sees every group.
 */
export async function recountWorkerGroups(owner: Executor, residenceCodes: readonly string[]): Promise<void> {
  if (residenceCodes.length === 0) return;
  await owner.execute(sql`insert into worker_counts as c
      (county_code, residence_region_code, status, migrant_type, cross_province, created_by, department_id, n)
    select county_code, residence_region_code, status, migrant_type, cross_province, created_by, department_id,
      count(*)
    from workers where residence_region_code = any(${toPgArray([...new Set(residenceCodes)])}::text[])
    group by 1, 2, 3, 4, 5, 6, 7 order by 1, 2, 3, 4, 5, 6, 7
    on conflict on constraint worker_counts_key do update set n = excluded.n`);
}

/** What 本人/本部门 and the region test look at on a worker's children: the worker's own scope columns. */
export interface WorkerScope {
  regionCode: string;
  ownerId: string | null;
  departmentId: string | null;
}

/** The scope columns of a worker row (as read under RLS by the service). */
export function scopeOfWorker(w: {
  residenceRegionCode: string;
  createdBy: string | null;
  departmentId: string | null;
}): WorkerScope {
  return { regionCode: w.residenceRegionCode, ownerId: w.createdBy, departmentId: w.departmentId };
}

/** Gives a worker's children (employments, insurance, transfers) the worker's current scope columns. */
export async function moveChildScope(tx: Executor, workerId: string, w: WorkerScope): Promise<void> {
  const set = sql`worker_region_code = ${w.regionCode}, owner_id = ${w.ownerId}::uuid,
    owner_department_id = ${w.departmentId}::uuid`;
  const where = sql`county_code = ${countyCodeOf(w.regionCode)} and worker_id = ${workerId}::uuid
    and (worker_region_code, owner_id, owner_department_id)
    is distinct from (${w.regionCode}::text, ${w.ownerId}::uuid, ${w.departmentId}::uuid)`;
  await tx.execute(sql`update employments set ${set} where ${where}`);
  await tx.execute(sql`update worker_insurance set ${set} where ${where}`);
  await tx.execute(sql`update insurance_transfers set ${set} where ${where}`);
}

// ---------------------------------------------------------------- rows that move to another county
type MovedTable = 'workers' | 'employments' | 'worker_insurance' | 'insurance_transfers';

/**
 * Copies the rows of `table` matching `where` under the county `toCounty`, with `set` replacing some columns
 * (values as JSON); rows that would break `conflictConstraint` there are skipped. Returns the ids copied.
 *
 * Each row travels whole — every column, whatever the table holds tomorrow — as JSON read here and written
 * back with `jsonb_populate_record` in a VALUES list: an INSERT … SELECT between two counties' shards is
 * planned by Citus as a COPY through the coordinator, which row-level security refuses to the application role.
 */
export async function copyRows(
  tx: Executor,
  table: MovedTable,
  where: SQL,
  toCounty: string,
  set: Readonly<Record<string, string | null>> = {},
  conflictConstraint?: string,
): Promise<string[]> {
  const rows = await all<{ r: Record<string, unknown> }>(
    tx,
    sql`select to_jsonb(x) as r from ${sql.raw(table)} x where ${where}`,
  );
  if (rows.length === 0) return [];
  const values = rows.map(({ r }) => {
    const row = typeof r === 'string' ? (JSON.parse(r) as Record<string, unknown>) : r;
    const json = JSON.stringify({ ...row, ...set, county_code: toCounty });
    return sql`((jsonb_populate_record(null::${sql.raw(table)}, ${json}::jsonb)).*)`;
  });
  const out = await all<{ id: string }>(
    tx,
    sql`insert into ${sql.raw(table)} values ${sql.join(values, sql`, `)}
      ${conflictConstraint ? sql`on conflict on constraint ${sql.raw(conflictConstraint)} do nothing` : sql``}
      ${table === 'worker_insurance' ? sql`` : sql`returning id`}`,
  );
  return out.map((r) => r.id);
}

/**
 * Moves a worker and its children from county `from` to county `to` (a change of residence across counties),
 * as they are: the caller then updates the moved row. The county is the distribution column, which Citus does
 * not let an UPDATE change: the rows are copied under the new county and removed from the old.
 */
export async function moveWorkerCounty(tx: Executor, id: string, from: string, to: string): Promise<void> {
  await copyRows(tx, 'workers', sql`county_code = ${from} and id = ${id}::uuid`, to);
  const ofWorker = sql`county_code = ${from} and worker_id = ${id}::uuid`;
  for (const table of ['employments', 'worker_insurance', 'insurance_transfers'] as const) {
    await copyRows(tx, table, ofWorker, to);
    await tx.execute(sql`delete from ${sql.raw(table)} where ${ofWorker}`);
  }
  await tx.execute(sql`delete from workers where county_code = ${from} and id = ${id}::uuid`);
}

/**
 * Re-writes a worker's entry in the national look-up after its ID number, residence or owner changed. The blind
 * index is that table's distribution column: the entry is removed and inserted again, never updated.
 */
export async function syncWorkerKey(
  tx: Executor,
  oldIdBidx: string,
  w: CountedColumns & { id: string; idBidx: string },
): Promise<void> {
  await tx.execute(sql`delete from worker_ids where id_bidx = ${oldIdBidx}`);
  await tx.execute(sql`insert into worker_ids (id_bidx, county_code, region_code, worker_id, owner_id,
      owner_department_id)
    values (${w.idBidx}, ${countyCodeOf(w.residenceRegionCode)}, ${w.residenceRegionCode}, ${w.id}::uuid,
      ${w.createdBy}::uuid, ${w.departmentId}::uuid)`);
}
