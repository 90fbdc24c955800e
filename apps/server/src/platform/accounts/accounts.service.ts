import { maskPhone, parseMobile, type UserStatus } from '@mwsp/domain';
import { pgErrorCode, pgErrorMessage, SYSTEM_SCOPE, type Database, type Executor } from '../../db/client.js';
import { access, requireInScope } from '../access/access.js';
import { ADMIN_ROLES, allPermissions, permissionDef } from '../access/permissions.js';
import { dbScopeOf, scopeAtMost, type DataScope, type Principal } from '../access/principal.js';
import { actorOf, type AuditLog } from '../audit/audit.js';
import { generateInitialPassword, hashPassword } from '../crypto/passwords.js';
import { randomBytes, type FieldCipher } from '../crypto/index.js';
import { badRequest, conflict, fieldError, forbidden, notFound } from '../http/errors.js';
import * as repo from './accounts.repo.js';
import type { CountedRoleRow, RoleRow, TokenRow, UserRow } from './accounts.repo.js';

export interface UserDto {
  id: string;
  username: string;
  displayName: string;
  departmentId: string | null;
  departmentName: string | null;
  regionCode: string;
  regionName: string | null;
  phone: string | null; // always masked
  dataScope: DataScope;
  roles: { id: string; code: string; name: string }[];
  status: UserStatus;
  locked: boolean;
  lockedUntil: string | null;
  mustChangePassword: boolean;
  totpEnabled: boolean;
  lastLoginAt: string | null;
  createdAt: string;
}

export interface CreateUserInput {
  username: string;
  displayName: string;
  departmentId: string | null;
  regionCode: string;
  phone?: string | null;
}

const PHONE_CONTEXT = 'users.phone';

/** An account sits in its region only: department and owner scopes do not narrow who sees accounts. */
const userResource = (u: { regionCode: string }) => ({ regionCode: u.regionCode });

/** What accounts need from sign-in: ending a user's sessions (the port keeps auth → accounts one-way). */
export interface SessionsPort {
  endSessionsOf(tx: Executor, userId: string): Promise<void>;
}

/** Use cases on accounts, roles and API tokens. Every one starts with the access decision. */
export class AccountsService {
  constructor(
    private readonly db: Database,
    private readonly cipher: FieldCipher,
    private readonly audit: AuditLog,
    private readonly now: () => Date,
    private readonly sessions: SessionsPort,
  ) {}

  toDto(u: UserRow, roles: RoleRow[]): UserDto {
    const now = this.now();
    let phone: string | null = null;
    if (u.phoneEnc) phone = maskPhone(this.cipher.decrypt(u.phoneEnc, PHONE_CONTEXT));
    return {
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      departmentId: u.departmentId,
      departmentName: u.departmentName,
      regionCode: u.regionCode,
      regionName: u.regionName,
      phone,
      dataScope: u.dataScope,
      roles: roles.map((r) => ({ id: r.id, code: r.code, name: r.name })),
      status: u.status,
      locked: !!(u.lockedUntil && u.lockedUntil > now),
      lockedUntil: u.lockedUntil && u.lockedUntil > now ? u.lockedUntil.toISOString() : null,
      mustChangePassword: u.mustChangePassword,
      totpEnabled: u.totpEnabled,
      lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
      createdAt: u.createdAt.toISOString(),
    };
  }

