/**
 * Set-based writes of the demo year of training (seed.service.ts `seedDemo`): a class's trainees with their
 * results, attendance, certificates, the national person look-up and the subsidy claims, each table in one multi-row
 * statement in the caller's transaction (one per class), instead of one audited use case per record. The same
 * columns the per-row repos (enrolments.repo.ts, subsidies.repo.ts) write. System use only (SYSTEM_SCOPE).
 */
import { sql } from 'drizzle-orm';
import { all, one, statementSlices, type Executor } from '../../db/client.js';
import type { CertificateRow, EnrolmentRow, PersonPeriod } from './enrolments.repo.js';
import type { ClaimRow } from './subsidies.repo.js';
import type { Owned } from './training.repo.js';

/** Multi-row VALUES in slices that stay under the statement's parameter limit. */
async function insertSliced<T>(rows: T[], columns: number, write: (slice: T[]) => Promise<void>): Promise<void> {
  for (const slice of statementSlices(rows, columns)) await write(slice);
}

export type SeedEnrolment = Omit<EnrolmentRow, 'id'>;

/** Inserts a class's enrolments with their outcome; returns the new ids by blind index (a duplicate is skipped). */
export async function insertEnrolments(tx: Executor, rows: SeedEnrolment[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  let k = 0;
  await insertSliced(rows, 18, async (slice) => {
    const values = slice.map(
      // created a microsecond apart: a class's list (ordered by created_at) keeps the order of enrolment
      (r) =>
        sql`(${r.countyCode}, ${r.classId}::uuid, ${r.workerId}::uuid, ${r.idBidx}, ${r.workerName}, ${r.idMasked},
          ${r.originProvince}, ${r.status}, ${r.examResult}, ${r.examScore}, ${r.completedOn}::date,
          ${r.employedOn}::date, ${r.contractMonths}::int, ${r.attended}::int, ${r.regionCode}, ${r.ownerId}::uuid,
          ${r.departmentId}::uuid, now() + ${k++}::int * interval '1 microsecond')`,
    );
    const out = await all<{ id: string; idBidx: string }>(
      tx,
      sql`insert into training_enrolments (county_code, class_id, worker_id, id_bidx, worker_name, id_masked,
          origin_province, status, exam_result, exam_score, completed_on, employed_on, contract_months, attended,
          region_code, owner_id, owner_department_id, created_at)
        values ${sql.join(values, sql`, `)}
        on conflict (county_code, class_id, id_bidx) do nothing
        returning id, id_bidx as "idBidx"`,
    );
    for (const r of out) ids.set(r.idBidx, r.id);
  });
  return ids;
}

/** The class's seats taken by `n` enrolments at once (the capacity's check constraint backs it). */
export async function takeSeats(tx: Executor, countyCode: string, classId: string, n: number): Promise<void> {
  if (n > 0)
    await tx.execute(
      sql`update training_classes set enrolled = enrolled + ${n}::int
        where county_code = ${countyCode} and id = ${classId}::uuid`,
    );
}

/** Every session of a class for its enrolments, present or absent. */
export async function insertAttendance(
  tx: Executor,
  rows: (Owned & { countyCode: string; enrolmentId: string; session: number; present: boolean })[],
): Promise<void> {
  await insertSliced(rows, 7, async (slice) => {
    const values = slice.map(
      (r) =>
        sql`(${r.countyCode}, ${r.enrolmentId}::uuid, ${r.session}::int, ${r.present}, ${r.regionCode},
          ${r.ownerId}::uuid, ${r.departmentId}::uuid)`,
    );
    await tx.execute(
      sql`insert into training_attendance (county_code, enrolment_id, session_no, present, region_code, owner_id,
          owner_department_id)
        values ${sql.join(values, sql`, `)}`,
    );
  });
}

/** Certificates (a number already registered for its kind in the county is skipped); returns ids by enrolment. */
export async function insertCertificates(
  tx: Executor,
  rows: (Omit<CertificateRow, 'id'> & Owned & { countyCode: string })[],
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  await insertSliced(rows, 11, async (slice) => {
    const values = slice.map(
      (r) =>
        sql`(${r.countyCode}, ${r.enrolmentId}::uuid, ${r.workerId}::uuid, ${r.kind}, ${r.level}, ${r.number},
          ${r.issuedOn}::date, ${r.occupationCode}, ${r.regionCode}, ${r.ownerId}::uuid, ${r.departmentId}::uuid)`,
    );
    const out = await all<{ id: string; enrolmentId: string }>(
      tx,
      sql`insert into training_certificates (county_code, enrolment_id, worker_id, kind, level, number, issued_on,
          occupation_code, region_code, owner_id, owner_department_id)
        values ${sql.join(values, sql`, `)}
        on conflict (county_code, kind, number) do nothing
        returning id, enrolment_id as "enrolmentId"`,
    );
    for (const r of out) ids.set(r.enrolmentId, r.id);
  });
  return ids;
}

/**
 * The national look-up rows of several people, each locked until the transaction ends (as `lockPerson`). One
 * statement per person: Citus runs FOR UPDATE only with an equality filter on the distribution column.
 */
export async function lockPeople(tx: Executor, idBidxs: string[]): Promise<Map<string, PersonPeriod[]>> {
  const out = new Map<string, PersonPeriod[]>();
  for (const idBidx of new Set(idBidxs)) {
    const row = await one<{ periods: PersonPeriod[] }>(
      tx,
      sql`select periods from training_people where id_bidx = ${idBidx} for update`,
    );
    if (row) out.set(idBidx, row.periods);
  }
  return out;
}

/** Writes several people's periods (as `writePerson`, at once). */
export async function writePeople(
  tx: Executor,
  rows: { idBidx: string; countyCode: string; regionCode: string; periods: PersonPeriod[] }[],
): Promise<void> {
  await insertSliced(rows, 4, async (slice) => {
    const values = slice.map(
      (r) => sql`(${r.idBidx}, ${r.countyCode}, ${r.regionCode}, ${JSON.stringify(r.periods)}::jsonb)`,
    );
    await tx.execute(
      sql`insert into training_people (id_bidx, county_code, region_code, periods)
        values ${sql.join(values, sql`, `)}
        on conflict (id_bidx) do update set periods = excluded.periods`,
    );
  });
}

/** Takes the no-double-payment keys (as `takeClaimKey`, at once); returns the claim ids whose key was free. */
export async function takeClaimKeys(
  tx: Executor,
  keys: { key: string; countyCode: string; claimId: string; regionCode: string }[],
): Promise<Set<string>> {
  const taken = new Set<string>();
  await insertSliced(keys, 4, async (slice) => {
    const values = slice.map((k) => sql`(${k.key}, ${k.countyCode}, ${k.claimId}::uuid, ${k.regionCode})`);
    const out = await all<{ claimId: string }>(
      tx,
      sql`insert into training_claim_keys (claim_key, county_code, claim_id, region_code)
        values ${sql.join(values, sql`, `)}
        on conflict (claim_key) do nothing returning claim_id as "claimId"`,
    );
    for (const r of out) taken.add(r.claimId);
  });
  return taken;
}

/** Inserts claims with their status and steps so far (as `insertClaim`, at once). */
export async function insertClaims(tx: Executor, rows: Omit<ClaimRow, 'createdAt' | 'batchId'>[]): Promise<void> {
  await insertSliced(rows, 22, async (slice) => {
    const values = slice.map(
      (r) =>
        sql`(${r.countyCode}, ${r.id}::uuid, ${r.enrolmentId}::uuid, ${r.classId}::uuid, ${r.idBidx},
          ${r.workerName}, ${r.occupationCode}, ${r.periodKey}::int, ${r.ruleId}::uuid, ${r.ruleName},
          ${JSON.stringify(r.basis)}::jsonb, ${r.amountFen}::int8, ${r.payee}, ${r.payeeName}, ${r.accountEnc},
          ${r.accountMasked}, ${r.bankName}, ${r.status}, ${JSON.stringify(r.steps)}::jsonb, ${r.regionCode},
          ${r.ownerId}::uuid, ${r.departmentId}::uuid)`,
    );
    await tx.execute(
      sql`insert into training_subsidy_claims (county_code, id, enrolment_id, class_id, id_bidx, worker_name,
          occupation_code, period_key, rule_id, rule_name, basis, amount_fen, payee, payee_name, account_enc,
          account_masked, bank_name, status, steps, region_code, owner_id, owner_department_id)
        values ${sql.join(values, sql`, `)}
        on conflict (county_code, id_bidx, occupation_code, period_key) where status <> 'rejected' do nothing`,
    );
  });
}
