/**
 * `npm run bench -- import`: imports generated worker rows from CSV through the whole registry path
 * (streaming parse, GB 11643 and other validation, SM4 encryption and blind indexes, one-person-one-
 * record checks, events, audit, batched commits) on PostgreSQL, and in the same run COPYs the same
 * final rows into an empty copy of the table. Then lookup latencies at that size, and 100,000 rows
 * on the embedded database. BENCH_ROWS (default 1,000,000) and BENCH_PGLITE_ROWS (100,000);
 * BENCH_BATCH: rows per batch transaction (else the engine's default).
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { sql } from 'drizzle-orm';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { createServices } from '../../apps/server/src/app.js';
import { bootstrap, provisionUser } from '../../apps/server/src/bootstrap.js';
import { findUserById, rolesOfUser } from '../../apps/server/src/platform/accounts/accounts.repo.js';
import { buildPrincipal } from '../../apps/server/src/platform/auth/auth.service.js';
import { openDatabase, SYSTEM_SCOPE, type Database } from '../../apps/server/src/db/client.js';
import { migrate } from '../../apps/server/src/db/migrate.js';
import { DEMO_PRINCIPAL } from '../../apps/server/src/demo.js';
import { workersImportKind } from '../../apps/server/src/modules/registry/registry.imports.js';
import { KeyRing, randomBytes } from '../../apps/server/src/platform/crypto/index.js';
import { ImportsService } from '../../apps/server/src/platform/imports/imports.service.js';
import { registerImportKind } from '../../apps/server/src/platform/imports/kinds.js';
import type { CsvSamples } from './workers-csv.child.js';
import { startThrowawayCluster } from '../pg-cluster.js';
import { startCpuProfile } from './cpu-profile.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const PGLITE_ROWS = Number(process.env.BENCH_PGLITE_ROWS ?? 100_000);
const CITY = '5301';

/**
 * Writes `rows` generated workers as the import CSV, in a child process (workers-csv.child.ts): the generator's
 * memory is not the importing process's, whose peak RSS is measured.
 */
async function writeCsv(file: string, rows: number): Promise<CsvSamples> {
  const child = fork(fileURLToPath(new URL('./workers-csv.child.ts', import.meta.url)), [file, String(rows), CITY], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let samples: CsvSamples | null = null;
  child.on('message', (m) => (samples = m as CsvSamples));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0 || !samples) throw new Error(`generating the CSV failed (exit ${code})`);
  return samples;
}

/** CPU seconds (user + system) of the cluster's processes: the postmaster's children, alive ones and reaped ones. */
function clusterCpuSeconds(dataDir: string): number {
  const tick = 100; // USER_HZ on Linux
  const pm = Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  let total = 0;
  for (const pid of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue;
    }
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // f[1] = ppid, f[11..14] = utime stime cutime cstime
    if (Number(pid) === pm) total += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
    else if (Number(f[1]) === pm) total += Number(f[11]) + Number(f[12]);
  }
  return total / tick;
}

/**
 * Seconds the cluster's live processes waited for a CPU (run-queue delay, /proc/PID/schedstat): on a shared machine
 * the part of a statement's wall time that is neither its CPU nor I/O.
 */
function clusterRunDelaySeconds(dataDir: string): number {
  const pm = Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  let total = 0;
  for (const pid of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) !== pm) continue;
      total += Number(fs.readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[1]);
    } catch {
      continue;
    }
  }
  return total / 1e9;
}

/** CPU seconds of this process's main thread and of its other threads (/proc/self/task). */
function threadCpu(): Map<string, number> {
  const out = new Map<string, number>();
  for (const tid of fs.readdirSync('/proc/self/task')) {
    try {
      const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const name = Number(tid) === process.pid ? 'main thread' : 'other threads (sealing, GC, libuv)';
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(name, (out.get(name) ?? 0) + (Number(f[11]) + Number(f[12])) / 100);
    } catch {
      continue;
    }
  }
  return out;
}

