/**
 * Set-based writes of the employment demo (seed.service.ts `seedDemo`): postings and seekers, each table in
 * multi-row statements in the caller's transaction instead of one audited use case per record. The same columns the
 * per-row repos (jobs.repo.ts insertJob, seekers.repo.ts insertSeeker) write. The demo's referrals go through
 * referrals.repo.ts `insertReferrals` itself (with their outcome and follow-ups). System use only (SYSTEM_SCOPE).
 */
import { sql } from 'drizzle-orm';
import { all, statementSlices, toPgArray, type Executor } from '../../db/client.js';
import type { JobWrite } from './jobs.repo.js';
import type { insertSeeker } from './seekers.repo.js';

const arr = (values: string[]) => sql`${toPgArray(values)}::text[]`;

/** What `insertSeeker` stores. */
export type SeekerInsert = Parameters<typeof insertSeeker>[1];

/** Postings with their ids (as `insertJob`, at once); `at`: each posting's publication time. */
export async function insertJobs(
  tx: Executor,
  rows: (JobWrite & { id: string; ownerId: string | null; departmentId: string | null; at: Date })[],
): Promise<void> {
  for (const slice of statementSlices(rows, 29)) {
    const values = slice.map(
      (j) =>
        sql`(${j.id}::uuid, ${j.countyCode}, ${j.employerId}, ${j.employerName}, ${j.title}, ${j.occupationCode},
          ${j.occMiddle}, ${j.headcount}, ${j.wageMinFen}, ${j.wageMaxFen}, ${j.regionCode}, ${j.address},
          ${JSON.stringify(j.requirements)}::jsonb, ${arr(j.requirements.certificates)}, ${j.housing}, ${j.meals},
          ${j.insurance}, ${j.contractTermMonths}::int, ${j.validUntil}::date, ${j.householdService}, ${j.description},
          ${JSON.stringify(j.warnings)}::jsonb, ${arr(j.grams)}, ${j.searchText}, ${j.ownerId}::uuid,
          ${j.departmentId}::uuid, ${j.at}::timestamptz, ${j.at}::timestamptz, ${j.at}::timestamptz)`,
    );
    await tx.execute(
      sql`insert into job_postings (id, county_code, employer_id, employer_name, title, occupation_code, occ_middle,
          headcount, wage_min_fen, wage_max_fen, region_code, address, requirements, certificates, housing, meals,
          insurance, contract_term_months, valid_until, household_service, description, warnings, grams, search_text,
          owner_id, owner_department_id, published_at, created_at, updated_at)
        values ${sql.join(values, sql`, `)}`,
    );
  }
}

/** Seekers (as `insertSeeker`, at once; a worker registered already in its county is skipped): ids by worker. */
export async function insertSeekers(tx: Executor, rows: SeekerInsert[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const slice of statementSlices(rows, 20)) {
    const values = slice.map(
      (s) =>
        sql`(${s.countyCode}, ${s.workerId}::uuid, ${s.name}, ${s.sex}, ${s.birthDate}::date, ${s.regionCode},
          ${arr(s.occupations)}, ${arr(s.occMiddles)}, ${arr(s.places)}, ${s.preference}, ${s.minWageFen}::int8,
          ${s.availableFrom}::date, ${JSON.stringify(s.skills)}::jsonb, ${s.note}, ${s.registeredRegion},
          ${s.ownerId}::uuid, ${s.departmentId}::uuid, ${s.at}::timestamptz, ${s.at}::timestamptz,
          ${s.at}::timestamptz)`,
    );
    const out = await all<{ id: string; workerId: string }>(
      tx,
      sql`insert into job_seekers (county_code, worker_id, name, sex, birth_date, region_code, occupations,
          occ_middles, places, preference, min_wage_fen, available_from, skills, note, registered_region, owner_id,
          owner_department_id, reconfirmed_at, created_at, updated_at)
        values ${sql.join(values, sql`, `)}
        on conflict (county_code, worker_id) do nothing
        returning id, worker_id as "workerId"`,
    );
    for (const r of out) ids.set(r.workerId, r.id);
  }
  return ids;
}

/** Seekers of one county referred (as a referral's `setSeekerStatus` from 'seeking'). */
export async function markReferred(tx: Executor, countyCode: string, seekerIds: string[], at: Date): Promise<void> {
  if (seekerIds.length === 0) return;
  await tx.execute(
    sql`update job_seekers set status = 'referred', updated_at = ${at}, version = version + 1
      where county_code = ${countyCode} and id = any(${toPgArray(seekerIds)}::uuid[]) and status = 'seeking'`,
  );
}
