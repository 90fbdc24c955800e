import { sql, type SQL } from 'drizzle-orm';
import { all, one, run, type Database, type Executor } from '../../db/client.js';
import type { ContractType, EmployerSize, EmploymentStatus, FilingStatus, InsuranceType, WageType } from '@mwsp/domain';

/** SQL of the registry: workers, employers, employments, insurance. Runs in the caller's scoped transaction. */

export interface WorkerRow {
  id: string;
  name: string;
  idEnc: string;
  idMasked: string;
  sex: 'male' | 'female';
  birthDate: string;
  ethnicity: string;
  education: string;
  phoneEnc: string | null;
  phoneMasked: string | null;
  hukouRegionCode: string;
  hukouRegionName: string | null;
  residenceRegionCode: string;
  residenceRegionName: string | null;
  migrantType: 'local' | 'out';
  crossProvince: boolean;
  skills: { occupationCode: string; certificate: string | null; level: string | null }[];
  bankCardEnc: string | null;
  bankCardMasked: string | null;
  bankName: string | null;
  bankCardLuhnOk: boolean | null;
  emergencyEnc: string | null;
  familyEnc: string | null;
  status: 'active' | 'merged';
  mergedInto: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  /** Owner (the registering user) and department: what 本人/本部门 scopes test. */
  createdBy: string | null;
  departmentId: string | null;
  employmentId: string | null;
  employerId: string | null;
  employerName: string | null;
  position: string | null;
}

/** Columns as stored (personal fields already encrypted/masked by the service). */
export interface WorkerColumns {
  name: string;
  idBidx: string;
  idEnc: string;
  idMasked: string;
  sex: string;
  birthDate: string;
  ethnicity: string;
  education: string;
  phoneEnc: string | null;
  phoneBidx: string | null;
  phoneMasked: string | null;
  hukouRegionCode: string;
  residenceRegionCode: string;
  migrantType: string;
  crossProvince: boolean;
  skills: unknown[];
  bankCardEnc: string | null;
  bankCardMasked: string | null;
  bankName: string | null;
  bankCardLuhnOk: boolean | null;
  emergencyEnc: string | null;
  familyEnc: string | null;
  accompanyingChildrenCount: number;
  leftBehindKinds: string[];
}

const WORKER_SELECT = sql`w.id, w.name, w.id_enc as "idEnc", w.id_masked as "idMasked", w.sex, to_char(w.birth_date, 'YYYY-MM-DD') as "birthDate",
  w.ethnicity, w.education, w.phone_enc as "phoneEnc", w.phone_masked as "phoneMasked",
  w.hukou_region_code as "hukouRegionCode", hr.full_name as "hukouRegionName", w.residence_region_code as "residenceRegionCode", rr.full_name as "residenceRegionName",
  w.migrant_type as "migrantType", w.cross_province as "crossProvince", w.skills, w.bank_card_enc as "bankCardEnc", w.bank_card_masked as "bankCardMasked",
  w.bank_name as "bankName", w.bank_card_luhn_ok as "bankCardLuhnOk", w.emergency_enc as "emergencyEnc", w.family_enc as "familyEnc",
  w.status, w.merged_into as "mergedInto", w.version, w.created_at as "createdAt", w.updated_at as "updatedAt",
  w.created_by as "createdBy", w.department_id as "departmentId",
  e.id as "employmentId", e.employer_id as "employerId", er.name as "employerName", e.position`;
const WORKER_JOINS = sql`left join regions hr on hr.code = w.hukou_region_code
  left join regions rr on rr.code = w.residence_region_code
  left join lateral (select id, employer_id, position from employments x where x.worker_id = w.id and x.status = 'active' order by x.start_date desc limit 1) e on true
  left join employers er on er.id = e.employer_id`;
const WORKER_FROM = sql`workers w ${WORKER_JOINS}`;

const WORKER_VALUES = (
  c: WorkerColumns,
) => sql`${c.name}, ${c.idBidx}, ${c.idEnc}, ${c.idMasked}, ${c.sex}, ${c.birthDate}::date, ${c.ethnicity}, ${c.education},
  ${c.phoneEnc}, ${c.phoneBidx}, ${c.phoneMasked}, ${c.hukouRegionCode}, ${c.residenceRegionCode}, ${c.migrantType}, ${c.crossProvince},
  ${JSON.stringify(c.skills)}::jsonb, ${c.bankCardEnc}, ${c.bankCardMasked}, ${c.bankName}, ${c.bankCardLuhnOk}, ${c.emergencyEnc}, ${c.familyEnc},
  ${c.accompanyingChildrenCount}, ${toTextArray(c.leftBehindKinds)}::text[]`;