/** The process's peak resident set as the kernel counts it (VmHWM): every byte, not a 200 ms sample. */
function highWaterMb(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

async function importInto(db: Database, file: string, label: string, keys: KeyRing) {
  const services = createServices({ db, keys, cityCode: CITY, mode: 'demo' });
  await bootstrap(db, services, { cityCode: CITY, mode: 'demo', bootstrapPassword: 'Bench#Import-2026xy' });
  registerImportKind(workersImportKind(services.registry, services.org));
  // A real account (import jobs belong to a user): a city-wide clerk.
  const { id: userId } = await provisionUser(db, services, {
    username: 'bench_clerk',
    displayName: '导入基准测试',
    roles: ['officer'],
    regionCode: CITY,
    password: 'Bench#Import-2026xy',
    dataScope: 'all',
  });
  const principal = await db.scoped(SYSTEM_SCOPE, async (tx) =>
    buildPrincipal((await findUserById(tx, userId))!, await rolesOfUser(tx, userId), 'session', '127.0.0.1'),
  );
  const imports = new ImportsService(db, services.audit, services.cipher, () => new Date(), {
    dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'mwsp-bench-')),
    maxBytes: 2 * 1024 ** 3,
    ...(process.env.BENCH_BATCH ? { batchSize: Number(process.env.BENCH_BATCH) } : {}),
  });
  const rssAtStart = process.memoryUsage().rss / 2 ** 20;
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 200);
  const t0 = performance.now();
  const job = await imports.createJob(principal, {
    kind: 'workers',
    filename: path.basename(file),
    stream: fs.createReadStream(file),
  });
  let last = 0;
  const report = async () => {
    const j = await imports.getJob(principal, job.id).catch(() => null);
    if (j && j.processedRows - last >= 50_000) {
      last = j.processedRows;
      const rate = j.processedRows / ((performance.now() - t0) / 1000);
      const m = process.memoryUsage();
      const mb = (n: number) => (n / 2 ** 20).toFixed(0);
      console.log(
        `  ${label}: ${j.processedRows.toLocaleString()} rows, ${rate.toFixed(0)} rows/s, rss ${mb(m.rss)} MB ` +
          `(main heap ${mb(m.heapTotal)}, external ${mb(m.external)}, rest ${mb(m.rss - m.heapTotal - m.external)})`,
      );
    }
  };
  // Fire-and-forget progress line: report() cannot reject (a failed read of the job is caught above).
  const progress = setInterval(() => void report(), 2000);
  await imports.idle();
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(progress);
  clearInterval(sampler);
  const done = await imports.getJob(principal, job.id);
  if (done.status !== 'done') throw new Error(`import ${done.status}: ${done.message}`);
  await imports.close();
  return {
    seconds,
    rowsPerSec: done.okRows / seconds,
    peakRssMb: peak / 2 ** 20,
    hwmMb: highWaterMb(),
    rssAtStart,
    job: done,
    services,
  };
}

/**
 * BENCH_INSERT_COSTS=1: where the workers insert's PostgreSQL CPU goes. The import's final worker rows are written
 * again into a scratch table shaped like workers (same columns, checks and indexes, no foreign keys, no policy):
 * by COPY with every index, with each secondary index left out in turn, with none; then with the two region
 * foreign keys; then by INSERT … SELECT in 1,000-row statements as the owner and as mwsp_app under the policy
 * (RLS WITH CHECK). Each figure is the cluster's CPU seconds for that write (a checkpoint before each).
 */
