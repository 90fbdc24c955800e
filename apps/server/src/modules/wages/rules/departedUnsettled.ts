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
  detect: (tx, ctx) =>
    findings(
      tx,
      'departed_unsettled',
      sql`
    with gone as (
      select pw.county_code, pw.id, pw.project_id, pw.exit_date from project_workers pw
      where pw.exit_date is not null and pw.settled_on is null
      and pw.exit_date + ${ctx.params.settlementGraceDays}::int < ${ctx.today}::date
      ${projectFilter(sql`pw.project_id`, ctx)}
    ), net as (
      select l.county_code, l.project_worker_id as id, l.month, sum(l.net_fen) as net from payroll_lines l
      join gone g on g.county_code = l.county_code and g.id = l.project_worker_id group by 1, 2, 3
    ), paid as (
      select b.county_code, b.project_worker_id as id, b.month, sum(b.amount_fen) as paid from bank_payments b
      join gone g on g.county_code = b.county_code and g.id = b.project_worker_id where b.succeeded group by 1, 2, 3
    ), owed as (
      select g.county_code, g.id, g.project_id, g.exit_date from gone g
      where not exists (select 1 from net n where n.county_code = g.county_code and n.id = g.id)
        or exists (select 1 from net n left join paid pd on pd.county_code = n.county_code and pd.id = n.id
        and pd.month = n.month where n.county_code = g.county_code and n.id = g.id
        and n.net > coalesce(pd.paid, 0))
        or exists (select 1 from attendance a where a.county_code = g.county_code and a.project_worker_id = g.id
        and a.days > 0 and not exists (select 1
        from net n where n.county_code = g.county_code and n.id = g.id and n.month = a.month))
    )
    select o.project_id as "projectId", null as month, 'red' as level, p.region_code as "regionCode",
    count(*)::int as "workersAffected",
      0 as "amountFen",
      jsonb_build_object('earliestExit', min(o.exit_date)::text, 'projectWorkerIds', (array_agg(o.id
      order by o.id))[1:${sql.raw(String(MAX_IDS))}]) as detail
    from owed o join projects p on p.county_code = o.county_code and p.id = o.project_id
    group by o.county_code, o.project_id, p.region_code`,
    ),
};
