import { sql } from 'drizzle-orm';
import { findings, MAX_IDS, projectFilter, type WarningRule } from './rule.js';

/**
 * A worker left the site, the grace period is over, no settlement (离场结算) is recorded and the wages are
 * not cleared (§9 #5): some month of the ledger (original lines and adjusting entries) is not covered by
 * the bank's *succeeded* payments of that month, or a month with attendance has no ledger line, or the
 * worker is on no ledger at all. A leaver paid in full is settled in fact, recorded or not.
 */
export const departedUnsettled: WarningRule = {
  id: 'departed_unsettled',
  name: '离场人员未结算',
  description:
    '人员已离场，超过宽限期（默认 15 天）工资仍未结清（台账实发未足额代发到账或有出勤无工资记录），且无离场结算记录',
  department: 'hrss',
  levels: ['red'],
  // One row per leaver and month (its ledger net, what the bank paid, whether attended), from co-located sets
  // each read once: Citus pushes it down to the shards (a correlated test over a set read twice it cannot).
  detect: (tx, ctx) => {
    const leavers = sql`join project_workers pw on pw.county_code = x.county_code and pw.id = x.project_worker_id
      where pw.exit_date is not null and pw.settled_on is null
      and pw.exit_date + ${ctx.params.settlementGraceDays}::int < ${ctx.today}::date
      ${projectFilter(sql`pw.project_id`, ctx)}`;
    return findings(
      tx,
      'departed_unsettled',
      sql`
    with months as (
      select county_code, id, bool_or(line) as line, sum(net) as net, sum(paid) as paid, bool_or(att) as att
      from (
        select x.county_code, x.project_worker_id as id, x.month, true as line, x.net_fen as net, 0 as paid,
          false as att from payroll_lines x ${leavers}
        union all
        select x.county_code, x.project_worker_id, x.month, false, 0, x.amount_fen, false
        from bank_payments x ${leavers} and x.succeeded
        union all
        select x.county_code, x.project_worker_id, x.month, false, 0, 0, true
        from attendance x ${leavers} and x.days > 0
      ) m group by county_code, id, month
    ), flags as (
      select county_code, id, bool_or(line) as any_line, bool_or(line and net > paid) as underpaid,
        bool_or(att and not line) as attended_unpaid
      from months group by county_code, id
    )
    select pw.project_id as "projectId", null as month, 'red' as level, p.region_code as "regionCode",
    count(*)::int as "workersAffected",
      0 as "amountFen",
      jsonb_build_object('earliestExit', min(pw.exit_date)::text, 'projectWorkerIds', (array_agg(pw.id
      order by pw.id))[1:${sql.raw(String(MAX_IDS))}]) as detail
    from project_workers pw join projects p on p.county_code = pw.county_code and p.id = pw.project_id
    left join flags f on f.county_code = pw.county_code and f.id = pw.id
    where pw.exit_date is not null and pw.settled_on is null
      and pw.exit_date + ${ctx.params.settlementGraceDays}::int < ${ctx.today}::date
      ${projectFilter(sql`pw.project_id`, ctx)}
      and (f.any_line is not true or f.underpaid or f.attended_unpaid)
    group by pw.county_code, pw.project_id, p.region_code`,
    );
  },
};
