import { checkPasswordPolicy } from '@mwsp/domain';
import { SYSTEM_SCOPE, type Database, type Executor } from '../../db/client.js';
import * as accounts from '../accounts/accounts.repo.js';
import type { UserRow, RoleRow } from '../accounts/accounts.repo.js';
import { permissionDef } from '../access/permissions.js';
import { PRINCIPAL_TOPIC, type Principal } from '../access/principal.js';
import { actorOf, type AuditActor, type AuditLog } from '../audit/audit.js';
import { hmacSm3, randomBytes, type FieldCipher, type KeyRing } from '../crypto/index.js';
import { badRequest, fieldError, HttpError, locked, stageRequired, unauthenticated } from '../http/errors.js';
import { hashPassword, verifyAgainstDummy, verifyPassword } from '../crypto/passwords.js';
import { SessionCache } from './session-cache.js';
import * as sessions from './sessions.repo.js';
import type { SessionPrincipalRow, SessionRow, Stage } from './sessions.repo.js';
import { checkTotp, newTotpSecret, otpauthUrl } from './totp.js';

/** Sign-in policy (等保 2.0 level 3, see shared/reference/security.md §1.2). */
export const AUTH_POLICY = {
  maxFailures: 5,
  failureWindowMs: 15 * 60_000,
  lockMs: 30 * 60_000,
  idleMs: 30 * 60_000,
  adminIdleMs: 15 * 60_000,
  absoluteMs: 12 * 3600_000,
  privilegedPasswordMaxAgeMs: 90 * 86400_000,
  passwordMaxAgeMs: 180 * 86400_000,
  lastSeenWriteMs: 30_000, // last_seen is written at most this often
};

export interface ClientInfo {
  ip: string;
  userAgent: string;
}

export interface ResolvedSession {
  session: SessionRow;
  principal: Principal;
}

export function buildPrincipal(user: UserRow, roles: RoleRow[], via: Principal['via'], ip: string): Principal {
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    departmentId: user.departmentId,
    departmentName: user.departmentName,
    regionCode: user.regionCode,
    dataScope: user.dataScope,
    roles: roles.map((r) => ({ id: r.id, code: r.code, name: r.name, adminRole: r.adminRole })),
    permissions: new Set(roles.flatMap((r) => r.permissions)),
    via,
    ip,
  };
}

/** 三员 hold an admin role; anyone who may see or export personal data in clear is privileged too. */
export function isAdmin(roles: RoleRow[]): boolean {
  return roles.some((r) => r.adminRole);
}
export function requiresSecondFactor(roles: RoleRow[]): boolean {
  return isAdmin(roles) || roles.some((r) => r.permissions.some((p) => permissionDef(p)?.sensitive));
}

/** A cached session: its row as read, and the principal and session built from it once (not per request). */
interface CachedSession {
  row: SessionPrincipalRow;
  principal: Omit<Principal, 'ip'>;
  session: SessionRow;
}

export class AuthService {
  private readonly sessionKey: Buffer;
  private readonly tokenKey: Buffer;
  /** Resolved sessions by cookie token, for at most SESSION_CACHE_TTL_MS (session-cache.ts). */
  private readonly sessionCache: SessionCache<CachedSession>;

  constructor(
    private readonly db: Database,
    keys: KeyRing,
    private readonly cipher: FieldCipher,
    private readonly audit: AuditLog,
    private readonly now: () => Date,
  ) {
    this.sessionKey = keys.subkey('session-id', 32, keys.oldestId);
    this.tokenKey = keys.subkey('api-token', 32, keys.oldestId);
    this.sessionCache = new SessionCache(() => this.now().getTime());
    // Heard right after the COMMIT of anything that changes a session, an account, a role or a department.
    db.onChange(PRINCIPAL_TOPIC, (keys) => this.sessionCache.invalidate(keys));
  }

  /** Signs a user out everywhere (disabled, password reset, rights changed): accounts call it through their port. */
  async endSessionsOf(tx: Executor, userId: string): Promise<void> {
    await sessions.deleteSessionsOfUser(tx, userId);
  }

  hashSessionToken(token: string): string {
    return hmacSm3(this.sessionKey, token).toString('hex');
  }

