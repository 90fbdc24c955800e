import { sql, type SQL } from 'drizzle-orm';
import { all, one, toPgArray, type Executor } from '../../db/client.js';
import { countyRoute } from '../../db/routing.js';

/** SQL of training institutions, classes and targets (职业技能培训). Runs in the caller's transaction. */

export interface Owned {
  regionCode: string;
  ownerId: string | null;
  departmentId: string | null;
}

const INSTITUTION_COLUMNS = sql`i.id, i.county_code as "countyCode", i.name, i.kind, i.credit_code as "creditCode",
  i.employer_id as "employerId", i.status, i.valid_from::text as "validFrom", i.valid_until::text as "validTo",
  i.occupations, i.contact, i.region_code as "regionCode", i.owner_id as "ownerId",
  i.owner_department_id as "departmentId", i.created_at as "createdAt"`;

export interface InstitutionRow extends Owned {
  id: string;
  countyCode: string;
  name: string;
  kind: 'designated' | 'technical_school' | 'enterprise';
  creditCode: string | null;
  employerId: string | null;
  status: 'pending' | 'approved' | 'revoked';
  validFrom: string | null;
  validTo: string | null;
  occupations: string[];
  contact: string | null;
  createdAt: Date;
}

export async function insertInstitution(
  tx: Executor,
  r: Omit<InstitutionRow, 'id' | 'createdAt' | 'status'>,
): Promise<string> {
  const row = await one<{ id: string }>(
    tx,
    sql`insert into training_institutions (county_code, name, kind, credit_code, employer_id, valid_from, valid_until,
        occupations, contact, region_code, owner_id, owner_department_id)
      values (${r.countyCode}, ${r.name}, ${r.kind}, ${r.creditCode}, ${r.employerId}, ${r.validFrom}, ${r.validTo},
        ${toPgArray(r.occupations)}::text[], ${r.contact}, ${r.regionCode}, ${r.ownerId}, ${r.departmentId})
      returning id`,
  );
  return row!.id;
}

export async function findInstitution(tx: Executor, id: string): Promise<InstitutionRow | undefined> {
  return one(
    tx,
    sql`select ${INSTITUTION_COLUMNS} from training_institutions i
      where i.id = ${id}::uuid ${countyRoute('i.county_code')}`,
  );
}

export async function updateInstitution(
  tx: Executor,
  countyCode: string,
  id: string,
  f: Pick<InstitutionRow, 'status' | 'validFrom' | 'validTo' | 'occupations' | 'contact'>,
): Promise<void> {
  await tx.execute(
    sql`update training_institutions set status = ${f.status}, valid_from = ${f.validFrom},
      valid_until = ${f.validTo}, occupations = ${toPgArray(f.occupations)}::text[], contact = ${f.contact}
    where county_code = ${countyCode} and id = ${id}::uuid`,
  );
}

export async function listInstitutions(
  tx: Executor,
  f: { q?: string; status?: string; ownerId?: string; departmentId?: string; limit: number; offset: number },
): Promise<{ items: InstitutionRow[]; total: number }> {
  const where: SQL[] = [sql`true ${countyRoute('i.county_code')}`];
  if (f.q) where.push(sql`i.name like ${'%' + f.q.replace(/[\\%_]/g, (c) => '\\' + c) + '%'}`);
  if (f.status) where.push(sql`i.status = ${f.status}`);
  if (f.ownerId) where.push(sql`i.owner_id = ${f.ownerId}::uuid`);
  if (f.departmentId) where.push(sql`i.owner_department_id = ${f.departmentId}::uuid`);
  const cond = sql.join(where, sql` and `);
  const items = await all<InstitutionRow>(
    tx,
    sql`select ${INSTITUTION_COLUMNS} from training_institutions i where ${cond}
      order by i.name, i.id limit ${f.limit} offset ${f.offset}`,
  );
  const total = await one<{ n: number }>(tx, sql`select count(*)::int as n from training_institutions i where ${cond}`);
  return { items, total: total?.n ?? 0 };
}

