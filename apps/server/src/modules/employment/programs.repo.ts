import { sql, type SQL } from 'drizzle-orm';
import { all, one, type Executor } from '../../db/client.js';
import { countyRoute, scopeCounty } from '../../db/routing.js';

/**
 * SQL shared by the programme repos (campaigns, surveys, cooperation, startup, consulting): the list filter every
 * programme table answers the same way, and the region tree (a platform reference table, readable by any module).
 */

/** What a programme list is narrowed by: the caller's region and data scope, a region, a text search. */
export interface ListFilter {
  /** The caller's region prefix ('' for 全部). */
  scopeRegion: string;
  ownerId?: string;
  departmentId?: string;
  regionCode?: string;
  q?: string;
  /** Columns the text search looks in (of the table aliased `t`): set by each repo. */
  qColumns?: SQL[];
  /** Extra conditions, each `and …`. */
  extra?: SQL[];
  /**
   * Rows of the caller's ancestor regions (city or county, not province) are listed too, whatever their owner or
   * department (a city campaign is read by the counties and townships under the city: campaigns only).
   */
  ancestors?: boolean;
  page: number;
  pageSize: number;
}

const escapeLike = (v: string) => v.replace(/[\\%_]/g, (c) => `\\${c}`);

/** `where …` of a programme table aliased `t` (its county routed when the scope is one county). */
export function listWhere(f: ListFilter): SQL {
  if (f.ancestors && f.scopeRegion) return ancestorListWhere(f);
  const parts: SQL[] = [sql`where true`, countyRoute('t.county_code')];
  if (f.scopeRegion) parts.push(sql` and t.region_code like ${escapeLike(f.scopeRegion) + '%'}`);
  if (f.regionCode) parts.push(sql` and t.region_code like ${escapeLike(f.regionCode) + '%'}`);
  if (f.ownerId) parts.push(sql` and t.created_by = ${f.ownerId}::uuid`);
  if (f.departmentId) parts.push(sql` and t.department_id = ${f.departmentId}::uuid`);
  return withSearch(parts, f);
}

/**
 * The caller's own rows (in its region, narrowed by owner/department) or a row of an ancestor region (city or
 * county level). Routing: the county's shard and its city's (a city-level row hashes on the city code).
 */
function ancestorListWhere(f: ListFilter): SQL {
  const own: SQL[] = [sql`t.region_code like ${escapeLike(f.scopeRegion) + '%'}`];
  if (f.ownerId) own.push(sql` and t.created_by = ${f.ownerId}::uuid`);
  if (f.departmentId) own.push(sql` and t.department_id = ${f.departmentId}::uuid`);
  const parts: SQL[] = [
    sql`where true`,
    ancestorRoute('t.county_code'),
    sql` and ((${sql.join(own, sql``)}) or (${ancestorOf(sql`t.region_code`, f.scopeRegion)}))`,
  ];
  if (f.regionCode) parts.push(sql` and t.region_code like ${escapeLike(f.regionCode) + '%'}`);
  return withSearch(parts, f);
}

/** `<column>` is a city- or county-level ancestor of `scope` (its strict prefix, 4 or 6 digits). */
export function ancestorOf(column: SQL, scope: string): SQL {
  const codes = [4, 6].filter((n) => n < scope.length).map((n) => scope.slice(0, n));
  if (codes.length === 0) return sql`false`;
  return sql`${column} = any(${`{${codes.join(',')}}`}::text[])`;
}

/**
 * `and <column> in (<county>, <its city>)` when the scope is one county (else nothing): the shards a county
 * caller's own rows and its city's city-level rows live on.
 */
export function ancestorRoute(column: string): SQL {
  const county = scopeCounty();
  if (county === null) return sql``;
  return sql` and ${sql.raw(column)} = any(${`{${county},${county.slice(0, 4)}}`}::text[])`;
}

function withSearch(parts: SQL[], f: ListFilter): SQL {
  if (f.q && f.qColumns?.length) {
    const pattern = `%${escapeLike(f.q)}%`;
    parts.push(
      sql` and (${sql.join(
        f.qColumns.map((c) => sql`${c} ilike ${pattern}`),
        sql` or `,
      )})`,
    );
  }
  for (const e of f.extra ?? []) parts.push(e);
  return sql.join(parts, sql``);
}

export const paging = (f: { page: number; pageSize: number }) =>
  sql` limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize}`;

/** The columns every programme row answers with (table aliased `t`, regions aliased `r`). */
export const OWNED_COLUMNS = sql`t.id, t.region_code as "regionCode",
  coalesce(r.full_name, t.region_code) as "regionName",
  t.created_at as "createdAt", t.created_by as "ownerId", t.department_id as "departmentId"`;

/** A region of the tree, with its level, when it exists. */
export async function region(
  tx: Executor,
  code: string,
): Promise<{ code: string; name: string; level: number } | undefined> {
  return one(tx, sql`select code, full_name as name, level from regions where code = ${code}`);
}

/** Full names of many regions (the region tree is a reference table). */
export async function regionNames(tx: Executor, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await all<{ code: string; name: string }>(
    tx,
    sql`select code, full_name as name from regions where code = any(${`{${codes.join(',')}}`}::text[])`,
  );
  return new Map(rows.map((r) => [r.code, r.name]));
}

/** The counties of the city (and the city itself), for results by region. */
export async function countiesOf(tx: Executor, cityCode: string): Promise<{ code: string; name: string }[]> {
  return all(
    tx,
    sql`select code, name from regions where (parent_code = ${cityCode} and level = 3) or code = ${cityCode}
      order by code`,
  );
}
