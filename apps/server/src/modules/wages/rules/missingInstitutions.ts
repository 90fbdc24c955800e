import { sql } from 'drizzle-orm';
import { findings, projectFilter, type WarningRule } from './rule.js';

/** The six site institutions (实名制、专用账户、总包代发、保证金、维权告示牌、工资台账) not all in place (条例 Art. 39; §9 #10, #11, #13). */
export const missingInstitutions: WarningRule = {
  id: 'missing_institutions',
  name: '六项制度不健全',
  description: '在建项目开工超过宽限期（默认 30 天）仍缺少实名制、专用账户、总包代发、保证金、维权告示牌或工资台账',
  department: 'housing',
  levels: ['yellow', 'orange', 'red'],
  detect: (tx, ctx) => findings(tx, 'missing_institutions', sql`
    with flags as (
      select p.id, p.region_code,
        exists (select 1 from project_workers pw where pw.project_id = p.id) as real_name,
        exists (select 1 from wage_accounts a where a.project_id = p.id and a.status <> 'closed') as account,
        exists (select 1 from wage_deposits d where d.project_id = p.id and d.status <> 'returned') as deposit,
        p.notice_board_posted_on is not null as notice_board,
        (date_trunc('month', p.start_date) + interval '1 month' + (p.pay_day - 1) * interval '1 day')::date < ${ctx.today}::date as pay_due,
        exists (select 1 from bank_payments b where b.project_id = p.id and b.succeeded) as paid,
        exists (select 1 from payroll_lines l where l.project_id = p.id) as ledger
      from projects p
      where p.status = 'in_progress' and p.start_date + ${ctx.params.institutionsGraceDays}::int < ${ctx.today}::date ${projectFilter(sql`p.id`, ctx)}
    ), missing as (
      select id, region_code, array_remove(array[
        case when not real_name then 'realName' end, case when not account then 'account' end,
        case when pay_due and not paid then 'contractorPays' end, case when not deposit then 'deposit' end,
        case when not notice_board then 'noticeBoard' end, case when pay_due and not ledger then 'ledger' end], null) as items
      from flags
    )
    select id as "projectId", null as month,
      case when cardinality(items) = 1 then 'yellow' when cardinality(items) <= 3 then 'orange' else 'red' end as level,
      region_code as "regionCode", 0 as "workersAffected", 0 as "amountFen", jsonb_build_object('missing', to_jsonb(items)) as detail
    from missing where cardinality(items) > 0`),
};
