import { sql, type SQL } from 'drizzle-orm';
import { all, one, SYSTEM_SCOPE, toPgArray, underScope, type Executor } from '../../db/client.js';
import { countyRoute } from '../../db/routing.js';

/** SQL of job seekers (求职登记). Runs in the caller's transaction (its row-level-security scope). */

export interface SeekerRow {
  id: string;
  countyCode: string;
  workerId: string;
  name: string;
  sex: string;
  birthDate: string;
  regionCode: string;
  regionName: string | null;
  occupations: string[];
  places: string[];
  preference: 'local' | 'outbound' | 'any';
  minWageFen: number;
  availableFrom: string | null;
  skills: { occupationCode: string; certificate: string | null }[];
  note: string | null;
  status: 'seeking' | 'referred' | 'employed' | 'inactive';
  reconfirmedAt: Date;
  registeredRegion: string | null;
  ownerId: string | null;
  departmentId: string | null;
  createdAt: Date;
  version: number;
}

export interface SeekerWrite {
  occupations: string[];
  occMiddles: string[];
  places: string[];
  preference: string;
  minWageFen: number;
  availableFrom: string | null;
  note: string | null;
}

const arr = (values: string[]) => sql`${toPgArray(values)}::text[]`;

const COLUMNS = sql`s.id, s.county_code as "countyCode", s.worker_id as "workerId", s.name, s.sex,
  s.birth_date::text as "birthDate", s.region_code as "regionCode", r.name as "regionName", s.occupations, s.places,
  s.preference, s.min_wage_fen as "minWageFen", s.available_from::text as "availableFrom", s.skills, s.note, s.status,
  s.reconfirmed_at as "reconfirmedAt", s.registered_region as "registeredRegion", s.owner_id as "ownerId",
  s.owner_department_id as "departmentId", s.created_at as "createdAt", s.version`;
const FROM = sql`job_seekers s left join regions r on r.code = s.region_code`;

/** Inserts a seeker; undefined when the worker is registered already (in its county). */
export async function insertSeeker(
  tx: Executor,
  s: SeekerWrite & {
    countyCode: string;
    workerId: string;
    name: string;
    sex: string;
    birthDate: string;
    regionCode: string;
    skills: { occupationCode: string; certificate: string | null }[];
    registeredRegion: string;
    ownerId: string | null;
    departmentId: string | null;
    at: Date;
  },
): Promise<string | undefined> {
  const row = await one<{ id: string }>(
    tx,
    sql`insert into job_seekers (county_code, worker_id, name, sex, birth_date, region_code, occupations, occ_middles,
        places, preference, min_wage_fen, available_from, skills, note, registered_region, owner_id,
        owner_department_id, reconfirmed_at, created_at, updated_at)
      values (${s.countyCode}, ${s.workerId}, ${s.name}, ${s.sex}, ${s.birthDate}::date, ${s.regionCode},
        ${arr(s.occupations)}, ${arr(s.occMiddles)}, ${arr(s.places)}, ${s.preference}, ${s.minWageFen},
        ${s.availableFrom}::date, ${JSON.stringify(s.skills)}::jsonb, ${s.note}, ${s.registeredRegion}, ${s.ownerId},
        ${s.departmentId}, ${s.at}, ${s.at}, ${s.at})
      on conflict (county_code, worker_id) do nothing
      returning id`,
  );
  return row?.id;
}

/** `extra`: more select-list items in the same statement (matching reads its weights with the seeker). */
export async function findSeeker<X extends object = object>(
  tx: Executor,
  id: string,
  countyCode?: string,
  extra?: SQL,
): Promise<(SeekerRow & X) | undefined> {
  const county = countyCode ? sql` and s.county_code = ${countyCode}` : countyRoute('s.county_code');
  const more = extra ? sql`, ${extra}` : sql``;
  return one<SeekerRow & X>(tx, sql`select ${COLUMNS}${more} from ${FROM} where s.id = ${id}::uuid ${county}`);
}

export async function findSeekerByWorker(tx: Executor, countyCode: string, workerId: string) {
  return one<{ id: string }>(
    tx,
    sql`select id from job_seekers where county_code = ${countyCode} and worker_id = ${workerId}::uuid`,
  );
}

