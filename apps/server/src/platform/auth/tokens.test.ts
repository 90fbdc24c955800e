import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { all, SYSTEM_SCOPE } from '../../db/client.js';
import { api, signIn, startTestPlatform, type TestPlatform } from '../../test/harness.js';

let t: TestPlatform;
let sys: { cookie: string };
beforeAll(async () => {
  t = await startTestPlatform();
  sys = await signIn(t, 'sysadmin');
});
afterAll(async () => t?.close());

describe('API tokens for other departments’ systems', () => {
  const tokenTitle =
    'carry exactly the user’s permissions and scope, are shown once, audited on every use, and revocable';
  it(tokenTitle, async () => {
    const users = (await api(t, 'GET', '/api/users?q=demo_county', { cookie: sys.cookie })).json().items;
    const created = await api(t, 'POST', `/api/users/${users[0].id}/tokens`, {
      cookie: sys.cookie,
      body: { name: '教育局学籍系统', days: 30 },
    });
    expect(created.statusCode).toBe(201);
    const token = created.json().token as string;
    expect(token).toMatch(/^mwsp_/);
    const listed = (await api(t, 'GET', `/api/users/${users[0].id}/tokens`, { cookie: sys.cookie })).json();
    expect(JSON.stringify(listed)).not.toContain(token);

    expect((await api(t, 'GET', '/api/regions?parent=5301', { token })).statusCode).toBe(200);
    expect((await api(t, 'GET', '/api/users', { token })).statusCode).toBe(403); // officer has no users:read
    const uses = await t.db.scoped(SYSTEM_SCOPE, (tx) =>
      all(tx, sql`select 1 from audit_log where action = 'auth.token' and outcome = 'success'`),
    );
    expect(uses.length).toBe(2);
    const stored = await t.db.scoped(SYSTEM_SCOPE, (tx) =>
      all<{ h: string }>(tx, sql`select token_hash as h from api_tokens`),
    );
    expect(stored.every((s) => !s.h.includes(token))).toBe(true);

    expect((await api(t, 'DELETE', `/api/tokens/${created.json().id}`, { cookie: sys.cookie })).statusCode).toBe(204);
    const revoked = await api(t, 'GET', '/api/regions?parent=5301', { token });
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().detail).toContain('吊销');
  });

  it('are refused for the three administrators, who must sign in interactively with TOTP', async () => {
    const admin = (await api(t, 'GET', '/api/users?q=auditor', { cookie: sys.cookie })).json().items[0];
    const r = await api(t, 'POST', `/api/users/${admin.id}/tokens`, {
      cookie: sys.cookie,
      body: { name: 'x', days: 1 },
    });
    expect(r.statusCode).toBe(403);
  });

  it('expire', async () => {
    const users = (await api(t, 'GET', '/api/users?q=demo_leader', { cookie: sys.cookie })).json().items;
    const token = (
      await api(t, 'POST', `/api/users/${users[0].id}/tokens`, { cookie: sys.cookie, body: { name: '临时', days: 1 } })
    ).json().token;
    expect((await api(t, 'GET', '/api/departments', { token })).statusCode).toBe(200);
    t.clock.advance(25 * 3600_000);
    expect((await api(t, 'GET', '/api/departments', { token })).statusCode).toBe(401);
  });
});
