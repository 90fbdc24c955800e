/**
 * The failure-path pass over the whole route table: for every route, the error paths — no
 * credentials, a wrong credential, a nonexistent or out-of-scope id, an invalid body, a stale version —
 * are each answered in time, never with a 5xx, with problem+json on every 4xx, and the server stays
 * healthy after each.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { one } from '../../db/client.js';
import { provisionUser } from '../../bootstrap.js';
import { api, cookieOf, NEW_PASSWORD, signIn, startTestPlatform, type TestPlatform } from '../../test/harness.js';
import {
  apiRoutes,
  concreteUrl,
  expectHealthy,
  expectSafeAnswer,
  SESSION_CHANGING,
  signInAll,
  timed,
  type Accounts,
} from '../../test/sweep.js';
import { testIdNumber } from '../../test/id-number.js';

let t: TestPlatform;
let who: Accounts;

beforeAll(async () => {
  t = await startTestPlatform();
  who = await signInAll(t, 'fail');
}, 120_000);
afterAll(async () => t?.close());

/** Reads that answer an empty result for an unknown id instead of 404: none (a worker's wages answer 404 since #8). */
const ANSWERS_EMPTY = new Set<string>();

const hasBody = (m: string) => m === 'POST' || m === 'PUT' || m === 'PATCH';

/** A session of its own for the routes that end or change it. */
async function throwawaySession(): Promise<string> {
  const r = await api(t, 'POST', '/api/auth/login', { body: { username: 'fail_officer', password: NEW_PASSWORD } });
  return cookieOf(r);
}

/** A sweep over every route: a test-runner guard on a loaded machine, not a timing assertion. */
const SWEEP_TIMEOUT = 300_000;

