/**
 * `npm run bench -- api`: an authenticated, region-scoped, audited read through the whole platform
 * (session check, permission, access(), RLS-scoped transaction as mwsp_app, SM4 decryption and
 * masking, a chained HMAC-SM3 audit row committed before the answer) against a bare Fastify +
 * node-postgres endpoint doing one query, on the same throwaway PostgreSQL, in one run.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { buildApp, createServices } from '../../apps/server/src/app.js';
import { bootstrap, provisionUser } from '../../apps/server/src/bootstrap.js';
import { all, openDatabase } from '../../apps/server/src/db/client.js';
import { migrate } from '../../apps/server/src/db/migrate.js';
import { totpCode } from '../../apps/server/src/platform/auth/totp.js';
import { findUserWithRoles } from '../../apps/server/src/platform/accounts/accounts.repo.js';
import { requireInScope } from '../../apps/server/src/platform/access/access.js';
import { dbScopeOf } from '../../apps/server/src/platform/access/principal.js';
import { userSchema, uuidParam } from '@mwsp/domain';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { KeyRing, randomBytes } from '../../apps/server/src/platform/crypto/index.js';
import { startThrowawayCluster } from '../pg-cluster.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const DURATION = Number(process.env.BENCH_SECONDS ?? 15);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const USERS = Number(process.env.BENCH_USERS ?? 20000);
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
const PASSWORD = 'Kunming#Bench2026xy';
/**
 * BENCH_PROFILE=<file.cpuprofile>: the V8 CPU profiler of this process runs during the platform's rounds only (started
 * and stopped around each, one profile over all of them), so the profile holds the platform's requests and nothing
 * of the setup, the warm-up or the bare endpoint. BENCH_ONLY=platform skips the bare rounds.
 */
const PROFILE = process.env.BENCH_PROFILE;
const ONLY_PLATFORM = process.env.BENCH_ONLY === 'platform';
/**
 * BENCH_LADDER=1: after the rounds, the platform's request taken apart in the same process and under the same load:
 * extra routes on the platform's app that stop after one more layer each (Fastify and the platform's hooks and
 * answer serialiser; + the session and permission; + the scoped read, decryption and masking; + the audit row =
 * the real route), each loaded like the platform round, Node CPU per request reported for each rung.
 */
const LADDER = process.env.BENCH_LADDER === '1';

interface LoadResult {
  rps: number;
  total: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** The load generator's own CPU time during the run, µs. */
  cpuUs: number;
}

/** One endpoint's round: the load's figures and the CPU each side spent on it, µs per request. */
interface Measured extends LoadResult {
  nodeUsPerReq: number;
  pgUsPerReq: number;
  genUsPerReq: number;
  /** Share of the machine's CPU time (all cores, all processes) not idle during the round. */
  machineBusy: number;
}

/** The machine's CPU time from /proc/stat's first line, in ticks: all of it, and idle + iowait. */
function machineTicks(): { total: number; idle: number } {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1, 9).map(Number);
  return { total: f.reduce((a, b) => a + b, 0), idle: f[3] + f[4] };
}

const TICK_US = 1e6 / 100; // /proc/<pid>/stat counts in clock ticks (CLK_TCK = 100 on Linux)

/** user + system CPU of a process from /proc/<pid>/stat, µs (null: gone or unreadable). */
function procCpuUs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * TICK_US; // utime, stime (fields 14, 15)
  } catch {
    return null;
  }
}

/**
 * CPU of the PostgreSQL server: the postmaster and every process pg_stat_activity lists (client backends and the
 * background processes: WAL writer, checkpointer, …), except the monitoring connection's own backend.
 */
async function pgCpuSnapshot(monitor: pg.Client, postmasterPid: number): Promise<Map<number, number>> {
  const { rows } = await monitor.query<{ pid: number }>(
    'select pid from pg_stat_activity where pid <> pg_backend_pid()',
  );
  const snap = new Map<number, number>();
  for (const pid of [postmasterPid, ...rows.map((r) => r.pid)]) {
    const us = procCpuUs(pid);
    if (us !== null) snap.set(pid, us);
  }
  return snap;
}

/** CPU spent between two snapshots (a process that started in between counts from zero; one that ended is lost). */
function pgCpuBetween(a: Map<number, number>, b: Map<number, number>): number {
  let us = 0;
  for (const [pid, v] of b) us += v - (a.get(pid) ?? 0);
  return us;
}