const WORKER_COLUMN_NAMES = sql`name, id_bidx, id_enc, id_masked, sex, birth_date, ethnicity, education, phone_enc, phone_bidx, phone_masked,
  hukou_region_code, residence_region_code, migrant_type, cross_province, skills, bank_card_enc, bank_card_masked, bank_name, bank_card_luhn_ok,
  emergency_enc, family_enc, accompanying_children_count, left_behind_kinds`;

export async function insertWorker(
  tx: Executor,
  c: WorkerColumns,
  createdBy: string | null,
  now: Date,
  departmentId: string | null = null,
): Promise<string> {
  const row = await one<{ id: string }>(
    tx,
    sql`insert into workers (${WORKER_COLUMN_NAMES}, created_by, department_id, created_at, updated_at)
    values (${WORKER_VALUES(c)}, ${createdBy}::uuid, ${departmentId}::uuid, ${now.toISOString()}, ${now.toISOString()}) returning id`,
  );
  return row!.id;
}

/** Updates every column; returns false when the version does not match (someone else saved first). */
export async function updateWorker(
  tx: Executor,
  id: string,
  c: WorkerColumns,
  version: number,
  now: Date,
): Promise<boolean> {
  return (
    (await run(
      tx,
      sql`update workers set (${WORKER_COLUMN_NAMES}) = (${WORKER_VALUES(c)}), version = version + 1, updated_at = ${now.toISOString()}
    where id = ${id}::uuid and version = ${version} and status = 'active'`,
    )) === 1
  );
}

export async function findWorker(tx: Executor, id: string): Promise<WorkerRow | undefined> {
  return one<WorkerRow>(tx, sql`select ${WORKER_SELECT} from ${WORKER_FROM} where w.id = ${id}::uuid`);
}

/** Whether any record (in any region) holds this blind index: a SECURITY DEFINER check, answering yes/no only. */
export async function isRegisteredAnywhere(tx: Executor, bidx: string): Promise<boolean> {
  return (await one<{ r: boolean }>(tx, sql`select mwsp_worker_registered(${bidx}) as r`))?.r === true;
}

/** Id of the record holding this blind index, if the caller's scope can see it. */
export async function findWorkerIdByIdBidx(tx: Executor, bidx: string): Promise<string | undefined> {
  return (await one<{ id: string }>(tx, sql`select id from workers where id_bidx = ${bidx}`))?.id;
}

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
  const c: SQL[] = [sql`true`];
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
      sql`exists (select 1 from employments x where x.worker_id = w.id and x.employer_id = ${f.employerId}::uuid and x.status = 'active')`,
    );
  if (f.industry)
    c.push(
      sql`exists (select 1 from employments x join employers y on y.id = x.employer_id where x.worker_id = w.id and x.status = 'active' and y.industry = ${f.industry})`,
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
 * Exact number of workers matching a countable filter: a sum over the groups of worker_counts (kept by
 * triggers; row-level security applies the caller's scope to it exactly as to workers).
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
      sql`with m as materialized (select w.id, w.name, w.created_at from workers w where ${where} limit ${MATCH_CAP + 1}),
        pg as (select m.id from m order by ${SORTS_ON_MATCHES[f.sort]} limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize})
      select ${WORKER_SELECT}, (select count(*) from m)::int as "matchCount" from pg join workers w on w.id = pg.id ${WORKER_JOINS} order by ${SORTS[f.sort]}`,
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
      sql`with pg as materialized (select w.id from workers w where ${where} order by ${SORTS[f.sort]} limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize})
      select ${WORKER_SELECT} from pg join workers w on w.id = pg.id ${WORKER_JOINS} order by ${SORTS[f.sort]}`,
    );
    return { items, total: MATCH_CAP, totalCapped: true };
  }
  const items = await all<WorkerRow>(
    tx,
    sql`with pg as materialized (select w.id from workers w where ${where} order by ${SORTS[f.sort]} limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize})
    select ${WORKER_SELECT} from pg join workers w on w.id = pg.id ${WORKER_JOINS} order by ${SORTS[f.sort]}`,
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
    sql`select w.id from workers w where ${workerWhere(f)} order by ${f.sort ? SORTS[f.sort] : sql`w.id`} limit ${limit}`,
  );
  return rows.map((r) => r.id);
}

