import { sql, type SQL } from 'drizzle-orm';
import type { DepartmentKind } from '@mwsp/domain';
import { all, one, toPgArray, type Executor } from '../../db/client.js';
import { principalChanged } from '../access/principal.js';

export interface RegionRow {
  code: string;
  name: string;
  level: number;
  parentCode: string | null;
  fullName: string;
  hasChildren: boolean;
}

const REGION_COLUMNS = sql`r.code, r.name, r.level, r.parent_code as "parentCode", r.full_name as "fullName",
  exists(select 1 from regions c where c.parent_code = r.code) as "hasChildren"`;

export async function regionChildren(tx: Executor, parent: string | null): Promise<RegionRow[]> {
  const where = parent === null ? sql`r.parent_code is null` : sql`r.parent_code = ${parent}`;
  return all<RegionRow>(tx, sql`select ${REGION_COLUMNS} from regions r where ${where} order by r.code`);
}

export async function regionCodesAtLevel(tx: Executor, level: number): Promise<string[]> {
  return (await all<{ code: string }>(tx, sql`select code from regions where level = ${level} order by code`)).map(
    (r) => r.code,
  );
}

export async function regionByCode(tx: Executor, code: string): Promise<RegionRow | undefined> {
  return one<RegionRow>(tx, sql`select ${REGION_COLUMNS} from regions r where r.code = ${code}`);
}

export async function regionAncestors(tx: Executor, code: string): Promise<RegionRow[]> {
  return all<RegionRow>(
    tx,
    sql`with recursive up as (
      select code, parent_code, 0 as depth from regions where code = ${code}
      union all select p.code, p.parent_code, up.depth + 1 from regions p join up on p.code = up.parent_code)
    select ${REGION_COLUMNS} from up join regions r on r.code = up.code where up.depth > 0 order by up.depth desc`,
  );
}

/** Name search; the deployment's own city first, then shorter (higher-level) codes. */
export async function searchRegions(tx: Executor, q: string, preferPrefix: string, limit = 50): Promise<RegionRow[]> {
  const like = `%${q.replace(/[%_\\]/g, '\\$&')}%`;
  return all<RegionRow>(
    tx,
    sql`select ${REGION_COLUMNS} from regions r where r.name like ${like} or r.full_name like ${like}
    order by (r.code like ${preferPrefix + '%'}) desc, r.level, r.code limit ${limit}`,
  );
}

/** Counties, townships and villages of the deployment's city (the 四级 below the city itself). */
export async function countRegionsByLevel(tx: Executor, cityCode: string): Promise<{ level: number; count: number }[]> {
  return all(
    tx,
    sql`select level, count(*)::int as count from regions
      where level >= 3 and code >= ${cityCode} and code < ${cityCode + 'z'} group by level order by level`,
  );
}

export async function regionCount(tx: Executor): Promise<number> {
  return (await one<{ n: number }>(tx, sql`select count(*)::int as n from regions`))?.n ?? 0;
}

export async function insertRegions(
  tx: Executor,
  rows: { code: string; name: string; level: number; parentCode: string | null; fullName: string }[],
): Promise<void> {
  if (rows.length === 0) return;
  const values = sql.join(
    rows.map((r) => sql`(${r.code}, ${r.name}, ${r.level}, ${r.parentCode}, ${r.fullName})`),
    sql`, `,
  );
  await tx.execute(
    sql`insert into regions (code, name, level, parent_code, full_name) values ${values} on conflict (code) do nothing`,
  );
}

/** Township centres (乡镇驻地, degrees): inserted, or replaced when the region has one already. */
export async function upsertRegionCentres(
  tx: Executor,
  rows: { code: string; lat: number; lon: number }[],
  source: 'synthetic' | 'import',
): Promise<void> {
  if (rows.length === 0) return;
  const values = sql.join(
    rows.map((r) => sql`(${r.code}, ${r.lat}::float8, ${r.lon}::float8, ${source})`),
    sql`, `,
  );
  await tx.execute(
    sql`insert into region_centres (code, lat, lon, source) values ${values}
      on conflict (code) do update set lat = excluded.lat, lon = excluded.lon, source = excluded.source`,
  );
}

/** The codes of the given regions that exist in the tree. */
export async function existingRegionCodes(tx: Executor, codes: string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await all<{ code: string }>(
    tx,
    sql`select code from regions where code = any(${toPgArray(codes)}::text[])`,
  );
  return new Set(rows.map((r) => r.code));
}

/**
 * The whole tree (every county of China, the city's townships and villages: a few thousand rows), for name resolution.
 */
export async function allRegions(
  tx: Executor,
): Promise<{ code: string; name: string; level: number; parentCode: string | null; fullName: string }[]> {
  return all(tx, sql`select code, name, level, parent_code as "parentCode", full_name as "fullName" from regions`);
}

