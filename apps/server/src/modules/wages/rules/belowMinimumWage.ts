import { sql } from 'drizzle-orm';
import { findings, projectFilter, type WarningRule } from './rule.js';

/** Average pay of a month's wage sheet, pro rata per day worked, below the local monthly minimum wage (§9 #2). */
export const belowMinimumWage: WarningRule = {
  id: 'below_minimum_wage',
  name: '平均工资低于最低工资标准',
  description: '当月工资表人均应发工资（按出勤天数折算为月工资）低于当地月最低工资标准',
  department: 'hrss',
  levels: ['red'],
  detect: (tx, ctx) => {
    const tiers = ctx.params.minimumWage.length
      ? sql.join(
          ctx.params.minimumWage.map((m) => sql`(${m.prefix}::text, ${m.monthlyFen}::int8)`),
          sql`, `,
        )
      : sql`(null::text, null::int8)`;
    return findings(
      tx,
      'below_minimum_wage',
      sql`
      with mw(prefix, fen) as (values ${tiers}),
      agg as (
        select l.county_code, l.project_id, l.month, sum(l.payable_fen) as payable, sum(l.days) as days,
        count(distinct l.project_worker_id) as workers
        from payroll_lines l where true ${projectFilter(sql`l.project_id`, ctx)}
        group by 1, 2, 3 having sum(l.days) > 0
      ), judged as (
        select a.*, p.region_code, (a.payable::numeric * ${ctx.params.paidDaysPerMonth}::numeric / a.days) as monthly,
          (select mw.fen from mw where p.region_code like mw.prefix || '%' order by length(mw.prefix) desc
          limit 1) as minimum
        from agg a join projects p on p.county_code = a.county_code and p.id = a.project_id
      )
      select project_id as "projectId", month::text as month, 'red' as level, region_code as "regionCode",
      workers::int as "workersAffected",
        greatest(0, round((minimum - monthly) * days / ${ctx.params.paidDaysPerMonth}::numeric))::float8 as "amountFen",
        jsonb_build_object('averageMonthlyFen', round(monthly), 'minimumWageFen', minimum, 'days', days, 'payableFen',
        payable) as detail
      from judged where minimum is not null and monthly < minimum`,
    );
  },
};
