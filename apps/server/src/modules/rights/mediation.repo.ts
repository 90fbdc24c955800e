import { sql, type SQL } from 'drizzle-orm';
import { all, one, run, type Executor } from '../../db/client.js';
import { countyRoute } from '../../db/routing.js';

/**
 * SQL of mediation organisations (调解组织) and of the applicants of directly filed mediation and arbitration
 * applications (dispute_applicants). Runs in the caller's transaction, under its row-level security.
 */

export interface MediationOrgRow {
  id: string;
  countyCode: string;
  kind: string;
  name: string;
  regionCode: string;
  regionName: string | null;
  contact: string | null;
  mediators: string[];
  active: boolean;
  createdBy: string | null;
  departmentId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const ORG_COLUMNS = sql`o.id, o.county_code as "countyCode", o.kind, o.name, o.region_code as "regionCode",
  r.name as "regionName", o.contact, o.mediators, o.active, o.created_by as "createdBy",
  o.department_id as "departmentId", o.created_at as "createdAt", o.updated_at as "updatedAt"`;
const ORG_FROM = sql`from mediation_orgs o left join regions r on r.code = o.region_code`;

/** Inserts an organisation; undefined when the county already has one of that name. */
export async function insertOrg(
  tx: Executor,
  o: {
    countyCode: string;
    kind: string;
    name: string;
    regionCode: string;
    contact: string | null;
    mediators: string[];
    createdBy: string | null;
    departmentId: string | null;
  },
): Promise<string | undefined> {
  const row = await one<{ id: string }>(
    tx,
    sql`insert into mediation_orgs (county_code, kind, name, region_code, contact, mediators, created_by, department_id)
      values (${o.countyCode}, ${o.kind}, ${o.name}, ${o.regionCode}, ${o.contact},
        ${JSON.stringify(o.mediators)}::jsonb, ${o.createdBy}, ${o.departmentId})
      on conflict (county_code, name) do nothing
      returning id`,
  );
  return row?.id;
}

export async function findOrg(tx: Executor, id: string, county?: string): Promise<MediationOrgRow | undefined> {
  const where = county
    ? sql`o.county_code = ${county} and o.id = ${id}`
    : sql`o.id = ${id}${countyRoute('o.county_code')}`;
  return one<MediationOrgRow>(tx, sql`select ${ORG_COLUMNS} ${ORG_FROM} where ${where}`);
}

/** Whether another organisation of the county has this name. */
export async function nameTaken(tx: Executor, countyCode: string, name: string, exceptId: string): Promise<boolean> {
  return (
    (await one(
      tx,
      sql`select 1 as x from mediation_orgs where county_code = ${countyCode} and name = ${name} and id <> ${exceptId}`,
    )) !== undefined
  );
}

export async function updateOrg(
  tx: Executor,
  o: MediationOrgRow,
  patch: { kind: string; name: string; contact: string | null; mediators: string[]; active: boolean; at: Date },
): Promise<void> {
  await run(
    tx,
    sql`update mediation_orgs set kind = ${patch.kind}, name = ${patch.name}, contact = ${patch.contact},
        mediators = ${JSON.stringify(patch.mediators)}::jsonb, active = ${patch.active}, updated_at = ${patch.at}
      where county_code = ${o.countyCode} and id = ${o.id}`,
  );
}

export async function listOrgs(
  tx: Executor,
  f: {
    q?: string;
    kind?: string;
    regionCode?: string;
    active?: boolean;
    owned: { ownerId?: string; departmentId?: string };
    page: number;
    pageSize: number;
  },
): Promise<{ rows: MediationOrgRow[]; total: number }> {
  const conds: SQL[] = [sql`true`];
  if (f.q) conds.push(sql`o.name like ${'%' + f.q.replace(/[\\%_]/g, (c) => '\\' + c) + '%'}`);
  if (f.kind) conds.push(sql`o.kind = ${f.kind}`);
  if (f.active !== undefined) conds.push(sql`o.active = ${f.active}`);
  if (f.regionCode) conds.push(sql`o.region_code >= ${f.regionCode} and o.region_code < ${f.regionCode + 'z'}`);
  if (f.regionCode && f.regionCode.length >= 6) conds.push(sql`o.county_code = ${f.regionCode.slice(0, 6)}`);
  if (f.owned.ownerId) conds.push(sql`o.created_by = ${f.owned.ownerId}`);
  if (f.owned.departmentId) conds.push(sql`o.department_id = ${f.owned.departmentId}`);
  const rows = await all<MediationOrgRow & { total: number }>(
    tx,
    sql`select ${ORG_COLUMNS}, count(*) over ()::int as total ${ORG_FROM}
      where ${sql.join(conds, sql` and `)}${countyRoute('o.county_code')}
      order by o.active desc, o.region_code, o.name, o.id
      limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize}`,
  );
  return { rows, total: rows[0]?.total ?? 0 };
}

export interface ApplicantInsert {
  countyCode: string;
  caseId: string;
  kind: 'mediation' | 'arbitration';
  applicantNameEnc: string;
  phoneEnc: string | null;
  workerId: string | null;
  migrantWorker: boolean;
  employerId: string | null;
  employerName: string;
  orgId: string | null;
  claims: { kind: string; amountFen: number | null; description: string }[];
  claimedFen: number;
  at: Date;
  regionCode: string;
  ownerId: string | null;
  departmentId: string | null;
}

export async function insertApplicant(tx: Executor, a: ApplicantInsert): Promise<void> {
  await run(
    tx,
    sql`insert into dispute_applicants (county_code, case_id, kind, applicant_name_enc, phone_enc, worker_id,
        migrant_worker, employer_id, employer_name, org_id, claims, claimed_fen, filed_at, region_code, owner_id,
        owner_department_id)
      values (${a.countyCode}, ${a.caseId}, ${a.kind}, ${a.applicantNameEnc}, ${a.phoneEnc}, ${a.workerId},
        ${a.migrantWorker}, ${a.employerId}, ${a.employerName}, ${a.orgId}, ${JSON.stringify(a.claims)}::jsonb,
        ${a.claimedFen}, ${a.at}, ${a.regionCode}, ${a.ownerId}, ${a.departmentId})`,
  );
}

/** Whether a region code is in the region tree (a platform reference table). */
export async function regionExists(tx: Executor, code: string): Promise<boolean> {
  return (await one(tx, sql`select 1 as x from regions where code = ${code}`)) !== undefined;
}
