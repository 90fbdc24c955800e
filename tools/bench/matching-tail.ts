/**
 * The tail of matching (issue #12, "Speed"): `npx tsx tools/bench/matching-tail.ts` on a database loaded by
 * `npm run bench -- matching` with BENCH_MATCH_PG_URL, or without it on an in-memory PGlite loaded with the
 * benchmark's PGlite market (20,000 postings / 100,000 seekers, same seed; ~15 s). Ranks a sample of seekers and
 * postings (the same seeded sample every run: ids by a hash) through the module's service and lists the slowest
 * with each candidate statement's tier labels, time and rows (RankingStats.steps).
 *
 * BENCH_TAIL_PILOT: MatchingService.pilot (0: no pilot). BENCH_TAIL_RUNS (60) subjects per direction,
 * BENCH_TAIL_SHOW (8) listed. BENCH_TAIL_EXPLAIN=<ms>: the database's sessions load auto_explain (ANALYZE,
 * BUFFERS) for statements slower than that while the script runs (in the server's log, as the app's role mwsp_app
 * under RLS); reset at the end.
 */
import { sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { all, openDatabase, type Executor } from '../../apps/server/src/db/client.js';
import { migrate } from '../../apps/server/src/db/migrate.js';
import { generateJobMarket } from '@mwsp/synth';
import { load, matchingServices, PRINCIPAL } from './matching.js';
import { cityPlaces } from './matching-eval.js';
import type { RankingStats } from '../../apps/server/src/modules/employment/matching.service.js';

const URL = process.env.BENCH_MATCH_PG_URL;
const RUNS = Number(process.env.BENCH_TAIL_RUNS ?? 60);
const SHOW = Number(process.env.BENCH_TAIL_SHOW ?? 8);
const EXPLAIN = process.env.BENCH_TAIL_EXPLAIN;

// Without BENCH_MATCH_PG_URL: an in-memory PGlite loaded with the benchmark's market (its PGlite sizes, 20,000
// postings / 100,000 seekers; BENCH_MATCH_PGLITE_POSTINGS / _WORKERS), the same seed.
const dbName = URL ? new globalThis.URL(URL).pathname.slice(1) : '';
if (EXPLAIN && URL) {
  const db0 = await openDatabase({ url: URL, poolSize: 1 });
  await db0.execScript(`ALTER DATABASE ${dbName} SET session_preload_libraries = 'auto_explain';
    ALTER DATABASE ${dbName} SET auto_explain.log_min_duration = '${Number(EXPLAIN)}ms';
    ALTER DATABASE ${dbName} SET auto_explain.log_analyze = on;
    ALTER DATABASE ${dbName} SET auto_explain.log_buffers = on;`);
  await db0.close();
}
const db = URL ? await openDatabase({ url: URL, poolSize: 4 }) : await openDatabase({});
try {
  await migrate(db);
  if (!URL) {
    const t0 = performance.now();
    const m = generateJobMarket({
      seed: Number(process.env.BENCH_MATCH_SEED ?? 20261206),
      postings: Number(process.env.BENCH_MATCH_PGLITE_POSTINGS ?? 20_000),
      seekers: Number(process.env.BENCH_MATCH_PGLITE_WORKERS ?? 100_000),
      ...(await cityPlaces()),
    });
    await load(db, m.postings, m.seekers);
    console.log(`PGlite loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  const services = await matchingServices(db);
  const seekers = await all<{ id: string }>(
    db.owner,
    sql`select id from job_seekers order by hashtext(id::text) limit ${RUNS + 2}`,
  );
  const postings = await all<{ id: string }>(
    db.owner,
    sql`select id from job_postings order by hashtext(id::text) limit ${RUNS + 2}`,
  );
  type Row = { id: string; ms: number; r: RankingStats; cpu: number };
  const show = (name: string, rows: Row[]) => {
    rows.splice(0, 2); // warm-up
    const s = [...rows].sort((a, b) => b.ms - a.ms);
    const q = (p: number) => [...rows].map((x) => x.ms).sort((a, b) => a - b)[Math.floor(p * rows.length)]!;
    const cpu = [...rows].map((x) => x.cpu).sort((a, b) => a - b);
    console.log(`  this process's CPU per ranking: p50 ${cpu[Math.floor(cpu.length / 2)]!.toFixed(1)} ms`);
    const sqlq = (p: number) => [...rows].map((x) => x.r.sqlMs).sort((a, b) => a - b)[Math.floor(p * rows.length)]!;
    console.log(
      `\n${name}: p50 ${q(0.5).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms; ` +
        `candidate SQL p50 ${sqlq(0.5).toFixed(1)}, p95 ${sqlq(0.95).toFixed(1)} ms`,
    );
    for (const x of s.slice(0, SHOW)) {
      console.log(
        `  ${x.id} ${x.ms.toFixed(1)} ms (SQL ${x.r.sqlMs.toFixed(1)}, other ${(x.ms - x.r.sqlMs).toFixed(1)}); ` +
          `skipped ${x.r.skipped}`,
      );
      for (const st of x.r.steps) console.log(`    ${st.ms.toFixed(1)} ms ${st.rows} rows: ${st.label}`);
    }
  };
  const m = services.matching;
  // BENCH_TAIL_PLAN=1: each candidate statement is run under EXPLAIN (ANALYZE, SUMMARY) first: planning and execution
  // times, summed per direction (as mwsp_app under RLS, in the ranking's own transaction). The proxy executor below is
  // not a registered one (db/prepared.ts, db/pglite-prepared.ts), so the service takes its UNPREPARED path under it:
  // custom plans of the plain texts, rows unpacked, no fixed shape — not the generic plans it runs otherwise.
  const plan = { planning: [] as number[], execution: [] as number[], texts: [] as string[] };
  if (process.env.BENCH_TAIL_PLAN === '1' || process.env.BENCH_TAIL_PLAN === '2') {
    console.log(
      '  BENCH_TAIL_PLAN: the candidate statements run unprepared (custom plans), not as the service runs them',
    );
    const dialect = new PgDialect();
    const scoped = db.scoped.bind(db);
    db.scoped = (scope, fn, opts) =>
      scoped(
        scope,
        (tx) => {
          const execute = tx.execute.bind(tx);
          const proxy = Object.create(tx) as Executor;
          proxy.execute = (async (q: SQL) => {
            if (/^select (s|j)\.id/.test(dialect.sqlToQuery(q).sql.trim())) {
              const r = (await execute(sql`explain (analyze, summary) ${q}`)) as unknown as {
                rows: { 'QUERY PLAN': string }[];
              };
              const text = r.rows.map((x) => x['QUERY PLAN']).join('\n');
              const time = (what: string) => Number(new RegExp(`${what} Time: ([0-9.]+) ms`).exec(text)?.[1] ?? 0);
              plan.planning.push(time('Planning'));
              plan.execution.push(time('Execution'));
              plan.texts.push(text);
            }
            return execute(q);
          }) as Executor['execute'];
          return fn(proxy);
        },
        opts,
      );
  }
  const planLine = () => {
    if (!plan.planning.length) return;
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(0.95 * xs.length)]!;
    const mean = (xs: number[]) => (sum(xs) / xs.length).toFixed(1);
    console.log(
      `  candidate statements ${plan.planning.length}: planning mean ${mean(plan.planning)} ms ` +
        `(p95 ${p95(plan.planning).toFixed(1)}), execution mean ${mean(plan.execution)} ms ` +
        `(p95 ${p95(plan.execution).toFixed(1)})`,
    );
    // BENCH_TAIL_PLAN=2: the plans of the slowest statement to plan and to execute.
    if (process.env.BENCH_TAIL_PLAN === '2') {
      const at = (xs: number[]) => xs.indexOf(Math.max(...xs));
      console.log(`  slowest to plan:\n${plan.texts[at(plan.planning)]}`);
      console.log(`  slowest to execute:\n${plan.texts[at(plan.execution)]}`);
    }
    plan.planning = [];
    plan.execution = [];
    plan.texts = [];
  };
  // BENCH_TAIL_PILOT: the seekers' pilot rows (0: none), for comparisons.
  if (process.env.BENCH_TAIL_PILOT) m.pilot = Number(process.env.BENCH_TAIL_PILOT);
  // BENCH_TAIL_MERGE=0: the kinds of a tier with different caps in arms of their own (MatchingService.mergeCaps).
  if (process.env.BENCH_TAIL_MERGE === '0') m.mergeCaps = false;
  // BENCH_TAIL_SLACK=<fraction>: kinds merged only when their caps are that close (MatchingService.capSlack).
  if (process.env.BENCH_TAIL_SLACK) m.capSlack = Number(process.env.BENCH_TAIL_SLACK);
  // BENCH_TAIL_TOWNS=0: the codes-in-county tiers not split by township (MatchingService.splitTowns).
  if (process.env.BENCH_TAIL_TOWNS === '0') m.splitTowns = false;
  // BENCH_TAIL_FIXED=<n>: arms per tier of the seekers' statement of a fixed shape (MatchingService.fixedSlots; 0:
  // the arms follow the floor, unprepared, as before match10).
  if (process.env.BENCH_TAIL_FIXED) m.fixedSlots = Number(process.env.BENCH_TAIL_FIXED);
  // BENCH_TAIL_PILOT_KINDS=4,7: the kinds of the seekers' pilot (MatchingService.pilotKinds; seekerTiers.ts
  // seekerKind).
  if (process.env.BENCH_TAIL_PILOT_KINDS) m.pilotKinds = process.env.BENCH_TAIL_PILOT_KINDS.split(',').map(Number);
  // BENCH_TAIL_PILOT_ORDERED=0: the pilot's generic plan free to take a bitmap scan (MatchingService.pilotOrdered).
  if (process.env.BENCH_TAIL_PILOT_ORDERED === '0') m.pilotOrdered = false;
  // BENCH_TAIL_BOUND_ONCE=0: the seekers' full bound inline, twice per row above the floor (MatchingService.boundOnce).
  if (process.env.BENCH_TAIL_BOUND_ONCE === '0') m.boundOnce = false;
  // BENCH_TAIL_PREPARED=0: the candidate statements unprepared (MatchingService.preparedCandidates).
  if (process.env.BENCH_TAIL_PREPARED === '0') m.preparedCandidates = false;
  // BENCH_TAIL_SEEKERS=0: the postings of a seeker not ranked (the seekers of a posting only).
  const seekerRuns = process.env.BENCH_TAIL_SEEKERS === '0' ? [] : seekers;
  const a: Row[] = [];
  for (const { id } of seekerRuns) {
    const t = performance.now();
    const c0 = process.cpuUsage();
    const r = await m.forSeeker(PRINCIPAL, id, {});
    const c = process.cpuUsage(c0);
    a.push({ id, ms: performance.now() - t, r: r.ranking, cpu: (c.user + c.system) / 1000 });
  }
  if (a.length) show('postings for a seeker', a);
  planLine();
  // job_seekers' heap and index blocks (hit + read) over the seekers' rankings, from pg_statio (load-independent;
  // PostgreSQL only: its idle backends flush their counters within 10 s, hence the pause).
  const blocks = async () => {
    if (!URL) return undefined;
    await new Promise((r) => setTimeout(r, 11_000));
    const [x] = await all<{ heap: number; idx: number }>(
      db.owner,
      sql`select (heap_blks_hit + heap_blks_read)::float8 as heap, (idx_blks_hit + idx_blks_read)::float8 as idx
        from pg_statio_user_tables where relname = 'job_seekers'`,
    );
    return x;
  };
  // BENCH_TAIL_REPEAT=1: the postings ranked once first, unmeasured — every statement text then planned on the
  // connection (the fixed shape's generic plans, match10) — to tell the first EXECUTE's planning from the rest.
  if (process.env.BENCH_TAIL_REPEAT === '1') for (const { id } of postings) await m.forJob(PRINCIPAL, id, {});
  const before = await blocks();
  const b: Row[] = [];
  for (const { id } of postings) {
    const t = performance.now();
    const c0 = process.cpuUsage();
    const r = await m.forJob(PRINCIPAL, id, {});
    const c = process.cpuUsage(c0);
    b.push({ id, ms: performance.now() - t, r: r.ranking, cpu: (c.user + c.system) / 1000 });
    r.ranking.steps.push({ label: `the 50th: ${r.items[49]?.score ?? '-'}`, ms: 0, rows: 0 });
  }
  const after = await blocks();
  if (before && after)
    console.log(
      `job_seekers blocks per ranking (${postings.length} postings): ` +
        `heap ${((after.heap - before.heap) / postings.length).toFixed(0)}, ` +
        `index ${((after.idx - before.idx) / postings.length).toFixed(0)}`,
    );
  show('seekers for a posting', b);
  planLine();
} finally {
  if (EXPLAIN && URL) await db.execScript(`ALTER DATABASE ${dbName} RESET ALL;`);
  await db.close();
}
process.exit(0);
