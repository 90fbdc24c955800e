import { sql } from 'drizzle-orm';
import { all, one, SYSTEM_SCOPE, underScope, type Executor } from '../../db/client.js';
import { countyRoute } from '../../db/routing.js';
import type { Owned } from './training.repo.js';

/** SQL of enrolments (学员), attendance, certificates and the national person look-up. Caller's transaction. */

const ENROLMENT_COLUMNS = sql`e.id, e.county_code as "countyCode", e.class_id as "classId", e.worker_id as "workerId",
  e.id_bidx as "idBidx", e.worker_name as "workerName", e.id_masked as "idMasked",
  e.origin_province as "originProvince", e.status, e.exam_result as "examResult",
  e.exam_score::float8 as "examScore", e.completed_on::text as "completedOn", e.employed_on::text as "employedOn",
  e.contract_months as "contractMonths", e.attended, e.region_code as "regionCode", e.owner_id as "ownerId",
  e.owner_department_id as "departmentId"`;

export interface EnrolmentRow extends Owned {
  id: string;
  countyCode: string;
  classId: string;
  workerId: string;
  idBidx: string;
  workerName: string;
  idMasked: string;
  originProvince: string | null;
  status: 'enrolled' | 'completed' | 'failed' | 'withdrawn';
  examResult: 'pass' | 'fail' | 'absent' | null;
  examScore: number | null;
  completedOn: string | null;
  employedOn: string | null;
  contractMonths: number | null;
  attended: number;
}

export async function insertEnrolment(
  tx: Executor,
  r: Omit<EnrolmentRow, 'id' | 'status' | 'examResult' | 'examScore' | 'completedOn' | 'employedOn' | 'attended'>,
): Promise<string | undefined> {
  const row = await one<{ id: string }>(
    tx,
    sql`insert into training_enrolments (county_code, class_id, worker_id, id_bidx, worker_name, id_masked,
        origin_province, contract_months, region_code, owner_id, owner_department_id)
      values (${r.countyCode}, ${r.classId}::uuid, ${r.workerId}::uuid, ${r.idBidx}, ${r.workerName}, ${r.idMasked},
        ${r.originProvince}, ${r.contractMonths}, ${r.regionCode}, ${r.ownerId}, ${r.departmentId})
      on conflict (county_code, class_id, id_bidx) do nothing
      returning id`,
  );
  return row?.id;
}

export async function findEnrolment(tx: Executor, id: string): Promise<EnrolmentRow | undefined> {
  return one(
    tx,
    sql`select ${ENROLMENT_COLUMNS} from training_enrolments e
      where e.id = ${id}::uuid ${countyRoute('e.county_code')}`,
  );
}

export async function enrolmentsOfClass(tx: Executor, countyCode: string, classId: string): Promise<EnrolmentRow[]> {
  return all(
    tx,
    sql`select ${ENROLMENT_COLUMNS} from training_enrolments e
    where e.county_code = ${countyCode} and e.class_id = ${classId}::uuid order by e.created_at, e.id`,
  );
}

export async function updateResult(
  tx: Executor,
  e: Pick<
    EnrolmentRow,
    'countyCode' | 'id' | 'status' | 'examResult' | 'examScore' | 'completedOn' | 'employedOn' | 'contractMonths'
  >,
): Promise<void> {
  await tx.execute(
    sql`update training_enrolments set status = ${e.status}, exam_result = ${e.examResult},
      exam_score = ${e.examScore}, completed_on = ${e.completedOn}, employed_on = ${e.employedOn},
      contract_months = ${e.contractMonths}
    where county_code = ${e.countyCode} and id = ${e.id}::uuid`,
  );
}

// ---------------------------------------------------------------- attendance
/** Records one session for the listed enrolments (present or absent) and recounts their attended sessions. */
export async function recordAttendance(
  tx: Executor,
  enrolments: (Owned & { countyCode: string; id: string; present: boolean })[],
  session: number,
): Promise<void> {
  if (enrolments.length === 0) return;
  const rows = enrolments.map(
    (e) =>
      sql`(${e.countyCode}, ${e.id}::uuid, ${session}, ${e.present}, ${e.regionCode}, ${e.ownerId}::uuid,
        ${e.departmentId}::uuid)`,
  );
  await tx.execute(
    sql`insert into training_attendance (county_code, enrolment_id, session_no, present, region_code, owner_id,
        owner_department_id)
      values ${sql.join(rows, sql`, `)}
      on conflict (county_code, enrolment_id, session_no) do update set present = excluded.present`,
  );
  const county = enrolments[0].countyCode;
  const ids = enrolments.map((e) => sql`${e.id}::uuid`);
  await tx.execute(
    sql`update training_enrolments e set attended = (select count(*) from training_attendance a
        where a.county_code = ${county} and a.enrolment_id = e.id and a.present)
      where e.county_code = ${county} and e.id in (${sql.join(ids, sql`, `)})`,
  );
}