/** Full rows of the given workers, in the order of `ids` (ids no longer visible are left out). */
export async function workersByIds(tx: Executor, ids: string[]): Promise<WorkerRow[]> {
  if (ids.length === 0) return [];
  const rows = await all<WorkerRow>(
    tx,
    sql`select ${WORKER_SELECT} from ${WORKER_FROM} where w.id = any(${`{${ids.join(',')}}`}::uuid[])`,
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Inserts many workers in one statement; returns the new ids by blind index. */
export async function insertWorkers(
  tx: Executor,
  rows: WorkerColumns[],
  createdBy: string | null,
  now: Date,
  departmentId: string | null = null,
): Promise<Map<string, string>> {
  if (rows.length === 0) return new Map();
  const ts = now.toISOString();
  const values = rows.map(
    (c) =>
      sql`(${WORKER_VALUES(c)}, ${createdBy}::uuid, ${departmentId}::uuid, ${ts}::timestamptz, ${ts}::timestamptz)`,
  );
  const out = await all<{ id: string; bidx: string }>(
    tx,
    sql`insert into workers (${WORKER_COLUMN_NAMES}, created_by, department_id, created_at, updated_at) values ${sql.join(values, sql`, `)} returning id, id_bidx as bidx`,
  );
  return new Map(out.map((r) => [r.bidx, r.id]));
}

/** Workers visible in scope holding any of these blind indexes. */
export async function findWorkersByIdBidx(tx: Executor, bidxs: string[]): Promise<(WorkerRow & { idBidx: string })[]> {
  if (bidxs.length === 0) return [];
  return all(
    tx,
    sql`select ${WORKER_SELECT}, w.id_bidx as "idBidx" from ${WORKER_FROM} where w.id_bidx in (${sql.join(
      bidxs.map((b) => sql`${b}`),
      sql`, `,
    )})`,
  );
}

/** Which of these blind indexes are registered anywhere (SECURITY DEFINER; yes/no per index). */
export async function registeredAnywhere(tx: Executor, bidxs: string[]): Promise<Set<string>> {
  if (bidxs.length === 0) return new Set();
  const rows = await all<{ b: string }>(
    tx,
    sql`select b from mwsp_workers_registered(${toTextArray(bidxs)}::text[]) b`,
  );
  return new Set(rows.map((r) => r.b));
}

export async function allRegionLevels(tx: Executor): Promise<Map<string, number>> {
  const rows = await all<{ code: string; level: number }>(tx, sql`select code, level from regions`);
  return new Map(rows.map((r) => [r.code, r.level]));
}

export async function markMerged(tx: Executor, duplicateId: string, survivorId: string, now: Date): Promise<void> {
  await tx.execute(
    sql`update workers set status = 'merged', merged_into = ${survivorId}::uuid, version = version + 1, updated_at = ${now.toISOString()} where id = ${duplicateId}::uuid`,
  );
}

export async function moveWorkerRecords(tx: Executor, fromId: string, toId: string): Promise<void> {
  // An employment already held by the survivor (same employer and start) is kept once.
  await tx.execute(sql`update employments e set worker_id = ${toId}::uuid where worker_id = ${fromId}::uuid
    and not exists (select 1 from employments s where s.worker_id = ${toId}::uuid and s.employer_id = e.employer_id and s.start_date = e.start_date)`);
  await tx.execute(
    sql`update employments set status = 'ended', end_date = coalesce(end_date, start_date) where worker_id = ${fromId}::uuid`,
  );
  await tx.execute(sql`insert into worker_insurance (worker_id, type, enrolled, since, place_region_code, updated_at)
    select ${toId}::uuid, type, enrolled, since, place_region_code, updated_at from worker_insurance where worker_id = ${fromId}::uuid
    on conflict (worker_id, type) do nothing`);
  await tx.execute(sql`update insurance_transfers set worker_id = ${toId}::uuid where worker_id = ${fromId}::uuid`);
}

// ---- employers ----
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
const EMPLOYER_SELECT = sql`m.id, m.credit_code as "creditCode", m.credit_code_valid as "creditCodeValid", m.name, m.legal_rep as "legalRep", m.industry, m.size,
  m.region_code as "regionCode", r.full_name as "regionName", m.address, m.contact_name as "contactName", m.contact_phone_masked as "contactPhoneMasked", m.contact_phone_enc as "contactPhoneEnc",
  coalesce(s.n, 0)::int as "workerCount", coalesce(s.signed, 0)::int as "signedCount", m.created_at as "createdAt",
  m.created_by as "createdBy", m.department_id as "departmentId"`;
// Counts come through the employments the caller can see (row-level security on workers).
const EMPLOYER_FROM = sql`employers m left join regions r on r.code = m.region_code
  left join lateral (select count(*) as n, count(*) filter (where e.contract_signed) as signed from employments e where e.employer_id = m.id and e.status = 'active') s on true`;

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
    sql`insert into employers (credit_code, credit_code_valid, name, legal_rep, industry, size, region_code, address, contact_name, contact_phone_enc, contact_phone_masked, created_by, department_id)
    values (${c.creditCode}, ${c.creditCodeValid}, ${c.name}, ${c.legalRep}, ${c.industry}, ${c.size}, ${c.regionCode}, ${c.address}, ${c.contactName}, ${c.contactPhoneEnc}, ${c.contactPhoneMasked}, ${createdBy}::uuid, ${departmentId}::uuid) returning id`,
  ))!.id;
}