  hashApiToken(token: string): string {
    return hmacSm3(this.tokenKey, token).toString('hex');
  }

  /** Password step of sign-in. One generic message for unknown users and wrong passwords. */
  async login(
    username: string,
    password: string,
    client: ClientInfo,
  ): Promise<{ token: string; stage: Stage; principal: Principal }> {
    const now = this.now();
    const user = await this.db.scoped(SYSTEM_SCOPE, (tx) => accounts.findUserByUsername(tx, username));
    const failActor: AuditActor = { username: username.slice(0, 64), ip: client.ip };
    if (!user || user.status !== 'active') {
      await verifyAgainstDummy(password);
      await this.audit.record(user ? { ...failActor, userId: user.id } : failActor, {
        action: 'auth.login',
        outcome: 'failure',
        detail: { reason: user ? 'disabled' : 'unknown_user' },
      });
      throw unauthenticatedLogin();
    }
    const actor: AuditActor = {
      userId: user.id,
      username: user.username,
      department: user.departmentName,
      regionCode: user.regionCode,
      ip: client.ip,
    };
    if (user.lockedUntil && user.lockedUntil > now) {
      await this.audit.record(actor, { action: 'auth.login', outcome: 'denied', detail: { reason: 'locked' } });
      throw lockedError(user.lockedUntil, now);
    }
    if (!(await verifyPassword(password, user.passwordHash))) {
      await this.db.scoped(SYSTEM_SCOPE, (tx) =>
        this.countFailure(tx, user, actor, now, 'auth.login', { reason: 'bad_password' }),
      );
      throw unauthenticatedLogin();
    }
    return this.db.scoped(SYSTEM_SCOPE, async (tx) => {
      const roles = await accounts.rolesOfUser(tx, user.id);
      const stage = this.firstStage(user, roles, now);
      const token = randomBytes(32).toString('base64url');
      await accounts.recordLoginSuccess(tx, user.id, now);
      await sessions.insertSession(tx, {
        id: this.hashSessionToken(token),
        userId: user.id,
        stage,
        privileged: isAdmin(roles),
        pendingTotpEnc: null,
        createdAt: now,
        lastSeenAt: now,
        ip: client.ip,
        userAgent: client.userAgent,
      });
      await this.audit.append(tx, actor, {
        action: 'auth.login',
        outcome: 'success',
        detail: { stage, admin: isAdmin(roles) },
      });
      return { token, stage, principal: buildPrincipal(user, roles, 'session', client.ip) };
    });
  }

  private firstStage(user: UserRow, roles: RoleRow[], now: Date): Stage {
    const maxAge = requiresSecondFactor(roles) ? AUTH_POLICY.privilegedPasswordMaxAgeMs : AUTH_POLICY.passwordMaxAgeMs;
    if (user.mustChangePassword || now.getTime() - user.passwordChangedAt.getTime() > maxAge) return 'password_change';
    return this.secondFactorStage(user, roles);
  }

  private secondFactorStage(user: UserRow, roles: RoleRow[]): Stage {
    if (user.totpEnabled) return 'totp';
    return requiresSecondFactor(roles) ? 'totp_enroll' : 'done';
  }

