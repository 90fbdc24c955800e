import { sql } from 'drizzle-orm';
import { findings, MAX_IDS, projectFilter, type WarningRule } from './rule.js';

/** Fewer workers paid by the bank than attended in a month that has been paid (§9 #3). */
export const paidFewerThanAttended: WarningRule = {
  id: 'paid_fewer_than_attended',
  name: '代发人数少于考勤人数',
  description: '当月已有银行代发记录，但成功代发的人数少于有考勤的人数',
  department: 'hrss',
  levels: ['yellow'],
  wholeTables: true,
  // Each set is read once (no CTE scanned twice, which the planner would join row by row).
  detect: (tx, ctx) =>
    findings(
      tx,
      'paid_fewer_than_attended',
      sql`
    with att as (
      select a.county_code, a.project_id, a.month, a.project_worker_id from attendance a
      where a.days > 0 ${projectFilter(sql`a.project_id`, ctx)}
    ), paid as (
      select b.county_code, b.project_id, b.month, b.project_worker_id from bank_payments b
      where b.succeeded ${projectFilter(sql`b.project_id`, ctx)} group by 1, 2, 3, 4
    ), paid_months as (
      select b.county_code, b.project_id, b.month from bank_payments b
      where b.succeeded ${projectFilter(sql`b.project_id`, ctx)} group by 1, 2, 3
    )
    select a.project_id as "projectId", a.month::text as month, 'yellow' as level, p.region_code as "regionCode",
      count(*) filter (where pd.project_worker_id is null)::int as "workersAffected", 0 as "amountFen",
      jsonb_build_object('attendees', count(*), 'paidWorkers', count(pd.project_worker_id),
        'projectWorkerIds', (array_agg(a.project_worker_id
        order by a.project_worker_id) filter (where pd.project_worker_id is null))[1:${sql.raw(String(MAX_IDS))}]) as
        detail
    from att a left join paid pd on pd.county_code = a.county_code and pd.project_id = a.project_id
    and pd.month = a.month
    and pd.project_worker_id = a.project_worker_id
    left join paid_months pm on pm.county_code = a.county_code and pm.project_id = a.project_id
    and pm.month = a.month
    join projects p on p.county_code = a.county_code and p.id = a.project_id
    group by a.county_code, a.project_id, a.month, p.region_code
    having count(*) filter (where pd.project_worker_id is null) > 0
      and count(pm.month) > 0`, // a month the bank paid someone (a month with no payment is another rule's)
    ),
};
