import { sql } from 'drizzle-orm';
import { findings, MAX_IDS, projectFilter, type WarningRule } from './rule.js';

/**
 * Confirmed arrears still outstanding, coloured by age: ≤ 1 month yellow, 1–2 months orange, > 2 months red (§9 #14).
 */
export const arrearsAge: WarningRule = {
  id: 'arrears_age',
  name: '欠薪账龄',
  description: '已确认的欠薪尚未清偿：逾期 1 个月以内黄色，1–2 个月橙色，2 个月以上红色',
  department: 'hrss',
  levels: ['yellow', 'orange', 'red'],
  detect: (tx, ctx) =>
    findings(
      tx,
      'arrears_age',
      sql`
    with o as (
      select c.county_code, c.project_id, c.region_code, i.worker_id, i.month, i.amount_fen - i.paid_fen as owed
      from arrears_items i join arrears_cases c on c.county_code = i.county_code and c.id = i.case_id
      where c.status <> 'closed' and c.project_id is not null
      and i.paid_fen < i.amount_fen ${projectFilter(sql`c.project_id`, ctx)}
    ), agg as (
      select project_id, min(region_code) as region_code, min(month) as oldest, count(distinct worker_id) as workers,
      sum(owed) as owed,
        (array_agg(distinct worker_id))[1:${sql.raw(String(MAX_IDS))}] as worker_ids
      from o group by county_code, project_id
    )
    select project_id as "projectId", null as month,
      case when ${ctx.today}::date - ((oldest + interval '2 month')::date - 1) <= 30 then 'yellow'
           when ${ctx.today}::date - ((oldest + interval '2 month')::date - 1) <= 61 then 'orange' else 'red' end as
           level,
      region_code as "regionCode", workers::int as "workersAffected", owed::float8 as "amountFen",
      jsonb_build_object('oldestMonth', oldest::text, 'daysOverdue', greatest(0,
      ${ctx.today}::date - ((oldest + interval '2 month')::date - 1)), 'workerIds', to_jsonb(worker_ids)) as detail
    from agg`,
    ),
};
