/**
 * `npm run bench -- scale` (issue #10): the same synthetic city on one PostgreSQL and on a local Citus
 * cluster (1 coordinator + 2 workers, tools/citus-cluster.ts), loaded and queried through the platform's
 * own services, reported side by side with the ratio Citus / PostgreSQL:
 *   - bulk load of the registry (workers, employers) and of 12 months of wage data (the warnings
 *     benchmark's generator, @mwsp/synth), by the modules' COPY loaders;
 *   - a county officer's worker lookup by ID number and name search (RegistryService.listWorkers, with
 *     row-level security), p50 / p95 over BENCH_SCALE_RUNS calls;
 *   - the warning engine's full scan (steady state: the second one) and the incremental scan of one
 *     project after re-uploading one of its months.
 * On Citus it also reports how the tables are placed (pg_dist_partition) — the figures mean "the
 * platform on a Citus coordinator with this placement", not more.
 *
 * BENCH_SCALE_WORKERS (default 1,000,000), BENCH_SCALE_PROJECTS (10,000), BENCH_SCALE_RUNS (50),
 * BENCH_SCALE_ENGINES ('postgres,citus'), BENCH_SCALE_SEED (20261205). On one 2-core machine the cluster
 * cannot be faster than one PostgreSQL (three servers share the cores): the figure is the overhead.
 * Quick run: BENCH_SCALE_WORKERS=50000 BENCH_SCALE_PROJECTS=300 npm run bench -- scale
 */
import os from 'node:os';
import { DEFAULT_WAGE_PARAMS } from '@mwsp/domain';
import { generateCity, generateWageProjects, Rng, seededUuid, type SynthRecord, type WageWorkerRef } from '@mwsp/synth';
import { sql } from 'drizzle-orm';
import { createServices, type Services } from '../../apps/server/src/app.js';
import { bootstrap } from '../../apps/server/src/bootstrap.js';
import { all, openDatabase, type Database } from '../../apps/server/src/db/client.js';
import { migrate } from '../../apps/server/src/db/migrate.js';
import { WarningEngine } from '../../apps/server/src/modules/wages/warnings.engine.js';
import { KeyRing, randomBytes } from '../../apps/server/src/platform/crypto/index.js';
import { readRegions } from '../../apps/server/src/platform/org/regions.source.js';
import { startCitusCluster } from '../citus-cluster.js';
import { startThrowawayCluster } from '../pg-cluster.js';
import { reupload } from './warnings.js';
import { principal, stats } from './worker-list.js';

const WORKERS = Number(process.env.BENCH_SCALE_WORKERS ?? 1_000_000);
const PROJECTS = Number(process.env.BENCH_SCALE_PROJECTS ?? 10_000);
const RUNS = Number(process.env.BENCH_SCALE_RUNS ?? 50);
const ENGINES = (process.env.BENCH_SCALE_ENGINES ?? 'postgres,citus').split(',').map((e) => e.trim());
const SEED = Number(process.env.BENCH_SCALE_SEED ?? 20261205);
const AS_OF = '2026-11-20'; // the warnings benchmark's date (its re-upload helper pays up to it)
const CITY = '5301';
const SETTINGS = { shared_buffers: '512MB', work_mem: '32MB', max_wal_size: '4GB', checkpoint_timeout: '30min' };

type Stats = ReturnType<typeof stats>;
interface EngineResult {
  engine: string;
  registryMs: number;
  wagesMs: number;
  lookup: Stats;
  search: Stats;
  fullScanMs: number;
  incrementalMs: number | null;
  placement: string;
}

const n = (x: number) => x.toLocaleString('en-US');
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Every worker record passes through; every k-th is kept (ID number and county) for the lookups. */
function* sampled(records: Iterable<SynthRecord>, keep: { idNumber: string; county: string; name: string }[]) {
  let i = 0;
  const every = Math.max(1, Math.floor(WORKERS / 20_000));
  for (const r of records) {
    if (r.kind === 'worker' && i++ % every === 0)
      keep.push({ idNumber: r.idNumber, county: r.residenceRegionCode.slice(0, 6), name: r.name });
    yield r;
  }
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await fn();
  return [r, performance.now() - t0];
}

