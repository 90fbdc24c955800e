import { sql, type SQL } from 'drizzle-orm';
import type { WageParams, WarningLevel } from '@mwsp/domain';
import { all, type Executor } from '../../../db/client.js';

/** What one rule found for one project (and month): becomes or updates one live warning. */
export interface Finding {
  rule: string;
  projectId: string;
  /** 'YYYY-MM-01', or null for a project-wide finding. */
  month: string | null;
  level: WarningLevel;
  regionCode: string;
  workersAffected: number;
  amountFen: number;
  /** Facts for the officer: counts, amounts, the project-worker ids concerned (capped). */
  detail: Record<string, unknown>;
}

export interface RuleContext {
  /** As-of date, 'YYYY-MM-DD' (Asia/Shanghai). */
  today: string;
  params: WageParams;
  /** null = every project (full scan). */
  projectIds: string[] | null;
}

/** An early-warning rule: one set-based query over the ledger, individually tested. */
export interface WarningRule {
  id: string;
  name: string;
  description: string;
  /** The department that handles it (departments.code). */
  department: 'hrss' | 'housing' | 'transport';
  levels: WarningLevel[];
  /** Joins whole ledger tables on a full scan (the engine then asks the planner for hash joins). */
  wholeTables?: boolean;
  detect(tx: Executor, ctx: RuleContext): Promise<Finding[]>;
}

/** Most project-worker ids kept in a warning's detail (the count is exact). */
export const MAX_IDS = 200;

/** `and <column> in (...)` for an incremental scan, nothing for a full one. */
export function projectFilter(column: SQL, ctx: RuleContext): SQL {
  if (ctx.projectIds === null) return sql``;
  if (ctx.projectIds.length === 0) return sql` and false`;
  return sql` and ${column} in (${sql.join(
    ctx.projectIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  )})`;
}

interface Row {
  projectId: string;
  month: string | null;
  level: WarningLevel;
  regionCode: string;
  workersAffected: number;
  amountFen: number;
  detail: Record<string, unknown>;
}

/** Runs a rule's query; each row has projectId, month, level, regionCode, workersAffected, amountFen, detail. */
export async function findings(tx: Executor, rule: string, query: SQL): Promise<Finding[]> {
  const rows = await all<Row>(tx, query);
  return rows.map((r) => ({
    rule,
    projectId: r.projectId,
    month: r.month,
    level: r.level,
    regionCode: r.regionCode,
    workersAffected: Number(r.workersAffected),
    amountFen: Number(r.amountFen),
    detail: r.detail,
  }));
}
