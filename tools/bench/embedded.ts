/**
 * `npm run bench -- embedded [WORKERS]` (issue #11 item 3): the embedded database (PGlite, on disk) at a city's
 * size. Loads WORKERS (default 1,000,000) generated workers and a city's wage data (WORKERS / 1,000 projects,
 * 12 months, about 1.2 ledger lines per worker of the city: ~1.2 M at 1 M) through the platform's own bulk
 * seeders (registrySeed.bulkCopy and wageSeed.bulkCopy: the registry's and the projects service's encryption,
 * blind indexes and masks, COPY as the owner from '/dev/blob' on PGlite), printing progress, then reports on it:
 *   - the api benchmark: a county officer's audited, region-scoped GET /api/workers/:id through a real server
 *     (load.ts in its own process, BENCH_CONNECTIONS connections for BENCH_SECONDS);
 *   - a county officer's worker lookups by ID number and name searches (RegistryService.listWorkers);
 *   - the warning engine's full scan;
 *   - the import rate of a further BENCH_EMBEDDED_IMPORT (20,000) generated rows through POST /api/imports;
 *   - RSS (peak and per phase), the WASM heap, and the size of the data folder.
 * The data folder is kept if BENCH_EMBEDDED_KEEP=1 (its path is printed, its throwaway key beside it in master.key);
 * BENCH_EMBEDDED_REUSE=<folder> runs the measurements again on such a folder without loading.
 * Quick run: `npm run bench -- embedded 20000`.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCity, generateWageProjects, Rng, seededUuid, type SynthRecord, type WageWorkerRef } from '@mwsp/synth';
import { sql } from 'drizzle-orm';
import { buildApp, createServices } from '../../apps/server/src/app.js';
import { bootstrap, provisionUser } from '../../apps/server/src/bootstrap.js';
import { all, openDatabase } from '../../apps/server/src/db/client.js';
import { migrate } from '../../apps/server/src/db/migrate.js';
import { folderBytes } from '../../apps/server/src/db/embedded-limit.js';
import { FieldCipher, KeyRing, randomBytes } from '../../apps/server/src/platform/crypto/index.js';
import { CTX } from '../../apps/server/src/modules/registry/registry.common.js';
import { readRegions } from '../../apps/server/src/platform/org/regions.source.js';
import { totpCode } from '../../apps/server/src/platform/auth/totp.js';
import { principal, stats } from './worker-list.js';
import { writeWorkersCsv } from './workers-csv.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CITY = '5301';
const SEED = 20261206;
const AS_OF = '2026-11-20';
const RUNS = Number(process.env.BENCH_EMBEDDED_RUNS ?? 50);
const IMPORT_ROWS = Number(process.env.BENCH_EMBEDDED_IMPORT ?? 20_000);
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const PASSWORD = 'Bench#Embedded-2026xy';
const NEW_PASSWORD = 'Bench#Embedded-2026new';

const n = (x: number) => Math.round(x).toLocaleString('en-US');
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');

/** Peak RSS of this process, sampled every 200 ms; `phase` names the phase the peak is charged to. */
class RssSampler {
  peak = 0;
  private phasePeak = 0;
  private timer = setInterval(() => this.sample(), 200);
  /** Samples now (the timer does not run while PGlite holds the thread: progress lines sample too). */
  sample(): number {
    const rss = process.memoryUsage().rss;
    this.peak = Math.max(this.peak, rss);
    this.phasePeak = Math.max(this.phasePeak, rss);
    return rss;
  }
  /** The peak since the last call. */
  phase(): number {
    this.sample();
    const p = this.phasePeak;
    this.phasePeak = 0;
    return p;
  }
  stop() {
    clearInterval(this.timer);
  }
}

interface LoadResult {
  rps: number;
  total: number;
  p50: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
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
        ? resolve(JSON.parse(out.trim().split('\n').pop()!) as LoadResult)
        : reject(new Error(`load generator exited ${code}`)),
    );
  });
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await fn();
  return [r, performance.now() - t0];
}