async function insertCosts(pool: import('pg').Pool, dataDir: string, copyFile: string): Promise<void> {
  const c = await pool.connect();
  try {
    await c.query('reset role');
    const q = (text: string) => c.query(text);
    const measure = async (label: string, run: () => Promise<void>) => {
      await q('truncate wx');
      await q('checkpoint');
      const cpu0 = clusterCpuSeconds(dataDir);
      const t0 = performance.now();
      await run();
      await q('checkpoint'); // the dirty pages' write counted with the run that made them
      console.log(
        `  ${label.padEnd(44)} PostgreSQL CPU ${(clusterCpuSeconds(dataDir) - cpu0).toFixed(1).padStart(6)} s, ` +
          `wall ${((performance.now() - t0) / 1000).toFixed(1)} s (load ${os.loadavg()[0].toFixed(1)})`,
      );
    };
    const copyIn = async () => {
      await pipeline(fs.createReadStream(copyFile), c.query(copyFrom('COPY wx FROM STDIN')));
    };
    await q('drop table if exists wx, wstage');
    await q('create table wx (like workers including defaults including constraints including indexes)');
    await q('create table wstage (like workers)');
    await pipeline(fs.createReadStream(copyFile), c.query(copyFrom('COPY wstage FROM STDIN')));
    await q('alter table wstage add column n bigserial primary key');
    // Autovacuum's work on the tables just written (a postmaster child: its CPU would count) is done first, and not
    // repeated on the scratch tables.
    await q('vacuum analyze');
    await q('alter table wx set (autovacuum_enabled = off)');
    await q('alter table wstage set (autovacuum_enabled = off)');
    // Main's indexes before migration 0064 (workers_name_region) are measured too.
    if ((await q(`select 1 from pg_indexes where indexname = 'workers_name_region'`)).rowCount === 0)
      await q('create index wx_name_residence on wx (name, residence_region_code)');
    const idx = (
      await q(`select i.relname as name, pg_get_indexdef(x.indexrelid) as def from pg_index x
        join pg_class i on i.oid = x.indexrelid where x.indrelid = 'wx'::regclass
        and not exists (select 1 from pg_constraint k where k.conindid = x.indexrelid) order by 1`)
    ).rows as { name: string; def: string }[];
    console.log(`insert costs (${idx.length} secondary indexes besides the constraints' own):`);
    await measure('COPY, every index', copyIn);
    const short = (name: string) => name.replace(/^wx_/, '').replace(/_idx$/, '').slice(0, 34);
    for (const i of idx) {
      await q(`drop index ${i.name}`);
      await measure(`COPY, without ${short(i.name)}`, copyIn);
      await q(i.def);
    }
    for (const i of idx) await q(`drop index ${i.name}`);
    await measure("COPY, constraints' indexes only", copyIn);
    for (const i of idx) await q(i.def);
    await measure('COPY, every index (again)', copyIn);
    await q(`alter table wx add foreign key (hukou_region_code) references regions(code),
      add foreign key (residence_region_code) references regions(code)`);
    await measure('COPY, every index + 2 region FKs', copyIn);
    const n = Number((await q('select count(*) as n from wstage')).rows[0].n);
    const cols = (
      await q(`select string_agg(quote_ident(attname), ', ' order by attnum) as c from pg_attribute
        where attrelid = 'wx'::regclass and attnum > 0 and not attisdropped`)
    ).rows[0].c as string;
    const batches = async (prefix: string) => {
      for (let from = 1; from <= n; from += 1000) {
        await q('begin');
        if (prefix) await q(prefix);
        await q(`insert into wx (${cols}) select ${cols} from wstage where n >= ${from} and n < ${from + 1000}`);
        await q('commit');
      }
    };
    await measure('INSERT … SELECT ×1000, owner (no RLS)', () => batches(''));
    const policy = (
      await q(`select with_check from pg_policies where tablename = 'workers' and cmd in ('ALL', 'INSERT')`)
    ).rows[0] as { with_check: string };
    await q(`alter table wx enable row level security`);
    await q(`create policy wx_scope on wx using (true) with check (${policy.with_check})`);
    await q(`grant select, insert on wx, wstage to mwsp_app`);
    await measure('INSERT … SELECT ×1000, mwsp_app (RLS check)', () =>
      batches(`set local role mwsp_app; set local app.region_scope = '${CITY}'; set local app.data_scope = 'all'`),
    );
    await q('drop table wx, wstage');
  } finally {
    c.release();
  }
}

/**
 * BENCH_NAME_PLANS=1: the name + region search's match query (workerSearch.repo.ts listWorkers, a county officer)
 * EXPLAINed (ANALYZE, BUFFERS) with and without workers_name_region (name, residence_region_code), which migration
 * 0064 drops as covered by workers_status_name (status, name, id) INCLUDE (residence_region_code, …): each plan
 * in a transaction that creates or drops the index and is rolled back.
 */
