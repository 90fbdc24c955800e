import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { testDatabaseUrl, testDbKind } from '../../../tools/test/db.js';
import { createServices } from './app.js';
import { bootstrap } from './bootstrap.js';
import { loadConfig } from './config.js';
import { openDatabase } from './db/client.js';
import { migrate } from './db/migrate.js';
import { checkDurability } from './main.js';
import { KeyRing } from './platform/crypto/index.js';
import { api, signIn, startTestPlatform, TEST_KEY } from './test/harness.js';
import { Writable } from 'node:stream';
import { buildApp } from './app.js';

describe('configuration', () => {
  it('defaults to demo on 昆明市 and accepts 阿勒泰地区', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, cityCode: '5301', mode: 'demo', databaseUrl: null });
    expect(loadConfig({ MWSP_CITY: '654300' }).cityCode).toBe('6543');
  });
  it('refuses production without a master key, and bad values, with bilingual messages', () => {
    expect(() => loadConfig({ MWSP_MODE: 'production' })).toThrow(/MWSP_MASTER_KEY/);
    expect(() => loadConfig({ MWSP_MODE: 'prod' })).toThrow(/MWSP_MODE/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/postgres/);
    expect(() => loadConfig({ MWSP_CITY: '99' })).toThrow(/MWSP_CITY/);
  });
});

describe('durability gate (production)', () => {
  const title = 'refuses a PostgreSQL that could lose acknowledged writes (the embedded database has no such settings)';
  it(title, async () => {
    if (testDbKind === 'pglite') {
      const db = await openDatabase({});
      await expect(checkDurability(db)).resolves.toBeUndefined();
      await db.close();
      return;
    }
    const url = (await testDatabaseUrl())!;
    const db = await openDatabase({ url });
    await expect(checkDurability(db)).resolves.toBeUndefined();
    const name = new URL(url).pathname.slice(1);
    await db.owner.execute(sql.raw(`alter database ${name} set synchronous_commit = off`));
    await db.close();
    const again = await openDatabase({ url });
    await expect(checkDurability(again)).rejects.toThrow(/synchronous_commit/);
    await again.close();
  });
});

const ALTAY_HRSS = '地区人力资源和社会保障局';

describe('another city', () => {
  it('bootstraps 阿勒泰地区 with its counties and its own department names', async () => {
    const db = await openDatabase({ url: await testDatabaseUrl() });
    await migrate(db);
    const services = createServices({ db, keys: new KeyRing(TEST_KEY), cityCode: '6543', mode: 'demo' });
    await bootstrap(db, services, { cityCode: '6543', mode: 'demo', bootstrapPassword: 'Altay#Bootstrap2026' });
    const counties = await db.owner.execute(sql`select name from regions where parent_code = '6543'`);
    expect((counties as unknown as { rows: { name: string }[] }).rows.map((r) => r.name)).toContain('布尔津县');
    const depts = (await db.owner.execute(sql`select name from departments`)) as unknown as {
      rows: { name: string }[];
    };
    expect(depts.rows.map((r) => r.name)).toEqual(expect.arrayContaining([ALTAY_HRSS, '地区团委']));
    expect(depts.rows.every((d) => !d.name.startsWith('市'))).toBe(true);
    await db.close();
  });
});

describe('logs', () => {
  it('never contain passwords, session cookies, tokens or phone numbers', async () => {
    let logged = '';
    const stream = new Writable({
      write(chunk, _e, cb) {
        logged += chunk;
        cb();
      },
    });
    const t = await startTestPlatform();
    const { app } = await buildApp(
      {
        db: t.db,
        keys: t.keys,
        cityCode: '5301',
        mode: 'demo',
        now: t.clock.now,
        logLevel: 'trace',
        logStream: stream,
        rateLimitPerMinute: 100000,
        loginRateLimitPerMinute: 100000,
        webDist: null,
      },
      t.services,
    );
    const t2 = { ...t, app };
    const s = await signIn(t2, 'sysadmin');
    const created = await api(t2, 'POST', '/api/users', {
      cookie: s.cookie,
      body: {
        username: 'log_check',
        displayName: '日志检查',
        departmentId: null,
        regionCode: '530102',
        phone: '13912345678',
      },
    });
    expect(created.statusCode).toBe(201);
    const tok = await api(t2, 'POST', `/api/users/${created.json().user.id}/tokens`, {
      cookie: s.cookie,
      body: { name: 'x', days: 1 },
    });
    await api(t2, 'GET', '/api/departments', { token: tok.json().token });
    await api(t2, 'POST', '/api/auth/login', { body: { username: 'sysadmin', password: 'Wrong#Password-2026' } });
    expect(logged.length).toBeGreaterThan(1000);
    for (const secret of [
      s.password,
      'Bootstrap-Pass-2026!',
      'Wrong#Password-2026',
      s.cookie.split('=')[1],
      tok.json().token,
      created.json().initialPassword,
      '13912345678',
    ]) {
      expect(logged).not.toContain(secret);
    }
    await app.close();
    await t.close();
  });
});