export async function updateEmployer(tx: Executor, id: string, c: EmployerColumns): Promise<number> {
  return run(
    tx,
    sql`update employers set credit_code = ${c.creditCode}, credit_code_valid = ${c.creditCodeValid}, name = ${c.name}, legal_rep = ${c.legalRep}, industry = ${c.industry},
    size = ${c.size}, region_code = ${c.regionCode}, address = ${c.address}, contact_name = ${c.contactName}, contact_phone_enc = ${c.contactPhoneEnc},
    contact_phone_masked = ${c.contactPhoneMasked}, updated_at = now() where id = ${id}::uuid`,
  );
}

export async function findEmployer(tx: Executor, id: string): Promise<EmployerRow | undefined> {
  return one<EmployerRow>(tx, sql`select ${EMPLOYER_SELECT} from ${EMPLOYER_FROM} where m.id = ${id}::uuid`);
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
  const items = await all<EmployerRow>(
    tx,
    sql`select ${EMPLOYER_SELECT} from ${EMPLOYER_FROM} where ${where} order by m.name, m.id limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize}`,
  );
  const total = (await one<{ n: number }>(tx, sql`select count(*)::int as n from employers m where ${where}`))?.n ?? 0;
  return { items, total };
}

// ---- employments ----
export interface EmploymentRow {
  id: string;
  workerId: string;
  workerName: string;
  employerId: string;
  employerName: string;
  startDate: string;
  endDate: string | null;
  position: string | null;
  occupationCode: string | null;
  wageFen: number | null;
  wageType: WageType;
  contractType: ContractType;
  contractSigned: boolean;
  contractTermMonths: number | null;
  filingStatus: FilingStatus;
  dispatch: boolean;
  status: EmploymentStatus;
}
const EMPLOYMENT_SELECT = sql`e.id, e.worker_id as "workerId", w.name as "workerName", e.employer_id as "employerId", m.name as "employerName",
  to_char(e.start_date, 'YYYY-MM-DD') as "startDate", to_char(e.end_date, 'YYYY-MM-DD') as "endDate", e.position, e.occupation_code as "occupationCode",
  e.wage_fen::int8 as "wageFen", e.wage_type as "wageType", e.contract_type as "contractType", e.contract_signed as "contractSigned",
  e.contract_term_months as "contractTermMonths", e.filing_status as "filingStatus", e.dispatch, e.status`;
const EMPLOYMENT_FROM = sql`employments e join workers w on w.id = e.worker_id join employers m on m.id = e.employer_id`;

export interface EmploymentColumns {
  workerId: string;
  employerId: string;
  startDate: string;
  endDate: string | null;
  position: string | null;
  occupationCode: string | null;
  wageFen: number | null;
  wageType: string;
  contractType: string;
  contractSigned: boolean;
  contractTermMonths: number | null;
  filingStatus: string;
  dispatch: boolean;
  status: string;
}

