import { sql, type SQL } from 'drizzle-orm';
import { countyCodeOf } from '@mwsp/domain';
import { all, one, onDistributedEngine, statementSlices, type Database, type Executor } from '../../db/client.js';
import { countyRoute } from '../../db/routing.js';
import { arrayLiteral, unnestRows } from '../../db/bulk.js';
import { addTime } from '../../platform/imports/timing.js';
import { randomUuid } from '../../platform/crypto/index.js';
import {
  adjustWorkerCounts,
  workerCountsUpsert,
  COUNTED_RETURNING,
  lockCounted,
  moveChildScope,
  moveWorkerCounty,
  scopeOfWorker,
  syncWorkerKey,
  copyRows,
  type CountedColumns,
  type WorkerScope,
} from './workerCounts.repo.js';

/**
 * SQL of the registry's workers (registration, look-ups, merging), the region look-ups and what other modules ask
 * (the port). Runs in the caller's scoped transaction. Employers, employments, insurance and the worker search
 * have their own repos (`employers.repo.ts`, `employments.repo.ts`, `insurance.repo.ts`, `workerSearch.repo.ts`).
 */

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

export const WORKER_SELECT = sql`w.id, w.name, w.id_enc as "idEnc", w.id_masked as "idMasked", w.sex,
  to_char(w.birth_date, 'YYYY-MM-DD') as "birthDate",
  w.ethnicity, w.education, w.phone_enc as "phoneEnc", w.phone_masked as "phoneMasked",
  w.hukou_region_code as "hukouRegionCode", hr.full_name as "hukouRegionName",
  w.residence_region_code as "residenceRegionCode", rr.full_name as "residenceRegionName",
  w.migrant_type as "migrantType", w.cross_province as "crossProvince", w.skills, w.bank_card_enc as "bankCardEnc",
  w.bank_card_masked as "bankCardMasked",
  w.bank_name as "bankName", w.bank_card_luhn_ok as "bankCardLuhnOk", w.emergency_enc as "emergencyEnc",
  w.family_enc as "familyEnc",
  w.status, w.merged_into as "mergedInto", w.version, w.created_at as "createdAt", w.updated_at as "updatedAt",
  w.created_by as "createdBy", w.department_id as "departmentId",
  e.id as "employmentId", e.employer_id as "employerId", er.name as "employerName", e.position`;

/**
 * The joins of a worker row. The current employment is a lateral read of the worker's county, which it names
 * again as a constant for a one-county scope (countyRoute): Citus routes to one shard only when every
 * distributed table of the query is pinned to the same county.
 */
export function workerJoins(): SQL {
  return sql`left join regions hr on hr.code = w.hukou_region_code
  left join regions rr on rr.code = w.residence_region_code
  left join lateral (select id, employer_id, position from employments x where x.county_code = w.county_code
  and x.worker_id = w.id and x.status = 'active' ${countyRoute('x.county_code')}
  order by x.start_date desc limit 1) e on true
  left join employers er on er.id = e.employer_id`;
}

export function workerFrom(): SQL {
  return sql`workers w ${workerJoins()}`;
}

const WORKER_VALUES = (
  c: WorkerColumns,
) => sql`${c.name}, ${c.idBidx}, ${c.idEnc}, ${c.idMasked}, ${c.sex}, ${c.birthDate}::date, ${c.ethnicity},
  ${c.education},
  ${c.phoneEnc}, ${c.phoneBidx}, ${c.phoneMasked}, ${c.hukouRegionCode}, ${c.residenceRegionCode}, ${c.migrantType},
  ${c.crossProvince},
  ${JSON.stringify(c.skills)}::jsonb, ${c.bankCardEnc}, ${c.bankCardMasked}, ${c.bankName}, ${c.bankCardLuhnOk},
  ${c.emergencyEnc}, ${c.familyEnc},
  ${c.accompanyingChildrenCount}, ${toTextArray(c.leftBehindKinds)}::text[]`;

