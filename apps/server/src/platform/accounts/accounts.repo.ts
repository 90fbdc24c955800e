import { sql, type SQL } from 'drizzle-orm';
import { all, one, run, toPgArray, type Executor } from '../../db/client.js';
import { statement } from '../../db/statement.js';
import type { UserStatusBucket } from '@mwsp/domain';
import { principalChanged, userKey, type DataScope } from '../access/principal.js';

/** SQL for accounts, roles, password history and API tokens. Runs in the caller's scoped transaction. */

export interface UserRow {
  id: string;
  username: string;
  displayName: string;
  departmentId: string | null;
  departmentName: string | null;
  departmentCode: string | null;
  regionCode: string;
  regionName: string | null;
  phoneEnc: string | null;
  dataScope: DataScope;
  status: 'active' | 'disabled';
  passwordHash: string;
  passwordChangedAt: Date;
  mustChangePassword: boolean;
  totpSecretEnc: string | null;
  totpEnabled: boolean;
  totpLastStep: number;
  failedCount: number;
  failedFirstAt: Date | null;
  lockedUntil: Date | null;
  lastLoginAt: Date | null;
  createdAt: Date;
}

export interface RoleRow {
  id: string;
  code: string;
  name: string;
  description: string;
  permissions: string[];
  builtin: boolean;
  adminRole: boolean;
  userCount?: number;
}
/** A role with the number of users holding it (the role lists and the role editor). */
export type CountedRoleRow = RoleRow & { userCount: number };

// Region and department names come from the org tables the platform owns (platform/org).
const USER_COLUMNS = sql`u.id, u.username, u.display_name as "displayName", u.department_id as "departmentId",
  d.name as "departmentName", d.code as "departmentCode", u.region_code as "regionCode", r.full_name as "regionName",
  u.phone_enc as "phoneEnc", u.data_scope as "dataScope", u.status, u.password_hash as "passwordHash",
  u.password_changed_at as "passwordChangedAt", u.must_change_password as "mustChangePassword",
  u.totp_secret_enc as "totpSecretEnc", u.totp_enabled as "totpEnabled", u.totp_last_step::int8 as "totpLastStep",
  u.failed_count as "failedCount", u.failed_first_at as "failedFirstAt", u.locked_until as "lockedUntil",
  u.last_login_at as "lastLoginAt", u.created_at as "createdAt"`;
const USER_FROM = sql`users u left join departments d on d.id = u.department_id
  left join regions r on r.code = u.region_code`;

export async function findUserByUsername(tx: Executor, username: string): Promise<UserRow | undefined> {
  return fix(
    await one<UserRow>(tx, sql`select ${USER_COLUMNS} from ${USER_FROM} where lower(u.username) = lower(${username})`),
  );
}

/** A user with its roles in one statement (the hot read path: its text built once, db/statement.ts). */
const USER_WITH_ROLES = statement<[id: string]>(
  (id) => sql`select ${USER_COLUMNS}, coalesce((select json_agg(json_build_object('id', ro.id, 'code', ro.code,
      'name', ro.name, 'description', ro.description, 'permissions', ro.permissions, 'builtin', ro.builtin,
      'adminRole', ro.admin_role) order by ro.code)
      from user_roles ur join roles ro on ro.id = ur.role_id where ur.user_id = u.id), '[]'::json) as roles
    from ${USER_FROM} where u.id = ${id}`,
);

export async function findUserWithRoles(
  tx: Executor,
  id: string,
): Promise<(UserRow & { roles: RoleRow[] }) | undefined> {
  if (!isUuid(id)) return undefined;
  return fix(await one<UserRow & { roles: RoleRow[] }>(tx, USER_WITH_ROLES(id))) as
    (UserRow & { roles: RoleRow[] }) | undefined;
}

export async function findUserById(tx: Executor, id: string): Promise<UserRow | undefined> {
  if (!isUuid(id)) return undefined;
  return fix(await one<UserRow>(tx, sql`select ${USER_COLUMNS} from ${USER_FROM} where u.id = ${id}`));
}

export interface UserListFilter {
  q?: string;
  departmentId?: string;
  regionCode?: string;
  status?: string;
  page: number;
  pageSize: number;
}

