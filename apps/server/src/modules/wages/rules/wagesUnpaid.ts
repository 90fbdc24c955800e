import { sql } from 'drizzle-orm';
import { findings, MAX_IDS, projectFilter, type WarningRule } from './rule.js';

/** Wages for month M not paid in full through the dedicated account by the end of M+1 (§9 #1). */
export const wagesUnpaid: WarningRule = {
  id: 'wages_unpaid',
  name: '工资未按月足额支付',
  description: '某月工资在次月月底前未通过农民工工资专用账户足额发放到本人账户',
  department: 'hrss',
  levels: ['red'],
  detect: (tx, ctx) =>
    findings(
      tx,
      'wages_unpaid',
      sql`
    with due as (select (date_trunc('month', ${ctx.today}::date) - interval '2 month')::date as last_month),
    net as (
      select l.county_code, l.project_id, l.month, l.project_worker_id, sum(l.net_fen) as net
      from payroll_lines l, due where l.month <= due.last_month ${projectFilter(sql`l.project_id`, ctx)}
      group by 1, 2, 3, 4 having sum(l.net_fen) > 0
    ), paid as (
      select b.county_code, b.project_id, b.month, b.project_worker_id, sum(b.amount_fen) as paid
      from bank_payments b, due where b.succeeded and b.month <= due.last_month ${projectFilter(sql`b.project_id`, ctx)}
      group by 1, 2, 3, 4
    )
    select n.project_id as "projectId", n.month::text as month, 'red' as level, p.region_code as "regionCode",
      count(*)::int as "workersAffected", sum(n.net - coalesce(pd.paid, 0))::float8 as "amountFen",
      jsonb_build_object('unpaidWorkers', count(*), 'netFen', sum(n.net), 'paidFen', coalesce(sum(pd.paid), 0),
      'dueDate', ((n.month + interval '2 month')::date - 1)::text,
        'projectWorkerIds', (array_agg(n.project_worker_id
        order by n.project_worker_id))[1:${sql.raw(String(MAX_IDS))}]) as detail
    from net n left join paid pd on pd.county_code = n.county_code and pd.project_id = n.project_id
    and pd.month = n.month
    and pd.project_worker_id = n.project_worker_id
    join projects p on p.county_code = n.county_code and p.id = n.project_id
    where coalesce(pd.paid, 0) < n.net
    group by n.county_code, n.project_id, n.month, p.region_code`,
    ),
};