// ---------------------------------------------------------------- classes
const CLASS_COLUMNS = sql`c.id, c.county_code as "countyCode", c.name, c.institution_id as "institutionId",
  c.institution_county_code as "institutionCountyCode", c.institution_name as "institutionName",
  c.occupation_code as "occupationCode", c.training_type as "trainingType", c.mode, c.employer_id as "employerId",
  c.employer_name as "employerName", c.start_date::text as "startDate", c.end_date::text as "endDate", c.sessions,
  c.capacity, c.enrolled, c.teacher, c.subsidised, c.payee, c.status, c.region_code as "regionCode",
  c.owner_id as "ownerId", c.owner_department_id as "departmentId", c.created_at as "createdAt"`;

export interface ClassRow extends Owned {
  id: string;
  countyCode: string;
  name: string;
  institutionId: string;
  institutionCountyCode: string;
  institutionName: string;
  occupationCode: string;
  trainingType: string;
  mode: string;
  employerId: string | null;
  employerName: string | null;
  startDate: string;
  endDate: string;
  sessions: number;
  capacity: number;
  enrolled: number;
  teacher: string | null;
  subsidised: boolean;
  payee: 'person' | 'enterprise';
  status: 'open' | 'closed';
  createdAt: Date;
}

export async function insertClass(
  tx: Executor,
  r: Omit<ClassRow, 'id' | 'createdAt' | 'enrolled' | 'status'>,
): Promise<string> {
  const row = await one<{ id: string }>(
    tx,
    sql`insert into training_classes (county_code, name, institution_id, institution_county_code, institution_name,
        occupation_code, training_type, mode, employer_id, employer_name, start_date, end_date, sessions, capacity,
        teacher, subsidised, payee, region_code, owner_id, owner_department_id)
      values (${r.countyCode}, ${r.name}, ${r.institutionId}::uuid, ${r.institutionCountyCode}, ${r.institutionName},
        ${r.occupationCode}, ${r.trainingType}, ${r.mode}, ${r.employerId}, ${r.employerName}, ${r.startDate},
        ${r.endDate}, ${r.sessions}, ${r.capacity}, ${r.teacher}, ${r.subsidised}, ${r.payee}, ${r.regionCode},
        ${r.ownerId}, ${r.departmentId})
      returning id`,
  );
  return row!.id;
}

export async function findClass(tx: Executor, id: string, forUpdate = false): Promise<ClassRow | undefined> {
  return one(
    tx,
    sql`select ${CLASS_COLUMNS} from training_classes c where c.id = ${id}::uuid ${countyRoute('c.county_code')}
      ${forUpdate ? sql`for update` : sql``}`,
  );
}

/** The class row locked until the transaction ends (enrolments of one class are serialised). */
export async function lockClass(tx: Executor, countyCode: string, id: string): Promise<ClassRow | undefined> {
  return one(
    tx,
    sql`select ${CLASS_COLUMNS} from training_classes c where c.county_code = ${countyCode} and c.id = ${id}::uuid
      for update`,
  );
}

/** Takes a seat: false when the class is full (the check constraint backs it). */
export async function takeSeat(tx: Executor, countyCode: string, id: string): Promise<boolean> {
  const row = await one(
    tx,
    sql`update training_classes set enrolled = enrolled + 1
      where county_code = ${countyCode} and id = ${id}::uuid and enrolled < capacity returning id`,
  );
  return row !== undefined;
}

export async function releaseSeat(tx: Executor, countyCode: string, id: string): Promise<void> {
  await tx.execute(
    sql`update training_classes set enrolled = greatest(enrolled - 1, 0)
      where county_code = ${countyCode} and id = ${id}::uuid`,
  );
}