export async function listUsers(tx: Executor, f: UserListFilter): Promise<{ items: UserRow[]; total: number }> {
  const conds: SQL[] = [sql`true`];
  if (f.q) {
    const like = `%${f.q.replace(/[%_\\]/g, '\\$&')}%`;
    conds.push(sql`(u.username ilike ${like} or u.display_name ilike ${like})`);
  }
  if (f.departmentId) conds.push(sql`u.department_id = ${f.departmentId}`);
  if (f.regionCode) conds.push(sql`u.region_code >= ${f.regionCode} and u.region_code < ${f.regionCode + 'z'}`);
  if (f.status) conds.push(sql`u.status = ${f.status}`);
  const where = sql.join(conds, sql` and `);
  const items = await all<UserRow>(
    tx,
    sql`select ${USER_COLUMNS} from ${USER_FROM} where ${where} order by u.created_at, u.username
      limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize}`,
  );
  const total = await one<{ n: number }>(tx, sql`select count(*)::int as n from users u where ${where}`);
  return { items: items.map((r) => fix(r)!), total: total?.n ?? 0 };
}

export async function insertUser(
  tx: Executor,
  u: {
    username: string;
    displayName: string;
    departmentId: string | null;
    regionCode: string;
    phoneEnc: string | null;
    phoneBidx: string | null;
    passwordHash: string;
    dataScope: DataScope;
    now: Date;
  },
): Promise<string> {
  const row = await one<{ id: string }>(
    tx,
    sql`insert into users (username, display_name, department_id, region_code, phone_enc, phone_bidx, password_hash,
      data_scope, must_change_password, password_changed_at, created_at, updated_at)
    values (${u.username}, ${u.displayName}, ${u.departmentId}, ${u.regionCode}, ${u.phoneEnc}, ${u.phoneBidx},
      ${u.passwordHash}, ${u.dataScope}, true, ${u.now.toISOString()}, ${u.now.toISOString()}, ${u.now.toISOString()})
    returning id`,
  );
  return row!.id;
}

export async function updateUserProfile(
  tx: Executor,
  id: string,
  p: {
    displayName?: string;
    departmentId?: string | null;
    regionCode?: string;
    phoneEnc?: string | null;
    phoneBidx?: string | null;
    status?: string;
  },
  now: Date,
): Promise<number> {
  const sets: SQL[] = [sql`updated_at = ${now.toISOString()}`];
  if (p.displayName !== undefined) sets.push(sql`display_name = ${p.displayName}`);
  if (p.departmentId !== undefined) sets.push(sql`department_id = ${p.departmentId}`);
  if (p.regionCode !== undefined) sets.push(sql`region_code = ${p.regionCode}`);
  if (p.phoneEnc !== undefined) sets.push(sql`phone_enc = ${p.phoneEnc}, phone_bidx = ${p.phoneBidx ?? null}`);
  if (p.status !== undefined) sets.push(sql`status = ${p.status}`);
  const n = await run(tx, sql`update users set ${sql.join(sets, sql`, `)} where id = ${id}`);
  principalChanged(userKey(id));
  return n;
}

export async function recordLoginFailure(
  tx: Executor,
  id: string,
  count: number,
  firstAt: Date | null,
  lockedUntil: Date | null,
): Promise<void> {
  await tx.execute(
    sql`update users set failed_count = ${count}, failed_first_at = ${firstAt?.toISOString() ?? null},
      locked_until = ${lockedUntil?.toISOString() ?? null} where id = ${id}`,
  );
  principalChanged(userKey(id));
}

export async function recordLoginSuccess(tx: Executor, id: string, now: Date): Promise<void> {
  await tx.execute(
    sql`update users set failed_count = 0, failed_first_at = null, locked_until = null,
      last_login_at = ${now.toISOString()} where id = ${id}`,
  );
  principalChanged(userKey(id));
}

export async function unlockUser(tx: Executor, id: string): Promise<number> {
  const n = await run(
    tx,
    sql`update users set failed_count = 0, failed_first_at = null, locked_until = null where id = ${id}`,
  );
  principalChanged(userKey(id));
  return n;
}

