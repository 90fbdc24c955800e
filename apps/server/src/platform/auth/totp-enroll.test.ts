import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  BOOT_PASSWORD,
  cookieOf,
  NEW_PASSWORD,
  startTestPlatform,
  type TestPlatform,
} from '../../test/harness.js';
import { totpCode } from './totp.js';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(async () => t?.close());

describe('TOTP enrolment', () => {
  it('shows the pending secret again on reload; only an explicit regenerate replaces it', async () => {
    const login = await api(t, 'POST', '/api/auth/login', { body: { username: 'secadmin', password: BOOT_PASSWORD } });
    const cookie = cookieOf(login);
    const changed = await api(t, 'POST', '/api/auth/password', {
      cookie,
      body: { oldPassword: BOOT_PASSWORD, newPassword: NEW_PASSWORD },
    });
    expect(changed.json().stage).toBe('totp_enroll');

    const first = await api(t, 'POST', '/api/auth/totp/enroll', { cookie });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().pending).toBe(false);
    // The enrolment page reloaded (or opened in a second tab): the same secret, the one already scanned.
    const reload = (await api(t, 'POST', '/api/auth/totp/enroll', { cookie })).json();
    expect(reload.secret).toBe(first.json().secret);
    expect(reload.otpauthUrl).toBe(first.json().otpauthUrl);
    expect(reload.pending).toBe(true);

    const bad = await api(t, 'POST', '/api/auth/totp/enroll', { cookie, body: { regenerate: 'yes' } });
    expect(bad.statusCode).toBe(400);

    // 重新生成: a new secret; the old one no longer confirms.
    const renewed = (await api(t, 'POST', '/api/auth/totp/enroll', { cookie, body: { regenerate: true } })).json();
    expect(renewed.secret).not.toBe(first.json().secret);
    expect(renewed.pending).toBe(false);
    const old = await api(t, 'POST', '/api/auth/totp/confirm', {
      cookie,
      body: { code: totpCode(first.json().secret, t.clock.now()) },
    });
    expect(old.statusCode).toBe(400);
    const ok = await api(t, 'POST', '/api/auth/totp/confirm', {
      cookie,
      body: { code: totpCode(renewed.secret, t.clock.now()) },
    });
    expect(ok.json().stage).toBe('done');
    // 我的账户 shows the permissions by their catalogue names, which /api/auth/me carries.
    const me = (await api(t, 'GET', '/api/auth/me', { cookie })).json().user;
    expect(me.permissions).toContain('roles:write');
    expect(Object.keys(me.permissionNames)).toEqual(me.permissions);
    for (const code of me.permissions) expect(me.permissionNames[code], code).toMatch(/[\u4e00-\u9fff]/);

    // Re-enrolment later starts from a fresh secret (the confirmed one is no longer pending).
    const reenrol = (await api(t, 'POST', '/api/auth/totp/enroll', { cookie })).json();
    expect(reenrol.pending).toBe(false);
    expect(reenrol.secret).not.toBe(renewed.secret);
  });

  it('the changed contracts still render as OpenAPI', async () => {
    const openapi = await api(t, 'GET', '/api/openapi.json');
    expect(openapi.statusCode).toBe(200);
    expect(Object.keys(openapi.json().paths)).toEqual(
      expect.arrayContaining(['/api/auth/totp/enroll', '/api/exports', '/api/workers']),
    );
  });
});