describe('failure paths of every route', () => {
  it(
    'without credentials and with a wrong one: 401 (public routes: whatever they answer, never a 5xx)',
    async () => {
      const routes = apiRoutes(t);
      expect(routes.length).toBeGreaterThan(100);
      for (const r of routes) {
        const url = concreteUrl(r.url);
        for (const [label, headers] of [
          ['no credentials', {}],
          ['unknown bearer token', { authorization: 'Bearer mwsp_not-a-real-token' }],
          ['unknown session', { cookie: 'mwsp_sid=forged-session-value' }],
        ] as const) {
          const what = `${r.method} ${r.url} (${label})`;
          const res = await timed(
            t,
            { method: r.method as 'GET', url, headers: { ...headers }, ...(hasBody(r.method) ? { payload: {} } : {}) },
            what,
          );
          expectSafeAnswer(res, what);
          if (r.permission !== 'public' && r.url !== '/api/auth/login') expect(res.statusCode, what).toBe(401);
          await expectHealthy(t, what);
        }
      }
    },
    SWEEP_TIMEOUT,
  );

  it(
    'a nonexistent id and an invalid body, as an account that may use the route',
    async () => {
      const accounts = [who.officer, who.sysadmin, who.secadmin, who.auditor];
      const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
        paths: Record<string, Record<string, { requestBody?: unknown }>>;
      };
      const declaresBody = (method: string, url: string) =>
        !!doc.paths[url.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()]?.requestBody;
      for (const r of apiRoutes(t)) {
        if (r.permission === 'public' || r.url === '/api/auth/login') continue;
        const key = `${r.method} ${r.url}`;
        const bodies: [string, unknown][] = hasBody(r.method)
          ? [
              ['invalid body', { __unknown_field__: 1, version: 'x' }],
              ['empty object', {}],
              ['wrong type', [1, 2, 3]],
            ]
          : [['no body', undefined]];
        for (const [label, payload] of bodies) {
          const what = `${key} (nonexistent id, ${label})`;
          let res;
          for (const cookie of accounts) {
            const c = SESSION_CHANGING.has(key) ? await throwawaySession() : cookie;
            res = await timed(
              t,
              {
                method: r.method as 'GET',
                url: concreteUrl(r.url),
                headers: { cookie: c },
                ...(payload !== undefined ? { payload: payload as object } : {}),
              },
              what,
            );
            if (res.statusCode !== 403 && res.statusCode !== 401) break;
          }
          expectSafeAnswer(res!, what);
          if (r.url.includes(':id') && payload === undefined && r.method !== 'POST' && !ANSWERS_EMPTY.has(key))
            expect([400, 403, 404], what).toContain(res!.statusCode);
          if (declaresBody(r.method, r.url) && label === 'invalid body')
            expect(res!.statusCode, what).toBeGreaterThanOrEqual(400);
          await expectHealthy(t, what);
        }
      }
    },
    SWEEP_TIMEOUT,
  );

  it(
    'a record outside the caller’s region looks missing on every route that takes its id',
    async () => {
      const town = await one<{ code: string }>(
        t.db.owner,
        sql`select code from regions where parent_code = '530102' and level = 4 order by code limit 1`,
      );
      const body = (id: string) => ({
        name: '钱七',
        idNumber: id,
        ethnicity: '01',
        education: '30',
        hukouRegionCode: '530102',
        residenceRegionCode: town!.code,
      });
      const idNo = testIdNumber('530102', '19900517', '357');
      const created = await api(t, 'POST', '/api/workers', { cookie: who.officer, body: body(idNo) });
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json().id as string;
      await provisionUser(t.db, t.services, {
        username: 'fail_panlong',
        displayName: '盘龙区经办员',
        roles: ['officer'],
        regionCode: '530103',
        password: 'Panlong#Officer-2026',
      });
      const other = await signIn(t, 'fail_panlong', { password: 'Panlong#Officer-2026' });
      const routes = apiRoutes(t).filter((r) => r.url.startsWith('/api/workers/:id'));
      expect(routes.length).toBeGreaterThan(5);
      for (const r of routes) {
        const what = `${r.method} ${r.url} (out of scope)`;
        const res = await timed(
          t,
          {
            method: r.method as 'GET',
            url: r.url.replace(':id', id),
            headers: { cookie: other.cookie },
            ...(hasBody(r.method) ? { payload: {} } : {}),
          },
          what,
        );
        expectSafeAnswer(res, what);
        if (ANSWERS_EMPTY.has(`${r.method} ${r.url}`)) expect(res.json().items ?? res.json(), what).toEqual([]);
        else expect([400, 403, 404], what).toContain(res.statusCode);
        await expectHealthy(t, what);
      }
    },
    SWEEP_TIMEOUT,
  );

  it('a wrong password at sign-in and at the password change; a stale version', async () => {
    const bad = await api(t, 'POST', '/api/auth/login', {
      body: { username: 'fail_officer', password: 'Wrong#Password-2026' },
    });
    expect(bad.statusCode).toBe(401);
    expectSafeAnswer(bad, 'login with a wrong password');
    await expectHealthy(t, 'login with a wrong password');

    const cookie = await throwawaySession();
    const change = await api(t, 'POST', '/api/auth/password', {
      cookie,
      body: { oldPassword: 'Wrong#Password-2026', newPassword: NEW_PASSWORD + 'x' },
    });
    expect(change.statusCode).toBe(400);
    expectSafeAnswer(change, 'password change with a wrong old password');
    await expectHealthy(t, 'password change with a wrong old password');

    const town = await one<{ code: string }>(
      t.db.owner,
      sql`select code from regions where parent_code = '530102' and level = 4 order by code limit 1`,
    );
    const e = await api(t, 'POST', '/api/employers', {
      cookie: who.officer,
      body: {
        creditCode: '91350100M000100Y45',
        name: '昆明某劳务有限公司',
        industry: 'E',
        size: 'small',
        regionCode: town!.code,
      },
    });
    expect(e.statusCode).toBe(201);
    const c = await api(t, 'POST', '/api/employers', {
      cookie: who.officer,
      body: {
        creditCode: '91350100M000100Y46',
        name: '昆明某置业有限公司',
        industry: 'K',
        size: 'medium',
        regionCode: town!.code,
      },
    });
    expect(c.statusCode).toBe(201);
    const p = await api(t, 'POST', '/api/projects', {
      cookie: who.officer,
      body: {
        name: '失败路径测试项目',
        regionCode: town!.code,
        category: 'housing',
        clientId: c.json().id,
        contractorId: e.json().id,
        fundingInPlace: true,
        paymentGuarantee: true,
        contractAmountFen: 100_000_000,
        labourShareBp: 2000,
        allocationDay: 5,
        payDay: 15,
        contractSignedOn: '2026-01-05',
        startDate: '2026-02-01',
        plannedEndDate: '2027-02-01',
      },
    });
    expect(p.statusCode, p.body).toBe(201);
    const stale = await api(t, 'PATCH', `/api/projects/${p.json().id}`, {
      cookie: who.officer,
      body: { version: p.json().version + 7, name: '改名' },
    });
    expect(stale.statusCode).toBe(409);
    expectSafeAnswer(stale, 'stale project version');
    await expectHealthy(t, 'stale version');
  });
});