async function sample(calls: (() => Promise<unknown>)[]): Promise<Stats> {
  for (const c of calls.slice(0, 3)) await c(); // warm-up
  const ms: number[] = [];
  for (const c of calls) ms.push((await timed(c))[1]);
  return stats(ms);
}

async function placement(db: Database): Promise<string> {
  const citus = await all<{ n: number }>(
    db.owner,
    sql`select count(*)::int as n from pg_extension where extname = 'citus'`,
  );
  if (!citus[0].n) return 'one PostgreSQL (no Citus)';
  const rows = await all<{ kind: string; n: number }>(
    db.owner,
    sql`select case when partmethod = 'h' then 'distributed' when repmodel = 't' then 'reference'
          else 'Citus local' end as kind, count(*)::int as n from pg_dist_partition group by 1 order by 1`,
  );
  const nodes = await all<{ n: number }>(db.owner, sql`select count(*)::int as n from pg_dist_node where isactive`);
  return `${nodes[0].n} nodes; tables: ${rows.map((r) => `${r.n} ${r.kind}`).join(', ') || 'all local'}`;
}

async function runOn(engine: string, url: string): Promise<EngineResult> {
  console.log(`\n== ${engine} ==`);
  const db = await openDatabase({ url, poolSize: 4 });
  try {
    await migrate(db);
    const keys = new KeyRing(randomBytes(32).toString('base64'));
    const services: Services = createServices({ db, keys, cityCode: CITY, mode: 'demo' });
    await bootstrap(db, services, { cityCode: CITY, mode: 'demo', bootstrapPassword: 'Bench#Scale-2026' });
    const regions: { code: string; name: string; level: 1 | 2 | 3 | 4 | 5; parentCode: string | null }[] = [];
    for await (const b of readRegions(CITY)) regions.push(...b);
    const townships = regions.filter((r) => r.level === 4 && r.code.startsWith(CITY)).map((r) => r.code);

    const kept: { idNumber: string; county: string; name: string }[] = [];
    const ids = new Rng(SEED, 'bench:scale-ids');
    const [reg, registryMs] = await timed(() =>
      services.registrySeed.bulkCopy(
        sampled(generateCity({ cityCode: CITY, workers: WORKERS, seed: SEED, regions, asOf: AS_OF }), kept),
        { nextId: () => seededUuid(ids) },
      ),
    );
    console.log(
      `registry: ${n(reg.workers.length)} workers, ${n(reg.employers.length)} employers in ${secs(registryMs)}`,
    );
    const builders = reg.employers.filter((e) => e.industry === 'E');
    const [wages, wagesMs] = await timed(() =>
      services.wageSeed.bulkCopy(
        generateWageProjects({
          seed: SEED,
          asOf: AS_OF,
          projects: PROJECTS,
          workers: reg.workers as WageWorkerRef[],
          employers: builders.length >= 10 ? builders : reg.employers,
          townships,
          injectRate: 0.2,
        }),
        {},
      ),
    );
    console.log(
      `wage data: ${n(wages.projects)} projects, ${n(wages.rows.payroll_lines)} ledger lines in ${secs(wagesMs)}`,
    );
    await db.execScript('VACUUM ANALYZE');

    // The county officer of the county with most sampled workers: lookups by ID number and name searches.
    const byCounty = new Map<string, typeof kept>();
    for (const k of kept) byCounty.set(k.county, [...(byCounty.get(k.county) ?? []), k]);
    const [county, inCounty] = [...byCounty.entries()].sort((a, b) => b[1].length - a[1].length)[0];
    const officer = await principal(db, services, 'bench_scale_county', ['officer'], county, 'region');
    const picks = Array.from({ length: RUNS }, (_, i) => inCounty[(i * 7919) % inCounty.length]);
    const page = { page: 1, pageSize: 20, sort: '-createdAt' as const };
    let missing = 0;
    const lookup = await sample(
      picks.map((w) => async () => {
        const r = await services.registry.listWorkers(officer, { ...page, idNumber: w.idNumber });
        if (r.total !== 1) missing++;
      }),
    );
    if (missing) throw new Error(`${missing} lookups by ID number did not find their worker`);
    const search = await sample(
      picks.map((w) => () => services.registry.listWorkers(officer, { ...page, q: w.name.slice(0, 2) })),
    );
    console.log(`county ${county}: ${n(inCounty.length)} sampled workers; lookups and searches as its officer`);

    const engineOf = new WarningEngine(
      db,
      services.events,
      () => Promise.resolve(DEFAULT_WAGE_PARAMS),
      () => services.calendar.calendar(),
      () => new Date(),
    );
    await engineOf.fullScan({ today: AS_OF });
    const [, fullScanMs] = await timed(() => engineOf.fullScan({ today: AS_OF }));
    const inj = wages.injections.find((i) => i.kind === 'missing_workers' || i.kind === 'late_month');
    let incrementalMs: number | null = null;
    if (inj) {
      await reupload(db, inj);
      incrementalMs = (await timed(() => engineOf.scanProjects([inj.projectId], { today: AS_OF })))[1];
    }
    return {
      engine,
      registryMs,
      wagesMs,
      lookup,
      search,
      fullScanMs,
      incrementalMs,
      placement: await placement(db),
    };
  } finally {
    await db.close();
  }
}

