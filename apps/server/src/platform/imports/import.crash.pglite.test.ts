/**
 * kill -9 during an import on the embedded database (issue #11, item 4): the real server process (`cli.ts serve`
 * on a PGlite data folder) runs a worker import from CSV uploaded over HTTP; it is killed with SIGKILL at a random
 * point after some batches were acknowledged (the job's processed/ok counts the API answered), then:
 * - the data folder opens again (in this process, without the server) with every acknowledged row present and
 *   the audit chain verifying;
 * - a restarted server resumes the interrupted job from the last committed batch and finishes it: every row of the
 *   file imported exactly once, the chain still intact.
 * Up to two kill/restart cycles at random points (the second only while the resumed import still runs).
 * PGlite only (`*.pglite.test.ts` runs in the pglite project only,
 * vitest.config.ts); the PostgreSQL equivalent is the sweep's kill -9 test (cases/sweep.crash.pg.test.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCity } from '@mwsp/synth';
import { WORKER_CSV_HEADERS, workerCsvCells } from '../../../../../tools/bench/workers-csv.js';
import { createServices } from '../../app.js';
import { bootstrap, provisionUser } from '../../bootstrap.js';
import { one, openDatabase, type Database } from '../../db/client.js';
import { migrate } from '../../db/migrate.js';
import { TEST_KEY } from '../../test/harness.js';
import { KeyRing } from '../crypto/index.js';
import { readRegions } from '../org/regions.source.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');
const CITY = '5301';
const ROWS = 3000;
const PASSWORD = 'Crash#Import-2026xy';

let dataDir: string;
let token: string;
let csv: Buffer;
const children: ChildProcess[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

interface Server {
  child: ChildProcess;
  base: string;
  output: () => string;
}

/** `cli.ts serve` on the embedded database in `dataDir` (no DATABASE_URL). */
async function startServer(): Promise<Server> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env))
    if (
      !k.startsWith('VITEST') &&
      !k.startsWith('MWSP_') &&
      k !== 'NODE_OPTIONS' &&
      k !== 'TEST' &&
      k !== 'DATABASE_URL'
    )
      env[k] = v;
  Object.assign(env, {
    PORT: String(port),
    HOST: '127.0.0.1',
    MWSP_DATA_DIR: dataDir,
    MWSP_MODE: 'production',
    MWSP_MASTER_KEY: TEST_KEY,
    MWSP_BOOTSTRAP_PASSWORD: PASSWORD,
    MWSP_SCAN_MINUTES: '0',
    LOG_LEVEL: 'warn',
  });
  let out = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/cli.ts', 'serve'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out = (out + d).slice(-20_000)));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (out = (out + d).slice(-20_000)));
  const server = { child, base: `http://127.0.0.1:${port}`, output: () => out };
  await waitFor(
    'the server to answer',
    async () => {
      if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}\n${out}`);
      return fetch(`${server.base}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
    },
    server.output,
  );
  return server;
}

const exited = (child: ChildProcess) =>
  new Promise<void>((r) =>
    child.exitCode !== null || child.signalCode !== null ? r() : child.once('exit', () => r()),
  );

