import { sql } from 'drizzle-orm';
import { all, one, statementSlices, type Executor } from '../../db/client.js';
import type { WorkerScope } from './workerCounts.repo.js';
import { countyCodeOf, type InsuranceType } from '@mwsp/domain';
import { countyRoute } from '../../db/routing.js';

/**
 * SQL of a worker's social insurance and its transfers. Runs in the caller's scoped transaction. Every row
 * carries its worker's scope columns (`WorkerScope`, from the worker row the service read under RLS).
 */

const SCOPE_VALUES = (w: WorkerScope) =>
  sql`${w.regionCode}, ${countyCodeOf(w.regionCode)}, ${w.ownerId}::uuid, ${w.departmentId}::uuid`;

export async function insertInsurance(
  tx: Executor,
  rows: (InsuranceRow & { workerId: string; worker: WorkerScope })[],
): Promise<void> {
  for (const slice of statementSlices(rows, 9)) {
    const values = slice.map(
      (i) =>
        sql`(${i.workerId}::uuid, ${i.type}, ${i.enrolled}, ${i.since}::date, ${i.placeRegionCode},
          ${SCOPE_VALUES(i.worker)})`,
    );
    await tx.execute(
      sql`insert into worker_insurance (worker_id, type, enrolled, since, place_region_code,
        worker_region_code, county_code, owner_id, owner_department_id)
        values ${sql.join(values, sql`, `)} on conflict do nothing`,
    );
  }
}

export interface InsuranceRow {
  type: InsuranceType;
  enrolled: boolean;
  since: string | null;
  placeRegionCode: string | null;
}

export async function insuranceOf(tx: Executor, workerId: string): Promise<InsuranceRow[]> {
  return all<InsuranceRow>(
    tx,
    sql`select type, enrolled, to_char(since, 'YYYY-MM-DD') as since, place_region_code as "placeRegionCode"
      from worker_insurance where worker_id = ${workerId}::uuid ${countyRoute('county_code')} order by type`,
  );
}

export async function replaceInsurance(
  tx: Executor,
  workerId: string,
  w: WorkerScope,
  items: InsuranceRow[],
): Promise<void> {
  await tx.execute(
    sql`delete from worker_insurance where county_code = ${countyCodeOf(w.regionCode)}
      and worker_id = ${workerId}::uuid`,
  );
  for (const i of items) {
    await tx.execute(
      sql`insert into worker_insurance (worker_id, type, enrolled, since, place_region_code,
          worker_region_code, county_code, owner_id, owner_department_id)
        values (${workerId}::uuid, ${i.type}, ${i.enrolled}, ${i.since}::date, ${i.placeRegionCode},
          ${SCOPE_VALUES(w)})`,
    );
  }
}

export async function insertTransfer(
  tx: Executor,
  workerId: string,
  w: WorkerScope,
  t: { type: string; fromRegionCode: string; toRegionCode: string; date: string },
): Promise<string> {
  return (await one<{ id: string }>(
    tx,
    sql`insert into insurance_transfers (worker_id, type, from_region_code, to_region_code, transfer_date,
        worker_region_code, county_code, owner_id, owner_department_id)
      values (${workerId}::uuid, ${t.type}, ${t.fromRegionCode}, ${t.toRegionCode}, ${t.date}::date,
        ${SCOPE_VALUES(w)}) returning id`,
  ))!.id;
}

export async function transfersOf(tx: Executor, workerId: string) {
  return all<{ id: string; type: InsuranceType; fromRegionCode: string; toRegionCode: string; date: string }>(
    tx,
    sql`select id, type, from_region_code as "fromRegionCode", to_region_code as "toRegionCode", to_char(transfer_date,
      'YYYY-MM-DD') as date
    from insurance_transfers where worker_id = ${workerId}::uuid order by transfer_date desc`,
  );
}