function report(results: EngineResult[]) {
  const [pg, citus] = [results.find((r) => r.engine === 'PostgreSQL'), results.find((r) => r.engine === 'Citus')];
  const rows: [string, (r: EngineResult) => number | null][] = [
    ['registry bulk load (s)', (r) => r.registryMs / 1000],
    ['wage data bulk load (s)', (r) => r.wagesMs / 1000],
    ['county officer: lookup by ID number, p50 (ms)', (r) => r.lookup.median],
    ['county officer: lookup by ID number, p95 (ms)', (r) => r.lookup.p95],
    ['county officer: name search, p50 (ms)', (r) => r.search.median],
    ['county officer: name search, p95 (ms)', (r) => r.search.p95],
    ['warning engine, full scan (s)', (r) => r.fullScanMs / 1000],
    ['warning engine, incremental scan of one project (ms)', (r) => r.incrementalMs],
  ];
  console.log(`\n## scale: ${n(WORKERS)} workers, ${n(PROJECTS)} projects × 12 months; ${RUNS} calls per query`);
  console.log(
    `machine: ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; load average ` +
      `${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' / ')}`,
  );
  for (const r of results) console.log(`${r.engine}: ${r.placement}`);
  console.log('\n| measure | PostgreSQL | Citus 1 + 2 | Citus / PostgreSQL |\n|---|---|---|---|');
  const fmt = (x: number | null | undefined) => (x === null || x === undefined ? '—' : x.toFixed(x < 10 ? 2 : 1));
  for (const [label, f] of rows) {
    const a = pg ? f(pg) : null;
    const b = citus ? f(citus) : null;
    console.log(`| ${label} | ${fmt(a)} | ${fmt(b)} | ${a && b ? (b / a).toFixed(2) : '—'} |`);
  }
}

export async function benchScale(): Promise<void> {
  const results: EngineResult[] = [];
  if (ENGINES.includes('postgres')) {
    const cluster = await startThrowawayCluster({ settings: SETTINGS });
    try {
      results.push(await runOn('PostgreSQL', await cluster.createDatabase('bench_scale')));
    } finally {
      await cluster.stop();
    }
  }
  if (ENGINES.includes('citus')) {
    const cluster = await startCitusCluster({ settings: SETTINGS });
    try {
      results.push(await runOn('Citus', await cluster.createDatabase('bench_scale')));
    } finally {
      await cluster.stop();
    }
  }
  report(results);
}