/** Insert or update by the natural key (worker, employer, start date); says which it was. */
export async function upsertEmployment(
  tx: Executor,
  c: EmploymentColumns,
): Promise<{ id: string; created: boolean; changed: boolean }> {
  const existing = await one<EmploymentColumns & { id: string }>(
    tx,
    sql`select id, to_char(end_date, 'YYYY-MM-DD') as "endDate", position, occupation_code as "occupationCode", wage_fen::int8 as "wageFen",
    wage_type as "wageType", contract_type as "contractType", contract_signed as "contractSigned", contract_term_months as "contractTermMonths", filing_status as "filingStatus", dispatch, status
    from employments where worker_id = ${c.workerId}::uuid and employer_id = ${c.employerId}::uuid and start_date = ${c.startDate}::date`,
  );
  if (existing) {
    const same =
      (
        [
          'endDate',
          'position',
          'occupationCode',
          'wageType',
          'contractType',
          'contractSigned',
          'contractTermMonths',
          'filingStatus',
          'dispatch',
          'status',
        ] as const
      ).every((k) => (existing[k] ?? null) === (c[k] ?? null)) && Number(existing.wageFen ?? -1) === (c.wageFen ?? -1);
    if (same) return { id: existing.id, created: false, changed: false };
    await updateEmploymentRow(tx, existing.id, c);
    return { id: existing.id, created: false, changed: true };
  }
  const row = await one<{ id: string }>(
    tx,
    sql`insert into employments (worker_id, employer_id, start_date, end_date, position, occupation_code, wage_fen, wage_type, contract_type, contract_signed, contract_term_months, filing_status, dispatch, status)
    values (${c.workerId}::uuid, ${c.employerId}::uuid, ${c.startDate}::date, ${c.endDate}::date, ${c.position}, ${c.occupationCode}, ${c.wageFen}, ${c.wageType}, ${c.contractType}, ${c.contractSigned}, ${c.contractTermMonths}, ${c.filingStatus}, ${c.dispatch}, ${c.status}) returning id`,
  );
  return { id: row!.id, created: true, changed: true };
}