export async function updateSeeker(
  tx: Executor,
  countyCode: string,
  id: string,
  version: number,
  s: SeekerWrite & { status?: string },
  at: Date,
): Promise<boolean> {
  const row = await one(
    tx,
    sql`update job_seekers set occupations = ${arr(s.occupations)}, occ_middles = ${arr(s.occMiddles)},
        places = ${arr(s.places)}, preference = ${s.preference}, min_wage_fen = ${s.minWageFen},
        available_from = ${s.availableFrom}::date, note = ${s.note}, status = coalesce(${s.status ?? null}, status),
        reconfirmed_at = ${at}, updated_at = ${at}, version = version + 1
      where county_code = ${countyCode} and id = ${id}::uuid and version = ${version} returning id`,
  );
  return row !== undefined;
}

export async function reconfirm(tx: Executor, countyCode: string, id: string, at: Date): Promise<void> {
  await tx.execute(
    sql`update job_seekers set reconfirmed_at = ${at}, updated_at = ${at}, version = version + 1,
        status = case when status = 'inactive' then 'seeking' else status end
      where county_code = ${countyCode} and id = ${id}::uuid`,
  );
}

export async function setSeekerStatus(tx: Executor, countyCode: string, id: string, status: string, at: Date) {
  await tx.execute(
    sql`update job_seekers set status = ${status}, updated_at = ${at}, version = version + 1
      where county_code = ${countyCode} and id = ${id}::uuid`,
  );
}

export interface SeekerFilter {
  name?: string;
  status?: string;
  staleBefore?: Date;
  freshSince?: Date;
  occupationCode?: string;
  regionCode?: string;
  ownerId?: string;
  departmentId?: string;
}

export async function listSeekers(
  tx: Executor,
  f: SeekerFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: SeekerRow[]; total: number }> {
  const parts: SQL[] = [sql`true`];
  if (f.name) parts.push(sql`strpos(s.name, ${f.name}) > 0`);
  if (f.status) parts.push(sql`s.status = ${f.status}`);
  if (f.staleBefore) parts.push(sql`s.reconfirmed_at < ${f.staleBefore}`);
  if (f.freshSince) parts.push(sql`s.reconfirmed_at >= ${f.freshSince}`);
  if (f.occupationCode)
    parts.push(sql`exists (select 1 from unnest(s.occupations) o where o like ${`${f.occupationCode}%`})`);
  if (f.regionCode) parts.push(sql`s.region_code like ${`${f.regionCode}%`}`);
  if (f.ownerId) parts.push(sql`s.owner_id = ${f.ownerId}::uuid`);
  if (f.departmentId) parts.push(sql`s.owner_department_id = ${f.departmentId}::uuid`);
  const w = sql`${sql.join(parts, sql` and `)} ${countyRoute('s.county_code')}`;
  const rows = await all<SeekerRow>(
    tx,
    sql`select ${COLUMNS} from ${FROM} where ${w} order by s.created_at desc, s.id
      limit ${page.limit} offset ${page.offset}`,
  );
  const total = await one<{ n: number }>(tx, sql`select count(*)::int as n from job_seekers s where ${w}`);
  return { rows, total: total?.n ?? 0 };
}

/** Adds a certificate to the seekers of a worker (the training module's seam: a certificate was obtained). */
export async function addSkill(
  tx: Executor,
  countyCode: string,
  workerId: string,
  skill: { occupationCode: string; certificate: string | null },
  occMiddle: string,
  at: Date,
): Promise<number> {
  const rows = await all(
    tx,
    sql`update job_seekers set skills = skills || ${JSON.stringify([skill])}::jsonb,
        occ_middles = case when ${occMiddle} = any(occ_middles) then occ_middles
          else array_append(occ_middles, ${occMiddle}::text) end, updated_at = ${at}
      where county_code = ${countyCode} and worker_id = ${workerId}::uuid returning id`,
  );
  return rows.length;
}

/**
 * A certificate the worker obtained joins the skills of the worker's seeker record, wherever it lies: the
 * training officer who issued it may serve another county than the worker's residence, so the write runs under
 * the system scope (in the issuing transaction) and names the worker, not the county.
 */
export async function addSkillOfWorker(
  tx: Executor,
  workerId: string,
  skill: { occupationCode: string; certificate: string | null },
  occMiddle: string,
  at: Date,
): Promise<number> {
  return underScope(tx, SYSTEM_SCOPE, async () => {
    const rows = await all(
      tx,
      sql`update job_seekers set skills = skills || ${JSON.stringify([skill])}::jsonb,
          occ_middles = case when ${occMiddle} = any(occ_middles) then occ_middles
            else array_append(occ_middles, ${occMiddle}::text) end, updated_at = ${at}
        where worker_id = ${workerId}::uuid returning id`,
    );
    return rows.length;
  });
}