export async function benchEmbedded(): Promise<void> {
  const WORKERS = Number(process.argv[3] ?? process.env.BENCH_EMBEDDED_WORKERS ?? 1_000_000);
  if (!Number.isInteger(WORKERS) || WORKERS < 1000) throw new Error('size: a number of workers ≥ 1000');
  const PROJECTS = Math.max(10, Math.round(WORKERS / 1000));
  const CREW = Math.max(PROJECTS * 3, Math.round(WORKERS / 10)); // workers on wage sheets: ~12 lines each
  console.log(
    `machine: ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.cpus()[0]?.model ?? ''}; ` +
      `node ${process.version}; load ${load()}`,
  );
  console.log(`embedded (PGlite): ${n(WORKERS)} workers, ${n(PROJECTS)} projects × 12 months (${n(CREW)} on sheets)`);
  // BENCH_EMBEDDED_REUSE=<folder>: the measurements again on a folder kept by an earlier run (BENCH_EMBEDDED_KEEP=1,
  // with its master.key), without loading anything.
  const REUSE = process.env.BENCH_EMBEDDED_REUSE;
  const dir = REUSE ?? fs.mkdtempSync(path.join(os.tmpdir(), 'mwsp-bench-embedded-'));
  const tag = REUSE ? `_${Date.now().toString(36).slice(-5)}` : ''; // fresh user names on a reused folder
  const dataDir = path.join(dir, 'data');
  const rss = new RssSampler();
  const figures: [string, string][] = [];
  const fig = (k: string, v: string) => {
    figures.push([k, v]);
    console.log(`  ${k}: ${v}`);
  };
  const db = await openDatabase({ dataDir });
  try {
    await migrate(db);
    const masterKey = REUSE
      ? fs.readFileSync(path.join(dir, 'master.key'), 'utf8').trim()
      : randomBytes(32).toString('base64');
    // A kept folder keeps its key beside it (a benchmark's throwaway key), so it can be opened again.
    if (process.env.BENCH_EMBEDDED_KEEP === '1' && !REUSE)
      fs.writeFileSync(path.join(dir, 'master.key'), masterKey, { mode: 0o600 });
    const keys = new KeyRing(masterKey);
    const deps = {
      db,
      keys,
      cityCode: CITY,
      mode: 'demo' as const,
      logLevel: 'warn',
      rateLimitPerMinute: 100_000_000,
      webDist: null,
      dataDir,
    };
    const services = createServices(deps);
    if (!REUSE) await bootstrap(db, services, { cityCode: CITY, mode: 'demo', bootstrapPassword: PASSWORD });
    const regions: { code: string; name: string; level: 1 | 2 | 3 | 4 | 5; parentCode: string | null }[] = [];
    for await (const b of readRegions(CITY)) regions.push(...b);
    const townships = regions.filter((r) => r.level === 4 && r.code.startsWith(CITY)).map((r) => r.code);

    // ---- registry: the generated city through the registry's bulk seeder
    const kept: { id: string; idNumber: string; county: string; name: string }[] = [];
    if (REUSE) {
      const cipher = new FieldCipher(keys);
      const rows = await all<{ id: string; idEnc: string; county: string; name: string }>(
        db.owner,
        sql`select id, id_enc as "idEnc", county_code as county, name from workers limit 20000`,
      );
      for (const r of rows)
        kept.push({ id: r.id, idNumber: cipher.decrypt(r.idEnc, CTX.id), county: r.county, name: r.name });
      const [c] = await all<{ workers: number }>(db.owner, sql`select count(*)::int as workers from workers`);
      fig('reused data folder', `${dataDir}: ${n(c.workers)} workers, ${mb(folderBytes(dataDir))}`);
    } else {
      const every = Math.max(1, Math.floor(WORKERS / 20_000));
      let seen = 0;
      const ids = new Rng(SEED, 'bench:embedded-ids');
      let lastId = '';
      const nextId = () => (lastId = seededUuid(ids));
      function* sampled(records: Iterable<SynthRecord>) {
        for (const r of records) {
          yield r; // the seeder takes the record's id (nextId) while consuming it
          if (r.kind === 'worker' && seen++ % every === 0)
            kept.push({ id: lastId, idNumber: r.idNumber, county: r.residenceRegionCode.slice(0, 6), name: r.name });
        }
      }
      const t0 = performance.now();
      let lastPrint = 0;
      const curve: { workers: number; ms: number }[] = [];
      const timing = { sealMs: 0 };
      const [reg, registryMs] = await timed(() =>
        services.registrySeed.bulkCopy(
          sampled(generateCity({ cityCode: CITY, workers: WORKERS, seed: SEED, regions, asOf: AS_OF })),
          {
            nextId,
            timing,
            onProgress: (w) => {
              const now = performance.now();
              curve.push({ workers: w, ms: now - t0 });
              if (now - lastPrint > 5000 || w === WORKERS) {
                // the rate over the last 30 s, or over the last chunk when a chunk took longer
                let prev = curve[0];
                for (const c of curve) if (c.ms <= now - t0 - 30_000) prev = c;
                if (prev.workers === w && curve.length > 1) prev = curve[curve.length - 2];
                const rate = ((w - prev.workers) / Math.max(1, now - t0 - prev.ms)) * 1000;
                console.log(
                  `  registry: ${n(w)} / ${n(WORKERS)} workers (${secs(now - t0)}; ${n(rate)} rows/s lately; ` +
                    `sealing ${secs(timing.sealMs)} in all; RSS ${mb(rss.sample())}; ` +
                    `folder ${mb(folderBytes(dataDir))}; load ${load()})`,
                );
                lastPrint = now;
              }
            },
          },
        ),
      );
      fig(
        'registry bulk load',
        `${n(reg.workers.length)} workers, ${n(reg.employers.length)} employers in ${secs(registryMs)} ` +
          `(${n((reg.workers.length / registryMs) * 1000)} rows/s; sealing ${secs(timing.sealMs)} of it); ` +
          `peak RSS ${mb(rss.phase())}`,
      );

      // ---- wages: the city's projects and 12 months of sheets through the wages module's bulk seeder
      const builders = reg.employers.filter((e) => e.industry === 'E');
      const crew = reg.workers.slice(0, CREW) as WageWorkerRef[];
      reg.workers.length = 0; // the rest are no longer needed
      const tw = performance.now();
      const [wages, wagesMs] = await timed(() =>
        services.wageSeed.bulkCopy(
          generateWageProjects({
            seed: SEED,
            asOf: AS_OF,
            projects: PROJECTS,
            workers: crew,
            employers: builders.length >= 10 ? builders : reg.employers,
            townships,
            injectRate: 0.2,
          }),
          {
            onProgress: (s) =>
              console.log(
                `  wages: ${n(s.projects)} / ${n(PROJECTS)} projects, ${n(s.rows.payroll_lines)} ledger lines ` +
                  `(${secs(performance.now() - tw)}; RSS ${mb(rss.sample())}; ` +
                  `folder ${mb(folderBytes(dataDir))}; load ${load()})`,
              ),
          },
        ),
      );
      const rowsWritten = Object.values(wages.rows).reduce((a, b) => a + b, 0);
      fig(
        'wage data bulk load',
        `${n(wages.projects)} projects, ${n(wages.rows.payroll_lines)} ledger lines, ${n(rowsWritten)} rows in all, ` +
          `in ${secs(wagesMs)} (${n((rowsWritten / wagesMs) * 1000)} rows/s); peak RSS ${mb(rss.phase())}`,
      );
      const [, analyzeMs] = await timed(() =>
        (async () => {
          await db.execScript('VACUUM ANALYZE');
          await db.execScript('CHECKPOINT');
        })(),
      );
      fig('VACUUM ANALYZE + CHECKPOINT', secs(analyzeMs));
      fig('data folder after the load', mb(folderBytes(dataDir)));
    }

    // ---- lookups by a county officer
    const byCounty = new Map<string, typeof kept>();
    for (const k of kept) byCounty.set(k.county, [...(byCounty.get(k.county) ?? []), k]);
    const [county, inCounty] = [...byCounty.entries()].sort((a, b) => b[1].length - a[1].length)[0];
    const officer = await principal(db, services, `bench_emb_county${tag}`, ['officer'], county, 'region');
    const picks = Array.from({ length: RUNS }, (_, i) => inCounty[(i * 7919) % inCounty.length]);
    const page = { page: 1, pageSize: 20, sort: '-createdAt' as const };
    const sample = async (calls: (() => Promise<unknown>)[]) => {
      for (const c of calls.slice(0, 3)) await c();
      const ms: number[] = [];
      for (const c of calls) ms.push((await timed(c))[1]);
      return stats(ms);
    };
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
    const f = (s: ReturnType<typeof stats>) =>
      `p50 ${s.median.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms, max ${s.max.toFixed(1)} ms`;
    fig(`county ${county} officer: lookup by ID number (${RUNS} calls)`, f(lookup));
    fig(`county ${county} officer: name search, 2 characters (${RUNS} calls)`, f(search));

    // ---- the api benchmark: the county officer's audited read through a real server
    await provisionUser(db, services, {
      username: `bench_emb_api${tag}`,
      displayName: '嵌入式基准',
      roles: ['officer'],
      regionCode: county,
      password: PASSWORD,
      dataScope: 'region',
      departmentCode: 'hrss',
    });
    const { app } = await buildApp(deps, services);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    const cookie = await signIn(base, `bench_emb_api${tag}`);
    const probe = await fetch(`${base}/api/workers/${inCounty[0].id}`, { headers: { cookie } });
    if (!probe.ok) throw new Error(`GET /api/workers/:id: ${probe.status} ${await probe.text()}`);
    const spec = (d: number) => ({
      base,
      pathPrefix: '/api/workers/',
      ids: inCounty.map((k) => k.id),
      headers: { cookie },
      connections: CONNECTIONS,
      durationSec: d,
    });
    rss.phase();
    await runLoad(spec(2));
    const api = await runLoad(spec(DURATION));
    fig(
      `api: GET /api/workers/:id as the county officer (${CONNECTIONS} connections, ${DURATION} s)`,
      `${n(api.rps)} req/s, p50 ${api.p50} ms, p99 ${api.p99} ms, max ${api.max} ms, non-2xx ${api.non2xx}, ` +
        `errors ${api.errors}; peak RSS ${mb(rss.phase())}; load ${load()}`,
    );

    // ---- import of a further IMPORT_ROWS rows through the import API (as the server runs it)
    if (IMPORT_ROWS > 0) {
      const file = path.join(dir, 'workers.csv');
      await writeWorkersCsv(
        (function* () {
          for (const r of generateCity({ cityCode: CITY, workers: IMPORT_ROWS, seed: SEED + 1, regions, asOf: AS_OF }))
            if (r.kind === 'worker') yield r;
        })(),
        fs.createWriteStream(file),
        { encoding: 'utf8', bom: true },
      );
      const cityCookie = await signIn(base, `bench_emb_clerk${tag}`, CITY);
      const form = new FormData();
      form.append('kind', 'workers');
      form.append('file', new Blob([fs.readFileSync(file)]), 'workers.csv');
      const ti = performance.now();
      const up = await fetch(`${base}/api/imports`, { method: 'POST', headers: { cookie: cityCookie }, body: form });
      if (up.status !== 202) throw new Error(`upload: ${up.status} ${await up.text()}`);
      const job = (await up.json()) as { id: string };
      await services.imports.idle();
      const importS = (performance.now() - ti) / 1000;
      const final = (await (
        await fetch(`${base}/api/imports/${job.id}`, { headers: { cookie: cityCookie } })
      ).json()) as { status: string; okRows: number; errorRows: number };
      fig(
        `import of ${n(IMPORT_ROWS)} further rows (POST /api/imports)`,
        `${final.status}, ${n(final.okRows)} ok, ${n(final.errorRows)} errors in ${importS.toFixed(1)} s: ` +
          `${n(final.okRows / importS)} rows/s; peak RSS ${mb(rss.phase())}; load ${load()}`,
      );
    }
    await app.close();

    // ---- warning engine: full scan (last: the longest phase; the figures above are out if it has to be stopped)
    console.log(`  warning engine, full scan: started (load ${load()})`);
    rss.phase();
    const [scan, scanMs] = await timed(() => services.engine.fullScan({ today: AS_OF }));
    const slowest = Object.entries(scan.byRule)
      .sort((a, b) => b[1].ms - a[1].ms)
      .slice(0, 4)
      .map(([rule, r]) => `${rule} ${secs(r.ms)}`)
      .join(', ');
    fig(
      'warning engine, full scan',
      `${secs(scanMs)} (${n(scan.created)} warnings created; slowest rules: ${slowest}); ` +
        `peak RSS ${mb(rss.phase())}; load ${load()}`,
    );
    const [countRow] = await all<{ workers: number; lines: number }>(
      db.owner,
      sql`select (select count(*) from workers)::int as workers, (select count(*) from payroll_lines)::int as lines`,
    );
    await db.execScript('CHECKPOINT');
    fig('rows at the end', `${n(countRow.workers)} workers, ${n(countRow.lines)} ledger lines`);
    fig('data folder at the end', mb(folderBytes(dataDir)));
    fig('peak RSS of the process (whole run)', mb(rss.peak));

    async function signIn(b: string, username: string, region?: string): Promise<string> {
      if (region)
        await provisionUser(db, services, {
          username,
          displayName: username,
          roles: ['officer'],
          regionCode: region,
          password: PASSWORD,
          dataScope: 'region',
          departmentCode: 'hrss',
        });
      const post = (p: string, c: string, body?: object) =>
        fetch(`${b}${p}`, {
          method: 'POST',
          headers: { cookie: c, ...(body ? { 'content-type': 'application/json' } : {}) },
          body: body ? JSON.stringify(body) : undefined,
        });
      const r = await post('/api/auth/login', '', { username, password: PASSWORD });
      const c = r.headers.get('set-cookie')!.split(';')[0];
      let stage = ((await r.json()) as { stage: string }).stage;
      if (stage === 'password_change')
        stage = (
          (await (
            await post('/api/auth/password', c, { oldPassword: PASSWORD, newPassword: NEW_PASSWORD })
          ).json()) as { stage: string }
        ).stage;
      if (stage !== 'done' && stage.includes('enrol')) {
        const { secret } = (await (await post('/api/auth/totp/enroll', c)).json()) as { secret: string };
        stage = (
          (await (await post('/api/auth/totp/confirm', c, { code: totpCode(secret, new Date()) })).json()) as {
            stage: string;
          }
        ).stage;
      }
      if (stage !== 'done') throw new Error(`sign-in of ${username} stopped at stage ${stage}`);
      return c;
    }
  } finally {
    rss.stop();
    await db.close();
    if (process.env.BENCH_EMBEDDED_KEEP === '1' || REUSE) console.log(`data folder kept: ${dataDir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
  console.log(`\n## embedded (PGlite ${await pgliteVersion()}): ${n(WORKERS)} workers; load ${load()}`);
  console.log('| measure | figure |\n|---|---|');
  for (const [k, v] of figures) console.log(`| ${k} | ${v} |`);
}

async function pgliteVersion(): Promise<string> {
  try {
    const require = (await import('node:module')).createRequire(import.meta.url);
    const p = path.join(path.dirname(require.resolve('@electric-sql/pglite')), '..', 'package.json');
    return (JSON.parse(fs.readFileSync(p, 'utf8')) as { version: string }).version;
  } catch {
    return '?';
  }
}