/** Many new employments in one statement (the demo city, bulk loads); returns ids in input order. */
export async function insertEmployments(tx: Executor, rows: EmploymentColumns[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const values = rows.map(
    (c) =>
      sql`(${c.workerId}::uuid, ${c.employerId}::uuid, ${c.startDate}::date, ${c.endDate}::date, ${c.position}, ${c.occupationCode}, ${c.wageFen}, ${c.wageType}, ${c.contractType}, ${c.contractSigned}, ${c.contractTermMonths}, ${c.filingStatus}, ${c.dispatch}, ${c.status})`,
  );
  const out = await all<{ id: string }>(
    tx,
    sql`insert into employments (worker_id, employer_id, start_date, end_date, position, occupation_code, wage_fen, wage_type, contract_type, contract_signed, contract_term_months, filing_status, dispatch, status)
    values ${sql.join(values, sql`, `)} returning id`,
  );
  return out.map((r) => r.id);
}

export async function insertInsurance(tx: Executor, rows: (InsuranceRow & { workerId: string })[]): Promise<void> {
  if (rows.length === 0) return;
  const values = rows.map(
    (i) => sql`(${i.workerId}::uuid, ${i.type}, ${i.enrolled}, ${i.since}::date, ${i.placeRegionCode})`,
  );
  await tx.execute(
    sql`insert into worker_insurance (worker_id, type, enrolled, since, place_region_code) values ${sql.join(values, sql`, `)} on conflict do nothing`,
  );
}

export async function countWorkers(tx: Executor): Promise<number> {
  return (await one<{ n: number }>(tx, sql`select count(*)::int as n from workers`))?.n ?? 0;
}

/** The oldest active workers with their blind index and masked ID (the demo's wage data refers to them). */
export async function oldestActiveWorkers(
  tx: Executor,
  limit: number,
): Promise<{ id: string; name: string; idBidx: string; idMasked: string }[]> {
  return all(
    tx,
    sql`select id, name, id_bidx as "idBidx", id_masked as "idMasked" from workers where status = 'active' order by created_at, id limit ${limit}`,
  );
}

export async function employerRegions(tx: Executor): Promise<{ id: string; regionCode: string }[]> {
  return all(tx, sql`select id, region_code as "regionCode" from employers order by credit_code`);
}

/** Planner statistics after a bulk load (the embedded database has no autovacuum). */
export async function analyzeTables(db: Database): Promise<void> {
  for (const t of ['workers', 'employments', 'worker_counts', 'employers']) await db.execScript(`ANALYZE ${t}`);
}

export async function updateEmploymentRow(
  tx: Executor,
  id: string,
  c: Omit<EmploymentColumns, 'workerId' | 'employerId' | 'startDate'>,
): Promise<void> {
  await tx.execute(sql`update employments set end_date = ${c.endDate}::date, position = ${c.position}, occupation_code = ${c.occupationCode}, wage_fen = ${c.wageFen},
    wage_type = ${c.wageType}, contract_type = ${c.contractType}, contract_signed = ${c.contractSigned}, contract_term_months = ${c.contractTermMonths},
    filing_status = ${c.filingStatus}, dispatch = ${c.dispatch}, status = ${c.status}, updated_at = now() where id = ${id}::uuid`);
}

export async function findEmployment(tx: Executor, id: string): Promise<EmploymentRow | undefined> {
  const row = await one<EmploymentRow>(
    tx,
    sql`select ${EMPLOYMENT_SELECT} from ${EMPLOYMENT_FROM} where e.id = ${id}::uuid`,
  );
  return row && withWageNumber(row);
}

/** node-postgres answers int8 as text; the contract (and PGlite) says number. */
function withWageNumber(row: EmploymentRow): EmploymentRow {
  return { ...row, wageFen: row.wageFen === null ? null : Number(row.wageFen) };
}

export async function listEmployments(
  tx: Executor,
  f: {
    workerId?: string;
    employerId?: string;
    status?: string;
    ownerId?: string;
    departmentId?: string;
    page: number;
    pageSize: number;
  },
): Promise<{ items: EmploymentRow[]; total: number }> {
  const c: SQL[] = [sql`true`];
  if (f.ownerId) c.push(sql`w.created_by = ${f.ownerId}::uuid`);
  if (f.departmentId) c.push(sql`w.department_id = ${f.departmentId}::uuid`);
  if (f.workerId) c.push(sql`e.worker_id = ${f.workerId}::uuid`);
  if (f.employerId) c.push(sql`e.employer_id = ${f.employerId}::uuid`);
  if (f.status) c.push(sql`e.status = ${f.status}`);
  const where = sql.join(c, sql` and `);
  const items = await all<EmploymentRow>(
    tx,
    sql`select ${EMPLOYMENT_SELECT} from ${EMPLOYMENT_FROM} where ${where} order by e.start_date desc, e.id limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize}`,
  );
  const total =
    (await one<{ n: number }>(tx, sql`select count(*)::int as n from ${EMPLOYMENT_FROM} where ${where}`))?.n ?? 0;
  return { items: items.map(withWageNumber), total };
}

/** Active employments and signed contracts per child region of `parent` (the caller's RLS scope applies). */
export async function contractRatesByRegion(
  tx: Executor,
  parent: string,
  childLength: number,
  scope: { ownerId?: string; departmentId?: string } = {},
) {
  return all<{ regionCode: string; regionName: string | null; employed: number; signed: number }>(
    tx,
    sql`select x.code as "regionCode", r.name as "regionName", x.employed, x.signed
    from (select left(w.residence_region_code, ${childLength}) as code, count(*)::int as employed, count(*) filter (where e.contract_signed)::int as signed
          from employments e join workers w on w.id = e.worker_id
          where e.status = 'active' and w.residence_region_code >= ${parent} and w.residence_region_code < ${parent + 'z'}
            ${scope.ownerId ? sql`and w.created_by = ${scope.ownerId}::uuid` : sql``} ${scope.departmentId ? sql`and w.department_id = ${scope.departmentId}::uuid` : sql``}
          group by 1) x
    left join regions r on r.code = x.code order by x.code`,
  );
}

// ---- insurance ----
export interface InsuranceRow {
  type: InsuranceType;
  enrolled: boolean;
  since: string | null;
  placeRegionCode: string | null;
}

export async function insuranceOf(tx: Executor, workerId: string): Promise<InsuranceRow[]> {
  return all<InsuranceRow>(
    tx,
    sql`select type, enrolled, to_char(since, 'YYYY-MM-DD') as since, place_region_code as "placeRegionCode" from worker_insurance where worker_id = ${workerId}::uuid order by type`,
  );
}

export async function replaceInsurance(tx: Executor, workerId: string, items: InsuranceRow[]): Promise<void> {
  await tx.execute(sql`delete from worker_insurance where worker_id = ${workerId}::uuid`);
  for (const i of items) {
    await tx.execute(
      sql`insert into worker_insurance (worker_id, type, enrolled, since, place_region_code) values (${workerId}::uuid, ${i.type}, ${i.enrolled}, ${i.since}::date, ${i.placeRegionCode})`,
    );
  }
}

export async function insertTransfer(
  tx: Executor,
  workerId: string,
  t: { type: string; fromRegionCode: string; toRegionCode: string; date: string },
): Promise<string> {
  return (await one<{ id: string }>(
    tx,
    sql`insert into insurance_transfers (worker_id, type, from_region_code, to_region_code, transfer_date) values (${workerId}::uuid, ${t.type}, ${t.fromRegionCode}, ${t.toRegionCode}, ${t.date}::date) returning id`,
  ))!.id;
}

export async function transfersOf(tx: Executor, workerId: string) {
  return all<{ id: string; type: InsuranceType; fromRegionCode: string; toRegionCode: string; date: string }>(
    tx,
    sql`select id, type, from_region_code as "fromRegionCode", to_region_code as "toRegionCode", to_char(transfer_date, 'YYYY-MM-DD') as date
    from insurance_transfers where worker_id = ${workerId}::uuid order by transfer_date desc`,
  );
}

export async function regionExists(tx: Executor, code: string): Promise<{ level: number } | undefined> {
  return one<{ level: number }>(tx, sql`select level from regions where code = ${code}`);
}

function toTextArray(values: string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}

// ---- what other modules ask of the registry (RegistryPort, index.ts) ----
/**
 * Enrolment on a project: an active worker by the ID number's blind index in any region (SECURITY
 * DEFINER, masked identity only) and whether a signed active contract with one of the employers is on record.
 */
export async function workerForProject(
  tx: Executor,
  bidx: string,
  employerIds: string[],
): Promise<{ id: string; name: string; idMasked: string; contractSigned: boolean } | undefined> {
  return one(
    tx,
    sql`select id, name, id_masked as "idMasked", contract_signed as "contractSigned"
    from mwsp_worker_for_project(${bidx}, array[${sql.join(
      employerIds.map((e) => sql`${e}::uuid`),
      sql`, `,
    )}]::uuid[])`,
  );
}

/** A worker the caller's scope can see: the ID number's blind index and what the data scopes look at. */
export async function workerRef(
  tx: Executor,
  workerId: string,
): Promise<{ idBidx: string; regionCode: string; ownerId: string | null; departmentId: string | null } | undefined> {
  return one(
    tx,
    sql`select id_bidx as "idBidx", residence_region_code as "regionCode", created_by as "ownerId", department_id as "departmentId"
    from workers where id = ${workerId}::uuid`,
  );
}

export interface EmployerFacts {
  id: string;
  name: string;
  creditCode: string;
  legalRep: string | null;
  regionCode: string;
  /** The day the employer entered the register (the start of its record for the integrity grade). */
  registeredOn: string;
}

/** Employers by id in name order (the database's collation), in one query (the register is readable by every scope). */
export async function employerFacts(tx: Executor, ids: string[]): Promise<EmployerFacts[]> {
  if (ids.length === 0) return [];
  return all<EmployerFacts>(
    tx,
    sql`select id, name, credit_code as "creditCode", legal_rep as "legalRep", region_code as "regionCode",
      created_at::date::text as "registeredOn"
    from employers where id = any(${uuidArray(ids)}::uuid[]) order by name, id`,
  );
}

/** Ids of the employers whose name contains `nameContains` or whose credit code is `creditCode`. */
export async function employerIdsMatching(
  tx: Executor,
  f: { nameContains: string; creditCode?: string },
): Promise<string[]> {
  const like = '%' + f.nameContains.replace(/[\\%_]/g, (ch) => '\\' + ch) + '%';
  const rows = await all<{ id: string }>(
    tx,
    sql`select id from employers where name like ${like}${f.creditCode ? sql` or credit_code = ${f.creditCode}` : sql``}`,
  );
  return rows.map((r) => r.id);
}

/** A uuid[] literal (one parameter however many ids: a search may match thousands). */
function uuidArray(ids: string[]): string {
  return `{${[...new Set(ids)].join(',')}}`;
}