  /**
   * Resolves a session cookie; enforces idle (30 min, 15 for 三员) and absolute (12 h) limits. A session resolved
   * less than SESSION_CACHE_TTL_MS ago is taken from the in-process cache (no round trip, no HMAC) when it passes
   * every check on the cached row and needs no last-seen write; anything else — a refusal above all — is decided
   * on a freshly read row.
   */
  async resolveSession(token: string, ip: string): Promise<ResolvedSession> {
    const now = this.now();
    const hit = this.sessionCache.get(token);
    if (hit) {
      const c = hit.value;
      if (this.usable(c.row, now) && now.getTime() - c.row.lastSeenAt.getTime() <= AUTH_POLICY.lastSeenWriteMs)
        return { session: c.session, principal: { ...c.principal, ip } };
      this.sessionCache.delete(token);
    }
    const generation = this.sessionCache.generation();
    const id = hit?.sessionId ?? this.hashSessionToken(token);
    const row = await sessions.findSessionPrincipal(this.db, id);
    if (!row) throw unauthenticated();
    if (!this.usable(row, now)) {
      const expired = this.expired(row, now);
      await this.db.scoped(SYSTEM_SCOPE, async (tx) => {
        await sessions.deleteSession(tx, id);
        await this.audit.append(
          tx,
          { userId: row.userId, username: row.username, ip },
          {
            action: 'auth.session_expired',
            outcome: 'denied',
            detail: { reason: expired ? 'timeout' : 'account_unavailable' },
          },
        );
      });
      throw unauthenticated(expired ? '会话已超时，请重新登录' : undefined);
    }
    const cached: CachedSession = {
      row,
      principal: {
        userId: row.userId,
        username: row.username,
        displayName: row.displayName,
        departmentId: row.departmentId,
        departmentName: row.departmentName,
        regionCode: row.regionCode,
        dataScope: row.dataScope,
        roles: row.roles.map((r) => ({ id: r.id, code: r.code, name: r.name, adminRole: r.adminRole })),
        permissions: new Set(row.roles.flatMap((r) => r.permissions)),
        via: 'session',
        sessionId: id,
      },
      session: {
        id,
        userId: row.userId,
        stage: row.stage,
        privileged: row.privileged,
        pendingTotpEnc: row.pendingTotpEnc,
        createdAt: row.sessionCreatedAt,
        lastSeenAt: row.lastSeenAt,
      },
    };
    const answer: ResolvedSession = { session: cached.session, principal: { ...cached.principal, ip } };
    if (now.getTime() - row.lastSeenAt.getTime() > AUTH_POLICY.lastSeenWriteMs) {
      await this.db.scoped(SYSTEM_SCOPE, (tx) => sessions.updateSession(tx, id, { lastSeenAt: now }));
      // the cache keeps the last-seen time just written (that write changes nothing else, and announces nothing)
      cached.row = { ...row, lastSeenAt: now };
      cached.session = { ...cached.session, lastSeenAt: now };
    }
    this.sessionCache.set(token, generation, {
      value: cached,
      sessionId: id,
      userId: row.userId,
      readAt: now.getTime(),
    });
    return answer;
  }

  private expired(row: SessionPrincipalRow, now: Date): boolean {
    const idle = row.privileged ? AUTH_POLICY.adminIdleMs : AUTH_POLICY.idleMs;
    return (
      now.getTime() - row.lastSeenAt.getTime() > idle ||
      now.getTime() - row.sessionCreatedAt.getTime() > AUTH_POLICY.absoluteMs
    );
  }

  /** Neither timed out nor belonging to a disabled or locked account. */
  private usable(row: SessionPrincipalRow, now: Date): boolean {
    return !this.expired(row, now) && row.status === 'active' && !(row.lockedUntil && row.lockedUntil > now);
  }

  idleSeconds(s: SessionRow): number {
    return (s.privileged ? AUTH_POLICY.adminIdleMs : AUTH_POLICY.idleMs) / 1000;
  }

  async logout(r: ResolvedSession): Promise<void> {
    await this.db.scoped(SYSTEM_SCOPE, async (tx) => {
      await sessions.deleteSession(tx, r.session.id);
      await this.audit.append(tx, actorOf(r.principal, r.principal.ip), { action: 'auth.logout', outcome: 'success' });
    });
  }

  /** Changes one's own password (also the forced first-login change). Other sessions are ended. */
  async changePassword(r: ResolvedSession, oldPassword: string, newPassword: string): Promise<Stage> {
    const p = r.principal;
    const actor = actorOf(p, p.ip);
    const now = this.now();
    // A wrong old password is a failed authentication like a bad sign-in: counted towards the lock
    // and audited in this transaction (never with audit.record, whose own transaction would wait
    // forever for PGlite's only connection); the answer is thrown once the transaction has committed.
    const result = await this.db.scoped(
      SYSTEM_SCOPE,
      async (tx): Promise<{ stage: Stage } | { lockedUntil: Date | null }> => {
        const user = (await accounts.findUserById(tx, p.userId))!;
        if (!(await verifyPassword(oldPassword, user.passwordHash))) {
          const lockedUntil = await this.countFailure(tx, user, actor, now, 'auth.password_change', {
            reason: 'bad_old_password',
          });
          if (lockedUntil) await sessions.deleteSessionsOfUser(tx, user.id); // this session too
          return { lockedUntil };
        }
        await this.assertAcceptablePassword(tx, user, newPassword);
        await accounts.setPassword(tx, user.id, await hashPassword(newPassword), false, this.now());
        const roles = await accounts.rolesOfUser(tx, user.id);
        const stage: Stage =
          r.session.stage === 'password_change' ? this.secondFactorStage(user, roles) : r.session.stage;
        await sessions.updateSession(tx, r.session.id, { stage });
        await sessions.deleteSessionsOfUser(tx, user.id, r.session.id);
        await this.audit.append(tx, actor, { action: 'auth.password_change', outcome: 'success' });
        return { stage };
      },
    );
    if ('stage' in result) return result.stage;
    if (result.lockedUntil) throw lockedError(result.lockedUntil, now);
    throw fieldError('oldPassword', '原密码不正确');
  }