async function namePlans(pool: import('pg').Pool, samples: { q: string; county: string }[]): Promise<void> {
  const c = await pool.connect();
  try {
    await c.query('reset role');
    const has = (await c.query(`select 1 from pg_indexes where indexname = 'workers_name_region'`)).rowCount === 1;
    for (const withIndex of [has, !has]) {
      for (const [i, s] of samples.entries()) {
        await c.query('begin');
        if (withIndex && !has)
          await c.query('create index workers_name_region on workers (name, residence_region_code)');
        if (!withIndex && has) await c.query('drop index workers_name_region');
        await c.query(
          `set local role mwsp_app; set local app.region_scope = '${s.county}'; set local app.data_scope = 'all'`,
        );
        const plan = await c.query(
          `explain (analyze, buffers, costs off) select w.county_code, w.id, w.name, w.created_at from workers w
           where w.name >= $1 and w.name < $2 and w.residence_region_code >= $3 and w.residence_region_code < $4
             and w.status = 'active' limit 10001`,
          [s.q, s.q + '\u{10FFFF}', s.county, s.county + 'z'],
        );
        await c.query('rollback');
        const lines = (plan.rows as { 'QUERY PLAN': string }[]).map((r) => r['QUERY PLAN']);
        if (i === 0)
          console.log(
            `name + region search, ${withIndex ? 'with' : 'without'} workers_name_region:\n    ${lines.join('\n    ')}`,
          );
        else
          console.log(
            `  “${s.q}” in ${s.county}: ${lines
              .filter((l) => /Index|Execution Time/.test(l))
              .map((l) => l.trim())
              .join(' | ')}`,
          );
      }
    }
  } finally {
    c.release();
  }
}

