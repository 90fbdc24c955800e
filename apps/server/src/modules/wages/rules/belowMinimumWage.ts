import { sql, type SQL } from 'drizzle-orm';
import { findings, projectFilter, type WarningRule } from './rule.js';

/** Average pay of a month's wage sheet, pro rata per day worked, below the local monthly minimum wage (§9 #2). */
export const belowMinimumWage: WarningRule = {
  id: 'below_minimum_wage',
  name: '平均工资低于最低工资标准',
  description: '当月工资表人均应发工资（按出勤天数折算为月工资）低于当地月最低工资标准',
  department: 'hrss',
  levels: ['red'],
  detect: (tx, ctx) => {
    // The minimum wage of a region: the tier of its longest matching prefix, as one CASE (a correlated look-up
    // in a VALUES list is a subquery over a set on no shard, which Citus cannot push down).
    const tiers = [...ctx.params.minimumWage].sort((x, y) => y.prefix.length - x.prefix.length);
    const minimumOf = (region: SQL) =>
      tiers.length
        ? sql`case ${sql.join(
            tiers.map((m) => sql`when ${region} like ${m.prefix} || '%' then ${m.monthlyFen}::int8`),
            sql` `,
          )} end`
        : sql`null::int8`;
    return findings(
      tx,
      'below_minimum_wage',
      sql`
      with agg as (
        select l.county_code, l.project_id, l.month, sum(l.payable_fen) as payable, sum(l.days) as days,
        count(distinct l.project_worker_id) as workers
        from payroll_lines l where true ${projectFilter(sql`l.project_id`, ctx)}
        group by 1, 2, 3 having sum(l.days) > 0
      ), judged as (
        select a.*, p.region_code, (a.payable::numeric * ${ctx.params.paidDaysPerMonth}::numeric / a.days) as monthly,
          ${minimumOf(sql`p.region_code`)} as minimum
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
