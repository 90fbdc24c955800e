/**
 * Set-based writes of the employment demo (seed.service.ts `seedDemo`): postings, seekers and a year of referrals,
 * each table in multi-row statements in the caller's transaction instead of one audited use case per record. The
 * same columns the per-row repos (jobs.repo.ts insertJob, seekers.repo.ts insertSeeker, referrals.repo.ts
 * insertReferral and the referral's outcome and follow-ups) write. System use only (SYSTEM_SCOPE).
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

/** A referral of the past year as the referral, its outcome and its follow-ups leave it (written on its dates). */
export interface SeedReferral {
  id: string;
  countyCode: string;
  seekerId: string;
  workerId: string;
  seekerName: string;
  jobCountyCode: string;
  jobId: string;
  jobTitle: string;
  employerId: string;
  employerName: string;
  jobRegionCode: string;
  regionCode: string;
  createdByName: string;
  ownerId: string | null;
  departmentId: string | null;
  createdAt: Date;
  outcome: string;
  outcomeOn: string | null;
  followUpsDone: boolean;
}

/**
 * Referrals with their outcome and follow-ups (as `insertReferral` followed by the demo's back-dating: the
 * outcome by staff, a hire's follow-up dates at 30 and 90 days, done at 35 and 95 days for an old one).
 */
export async function insertReferrals(tx: Executor, rows: SeedReferral[]): Promise<void> {
  const DAY = 86_400_000;
  for (const slice of statementSlices(rows, 26)) {
    const values = slice.map((r) => {
      const hired = r.outcome === 'hired';
      const done = hired && r.followUpsDone;
      const at = (days: number) => (done ? new Date(r.createdAt.getTime() + days * DAY) : null);
      return sql`(${r.id}::uuid, ${r.countyCode}, ${r.seekerId}::uuid, ${r.workerId}::uuid, ${r.seekerName},
        ${r.jobCountyCode}, ${r.jobId}::uuid, ${r.jobTitle}, ${r.employerId}::uuid, ${r.employerName},
        ${r.jobRegionCode}, ${r.regionCode}, null::uuid, null::uuid, null::text, ${r.createdByName}, ${r.ownerId}::uuid,
        ${r.departmentId}::uuid, ${r.createdAt}::timestamptz, ${r.createdAt}::timestamptz, ${r.outcome},
        ${r.outcome === 'pending' ? null : 'staff'}::text, ${r.outcomeOn}::date,
        ${hired ? r.outcomeOn : null}::date, ${hired ? r.outcomeOn : null}::date + 30,
        ${hired ? r.outcomeOn : null}::date + 90, ${at(35)}::timestamptz, ${done ? true : null}::boolean,
        ${at(95)}::timestamptz, ${done ? true : null}::boolean)`;
    });
    await tx.execute(
      sql`insert into referrals (id, county_code, seeker_id, worker_id, seeker_name, job_county_code, job_id,
          job_title, employer_id, employer_name, job_region_code, region_code, campaign_id, impression_id, note,
          created_by_name, owner_id, owner_department_id, created_at, updated_at, outcome, outcome_source, outcome_on,
          hired_on, fu30_due, fu90_due, fu30_done_at, fu30_still_employed, fu90_done_at, fu90_still_employed)
        values ${sql.join(values, sql`, `)}`,
    );
  }
}

/** Seekers of one county referred (as a referral's `setSeekerStatus` from 'seeking'). */
export async function markReferred(tx: Executor, countyCode: string, seekerIds: string[], at: Date): Promise<void> {
  if (seekerIds.length === 0) return;
  await tx.execute(
    sql`update job_seekers set status = 'referred', updated_at = ${at}, version = version + 1
      where county_code = ${countyCode} and id = any(${toPgArray(seekerIds)}::uuid[]) and status = 'seeking'`,
  );
}
