import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { all, one, SYSTEM_SCOPE } from '../../db/client.js';
import { provisionUser } from '../../bootstrap.js';
import { api, signIn, startTestPlatform, type TestPlatform } from '../../test/harness.js';
import { findRoleByCode } from '../accounts/accounts.repo.js';
import { setUserRoles } from '../accounts/accounts.service.js';
import { HttpError } from '../http/errors.js';
import { routesWithoutPermission } from '../http/guard.js';

let t: TestPlatform;
let sys: { cookie: string };
let sec: { cookie: string };
let aud: { cookie: string };

// Two counties of 昆明市 and a township inside the first.
const WUHUA = '530102';
const PANLONG = '530103';

beforeAll(async () => {
  t = await startTestPlatform();
  sys = await signIn(t, 'sysadmin');
  sec = await signIn(t, 'secadmin');
  aud = await signIn(t, 'auditor');
});
afterAll(async () => t?.close());

describe('route inventory', () => {
  it('every registered route declares its permission', () => {
    expect(t.routes.length).toBeGreaterThan(30);
    expect(routesWithoutPermission(t.routes)).toEqual([]);
    // and the guard really uses it: a public route, a session route and a permission route
    const byUrl = (u: string) => t.routes.find((r) => r.url === u)?.config?.permission;
    expect(byUrl('/api/health')).toBe('public');
    expect(byUrl('/api/auth/me')).toBe('session');
    expect(byUrl('/api/audit')).toBe('audit:read');
  });
});