  /**
   * Counts a failed authentication (password at sign-in or at the password change, TOTP code): five
   * within the window lock the account. Audited in the caller's transaction; returns the lock's end
   * when this failure locked the account.
   */
  private async countFailure(
    tx: Executor,
    user: UserRow,
    actor: AuditActor,
    now: Date,
    action: string,
    detail: Record<string, string>,
  ): Promise<Date | null> {
    const inWindow = user.failedFirstAt && now.getTime() - user.failedFirstAt.getTime() < AUTH_POLICY.failureWindowMs;
    const count = inWindow ? user.failedCount + 1 : 1;
    const lockNow = count >= AUTH_POLICY.maxFailures;
    const until = lockNow ? new Date(now.getTime() + AUTH_POLICY.lockMs) : null;
    await accounts.recordLoginFailure(
      tx,
      user.id,
      lockNow ? 0 : count,
      lockNow ? null : inWindow ? user.failedFirstAt : now,
      until,
    );
    await this.audit.append(tx, actor, { action, outcome: 'failure', detail: { ...detail, failures: count } });
    if (until)
      await this.audit.append(tx, actor, {
        action: 'auth.lock',
        outcome: 'success',
        objectType: 'user',
        objectId: user.id,
        detail: { until: until.toISOString() },
      });
    return until;
  }

  async assertAcceptablePassword(tx: Executor, user: UserRow, password: string): Promise<void> {
    const problems = checkPasswordPolicy(password, { username: user.username });
    if (problems.length > 0)
      throw badRequest(
        problems[0],
        problems.map((message) => ({ path: 'newPassword', message })),
      );
    for (const old of [user.passwordHash, ...(await accounts.passwordHistory(tx, user.id))]) {
      if (await verifyPassword(password, old)) throw fieldError('newPassword', '新密码不能与最近 5 次使用过的密码相同');
    }
  }

  /**
   * Starts (re-)enrolment of the authenticator app: a new secret held on the session until confirmed.
   * A pending secret is shown again (a reload must not silently replace the secret the user may
   * already have scanned) unless a new one is asked for explicitly.
   */
  async startTotpEnrollment(
    r: ResolvedSession,
    opts: { regenerate?: boolean } = {},
  ): Promise<{ secret: string; otpauthUrl: string; pending: boolean }> {
    if (r.session.stage !== 'totp_enroll' && r.session.stage !== 'done') throw stageRequired('请先完成当前登录步骤');
    if (r.session.pendingTotpEnc && !opts.regenerate) {
      const pending = this.cipher.decrypt(r.session.pendingTotpEnc, 'sessions.pending_totp');
      return { secret: pending, otpauthUrl: otpauthUrl(pending, r.principal.username), pending: true };
    }
    const secret = newTotpSecret();
    await this.db.scoped(SYSTEM_SCOPE, (tx) =>
      sessions.updateSession(tx, r.session.id, {
        pendingTotpEnc: this.cipher.encrypt(secret, 'sessions.pending_totp'),
      }),
    );
    return { secret, otpauthUrl: otpauthUrl(secret, r.principal.username), pending: false };
  }

