import { sql } from 'drizzle-orm';
import { findings, MAX_IDS, projectFilter, type WarningRule } from './rule.js';

/** No contract, no entry (条例 Art. 28): workers on site without a signed labour contract on record. */
export const noContractOnSite: WarningRule = {
  id: 'no_contract_on_site',
  name: '未签劳动合同进场',
  description: '在场人员没有与总包或分包单位签订劳动合同的记录（未签合同不得进场）',
  department: 'hrss',
  levels: ['orange'],
  detect: (tx, ctx) =>
    findings(
      tx,
      'no_contract_on_site',
      sql`
    select pw.project_id as "projectId", null as month, 'orange' as level, min(pw.region_code) as "regionCode",
    count(*)::int as "workersAffected", 0 as "amountFen",
      jsonb_build_object('projectWorkerIds', (array_agg(pw.id order by pw.id))[1:${sql.raw(String(MAX_IDS))}]) as detail
    from project_workers pw where pw.exit_date is null
    and not pw.contract_present ${projectFilter(sql`pw.project_id`, ctx)}
    group by pw.county_code, pw.project_id`,
    ),
};
