import { sql, type SQL } from 'drizzle-orm';
import { all, one, statementSlices, type Executor } from '../../db/client.js';
import type { WorkerScope } from './workerCounts.repo.js';
import { countyCodeOf, type ContractType, type EmploymentStatus, type FilingStatus, type WageType } from '@mwsp/domain';
import { countyRoute } from '../../db/routing.js';

/** SQL of the employments (用工记录) and the labour-contract figures. Runs in the caller's scoped transaction. */

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

const EMPLOYMENT_SELECT = sql`e.id, e.worker_id as "workerId", w.name as "workerName", e.employer_id as "employerId",
  m.name as "employerName",
  to_char(e.start_date, 'YYYY-MM-DD') as "startDate", to_char(e.end_date, 'YYYY-MM-DD') as "endDate", e.position,
  e.occupation_code as "occupationCode",
  e.wage_fen::int8 as "wageFen", e.wage_type as "wageType", e.contract_type as "contractType",
  e.contract_signed as "contractSigned",
  e.contract_term_months as "contractTermMonths", e.filing_status as "filingStatus", e.dispatch, e.status`;

const EMPLOYMENT_FROM = sql`employments e join workers w on w.county_code = e.county_code and w.id = e.worker_id
  join employers m on m.id = e.employer_id`;

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

/**
 * Insert or update by the natural key (worker, employer, start date); says which it was. A new row carries the
 * worker's scope columns `w` (the worker row the service read under RLS).
 */
export async function upsertEmployment(
  tx: Executor,
  c: EmploymentColumns,
  w: WorkerScope,
): Promise<{ id: string; created: boolean; changed: boolean }> {
  const existing = await one<EmploymentColumns & { id: string }>(
    tx,
    sql`select id, to_char(end_date, 'YYYY-MM-DD') as "endDate", position, occupation_code as "occupationCode",
      wage_fen::int8 as "wageFen",
    wage_type as "wageType", contract_type as "contractType", contract_signed as "contractSigned",
    contract_term_months as "contractTermMonths", filing_status as "filingStatus", dispatch, status
    from employments where county_code = ${countyCodeOf(w.regionCode)} and worker_id = ${c.workerId}::uuid
    and employer_id = ${c.employerId}::uuid and start_date = ${c.startDate}::date`,
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
    sql`insert into employments (worker_id, employer_id, start_date, end_date, position, occupation_code, wage_fen,
      wage_type, contract_type, contract_signed, contract_term_months, filing_status, dispatch, status,
      worker_region_code, county_code, owner_id, owner_department_id)
    values (${c.workerId}::uuid, ${c.employerId}::uuid, ${c.startDate}::date, ${c.endDate}::date, ${c.position},
    ${c.occupationCode}, ${c.wageFen}, ${c.wageType}, ${c.contractType}, ${c.contractSigned}, ${c.contractTermMonths},
    ${c.filingStatus}, ${c.dispatch}, ${c.status}, ${w.regionCode}, ${countyCodeOf(w.regionCode)}, ${w.ownerId}::uuid,
    ${w.departmentId}::uuid)
    returning id`,
  );
  return { id: row!.id, created: true, changed: true };
}

/**
 * Many new employments in one statement (the demo city, bulk loads); returns ids in input order. Each row
 * carries its worker's scope columns (`worker`, read under RLS by the service).
 */
export async function insertEmployments(
  tx: Executor,
  rows: (EmploymentColumns & { worker: WorkerScope })[],
): Promise<string[]> {
  const ids: string[] = [];
  for (const slice of statementSlices(rows, 18)) {
    const values = slice.map(
      (c) =>
        sql`(${c.workerId}::uuid, ${c.employerId}::uuid, ${c.startDate}::date, ${c.endDate}::date, ${c.position},
          ${c.occupationCode}, ${c.wageFen}, ${c.wageType}, ${c.contractType}, ${c.contractSigned},
          ${c.contractTermMonths}, ${c.filingStatus}, ${c.dispatch}, ${c.status},
          ${c.worker.regionCode}, ${countyCodeOf(c.worker.regionCode)}, ${c.worker.ownerId}::uuid,
          ${c.worker.departmentId}::uuid)`,
    );
    const out = await all<{ id: string }>(
      tx,
      sql`insert into employments (worker_id, employer_id, start_date, end_date, position, occupation_code,
        wage_fen, wage_type, contract_type, contract_signed, contract_term_months, filing_status, dispatch, status,
        worker_region_code, county_code, owner_id, owner_department_id)
      values ${sql.join(values, sql`, `)} returning id`,
    );
    ids.push(...out.map((r) => r.id));
  }
  return ids;
}

export async function updateEmploymentRow(
  tx: Executor,
  id: string,
  c: Omit<EmploymentColumns, 'workerId' | 'employerId' | 'startDate'>,
): Promise<void> {
  await tx.execute(sql`update employments set end_date = ${c.endDate}::date, position = ${c.position},
    occupation_code = ${c.occupationCode}, wage_fen = ${c.wageFen},
    wage_type = ${c.wageType}, contract_type = ${c.contractType}, contract_signed = ${c.contractSigned},
    contract_term_months = ${c.contractTermMonths},
    filing_status = ${c.filingStatus}, dispatch = ${c.dispatch}, status = ${c.status}, updated_at = now()
    where id = ${id}::uuid ${countyRoute('county_code')}`);
}

export async function findEmployment(tx: Executor, id: string): Promise<EmploymentRow | undefined> {
  const row = await one<EmploymentRow>(
    tx,
    sql`select ${EMPLOYMENT_SELECT} from ${EMPLOYMENT_FROM} where e.id = ${id}::uuid ${countyRoute('e.county_code')}`,
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
  const c: SQL[] = [sql`true ${countyRoute('e.county_code')}`];
  if (f.ownerId) c.push(sql`w.created_by = ${f.ownerId}::uuid`);
  if (f.departmentId) c.push(sql`w.department_id = ${f.departmentId}::uuid`);
  if (f.workerId) c.push(sql`e.worker_id = ${f.workerId}::uuid`);
  if (f.employerId) c.push(sql`e.employer_id = ${f.employerId}::uuid`);
  if (f.status) c.push(sql`e.status = ${f.status}`);
  const where = sql.join(c, sql` and `);
  const items = await all<EmploymentRow>(
    tx,
    sql`select ${EMPLOYMENT_SELECT} from ${EMPLOYMENT_FROM} where ${where} order by e.start_date desc, e.id
      limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize}`,
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
    from (select left(w.residence_region_code, ${childLength}) as code, count(*)::int as employed,
    count(*) filter (where e.contract_signed)::int as signed
          from employments e join workers w on w.county_code = e.county_code and w.id = e.worker_id
          where e.status = 'active' and w.residence_region_code >= ${parent}
          and w.residence_region_code < ${parent + 'z'}
            ${scope.ownerId ? sql`and w.created_by = ${scope.ownerId}::uuid` : sql``} ${
              scope.departmentId
                ? sql`and
              w.department_id = ${scope.departmentId}::uuid`
                : sql``
            }
          group by 1) x
    left join regions r on r.code = x.code order by x.code`,
  );
}
