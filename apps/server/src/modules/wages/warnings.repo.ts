import { sql } from 'drizzle-orm';
import { one, type Executor } from '../../db/client.js';

/** SQL of the warnings' disposal workflow. */

/** Departments are platform reference data (like regions): read only. */
export async function departmentExists(tx: Executor, code: string): Promise<boolean> {
  return !!(await one(tx, sql`select 1 from departments where code = ${code}`));
}

export async function assign(tx: Executor, id: string, a: { assigneeId: string | null; assigneeName: string | null; departmentCode: string | null }): Promise<void> {
  await tx.execute(sql`update warnings set status = 'assigned', assignee_id = coalesce(${a.assigneeId}::uuid, assignee_id), assignee_name = coalesce(${a.assigneeName}, assignee_name),
    department_code = coalesce(${a.departmentCode}, department_code), updated_at = now() where id = ${id}`);
}
