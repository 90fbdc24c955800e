import { sql } from 'drizzle-orm';
import { findings, MAX_IDS, projectFilter, type WarningRule } from './rule.js';

/**
 * After the pay date, ≥ 10 % of a month's attendees have no line in the wage ledger (§9 #6; also "wage sheet not
 * uploaded").
 */
export const attendeesWithoutWage: WarningRule = {
  id: 'attendees_without_wage',
  name: '考勤人员无工资记录',
  description: '工资支付日已过，当月有考勤的人员中无工资记录的比例达到阈值（默认 10%）',
  department: 'hrss',
  levels: ['red'],
  wholeTables: true,
  // The attendees without a line are an anti-join (hash), counted apart from all attendees. Each set reads the
  // attendance itself (a set read twice would be materialised, and Citus cannot push a correlated anti-join over
  // a materialised set down to the shards).
  detect: (tx, ctx) => {
    const attendees = sql`from attendance a join projects p on p.county_code = a.county_code and p.id = a.project_id
      where a.days > 0 ${projectFilter(sql`a.project_id`, ctx)}
        and (a.month + interval '1 month' + (p.pay_day - 1) * interval '1 day')::date < ${ctx.today}::date`;
    return findings(
      tx,
      'attendees_without_wage',
      sql`
    with counts as (
      select a.county_code, a.project_id, a.month, count(*) as attendees ${attendees} group by 1, 2, 3
    ), missing as (
      select a.county_code, a.project_id, a.month, count(*) as n, (array_agg(a.project_worker_id
      order by a.project_worker_id))[1:${sql.raw(String(MAX_IDS))}] as ids
      ${attendees} and not exists (select 1 from payroll_lines l where l.county_code = a.county_code
      and l.project_id = a.project_id and l.month = a.month and l.project_worker_id = a.project_worker_id)
      group by 1, 2, 3
    )
    select m.project_id as "projectId", m.month::text as month, 'red' as level, p.region_code as "regionCode",
    m.n::int as "workersAffected", 0 as "amountFen",
      jsonb_build_object('attendees', c.attendees, 'withoutWage', m.n,
        'payDate', (m.month + interval '1 month' + (p.pay_day - 1) * interval '1 day')::date::text, 'projectWorkerIds',
        to_jsonb(m.ids)) as detail
    from missing m join counts c on c.county_code = m.county_code and c.project_id = m.project_id and c.month = m.month
    join projects p on p.county_code = m.county_code and p.id = m.project_id
    where m.n >= ${ctx.params.missingWageShare}::numeric * c.attendees`,
    );
  },
};
