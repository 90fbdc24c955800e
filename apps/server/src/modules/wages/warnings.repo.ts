import { sql } from 'drizzle-orm';
import { all, one, type Executor } from '../../db/client.js';

/** SQL of the warnings' disposal workflow. */

/** Departments are platform reference data (like regions): read only. */
export async function departmentExists(tx: Executor, code: string): Promise<boolean> {
  return !!(await one(tx, sql`select 1 from departments where code = ${code}`));
}

/** A department's name by its code, undefined when there is none. */
export async function departmentName(tx: Executor, code: string): Promise<string | undefined> {
  return (await one<{ name: string }>(tx, sql`select name from departments where code = ${code}`))?.name;
}

export async function departmentNames(tx: Executor): Promise<Map<string, string>> {
  return new Map(
    (await all<{ code: string; name: string }>(tx, sql`select code, name from departments`)).map((d) => [
      d.code,
      d.name,
    ]),
  );
}

export async function assign(
  tx: Executor,
  id: string,
  a: { assigneeId: string | null; assigneeName: string | null; departmentCode: string | null },
): Promise<void> {
  await tx.execute(sql`update warnings set status = 'assigned', assignee_id = coalesce(${a.assigneeId}::uuid, assignee_id), assignee_name = coalesce(${a.assigneeName}, assignee_name),
    department_code = coalesce(${a.departmentCode}, department_code), updated_at = now() where id = ${id}`);
}

/** Ids, regions, owners and departments of the projects the transaction's scope (row-level security) lets through. */
export async function projectsInScope(
  tx: Executor,
): Promise<{ id: string; regionCode: string; ownerId: string | null; departmentId: string | null }[]> {
  return all(
    tx,
    sql`select id, region_code as "regionCode", created_by as "ownerId", department_id as "departmentId" from projects order by id`,
  );
}

export async function readSetting<T>(tx: Executor, key: string): Promise<T | undefined> {
  return (await one<{ value: T }>(tx, sql`select value from settings where key = ${key}`))?.value;
}

export async function writeSetting(tx: Executor, key: string, value: unknown): Promise<void> {
  await tx.execute(
    sql`insert into settings (key, value) values (${key}, ${JSON.stringify(value)}::jsonb) on conflict (key) do update set value = excluded.value, updated_at = now()`,
  );
}

/** The region tree is platform reference data: a region's code, full name and level. */
export async function regionByCode(
  tx: Executor,
  code: string,
): Promise<{ code: string; name: string; level: number } | undefined> {
  return one<{ code: string; name: string; level: number }>(
    tx,
    sql`select code, full_name as name, level from regions where code = ${code}`,
  );
}

/**
 * The city (prefecture, level 2) holding the projects, else the first province: where an account without a region
 * starts.
 */
export async function topRegionOfProjects(
  tx: Executor,
): Promise<{ code: string; name: string; level: number } | undefined> {
  return (
    (await one<{ code: string; name: string; level: number }>(
      tx,
      sql`select code, full_name as name, level from regions where code = (select left(min(region_code), 4) from projects)`,
    )) ??
    one<{ code: string; name: string; level: number }>(
      tx,
      sql`select code, full_name as name, level from regions order by level, code limit 1`,
    )
  );
}
