import { sql } from 'drizzle-orm';
import { findings, projectFilter, type WarningRule } from './rule.js';

/** The client's monthly labour-cost allocation (人工费用拨付) did not reach the dedicated account (条例 Art. 24, 27). */
export const allocationMissed: WarningRule = {
  id: 'allocation_missed',
  name: '人工费用未按时拨付',
  description: '建设单位未在约定拨付日前将当月人工费用拨付至农民工工资专用账户',
  department: 'housing',
  levels: ['orange', 'red'],
  detect: (tx, ctx) =>
    findings(
      tx,
      'allocation_missed',
      sql`
    select p.id as "projectId", m.month::date::text as month,
      case when ${ctx.today}::date - (m.month::date + (p.allocation_day - 1)) <= 30 then 'orange' else 'red' end as
      level,
      p.region_code as "regionCode", 0 as "workersAffected",
      round(p.contract_amount_fen * p.labour_share_bp / 10000.0 / greatest(1,
      (p.planned_end_date - p.start_date) / 30.44))::float8 as "amountFen",
      jsonb_build_object('dueDate', (m.month::date + (p.allocation_day - 1))::text, 'daysOverdue',
      ${ctx.today}::date - (m.month::date + (p.allocation_day - 1))) as detail
    from projects p
    cross join lateral generate_series(date_trunc('month', p.start_date),
      least(date_trunc('month', ${ctx.today}::date), coalesce(date_trunc('month', p.completed_on), date_trunc('month',
      ${ctx.today}::date))), interval '1 month') as m(month)
    where p.status <> 'registered' ${projectFilter(sql`p.id`, ctx)}
      and m.month::date + (p.allocation_day - 1) < ${ctx.today}::date
      and not exists (select 1 from account_txns t where t.county_code = p.county_code and t.project_id = p.id
      and t.kind = 'allocation'
      and t.month = m.month::date)`,
    ),
};