const WORKER_COLUMN_NAMES = sql`name, id_bidx, id_enc, id_masked, sex, birth_date, ethnicity, education, phone_enc,
  phone_bidx, phone_masked,
  hukou_region_code, residence_region_code, migrant_type, cross_province, skills, bank_card_enc, bank_card_masked,
  bank_name, bank_card_luhn_ok,
  emergency_enc, family_enc, accompanying_children_count, left_behind_kinds`;

export async function insertWorker(
  tx: Executor,
  c: WorkerColumns,
  createdBy: string | null,
  now: Date,
  departmentId: string | null = null,
): Promise<string> {
  const row = (await one<CountedColumns & { id: string }>(
    tx,
    sql`insert into workers (county_code, ${WORKER_COLUMN_NAMES}, created_by, department_id, created_at, updated_at)
    values (${countyCodeOf(c.residenceRegionCode)}, ${WORKER_VALUES(c)}, ${createdBy}::uuid, ${departmentId}::uuid,
      ${now.toISOString()}, ${now.toISOString()})
    returning id, ${COUNTED_RETURNING}`,
  ))!;
  await insertWorkerKeys(tx, [{ ...row, idBidx: c.idBidx }]);
  await adjustWorkerCounts(tx, [row]);
  return row.id;
}

/**
 * Updates every column; returns false when the version does not match (someone else saved first). The counts
 * and, when the residence moved, the worker's children follow in the same transaction.
 */
export async function updateWorker(
  tx: Executor,
  id: string,
  c: WorkerColumns,
  version: number,
  now: Date,
): Promise<boolean> {
  const [old] = await lockCounted(tx, [id]);
  if (!old || old.version !== version || old.status !== 'active') return false;
  // A move of residence to another county moves the rows first (Citus cannot update a distribution column).
  const county = countyCodeOf(c.residenceRegionCode);
  if (county !== old.countyCode) await moveWorkerCounty(tx, id, old.countyCode, county);
  const updated = await one<CountedColumns>(
    tx,
    sql`update workers set (${WORKER_COLUMN_NAMES}) = (${WORKER_VALUES(c)}), version = version + 1,
        updated_at = ${now.toISOString()}
    where county_code = ${county} and id = ${id}::uuid and version = ${version} and status = 'active'
    returning ${COUNTED_RETURNING}`,
  );
  if (!updated) return false;
  await workerChanged(tx, id, old, updated, c.idBidx);
  return true;
}

/**
 * After a worker's row changed from `old` to `updated`: its count group, its children's scope columns and its
 * entry in the national look-up (worker_ids).
 */
async function workerChanged(
  tx: Executor,
  id: string,
  old: CountedColumns & { idBidx: string },
  updated: CountedColumns,
  idBidx: string,
): Promise<void> {
  await adjustWorkerCounts(tx, [updated], [old]);
  const before = scopeOfWorker(old);
  const after = scopeOfWorker(updated);
  if (
    before.regionCode !== after.regionCode ||
    before.ownerId !== after.ownerId ||
    before.departmentId !== after.departmentId
  )
    await moveChildScope(tx, id, after);
  if (
    old.idBidx !== idBidx ||
    before.regionCode !== after.regionCode ||
    before.ownerId !== after.ownerId ||
    before.departmentId !== after.departmentId
  )
    await syncWorkerKey(tx, old.idBidx, { id, idBidx, ...updated });
}

