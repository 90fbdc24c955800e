import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { migratedTestDatabaseUrl, testDbKind } from '../../../../../tools/test/db.js';
import { all, SYSTEM_SCOPE } from '../../db/client.js';
import { api, signIn, startTestPlatform, type TestPlatform } from '../../test/harness.js';
import * as accounts from '../accounts/accounts.repo.js';
import { SESSION_CACHE_TTL_MS } from './session-cache.js';

/**
 * The session cache (docs/REQUEST-PATH.md): a session ended, revoked or locked is refused on the same instance at
 * once (the invalidation follows the commit), on a second instance within the TTL (an injected clock, no sleeping);
 * a read that raced a revocation never fills the cache; every answer still waits for its committed audit row.
 */
let a: TestPlatform;
let b: TestPlatform | undefined; // a second instance on the same database (PostgreSQL only: PGlite is in-process)

beforeAll(async () => {
  const url = await migratedTestDatabaseUrl();
  a = await startTestPlatform({ url });
  if (testDbKind === 'postgres') b = await startTestPlatform({ url });
}, 120_000);
afterAll(async () => {
  await b?.close();
  await a?.close();
});

const me = (t: TestPlatform, cookie: string) => api(t, 'GET', '/api/auth/me', { cookie });

async function userId(username: string): Promise<string> {
  const [row] = await a.db.scoped(SYSTEM_SCOPE, (tx) =>
    all<{ id: string }>(tx, sql`select id from users where username = ${username}`),
  );
  return row.id;
}

/** Signs the bootstrap sysadmin in again (later sign-ins: password known, TOTP verified) and warms the cache. */
let state: { password?: string; totpSecret?: string } = {};
async function freshSession(): Promise<string> {
  const s = await signIn(a, 'sysadmin', state);
  state = { password: s.password, totpSecret: s.totpSecret };
  if (b) b.clock.t = new Date(a.clock.t); // both instances agree on the session's idle time
  expect((await me(a, s.cookie)).statusCode).toBe(200);
  expect((await me(a, s.cookie)).statusCode).toBe(200); // the second answer comes from the cache
  return s.cookie;
}

