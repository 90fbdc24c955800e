import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  BOOT_PASSWORD,
  cookieOf,
  NEW_PASSWORD,
  signIn,
  startTestPlatform,
  type TestPlatform,
} from '../../test/harness.js';
import { totpCode } from './totp.js';
import { sql } from 'drizzle-orm';
import { all, SYSTEM_SCOPE } from '../../db/client.js';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(async () => t?.close());

async function auditActions(username: string): Promise<string[]> {
  const rows = await t.db.scoped(SYSTEM_SCOPE, (tx) =>
    all<{ a: string }>(
      tx,
      sql`select action || ':' || outcome as a from audit_log where username = ${username} order by seq`,
    ),
  );
  return rows.map((r) => r.a);
}

describe('sign-in', () => {
  it('forces a password change, then TOTP enrolment, for an administrator; other APIs wait until done', async () => {
    const login = await api(t, 'POST', '/api/auth/login', { body: { username: 'sysadmin', password: BOOT_PASSWORD } });
    expect(login.statusCode).toBe(200);
    expect(login.json().stage).toBe('password_change');
    const cookie = cookieOf(login);
    const blocked = await api(t, 'GET', '/api/users', { cookie });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('STAGE_REQUIRED');
    expect(blocked.headers['content-type']).toContain('application/problem+json');

    const weak = await api(t, 'POST', '/api/auth/password', {
      cookie,
      body: { oldPassword: BOOT_PASSWORD, newPassword: 'password1234' },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors[0].path).toBe('newPassword');
    const same = await api(t, 'POST', '/api/auth/password', {
      cookie,
      body: { oldPassword: BOOT_PASSWORD, newPassword: BOOT_PASSWORD },
    });
    expect(same.statusCode).toBe(400);

    const changed = await api(t, 'POST', '/api/auth/password', {
      cookie,
      body: { oldPassword: BOOT_PASSWORD, newPassword: NEW_PASSWORD },
    });
    expect(changed.json().stage).toBe('totp_enroll');
    const enroll = (await api(t, 'POST', '/api/auth/totp/enroll', { cookie })).json();
    expect(enroll.otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
    const wrong = await api(t, 'POST', '/api/auth/totp/confirm', { cookie, body: { code: '000000' } });
    expect(wrong.statusCode).toBe(400);
    const ok = await api(t, 'POST', '/api/auth/totp/confirm', {
      cookie,
      body: { code: totpCode(enroll.secret, t.clock.now()) },
    });
    expect(ok.json().stage).toBe('done');
    const me = await api(t, 'GET', '/api/auth/me', { cookie });
    expect(me.json().user.permissions).toContain('users:write');
    expect(me.json().user.permissions).not.toContain('audit:read');
    expect((await api(t, 'GET', '/api/users', { cookie })).statusCode).toBe(200);

    // Next sign-in asks for the TOTP code; a replayed code is refused.
    const again = await api(t, 'POST', '/api/auth/login', { body: { username: 'sysadmin', password: NEW_PASSWORD } });
    expect(again.json().stage).toBe('totp');
    const c2 = cookieOf(again);
    const code = totpCode(enroll.secret, t.clock.now());
    const replay = await api(t, 'POST', '/api/auth/totp/verify', { cookie: c2, body: { code } });
    expect(replay.statusCode).toBe(400);
    t.clock.advance(30_000);
    const fresh = await api(t, 'POST', '/api/auth/totp/verify', {
      cookie: c2,
      body: { code: totpCode(enroll.secret, t.clock.now()) },
    });
    expect(fresh.json().stage).toBe('done');
  });

  it('answers unknown users and wrong passwords alike, and audits both', async () => {
    const a = await api(t, 'POST', '/api/auth/login', { body: { username: 'nobody', password: 'whatever-123' } });
    const b = await api(t, 'POST', '/api/auth/login', {
      body: { username: 'demo_leader', password: 'wrong-Password-1' },
    });
    expect(a.statusCode).toBe(401);
    expect(b.statusCode).toBe(401);
    expect(a.json().detail).toBe('用户名或密码错误');
    expect(b.json().detail).toBe(a.json().detail);
    expect(await auditActions('nobody')).toEqual(['auth.login:failure']);
    expect(await auditActions('demo_leader')).toContain('auth.login:failure');
  });

  it('locks an account for 30 minutes after 5 failures within 15 minutes, even for the right password', async () => {
    for (let i = 0; i < 5; i++) {
      const r = await api(t, 'POST', '/api/auth/login', {
        body: { username: 'demo_county', password: `wrong-Password-${i}` },
      });
      expect(r.statusCode).toBe(401);
    }
    const locked = await api(t, 'POST', '/api/auth/login', {
      body: { username: 'demo_county', password: BOOT_PASSWORD },
    });
    expect(locked.statusCode).toBe(423);
    expect(locked.json().detail).toContain('锁定');
    expect(await auditActions('demo_county')).toContain('auth.lock:success');
    t.clock.advance(29 * 60_000);
    expect(
      (await api(t, 'POST', '/api/auth/login', { body: { username: 'demo_county', password: BOOT_PASSWORD } }))
        .statusCode,
    ).toBe(423);
    t.clock.advance(2 * 60_000);
    expect(
      (await api(t, 'POST', '/api/auth/login', { body: { username: 'demo_county', password: BOOT_PASSWORD } }))
        .statusCode,
    ).toBe(200);
  });

  const lockTitle =
    'counts wrong old passwords at the password change towards the lock: ' +
    'the fifth locks the account and ends the session';
  it(lockTitle, async () => {
    const login = await api(t, 'POST', '/api/auth/login', {
      body: { username: 'demo_reviewer', password: BOOT_PASSWORD },
    });
    expect(login.json().stage).toBe('password_change');
    const cookie = cookieOf(login);
    const change = () =>
      api(t, 'POST', '/api/auth/password', {
        cookie,
        body: { oldPassword: 'Guessed#Password-1', newPassword: 'Another#Strong-2026pw' },
      });
    for (let i = 0; i < 4; i++) expect((await change()).statusCode).toBe(400);
    const fifth = await change();
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().detail).toContain('锁定');
    expect((await api(t, 'GET', '/api/auth/me', { cookie })).statusCode).toBe(401);
    expect(
      (await api(t, 'POST', '/api/auth/login', { body: { username: 'demo_reviewer', password: BOOT_PASSWORD } }))
        .statusCode,
    ).toBe(423);
    const actions = await auditActions('demo_reviewer');
    expect(actions.filter((a) => a === 'auth.password_change:failure')).toHaveLength(5);
    expect(actions).toContain('auth.lock:success');
    t.clock.advance(31 * 60_000);
    expect(
      (await api(t, 'POST', '/api/auth/login', { body: { username: 'demo_reviewer', password: BOOT_PASSWORD } }))
        .statusCode,
    ).toBe(200);
  });

  it('does not lock for failures spread beyond the 15-minute window', async () => {
    for (let i = 0; i < 4; i++)
      await api(t, 'POST', '/api/auth/login', { body: { username: 'demo_township', password: 'wrong-Password-x' } });
    t.clock.advance(16 * 60_000);
    await api(t, 'POST', '/api/auth/login', { body: { username: 'demo_township', password: 'wrong-Password-x' } });
    expect(
      (await api(t, 'POST', '/api/auth/login', { body: { username: 'demo_township', password: BOOT_PASSWORD } }))
        .statusCode,
    ).toBe(200);
  });

  it('ends sessions on logout, after 30 idle minutes (15 for administrators) and after 12 hours', async () => {
    const user = await signIn(t, 'demo_leader');
    const out = await api(t, 'POST', '/api/auth/logout', { cookie: user.cookie });
    expect(out.statusCode).toBe(204);
    expect((await api(t, 'GET', '/api/auth/me', { cookie: user.cookie })).statusCode).toBe(401);

    const s = await signIn(t, 'demo_leader', { password: user.password });
    t.clock.advance(29 * 60_000);
    expect((await api(t, 'GET', '/api/overview', { cookie: s.cookie })).statusCode).toBe(200);
    t.clock.advance(31 * 60_000);
    const idle = await api(t, 'GET', '/api/overview', { cookie: s.cookie });
    expect(idle.statusCode).toBe(401);
    expect(idle.json().detail).toContain('超时');

    const admin = await signIn(t, 'secadmin');
    t.clock.advance(16 * 60_000);
    expect((await api(t, 'GET', '/api/roles', { cookie: admin.cookie })).statusCode).toBe(401);

    const long = await signIn(t, 'demo_leader', { password: user.password });
    for (let i = 0; i < 25; i++) {
      t.clock.advance(29 * 60_000);
      const r = await api(t, 'GET', '/api/overview', { cookie: long.cookie });
      if (i < 24) expect(r.statusCode).toBe(200);
      else expect(r.statusCode).toBe(401); // 25 × 29 min > 12 h
    }
  });

  it('refuses the last five passwords', async () => {
    const s = await signIn(t, 'demo_township');
    const pw = ['Second#Strong2026pw', 'Third#Strong2026pwx'];
    let current = s.password;
    for (const next of pw) {
      expect(
        (
          await api(t, 'POST', '/api/auth/password', {
            cookie: s.cookie,
            body: { oldPassword: current, newPassword: next },
          })
        ).statusCode,
      ).toBe(200);
      current = next;
    }
    const reuse = await api(t, 'POST', '/api/auth/password', {
      cookie: s.cookie,
      body: { oldPassword: current, newPassword: NEW_PASSWORD },
    });
    expect(reuse.statusCode).toBe(400);
    expect(reuse.json().errors[0].message).toContain('最近 5 次');
  });

  it('never puts passwords into the audit log', async () => {
    const rows = await t.db.scoped(SYSTEM_SCOPE, (tx) =>
      all<{ d: string }>(tx, sql`select detail::text as d from audit_log`),
    );
    const text = rows.map((r) => r.d).join('\n');
    expect(text).not.toContain(BOOT_PASSWORD);
    expect(text).not.toContain(NEW_PASSWORD);
  });
});
