/**
 * Built-in role grants (issue #8, defect 4): city-wide wage parameters are `wages:params`, held by
 * the city-level administrator role only; `warnings:admin` (manual scan of one's own scope) is no
 * longer an officer's; existing databases lose it through the audited revocation list.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { all, one, SYSTEM_SCOPE } from '../db/client.js';
import { BUILTIN_REVOCATIONS, ensureRoles, provisionUser } from '../bootstrap.js';
import { api, signIn, startTestPlatform, type TestPlatform } from './harness.js';

let t: TestPlatform;
const PASSWORD = 'Roles#Review-2026xy';

/** The 三员 sign in once per file (the first sign-in changes the password and enrols TOTP). */
const sessions = new Map<string, Promise<{ cookie: string }>>();
const session = (username: string) => {
  if (!sessions.has(username)) sessions.set(username, signIn(t, username));
  return sessions.get(username)!;
};

const permsOf = async (code: string) =>
  (await one<{ p: string[] }>(t.db.owner, sql`select permissions as p from roles where code = ${code}`))!.p;

beforeAll(async () => {
  t = await startTestPlatform();
  await provisionUser(t.db, t.services, {
    username: 'rl_officer_city',
    displayName: '市级经办员',
    roles: ['officer'],
    regionCode: '5301',
    password: PASSWORD,
    dataScope: 'all',
  });
  await provisionUser(t.db, t.services, {
    username: 'rl_city_admin',
    displayName: '市级业务管理员',
    roles: ['city_admin'],
    regionCode: '5301',
    password: PASSWORD,
    dataScope: 'all',
  });
});
afterAll(async () => t?.close());