  async confirmTotpEnrollment(r: ResolvedSession, code: string): Promise<Stage> {
    const actor = actorOf(r.principal, r.principal.ip);
    if (!r.session.pendingTotpEnc) throw badRequest('请先获取新的动态口令密钥');
    const secret = this.cipher.decrypt(r.session.pendingTotpEnc, 'sessions.pending_totp');
    const step = checkTotp(secret, code, this.now());
    if (step === null) {
      await this.audit.record(actor, { action: 'auth.totp_enroll', outcome: 'failure' });
      throw fieldError('code', '动态口令不正确，请核对手机上的验证码和时间');
    }
    return this.db.scoped(SYSTEM_SCOPE, async (tx) => {
      await accounts.setTotp(tx, r.principal.userId, this.cipher.encrypt(secret, 'users.totp_secret'), true, step);
      await sessions.updateSession(tx, r.session.id, { stage: 'done', pendingTotpEnc: null });
      await this.audit.append(tx, actor, { action: 'auth.totp_enroll', outcome: 'success' });
      return 'done' as const;
    });
  }

  /** Second-factor step of sign-in. Failures count towards the account lock like bad passwords. */
  async verifyTotp(r: ResolvedSession, code: string): Promise<Stage> {
    if (r.session.stage !== 'totp') throw stageRequired('当前不需要动态口令');
    const actor = actorOf(r.principal, r.principal.ip);
    const now = this.now();
    return this.db
      .scoped(SYSTEM_SCOPE, async (tx) => {
        const user = (await accounts.findUserById(tx, r.principal.userId))!;
        const secret = user.totpSecretEnc ? this.cipher.decrypt(user.totpSecretEnc, 'users.totp_secret') : null;
        const step = secret ? checkTotp(secret, code, now) : null;
        if (step === null || !(await accounts.advanceTotpStep(tx, user.id, step))) {
          if (await this.countFailure(tx, user, actor, now, 'auth.totp', {}))
            await sessions.deleteSession(tx, r.session.id);
          return null;
        }
        await sessions.updateSession(tx, r.session.id, { stage: 'done' });
        await this.audit.append(tx, actor, { action: 'auth.totp', outcome: 'success' });
        return 'done' as const;
      })
      .then((stage) => {
        if (!stage) throw fieldError('code', '动态口令不正确或已使用');
        return stage;
      });
  }

  /** Bearer API token: carries exactly its user's permissions and scope; every use is audited. */
  async resolveApiToken(token: string, ip: string, route: string): Promise<Principal> {
    const now = this.now();
    return this.db
      .scoped(SYSTEM_SCOPE, async (tx) => {
        const t = await accounts.findTokenByHash(tx, this.hashApiToken(token));
        const user = t ? await accounts.findUserById(tx, t.userId) : undefined;
        const valid =
          t &&
          !t.revokedAt &&
          t.expiresAt > now &&
          user &&
          user.status === 'active' &&
          !(user.lockedUntil && user.lockedUntil > now);
        if (!valid) {
          await this.audit.append(
            tx,
            { userId: t?.userId ?? null, ip },
            {
              action: 'auth.token',
              outcome: 'denied',
              objectType: 'api_token',
              objectId: t?.id ?? null,
              detail: {
                route,
                reason: !t
                  ? 'unknown'
                  : t.revokedAt
                    ? 'revoked'
                    : t.expiresAt <= now
                      ? 'expired'
                      : 'account_unavailable',
              },
            },
          );
          return null;
        }
        const roles = await accounts.rolesOfUser(tx, user.id);
        const principal = buildPrincipal(user, roles, 'token', ip);
        principal.tokenId = t.id;
        await accounts.touchToken(tx, t.id, now);
        await this.audit.append(tx, actorOf(principal, ip), {
          action: 'auth.token',
          outcome: 'success',
          objectType: 'api_token',
          objectId: t.id,
          detail: { route },
        });
        return principal;
      })
      .then((p) => {
        if (!p) throw unauthenticated('接口令牌无效、已过期或已吊销');
        return p;
      });
  }
}

function unauthenticatedLogin(): HttpError {
  return new HttpError(401, 'BAD_CREDENTIALS', '用户名或密码错误');
}

function lockedError(until: Date, now: Date): HttpError {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  return locked(`账户因多次登录失败已被锁定，请 ${minutes} 分钟后重试，或联系安全管理员解锁`);
}