async function waitFor(what: string, check: () => Promise<boolean>, output: () => string, ms = 240_000) {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}\n${output()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

interface Job {
  id: string;
  status: string;
  processedRows: number;
  okRows: number;
  errorRows: number;
}

async function getJob(s: Server, id: string): Promise<Job> {
  const r = await fetch(`${s.base}/api/imports/${id}`, { headers: { authorization: `Bearer ${token}` } });
  if (!r.ok) throw new Error(`GET job ${r.status} ${await r.text()}`);
  return (await r.json()) as Job;
}

/** Opens the data folder in this process: what is there after the crash, and whether the chain verifies. */
async function inspect(): Promise<{ workers: number; chainOk: boolean; reason: string | null }> {
  const db: Database = await openDatabase({ dataDir });
  try {
    const services = createServices({ db, keys: new KeyRing(TEST_KEY), cityCode: CITY, mode: 'production' });
    const n = (await one<{ n: number }>(db.owner, sql`select count(*)::int as n from workers`))!.n;
    const chain = await services.audit.verify();
    return { workers: n, chainOk: chain.ok, reason: chain.reason };
  } finally {
    await db.close();
  }
}

describe('kill -9 during an import on the embedded database (PGlite)', () => {
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mwsp-import-crash-'));
    // The platform's own first start (migrations, reference data), an importing account and its API token.
    const db = await openDatabase({ dataDir });
    try {
      await migrate(db);
      const services = createServices({ db, keys: new KeyRing(TEST_KEY), cityCode: CITY, mode: 'production' });
      await bootstrap(db, services, { cityCode: CITY, mode: 'production', bootstrapPassword: PASSWORD });
      const { id } = await provisionUser(db, services, {
        username: 'crash_clerk',
        displayName: '导入崩溃测试',
        roles: ['officer'],
        regionCode: CITY,
        password: PASSWORD,
        dataScope: 'all',
      });
      token = (await services.accounts.createToken(null, id, '崩溃测试', 1, (x) => services.auth.hashApiToken(x)))
        .token;
    } finally {
      await db.close();
    }
    const regions: { code: string; name: string; level: 1 | 2 | 3 | 4 | 5; parentCode: string | null }[] = [];
    for await (const b of readRegions(CITY)) regions.push(...b);
    const lines = [WORKER_CSV_HEADERS.join(',')];
    for (const r of generateCity({ cityCode: CITY, workers: ROWS, seed: 11, regions }))
      if (r.kind === 'worker') lines.push(workerCsvCells(r).join(','));
    csv = Buffer.from(lines.join('\r\n') + '\r\n', 'utf8');
  }, 300_000);

  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await Promise.all(children.map(exited));
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged batch and an intact audit chain across kill -9 and restarts', async () => {
    let server = await startServer();
    const form = new FormData();
    form.append('kind', 'workers');
    form.append('file', new Blob([new Uint8Array(csv)], { type: 'text/csv' }), 'workers.csv');
    const up = await fetch(`${server.base}/api/imports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    expect(up.status, await up.clone().text()).toBeLessThan(300);
    const jobId = ((await up.json()) as Job).id;

    let acknowledged = 0;
    for (let cycle = 0; cycle < 2; cycle++) {
      // Killed at a random point once a batch more than before has been acknowledged.
      const floor = acknowledged;
      const s = server;
      let last: Job | undefined;
      await waitFor(
        'a batch to be acknowledged',
        async () => {
          last = await getJob(s, jobId);
          return last.okRows > floor || last.status === 'done';
        },
        s.output,
      );
      // The first kill must hit the running import; a resumed one that already finished is not killed again.
      if (cycle > 0 && last!.status === 'done') break;
      expect(last!.status, 'the import must still be running when it is killed').not.toBe('done');
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 200)));
      // Whatever the API answered last before the kill was acknowledged.
      last = await getJob(s, jobId);
      acknowledged = last.okRows;
      s.child.kill('SIGKILL');
      await exited(s.child);
      expect(s.child.signalCode).toBe('SIGKILL');

      const after = await inspect();
      expect(after.chainOk, after.reason ?? '').toBe(true);
      expect(after.workers).toBeGreaterThanOrEqual(acknowledged);
      if (cycle === 0) expect(after.workers, 'killed before the end of the import').toBeLessThan(ROWS);

      server = await startServer(); // resumes the interrupted job after the last committed batch
    }
    const s = server;
    let done: Job | undefined;
    await waitFor(
      'the resumed import to finish',
      async () => {
        done = await getJob(s, jobId);
        return done.status !== 'running' && done.status !== 'queued';
      },
      s.output,
    );
    expect(done!.status, s.output()).toBe('done');
    expect(done!.okRows + done!.errorRows).toBe(ROWS);
    s.child.kill('SIGTERM');
    await exited(s.child);

    const end = await inspect();
    expect(end.chainOk, end.reason ?? '').toBe(true);
    expect(end.workers).toBe(done!.okRows);
    expect(done!.okRows).toBeGreaterThan(ROWS * 0.9);
  }, 900_000);
});