export async function setPassword(
  tx: Executor,
  id: string,
  hash: string,
  mustChange: boolean,
  now: Date,
): Promise<void> {
  await tx.execute(
    sql`update users set password_hash = ${hash}, must_change_password = ${mustChange},
      password_changed_at = ${now.toISOString()}, updated_at = ${now.toISOString()} where id = ${id}`,
  );
  principalChanged(userKey(id));
  await tx.execute(
    sql`insert into password_history (user_id, hash, created_at) values (${id}, ${hash}, ${now.toISOString()})`,
  );
  // Keep the last five only.
  await tx.execute(
    sql`delete from password_history where user_id = ${id} and created_at < (select min(created_at) from
      (select created_at from password_history where user_id = ${id} order by created_at desc limit 5) h)`,
  );
}

export async function passwordHistory(tx: Executor, id: string): Promise<string[]> {
  return (
    await all<{ hash: string }>(
      tx,
      sql`select hash from password_history where user_id = ${id} order by created_at desc limit 5`,
    )
  ).map((r) => r.hash);
}

export async function setTotp(
  tx: Executor,
  id: string,
  secretEnc: string | null,
  enabled: boolean,
  lastStep: number,
): Promise<void> {
  await tx.execute(
    sql`update users set totp_secret_enc = ${secretEnc}, totp_enabled = ${enabled}, totp_last_step = ${lastStep}
      where id = ${id}`,
  );
  principalChanged(userKey(id));
}

export async function advanceTotpStep(tx: Executor, id: string, step: number): Promise<boolean> {
  // Compare-and-set: a code (time step) can be used once only, even by two concurrent requests.
  return (
    (await run(tx, sql`update users set totp_last_step = ${step} where id = ${id} and totp_last_step < ${step}`)) === 1
  );
}

export async function rolesOfUser(tx: Executor, userId: string): Promise<RoleRow[]> {
  return all<RoleRow>(
    tx,
    sql`select r.id, r.code, r.name, r.description, r.permissions, r.builtin, r.admin_role as "adminRole"
    from user_roles ur join roles r on r.id = ur.role_id where ur.user_id = ${userId} order by r.code`,
  );
}

export async function rolesOfUsers(tx: Executor, userIds: string[]): Promise<Map<string, RoleRow[]>> {
  const out = new Map<string, RoleRow[]>();
  if (userIds.length === 0) return out;
  const rows = await all<RoleRow & { userId: string }>(
    tx,
    sql`select ur.user_id as "userId", r.id, r.code, r.name, r.description, r.permissions, r.builtin,
      r.admin_role as "adminRole"
    from user_roles ur join roles r on r.id = ur.role_id where ur.user_id in (${sql.join(
      userIds.map((id) => sql`${id}`),
      sql`, `,
    )}) order by r.code`,
  );
  for (const r of rows) {
    const list = out.get(r.userId) ?? [];
    list.push(r);
    out.set(r.userId, list);
  }
  return out;
}

/** Locks a user's row until the transaction ends (role changes of one user run one after the other). */
export async function lockUser(tx: Executor, id: string): Promise<boolean> {
  return !!(await one<{ id: string }>(tx, sql`select id from users where id = ${id} for update`));
}

/** Writes a user's complete role set; only the accounts service's setUserRoles calls it (三员分立 check). */
export async function replaceUserRoles(
  tx: Executor,
  userId: string,
  roleIds: string[],
  dataScope: DataScope,
): Promise<void> {
  await tx.execute(sql`delete from user_roles where user_id = ${userId}`);
  for (const roleId of roleIds)
    await tx.execute(sql`insert into user_roles (user_id, role_id) values (${userId}, ${roleId})`);
  await tx.execute(sql`update users set data_scope = ${dataScope} where id = ${userId}`);
  principalChanged(userKey(userId));
}

export async function listRoles(tx: Executor): Promise<CountedRoleRow[]> {
  return all<CountedRoleRow>(
    tx,
    sql`select r.id, r.code, r.name, r.description, r.permissions, r.builtin, r.admin_role as "adminRole",
    (select count(*)::int from user_roles ur where ur.role_id = r.id) as "userCount"
    from roles r order by r.admin_role desc, r.builtin desc, r.code`,
  );
}

export async function findRole(tx: Executor, id: string): Promise<CountedRoleRow | undefined> {
  if (!isUuid(id)) return undefined;
  return one<CountedRoleRow>(
    tx,
    sql`select r.id, r.code, r.name, r.description, r.permissions, r.builtin, r.admin_role as "adminRole",
    (select count(*)::int from user_roles ur where ur.role_id = r.id) as "userCount" from roles r where r.id = ${id}`,
  );
}

