import { sql, type SQL } from 'drizzle-orm';
import { all, one, run, type Executor } from '../../db/client.js';
import { countyRoute } from '../../db/routing.js';
import type { EmployerSize } from '@mwsp/domain';

/** SQL of the employers (用工单位). Runs in the caller's scoped transaction. */

export interface EmployerRow {
  id: string;
  creditCode: string;
  creditCodeValid: boolean;
  name: string;
  legalRep: string | null;
  industry: string;
  size: EmployerSize;
  regionCode: string;
  regionName: string | null;
  address: string | null;
  contactName: string | null;
  contactPhoneMasked: string | null;
  contactPhoneEnc: string | null;
  workerCount: number;
  signedCount: number;
  createdAt: Date;
  /** Owner (the registering user) and department: what 本人/本部门 scopes test for edits. */
  createdBy: string | null;
  departmentId: string | null;
}

const EMPLOYER_SELECT = sql`m.id, m.credit_code as "creditCode", m.credit_code_valid as "creditCodeValid", m.name,
  m.legal_rep as "legalRep", m.industry, m.size,
  m.region_code as "regionCode", r.full_name as "regionName", m.address, m.contact_name as "contactName",
  m.contact_phone_masked as "contactPhoneMasked", m.contact_phone_enc as "contactPhoneEnc",
  m.created_at as "createdAt", m.created_by as "createdBy", m.department_id as "departmentId"`;

const EMPLOYER_FROM = sql`employers m left join regions r on r.code = m.region_code`;

/**
 * The employers' active employments and signed contracts, counted through the employments the caller can see
 * (row-level security), in a statement of their own: the register is national (a reference table on Citus),
 * the employments live with their workers' counties, and Citus does not join a per-row subquery across them.
 */
async function withCounts(tx: Executor, rows: Omit<EmployerRow, 'workerCount' | 'signedCount'>[]) {
  if (rows.length === 0) return [];
  const counts = await all<{ id: string; n: number; signed: number }>(
    tx,
    sql`select employer_id as id, count(*)::int as n, (count(*) filter (where contract_signed))::int as signed
      from employments where status = 'active' and employer_id = any(${`{${rows.map((r) => r.id).join(',')}}`}::uuid[])
      ${countyRoute('county_code')} group by employer_id`,
  );
  const byId = new Map(counts.map((c) => [c.id, c]));
  return rows.map((r) => ({ ...r, workerCount: byId.get(r.id)?.n ?? 0, signedCount: byId.get(r.id)?.signed ?? 0 }));
}

export interface EmployerColumns {
  creditCode: string;
  creditCodeValid: boolean;
  name: string;
  legalRep: string | null;
  industry: string;
  size: string;
  regionCode: string;
  address: string | null;
  contactName: string | null;
  contactPhoneEnc: string | null;
  contactPhoneMasked: string | null;
}

export async function insertEmployer(
  tx: Executor,
  c: EmployerColumns,
  createdBy: string | null,
  departmentId: string | null = null,
): Promise<string> {
  return (await one<{ id: string }>(
    tx,
    sql`insert into employers (credit_code, credit_code_valid, name, legal_rep, industry, size, region_code, address,
      contact_name, contact_phone_enc, contact_phone_masked, created_by, department_id)
    values (${c.creditCode}, ${c.creditCodeValid}, ${c.name}, ${c.legalRep}, ${c.industry}, ${c.size}, ${c.regionCode},
    ${c.address}, ${c.contactName}, ${c.contactPhoneEnc}, ${c.contactPhoneMasked}, ${createdBy}::uuid,
    ${departmentId}::uuid) returning id`,
  ))!.id;
}

export async function updateEmployer(tx: Executor, id: string, c: EmployerColumns): Promise<number> {
  return run(
    tx,
    sql`update employers set credit_code = ${c.creditCode}, credit_code_valid = ${c.creditCodeValid}, name = ${c.name},
      legal_rep = ${c.legalRep}, industry = ${c.industry},
    size = ${c.size}, region_code = ${c.regionCode}, address = ${c.address}, contact_name = ${c.contactName},
    contact_phone_enc = ${c.contactPhoneEnc},
    contact_phone_masked = ${c.contactPhoneMasked}, updated_at = now() where id = ${id}::uuid`,
  );
}

export async function findEmployer(tx: Executor, id: string): Promise<EmployerRow | undefined> {
  const row = await one<Omit<EmployerRow, 'workerCount' | 'signedCount'>>(
    tx,
    sql`select ${EMPLOYER_SELECT} from ${EMPLOYER_FROM} where m.id = ${id}::uuid`,
  );
  return row && (await withCounts(tx, [row]))[0];
}

export async function findEmployerIdByCreditCode(tx: Executor, code: string): Promise<string | undefined> {
  return (await one<{ id: string }>(tx, sql`select id from employers where credit_code = ${code}`))?.id;
}

export async function listEmployers(
  tx: Executor,
  f: { q?: string; creditCode?: string; regionCode?: string; industry?: string; page: number; pageSize: number },
): Promise<{ items: EmployerRow[]; total: number }> {
  const c: SQL[] = [sql`true`];
  if (f.q) c.push(sql`m.name like ${'%' + f.q.replace(/[%_\\]/g, '\\$&') + '%'}`);
  if (f.creditCode) c.push(sql`m.credit_code = ${f.creditCode}`);
  if (f.regionCode) c.push(sql`m.region_code >= ${f.regionCode} and m.region_code < ${f.regionCode + 'z'}`);
  if (f.industry) c.push(sql`m.industry = ${f.industry}`);
  const where = sql.join(c, sql` and `);
  const items = await withCounts(
    tx,
    await all<Omit<EmployerRow, 'workerCount' | 'signedCount'>>(
      tx,
      sql`select ${EMPLOYER_SELECT} from ${EMPLOYER_FROM} where ${where} order by m.name, m.id
        limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize}`,
    ),
  );
  const total = (await one<{ n: number }>(tx, sql`select count(*)::int as n from employers m where ${where}`))?.n ?? 0;
  return { items, total };
}

export async function employerRegions(tx: Executor): Promise<{ id: string; regionCode: string }[]> {
  return all(tx, sql`select id, region_code as "regionCode" from employers order by credit_code`);
}
