import { toDayNumber } from '@mwsp/domain';
import type { Executor } from '../../db/client.js';
import { stateOf, type CaseTypeRegistry } from './caseTypes.js';
import * as repo from './caseStats.repo.js';

export type { StatsArea } from './caseStats.repo.js';

/** The length of the codes of a region's children (province 2 → city 4 → county 6 → township 9 → village 12). */
export const childLengthOf = (code: string): number =>
  code.length <= 2 ? 4 : code.length <= 4 ? 6 : code.length <= 6 ? 9 : 12;

/** [from, to) of a calendar year in Asia/Shanghai, as timestamps. */
export const yearPeriod = (year: number) => ({
  from: `${year}-01-01T00:00:00+08:00`,
  to: `${year + 1}-01-01T00:00:00+08:00`,
});

/**
 * The case engine's statistics over an area and a period, generic over case types (names from the registry):
 * cases by type and current state (the outcome of the closed ones), by child region, transitions with the
 * amounts their fields carry, the on-time rate of every clock (stage), the overdue list. In the caller's scoped
 * transaction: the module that offers the statistics checks the permission and the area first.
 */
export async function caseStats(tx: Executor, types: CaseTypeRegistry, a: repo.StatsArea, overdueLimit = 100) {
  if (a.types.length === 0) a = { ...a, types: ['-'] };
  const typeName = (t: string) => types.get(t)?.name ?? t;
  const byTypeState = await repo.casesByTypeState(tx, a);
  const closed = new Map((await repo.closedByType(tx, a)).map((r) => [r.type, r.cases]));
  const byType = a.types
    .filter((t) => types.get(t))
    .map((t) => {
      const rows = byTypeState.filter((r) => r.type === t);
      return {
        type: t,
        name: typeName(t),
        filed: rows.reduce((s, r) => s + r.cases, 0),
        closed: closed.get(t) ?? 0,
        workers: rows.reduce((s, r) => s + r.workers, 0),
        escalated: rows.reduce((s, r) => s + r.escalated, 0),
      };
    });
  const byState = byTypeState.map((r) => {
    const st = types.get(r.type) ? stateOf(types.get(r.type)!, r.state) : undefined;
    return {
      type: r.type,
      typeName: typeName(r.type),
      state: r.state,
      name: st?.name ?? r.state,
      final: st?.final ?? false,
      cases: r.cases,
    };
  });
  const regions = await repo.byRegion(tx, a);
  const names = new Map(
    (
      await repo.regionNames(
        tx,
        regions.map((r) => r.code),
      )
    ).map((r) => [r.code, r.name]),
  );
  const transitions = (await repo.transitions(tx, a)).map((r) => ({
    ...r,
    typeName: typeName(r.type),
    name: types.get(r.type)?.transitions.find((x) => x.event === r.event)?.name ?? r.event,
  }));
  const clockName = (t: string, k: string) => types.get(t)?.clocks.find((x) => x.code === k)?.name ?? k;
  const timeliness = (await repo.clockTimeliness(tx, a)).map((r) => ({
    ...r,
    typeName: typeName(r.type),
    clockName: clockName(r.type, r.code),
    onTimeRate: r.met + r.late > 0 ? r.met / (r.met + r.late) : null,
  }));
  const today = toDayNumber(a.today);
  const overdueRows = await repo.overdueList(tx, a, overdueLimit);
  const overdueNames = new Map(
    (await repo.regionNames(tx, [...new Set(overdueRows.map((r) => r.regionCode))])).map((r) => [r.code, r.name]),
  );
  const overdue = overdueRows.map((r) => ({
    ...r,
    typeName: typeName(r.type),
    stateName: types.get(r.type) ? (stateOf(types.get(r.type)!, r.state)?.name ?? r.state) : r.state,
    regionName: overdueNames.get(r.regionCode) ?? null,
    clockName: clockName(r.type, r.clock),
    daysOverdue: today - toDayNumber(r.dueOn),
  }));
  return {
    recovered: await recoveredOncePerChain(tx, a),
    byType,
    byState,
    byRegion: regions.map((r) => ({ ...r, name: names.get(r.code) ?? r.code })),
    transitions,
    timeliness,
    overdue,
  };
}

export type CaseStats = Awaited<ReturnType<typeof caseStats>>;

/** How far the chain of linked cases is followed (complaint → inspection → police transfer, → arbitration → …). */
const CHAIN_DEPTH = 8;

/**
 * The amount recovered and the workers helped, counting each chain of linked cases ONCE. A complaint, the inspection
 * opened from it, the arbitration or legal aid it led to concern the same claims of the same workers: when several
 * of them record an amount recovered (追回金额), each records what was recovered for those claims, not a new sum. So
 * the cases recording a recovery in the period are grouped by their links (followed through any linked case, also
 * one recording nothing), and each group counts its largest recorded amount and its largest number of workers.
 * A case without links is a chain of its own. Links the caller cannot see (outside its scope) do not join chains.
 */
export async function recoveredOncePerChain(
  tx: Executor,
  a: repo.StatsArea,
): Promise<{ recoveredFen: number; workersHelped: number }> {
  const rows = await repo.recoveries(tx, a);
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== undefined && parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  const union = (x: string, y: string) => {
    const rx = find(x);
    const ry = find(y);
    if (rx !== ry) parent.set(rx, ry);
  };
  for (const r of rows) parent.set(r.caseId, r.caseId);
  let frontier = rows.map((r) => r.caseId);
  for (let depth = 0; depth < CHAIN_DEPTH && frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const l of await repo.linkedCases(tx, frontier)) {
      if (!parent.has(l.linkedId)) {
        parent.set(l.linkedId, l.linkedId);
        next.push(l.linkedId);
      }
      union(l.caseId, l.linkedId);
    }
    frontier = next;
  }
  const chains = new Map<string, { fen: number; workers: number }>();
  for (const r of rows) {
    const root = find(r.caseId);
    const c = chains.get(root) ?? { fen: 0, workers: 0 };
    chains.set(root, { fen: Math.max(c.fen, r.recoveredFen), workers: Math.max(c.workers, r.workers) });
  }
  let recoveredFen = 0;
  let workersHelped = 0;
  for (const c of chains.values()) {
    recoveredFen += c.fen;
    workersHelped += c.workers;
  }
  return { recoveredFen, workersHelped };
}

/** Distinct employers named by the cases on which `event` was performed in the period. */
export const employersOfEvent = repo.employersOf;