export async function findRoleByCode(tx: Executor, code: string): Promise<RoleRow | undefined> {
  return one<RoleRow>(
    tx,
    sql`select id, code, name, description, permissions, builtin, admin_role as "adminRole" from roles
      where code = ${code}`,
  );
}

export async function insertRole(
  tx: Executor,
  r: { code: string; name: string; description: string; permissions: string[]; builtin?: boolean; adminRole?: boolean },
): Promise<string> {
  const row = await one<{ id: string }>(
    tx,
    sql`insert into roles (code, name, description, permissions, builtin, admin_role)
    values (${r.code}, ${r.name}, ${r.description}, ${toPgArray(r.permissions)}::text[], ${r.builtin ?? false},
      ${r.adminRole ?? false}) returning id`,
  );
  return row!.id;
}

export async function updateRole(
  tx: Executor,
  id: string,
  r: { name?: string; description?: string; permissions?: string[] },
): Promise<void> {
  const sets: SQL[] = [sql`updated_at = now()`];
  if (r.name !== undefined) sets.push(sql`name = ${r.name}`);
  if (r.description !== undefined) sets.push(sql`description = ${r.description}`);
  if (r.permissions !== undefined) sets.push(sql`permissions = ${toPgArray(r.permissions)}::text[]`);
  await tx.execute(sql`update roles set ${sql.join(sets, sql`, `)} where id = ${id}`);
  principalChanged('*');
}

export async function deleteRole(tx: Executor, id: string): Promise<void> {
  await tx.execute(sql`delete from roles where id = ${id}`);
  principalChanged('*');
}

export interface TokenRow {
  id: string;
  userId: string;
  name: string;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}
const TOKEN_COLUMNS = sql`id, user_id as "userId", name, created_at as "createdAt", expires_at as "expiresAt",
  revoked_at as "revokedAt", last_used_at as "lastUsedAt"`;

export async function insertToken(
  tx: Executor,
  t: { userId: string; name: string; hash: string; createdBy: string | null; expiresAt: Date; now: Date },
): Promise<TokenRow> {
  return (await one<TokenRow>(
    tx,
    sql`insert into api_tokens (user_id, name, token_hash, created_by, created_at, expires_at)
    values (${t.userId}, ${t.name}, ${t.hash}, ${t.createdBy}, ${t.now.toISOString()}, ${t.expiresAt.toISOString()})
    returning ${TOKEN_COLUMNS}`,
  ))!;
}

export async function tokensOfUser(tx: Executor, userId: string): Promise<TokenRow[]> {
  return all<TokenRow>(
    tx,
    sql`select ${TOKEN_COLUMNS} from api_tokens where user_id = ${userId} order by created_at desc`,
  );
}

export async function findTokenByHash(tx: Executor, hash: string): Promise<TokenRow | undefined> {
  return one<TokenRow>(tx, sql`select ${TOKEN_COLUMNS} from api_tokens where token_hash = ${hash}`);
}

export async function findToken(tx: Executor, id: string): Promise<TokenRow | undefined> {
  if (!isUuid(id)) return undefined;
  return one<TokenRow>(tx, sql`select ${TOKEN_COLUMNS} from api_tokens where id = ${id}`);
}

export async function revokeToken(tx: Executor, id: string, now: Date): Promise<void> {
  await tx.execute(
    sql`update api_tokens set revoked_at = ${now.toISOString()} where id = ${id} and revoked_at is null`,
  );
}

export async function touchToken(tx: Executor, id: string, now: Date): Promise<void> {
  await tx.execute(sql`update api_tokens set last_used_at = ${now.toISOString()} where id = ${id}`);
}

/**
 * Active users holding a permission through their roles, whose region is one of `regionPrefixes` or below
 * the last of them (e.g. a county and the levels above a township), searched by name or username.
 */
