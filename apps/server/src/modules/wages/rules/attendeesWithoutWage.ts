import { sql } from 'drizzle-orm';
import { findings, MAX_IDS, projectFilter, type WarningRule } from './rule.js';

/** After the pay date, ≥ 10 % of a month's attendees have no line in the wage ledger (§9 #6; also "wage sheet not uploaded"). */
export const attendeesWithoutWage: WarningRule = {
  id: 'attendees_without_wage',
  name: '考勤人员无工资记录',
  description: '工资支付日已过，当月有考勤的人员中无工资记录的比例达到阈值（默认 10%）',
  department: 'hrss',
  levels: ['red'],
  wholeTables: true,
  detect: (tx, ctx) => findings(tx, 'attendees_without_wage', sql`
    with lined as (
      select distinct l.project_id, l.month, l.project_worker_id from payroll_lines l where true ${projectFilter(sql`l.project_id`, ctx)}
    )
    select a.project_id as "projectId", a.month::text as month, 'red' as level, p.region_code as "regionCode",
      count(*) filter (where ld.project_worker_id is null)::int as "workersAffected", 0 as "amountFen",
      jsonb_build_object('attendees', count(*), 'withoutWage', count(*) filter (where ld.project_worker_id is null),
        'payDate', (a.month + interval '1 month' + (p.pay_day - 1) * interval '1 day')::date::text,
        'projectWorkerIds', (array_agg(a.project_worker_id order by a.project_worker_id) filter (where ld.project_worker_id is null))[1:${sql.raw(String(MAX_IDS))}]) as detail
    from attendance a join projects p on p.id = a.project_id
    left join lined ld on ld.project_id = a.project_id and ld.month = a.month and ld.project_worker_id = a.project_worker_id
    where a.days > 0 ${projectFilter(sql`a.project_id`, ctx)}
      and (a.month + interval '1 month' + (p.pay_day - 1) * interval '1 day')::date < ${ctx.today}::date
    group by a.project_id, a.month, p.region_code, p.pay_day
    having count(*) filter (where ld.project_worker_id is null) > 0
      and count(*) filter (where ld.project_worker_id is null) >= ${ctx.params.missingWageShare}::numeric * count(*)`),
};