export async function listClasses(
  tx: Executor,
  f: {
    q?: string;
    year?: number;
    trainingType?: string;
    regionCode?: string;
    ownerId?: string;
    departmentId?: string;
    limit: number;
    offset: number;
  },
): Promise<{ items: ClassRow[]; total: number }> {
  const where: SQL[] = [sql`true ${countyRoute('c.county_code')}`];
  if (f.q) where.push(sql`c.name like ${'%' + f.q.replace(/[\\%_]/g, (ch) => '\\' + ch) + '%'}`);
  if (f.year) where.push(sql`c.end_date between ${`${f.year}-01-01`}::date and ${`${f.year}-12-31`}::date`);
  if (f.trainingType) where.push(sql`c.training_type = ${f.trainingType}`);
  if (f.regionCode) where.push(sql`c.region_code >= ${f.regionCode} and c.region_code < ${f.regionCode + '\uffff'}`);
  if (f.ownerId) where.push(sql`c.owner_id = ${f.ownerId}::uuid`);
  if (f.departmentId) where.push(sql`c.owner_department_id = ${f.departmentId}::uuid`);
  const cond = sql.join(where, sql` and `);
  const items = await all<ClassRow>(
    tx,
    sql`select ${CLASS_COLUMNS} from training_classes c where ${cond}
      order by c.start_date desc, c.id limit ${f.limit} offset ${f.offset}`,
  );
  const total = await one<{ n: number }>(tx, sql`select count(*)::int as n from training_classes c where ${cond}`);
  return { items, total: total?.n ?? 0 };
}

// ---------------------------------------------------------------- targets
export interface TargetRow {
  id: string;
  regionCode: string;
  year: number;
  trainingType: string | null;
  personTimes: number;
}

export async function upsertTarget(
  tx: Executor,
  r: Omit<TargetRow, 'id'> & { countyCode: string; createdBy: string | null },
): Promise<string> {
  const row = await one<{ id: string }>(
    tx,
    sql`insert into training_targets (county_code, year, training_type, person_times, region_code, created_by)
      values (${r.countyCode}, ${r.year}, ${r.trainingType}, ${r.personTimes}, ${r.regionCode}, ${r.createdBy})
      on conflict (county_code, region_code, year, coalesce(training_type, ''))
      do update set person_times = excluded.person_times
      returning id`,
  );
  return row!.id;
}

export async function listTargets(tx: Executor, year: number | undefined): Promise<TargetRow[]> {
  return all(
    tx,
    sql`select id, region_code as "regionCode", year, training_type as "trainingType",
      person_times as "personTimes"
    from training_targets where ${year ? sql`year = ${year}` : sql`true`}
    order by year desc, region_code, training_type nulls first`,
  );
}

/**
 * Completions (结业人次) per month of one year under a region (and type), over the classes the caller's scope
 * sees: what a target's progress counts.
 */
export async function completionsByMonth(
  tx: Executor,
  f: { regionCode: string; year: number; trainingType: string | null },
): Promise<{ month: string; completed: number }[]> {
  return all(
    tx,
    sql`select to_char(e.completed_on, 'YYYY-MM') as month, count(*)::int as completed
    from training_enrolments e join training_classes c on c.county_code = e.county_code and c.id = e.class_id
    where e.status = 'completed' and e.completed_on between ${`${f.year}-01-01`}::date and ${`${f.year}-12-31`}::date
      and c.region_code >= ${f.regionCode} and c.region_code < ${f.regionCode + '\uffff'}
      ${f.trainingType ? sql`and c.training_type = ${f.trainingType}` : sql``}
      ${countyRoute('e.county_code')}
    group by 1 order by 1`,
  );
}

/** Region names from the platform's region tree (a reference table every module may read). */
export async function regionNames(tx: Executor, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await all<{ code: string; name: string }>(
    tx,
    sql`select code, name from regions where code in (${sql.join(
      codes.map((c) => sql`${c}`),
      sql`, `,
    )})`,
  );
  return new Map(rows.map((r) => [r.code, r.name]));
}

export async function regionExists(tx: Executor, code: string): Promise<boolean> {
  return (await one(tx, sql`select 1 as x from regions where code = ${code}`)) !== undefined;
}