/**
 * Round trips to PostgreSQL: every `pg` Client.query call is one (a simple multi-statement query included). Counted
 * while only the platform's load runs (the bare endpoint's pool is in this process too).
 */
const roundTrips = { counting: false, n: 0 };
let ladderSample: (dto: unknown) => void = () => {};
{
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const query = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    if (roundTrips.counting) roundTrips.n++;
    return query.apply(this, args);
  };
}

function runLoad(spec: object): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(HERE, 'load.ts'), JSON.stringify(spec)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split('\n').pop()!))
        : reject(new Error(`load generator exited ${code}`)),
    );
  });
}

async function json(res: Response) {
  const body = await res.json();
  if (!res.ok) throw new Error(`${res.status} ${JSON.stringify(body)}`);
  return body;
}

export async function benchApi(): Promise<void> {
  console.log(
    `machine: ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.cpus()[0]?.model ?? ''}; ` +
      `node ${process.version}`,
  );
  // Diagnostic only (BENCH_SYNCHRONOUS_COMMIT=off): shows how much of the platform's rate the audit batch's durable
  // COMMIT (the WAL flush, one batch at a time) sets; the platform's guarantee needs it on.
  const syncCommit = process.env.BENCH_SYNCHRONOUS_COMMIT;
  if (syncCommit) console.log(`DIAGNOSTIC: synchronous_commit = ${syncCommit} (not the platform's setting)`);
  const cluster = await startThrowawayCluster({
    settings: {
      shared_buffers: '512MB',
      max_connections: 100,
      ...(syncCommit ? { synchronous_commit: syncCommit } : {}),
    },
  });
  try {
    const url = await cluster.createDatabase('bench_api');
    const db = await openDatabase({ url, poolSize: 10 });
    await migrate(db);
    const keys = new KeyRing(randomBytes(32).toString('base64'));
    const deps = {
      db,
      keys,
      cityCode: '5301',
      mode: 'demo' as const,
      logLevel: 'warn',
      rateLimitPerMinute: 100_000_000,
      webDist: null,
    };
    const services = createServices(deps);
    await bootstrap(db, services, { cityCode: '5301', mode: 'demo', bootstrapPassword: PASSWORD });

    // Accounts spread over the city's counties; the benchmark reads those of one county (五华区).
    const phone = services.cipher.encrypt('13812345678', 'users.phone');
    await db.owner.execute(sql`insert into users (username, display_name, region_code, password_hash, phone_enc,
        must_change_password)
      select 'u' || g, '用户' || g,
        (array(select code from regions where parent_code = '5301' order by code))[1 + g % 14],
        'x', ${phone}, false
      from generate_series(1, ${USERS}) g`);
    await db.owner.execute(sql`analyze`);
    await provisionUser(db, services, {
      username: 'bench_sys',
      displayName: '五华区系统管理员',
      roles: ['sysadmin'],
      regionCode: '530102',
      password: PASSWORD,
      dataScope: 'region',
    });
    const ids = (
      await all<{ id: string }>(
        db.owner,
        sql`select id from users where region_code like '530102%' order by random() limit 2000`,
      )
    ).map((r) => r.id);

    const { app } = await buildApp(deps, services);
    if (LADDER) {
      // The real route's contract (params, answer schema) on every rung, so each pays the same validation and
      // serialisation; the rungs answer a DTO built from a real row.
      const schema = { params: uuidParam, response: { 200: userSchema } };
      let sample: unknown = null;
      const typed = app.withTypeProvider<ZodTypeProvider>();
      typed.get('/bench/plain/:id', { config: { permission: 'public' }, schema }, async () => sample as never);
      typed.get('/bench/session/:id', { config: { permission: 'users:read' }, schema }, async () => sample as never);
      typed.get('/bench/read/:id', { config: { permission: 'users:read' }, schema }, async (req) => {
        const p = req.principal!;
        const u = requireInScope(
          p,
          await db.scoped(dbScopeOf(p), (tx) => findUserWithRoles(tx, req.params.id), { oneStatement: true }),
          '用户不存在',
          (row) => ({ regionCode: row.regionCode }),
        );
        return services.accounts.toDto(u, u.roles) as never;
      });
      ladderSample = (dto) => (sample = dto);
    }
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;

    // Full interactive sign-in: password, forced change, TOTP enrolment.
    const r = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bench_sys', password: PASSWORD }),
    });
    const cookie = r.headers.get('set-cookie')!.split(';')[0];
    await json(r);
    const post = (p: string, body?: object) =>
      fetch(`${base}${p}`, {
        method: 'POST',
        headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
    await json(await post('/api/auth/password', { oldPassword: PASSWORD, newPassword: 'Bench#Changed2026xy' }));
    const { secret } = await json(await post('/api/auth/totp/enroll'));
    await json(await post('/api/auth/totp/confirm', { code: totpCode(secret, new Date()) }));
    const probe = await json(await fetch(`${base}/api/users/${ids[0]}`, { headers: { cookie } }));
    if (!probe.phone?.includes('****')) throw new Error('phone not masked');
    ladderSample(probe);

    // Baseline: bare Fastify + node-postgres, one indexed query per request, no auth, no audit.
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    const bare = Fastify({ logger: false });
    bare.get(
      '/u/:id',
      async (req) =>
        (
          await pool.query('select id, username, display_name, region_code from users where id = $1', [
            (req.params as { id: string }).id,
          ])
        ).rows[0],
    );
    await bare.listen({ port: 0, host: '127.0.0.1' });
    const bareBase = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}`;

    const postmasterPid = Number(readFileSync(path.join(cluster.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    const monitor = new pg.Client({ connectionString: url });
    await monitor.connect();
    /** Runs one load and measures the CPU this process (the server under load), PostgreSQL and the generator spent. */
    const measured = async (run: () => Promise<LoadResult>): Promise<Measured> => {
      const pg0 = await pgCpuSnapshot(monitor, postmasterPid);
      const node0 = process.cpuUsage();
      const machine0 = machineTicks();
      const r = await run();
      const node = process.cpuUsage(node0);
      const machine = machineTicks();
      const pgUs = pgCpuBetween(pg0, await pgCpuSnapshot(monitor, postmasterPid));
      const n = Math.max(1, r.total);
      return {
        ...r,
        nodeUsPerReq: (node.user + node.system) / n,
        pgUsPerReq: pgUs / n,
        genUsPerReq: r.cpuUs / n,
        machineBusy: 1 - (machine.idle - machine0.idle) / Math.max(1, machine.total - machine0.total),
      };
    };

    const auditBefore = Number((await all<{ n: string }>(db.owner, sql`select count(*) as n from audit_log`))[0].n);
    const spec = (b: string, prefix: string, headers: Record<string, string>, d: number) => ({
      base: b,
      pathPrefix: prefix,
      ids,
      headers,
      connections: CONNECTIONS,
      durationSec: d,
    });
    console.log(`warming up…`);
    await runLoad(spec(bareBase, '/u/', {}, 3));
    await runLoad(spec(base, '/api/users/', { cookie }, 3));
    interface Round {
      bare: Measured;
      platform: Measured;
      ratio: number;
      /** bare's CPU per request / the platform's, server side (Node + PostgreSQL) and with the load generator. */
      cpuRatio: number;
      cpuRatioAll: number;
      roundTrips: number;
      peakRss: number;
      load: string;
    }
    const rounds: Round[] = [];
    // Peak RSS of this process (the platform server, and the idle bare endpoint) under the platform's load.
    let peakRss = 0;
    const sampler = setInterval(() => {
      if (roundTrips.counting) peakRss = Math.max(peakRss, process.memoryUsage.rss());
    }, 100);
    const loadAvg = () =>
      os
        .loadavg()
        .map((x) => x.toFixed(1))
        .join(' ');
    const skipped: Measured = {
      ...{ rps: 1, total: 1, p50: 0, p90: 0, p99: 0, max: 0, non2xx: 0, errors: 0, timeouts: 0, cpuUs: 0 },
      ...{ nodeUsPerReq: 1, pgUsPerReq: 0, genUsPerReq: 0, machineBusy: 0 },
    };
    const runBare = () =>
      ONLY_PLATFORM ? Promise.resolve(skipped) : measured(() => runLoad(spec(bareBase, '/u/', {}, DURATION)));
    const inspector = PROFILE ? new Session() : null;
    if (inspector) {
      inspector.connect();
      await inspector.post('Profiler.enable');
      await inspector.post('Profiler.setSamplingInterval', { interval: 200 });
    }
    // One profile over the platform's rounds: paused (stopped and merged) around everything else.
    const profiles: unknown[] = [];
    const runPlatform = async () => {
      peakRss = 0;
      roundTrips.n = 0;
      roundTrips.counting = true;
      if (inspector) await inspector.post('Profiler.start');
      try {
        return await measured(() => runLoad(spec(base, '/api/users/', { cookie }, DURATION)));
      } finally {
        roundTrips.counting = false;
        if (inspector) profiles.push((await inspector.post('Profiler.stop')).profile);
      }
    };
    const cpu = (m: Measured) =>
      `${m.nodeUsPerReq.toFixed(0)} + ${m.pgUsPerReq.toFixed(0)} + ${m.genUsPerReq.toFixed(0)} · ` +
      `${(100 * m.machineBusy).toFixed(0)} %`;
    console.log(
      `\n${ROUNDS} rounds of ${DURATION} s, ${CONNECTIONS} connections, bare and platform alternating ` +
        `(load average: 1, 5, 15 min; CPU µs per request: Node server + PostgreSQL + load generator · the ` +
        `machine's CPUs busy during the round, all processes: under 100 % on a quiet machine, the endpoint is ` +
        `bound by its latency, not the CPU)`,
    );
    console.log(
      '| round | load | bare req/s | bare p99 ms | bare CPU µs/req | platform req/s | platform p99 ms | ' +
        'platform CPU µs/req | req/s ratio | CPU ratio (server) | CPU ratio (all) | round trips / request | ' +
        'peak RSS MB | non-2xx | errors |',
    );
    console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
    for (let round = 0; round < ROUNDS; round++) {
      const load = loadAvg();
      // Alternate which endpoint goes first, so a drift of the machine's load does not favour one of them.
      let b: Measured, p: Measured;
      if (round % 2 === 0) {
        b = await runBare();
        p = await runPlatform();
      } else {
        p = await runPlatform();
        b = await runBare();
      }
      const server = (m: Measured) => m.nodeUsPerReq + m.pgUsPerReq;
      const x: Round = {
        bare: b,
        platform: p,
        ratio: p.rps / b.rps,
        cpuRatio: server(b) / server(p),
        cpuRatioAll: (server(b) + b.genUsPerReq) / (server(p) + p.genUsPerReq),
        roundTrips: roundTrips.n / Math.max(1, p.total),
        peakRss,
        load,
      };
      rounds.push(x);
      console.log(
        `| ${round + 1} | ${load} | ${b.rps.toFixed(0)} | ${b.p99} | ${cpu(b)} | ${p.rps.toFixed(0)} | ${p.p99} | ` +
          `${cpu(p)} | ${x.ratio.toFixed(2)} | ${x.cpuRatio.toFixed(2)} | ${x.cpuRatioAll.toFixed(2)} | ` +
          `${x.roundTrips.toFixed(2)} | ${(peakRss / 2 ** 20).toFixed(0)} | ${p.non2xx} | ${p.errors} |`,
      );
    }
    clearInterval(sampler);
    if (LADDER) {
      console.log(
        `\nthe platform's request taken apart (${DURATION} s each, ${CONNECTIONS} connections; Node + PostgreSQL + ` +
          `load generator CPU µs per request; "+" = the layer added by the rung)`,
      );
      console.log('| round | load | rung | req/s | p99 ms | CPU µs/req |');
      console.log('|---|---|---|---|---|---|');
      const rungs: [string, string, Record<string, string>][] = [
        ['Fastify + platform hooks + contract serialiser (public route)', '/bench/plain/', {}],
        ['+ session (cache) and permission', '/bench/session/', { cookie }],
        ['+ scoped one-statement read, SM4 decryption, masking', '/bench/read/', { cookie }],
        ['+ audit row committed before the answer (= /api/users/:id)', '/api/users/', { cookie }],
      ];
      for (let round = 0; round < ROUNDS; round++) {
        for (const [name, prefix, headers] of rungs) {
          const load = loadAvg();
          const m = await measured(() => runLoad(spec(base, prefix, headers, DURATION)));
          if (m.non2xx || m.errors) throw new Error(`${prefix}: ${m.non2xx} non-2xx, ${m.errors} errors`);
          console.log(`| ${round + 1} | ${load} | ${name} | ${m.rps.toFixed(0)} | ${m.p99} | ${cpu(m)} |`);
        }
      }
    }
    if (inspector && PROFILE) {
      writeFileSync(PROFILE, JSON.stringify(profiles.length === 1 ? profiles[0] : profiles));
      inspector.disconnect();
      console.log(`CPU profile of the platform's rounds: ${PROFILE} (${profiles.length} round(s))`);
    }
    const auditAfter = Number((await all<{ n: string }>(db.owner, sql`select count(*) as n from audit_log`))[0].n);
    const platformTotal = rounds.reduce((n, x) => n + x.platform.total, 0);
    const sorted = [...rounds].sort((x, y) => x.ratio - y.ratio);
    const median = sorted[Math.floor((sorted.length - 1) / 2)];
    const best = sorted[sorted.length - 1];
    const aimMet = rounds.some((x) => x.ratio >= 0.5 && x.platform.p99 <= 50);
    const maxRss = Math.max(...rounds.map((x) => x.peakRss));
    console.log(
      `\nratio (platform / bare throughput), every round: ${rounds.map((x) => x.ratio.toFixed(2)).join(', ')}; ` +
        `median ${median.ratio.toFixed(2)}, best ${best.ratio.toFixed(2)} ` +
        `(aim ≥ 0.5 with platform p99 ≤ 50 ms: ${aimMet ? 'met in some round' : 'not met'})`,
    );
    const med = (xs: number[]) => [...xs].sort((a, c) => a - c)[Math.floor((xs.length - 1) / 2)];
    console.log(
      `CPU ratio (bare CPU per request / platform's; what a quiet machine's throughput ratio approaches), every ` +
        `round: server side ${rounds.map((x) => x.cpuRatio.toFixed(2)).join(', ')} ` +
        `(median ${med(rounds.map((x) => x.cpuRatio)).toFixed(2)}); with the load generator ` +
        `${rounds.map((x) => x.cpuRatioAll.toFixed(2)).join(', ')} ` +
        `(median ${med(rounds.map((x) => x.cpuRatioAll)).toFixed(2)})`,
    );
    console.log(
      `platform CPU µs per request (median): Node ${med(rounds.map((x) => x.platform.nodeUsPerReq)).toFixed(0)}, ` +
        `PostgreSQL ${med(rounds.map((x) => x.platform.pgUsPerReq)).toFixed(0)}, load generator ` +
        `${med(rounds.map((x) => x.platform.genUsPerReq)).toFixed(0)}; bare: Node ` +
        `${med(rounds.map((x) => x.bare.nodeUsPerReq)).toFixed(0)}, PostgreSQL ` +
        `${med(rounds.map((x) => x.bare.pgUsPerReq)).toFixed(0)}, load generator ` +
        `${med(rounds.map((x) => x.bare.genUsPerReq)).toFixed(0)}`,
    );
    console.log(
      `round trips to PostgreSQL per platform request: ${rounds.map((x) => x.roundTrips.toFixed(2)).join(', ')} ` +
        `(the bare endpoint: 1)`,
    );
    console.log(`peak RSS of the server process under the platform's load: ${(maxRss / 2 ** 20).toFixed(0)} MB`);
    console.log(
      `audit rows written during the load: ${auditAfter - auditBefore} (warm-up + ${platformTotal} measured requests)`,
    );
    const st = services.audit.stats;
    console.log(
      `audit group-commit batches (whole run): ${st.batches}, ` +
        `${((auditAfter - auditBefore) / Math.max(1, st.batches)).toFixed(1)} ` +
        `rows per batch on average; written onto the head the batch before wrote: ${st.onKnownHead}, chained again ` +
        `under lock: ${st.rechained}`,
    );
    const chain = await services.audit.verify();
    console.log(
      `audit chain after the run: ${chain.ok ? 'intact' : 'BROKEN at ' + chain.firstBrokenSeq}, ${chain.checked} rows`,
    );
    await monitor.end();
    await bare.close();
    await pool.end();
    await app.close();
    await db.close();
  } finally {
    await cluster.stop();
  }
}