export async function attendanceOfClass(
  tx: Executor,
  countyCode: string,
  classId: string,
): Promise<{ enrolmentId: string; sessionNo: number }[]> {
  return all(
    tx,
    sql`select a.enrolment_id as "enrolmentId", a.session_no as "sessionNo"
    from training_attendance a join training_enrolments e on e.county_code = a.county_code and e.id = a.enrolment_id
    where a.county_code = ${countyCode} and e.county_code = ${countyCode} and e.class_id = ${classId}::uuid
      and a.present order by a.session_no`,
  );
}

// ---------------------------------------------------------------- certificates
export interface CertificateRow {
  id: string;
  enrolmentId: string;
  workerId: string;
  kind: 'qualification' | 'skill_level' | 'special_ability' | 'training';
  level: '1' | '2' | '3' | '4' | '5' | null;
  number: string;
  issuedOn: string;
  occupationCode: string;
}
const CERT_COLUMNS = sql`id, enrolment_id as "enrolmentId", worker_id as "workerId", kind, level, number,
  issued_on::text as "issuedOn", occupation_code as "occupationCode"`;

/** Inserts a certificate; undefined when its number is already registered for this kind in the county. */
export async function insertCertificate(
  tx: Executor,
  r: Omit<CertificateRow, 'id'> & Owned & { countyCode: string },
): Promise<string | undefined> {
  const row = await one<{ id: string }>(
    tx,
    sql`insert into training_certificates (county_code, enrolment_id, worker_id, kind, level, number, issued_on,
        occupation_code, region_code, owner_id, owner_department_id)
      values (${r.countyCode}, ${r.enrolmentId}::uuid, ${r.workerId}::uuid, ${r.kind}, ${r.level}, ${r.number},
        ${r.issuedOn}, ${r.occupationCode}, ${r.regionCode}, ${r.ownerId}, ${r.departmentId})
      on conflict (county_code, kind, number) do nothing
      returning id`,
  );
  return row?.id;
}

export async function certificatesOfEnrolments(
  tx: Executor,
  countyCode: string,
  enrolmentIds: string[],
): Promise<CertificateRow[]> {
  if (enrolmentIds.length === 0) return [];
  return all(
    tx,
    sql`select ${CERT_COLUMNS} from training_certificates
    where county_code = ${countyCode} and enrolment_id in (${sql.join(
      enrolmentIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    )}) order by issued_on, id`,
  );
}

/** The certificates of workers the caller's scope sees (the TrainingPort's answer). */
export async function certificatesOfWorkers(tx: Executor, workerIds: string[]): Promise<CertificateRow[]> {
  if (workerIds.length === 0) return [];
  return all(
    tx,
    sql`select ${CERT_COLUMNS} from training_certificates
    where worker_id in (${sql.join(
      workerIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    )}) ${countyRoute('county_code')} order by worker_id, issued_on, id`,
  );
}

// ---------------------------------------------------------------- the person across counties (lookup)
export interface PersonPeriod {
  enrolmentId: string;
  classId: string;
  countyCode: string;
  className: string;
  start: string;
  end: string;
  occupation: string;
  periodKey: number;
  subsidised: boolean;
}

/**
 * A person's class periods in every county, their row locked until the transaction ends (two enrolments of one
 * person are serialised). Under the system scope: the other counties' classes are not the caller's to see, only
 * their dates (the refusal names the class, no personal data).
 */
export async function lockPerson(tx: Executor, idBidx: string): Promise<PersonPeriod[]> {
  return underScope(tx, SYSTEM_SCOPE, async () => {
    const row = await one<{ periods: PersonPeriod[] }>(
      tx,
      sql`select periods from training_people where id_bidx = ${idBidx} for update`,
    );
    return row?.periods ?? [];
  });
}

export async function writePerson(
  tx: Executor,
  idBidx: string,
  where: { countyCode: string; regionCode: string },
  periods: PersonPeriod[],
): Promise<void> {
  await underScope(tx, SYSTEM_SCOPE, () =>
    tx.execute(
      sql`insert into training_people (id_bidx, county_code, region_code, periods)
        values (${idBidx}, ${where.countyCode}, ${where.regionCode}, ${JSON.stringify(periods)}::jsonb)
        on conflict (id_bidx) do update set periods = excluded.periods`,
    ),
  );
}
