import { sql, type SQL } from 'drizzle-orm';
import { all, one, toPgArray, type Executor } from '../../db/client.js';
import { countyRoute } from '../../db/routing.js';

/** SQL of job postings (岗位信息). Runs in the caller's transaction. */

export interface JobRow {
  id: string;
  countyCode: string;
  employerId: string;
  employerName: string;
  title: string;
  occupationCode: string;
  headcount: number;
  wageMinFen: number;
  wageMaxFen: number;
  regionCode: string;
  regionName: string | null;
  address: string;
  requirements: {
    skills: string[];
    certificates: string[];
    ageMin: number | null;
    ageMax: number | null;
    education: string | null;
    sex: 'any' | 'male' | 'female';
    other: string | null;
  };
  housing: boolean;
  meals: boolean;
  insurance: boolean;
  contractTermMonths: number | null;
  /** valid_until (a date, aliased so that it is not revived as a timestamp). */
  validOn: string;
  householdService: boolean;
  description: string | null;
  status: 'open' | 'filled' | 'expired' | 'withdrawn';
  withdrawReason: string | null;
  warnings: unknown[];
  ownerId: string | null;
  departmentId: string | null;
  publishedAt: Date;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export interface JobWrite {
  countyCode: string;
  employerId: string;
  employerName: string;
  title: string;
  occupationCode: string;
  occMiddle: string;
  headcount: number;
  wageMinFen: number;
  wageMaxFen: number;
  regionCode: string;
  address: string;
  requirements: JobRow['requirements'];
  housing: boolean;
  meals: boolean;
  insurance: boolean;
  contractTermMonths: number | null;
  validUntil: string;
  householdService: boolean;
  description: string | null;
  warnings: unknown[];
  grams: string[];
  searchText: string;
}

const COLUMNS = sql`j.id, j.county_code as "countyCode", j.employer_id as "employerId",
  j.employer_name as "employerName", j.title, j.occupation_code as "occupationCode", j.headcount,
  j.wage_min_fen as "wageMinFen", j.wage_max_fen as "wageMaxFen", j.region_code as "regionCode",
  r.name as "regionName", j.address, j.requirements,
  j.housing, j.meals, j.insurance, j.contract_term_months as "contractTermMonths", j.valid_until::text as "validOn",
  j.household_service as "householdService", j.description, j.status, j.withdraw_reason as "withdrawReason",
  j.warnings, j.owner_id as "ownerId", j.owner_department_id as "departmentId", j.published_at as "publishedAt",
  j.created_at as "createdAt", j.updated_at as "updatedAt", j.version`;

/** A posting with its township's name (the region tree is a platform reference table). */
const FROM = sql`job_postings j left join regions r on r.code = j.region_code`;

const pgArray = (values: string[]) => sql`${toPgArray(values)}::text[]`;

export async function insertJob(
  tx: Executor,
  j: JobWrite,
  owner: { ownerId: string | null; departmentId: string | null },
  at: Date,
): Promise<string> {
  const row = await one<{ id: string }>(
    tx,
    sql`insert into job_postings (county_code, employer_id, employer_name, title, occupation_code, occ_middle,
        headcount, wage_min_fen, wage_max_fen, region_code, address, requirements, certificates, housing, meals,
        insurance, contract_term_months, valid_until, household_service, description, warnings, grams, search_text,
        owner_id, owner_department_id, published_at, created_at, updated_at)
      values (${j.countyCode}, ${j.employerId}, ${j.employerName}, ${j.title}, ${j.occupationCode}, ${j.occMiddle},
        ${j.headcount}, ${j.wageMinFen}, ${j.wageMaxFen}, ${j.regionCode}, ${j.address},
        ${JSON.stringify(j.requirements)}::jsonb, ${pgArray(j.requirements.certificates)}, ${j.housing}, ${j.meals},
        ${j.insurance}, ${j.contractTermMonths}, ${j.validUntil}::date, ${j.householdService}, ${j.description},
        ${JSON.stringify(j.warnings)}::jsonb, ${pgArray(j.grams)}, ${j.searchText}, ${owner.ownerId},
        ${owner.departmentId}, ${at}, ${at}, ${at})
      returning id`,
  );
  return row!.id;
}

/** Updates a posting in place (its county never changes: the service refuses a move to another county). */
export async function updateJob(tx: Executor, id: string, version: number, j: JobWrite, at: Date): Promise<boolean> {
  const row = await one<{ id: string }>(
    tx,
    sql`update job_postings set employer_id = ${j.employerId}, employer_name = ${j.employerName}, title = ${j.title},
        occupation_code = ${j.occupationCode}, occ_middle = ${j.occMiddle}, headcount = ${j.headcount},
        wage_min_fen = ${j.wageMinFen}, wage_max_fen = ${j.wageMaxFen}, region_code = ${j.regionCode},
        address = ${j.address}, requirements = ${JSON.stringify(j.requirements)}::jsonb,
        certificates = ${pgArray(j.requirements.certificates)}, housing = ${j.housing}, meals = ${j.meals},
        insurance = ${j.insurance}, contract_term_months = ${j.contractTermMonths}, valid_until = ${j.validUntil}::date,
        household_service = ${j.householdService}, description = ${j.description},
        warnings = ${JSON.stringify(j.warnings)}::jsonb, grams = ${pgArray(j.grams)}, search_text = ${j.searchText},
        status = case when status = 'expired' then 'open' else status end,
        updated_at = ${at}, version = version + 1
      where county_code = ${j.countyCode} and id = ${id}::uuid and version = ${version}
      returning id`,
  );
  return row !== undefined;
}

export async function setStatus(
  tx: Executor,
  countyCode: string,
  id: string,
  status: JobRow['status'],
  reason: string | null,
  at: Date,
): Promise<void> {
  await tx.execute(
    sql`update job_postings set status = ${status}, withdraw_reason = coalesce(${reason}, withdraw_reason),
        updated_at = ${at}, version = version + 1
      where county_code = ${countyCode} and id = ${id}::uuid`,
  );
}

/** A posting by id in any county (postings are readable city-wide; the county is not known from the id). */
/** `extra`: more select-list items in the same statement (matching reads its weights with the posting). */
export async function findJob<X extends object = object>(
  tx: Executor,
  id: string,
  countyCode?: string,
  extra?: SQL,
): Promise<(JobRow & X) | undefined> {
  const county = countyCode ? sql` and j.county_code = ${countyCode}` : sql``;
  const more = extra ? sql`, ${extra}` : sql``;
  return one<JobRow & X>(tx, sql`select ${COLUMNS}${more} from ${FROM} where j.id = ${id}::uuid ${county}`);
}

export interface JobFilter {
  grams: string[];
  terms: string[];
  status?: string;
  occupationCode?: string;
  regionCode?: string;
  employerId?: string;
  householdService?: boolean;
  wageAtLeastFen?: number;
  ownerId?: string;
  departmentId?: string;
}

function where(f: JobFilter): SQL {
  const parts: SQL[] = [sql`true`];
  if (f.grams.length) parts.push(sql`j.grams @> ${pgArray(f.grams)}`);
  for (const t of f.terms) parts.push(sql`strpos(j.search_text, ${t}) > 0`);
  if (f.status) parts.push(sql`j.status = ${f.status}`);
  if (f.occupationCode) parts.push(sql`j.occupation_code like ${`${f.occupationCode}%`}`);
  if (f.regionCode) parts.push(sql`j.region_code like ${`${f.regionCode}%`}`);
  if (f.employerId) parts.push(sql`j.employer_id = ${f.employerId}::uuid`);
  if (f.householdService !== undefined) parts.push(sql`j.household_service = ${f.householdService}`);
  if (f.wageAtLeastFen !== undefined) parts.push(sql`j.wage_max_fen >= ${f.wageAtLeastFen}`);
  if (f.ownerId) parts.push(sql`j.owner_id = ${f.ownerId}::uuid`);
  if (f.departmentId) parts.push(sql`j.owner_department_id = ${f.departmentId}::uuid`);
  return sql.join(parts, sql` and `);
}

export async function listJobs(
  tx: Executor,
  f: JobFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: JobRow[]; total: number }> {
  const county =
    f.regionCode && f.regionCode.length >= 6 ? sql` and j.county_code = ${f.regionCode.slice(0, 6)}` : sql``;
  const w = sql`${where(f)} ${county}`;
  const rows = await all<JobRow>(
    tx,
    sql`select ${COLUMNS} from ${FROM} where ${w}
      order by j.created_at desc, j.id limit ${page.limit} offset ${page.offset}`,
  );
  const total = await one<{ n: number }>(tx, sql`select count(*)::int as n from ${FROM} where ${w}`);
  return { rows, total: total?.n ?? 0 };
}

/** Marks the open postings whose validity ended before `today` as expired; the number marked. */
export async function expireJobs(tx: Executor, today: string, at: Date): Promise<number> {
  const rows = await all(
    tx,
    sql`update job_postings set status = 'expired', updated_at = ${at}, version = version + 1
      where status = 'open' and valid_until < ${today}::date ${countyRoute('county_code')} returning id`,
  );
  return rows.length;
}

/** Counts a hire on a posting; it is filled when the hires reach its headcount. Answers the new status. */
export async function recordHire(tx: Executor, countyCode: string, id: string, at: Date): Promise<string | undefined> {
  const row = await one<{ status: string }>(
    tx,
    sql`update job_postings set hired_count = hired_count + 1, updated_at = ${at},
        status = case when status = 'open' and hired_count + 1 >= headcount then 'filled' else status end
      where county_code = ${countyCode} and id = ${id}::uuid returning status`,
  );
  return row?.status;
}

/** An open posting with the same natural key (employer, title, township, validity): a file imported twice. */
export async function findOpenDuplicate(
  tx: Executor,
  k: { countyCode: string; employerId: string; title: string; regionCode: string; validUntil: string },
): Promise<string | undefined> {
  const row = await one<{ id: string }>(
    tx,
    sql`select id from job_postings where county_code = ${k.countyCode} and employer_id = ${k.employerId}::uuid
        and title = ${k.title} and region_code = ${k.regionCode} and valid_until = ${k.validUntil}::date
        and status = 'open' limit 1`,
  );
  return row?.id;
}