  async listUsers(p: Principal, f: repo.UserListFilter): Promise<{ items: UserDto[]; total: number }> {
    access(p, 'users:read');
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const { items, total } = await repo.listUsers(tx, f);
      const roles = await repo.rolesOfUsers(
        tx,
        items.map((u) => u.id),
      );
      return { items: items.map((u) => this.toDto(u, roles.get(u.id) ?? [])), total };
    });
  }

  /**
   * The user picker (可指派人员): active users of the caller's region scope who may be given work — never the three
   * administrators —, by name (`q`) or by ids (the names of users already chosen). Needs `cases:read` (whoever
   * handles cases assigns them); answers names, department and region only.
   */
  async pickableUsers(p: Principal, f: { q?: string; ids?: string[]; limit: number }) {
    access(p, 'cases:read');
    const ids = f.ids ? [...new Set(f.ids.map((x) => x.toLowerCase()))] : undefined;
    if (ids && ids.length > 50) throw badRequest('一次最多查询 50 名人员', [{ path: 'ids', message: '最多 50 个' }]);
    return this.db.scoped(dbScopeOf(p), (tx) =>
      repo.listAssignable(tx, {
        q: f.q || undefined,
        ids,
        limit: ids ? Math.max(ids.length, 1) : f.limit,
        adminRoles: ADMIN_ROLES.map((r) => r.code),
      }),
    );
  }

  /**
   * The names of users by id, for modules showing who was assigned (a grid's inspectors, a patrol's): names only,
   * whatever the caller's region (an inspector of the county works on a township's grid). Not a listing: ids in.
   */
  async displayNames(ids: readonly string[]): Promise<Map<string, string>> {
    const distinct = [...new Set(ids)];
    if (distinct.length === 0) return new Map();
    const rows = await this.db.scoped(SYSTEM_SCOPE, (tx) => repo.displayNames(tx, distinct));
    return new Map(rows.map((r) => [r.id, r.displayName]));
  }

  /** An account's detail; reading it is an administrative act and is audited before it is returned. */
  async getUser(p: Principal, id: string): Promise<UserDto> {
    access(p, 'users:read');
    const u = requireInScope(
      p,
      // one statement: BEGIN, the scope, the read and COMMIT in one round trip (docs/REQUEST-PATH.md)
      await this.db.scoped(dbScopeOf(p), (tx) => repo.findUserWithRoles(tx, id), { oneStatement: true }),
      '用户不存在',
      userResource,
    );
    const dto = this.toDto(u, u.roles);
    await this.audit.record(actorOf(p, p.ip), {
      action: 'user.read',
      outcome: 'success',
      objectType: 'user',
      objectId: id,
    });
    return dto;
  }

  async createUser(p: Principal, input: CreateUserInput): Promise<{ user: UserDto; initialPassword: string }> {
    access(p, 'users:write', { regionCode: input.regionCode });
    const phone = this.encryptPhone(input.phone);
    const initialPassword = generateInitialPassword();
    const passwordHash = await hashPassword(initialPassword);
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      if (await repo.findUserByUsername(tx, input.username)) throw fieldError('username', '用户名已存在');
      const id = await repo
        .insertUser(tx, {
          username: input.username,
          displayName: input.displayName,
          departmentId: input.departmentId,
          regionCode: input.regionCode,
          phoneEnc: phone.enc,
          phoneBidx: phone.bidx,
          passwordHash,
          dataScope: 'region',
          now: this.now(),
        })
        .catch(mapReferenceError);
      await tx.execute(passwordHistorySeed(id, passwordHash, this.now()));
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'user.create',
        outcome: 'success',
        objectType: 'user',
        objectId: id,
        detail: { username: input.username, regionCode: input.regionCode },
      });
      const u = (await repo.findUserById(tx, id))!;
      return { user: this.toDto(u, []), initialPassword };
    });
  }

  async updateUser(
    p: Principal,
    id: string,
    patch: {
      displayName?: string;
      departmentId?: string | null;
      regionCode?: string;
      phone?: string | null;
      status?: 'active' | 'disabled';
    },
  ): Promise<UserDto> {
    access(p, 'users:write');
    if (patch.regionCode) access(p, 'users:write', { regionCode: patch.regionCode });
    if (patch.status === 'disabled' && id === p.userId) throw badRequest('不能停用自己的账号');
    const phone = patch.phone !== undefined ? this.encryptPhone(patch.phone) : undefined;
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const before = await this.visibleUser(tx, p, id);
      if (patch.departmentId === null && before.dataScope === 'department')
        throw fieldError('departmentId', '该用户的数据范围为“本部门”，不能清除其所属部门');
      await repo
        .updateUserProfile(
          tx,
          id,
          {
            displayName: patch.displayName,
            departmentId: patch.departmentId,
            regionCode: patch.regionCode,
            status: patch.status,
            ...(phone ? { phoneEnc: phone.enc, phoneBidx: phone.bidx } : {}),
          },
          this.now(),
        )
        .catch(mapReferenceError);
      if (patch.status === 'disabled') await this.sessions.endSessionsOf(tx, id);
      await this.audit.append(tx, actorOf(p, p.ip), {
        action:
          patch.status && patch.status !== before.status
            ? patch.status === 'disabled'
              ? 'user.disable'
              : 'user.enable'
            : 'user.update',
        outcome: 'success',
        objectType: 'user',
        objectId: id,
        detail: { fields: Object.keys(patch) },
      });
      const u = (await repo.findUserById(tx, id))!;
      return this.toDto(u, await repo.rolesOfUser(tx, id));
    });
  }

  async resetPassword(p: Principal, id: string): Promise<{ initialPassword: string }> {
    access(p, 'users:write');
    const initialPassword = generateInitialPassword();
    const hash = await hashPassword(initialPassword);
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      await this.visibleUser(tx, p, id);
      await repo.setPassword(tx, id, hash, true, this.now());
      await this.sessions.endSessionsOf(tx, id);
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'user.reset_password',
        outcome: 'success',
        objectType: 'user',
        objectId: id,
      });
      return { initialPassword };
    });
  }

  async unlock(p: Principal, id: string): Promise<void> {
    access(p, 'users:unlock');
    await this.db.scoped(dbScopeOf(p), async (tx) => {
      await this.visibleUser(tx, p, id);
      await repo.unlockUser(tx, id);
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'user.unlock',
        outcome: 'success',
        objectType: 'user',
        objectId: id,
      });
    });
  }

  /**
   * Grants roles and a data scope. The editor may grant no permission above its own ceiling and no
   * data scope wider than its own; the 三员 roles are assigned only with the `mwsp` command.
   */
  async assignRoles(p: Principal, id: string, roleIds: string[], dataScope: DataScope): Promise<UserDto> {
    access(p, 'roles:assign');
    if (id === p.userId) throw forbidden('不能为自己授权');
    if (!scopeAtMost(dataScope, p.dataScope)) throw forbidden('不能授予比自己更大的数据范围');
    // A refusal above the ceiling is audited after the transaction (audit.record takes its own).
    const result = await this.db.scoped(dbScopeOf(p), async (tx) => {
      const target = await this.visibleUser(tx, p, id);
      // 本部门 means "records of my department": without a department it would match nothing (and
      // make every write of the user fail in row-level security), so it needs one first.
      if (dataScope === 'department' && !target.departmentId)
        throw fieldError('dataScope', '“本部门”数据范围须先为该用户指定所属部门');
      const roles: RoleRow[] = [];
      for (const rid of new Set(roleIds)) {
        const r = await repo.findRole(tx, rid);
        if (!r) throw fieldError('roleIds', '角色不存在');
        roles.push(r);
      }
      const current = await repo.rolesOfUser(tx, id);
      if (current.some((r) => r.adminRole) || roles.some((r) => r.adminRole)) {
        throw forbidden('三员（系统管理员、安全管理员、审计管理员）角色只能由运维人员通过 mwsp 命令分配');
      }
      const ceiling = grantCeiling(p);
      const above = roles.flatMap((r) => r.permissions).filter((perm) => !ceiling.has(perm));
      if (above.length > 0) return { above: [...new Set(above)], user: null };
      await setUserRoles(tx, id, roles, dataScope);
      await this.sessions.endSessionsOf(tx, id); // new rights take effect at the next sign-in
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'user.assign_roles',
        outcome: 'success',
        objectType: 'user',
        objectId: id,
        detail: { username: target.username, roles: roles.map((r) => r.code), dataScope },
      });
      const u = (await repo.findUserById(tx, id))!;
      return { above: null, user: this.toDto(u, roles) };
    });
    if (result.above) {
      await this.audit.record(actorOf(p, p.ip), {
        action: 'user.assign_roles',
        outcome: 'denied',
        objectType: 'user',
        objectId: id,
        detail: { reason: 'above_ceiling', permissions: result.above },
      });
      throw forbidden(`不能授予超出本人权限范围的权限：${result.above.join('、')}`);
    }
    return result.user!;
  }

  listPermissions(p: Principal) {
    access(p, 'roles:read');
    return allPermissions().map((d) => ({
      code: d.code,
      name: d.name,
      module: d.module,
      admin: !!d.admin,
      sensitive: !!d.sensitive,
    }));
  }

  async listRoles(p: Principal): Promise<CountedRoleRow[]> {
    if (!p.permissions.has('roles:read') && !p.permissions.has('roles:assign')) access(p, 'roles:read');
    return this.db.scoped(dbScopeOf(p), (tx) => repo.listRoles(tx));
  }

  async createRole(
    p: Principal,
    input: { code: string; name: string; description: string; permissions: string[] },
  ): Promise<CountedRoleRow> {
    access(p, 'roles:write');
    this.checkRolePermissions(p, input.permissions);
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      if (await repo.findRoleByCode(tx, input.code)) throw fieldError('code', '角色编码已存在');
      const id = await repo.insertRole(tx, { ...input, permissions: [...new Set(input.permissions)] });
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'role.create',
        outcome: 'success',
        objectType: 'role',
        objectId: id,
        detail: { code: input.code, permissions: input.permissions },
      });
      return (await repo.findRole(tx, id))!;
    });
  }

  async updateRole(
    p: Principal,
    id: string,
    patch: { name?: string; description?: string; permissions?: string[] },
  ): Promise<CountedRoleRow> {
    access(p, 'roles:write');
    if (patch.permissions) this.checkRolePermissions(p, patch.permissions);
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const role = await repo.findRole(tx, id);
      if (!role) throw notFound('角色不存在');
      if (role.adminRole) throw forbidden('三员内置角色不可修改');
      await repo.updateRole(tx, id, { ...patch, permissions: patch.permissions && [...new Set(patch.permissions)] });
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'role.update',
        outcome: 'success',
        objectType: 'role',
        objectId: id,
        detail: { code: role.code, ...(patch.permissions ? { permissions: patch.permissions } : {}) },
      });
      return (await repo.findRole(tx, id))!;
    });
  }

  async deleteRole(p: Principal, id: string): Promise<void> {
    access(p, 'roles:write');
    await this.db.scoped(dbScopeOf(p), async (tx) => {
      const role = await repo.findRole(tx, id);
      if (!role) throw notFound('角色不存在');
      if (role.builtin) throw forbidden('内置角色不可删除');
      if ((role.userCount ?? 0) > 0) throw conflict(`仍有 ${role.userCount} 个用户持有该角色，请先收回后再删除`);
      await repo.deleteRole(tx, id);
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'role.delete',
        outcome: 'success',
        objectType: 'role',
        objectId: id,
        detail: { code: role.code },
      });
    });
  }

  private checkRolePermissions(p: Principal, permissions: string[]): void {
    const unknown = permissions.filter((c) => !permissionDef(c));
    if (unknown.length) throw fieldError('permissions', `未知的权限：${unknown.join('、')}`);
    const admin = permissions.filter((c) => permissionDef(c)?.admin);
    if (admin.length) throw fieldError('permissions', `三员管理权限不能放入自定义角色：${admin.join('、')}`);
    const ceiling = grantCeiling(p);
    const above = permissions.filter((c) => !ceiling.has(c));
    if (above.length) throw forbidden(`不能授予超出本人权限范围的权限：${above.join('、')}`);
  }

  async listTokens(p: Principal, userId: string): Promise<TokenRow[]> {
    access(p, 'tokens:write');
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      await this.visibleUser(tx, p, userId);
      return repo.tokensOfUser(tx, userId);
    });
  }

  /** Creates an API token for another department's system; the clear token is returned once. */
  async createToken(
    p: Principal | null,
    userId: string,
    name: string,
    days: number,
    hash: (t: string) => string,
  ): Promise<TokenRow & { token: string }> {
    if (p) access(p, 'tokens:write');
    if (!Number.isInteger(days) || days < 1 || days > 366) throw fieldError('days', '有效期应为 1 到 366 天');
    const token = `mwsp_${randomBytes(32).toString('base64url')}`;
    const now = this.now();
    const scope = p ? dbScopeOf(p) : { region: '*' };
    return this.db.scoped(scope, async (tx) => {
      const target = p ? await this.visibleUser(tx, p, userId) : await repo.findUserById(tx, userId);
      if (!target) throw notFound('用户不存在');
      if ((await repo.rolesOfUser(tx, userId)).some((r) => r.adminRole))
        throw forbidden('三员账号不能使用接口令牌，必须交互登录并使用双因素认证');
      const row = await repo.insertToken(tx, {
        userId,
        name,
        hash: hash(token),
        createdBy: p?.userId ?? null,
        expiresAt: new Date(now.getTime() + days * 86400_000),
        now,
      });
      await this.audit.append(tx, p ? actorOf(p, p.ip) : { username: 'mwsp-cli' }, {
        action: 'token.create',
        outcome: 'success',
        objectType: 'api_token',
        objectId: row.id,
        detail: { user: target.username, name, days },
      });
      return { ...row, token };
    });
  }

  async revokeToken(p: Principal, tokenId: string): Promise<void> {
    access(p, 'tokens:write');
    await this.db.scoped(dbScopeOf(p), async (tx) => {
      const t = await repo.findToken(tx, tokenId);
      if (!t) throw notFound('令牌不存在');
      await this.visibleUser(tx, p, t.userId);
      await repo.revokeToken(tx, tokenId, this.now());
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'token.revoke',
        outcome: 'success',
        objectType: 'api_token',
        objectId: tokenId,
      });
    });
  }

  /**
   * Who can take on a piece of work: active users holding `permission` at the given region or above it
   * (down to `county`), within the caller's own scope. For modules' assignment pickers: the caller needs the
   * module's permission, not users:read, and sees names only.
   */
  /**
   * Active users holding `permission` at `regionCode` or above; with `record` (its owner and department),
   * only those whose data scope covers it (a 本人 user owns it, a 本部门 user is of its department).
   */
  async assignableUsers(
    p: Principal,
    permission: string,
    regionCode: string,
    q?: string,
    userId?: string,
    record?: { ownerId: string | null; departmentId: string | null },
  ) {
    const prefixes = [2, 4, 6, 9, 12]
      .map((n) => regionCode.slice(0, n))
      .filter((c, i, a) => c.length > 0 && a.indexOf(c) === i && c.length <= regionCode.length);
    return this.db.scoped(dbScopeOf(p), (tx) =>
      repo.usersWithPermission(tx, { permission, regionPrefixes: prefixes, q, userId, limit: 50, record }),
    );
  }

  async countUsersByStatus(p: Principal) {
    access(p, 'users:read');
    return this.db.scoped(dbScopeOf(p), (tx) => repo.countUsersByStatus(tx));
  }

  /** A user row the caller may see: RLS hides other regions; the access check covers data scope. */
  private async visibleUser(tx: Executor, p: Principal, id: string): Promise<UserRow> {
    return requireInScope(p, await repo.findUserById(tx, id), '用户不存在', userResource);
  }

  private encryptPhone(phone: string | null | undefined): { enc: string | null; bidx: string | null } {
    if (!phone) return { enc: null, bidx: null };
    const parsed = parseMobile(phone);
    if (!parsed.ok) throw fieldError('phone', parsed.message);
    return {
      enc: this.cipher.encrypt(parsed.normalized, PHONE_CONTEXT),
      bidx: this.cipher.blindIndex(parsed.normalized, PHONE_CONTEXT),
    };
  }
}

