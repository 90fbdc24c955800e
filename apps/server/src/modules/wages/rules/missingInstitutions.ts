import { sql } from 'drizzle-orm';
import { findings, projectFilter, type WarningRule } from './rule.js';

/** The six site institutions (实名制、专用账户、总包代发、保证金、维权告示牌、工资台账) not all in place (条例 Art. 39; §9 #10, #11, #13). */
export const missingInstitutions: WarningRule = {
  id: 'missing_institutions',
  name: '六项制度不健全',
  description: '在建项目开工超过宽限期（默认 30 天）仍缺少实名制、专用账户、总包代发、保证金、维权告示牌或工资台账',
  department: 'housing',
  levels: ['yellow', 'orange', 'red'],
  wholeTables: true,
  // Whether a project has a ledger / bank payments is read from the small per-month tables written with
  // them (payrolls; the account's 'payment' movements), not by probing the ten-million-row ledgers.
  detect: (tx, ctx) =>
    findings(
      tx,
      'missing_institutions',
      sql`
    with cand as (
      select p.county_code, p.id, p.region_code, p.notice_board_posted_on is not null as notice_board,
        (date_trunc('month', p.start_date) + interval '1 month' + (p.pay_day - 1) * interval '1 day')::date <
        ${ctx.today}::date as pay_due
      from projects p
      where p.status = 'in_progress' and p.start_date + ${ctx.params.institutionsGraceDays}::int < ${ctx.today}::date
      ${projectFilter(sql`p.id`, ctx)}
    ),
    has_workers as (select distinct county_code, project_id as id from project_workers
    where true ${projectFilter(sql`project_id`, ctx)}),
    has_account as (select distinct county_code, project_id as id from wage_accounts
    where status <> 'closed' ${projectFilter(sql`project_id`, ctx)}),
    has_deposit as (select distinct county_code, project_id as id from wage_deposits
    where status <> 'returned' ${projectFilter(sql`project_id`, ctx)}),
    has_paid as (select distinct county_code, project_id as id from account_txns
    where kind = 'payment' ${projectFilter(sql`project_id`, ctx)}),
    has_ledger as (select distinct county_code, project_id as id from payrolls
      where true ${projectFilter(sql`project_id`, ctx)}),
    missing as (
      select c.id, c.region_code, array_remove(array[
        case when hw.id is null then 'realName' end, case when ha.id is null then 'account' end,
        case when c.pay_due and hp.id is null then 'contractorPays' end, case when hd.id is null then 'deposit' end,
        case when not c.notice_board then 'noticeBoard' end, case when c.pay_due
        and hl.id is null then 'ledger' end], null) as items
      from cand c left join has_workers hw on hw.county_code = c.county_code and hw.id = c.id
      left join has_account ha on ha.county_code = c.county_code and ha.id = c.id
      left join has_deposit hd on hd.county_code = c.county_code and hd.id = c.id
      left join has_paid hp on hp.county_code = c.county_code and hp.id = c.id
      left join has_ledger hl on hl.county_code = c.county_code and hl.id = c.id
    )
    select id as "projectId", null as month,
      case when cardinality(items) = 1 then 'yellow' when cardinality(items) <= 3 then 'orange' else 'red' end as level,
      region_code as "regionCode", 0 as "workersAffected", 0 as "amountFen", jsonb_build_object('missing',
      to_jsonb(items)) as detail
    from missing where cardinality(items) > 0`,
    ),
};