/** Each new worker's entry in the national look-up of ID numbers (its primary key refuses a second holder). */
async function insertWorkerKeys(tx: Executor, rows: readonly (CountedColumns & { id: string; idBidx: string })[]) {
  if (rows.length === 0) return;
  if (onDistributedEngine()) {
    for (const slice of statementSlices(rows, 6))
      await tx.execute(sql`insert into worker_ids (id_bidx, county_code, region_code, worker_id, owner_id,
          owner_department_id)
        values ${sql.join(
          slice.map(
            (r) =>
              sql`(${r.idBidx}, ${countyCodeOf(r.residenceRegionCode)}, ${r.residenceRegionCode}, ${r.id}::uuid,
                ${r.createdBy}::uuid, ${r.departmentId}::uuid)`,
          ),
          sql`, `,
        )}`);
    return;
  }
  await tx.execute(sql`insert into worker_ids (id_bidx, county_code, region_code, worker_id, owner_id,
      owner_department_id)
    select * from ${unnestRows('u', [
      { name: 'b', type: 'text', values: rows.map((r) => r.idBidx) },
      { name: 'cc', type: 'text', values: rows.map((r) => countyCodeOf(r.residenceRegionCode)) },
      { name: 'r', type: 'text', values: rows.map((r) => r.residenceRegionCode) },
      { name: 'w', type: 'uuid', values: rows.map((r) => r.id) },
      { name: 'o', type: 'uuid', values: rows.map((r) => r.createdBy) },
      { name: 'd', type: 'uuid', values: rows.map((r) => r.departmentId) },
    ])}`);
}

/** The scope columns of these workers, if the caller's scope can see them (what their children copy). */
export async function workerScopes(tx: Executor, ids: string[]): Promise<Map<string, WorkerScope>> {
  if (ids.length === 0) return new Map();
  const rows = await all<{ id: string; regionCode: string; ownerId: string | null; departmentId: string | null }>(
    tx,
    sql`select id, residence_region_code as "regionCode", created_by as "ownerId", department_id as "departmentId"
      from workers where id = any(${uuidArray(ids)}::uuid[]) ${countyRoute('county_code')}`,
  );
  return new Map(rows.map(({ id, ...w }) => [id, w]));
}

/** Names and masked ID numbers of these workers, if the caller's scope can see them (one query, batched). */
export async function workerNames(
  tx: Executor,
  ids: string[],
): Promise<{ id: string; name: string; idMasked: string }[]> {
  if (ids.length === 0) return [];
  return all(
    tx,
    sql`select id, name, id_masked as "idMasked"
      from workers where id = any(${uuidArray(ids)}::uuid[]) ${countyRoute('county_code')}`,
  );
}

export async function findWorker(tx: Executor, id: string): Promise<WorkerRow | undefined> {
  return one<WorkerRow>(
    tx,
    sql`select ${WORKER_SELECT} from ${workerFrom()} where w.id = ${id}::uuid ${countyRoute('w.county_code')}`,
  );
}

/** Whether any record (in any region) holds this blind index: a SECURITY DEFINER check, answering yes/no only. */
export async function isRegisteredAnywhere(tx: Executor, bidx: string): Promise<boolean> {
  return (await one<{ r: boolean }>(tx, sql`select mwsp_worker_registered(${bidx}) as r`))?.r === true;
}

/** Id of the record holding this blind index, if the caller's scope can see it. */
export async function findWorkerIdByIdBidx(tx: Executor, bidx: string): Promise<string | undefined> {
  // the national look-up, hashed on the blind index: one shard whatever the caller's scope
  return (await one<{ id: string }>(tx, sql`select worker_id as id from worker_ids where id_bidx = ${bidx}`))?.id;
}

/**
 * The row arrays of insertWorkers' statement for these rows (db/bulk.ts array literals, new ids), built ahead of the
 * transaction: the import builds them for the next batch while the last one commits, so the transaction holds only
 * PostgreSQL's work. Used by insertWorkers when it is given exactly these rows (the same objects, in order).
 */
export interface PreparedWorkerInsert {
  rows: readonly WorkerColumns[];
  ids: string[];
  source: SQL;
  keys: SQL;
}

