import { sql, type SQL } from 'drizzle-orm';
import { all, one, type Executor } from '../../db/client.js';
import { countyRoute } from '../../db/routing.js';
import { workerFrom, workerJoins, WORKER_SELECT, type WorkerRow } from './registry.repo.js';

/** SQL of the worker search: the list with its filters, sorts and capped totals, and the export's batches. */

export interface WorkerFilter {
  q?: string;
  /** Match the name anywhere (slow path: a scan of the caller's scope), not only at its start. */
  qContains?: boolean;
  idBidx?: string;
  phoneBidx?: string;
  regionCode?: string;
  employerId?: string;
  industry?: string;
  migrantType?: string;
  crossProvince?: boolean;
  status?: string;
  /** The caller's 本人/本部门 scope (the service sets them from the principal; RLS applies them again). */
  ownerId?: string;
  departmentId?: string;
  sort: 'name' | '-name' | 'createdAt' | '-createdAt';
  page: number;
  pageSize: number;
}

function workerWhere(f: Omit<WorkerFilter, 'sort' | 'page' | 'pageSize'>): SQL {
  // w is workers or worker_counts: both carry county_code (the list's shard for a one-county scope)
  const c: SQL[] = [sql`true ${countyRoute('w.county_code')}`];
  if (f.q && f.qContains) {
    c.push(sql`w.name like ${'%' + f.q.replace(/[%_\\]/g, '\\$&') + '%'}`);
  } else if (f.q) {
    // A prefix as a range: leakproof operators, so the (name, residence) index serves it under RLS.
    c.push(sql`w.name >= ${f.q} and w.name < ${f.q + '\u{10FFFF}'}`);
  }
  if (f.idBidx) c.push(sql`w.id_bidx = ${f.idBidx}`);
  if (f.phoneBidx) c.push(sql`w.phone_bidx = ${f.phoneBidx}`);
  if (f.regionCode)
    c.push(sql`w.residence_region_code >= ${f.regionCode} and w.residence_region_code < ${f.regionCode + 'z'}`);
  if (f.employerId)
    c.push(
      sql`exists (select 1 from employments x where x.county_code = w.county_code and x.worker_id = w.id
        and x.employer_id = ${f.employerId}::uuid
        and x.status = 'active')`,
    );
  if (f.industry)
    c.push(
      sql`exists (select 1 from employments x join employers y on y.id = x.employer_id
        where x.county_code = w.county_code and x.worker_id = w.id
        and x.status = 'active' and y.industry = ${f.industry})`,
    );
  if (f.migrantType) c.push(sql`w.migrant_type = ${f.migrantType}`);
  if (f.crossProvince !== undefined) c.push(sql`w.cross_province = ${f.crossProvince}`);
  if (f.ownerId) c.push(sql`w.created_by = ${f.ownerId}::uuid`);
  if (f.departmentId) c.push(sql`w.department_id = ${f.departmentId}::uuid`);
  c.push(sql`w.status = ${f.status ?? 'active'}`);
  return sql.join(c, sql` and `);
}

// Both directions of each sort are one index read forwards or backwards (workers_status_name,
// workers_status_created; migration 0011).
const SORTS: Record<WorkerFilter['sort'], SQL> = {
  name: sql`w.name, w.id`,
  '-name': sql`w.name desc, w.id desc`,
  createdAt: sql`w.created_at, w.id`,
  '-createdAt': sql`w.created_at desc, w.id desc`,
};

const MATCH_CAP = 10_000;

const SORTS_ON_MATCHES: Record<WorkerFilter['sort'], SQL> = {
  name: sql`m.name, m.id`,
  '-name': sql`m.name desc, m.id desc`,
  createdAt: sql`m.created_at, m.id`,
  '-createdAt': sql`m.created_at desc, m.id desc`,
};

/** Whether the total of a filter can be summed from worker_counts (only its grouping columns are filtered). */
function countable(f: Omit<WorkerFilter, 'sort' | 'page' | 'pageSize'>): boolean {
  return !f.q && !f.idBidx && !f.phoneBidx && !f.employerId && !f.industry;
}

/**
 * Exact number of workers matching a countable filter: a sum over the groups of worker_counts (kept by the
 * registry's repo, workerCounts.repo.ts; row-level security applies the caller's scope to it exactly as to workers).
 */
export async function countWorkersExact(
  tx: Executor,
  f: Omit<WorkerFilter, 'sort' | 'page' | 'pageSize'>,
): Promise<number> {
  const row = await one<{ n: string | number }>(
    tx,
    sql`select coalesce(sum(w.n), 0)::int8 as n from worker_counts w where ${workerWhere(f)}`,
  );
  return Number(row?.n ?? 0);
}

