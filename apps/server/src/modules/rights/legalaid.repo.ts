import { sql, type SQL } from 'drizzle-orm';
import { all, one, type Executor } from '../../db/client.js';
import { countyRoute } from '../../db/routing.js';

/** SQL of the legal-aid providers (法律援助机构和律师). Runs in the caller's transaction (its scope). */

export interface ProviderRow {
  countyCode: string;
  id: string;
  kind: 'organisation' | 'lawyer';
  name: string;
  organisation: string | null;
  practiceNo: string | null;
  phone: string | null;
  regionCode: string;
  regionName: string | null;
  active: boolean;
  ownerId: string | null;
  departmentId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface ProviderWrite {
  kind: 'organisation' | 'lawyer';
  name: string;
  organisation: string | null;
  practiceNo: string | null;
  phone: string | null;
  regionCode: string;
  active: boolean;
}

const COLUMNS = sql`p.county_code as "countyCode", p.id, p.kind, p.name, p.organisation, p.practice_no as "practiceNo",
  p.phone, p.region_code as "regionCode", r.full_name as "regionName", p.active, p.owner_id as "ownerId",
  p.owner_department_id as "departmentId", p.created_at as "createdAt", p.updated_at as "updatedAt"`;
const FROM = sql`from legal_aid_providers p left join regions r on r.code = p.region_code`;

/** Inserts a provider; undefined when its practice number is taken in the county (409 for the caller). */
export async function insertProvider(
  tx: Executor,
  v: ProviderWrite & { countyCode: string; ownerId: string | null; departmentId: string | null; at: Date },
): Promise<string | undefined> {
  const row = await one<{ id: string }>(
    tx,
    sql`insert into legal_aid_providers (county_code, kind, name, organisation, practice_no, phone, active, region_code,
        owner_id, owner_department_id, created_at, updated_at)
      values (${v.countyCode}, ${v.kind}, ${v.name}, ${v.organisation}, ${v.practiceNo}, ${v.phone}, ${v.active},
        ${v.regionCode}, ${v.ownerId}, ${v.departmentId}, ${v.at}, ${v.at})
      on conflict (county_code, practice_no) do nothing
      returning id`,
  );
  return row?.id;
}

/** Updates a provider in its county; false when the new practice number is taken there. */
export async function updateProvider(
  tx: Executor,
  countyCode: string,
  id: string,
  v: ProviderWrite & { at: Date },
): Promise<boolean> {
  const taken = v.practiceNo
    ? await one(
        tx,
        sql`select 1 as x from legal_aid_providers
          where county_code = ${countyCode} and practice_no = ${v.practiceNo} and id <> ${id}::uuid`,
      )
    : undefined;
  if (taken) return false;
  await one(
    tx,
    sql`update legal_aid_providers set kind = ${v.kind}, name = ${v.name}, organisation = ${v.organisation},
        practice_no = ${v.practiceNo}, phone = ${v.phone}, active = ${v.active}, region_code = ${v.regionCode},
        updated_at = ${v.at}
      where county_code = ${countyCode} and id = ${id}::uuid returning id`,
  );
  return true;
}

/** A provider by id (any county of the caller's scope; one county when the scope is one). */
export async function findProvider(tx: Executor, id: string, countyCode?: string): Promise<ProviderRow | undefined> {
  const county = countyCode ? sql` and p.county_code = ${countyCode}` : countyRoute('p.county_code');
  return one<ProviderRow>(tx, sql`select ${COLUMNS} ${FROM} where p.id = ${id}::uuid ${county}`);
}

export async function listProviders(
  tx: Executor,
  f: {
    q?: string;
    kind?: string;
    active?: boolean;
    regionCode?: string;
    owned: { ownerId?: string; departmentId?: string };
    page: number;
    pageSize: number;
  },
): Promise<{ rows: ProviderRow[]; total: number }> {
  const conds: SQL[] = [sql`true`];
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conds.push(sql`(p.name like ${like} or p.organisation like ${like} or p.practice_no like ${like})`);
  }
  if (f.kind) conds.push(sql`p.kind = ${f.kind}`);
  if (f.active !== undefined) conds.push(sql`p.active = ${f.active}`);
  if (f.regionCode) conds.push(sql`p.region_code like ${`${f.regionCode}%`}`);
  if (f.owned.ownerId) conds.push(sql`p.owner_id = ${f.owned.ownerId}`);
  if (f.owned.departmentId) conds.push(sql`p.owner_department_id = ${f.owned.departmentId}`);
  const where = sql`where ${sql.join(conds, sql` and `)} ${countyRoute('p.county_code')}`;
  const total = await one<{ n: number }>(tx, sql`select count(*)::int as n from legal_aid_providers p ${where}`);
  const rows = await all<ProviderRow>(
    tx,
    sql`select ${COLUMNS} ${FROM} ${where} order by p.active desc, p.name, p.id
      limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize}`,
  );
  return { rows, total: total?.n ?? 0 };
}