export function prepareWorkerInsert(rows: readonly WorkerColumns[]): PreparedWorkerInsert {
  const col = <K extends keyof WorkerColumns>(k: K) => rows.map((c) => c[k]);
  const ids = rows.map(() => randomUuid());
  const counties = rows.map((c) => countyCodeOf(c.residenceRegionCode));
  // One set-based statement per batch (db/bulk.ts): one array parameter per column, whatever the row count.
  const source = unnestRows('u', [
    { name: 'id', type: 'uuid', values: ids },
    { name: 'cc', type: 'text', values: counties },
    { name: 'name', type: 'text', values: col('name') },
    { name: 'id_bidx', type: 'text', values: col('idBidx') },
    { name: 'id_enc', type: 'text', values: col('idEnc') },
    { name: 'id_masked', type: 'text', values: col('idMasked') },
    { name: 'sex', type: 'text', values: col('sex') },
    { name: 'birth_date', type: 'date', values: col('birthDate') },
    { name: 'ethnicity', type: 'text', values: col('ethnicity') },
    { name: 'education', type: 'text', values: col('education') },
    { name: 'phone_enc', type: 'text', values: col('phoneEnc') },
    { name: 'phone_bidx', type: 'text', values: col('phoneBidx') },
    { name: 'phone_masked', type: 'text', values: col('phoneMasked') },
    { name: 'hukou', type: 'text', values: col('hukouRegionCode') },
    { name: 'residence', type: 'text', values: col('residenceRegionCode') },
    { name: 'migrant_type', type: 'text', values: col('migrantType') },
    { name: 'cross_province', type: 'bool', values: col('crossProvince') },
    { name: 'skills', type: 'text', values: rows.map((c) => JSON.stringify(c.skills)) },
    { name: 'bank_card_enc', type: 'text', values: col('bankCardEnc') },
    { name: 'bank_card_masked', type: 'text', values: col('bankCardMasked') },
    { name: 'bank_name', type: 'text', values: col('bankName') },
    { name: 'luhn', type: 'bool', values: col('bankCardLuhnOk') },
    { name: 'emergency_enc', type: 'text', values: col('emergencyEnc') },
    { name: 'family_enc', type: 'text', values: col('familyEnc') },
    { name: 'children', type: 'int4', values: col('accompanyingChildrenCount') },
    { name: 'left_behind', type: 'text', values: rows.map((c) => toTextArray(c.leftBehindKinds)) },
  ]);
  const keys = unnestRows('k', [
    { name: 'b', type: 'text', values: col('idBidx') },
    { name: 'cc', type: 'text', values: counties },
    { name: 'r', type: 'text', values: col('residenceRegionCode') },
    { name: 'w', type: 'uuid', values: ids },
  ]);
  return { rows, ids, source, keys };
}

/**
 * Inserts many workers; returns the new ids by blind index. On PostgreSQL and PGlite one statement does it all:
 * the ids are drawn here (or ahead, in prepareWorkerInsert), and the workers, their national look-up entries
 * (worker_ids) and the changed counts (worker_counts) are written by data-modifying CTEs over array parameters
 * (db/bulk.ts) — one round trip, no RETURNING. On Citus the multi-row VALUES path (see db/bulk.ts), three statements.
 */
export async function insertWorkers(
  tx: Executor,
  rows: WorkerColumns[],
  createdBy: string | null,
  now: Date,
  departmentId: string | null = null,
  /** prepareWorkerInsert's result, used when it was built for exactly these rows. */
  prepared?: PreparedWorkerInsert | null,
): Promise<Map<string, string>> {
  if (rows.length === 0) return new Map();
  const ts = now.toISOString();
  if (onDistributedEngine()) return insertWorkersValues(tx, rows, createdBy, ts, departmentId);
  const sameRows = prepared && prepared.rows.length === rows.length && prepared.rows.every((r, i) => r === rows[i]);
  if (!sameRows) addTime('  insert: arrays built in the transaction', 0);
  const { ids, source, keys } = sameRows ? prepared : prepareWorkerInsert(rows);
  // New rows are active and belong to the importing user and department (the counted columns).
  const counted: CountedColumns[] = rows.map((c) => ({
    residenceRegionCode: c.residenceRegionCode,
    status: 'active',
    migrantType: c.migrantType,
    crossProvince: c.crossProvince,
    createdBy,
    departmentId,
  }));
  const counts = workerCountsUpsert(counted);
  const t0 = performance.now();
  await tx.execute(sql`with w as (
      insert into workers (id, county_code, ${WORKER_COLUMN_NAMES}, created_by, department_id, created_at, updated_at)
      select id, cc, name, id_bidx, id_enc, id_masked, sex, birth_date, ethnicity, education, phone_enc, phone_bidx,
        phone_masked, hukou, residence, migrant_type, cross_province, skills::jsonb, bank_card_enc, bank_card_masked,
        bank_name, luhn, emergency_enc, family_enc, children, left_behind::text[], ${createdBy}::uuid,
        ${departmentId}::uuid, ${ts}::timestamptz, ${ts}::timestamptz
      from ${source}
    ), i as (
      insert into worker_ids (id_bidx, county_code, region_code, worker_id, owner_id, owner_department_id)
      select b, cc, r, w, ${createdBy}::uuid, ${departmentId}::uuid from ${keys}
    ) ${counts ?? sql`select 1`}`);
  addTime('  insert: one statement', performance.now() - t0);
  return new Map(rows.map((c, i) => [c.idBidx, ids[i]]));
}