export async function benchImport(): Promise<void> {
  console.log(
    `machine: ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; node ${process.version}; ` +
      `rows ${ROWS.toLocaleString()} (PostgreSQL), ${PGLITE_ROWS.toLocaleString()} (PGlite)`,
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mwsp-bench-csv-'));
  const file = path.join(dir, 'workers.csv');
  let t = performance.now();
  const { ids, names } = await writeCsv(file, ROWS);
  console.log(
    `generated ${file} (${(fs.statSync(file).size / 2 ** 20).toFixed(0)} MB) ` +
      `in ${((performance.now() - t) / 1000).toFixed(0)} s`,
  );

  // BENCH_EXPLAIN=1: slow lookups (> 50 ms) have their plans written to the server log and printed.
  const explain: Record<string, string> =
    process.env.BENCH_EXPLAIN === '1'
      ? {
          shared_preload_libraries: 'auto_explain',
          'auto_explain.log_min_duration': '50ms',
          'auto_explain.log_analyze': 'on',
        }
      : {};
  // BENCH_STATEMENTS=1: the import's statements by total time (pg_stat_statements), printed after the import.
  const statements = process.env.BENCH_STATEMENTS === '1';
  const cluster = await startThrowawayCluster({
    settings: {
      shared_buffers: '1GB',
      max_wal_size: '4GB',
      checkpoint_timeout: '15min',
      ...explain,
      ...(statements ? { shared_preload_libraries: 'pg_stat_statements', 'pg_stat_statements.track': 'all' } : {}),
    },
  });
  try {
    const url = await cluster.createDatabase('bench_import');
    const db = await openDatabase({ url, poolSize: 4 });
    await migrate(db);
    const keys = new KeyRing(randomBytes(32).toString('base64'));
    const cpu0 = process.cpuUsage();
    const threads0 = threadCpu();
    const pgCpu0 = clusterCpuSeconds(cluster.dataDir);
    const pgWait0 = clusterRunDelaySeconds(cluster.dataDir);
    if (statements) await db.owner.execute(sql`create extension if not exists pg_stat_statements`);
    if (statements) await db.owner.execute(sql`select pg_stat_statements_reset()`);
    // BENCH_CPU_PROFILE=<file>: the main thread's CPU profile during the PostgreSQL import.
    const profile = process.env.BENCH_CPU_PROFILE
      ? await startCpuProfile({ intervalUs: 1000, top: 40, unit: 's' })
      : null;
    const imp = await importInto(db, file, 'PostgreSQL', keys);
    if (profile) await profile(process.env.BENCH_CPU_PROFILE!);
    if (statements) {
      const top = await db.owner.execute(
        sql`select round(total_exec_time) as ms, calls, left(regexp_replace(query, '[[:space:]]+', ' ', 'g'), 110) as q
          from pg_stat_statements order by total_exec_time desc limit 14`,
      );
      for (const r of (top as { rows: { ms: string; calls: string; q: string }[] }).rows)
        console.log(`  ${String(r.ms).padStart(7)} ms ${String(r.calls).padStart(6)}×  ${r.q}`);
    }
    const cpu = process.cpuUsage(cpu0);
    console.log(
      `  node threads: ${[...threadCpu()]
        .map(([k, v]) => [k, v - (threads0.get(k) ?? 0)] as const)
        .filter(([, v]) => v >= 0.1)
        .map(([k, v]) => `${k} ${v.toFixed(1)} s`)
        .join(', ')}`,
    );
    console.log(
      `CPU during the import: node ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s (all threads), ` +
        `PostgreSQL ${(clusterCpuSeconds(cluster.dataDir) - pgCpu0).toFixed(1)} s (its backends waited ` +
        `${(clusterRunDelaySeconds(cluster.dataDir) - pgWait0).toFixed(1)} s for a CPU), ` +
        `wall ${imp.seconds.toFixed(1)} s`,
    );
    console.log(
      `PostgreSQL import: ${imp.job.okRows.toLocaleString()} rows ok, ${imp.job.errorRows} errors, ` +
        `${imp.seconds.toFixed(0)} s, ${imp.rowsPerSec.toFixed(0)} rows/s, peak RSS ${imp.peakRssMb.toFixed(0)} MB ` +
        `(VmHWM ${imp.hwmMb.toFixed(0)} MB; ${imp.rssAtStart.toFixed(0)} MB when it started) ` +
        `(load ${os
          .loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')})`,
    );

    // COPY of the same final rows, two ways. (1) As before: the workers alone into an empty copy of the table
    // (`like … including indexes`: the indexes, but no foreign keys, no look-up entries, counts or events).
    // (2) Every row the import left (workers, their national look-up worker_ids, worker_counts, the events),
    // COPYed back into the same tables, emptied (TRUNCATE: the state the import started from), with the same
    // indexes, foreign keys and constraints: the decisive baseline.
    const uptime = () =>
      os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ');
    await db.owner.execute(
      sql`create table workers_copy (like workers including defaults including constraints including indexes)`,
    );
    const pool = db.pool!;
    const c1 = await pool.connect();
    await c1.query('reset role');
    const tables = ['workers', 'worker_ids', 'worker_counts', 'events'];
    for (const t of tables)
      await pipeline(c1.query(copyTo(`COPY ${t} TO STDOUT`)), fs.createWriteStream(path.join(dir, `${t}.copy`)));
    t = performance.now();
    await pipeline(
      fs.createReadStream(path.join(dir, 'workers.copy')),
      c1.query(copyFrom('COPY workers_copy FROM STDIN')),
    );
    const copySeconds = (performance.now() - t) / 1000;
    const copyRate = imp.job.okRows / copySeconds;
    console.log(
      `COPY of the same ${imp.job.okRows.toLocaleString()} worker rows into a copy of workers (indexes, no FKs): ` +
        `${copySeconds.toFixed(1)} s, ${copyRate.toFixed(0)} rows/s; ratio ${(imp.rowsPerSec / copyRate).toFixed(3)}` +
        ` (load ${uptime()})`,
    );
    await c1.query('drop table workers_copy');
    await c1.query(`truncate ${tables.join(', ')} cascade`);
    await c1.query('checkpoint');
    t = performance.now();
    const copyCpu0 = clusterCpuSeconds(cluster.dataDir);
    await c1.query('begin');
    for (const table of tables)
      await pipeline(
        fs.createReadStream(path.join(dir, `${table}.copy`)),
        c1.query(copyFrom(`COPY ${table} FROM STDIN`)),
      );
    await c1.query('commit');
    const fullSeconds = (performance.now() - t) / 1000;
    const copyCpu = clusterCpuSeconds(cluster.dataDir) - copyCpu0;
    c1.release();
    const fullRate = imp.job.okRows / fullSeconds;
    console.log(
      `COPY of every final row (${tables.join(', ')}) into the same emptied tables: ${fullSeconds.toFixed(1)} s, ` +
        `${fullRate.toFixed(0)} workers/s; PostgreSQL CPU ${copyCpu.toFixed(1)} s`,
    );
    console.log(`ratio import / COPY: ${(imp.rowsPerSec / fullRate).toFixed(3)} (aim ≥ 0.5; load ${uptime()})`);
    if (process.env.BENCH_INSERT_COSTS === '1')
      await insertCosts(pool, cluster.dataDir, path.join(dir, 'workers.copy'));

    // Lookups at this size, through the service (RLS-scoped transaction, blind index, masking).
    await db.owner.execute(sql`analyze`);
    const registry = imp.services.registry;
    const cityOfficer = {
      ...DEMO_PRINCIPAL,
      regionCode: CITY,
      dataScope: 'region' as const,
      permissions: new Set(['registry:read']),
    };
    const idTimes: number[] = [];
    for (const id of ids.slice(0, 300)) {
      const t1 = performance.now();
      const r = await registry.listWorkers(cityOfficer, { idNumber: id, sort: '-createdAt', page: 1, pageSize: 20 });
      idTimes.push(performance.now() - t1);
      if (r.items.length !== 1) throw new Error('exact ID lookup missed');
    }
    console.log(
      `exact ID-number lookup (blind index, city-wide scope): p50 ${percentile(idTimes, 50).toFixed(1)} ms, ` +
        `p95 ${percentile(idTimes, 95).toFixed(1)} ms (aim ≤ 50 ms)`,
    );
    const nameTimes: number[] = [];
    let misses = 0;
    for (const n of names.slice(0, 300)) {
      const countyOfficer = { ...cityOfficer, regionCode: n.county };
      const t1 = performance.now();
      const r = await registry.listWorkers(countyOfficer, {
        q: n.q,
        regionCode: n.county,
        sort: '-createdAt',
        page: 1,
        pageSize: 20,
      });
      nameTimes.push(performance.now() - t1);
      if (r.items.length === 0) misses++;
    }
    console.log(
      `name + region search (first 2 characters of a real name, one county, page of 20): ` +
        `p50 ${percentile(nameTimes, 50).toFixed(1)} ms, p95 ${percentile(nameTimes, 95).toFixed(1)} ms ` +
        `(aim ≤ 50 ms; ${misses} of ${Math.min(300, names.length)} found nothing)`,
    );
    if (process.env.BENCH_NAME_PLANS === '1') await namePlans(pool, names.slice(0, 5));
    if (process.env.BENCH_EXPLAIN === '1') {
      const log = fs.readFileSync(path.join(path.dirname(cluster.dataDir), 'postgres.log'), 'utf8');
      console.log(log.split('LOG:  duration').slice(-3).join('\n---\n').slice(-6000));
    }
    await db.close();
  } finally {
    await cluster.stop();
  }

  // The embedded database, smaller (BENCH_PGLITE_ROWS=0: skipped).
  if (PGLITE_ROWS <= 0) {
    fs.rmSync(dir, { recursive: true, force: true });
    return;
  }
  const small = path.join(dir, 'workers-small.csv');
  await writeCsv(small, PGLITE_ROWS);
  const pgliteDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mwsp-bench-pglite-'));
  const lite = await openDatabase({ dataDir: pgliteDir });
  await migrate(lite);
  const r = await importInto(lite, small, 'PGlite', new KeyRing(randomBytes(32).toString('base64')));
  console.log(
    `PGlite import: ${r.job.okRows.toLocaleString()} rows, ${r.seconds.toFixed(0)} s, ` +
      `${r.rowsPerSec.toFixed(0)} rows/s, peak RSS ${r.peakRssMb.toFixed(0)} MB (VmHWM ${r.hwmMb.toFixed(0)} MB)`,
  );
  await lite.close();
  // PGlite's own COPY of every final row into the same emptied tables (the database reopened directly).
  const raw = new PGlite({ dataDir: path.join(pgliteDir, 'pgdata'), extensions: { pg_trgm } });
  const liteTables = ['workers', 'worker_ids', 'worker_counts', 'events'];
  const blobs: Blob[] = [];
  for (const table of liteTables) {
    const out = await raw.query(`COPY ${table} TO '/dev/blob'`);
    blobs.push(out.blob!);
  }
  await raw.exec(`truncate ${liteTables.join(', ')} cascade; checkpoint`);
  t = performance.now();
  await raw.transaction(async (tx) => {
    for (let i = 0; i < liteTables.length; i++)
      await tx.query(`COPY ${liteTables[i]} FROM '/dev/blob'`, [], { blob: blobs[i] });
  });
  const liteCopy = r.job.okRows / ((performance.now() - t) / 1000);
  console.log(
    `PGlite COPY of every final row into the same emptied tables: ${liteCopy.toFixed(0)} workers/s; ` +
      `ratio import / COPY ${(r.rowsPerSec / liteCopy).toFixed(3)} (load ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')})`,
  );
  await raw.close();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(pgliteDir, { recursive: true, force: true });
}
