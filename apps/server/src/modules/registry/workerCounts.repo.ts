import { sql } from 'drizzle-orm';
import { all, toPgArray, type Executor } from '../../db/client.js';

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
  const groups = new Map<string, CountedColumns & { d: number }>();
  const add = (rows: readonly CountedColumns[], d: number) => {
    for (const r of rows) {
      const k = JSON.stringify([
        r.residenceRegionCode,
        r.status,
        r.migrantType,
        r.crossProvince,
        r.createdBy,
        r.departmentId,
      ]);
      const g = groups.get(k);
      if (g) g.d += d;
      else groups.set(k, { ...r, d });
    }
  };
  add(plus, 1);
  add(minus, -1);
  const values = [...groups.values()]
    .filter((g) => g.d !== 0)
    .map(
      (g) =>
        sql`(${g.residenceRegionCode}::text, ${g.status}::text, ${g.migrantType}::text, ${g.crossProvince}::boolean,
        ${g.createdBy}::uuid, ${g.departmentId}::uuid, ${g.d}::int8)`,
    );
  if (values.length === 0) return;
  await tx.execute(sql`insert into worker_counts as c
      (residence_region_code, status, migrant_type, cross_province, created_by, department_id, n)
    select * from (values ${sql.join(values, sql`, `)}) v (r, s, m, cp, cb, dep, n)
    order by r collate "C", s, m, cp, cb, dep
    on conflict on constraint worker_counts_key do update set n = c.n + excluded.n`);
}

/** The counted columns of these workers, locked for the caller's update (what its count change starts from). */
export async function lockCounted(tx: Executor, ids: readonly string[]): Promise<(CountedColumns & { id: string })[]> {
  if (ids.length === 0) return [];
  return all(
    tx,
    sql`select id, ${COUNTED_RETURNING} from workers where id = any(${`{${ids.join(',')}}`}::uuid[])
      order by id for update`,
  );
}

/**
 * Recounts the groups of these residence regions from the table (after a bulk COPY by the owner, which no
 * repo call accompanies). Runs as the owner: sees every group.
 */
export async function recountWorkerGroups(owner: Executor, residenceCodes: readonly string[]): Promise<void> {
  if (residenceCodes.length === 0) return;
  await owner.execute(sql`insert into worker_counts as c
      (residence_region_code, status, migrant_type, cross_province, created_by, department_id, n)
    select residence_region_code, status, migrant_type, cross_province, created_by, department_id, count(*)
    from workers where residence_region_code = any(${toPgArray([...new Set(residenceCodes)])}::text[])
    group by 1, 2, 3, 4, 5, 6 order by 1, 2, 3, 4, 5, 6
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
  const where = sql`worker_id = ${workerId}::uuid and (worker_region_code, owner_id, owner_department_id)
    is distinct from (${w.regionCode}::text, ${w.ownerId}::uuid, ${w.departmentId}::uuid)`;
  await tx.execute(sql`update employments set ${set} where ${where}`);
  await tx.execute(sql`update worker_insurance set ${set} where ${where}`);
  await tx.execute(sql`update insurance_transfers set ${set} where ${where}`);
}