/** insertWorkers on Citus: multi-row VALUES (an INSERT … SELECT from arrays becomes a coordinator COPY there). */
async function insertWorkersValues(
  tx: Executor,
  rows: WorkerColumns[],
  createdBy: string | null,
  ts: string,
  departmentId: string | null,
): Promise<Map<string, string>> {
  const out = await all<CountedColumns & { id: string; idBidx: string }>(
    tx,
    sql`insert into workers (county_code, ${WORKER_COLUMN_NAMES}, created_by, department_id, created_at, updated_at)
      values ${sql.join(
        rows.map(
          (c) =>
            sql`(${countyCodeOf(c.residenceRegionCode)}, ${WORKER_VALUES(c)}, ${createdBy}::uuid, ${departmentId}::uuid,
            ${ts}::timestamptz, ${ts}::timestamptz)`,
        ),
        sql`, `,
      )} returning id, id_bidx as "idBidx", ${COUNTED_RETURNING}`,
  );
  await insertWorkerKeys(tx, out);
  await adjustWorkerCounts(tx, out);
  return new Map(out.map((r) => [r.idBidx, r.id]));
}

/** Workers visible in scope holding any of these blind indexes. */
export async function findWorkersByIdBidx(tx: Executor, bidxs: string[]): Promise<(WorkerRow & { idBidx: string })[]> {
  if (bidxs.length === 0) return [];
  return all(
    tx,
    sql`select ${WORKER_SELECT}, w.id_bidx as "idBidx" from ${workerFrom()}
      where w.id_bidx = any(${arrayLiteral(bidxs)}::text[]) ${countyRoute('w.county_code')}`,
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
  const [old] = await lockCounted(tx, [duplicateId]);
  if (!old) return;
  const updated = await one<CountedColumns>(
    tx,
    sql`update workers set status = 'merged', merged_into = ${survivorId}::uuid, version = version + 1,
      updated_at = ${now.toISOString()} where county_code = ${old.countyCode} and id = ${duplicateId}::uuid
      returning ${COUNTED_RETURNING}`,
  );
  if (updated) await workerChanged(tx, duplicateId, old, updated, old.idBidx);
}

/**
 * Moves the duplicate's records to the survivor `to` (whose scope columns they take on). In one county the rows
 * are updated; across counties they are copied under the survivor's county and removed from the duplicate's
 * (the county is the distribution column: rows do not change it, they move).
 */
export async function moveWorkerRecords(
  tx: Executor,
  from: { id: string; countyCode: string },
  toId: string,
  to: WorkerScope,
): Promise<void> {
  const toCounty = countyCodeOf(to.regionCode);
  const scope = sql`worker_region_code = ${to.regionCode}, owner_id = ${to.ownerId}::uuid,
    owner_department_id = ${to.departmentId}::uuid`;
  const scopeValues = {
    worker_id: toId,
    worker_region_code: to.regionCode,
    owner_id: to.ownerId,
    owner_department_id: to.departmentId,
  };
  const ofDuplicate = (alias = '') =>
    sql`${sql.raw(alias)}county_code = ${from.countyCode} and ${sql.raw(alias)}worker_id = ${from.id}::uuid`;
  if (toCounty === from.countyCode) {
    // An employment already held by the survivor (same employer and start) is kept once.
    await tx.execute(sql`update employments e set worker_id = ${toId}::uuid, ${scope} where ${ofDuplicate('e.')}
      and not exists (select 1 from employments s where s.county_code = e.county_code and s.worker_id = ${toId}::uuid
      and s.employer_id = e.employer_id and s.start_date = e.start_date)`);
    await tx.execute(sql`update insurance_transfers set worker_id = ${toId}::uuid, ${scope} where ${ofDuplicate()}`);
  } else {
    const moved = await copyRows(
      tx,
      'employments',
      ofDuplicate(),
      toCounty,
      scopeValues,
      'employments_worker_employer_start',
    );
    if (moved.length)
      await tx.execute(sql`delete from employments where county_code = ${from.countyCode}
        and id = any(${`{${moved.join(',')}}`}::uuid[])`);
    await copyRows(tx, 'insurance_transfers', ofDuplicate(), toCounty, scopeValues);
    await tx.execute(sql`delete from insurance_transfers where ${ofDuplicate()}`);
  }
  await tx.execute(
    sql`update employments set status = 'ended', end_date = coalesce(end_date, start_date) where ${ofDuplicate()}`,
  );
  // The duplicate keeps its own insurance rows; the survivor gains the types it had none of.
  await copyRows(tx, 'worker_insurance', ofDuplicate(), toCounty, scopeValues, 'worker_insurance_pkey');
}

/** Registered workers, from the kept counts (worker_counts: a few thousand groups, not a scan of a million rows). */
export async function countWorkers(tx: Executor): Promise<number> {
  return (await one<{ n: number }>(tx, sql`select coalesce(sum(n), 0)::int as n from worker_counts`))?.n ?? 0;
}

/** The oldest active workers with their blind index and masked ID (the demo's wage data refers to them). */
export async function oldestActiveWorkers(
  tx: Executor,
  limit: number,
): Promise<{ id: string; name: string; idBidx: string; idMasked: string }[]> {
  return all(
    tx,
    sql`select id, name, id_bidx as "idBidx", id_masked as "idMasked" from workers where status = 'active'
      order by created_at, id limit ${limit}`,
  );
}

/** Planner statistics after a bulk load (the embedded database has no autovacuum). */
export async function analyzeTables(db: Database): Promise<void> {
  for (const t of ['workers', 'employments', 'worker_counts', 'employers']) await db.execScript(`ANALYZE ${t}`);
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
    sql`select id_bidx as "idBidx", residence_region_code as "regionCode", created_by as "ownerId",
      department_id as "departmentId"
    from workers where id = ${workerId}::uuid ${countyRoute('county_code')}`,
  );
}

/** The facts another module copies of a worker (employment's job seekers), if the caller's scope sees the worker. */
export interface WorkerProfile {
  id: string;
  name: string;
  sex: string;
  birthDate: string;
  regionCode: string;
  skills: { occupationCode: string; certificate: string | null; level: string | null }[];
}

export async function workerProfile(tx: Executor, workerId: string): Promise<WorkerProfile | undefined> {
  return one<WorkerProfile>(
    tx,
    sql`select id, name, sex, birth_date::text as "birthDate", residence_region_code as "regionCode", skills
    from workers where id = ${workerId}::uuid and status = 'active' ${countyRoute('county_code')}`,
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
    sql`select id from employers where name like ${like}${
      f.creditCode
        ? sql`
      or credit_code = ${f.creditCode}`
        : sql``
    }`,
  );
  return rows.map((r) => r.id);
}

/** A uuid[] literal (one parameter however many ids: a search may match thousands). */
function uuidArray(ids: string[]): string {
  return `{${[...new Set(ids)].join(',')}}`;
}