describe('三员分立 and permissions', () => {
  it('lets each administrator do only their own work, and audits the denials', async () => {
    expect((await api(t, 'GET', '/api/audit', { cookie: sys.cookie })).statusCode).toBe(403);
    expect((await api(t, 'GET', '/api/audit', { cookie: sec.cookie })).statusCode).toBe(403);
    expect((await api(t, 'GET', '/api/audit', { cookie: aud.cookie })).statusCode).toBe(200);
    expect(
      (
        await api(t, 'POST', '/api/users', {
          cookie: sec.cookie,
          body: { username: 'x_user', displayName: 'X', departmentId: null, regionCode: WUHUA },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await api(t, 'POST', '/api/roles', { cookie: sys.cookie, body: { code: 'r1', name: 'R', permissions: [] } }))
        .statusCode,
    ).toBe(403);
    expect((await api(t, 'GET', '/api/users', { cookie: aud.cookie })).statusCode).toBe(403);
    const denied = await t.db.scoped(SYSTEM_SCOPE, (tx) =>
      all<{ username: string }>(tx, sql`select username from audit_log where action = 'access.denied'`),
    );
    expect(denied.map((d) => d.username).sort()).toEqual(['auditor', 'secadmin', 'secadmin', 'sysadmin', 'sysadmin']);
  });

  // 三员分立 is enforced by the accounts service (setUserRoles: lock the user, check, write), the one writer
  // of user_roles; the database trigger that did it before read another table, which Citus refuses.
  const roleOf = (code: string) => t.db.scoped(SYSTEM_SCOPE, async (tx) => (await findRoleByCode(tx, code))!);
  const rolesOf = (username: string) =>
    t.db.scoped(SYSTEM_SCOPE, async (tx) =>
      all<{ code: string }>(
        tx,
        sql`select r.code from user_roles ur join roles r on r.id = ur.role_id
          join users u on u.id = ur.user_id where u.username = ${username} order by r.code`,
      ),
    );
  const EXCLUSIVE = /^三员角色互斥：.*不能由同一用户兼任/;

  it('refuses a second role for an administrator, with a precise 400, and writes nothing', async () => {
    const officer = await roleOf('officer');
    const auditor = await roleOf('auditor');
    const secadmin = await roleOf('secadmin');
    const u = await one<{ id: string }>(t.db.owner, sql`select id from users where username = 'auditor'`);
    for (const set of [
      [auditor, officer],
      [officer, auditor],
      [auditor, secadmin],
    ]) {
      const err: unknown = await t.db
        .scoped(SYSTEM_SCOPE, (tx) => setUserRoles(tx, u!.id, set, 'all'))
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(err).toBeInstanceOf(HttpError);
      expect(err).toMatchObject({ status: 400, fieldErrors: [{ path: 'roleIds' }] });
      expect((err as HttpError).detail).toMatch(EXCLUSIVE);
      expect((err as HttpError).detail).toContain(set[1].name);
    }
    expect(await rolesOf('auditor')).toEqual([{ code: 'auditor' }]);
    // the operator's path (`mwsp user create`, bootstrap) goes through the same rule: no account is left behind
    await expect(
      provisionUser(t.db, t.services, {
        username: 'two_admins',
        displayName: '双管理员',
        roles: ['sysadmin', 'secadmin'],
        regionCode: WUHUA,
        dataScope: 'all',
      }),
    ).rejects.toThrow(EXCLUSIVE);
    expect(await one(t.db.owner, sql`select id from users where username = 'two_admins'`)).toBeUndefined();
    expect(
      await all(
        t.db.owner,
        sql`select tgname from pg_trigger where tgrelid = 'user_roles'::regclass
      and not tgisinternal`,
      ),
    ).toEqual([]);
  });

  it('keeps 三员 exclusive under two concurrent assignments of the same user', async () => {
    const { id } = await provisionUser(t.db, t.services, {
      username: 'race_user',
      displayName: '并发授权',
      roles: [],
      regionCode: WUHUA,
    });
    const sysadmin = await roleOf('sysadmin');
    const officer = await roleOf('officer');
    // The first transaction writes {系统管理员} and stays open; the second writes {业务经办员} meanwhile. Without
    // the lock on the user's row, neither would see the other's row and the user would end up with both.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let wrote!: () => void;
    const written = new Promise<void>((r) => (wrote = r));
    const first = t.db.scoped(SYSTEM_SCOPE, async (tx) => {
      await setUserRoles(tx, id, [sysadmin], 'all');
      wrote();
      await gate;
    });
    await written;
    const second = t.db.scoped(SYSTEM_SCOPE, (tx) => setUserRoles(tx, id, [officer], 'region'));
    await new Promise((r) => setTimeout(r, 300));
    release();
    await Promise.all([first, second]);
    expect(await rolesOf('race_user')).toEqual([{ code: 'officer' }]);
  });

  it('keeps administrative permissions out of custom roles and refuses self-grants and wider scopes', async () => {
    const bad = await api(t, 'POST', '/api/roles', {
      cookie: sec.cookie,
      body: { code: 'sneaky', name: '越权', permissions: ['audit:read'] },
    });
    expect(bad.statusCode).toBe(400);
    const good = await api(t, 'POST', '/api/roles', {
      cookie: sec.cookie,
      body: { code: 'viewer', name: '查看员', permissions: ['regions:read'] },
    });
    expect(good.statusCode).toBe(201);
    const me = (await api(t, 'GET', '/api/auth/me', { cookie: sec.cookie })).json().user;
    const self = await api(t, 'PUT', `/api/users/${me.id}/roles`, {
      cookie: sec.cookie,
      body: { roleIds: [good.json().id], dataScope: 'region' },
    });
    expect(self.statusCode).toBe(403);
    const sysRole = (await api(t, 'GET', '/api/roles', { cookie: sec.cookie }))
      .json()
      .find((r: { code: string }) => r.code === 'sysadmin');
    const leader = (await api(t, 'GET', '/api/users?q=demo_leader', { cookie: sec.cookie })).json().items[0];
    const toAdmin = await api(t, 'PUT', `/api/users/${leader.id}/roles`, {
      cookie: sec.cookie,
      body: { roleIds: [sysRole.id], dataScope: 'all' },
    });
    expect(toAdmin.statusCode).toBe(403);
  });

  it('lets a region-scoped security administrator grant no scope wider than its own', async () => {
    await provisionUser(t.db, t.services, {
      username: 'sec_wuhua',
      displayName: '五华区安全员',
      roles: ['secadmin'],
      regionCode: WUHUA,
      password: 'Wuhua#Secure2026pw',
      dataScope: 'region',
    });
    const s = await signIn(t, 'sec_wuhua', { password: 'Wuhua#Secure2026pw' });
    const created = await api(t, 'POST', '/api/users', {
      cookie: sys.cookie,
      body: { username: 'wuhua_clerk', displayName: '五华经办', departmentId: null, regionCode: WUHUA },
    });
    const officer = (await api(t, 'GET', '/api/roles', { cookie: s.cookie }))
      .json()
      .find((r: { code: string }) => r.code === 'officer');
    const wide = await api(t, 'PUT', `/api/users/${created.json().user.id}/roles`, {
      cookie: s.cookie,
      body: { roleIds: [officer.id], dataScope: 'all' },
    });
    expect(wide.statusCode).toBe(403);
    const ok = await api(t, 'PUT', `/api/users/${created.json().user.id}/roles`, {
      cookie: s.cookie,
      body: { roleIds: [officer.id], dataScope: 'region' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().roles.map((r: { code: string }) => r.code)).toEqual(['officer']);
  });
});

describe('region scope', () => {
  it('shows a county administrator only its county; other records look missing (404)', async () => {
    await provisionUser(t.db, t.services, {
      username: 'sys_panlong',
      displayName: '盘龙区系统管理员',
      roles: ['sysadmin'],
      regionCode: PANLONG,
      password: 'Panlong#Secure2026pw',
      dataScope: 'region',
    });
    const s = await signIn(t, 'sys_panlong', { password: 'Panlong#Secure2026pw' });
    const inWuhua = (
      await api(t, 'POST', '/api/users', {
        cookie: sys.cookie,
        body: { username: 'wuhua_only', displayName: '五华用户', departmentId: null, regionCode: WUHUA },
      })
    ).json().user;
    const list = (await api(t, 'GET', '/api/users?pageSize=200', { cookie: s.cookie })).json();
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.every((u: { regionCode: string }) => u.regionCode.startsWith(PANLONG))).toBe(true);
    const other = await api(t, 'GET', `/api/users/${inWuhua.id}`, { cookie: s.cookie });
    expect(other.statusCode).toBe(404);
    const missing = await api(t, 'GET', '/api/users/00000000-0000-4000-8000-000000000000', { cookie: s.cookie });
    expect(missing.statusCode).toBe(404);
    expect(other.json().detail).toBe(missing.json().detail);
    const outside = await api(t, 'POST', '/api/users', {
      cookie: s.cookie,
      body: { username: 'x_outside', displayName: 'X', departmentId: null, regionCode: WUHUA },
    });
    expect(outside.statusCode).toBe(404);
    const notFoundAudit = await t.db.scoped(SYSTEM_SCOPE, (tx) =>
      all(tx, sql`select 1 from audit_log where action = 'access.not_found' and username = 'sys_panlong'`),
    );
    expect(notFoundAudit.length).toBeGreaterThanOrEqual(2);
  });

  it('row-level security: the application role sees nothing without a scope and only its prefix with one', async () => {
    const total = await one<{ n: number }>(t.db.owner, sql`select count(*)::int as n from users`);
    const none = await t.db.scoped({ region: '' }, (tx) =>
      one<{ n: number }>(tx, sql`select count(*)::int as n from users`),
    );
    const unset = await t.db.owner.transaction(async (tx) => {
      await tx.execute(sql`set local role mwsp_app`);
      return one<{ n: number }>(tx as never, sql`select count(*)::int as n from users`);
    });
    const wuhua = await t.db.scoped({ region: WUHUA }, (tx) =>
      all<{ r: string }>(tx, sql`select region_code as r from users`),
    );
    expect(total!.n).toBeGreaterThan(5);
    expect(none!.n).toBe(0);
    expect(unset!.n).toBe(0);
    expect(wuhua.length).toBeGreaterThan(0);
    expect(wuhua.every((u) => u.r.startsWith(WUHUA))).toBe(true);
    // Writes outside the scope are refused by the policy's WITH CHECK, and updates see 0 rows.
    await expect(
      t.db.scoped({ region: WUHUA }, (tx) =>
        tx.execute(sql`update users set region_code = ${PANLONG} where region_code like ${WUHUA + '%'}`),
      ),
    ).rejects.toThrow();
    const touched = await t.db.scoped({ region: WUHUA }, (tx) =>
      all(tx, sql`update users set display_name = display_name where region_code like ${PANLONG + '%'} returning id`),
    );
    expect(touched.length).toBe(0);
  });

  it('the application role is neither superuser nor owner and cannot bypass RLS', async () => {
    const r = await t.db.scoped(SYSTEM_SCOPE, (tx) =>
      one<{ su: boolean; bypass: boolean; owner: string; me: string }>(
        tx,
        sql`select rolsuper as su, rolbypassrls as bypass,
      (select tableowner from pg_tables where tablename = 'users') as owner, current_user as me
      from pg_roles where rolname = current_user`,
      ),
    );
    expect(r!.me).toBe('mwsp_app');
    expect(r!.su).toBe(false);
    expect(r!.bypass).toBe(false);
    expect(r!.owner).not.toBe('mwsp_app');
  });
});