describe('built-in role grants', () => {
  it('are the reviewed least-privilege sets (README, "Built-in roles")', async () => {
    const rows = await all<{ code: string; p: string[] }>(
      t.db.owner,
      sql`select code, permissions as p from roles where builtin and not admin_role order by code`,
    );
    const grants = Object.fromEntries(rows.map((r) => [r.code, [...r.p].sort()]));
    expect(grants).toEqual({
      city_admin: [
        'departments:read',
        'regions:read',
        'training:read',
        'training:rules',
        'wages:params',
        'wages:read',
        'warnings:admin',
        'warnings:read',
      ],
      inspection_head: [
        'cases:read',
        'departments:read',
        'regions:read',
        'rights:approve',
        'rights:handle',
        'rights:read',
      ],
      leader: [
        'arrears:read',
        'cases:read',
        'departments:read',
        'employment:read',
        'regions:read',
        'registry:read',
        'rights:read',
        'training:read',
        'wages:read',
        'warnings:read',
      ],
      officer: [
        'arrears:read',
        'arrears:write',
        'cases:read',
        'departments:read',
        'employment:handle',
        'employment:read',
        'regions:read',
        'registry:export',
        'registry:import',
        'registry:read',
        'registry:write',
        'rights:grids',
        'rights:handle',
        'rights:read',
        'training:handle',
        'training:read',
        'wages:import',
        'wages:read',
        'wages:write',
        'warnings:handle',
        'warnings:read',
      ],
      training_reviewer: ['departments:read', 'regions:read', 'training:approve', 'training:read'],
      pii_reviewer: [
        'departments:read',
        'pii:export',
        'pii:unmask',
        'regions:read',
        'registry:export',
        'registry:merge',
        'registry:read',
      ],
    });
    // wages:params is in the catalogue, and no built-in business role but city_admin holds it
    const catalogue = (await api(t, 'GET', '/api/permissions', { cookie: (await session('secadmin')).cookie })).json();
    expect(JSON.stringify(catalogue)).toContain('wages:params');
  });

  it('lets no officer change the city-wide wage parameters or start a scan, even a city-wide one', async () => {
    const officer = await signIn(t, 'rl_officer_city', { password: PASSWORD });
    const params = await api(t, 'GET', '/api/wages/params', { cookie: officer.cookie });
    expect(params.statusCode).toBe(200);
    const put = await api(t, 'PUT', '/api/wages/params', { cookie: officer.cookie, body: params.json() });
    expect(put.statusCode).toBe(403);
    expect((await api(t, 'POST', '/api/warnings/scan', { cookie: officer.cookie })).statusCode).toBe(403);
    const county = await signIn(t, 'demo_county');
    expect((await api(t, 'PUT', '/api/wages/params', { cookie: county.cookie, body: params.json() })).statusCode).toBe(
      403,
    );
  });

  it('lets the city-level administrator set them', async () => {
    const admin = await signIn(t, 'rl_city_admin', { password: PASSWORD });
    const params = (await api(t, 'GET', '/api/wages/params', { cookie: admin.cookie })).json();
    const put = await api(t, 'PUT', '/api/wages/params', {
      cookie: admin.cookie,
      body: { ...params, settlementGraceDays: 12 },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().settlementGraceDays).toBe(12);
  });

  it('revokes warnings:admin from an existing officer role once, audited, and leaves custom roles alone', async () => {
    expect(BUILTIN_REVOCATIONS).toContainEqual(
      expect.objectContaining({ role: 'officer', permission: 'warnings:admin' }),
    );
    // A database from before the fix: the officer role holds warnings:admin; a custom role too.
    await t.db.owner.execute(
      sql`update roles set permissions = array_append(permissions, 'warnings:admin') where code = 'officer'`,
    );
    await t.db.owner.execute(
      sql`insert into roles (code, name, description, permissions, builtin, admin_role)
        values ('county_scan', '县级扫描', '', '{warnings:admin}', false, false)`,
    );
    expect(await permsOf('officer')).toContain('warnings:admin');
    await ensureRoles(t.db, t.services.audit);
    expect(await permsOf('officer')).not.toContain('warnings:admin');
    expect(await permsOf('county_scan')).toEqual(['warnings:admin']);
    await ensureRoles(t.db, t.services.audit); // nothing left to revoke: no second entry
    const audited = await t.db.scoped(SYSTEM_SCOPE, (tx) =>
      all<{ detail: { role: string; permission: string } }>(
        tx,
        sql`select detail from audit_log where action = 'role.revoke_builtin'`,
      ),
    );
    expect(audited).toHaveLength(1);
    expect(audited[0].detail).toMatchObject({ role: 'officer', permission: 'warnings:admin' });
  });
});

describe('the 本部门 data scope needs a department', () => {
  const title = 'is refused to a user without one (grant, command) and the department of such a user cannot be cleared';
  it(title, async () => {
    const secadmin = await session('secadmin');
    const sysadmin = await session('sysadmin');
    await provisionUser(t.db, t.services, {
      username: 'rl_no_dept',
      displayName: '无部门经办员',
      roles: ['officer'],
      regionCode: '530102',
      password: PASSWORD,
    });
    await provisionUser(t.db, t.services, {
      username: 'rl_with_dept',
      displayName: '有部门经办员',
      roles: ['officer'],
      regionCode: '530102',
      departmentCode: 'hrss',
      password: PASSWORD,
      dataScope: 'department',
    });
    const ids = Object.fromEntries(
      (
        await all<{ username: string; id: string }>(
          t.db.owner,
          sql`select username, id from users where username in ('rl_no_dept', 'rl_with_dept')`,
        )
      ).map((u) => [u.username, u.id]),
    );
    const officerRole = (await one<{ id: string }>(t.db.owner, sql`select id from roles where code = 'officer'`))!.id;

    const grant = await api(t, 'PUT', `/api/users/${ids.rl_no_dept}/roles`, {
      cookie: secadmin.cookie,
      body: { roleIds: [officerRole], dataScope: 'department' },
    });
    expect(grant.statusCode, grant.body).toBe(400);
    expect(grant.json().errors).toEqual([{ path: 'dataScope', message: expect.stringContaining('所属部门') }]);
    expect(
      (await one<{ s: string }>(t.db.owner, sql`select data_scope as s from users where id = ${ids.rl_no_dept}`))!.s,
    ).toBe('region');

    const clear = await api(t, 'PATCH', `/api/users/${ids.rl_with_dept}`, {
      cookie: sysadmin.cookie,
      body: { departmentId: null },
    });
    expect(clear.statusCode, clear.body).toBe(400);
    expect(clear.json().errors[0].path).toBe('departmentId');
    expect(
      (await one<{ d: string | null }>(
        t.db.owner,
        sql`select department_id as d from users where id = ${ids.rl_with_dept}`,
      ))!.d,
    ).not.toBeNull();

    await expect(
      provisionUser(t.db, t.services, {
        username: 'rl_cli_dept',
        displayName: '命令行',
        roles: ['officer'],
        regionCode: '530102',
        password: PASSWORD,
        dataScope: 'department',
      }),
    ).rejects.toThrow(/所属部门/);
  });
});
