import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, signIn, startTestPlatform, type TestPlatform } from '../../test/harness.js';

let t: TestPlatform;
let sys: { cookie: string };
beforeAll(async () => {
  t = await startTestPlatform({ loginRateLimitPerMinute: 10 });
  sys = await signIn(t, 'sysadmin');
});
afterAll(async () => t?.close());

function raw(method: string, url: string, payload: string, headers: Record<string, string> = {}) {
  return t.app.inject({
    method: method as 'POST',
    url,
    payload,
    headers: { 'content-type': 'application/json', cookie: sys.cookie, ...headers },
  });
}

describe('bad input gets a precise 4xx problem, never a 5xx', () => {
  it('malformed JSON', async () => {
    const r = await raw('POST', '/api/users', '{"username": ');
    expect(r.statusCode).toBe(400);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(r.json().detail).toContain('JSON');
  });

  it('unknown fields are refused by name', async () => {
    const r = await api(t, 'POST', '/api/users', {
      cookie: sys.cookie,
      body: { username: 'abc_user', displayName: 'A', departmentId: null, regionCode: '530102', isAdmin: true },
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().detail).toContain('isAdmin');
  });

  it('wrong types and invalid values carry per-field Chinese messages', async () => {
    const r = await api(t, 'POST', '/api/users', {
      cookie: sys.cookie,
      body: { username: 7, displayName: '', departmentId: 'x', regionCode: '99' },
    });
    expect(r.statusCode).toBe(400);
    const paths = r.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['username', 'displayName', 'departmentId', 'regionCode']));
    expect(JSON.stringify(r.json().errors)).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('oversized bodies get 413 and a wrong media type 415', async () => {
    expect(
      (await raw('POST', '/api/users', JSON.stringify({ username: 'x'.repeat(2 * 1024 * 1024) }))).statusCode,
    ).toBe(413);
    expect(
      (await raw('POST', '/api/users', 'username=a', { 'content-type': 'application/x-www-form-urlencoded' }))
        .statusCode,
    ).toBe(415);
  });

  it('unknown API paths are 404 problems; invalid ids are 400', async () => {
    const r = await api(t, 'GET', '/api/nothing-here', { cookie: sys.cookie });
    expect(r.statusCode).toBe(404);
    expect(r.json().code).toBe('NOT_FOUND');
    expect((await api(t, 'GET', '/api/users/not-a-uuid', { cookie: sys.cookie })).statusCode).toBe(400);
  });

  it('fuzz: random JSON bodies at the write endpoints never cause a 5xx', async () => {
    const targets = ['/api/users', '/api/roles', '/api/departments', '/api/auth/login', '/api/auth/password'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...targets), fc.jsonValue({ maxDepth: 3 }), async (url, body) => {
        const r = await raw('POST', url, JSON.stringify(body));
        return r.statusCode >= 400 && r.statusCode < 500;
      }),
      { numRuns: 150 },
    );
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 200 }), async (text) => {
        const r = await raw('POST', '/api/users', text);
        return r.statusCode < 500;
      }),
      { numRuns: 100 },
    );
  });

  it('rate-limits sign-in per client', async () => {
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof t.app.inject>> | undefined;
    for (let i = 0; i < 12; i++) {
      last = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: '10.9.9.9',
        payload: { username: 'nobody', password: 'x' },
      });
      statuses.push(last.statusCode);
      // under the limit no answer carries the limit's headers
      if (i < 10) expect(Object.keys(last.headers).filter((h) => h.startsWith('x-ratelimit'))).toEqual([]);
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[11]).toBe(429);
    // the refusal says when to come back, in its header and its Chinese message
    expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
    expect(last!.headers['x-ratelimit-limit']).toBe('10');
    expect(last!.json().detail).toMatch(/请求过于频繁，请 \d+ 秒后再试/);
  });
});
