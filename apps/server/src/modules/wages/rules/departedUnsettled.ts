import { sql } from 'drizzle-orm';
import { findings, MAX_IDS, projectFilter, type WarningRule } from './rule.js';

/** A worker left the site and no settlement (离场结算) was recorded within the grace period (§9 #5). */
export const departedUnsettled: WarningRule = {
  id: 'departed_unsettled',
  name: '离场人员未结算',
  description: '人员已离场，超过宽限期（默认 15 天）仍无结清工资的离场结算记录',
  department: 'hrss',
  levels: ['red'],
  detect: (tx, ctx) => findings(tx, 'departed_unsettled', sql`
    select pw.project_id as "projectId", null as month, 'red' as level, p.region_code as "regionCode", count(*)::int as "workersAffected",
      0 as "amountFen",
      jsonb_build_object('earliestExit', min(pw.exit_date)::text, 'projectWorkerIds', (array_agg(pw.id order by pw.id))[1:${sql.raw(String(MAX_IDS))}]) as detail
    from project_workers pw join projects p on p.id = pw.project_id
    where pw.exit_date is not null and pw.settled_on is null and pw.exit_date + ${ctx.params.settlementGraceDays}::int < ${ctx.today}::date ${projectFilter(sql`pw.project_id`, ctx)}
    group by pw.project_id, p.region_code`),
};