export async function usersWithPermission(
  tx: Executor,
  f: {
    permission: string;
    regionPrefixes: string[];
    q?: string;
    userId?: string;
    limit: number;
    record?: { ownerId: string | null; departmentId: string | null };
  },
) {
  const q = f.q ? `%${f.q.replace(/[\\%_]/g, (c) => '\\' + c)}%` : null;
  const below = f.regionPrefixes[f.regionPrefixes.length - 1] ?? '~';
  return all<{ id: string; username: string; displayName: string; departmentName: string | null; regionCode: string }>(
    tx,
    sql`select u.id, u.username, u.display_name as "displayName",
      d.name as "departmentName", u.region_code as "regionCode"
    from users u left join departments d on d.id = u.department_id
    where u.status = 'active'
      and (u.region_code in (${sql.join(
        f.regionPrefixes.map((r) => sql`${r}`),
        sql`, `,
      )}) or (u.region_code >= ${below} and u.region_code < ${below + 'z'}))
      and exists (select 1 from user_roles ur join roles r on r.id = ur.role_id
        where ur.user_id = u.id and ${f.permission} = any(r.permissions))
      ${q ? sql`and (u.display_name like ${q} or u.username like ${q})` : sql``}
      ${f.userId ? sql`and u.id = ${f.userId}` : sql``}
      ${
        f.record
          ? sql`and (u.data_scope not in ('self', 'department')
              or (u.data_scope = 'self' and u.id = ${f.record.ownerId}::uuid)
              or (u.data_scope = 'department' and u.department_id = ${f.record.departmentId}::uuid))`
          : sql``
      }
    order by length(u.region_code) desc, u.display_name limit ${f.limit}`,
  );
}

/** How many role assignments of the 三员 exist (none = a fresh database: create the administrators). */
export async function countAdminAssignments(tx: Executor): Promise<number> {
  const row = await one<{ n: number }>(
    tx,
    sql`select count(*)::int as n from user_roles ur join roles r on r.id = ur.role_id where r.admin_role`,
  );
  return row?.n ?? 0;
}

/** Accounts per status; `locked` counts the accounts locked out now, whatever their status. */
export async function countUsersByStatus(tx: Executor): Promise<{ status: UserStatusBucket; count: number }[]> {
  return all(
    tx,
    sql`select case when locked_until > now() then 'locked' else status end as status, count(*)::int as count
      from users group by 1 order by 1`,
  );
}

export function isUuid(s: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
}

function fix<T extends UserRow>(r: T | undefined): T | undefined {
  if (!r) return r;
  return { ...r, totpLastStep: Number(r.totpLastStep) };
}

export function passwordHistorySeedSql(id: string, hash: string, now: Date) {
  return sql`insert into password_history (user_id, hash, created_at) values (${id}, ${hash}, ${now.toISOString()})`;
}

export interface AssignableUserRow {
  id: string;
  displayName: string;
  departmentName: string | null;
  regionCode: string;
  regionName: string | null;
}

/**
 * Active users who may be assigned work (the user picker): in the transaction's region scope (row-level security),
 * none of the three administrators (三员), by name or username, or by ids (the names of those already chosen).
 */
export async function listAssignable(
  tx: Executor,
  f: { q?: string; ids?: string[]; limit: number; adminRoles: readonly string[] },
): Promise<AssignableUserRow[]> {
  const conds: SQL[] = [sql`u.status = 'active'`];
  conds.push(sql`not exists (select 1 from user_roles ur join roles ro on ro.id = ur.role_id
    where ur.user_id = u.id and ro.code = any(${`{${f.adminRoles.join(',')}}`}::text[]))`);
  if (f.q) {
    const like = `%${f.q.replace(/[%_\\]/g, '\\$&')}%`;
    conds.push(sql`(u.display_name ilike ${like} or u.username ilike ${like})`);
  }
  if (f.ids) conds.push(sql`u.id = any(${`{${f.ids.join(',')}}`}::uuid[])`);
  return all<AssignableUserRow>(
    tx,
    sql`select u.id, u.display_name as "displayName", d.name as "departmentName", u.region_code as "regionCode",
        r.full_name as "regionName"
      from ${USER_FROM} where ${sql.join(conds, sql` and `)}
      order by u.region_code, u.display_name, u.id limit ${f.limit}`,
  );
}

/** Display names by id (names only; for showing who was assigned). */
export async function displayNames(
  tx: Executor,
  ids: readonly string[],
): Promise<{ id: string; displayName: string }[]> {
  if (ids.length === 0) return [];
  return all(
    tx,
    sql`select id, display_name as "displayName" from users where id = any(${`{${ids.join(',')}}`}::uuid[])`,
  );
}