describe('the session cache on the same instance', () => {
  it('refuses a logged-out session at once', async () => {
    const cookie = await freshSession();
    expect((await api(a, 'POST', '/api/auth/logout', { cookie })).statusCode).toBeLessThan(300);
    expect((await me(a, cookie)).statusCode).toBe(401);
  });

  it('refuses a revoked session (the accounts port ending every session of the user) at once', async () => {
    const cookie = await freshSession();
    const id = await userId('sysadmin');
    await a.db.scoped(SYSTEM_SCOPE, (tx) => a.services.auth.endSessionsOf(tx, id));
    expect((await me(a, cookie)).statusCode).toBe(401);
  });

  it('refuses the session of an account locked or disabled at once', async () => {
    const id = await userId('sysadmin');
    let cookie = await freshSession();
    const until = new Date(a.clock.now().getTime() + 60_000);
    await a.db.scoped(SYSTEM_SCOPE, (tx) => accounts.recordLoginFailure(tx, id, 0, null, until));
    expect((await me(a, cookie)).statusCode).toBe(401);
    await a.db.scoped(SYSTEM_SCOPE, (tx) => accounts.unlockUser(tx, id));

    cookie = await freshSession();
    await a.db.scoped(SYSTEM_SCOPE, (tx) => accounts.updateUserProfile(tx, id, { status: 'disabled' }, a.clock.now()));
    expect((await me(a, cookie)).statusCode).toBe(401);
    await a.db.scoped(SYSTEM_SCOPE, (tx) => accounts.updateUserProfile(tx, id, { status: 'active' }, a.clock.now()));
  });

  it('applies a role change at once', async () => {
    const cookie = await freshSession();
    const id = await userId('sysadmin');
    expect((await me(a, cookie)).json().user.permissions).toContain('users:write');
    const roles = await a.db.scoped(SYSTEM_SCOPE, (tx) => accounts.rolesOfUser(tx, id));
    await a.db.scoped(SYSTEM_SCOPE, (tx) => accounts.replaceUserRoles(tx, id, [], 'all'));
    expect((await me(a, cookie)).json().user.permissions).not.toContain('users:write');
    await a.db.scoped(SYSTEM_SCOPE, (tx) =>
      accounts.replaceUserRoles(
        tx,
        id,
        roles.map((r) => r.id),
        'all',
      ),
    );
    expect((await me(a, cookie)).json().user.permissions).toContain('users:write');
  });

  it('does not keep a read that began before a revocation committed', async () => {
    const cookie = await freshSession();
    a.clock.advance(SESSION_CACHE_TTL_MS); // the cached entry has expired: the next request reads the row
    const id = await userId('sysadmin');
    const read = a.db.read.bind(a.db);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let paused!: () => void;
    const readDone = new Promise<void>((r) => (paused = r));
    // The session's row is read (valid), then the revocation commits before the request goes on.
    a.db.read = (async (q) => {
      a.db.read = read;
      const rows = await read(q);
      paused();
      await gate;
      return rows;
    }) as typeof a.db.read;
    const racing = me(a, cookie);
    await readDone;
    await a.db.scoped(SYSTEM_SCOPE, (tx) => a.services.auth.endSessionsOf(tx, id));
    release();
    expect((await racing).statusCode).toBe(200); // it was valid when read: this one answer may go out
    expect((await me(a, cookie)).statusCode).toBe(401); // but it was not cached
  });

  it('commits the audit row of every cached-session read before the answer, and the chain verifies', async () => {
    const cookie = await freshSession();
    const target = await userId('auditor');
    const count = async () =>
      Number(
        (
          await a.db.scoped(SYSTEM_SCOPE, (tx) =>
            all<{ n: string }>(
              tx,
              sql`select count(*) as n from audit_log where action = 'user.read' and object_id = ${target}`,
            ),
          )
        )[0].n,
      );
    const before = await count();
    for (let i = 1; i <= 5; i++) {
      expect((await api(a, 'GET', `/api/users/${target}`, { cookie })).statusCode).toBe(200);
      expect(await count()).toBe(before + i);
    }
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => api(a, 'GET', `/api/users/${target}`, { cookie })),
    );
    expect(answers.map((r) => r.statusCode)).toEqual(Array(8).fill(200));
    expect(await count()).toBe(before + 13);
    expect((await a.services.audit.verify()).ok).toBe(true);
  });
});

describe.skipIf(testDbKind !== 'postgres')('the session cache across two instances on one database', () => {
  it('refuses a session logged out, revoked or locked on the other instance within the TTL', async () => {
    const id = await userId('sysadmin');
    const cases: [string, (cookie: string) => Promise<void>][] = [
      [
        'logout',
        async (cookie) => {
          expect((await api(a, 'POST', '/api/auth/logout', { cookie })).statusCode).toBeLessThan(300);
        },
      ],
      ['revocation', () => a.db.scoped(SYSTEM_SCOPE, (tx) => a.services.auth.endSessionsOf(tx, id))],
      [
        'lock',
        async () => {
          const until = new Date(a.clock.now().getTime() + 60_000);
          await a.db.scoped(SYSTEM_SCOPE, (tx) => accounts.recordLoginFailure(tx, id, 0, null, until));
        },
      ],
    ];
    for (const [what, end] of cases) {
      const cookie = await freshSession();
      expect((await me(b!, cookie)).statusCode, what).toBe(200); // instance B caches the session
      await end(cookie);
      expect((await me(a, cookie)).statusCode, what).toBe(401); // A at once
      await me(b!, cookie); // B may still answer from its cache, for less than the TTL
      b!.clock.advance(SESSION_CACHE_TTL_MS);
      expect((await me(b!, cookie)).statusCode, what).toBe(401); // and refuses it once the TTL has passed
      if (what === 'lock') await a.db.scoped(SYSTEM_SCOPE, (tx) => accounts.unlockUser(tx, id));
      a.clock.t = new Date(b!.clock.t);
    }
  });
});
