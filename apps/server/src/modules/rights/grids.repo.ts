import { sql, type SQL } from 'drizzle-orm';
import { all, one, run, type Executor } from '../../db/client.js';
import { countyRoute } from '../../db/routing.js';

/** SQL of grids (网格) and inspection activities (巡查、专项检查、书面审查). Runs in the caller's transaction. */

export interface GridRow {
  countyCode: string;
  id: string;
  name: string;
  regionCode: string;
  regionName: string | null;
  inspectorIds: string[];
  note: string | null;
  ownerId: string | null;
  departmentId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const GRID_COLUMNS = sql`g.county_code as "countyCode", g.id, g.name, g.region_code as "regionCode",
  r.full_name as "regionName", g.inspector_ids as "inspectorIds", g.note, g.created_by as "ownerId",
  g.department_id as "departmentId", g.created_at as "createdAt", g.updated_at as "updatedAt"`;
const GRID_FROM = sql`grids g left join regions r on r.code = g.region_code`;

const uuidArray = (ids: readonly string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;

/** Inserts a grid; undefined when its name is taken in the county. */
export async function insertGrid(
  tx: Executor,
  g: {
    countyCode: string;
    name: string;
    regionCode: string;
    inspectorIds: string[];
    note: string | null;
    ownerId: string | null;
    departmentId: string | null;
    at: Date;
  },
): Promise<string | undefined> {
  const row = await one<{ id: string }>(
    tx,
    sql`insert into grids (county_code, name, region_code, inspector_ids, note, created_by, department_id,
        created_at, updated_at)
      values (${g.countyCode}, ${g.name}, ${g.regionCode}, ${uuidArray(g.inspectorIds)}, ${g.note}, ${g.ownerId},
        ${g.departmentId}, ${g.at}, ${g.at})
      on conflict (county_code, name) do nothing
      returning id`,
  );
  return row?.id;
}

export async function findGrid(tx: Executor, id: string, county?: string): Promise<GridRow | undefined> {
  const where = county
    ? sql`g.county_code = ${county} and g.id = ${id}`
    : sql`g.id = ${id}${countyRoute('g.county_code')}`;
  return one<GridRow>(tx, sql`select ${GRID_COLUMNS} from ${GRID_FROM} where ${where}`);
}

export async function listGrids(
  tx: Executor,
  f: {
    q?: string;
    regionCode?: string;
    owned: { ownerId?: string; departmentId?: string };
    page: number;
    pageSize: number;
  },
): Promise<{ rows: GridRow[]; total: number }> {
  const conds: SQL[] = [sql`true`];
  if (f.q) conds.push(sql`g.name ilike ${`%${f.q.replace(/[%_\\]/g, '\\$&')}%`}`);
  if (f.regionCode) conds.push(sql`g.region_code >= ${f.regionCode} and g.region_code < ${f.regionCode + 'z'}`);
  if (f.regionCode && f.regionCode.length >= 6) conds.push(sql`g.county_code = ${f.regionCode.slice(0, 6)}`);
  if (f.owned.ownerId) conds.push(sql`g.created_by = ${f.owned.ownerId}`);
  if (f.owned.departmentId) conds.push(sql`g.department_id = ${f.owned.departmentId}`);
  const rows = await all<GridRow & { total: number }>(
    tx,
    sql`select ${GRID_COLUMNS}, count(*) over ()::int as total from ${GRID_FROM}
      where ${sql.join(conds, sql` and `)}${countyRoute('g.county_code')}
      order by g.region_code, g.name, g.id
      limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize}`,
  );
  return { rows, total: rows[0]?.total ?? 0 };
}

/** Updates a grid; false when the new name is taken by another grid of the county. */
export async function updateGrid(
  tx: Executor,
  g: { countyCode: string; id: string; name: string; inspectorIds: string[]; note: string | null; at: Date },
): Promise<boolean> {
  const taken = await one(
    tx,
    sql`select 1 as x from grids where county_code = ${g.countyCode} and name = ${g.name} and id <> ${g.id}`,
  );
  if (taken) return false;
  await run(
    tx,
    sql`update grids set name = ${g.name}, inspector_ids = ${uuidArray(g.inspectorIds)}, note = ${g.note},
        updated_at = ${g.at}
      where county_code = ${g.countyCode} and id = ${g.id}`,
  );
  return true;
}

/** How many inspection activities name the grid (a grid with patrols on record is not deleted). */
export async function activitiesOfGrid(tx: Executor, countyCode: string, id: string): Promise<number> {
  const row = await one<{ n: number }>(
    tx,
    sql`select count(*)::int as n from inspection_activities where county_code = ${countyCode} and grid_id = ${id}`,
  );
  return row?.n ?? 0;
}

export async function deleteGrid(tx: Executor, countyCode: string, id: string): Promise<void> {
  await run(tx, sql`delete from grids where county_code = ${countyCode} and id = ${id}`);
}

export async function regionExists(tx: Executor, code: string): Promise<boolean> {
  return (await one(tx, sql`select 1 as x from regions where code = ${code}`)) !== undefined;
}

// ---------------------------------------------------------------- inspection activities

export interface ReviewedEmployer {
  employerId: string | null;
  name: string;
  submitted: boolean;
  findings: string | null;
}

export interface ActivityRow {
  countyCode: string;
  id: string;
  kind: 'patrol' | 'campaign' | 'review';
  title: string;
  gridId: string | null;
  gridName: string | null;
  regionCode: string;
  regionName: string | null;
  startsOn: string;
  endsOn: string | null;
  inspectorIds: string[];
  employers: ReviewedEmployer[];
  findings: string | null;
  status: 'open' | 'done';
  ownerId: string | null;
  departmentId: string | null;
  createdAt: Date;
}

const ACTIVITY_COLUMNS = sql`a.county_code as "countyCode", a.id, a.kind, a.title, a.grid_id as "gridId",
  g.name as "gridName", a.region_code as "regionCode", r.full_name as "regionName",
  to_char(a.starts_on, 'YYYY-MM-DD') as "startsOn", to_char(a.ends_on, 'YYYY-MM-DD') as "endsOn",
  a.inspector_ids as "inspectorIds", a.employers, a.findings, a.status, a.created_by as "ownerId",
  a.department_id as "departmentId", a.created_at as "createdAt"`;
// The grid lies in the activity's county (a patrol's grid is of its county): the join pairs county_code.
const ACTIVITY_FROM = sql`inspection_activities a
  left join grids g on g.county_code = a.county_code and g.id = a.grid_id
  left join regions r on r.code = a.region_code`;

export async function insertActivity(
  tx: Executor,
  a: {
    countyCode: string;
    kind: string;
    title: string;
    gridId: string | null;
    regionCode: string;
    startsOn: string;
    endsOn: string | null;
    inspectorIds: string[];
    employers: ReviewedEmployer[];
    findings: string | null;
    ownerId: string | null;
    departmentId: string | null;
    at: Date;
  },
): Promise<string> {
  const row = await one<{ id: string }>(
    tx,
    sql`insert into inspection_activities (county_code, kind, title, grid_id, region_code, starts_on, ends_on,
        inspector_ids, employers, findings, created_by, department_id, created_at, updated_at)
      values (${a.countyCode}, ${a.kind}, ${a.title}, ${a.gridId}, ${a.regionCode}, ${a.startsOn}, ${a.endsOn},
        ${uuidArray(a.inspectorIds)}, ${JSON.stringify(a.employers)}::jsonb, ${a.findings}, ${a.ownerId},
        ${a.departmentId}, ${a.at}, ${a.at})
      returning id`,
  );
  return row!.id;
}

export async function findActivity(tx: Executor, id: string, county?: string): Promise<ActivityRow | undefined> {
  const where = county
    ? sql`a.county_code = ${county} and a.id = ${id}`
    : sql`a.id = ${id}${countyRoute('a.county_code')}`;
  return one<ActivityRow>(tx, sql`select ${ACTIVITY_COLUMNS} from ${ACTIVITY_FROM} where ${where}`);
}

export async function listActivities(
  tx: Executor,
  f: {
    kind?: string;
    gridId?: string;
    owned: { ownerId?: string; departmentId?: string };
    page: number;
    pageSize: number;
  },
): Promise<{ rows: ActivityRow[]; total: number }> {
  const conds: SQL[] = [sql`true`];
  if (f.kind) conds.push(sql`a.kind = ${f.kind}`);
  if (f.gridId) conds.push(sql`a.grid_id = ${f.gridId}`);
  if (f.owned.ownerId) conds.push(sql`a.created_by = ${f.owned.ownerId}`);
  if (f.owned.departmentId) conds.push(sql`a.department_id = ${f.owned.departmentId}`);
  const rows = await all<ActivityRow & { total: number }>(
    tx,
    sql`select ${ACTIVITY_COLUMNS}, count(*) over ()::int as total from ${ACTIVITY_FROM}
      where ${sql.join(conds, sql` and `)}${countyRoute('a.county_code')}
      order by a.starts_on desc, a.created_at desc, a.id
      limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize}`,
  );
  return { rows, total: rows[0]?.total ?? 0 };
}

export async function updateActivity(
  tx: Executor,
  a: {
    countyCode: string;
    id: string;
    employers?: ReviewedEmployer[];
    findings?: string | null;
    status?: 'open' | 'done';
    at: Date;
  },
): Promise<void> {
  const parts: SQL[] = [sql`updated_at = ${a.at}`];
  if (a.employers !== undefined) parts.push(sql`employers = ${JSON.stringify(a.employers)}::jsonb`);
  if (a.findings !== undefined) parts.push(sql`findings = ${a.findings}`);
  if (a.status !== undefined) parts.push(sql`status = ${a.status}`);
  await run(
    tx,
    sql`update inspection_activities set ${sql.join(parts, sql`, `)}
      where county_code = ${a.countyCode} and id = ${a.id}`,
  );
}
