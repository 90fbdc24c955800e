/**
 * Routing proven with EXPLAIN (issue #10, scope 4): the statements a county officer's hot paths send — the very
 * SQL of the repositories, not a copy — each run on ONE shard of the Citus cluster, because the repos name the
 * county of a one-county scope (db/routing.ts `countyRoute`) and keys lead with county_code; a city's scope fans
 * out to every shard in parallel. Each repo function runs with an executor that EXPLAINs every statement instead
 * of running it (it answers no rows, so a function takes its not-found paths — which are hot paths too).
 */
import { sql, type SQL } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Database, DbScope, Executor } from '../../apps/server/src/db/client.js';
import { findWorker, findWorkerIdByIdBidx, workerRef } from '../../apps/server/src/modules/registry/registry.repo.js';
import { listEmployments } from '../../apps/server/src/modules/registry/employments.repo.js';
import { insuranceOf } from '../../apps/server/src/modules/registry/insurance.repo.js';
import { listWorkers, type WorkerFilter } from '../../apps/server/src/modules/registry/workerSearch.repo.js';
import { DEFAULT_WAGE_PARAMS } from '@mwsp/domain';
import { SYSTEM_SCOPE } from '../../apps/server/src/db/client.js';
import { monthLines, monthSummaries } from '../../apps/server/src/modules/wages/ledger.repo.js';
import { findProject, listProjects } from '../../apps/server/src/modules/wages/projects.repo.js';
import { WARNING_RULES } from '../../apps/server/src/modules/wages/rules/index.js';
import { listWarnings } from '../../apps/server/src/modules/wages/warnings.repo.js';
import { useMigratedDatabase } from '../../apps/server/src/test/migrated-db.js';

let db: Database;
useMigratedDatabase((opened) => (db = opened));

const COUNTY: DbScope = { region: '530102', dataScope: 'region' };
const TOWNSHIP: DbScope = { region: '530102001', dataScope: 'region' };
const CITY: DbScope = { region: '5301', dataScope: 'region' };
const SOME_ID = '00000000-0000-4000-8000-000000000001';

/** Every "Task Count" in a Citus EXPLAIN (FORMAT JSON) plan: the main job's and each subplan's. */
function taskCounts(plan: unknown): number[] {
  if (Array.isArray(plan)) return plan.flatMap(taskCounts);
  if (!plan || typeof plan !== 'object') return [];
  return Object.entries(plan).flatMap(([k, v]) => (k === 'Task Count' ? [Number(v)] : taskCounts(v)));
}

/** The task counts of each statement `fn` sends, EXPLAINed in a transaction of `scope` instead of run. */
async function routed(scope: DbScope, fn: (tx: Executor) => Promise<unknown>): Promise<number[][]> {
  return db.scoped(scope, async (tx) => {
    const statements: number[][] = [];
    const explaining = new Proxy(tx, {
      get(target, prop, receiver) {
        if (prop !== 'execute') return Reflect.get(target, prop, receiver) as unknown;
        return async (q: SQL) => {
          const r = (await target.execute(sql`explain (format json) ${q}`)) as unknown as {
            rows: { 'QUERY PLAN': unknown }[];
          };
          statements.push(taskCounts(r.rows.map((x) => x['QUERY PLAN'])));
          return { rows: [] };
        };
      },
    });
    await fn(explaining);
    return statements;
  });
}

const filter = (f: Partial<WorkerFilter>): WorkerFilter => ({ sort: '-createdAt', page: 1, pageSize: 20, ...f });

describe('a county officer’s hot queries run on one shard', () => {
  it('a worker by id (the record page) and its insurance', async () => {
    for (const scope of [COUNTY, TOWNSHIP]) {
      const plans = await routed(scope, async (tx) => {
        await findWorker(tx, SOME_ID);
        await workerRef(tx, SOME_ID);
        await insuranceOf(tx, SOME_ID);
      });
      expect(plans).toHaveLength(3);
      for (const p of plans) expect(p, JSON.stringify(plans)).toEqual([1]);
    }
  });

  it('the worker list of the county: a page, a name search, an ID-number search', async () => {
    for (const f of [filter({}), filter({ q: '张' }), filter({ q: '张', qContains: true }), filter({ idBidx: 'x' })]) {
      const plans = await routed(COUNTY, (tx) => listWorkers(tx, f));
      expect(plans.length).toBeGreaterThan(0);
      // every statement, every subplan of it: one task
      for (const p of plans) for (const n of p) expect(n, `${JSON.stringify(f)}: ${JSON.stringify(plans)}`).toBe(1);
    }
  });

  it('the employments list of the county', async () => {
    const plans = await routed(COUNTY, (tx) => listEmployments(tx, { page: 1, pageSize: 20, workerId: SOME_ID }));
    for (const p of plans) for (const n of p) expect(n, JSON.stringify(plans)).toBe(1);
  });

  it('an ID number found from anywhere (the national look-up is hashed on the blind index)', async () => {
    for (const scope of [COUNTY, CITY]) {
      const plans = await routed(scope, (tx) => findWorkerIdByIdBidx(tx, 'some-blind-index'));
      expect(plans).toEqual([[1]]);
    }
  });
});

describe('a county officer’s wage queries run on one shard', () => {
  const project = { id: SOME_ID, countyCode: '530102' };
  it('a project, the county’s project list, and a project’s ledger (months, a month’s lines)', async () => {
    const plans = await routed(COUNTY, async (tx) => {
      await findProject(tx, SOME_ID);
      await listProjects(tx, { page: 1, pageSize: 20 });
      await listProjects(tx, { q: '五华', page: 1, pageSize: 20 });
      await monthSummaries(tx, project);
      await monthLines(tx, project, '2026-10-01');
    });
    expect(plans.length).toBeGreaterThanOrEqual(5);
    for (const p of plans) for (const n of p) expect(n, JSON.stringify(plans)).toBe(1);
  });

  it('the county’s warnings list, open and overdue', async () => {
    const plans = await routed(COUNTY, async (tx) => {
      await listWarnings(tx, { owned: {}, today: '2026-11-30', page: 1, pageSize: 20 });
      await listWarnings(tx, { owned: {}, today: '2026-11-30', overdue: true, status: 'open', page: 1, pageSize: 20 });
    });
    for (const p of plans) for (const n of p) expect(n, JSON.stringify(plans)).toBe(1);
  });
});

describe('a city’s scope fans out', () => {
  it('the full warning scan runs every rule on all shards in parallel', async () => {
    for (const rule of WARNING_RULES) {
      const plans = await routed(SYSTEM_SCOPE, (tx) =>
        rule.detect(tx, { today: '2026-11-30', params: DEFAULT_WAGE_PARAMS, projectIds: null }),
      );
      expect(Math.max(...plans.flat()), `${rule.id}: ${JSON.stringify(plans)}`).toBeGreaterThan(1);
    }
  });

  it('the city’s worker list runs on every shard in parallel', async () => {
    const plans = await routed(CITY, (tx) => listWorkers(tx, filter({})));
    const shards = Math.max(...plans.flat());
    expect(shards).toBeGreaterThan(1);
  });
});
