import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';

/** Demo data only: a referral of the past year with its outcome, written on its dates (the service writes today). */
export async function backdateReferral(
  tx: Executor,
  countyCode: string,
  id: string,
  r: { createdAt: Date; outcome: string; outcomeOn: string | null; followUpsDone: boolean },
): Promise<void> {
  const hired = r.outcome === 'hired';
  const done = hired && r.followUpsDone;
  // Computed here: Citus refuses a non-immutable expression (timestamptz + interval) in an UPDATE's target list.
  const at = (days: number) => (done ? new Date(r.createdAt.getTime() + days * 86_400_000) : null);
  await tx.execute(
    sql`update referrals set created_at = ${r.createdAt}, updated_at = ${r.createdAt}, outcome = ${r.outcome},
        outcome_source = case when ${r.outcome} = 'pending' then null else 'staff' end,
        outcome_on = ${r.outcomeOn}::date,
        hired_on = case when ${hired} then ${r.outcomeOn}::date end,
        fu30_due = case when ${hired} then ${r.outcomeOn}::date + 30 end,
        fu90_due = case when ${hired} then ${r.outcomeOn}::date + 90 end,
        fu30_done_at = ${at(35)},
        fu30_still_employed = case when ${done} then true end,
        fu90_done_at = ${at(95)},
        fu90_still_employed = case when ${done} then true end
      where county_code = ${countyCode} and id = ${id}::uuid`,
  );
}
