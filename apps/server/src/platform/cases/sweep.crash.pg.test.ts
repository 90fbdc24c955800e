/**
 * kill -9 during an escalation sweep (issue #13, "Bad input and failure"): the real server process
 * (`cli.ts serve`, its scheduled sweep starting on ready) on a PostgreSQL database holding many clocks past their
 * amber day or due date, killed with SIGKILL while the sweep is half done, started again, its sweep run to the
 * end: no rung is fired twice (the claim is a unique insert), none is missed (every eligible clock has each rung
 * it reached exactly once), and the history has exactly one escalation entry per rung — the claim and its effect
 * commit together or not at all.
 * PostgreSQL only (a separate process must reach the database): `*.pg.test.ts` runs in the postgres project only
 * (vitest.config.ts), so it is never a skipped test elsewhere.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratedTestDatabaseUrl } from '../../../../../tools/test/db.js';
import { createServices } from '../../app.js';
import { bootstrap } from '../../bootstrap.js';
import { all, one, openDatabase, type Database } from '../../db/client.js';
import { migrate } from '../../db/migrate.js';
import { TEST_KEY } from '../../test/harness.js';
import { todayInShanghai } from '../calendar/workdays.js';
import { KeyRing } from '../crypto/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');
const CASES = 900;

let url: string;
let db: Database;
let dataDir: string;
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

/** `cli.ts serve` on the test database, sweeping on ready (MWSP_SCAN_MINUTES=60: once now, then hourly). */
async function startServer(): Promise<{ child: ChildProcess; output: () => string }> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env))
    if (!k.startsWith('VITEST') && !k.startsWith('MWSP_') && k !== 'NODE_OPTIONS' && k !== 'TEST') env[k] = v;
  Object.assign(env, {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: url,
    MWSP_DATA_DIR: dataDir,
    MWSP_MODE: 'production',
    MWSP_MASTER_KEY: TEST_KEY,
    MWSP_BOOTSTRAP_PASSWORD: 'Crash#Sweep-2026xy',
    MWSP_SCAN_MINUTES: '60',
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
  return { child, output: () => out };
}

const exited = (child: ChildProcess) =>
  new Promise<void>((r) =>
    child.exitCode !== null || child.signalCode !== null ? r() : child.once('exit', () => r()),
  );

const rungCount = async () =>
  (await one<{ n: number }>(db.owner, sql`select count(*)::int as n from case_clock_rungs`))!.n;

async function waitFor(what: string, check: () => Promise<boolean>, output: () => string, ms = 150_000) {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}\n${output()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('kill -9 during an escalation sweep', () => {
  beforeAll(async () => {
    url = (await migratedTestDatabaseUrl())!;
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'mwsp-sweep-crash-'));
    db = await openDatabase({ url, poolSize: 2 });
    await migrate(db);
    const services = createServices({ db, keys: new KeyRing(TEST_KEY), cityCode: '5301', mode: 'production' });
    await bootstrap(db, services, { cityCode: '5301', mode: 'production', bootstrapPassword: 'Crash#Sweep-2026xy' });
    const today = todayInShanghai(new Date());
    // Complaints left undecided for 20 days (their 5-working-day clock is red: amber, red, escalate), and
    // investigations 80 days old (past 80 % of their 60 working days: amber), across the city's townships.
    await db.execScript(`
      CREATE TEMP TABLE towns AS SELECT array_agg(code ORDER BY code) AS a FROM regions
        WHERE level = 4 AND code LIKE '5301%';
      INSERT INTO cases (county_code, id, type, state, title, region_code, created_at, updated_at)
      SELECT left(t.code, 6), md5('crash-case-' || g)::uuid, 'complaint',
        CASE WHEN g % 3 = 0 THEN 'investigating' ELSE 'filed' END, '崩溃测试 ' || g, t.code, now(), now()
      FROM generate_series(1, ${CASES}) g, LATERAL (SELECT a[1 + g % array_length(a, 1)] AS code FROM towns) t;
      INSERT INTO case_clocks (county_code, case_id, case_type, code, unit, budget, max_extension, amber_percent,
        started_on, region_code)
      SELECT c.county_code, c.id, c.type, CASE WHEN c.state = 'filed' THEN 'decide' ELSE 'investigate' END, 'working',
        CASE WHEN c.state = 'filed' THEN 5 ELSE 60 END, CASE WHEN c.state = 'filed' THEN 0 ELSE 30 END, 80,
        '${today}'::date - CASE WHEN c.state = 'filed' THEN 20 ELSE 80 END, c.region_code
      FROM cases c WHERE c.title LIKE '崩溃测试%';
    `);
    await services.cases.reproject('测试：首次推算');
    await db.close();
    db = await openDatabase({ url, poolSize: 2 });
  }, 180_000);

  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await Promise.all(children.map(exited));
    await db?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('fires every rung exactly once across a kill -9 and a restart', async () => {
    const today = todayInShanghai(new Date());
    const eligible = await all<{ clock: string; rungs: number }>(
      db.owner,
      sql`select id::text as clock, case when due_on < ${today}::date then 3 else 1 end as rungs from case_clocks
        where stopped_on is null and amber_on <= ${today}::date`,
    );
    const expected = eligible.reduce((s, k) => s + k.rungs, 0);
    expect(eligible.length).toBe(CASES);
    expect(expected).toBeGreaterThan(CASES * 2); // two thirds red: 3 rungs each
    expect(await rungCount()).toBe(0);

    // First start: its sweep begins on ready; killed -9 once part of it has committed.
    const first = await startServer();
    await waitFor('the sweep to commit its first chunk', async () => (await rungCount()) > 0, first.output);
    first.child.kill('SIGKILL');
    await exited(first.child);
    expect(first.child.signalCode).toBe('SIGKILL');
    const partial = await rungCount();
    expect(partial, 'killed in the middle of the sweep').toBeLessThan(expected);

    // Whatever committed before the kill: each claim with its history entry, never one without the other.
    const orphans = async () =>
      (await one<{ n: number }>(
        db.owner,
        sql`select count(*)::int as n from case_clock_rungs g join case_clocks k
              on k.county_code = g.county_code and k.id = g.clock_id
            full join (select county_code, case_id, event, detail ->> 'clock' as clock from case_history
              where kind = 'escalation') h
              on h.county_code = k.county_code and h.case_id = k.case_id and h.event = g.rung and h.clock = k.code
            where g.clock_id is null or h.case_id is null`,
      ))!.n;
    expect(await orphans()).toBe(0);

    // Restart: the sweep on ready finishes the work.
    const second = await startServer();
    await waitFor('the restarted sweep to finish', async () => (await rungCount()) >= expected, second.output);
    await new Promise((r) => setTimeout(r, 500)); // nothing more may come
    second.child.kill('SIGTERM');
    await exited(second.child);

    expect(await rungCount()).toBe(expected);
    // No duplicate and no missed rung: every eligible clock has exactly the rungs it reached, once each.
    const perClock = await all<{ clock: string; rungs: string[] }>(
      db.owner,
      sql`select clock_id::text as clock, array_agg(rung order by rung) as rungs from case_clock_rungs group by 1`,
    );
    const byClock = new Map(perClock.map((r) => [r.clock, r.rungs]));
    for (const k of eligible)
      expect(byClock.get(k.clock), k.clock).toEqual(k.rungs === 3 ? ['amber', 'escalate', 'red'] : ['amber']);
    // The history: exactly one escalation entry per rung, and none without its claim.
    const dup = await one<{ n: number }>(
      db.owner,
      sql`select count(*)::int as n from (select case_id, event, detail ->> 'clock' from case_history
        where kind = 'escalation' group by 1, 2, 3 having count(*) > 1) d`,
    );
    expect(dup!.n).toBe(0);
    const entries = await one<{ n: number }>(
      db.owner,
      sql`select count(*)::int as n from case_history where kind = 'escalation'`,
    );
    expect(entries!.n).toBe(expected);
    expect(await orphans()).toBe(0);
    // Escalated cases: the red ones, each once.
    const escalated = await one<{ n: number }>(
      db.owner,
      sql`select count(*)::int as n from cases where escalated_at is not null`,
    );
    expect(escalated!.n).toBe(eligible.filter((k) => k.rungs === 3).length);
  }, 400_000);
});