/**
 * A page of workers. The total is exact: summed from worker_counts for the filters it groups by,
 * otherwise counted, and then only up to 10,000 matches (`totalCapped` says "more than", never a
 * silent cap). The page's ids are chosen first from one index (sort and policy both served by it),
 * and only those 20 rows are joined to regions and their current employment. A selective search
 * (name, ID number, phone, employer) first collects its matches through the indexes, then sorts and
 * pages them: otherwise the planner, tempted by LIMIT, may walk a whole county in date order looking
 * for 20 names.
 */
export async function listWorkers(
  tx: Executor,
  f: WorkerFilter,
): Promise<{ items: WorkerRow[]; total: number; totalCapped: boolean }> {
  const where = workerWhere(f);
  if (f.q || f.idBidx || f.phoneBidx || f.employerId) {
    const rows = await all<WorkerRow & { matchCount: number }>(
      tx,
      sql`with m as materialized (select w.county_code, w.id, w.name, w.created_at from workers w where ${where}
        limit ${MATCH_CAP + 1}),
        pg as (select m.county_code, m.id from m order by ${SORTS_ON_MATCHES[f.sort]}
        limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize})
      select ${WORKER_SELECT}, (select count(*) from m)::int as "matchCount" from pg
      join workers w on w.county_code = pg.county_code and w.id = pg.id ${workerJoins()}
      where true ${countyRoute('w.county_code')} order by ${SORTS[f.sort]}`,
    );
    const matches =
      rows[0]?.matchCount ??
      (
        await one<{ n: number }>(
          tx,
          sql`select count(*)::int as n from (select 1 from workers w where ${where} limit ${MATCH_CAP + 1}) x`,
        )
      )?.n ??
      0;
    // e.g. the middle of a long minority name
    if (matches === 0 && f.q && !f.qContains && [...f.q].length >= 2) return listWorkers(tx, { ...f, qContains: true });
    if (matches <= MATCH_CAP)
      return { items: rows.map(({ matchCount: _m, ...r }) => r as WorkerRow), total: matches, totalCapped: false };
    // A broad search (e.g. one surname city-wide): page through the ordered index instead; its count
    // is already known to exceed the cap.
    const items = await all<WorkerRow>(
      tx,
      sql`with pg as materialized (select w.county_code, w.id from workers w where ${where} order by ${SORTS[f.sort]}
        limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize})
      select ${WORKER_SELECT} from pg join workers w on w.county_code = pg.county_code and w.id = pg.id ${workerJoins()}
      where true ${countyRoute('w.county_code')} order by ${SORTS[f.sort]}`,
    );
    return { items, total: MATCH_CAP, totalCapped: true };
  }
  const items = await all<WorkerRow>(
    tx,
    sql`with pg as materialized (select w.county_code, w.id from workers w where ${where} order by ${SORTS[f.sort]}
      limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize})
    select ${WORKER_SELECT} from pg join workers w on w.county_code = pg.county_code and w.id = pg.id ${workerJoins()}
      where true ${countyRoute('w.county_code')} order by ${SORTS[f.sort]}`,
  );
  if (countable(f)) return { items, total: await countWorkersExact(tx, f), totalCapped: false };
  const n =
    (
      await one<{ n: number }>(
        tx,
        sql`select count(*)::int as n from (select 1 from workers w where ${where} limit ${MATCH_CAP + 1}) x`,
      )
    )?.n ?? 0;
  return { items, total: Math.min(n, MATCH_CAP), totalCapped: n > MATCH_CAP };
}

/** Streams the rows of a filtered list in pages (exports), in the list's order when one is given. */
/** Ids of the matching workers in the list's order (default: by id), at most `limit`: an export's snapshot. */
export async function matchingWorkerIds(
  tx: Executor,
  f: Omit<WorkerFilter, 'sort' | 'page' | 'pageSize'> & { sort?: WorkerFilter['sort'] },
  limit: number,
): Promise<string[]> {
  const rows = await all<{ id: string }>(
    tx,
    sql`select w.id from workers w where ${workerWhere(f)} order by ${f.sort ? SORTS[f.sort] : sql`w.id`}
      limit ${limit}`,
  );
  return rows.map((r) => r.id);
}

/** Full rows of the given workers, in the order of `ids` (ids no longer visible are left out). */
export async function workersByIds(tx: Executor, ids: string[]): Promise<WorkerRow[]> {
  if (ids.length === 0) return [];
  const rows = await all<WorkerRow>(
    tx,
    sql`select ${WORKER_SELECT} from ${workerFrom()} where w.id = any(${`{${ids.join(',')}}`}::uuid[])
      ${countyRoute('w.county_code')}`,
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
