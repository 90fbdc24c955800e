import { sql } from 'drizzle-orm';
import { all, type Executor } from '../../db/client.js';
import type { ViolationRecordedData } from '@mwsp/domain';

/**
 * SQL of the labour-inspection violations the wage module keeps (0047) from the rights module's
 * `rights.violation_recorded` event, for the employer integrity grade. Runs in the caller's transaction.
 */

/** Keeps one recorded violation; a replay of the same event (same `ref` in the county) is a no-op. */
export async function insertViolation(tx: Executor, v: ViolationRecordedData): Promise<void> {
  await tx.execute(
    sql`insert into employer_violations (county_code, employer_id, kind, penalty_kind, on_date, ref, case_id,
        region_code, owner_id, owner_department_id)
      values (${v.countyCode}, ${v.employerId}::uuid, ${v.kind}, ${v.penaltyKind}, ${v.on}::date, ${v.ref},
        ${v.caseId}::uuid, ${v.regionCode}, ${v.ownerId}, ${v.departmentId})
      on conflict (county_code, ref) do nothing`,
  );
}

/** An employer's violations across the city (SECURITY DEFINER, 0047): its grade is its own, whoever asks. */
export async function employerViolations(tx: Executor, employerId: string): Promise<{ kind: string; on: string }[]> {
  return all<{ kind: string; on: string }>(
    tx,
    sql`select kind, on_date::text as "on" from mwsp_employer_violations(${employerId}::uuid)`,
  );
}
