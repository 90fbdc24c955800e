import { sql } from 'drizzle-orm';
import { findings, MAX_IDS, projectFilter, type WarningRule } from './rule.js';

/** One worker paid more than 50,000 元 in a month: likely a pass-through or fake payee (§9 #4). */
export const excessivePayMonth: WarningRule = {
  id: 'excessive_pay_month',
  name: '单人月工资异常偏高',
  description: '同一人员当月实发工资超过阈值（默认 5 万元），可能存在代领、冒领或以工资名义支付工程款',
  department: 'hrss',
  levels: ['red'],
  detect: (tx, ctx) =>
    findings(
      tx,
      'excessive_pay_month',
      sql`
    with w as (
      select l.county_code, l.project_id, l.month, l.project_worker_id, sum(l.net_fen) as net from payroll_lines l
      where true ${projectFilter(sql`l.project_id`, ctx)}
      group by 1, 2, 3, 4 having sum(l.net_fen) > ${ctx.params.monthlyPayCapFen}
    )
    select w.project_id as "projectId", w.month::text as month, 'red' as level, p.region_code as "regionCode",
    count(*)::int as "workersAffected",
      sum(w.net)::float8 as "amountFen",
      jsonb_build_object('capFen', ${ctx.params.monthlyPayCapFen}::int8, 'maxNetFen', max(w.net), 'projectWorkerIds',
      (array_agg(w.project_worker_id order by w.project_worker_id))[1:${sql.raw(String(MAX_IDS))}]) as detail
    from w join projects p on p.county_code = w.county_code and p.id = w.project_id
    group by w.county_code, w.project_id, w.month, p.region_code`,
    ),
};

/** One worker paid more than 300,000 元 in a calendar year (§9 #4). Month = 1 January of the year. */
export const excessivePayYear: WarningRule = {
  id: 'excessive_pay_year',
  name: '单人年工资异常偏高',
  description: '同一人员在本项目一个自然年内实发工资累计超过阈值（默认 30 万元）',
  department: 'hrss',
  levels: ['red'],
  detect: (tx, ctx) =>
    findings(
      tx,
      'excessive_pay_year',
      sql`
    with w as (
      select l.county_code, l.project_id, date_trunc('year', l.month)::date as year, l.project_worker_id,
        sum(l.net_fen) as net
      from payroll_lines l where true ${projectFilter(sql`l.project_id`, ctx)}
      group by 1, 2, 3, 4 having sum(l.net_fen) > ${ctx.params.yearlyPayCapFen}
    )
    select w.project_id as "projectId", w.year::text as month, 'red' as level, p.region_code as "regionCode",
    count(*)::int as "workersAffected",
      sum(w.net)::float8 as "amountFen",
      jsonb_build_object('capFen', ${ctx.params.yearlyPayCapFen}::int8, 'maxNetFen', max(w.net), 'projectWorkerIds',
      (array_agg(w.project_worker_id order by w.project_worker_id))[1:${sql.raw(String(MAX_IDS))}]) as detail
    from w join projects p on p.county_code = w.county_code and p.id = w.project_id
    group by w.county_code, w.project_id, w.year, p.region_code`,
    ),
};