export async function regionFullNames(tx: Executor, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await all<{ code: string; fullName: string }>(
    tx,
    sql`select code, full_name as "fullName" from regions where code in (${sql.join(
      codes.map((c) => sql`${c}`),
      sql`, `,
    )})`,
  );
  return new Map(rows.map((r) => [r.code, r.fullName]));
}

export interface DepartmentRow {
  id: string;
  code: string;
  name: string;
  shortName: string;
  kind: DepartmentKind;
  regionCode: string;
  modules: string[];
  active: boolean;
  sort: number;
  note: string | null;
  /** Names the department had before a reform (原名), e.g. the policy document's. */
  formerNames: string[];
}
const DEPT_COLUMNS = sql`id, code, name, short_name as "shortName", kind, region_code as "regionCode", modules, active,
  sort, note, former_names as "formerNames"`;

export async function listDepartments(tx: Executor, f: { q?: string; active?: boolean }): Promise<DepartmentRow[]> {
  const conds: SQL[] = [sql`true`];
  if (f.q) {
    const like = `%${f.q.replace(/[%_\\]/g, '\\$&')}%`;
    // A former name finds the successor (searching 工商局 finds 市场监督管理局).
    conds.push(
      sql`(name like ${like} or short_name like ${like} or code like ${like}
        or exists (select 1 from unnest(former_names) f where f like ${like}))`,
    );
  }
  if (f.active !== undefined) conds.push(sql`active = ${f.active}`);
  return all<DepartmentRow>(
    tx,
    sql`select ${DEPT_COLUMNS} from departments where ${sql.join(conds, sql` and `)} order by sort, code`,
  );
}

export async function findDepartment(tx: Executor, id: string): Promise<DepartmentRow | undefined> {
  return one<DepartmentRow>(tx, sql`select ${DEPT_COLUMNS} from departments where id = ${id}`);
}

export async function findDepartmentByCode(tx: Executor, code: string): Promise<DepartmentRow | undefined> {
  return one<DepartmentRow>(tx, sql`select ${DEPT_COLUMNS} from departments where code = ${code}`);
}

export async function insertDepartment(
  tx: Executor,
  d: Omit<DepartmentRow, 'id' | 'formerNames'> & { formerNames?: string[] },
): Promise<string> {
  return (
    (
      await one<{ id: string }>(
        tx,
        sql`insert into departments (code, name, short_name, kind, region_code, modules, active, sort, note,
      former_names)
    values (${d.code}, ${d.name}, ${d.shortName}, ${d.kind}, ${d.regionCode}, ${toPgArray(d.modules)}::text[],
      ${d.active}, ${d.sort}, ${d.note}, ${toPgArray(d.formerNames ?? [])}::text[])
    on conflict (code) do nothing returning id`,
      )
    )?.id ?? ''
  );
}

export async function updateDepartment(
  tx: Executor,
  id: string,
  d: Partial<Omit<DepartmentRow, 'id' | 'code'>>,
): Promise<void> {
  const sets: SQL[] = [sql`updated_at = now()`];
  if (d.name !== undefined) sets.push(sql`name = ${d.name}`);
  if (d.shortName !== undefined) sets.push(sql`short_name = ${d.shortName}`);
  if (d.kind !== undefined) sets.push(sql`kind = ${d.kind}`);
  if (d.regionCode !== undefined) sets.push(sql`region_code = ${d.regionCode}`);
  if (d.modules !== undefined) sets.push(sql`modules = ${toPgArray(d.modules)}::text[]`);
  if (d.active !== undefined) sets.push(sql`active = ${d.active}`);
  if (d.sort !== undefined) sets.push(sql`sort = ${d.sort}`);
  if (d.note !== undefined) sets.push(sql`note = ${d.note}`);
  if (d.formerNames !== undefined) sets.push(sql`former_names = ${toPgArray(d.formerNames)}::text[]`);
  await tx.execute(sql`update departments set ${sql.join(sets, sql`, `)} where id = ${id}`);
  principalChanged('*'); // a department's name is part of its members' principal
}

export async function departmentCount(tx: Executor): Promise<number> {
  return (await one<{ n: number }>(tx, sql`select count(*)::int as n from departments where active`))?.n ?? 0;
}

/** Department names by code (all departments when `codes` is omitted). */
export async function departmentNamesByCode(tx: Executor, codes?: string[]): Promise<Map<string, string>> {
  if (codes && codes.length === 0) return new Map();
  const where = codes
    ? sql`where code in (${sql.join(
        [...new Set(codes)].map((c) => sql`${c}`),
        sql`, `,
      )})`
    : sql``;
  const rows = await all<{ code: string; name: string }>(tx, sql`select code, name from departments ${where}`);
  return new Map(rows.map((d) => [d.code, d.name]));
}
