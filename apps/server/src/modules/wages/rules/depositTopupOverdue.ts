import { sql } from 'drizzle-orm';
import { findings, projectFilter, type WarningRule } from './rule.js';

/** After a drawdown, the contractor must top the deposit up within 10 working days (人社部发〔2021〕65号). */
export const depositTopupOverdue: WarningRule = {
  id: 'deposit_topup_overdue',
  name: '工资保证金未按期补足',
  description: '工资保证金被动用后，总承包单位未在 10 个工作日内补足',
  department: 'hrss',
  levels: ['red'],
  detect: (tx, ctx) =>
    findings(
      tx,
      'deposit_topup_overdue',
      sql`
    select d.project_id as "projectId", null as month, 'red' as level, d.region_code as "regionCode",
    0 as "workersAffected",
      greatest(0, d.required_fen - d.balance_fen)::float8 as "amountFen",
      jsonb_build_object('topupDueOn', d.topup_due_on::text, 'requiredFen', d.required_fen, 'balanceFen',
      d.balance_fen) as detail
    from wage_deposits d where d.status = 'topup_due'
    and d.topup_due_on < ${ctx.today}::date ${projectFilter(sql`d.project_id`, ctx)}`,
    ),
};
