/**
 * Issue #8, defects 1, 15 (multipart) and 16: no request can hang the server, and bad input of any
 * kind is a 4xx problem+json with a Chinese detail, never a 5xx.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionUser } from '../../bootstrap.js';
import { one, ReentrantTransactionError, SYSTEM_SCOPE } from '../../db/client.js';
import {
  api,
  BOOT_PASSWORD,
  cookieOf,
  multipartBody,
  signIn,
  startTestPlatform,
  type TestPlatform,
} from '../../test/harness.js';
import { testIdNumber as idNumber } from '../../test/id-number.js';

let t: TestPlatform;
let sys: { cookie: string };
let officer: { cookie: string };
let uploadDir: string;
const CJK = /[\u4e00-\u9fa5]/;

function expectProblem(
  r: { statusCode: number; headers: Record<string, unknown>; json: () => { detail?: string } },
  status: number,
) {
  expect(r.statusCode).toBe(status);
  expect(String(r.headers['content-type'])).toContain('application/problem+json');
  expect(r.json().detail).toMatch(CJK);
}

async function healthy() {
  const h = await t.app.inject({ method: 'GET', url: '/api/health' });
  expect(h.statusCode).toBe(200);
}

let workerId: string;
let employerId: string;

beforeAll(async () => {
  const dataDir = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'mwsp-robust-'));
  uploadDir = path.join(dataDir, 'imports');
  t = await startTestPlatform({ deps: { dataDir } });
  sys = await signIn(t, 'sysadmin');
  await provisionUser(t.db, t.services, {
    username: 'robust_officer',
    displayName: '全市经办员',
    roles: ['officer'],
    regionCode: '5301',
    password: 'Robust#Kunming-2026',
    dataScope: 'all',
  });
  officer = await signIn(t, 'robust_officer', { password: 'Robust#Kunming-2026' });
  const town = await one<{ code: string }>(
    t.db.owner,
    sql`select code from regions where parent_code = '530102' and level = 4 order by code limit 1`,
  );
  const w = await api(t, 'POST', '/api/workers', {
    cookie: officer.cookie,
    body: {
      name: '赵六',
      idNumber: idNumber('530102', '1988-03-09', '135'),
      ethnicity: '01',
      education: '30',
      hukouRegionCode: '530102',
      residenceRegionCode: town!.code,
    },
  });
  expect(w.statusCode, w.body).toBe(201);
  workerId = w.json().id;
  const e = await api(t, 'POST', '/api/employers', {
    cookie: officer.cookie,
    body: {
      creditCode: '91350100M000100Y42',
      name: '昆明某建筑工程有限公司',
      industry: 'E',
      size: 'medium',
      regionCode: '530102',
    },
  });
  expect(e.statusCode, e.body).toBe(201);
  employerId = e.json().id;
}, 120_000);
afterAll(async () => t?.close());

describe('defect 1: a second transaction inside a transaction', () => {
  const wrongOldPassword =
    'a wrong old password at the forced first-login change is answered, audited, and the server stays up';
  it(wrongOldPassword, async () => {
    await provisionUser(t.db, t.services, {
      username: 'robust_new',
      displayName: '新用户',
      roles: ['officer'],
      regionCode: '530102',
      password: BOOT_PASSWORD,
    });
    const login = await api(t, 'POST', '/api/auth/login', {
      body: { username: 'robust_new', password: BOOT_PASSWORD },
    });
    expect(login.json().stage).toBe('password_change');
    const cookie = cookieOf(login);
    const r = await api(t, 'POST', '/api/auth/password', {
      cookie,
      body: { oldPassword: 'Wrong#Password-2026', newPassword: 'Another#Strong-2026pw' },
    });
    expectProblem(r, 400);
    expect(r.json().errors[0].path).toBe('oldPassword');
    await healthy();
    const audited = await one<{ n: number }>(
      t.db.owner,
      sql`select count(*)::int as n from audit_log
        where action = 'auth.password_change' and outcome = 'failure' and username = 'robust_new'`,
    );
    expect(audited?.n).toBe(1);
    // And the right one still works afterwards.
    const ok = await api(t, 'POST', '/api/auth/password', {
      cookie,
      body: { oldPassword: BOOT_PASSWORD, newPassword: 'Another#Strong-2026pw' },
    });
    expect(ok.statusCode).toBe(200);
  });

  it('the database layer refuses re-entrant acquisition loudly, on every engine', async () => {
    await expect(t.db.scoped(SYSTEM_SCOPE, () => t.db.scoped(SYSTEM_SCOPE, async () => 1))).rejects.toBeInstanceOf(
      ReentrantTransactionError,
    );
    await expect(t.db.scoped(SYSTEM_SCOPE, () => t.db.read(sql`select 1`))).rejects.toBeInstanceOf(
      ReentrantTransactionError,
    );
    await expect(t.db.scoped(SYSTEM_SCOPE, () => t.db.owner.execute(sql`select 1`))).rejects.toBeInstanceOf(
      ReentrantTransactionError,
    );
    await expect(t.db.owner.transaction(() => t.db.scoped(SYSTEM_SCOPE, async () => 1))).rejects.toBeInstanceOf(
      ReentrantTransactionError,
    );
    await expect(
      t.db.scoped(SYSTEM_SCOPE, () =>
        t.services.audit.record({ username: 'x' }, { action: 'test.nested', outcome: 'success' }),
      ),
    ).rejects.toBeInstanceOf(ReentrantTransactionError);
    await expect(t.db.scoped(SYSTEM_SCOPE, async () => 1)).resolves.toBe(1); // nothing left held
    expect(t.db.inTransaction()).toBe(false);
    // Sequential and parallel (independent) acquisitions are fine.
    const both = await Promise.all([
      t.db.scoped(SYSTEM_SCOPE, async () => 1),
      t.db.read<{ n: number }>(sql`select 2 as n`),
    ]);
    expect(both[1][0].n).toBe(2);
    await healthy();
  });

  it('a request that cannot finish is answered 503 problem+json by its deadline, and the server recovers', async () => {
    const slow = await startTestPlatform({ deps: { requestDeadlineMs: 1500 } });
    try {
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      // Something holds the table (on PGlite: the only connection) for longer than the deadline.
      let locked!: () => void;
      const isLocked = new Promise<void>((r) => (locked = r));
      const holder = slow.db.owner.transaction(async (tx) => {
        await tx.execute(sql`lock table defaulters in access exclusive mode`);
        locked();
        await held;
      });
      await isLocked;
      const r = await slow.app.inject({ method: 'GET', url: '/api/public/defaulters' });
      release();
      await holder;
      expect(r.statusCode).toBe(503);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.json()).toMatchObject({ code: 'TIMEOUT' });
      expect(r.json().detail).toMatch(CJK);
      expect((await slow.app.inject({ method: 'GET', url: '/api/public/defaulters' })).statusCode).toBe(200);
    } finally {
      await slow.close();
    }
  }, 180_000); // starts a platform of its own
});

describe('defect 16: bad input is a 400 problem, never a 5xx', () => {
  it('a NUL in the query of every list route (the public one unauthenticated) is refused', async () => {
    const pub = await t.app.inject({ method: 'GET', url: '/api/public/defaulters?q=%00' });
    expectProblem(pub, 400);
    expect(pub.json().code).toBe('CONTROL_CHARACTER');
    const lists = t.routes.filter(
      (r) =>
        r.method === 'GET' && r.url.startsWith('/api/') && !r.url.includes(':') && r.config?.permission !== 'public',
    );
    expect(lists.length).toBeGreaterThan(15);
    for (const route of lists) {
      let r = await api(t, 'GET', `${route.url}?q=%00`, { cookie: officer.cookie });
      if (r.statusCode === 403) r = await api(t, 'GET', `${route.url}?q=a%00b`, { cookie: sys.cookie });
      if (r.statusCode === 403) continue; // neither may read it: refused before the input is looked at
      expect(r.statusCode, route.url).toBe(400);
      expect(r.json().code, route.url).toBe('CONTROL_CHARACTER');
    }
    await healthy();
  });

  it('control characters in a JSON body or a path parameter are refused; tab and newline are not', async () => {
    const r = await api(t, 'POST', '/api/employers', {
      cookie: officer.cookie,
      body: { creditCode: '91350100M000100Y43', name: 'a\u0000b', industry: 'E', size: 'small', regionCode: '530102' },
    });
    expectProblem(r, 400);
    expect(r.json().errors[0].path).toBe('name');
    const nested = await api(t, 'PATCH', `/api/workers/${workerId}`, {
      cookie: officer.cookie,
      body: { emergencyContact: { name: '李\u0007四', relation: 'spouse', phone: '13987654321' }, version: 1 },
    });
    expectProblem(nested, 400);
    const param = await t.app.inject({ method: 'GET', url: '/api/public/projects/AB%00CD', headers: {} });
    expectProblem(param, 400);
    const note = await api(t, 'POST', '/api/employers', {
      cookie: officer.cookie,
      body: {
        creditCode: '91350100M000100Y44',
        name: '昆明\t某公司',
        address: '一行\n二行',
        industry: 'E',
        size: 'small',
        regionCode: '530102',
      },
    });
    expect(note.statusCode).toBe(201);
  });

  it('a NUL in an export purpose is a 400 (not a 503 from the audit entry)', async () => {
    const r = await api(t, 'POST', '/api/exports', {
      cookie: officer.cookie,
      body: { kind: 'workers', filters: {}, purpose: '核对\u0000工资' },
    });
    expectProblem(r, 400);
  });

  it('dates that match YYYY-MM-DD but do not exist are refused on the insurance and employment routes', async () => {
    for (const since of ['2026-13-01', '9999-99-99', '0000-00-00', '2026-02-30', '2026-00-10']) {
      const ins = await api(t, 'PUT', `/api/workers/${workerId}/insurance`, {
        cookie: officer.cookie,
        body: { items: [{ type: 'pension', enrolled: true, since, placeRegionCode: '530102' }] },
      });
      expectProblem(ins, 400);
      const emp = await api(t, 'POST', '/api/employments', {
        cookie: officer.cookie,
        body: { workerId, employerId, startDate: since },
      });
      expectProblem(emp, 400);
      const tr = await api(t, 'POST', `/api/workers/${workerId}/insurance/transfers`, {
        cookie: officer.cookie,
        body: { type: 'pension', fromRegionCode: '530102', toRegionCode: '530103', date: since },
      });
      expectProblem(tr, 400);
    }
    const bad = await api(t, 'GET', '/api/projects/00000000-0000-4000-8000-000000000000/attendance?month=2026-13', {
      cookie: officer.cookie,
    });
    expectProblem(bad, 400);
    const aud = await signIn(t, 'auditor');
    for (const from of ['275760-01-01', '0001-01-01', '2026-13-01'])
      expectProblem(await api(t, 'GET', `/api/audit?from=${from}`, { cookie: aud.cookie }), 400);
    const ok = await api(t, 'PUT', `/api/workers/${workerId}/insurance`, {
      cookie: officer.cookie,
      body: { items: [{ type: 'pension', enrolled: true, since: '2024-02-29', placeRegionCode: '530102' }] },
    });
    expect(ok.statusCode).toBe(200);
    await healthy();
  });

  it('a version beyond a database integer is refused', async () => {
    for (const version of [9007199254740991, 2 ** 31, -1, 1.5]) {
      const r = await api(t, 'PATCH', `/api/workers/${workerId}`, {
        cookie: officer.cookie,
        body: { name: '赵六', version },
      });
      expectProblem(r, 400);
      expect(r.json().errors[0].path).toBe('version');
    }
    const stale = await api(t, 'PATCH', `/api/workers/${workerId}`, {
      cookie: officer.cookie,
      body: { name: '赵六', version: 2 ** 31 - 1 },
    });
    expectProblem(stale, 409);
  });

  it('framework errors are problem+json with a Chinese detail', async () => {
    expectProblem(
      await t.app.inject({ method: 'GET', url: '/api/workers/%E0%A4%A', headers: { cookie: officer.cookie } }),
      400,
    );
    expectProblem(
      await t.app.inject({
        method: 'GET',
        url: `/api/workers/${'a'.repeat(101)}`,
        headers: { cookie: officer.cookie },
      }),
      414,
    );
    expectProblem(
      await t.app.inject({
        method: 'POST',
        url: '/api/employers',
        headers: { cookie: officer.cookie, 'content-type': 'application/json' },
        payload: '{"name": ',
      }),
      400,
    );
    expectProblem(
      await t.app.inject({
        method: 'POST',
        url: '/api/employers',
        headers: { cookie: officer.cookie, 'content-type': 'application/json' },
        payload: '{"__proto__": {"x": 1}}',
      }),
      400,
    );
    expectProblem(
      await t.app.inject({
        method: 'POST',
        url: '/api/employers',
        headers: { cookie: officer.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'a=b',
      }),
      415,
    );
    expectProblem(
      await t.app.inject({
        method: 'POST',
        url: '/api/employers',
        headers: { cookie: officer.cookie, 'content-type': 'application/json' },
        payload: JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }),
      }),
      413,
    );
    await healthy();
  });

  it('malformed HTTP and oversized headers on a real socket are answered with problem+json', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (t.app.server.address() as net.AddressInfo).port;
    const send = (raw: string) =>
      new Promise<string>((resolve, reject) => {
        const s = net.connect(port, '127.0.0.1', () => s.write(raw));
        let out = '';
        s.on('data', (d) => (out += d.toString('utf8')));
        s.on('close', () => resolve(out));
        s.on('error', reject);
        setTimeout(() => s.destroy(), 5000).unref();
      });
    const huge = await send(`GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(huge).toMatch(/^HTTP\/1\.1 431/);
    expect(huge).toContain('application/problem+json');
    expect(huge).toContain('请求头过大');
    const garbage = await send('GET /api/health HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n');
    expect(garbage).toMatch(/^HTTP\/1\.1 400/);
    expect(garbage).toContain('application/problem+json');
    expect(garbage).toMatch(CJK);
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(ok.status).toBe(200);
  });
});

describe('defect 15: a multipart body that ends without its closing boundary', () => {
  it('is answered 400 problem+json promptly and leaves no .part file', async () => {
    const { payload, headers } = multipartBody(
      { kind: 'workers' },
      { name: 'w.csv', data: Buffer.from('姓名,公民身份号码\n张三,110101199003071234\n'.repeat(50)) },
    );
    const text = payload.toString('latin1');
    const truncated = Buffer.from(text.slice(0, text.lastIndexOf('\r\n--')), 'latin1'); // no closing boundary
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: { ...headers, cookie: officer.cookie },
      payload: truncated,
    });
    expectProblem(r, 400);
    const parts = fs.existsSync(uploadDir) ? fs.readdirSync(uploadDir).filter((f) => f.endsWith('.part')) : [];
    expect(parts).toEqual([]);
    await healthy();
  });

  it('a body cut in the middle of the part headers is answered too', async () => {
    const { payload, headers } = multipartBody({ kind: 'workers' }, { name: 'w.csv', data: Buffer.from('x') });
    const cut = payload.subarray(0, payload.indexOf('filename') + 4);
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: { ...headers, cookie: officer.cookie },
      payload: cut,
    });
    expectProblem(r, 400);
    await healthy();
  });
});