/**
 * What an editor may grant: its own business permissions, and — for holders of roles:assign or
 * roles:write (the security administrator, who by 三员分立 uses no business data itself) — the whole
 * business catalogue. Administrative permissions are never grantable.
 */
export function grantCeiling(p: Principal): Set<string> {
  const business = allPermissions()
    .filter((d) => !d.admin)
    .map((d) => d.code);
  if (p.permissions.has('roles:assign') || p.permissions.has('roles:write')) return new Set(business);
  return new Set(business.filter((c) => p.permissions.has(c)));
}

/**
 * The one writer of a user's roles: replaces the user's complete role set and data scope in the caller's
 * transaction. 三员分立: an administrator role (系统管理员、安全管理员、审计管理员) is held alone, never
 * with a second role of any kind. The user's row is locked first, so two assignments for the same user
 * run one after the other and each leaves a whole, checked set (the API refuses the 三员 roles earlier:
 * they are assigned with the `mwsp` command only, through bootstrap's provisionUser).
 */
export async function setUserRoles(
  tx: Executor,
  userId: string,
  roles: RoleRow[],
  dataScope: DataScope,
): Promise<void> {
  if (!(await repo.lockUser(tx, userId))) throw notFound('用户不存在');
  const unique = [...new Map(roles.map((r) => [r.id, r])).values()];
  if (unique.some((r) => r.adminRole) && unique.length > 1)
    throw fieldError(
      'roleIds',
      `三员角色互斥：${unique.map((r) => r.name).join('、')}不能由同一用户兼任` +
        '（系统管理员、安全管理员、审计管理员不能相互兼任，也不能与其他角色兼任）',
    );
  await repo.replaceUserRoles(
    tx,
    userId,
    unique.map((r) => r.id),
    dataScope,
  );
}

function mapReferenceError(err: unknown): never {
  const code = pgErrorCode(err);
  if (code === '23503') {
    if (pgErrorMessage(err).includes('department')) throw fieldError('departmentId', '部门不存在');
    throw fieldError('regionCode', '行政区划不存在');
  }
  if (code === '42501') throw fieldError('regionCode', '行政区划超出您的管辖范围');
  throw err;
}

function passwordHistorySeed(id: string, hash: string, now: Date) {
  return repo.passwordHistorySeedSql(id, hash, now);
}
