import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  changePasswordBodySchema,
  loginBodySchema,
  loginResultSchema,
  noContent,
  sessionStateSchema,
  stageResultSchema,
  totpCodeBodySchema,
  totpEnrollBodySchema,
  totpEnrollmentSchema,
} from '@mwsp/domain';
import { SYSTEM_SCOPE, type Database } from '../../db/client.js';
import { findUserById } from '../accounts/accounts.repo.js';
import { permissionDef } from '../access/permissions.js';
import type { Principal } from '../access/principal.js';
import { SESSION_COOKIE } from '../http/guard.js';
import { unauthenticated } from '../http/errors.js';
import { AUTH_POLICY, requiresSecondFactor, type AuthService, type ResolvedSession } from './auth.service.js';
import { rolesOfUser } from '../accounts/accounts.repo.js';

const tags = ['登录与账户'];

function setSessionCookie(reply: FastifyReply, token: string, secure: boolean) {
  void reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure,
    maxAge: AUTH_POLICY.absoluteMs / 1000,
  });
}

export function authRoutes(
  app: FastifyInstance,
  auth: AuthService,
  db: Database,
  opts: { secureCookies: boolean; loginPerMinute: number },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  async function me(p: Principal) {
    return db.scoped(SYSTEM_SCOPE, async (tx) => {
      const u = (await findUserById(tx, p.userId))!;
      const roles = await rolesOfUser(tx, p.userId);
      const privileged = requiresSecondFactor(roles);
      const maxAge = privileged ? AUTH_POLICY.privilegedPasswordMaxAgeMs : AUTH_POLICY.passwordMaxAgeMs;
      return {
        id: u.id,
        username: u.username,
        displayName: u.displayName,
        department: u.departmentId ? { id: u.departmentId, code: u.departmentCode, name: u.departmentName } : null,
        regionCode: u.regionCode,
        regionName: u.regionName,
        dataScope: u.dataScope,
        roles: roles.map((x) => ({ code: x.code, name: x.name })),
        permissions: [...p.permissions].sort(),
        // The catalogue's Chinese name of each permission held (the catalogue itself needs roles:read).
        permissionNames: Object.fromEntries(
          [...p.permissions].sort().map((code) => [code, permissionDef(code)?.name ?? code]),
        ),
        totpEnabled: u.totpEnabled,
        totpRequired: privileged,
        mustChangePassword: u.mustChangePassword,
        passwordExpiresAt: new Date(u.passwordChangedAt.getTime() + maxAge).toISOString(),
      };
    });
  }

  function session(req: { authSession: ResolvedSession | null }): ResolvedSession {
    if (!req.authSession) throw unauthenticated('此操作需要登录会话');
    return req.authSession;
  }

  r.post(
    '/api/auth/login',
    {
      config: { permission: 'public', rateLimit: { max: opts.loginPerMinute, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: '用户名密码登录（第一步）',
        body: loginBodySchema,
        response: { 200: loginResultSchema },
      },
    },
    async (req, reply) => {
      const result = await auth.login(req.body.username, req.body.password, {
        ip: req.ip,
        userAgent: req.headers['user-agent'] ?? '',
      });
      setSessionCookie(reply, result.token, opts.secureCookies);
      return { stage: result.stage, user: result.stage === 'done' ? await me(result.principal) : null };
    },
  );

  r.get(
    '/api/auth/me',
    {
      config: { permission: 'session' },
      schema: { tags, summary: '当前用户与登录阶段', response: { 200: sessionStateSchema } },
    },
    async (req) => {
      const s = session(req);
      return { stage: s.session.stage, user: await me(s.principal), idleTimeoutSeconds: auth.idleSeconds(s.session) };
    },
  );

  r.post(
    '/api/auth/password',
    {
      config: { permission: 'session' },
      schema: {
        tags,
        summary: '修改本人密码（含首次登录强制修改）',
        body: changePasswordBodySchema,
        response: { 200: stageResultSchema },
      },
    },
    async (req) => ({ stage: await auth.changePassword(session(req), req.body.oldPassword, req.body.newPassword) }),
  );

  r.post(
    '/api/auth/totp/enroll',
    {
      config: { permission: 'session' },
      schema: {
        tags,
        summary:
          '生成动态口令密钥（绑定身份验证器）；未确认的密钥再次请求时原样返回（pending=true），regenerate=true 时重新生成',
        body: totpEnrollBodySchema,
        response: { 200: totpEnrollmentSchema },
      },
    },
    async (req) => auth.startTotpEnrollment(session(req), { regenerate: req.body?.regenerate ?? false }),
  );

  r.post(
    '/api/auth/totp/confirm',
    {
      config: { permission: 'session' },
      schema: {
        tags,
        summary: '确认绑定动态口令',
        body: totpCodeBodySchema,
        response: { 200: stageResultSchema },
      },
    },
    async (req) => ({ stage: await auth.confirmTotpEnrollment(session(req), req.body.code) }),
  );
  r.post(
    '/api/auth/totp/verify',
    {
      config: { permission: 'session', rateLimit: { max: opts.loginPerMinute, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: '输入动态口令（登录第二步）',
        body: totpCodeBodySchema,
        response: { 200: stageResultSchema },
      },
    },
    async (req) => ({ stage: await auth.verifyTotp(session(req), req.body.code) }),
  );

  r.post(
    '/api/auth/logout',
    { config: { permission: 'session' }, schema: { tags, summary: '退出登录', response: { 204: noContent } } },
    async (req, reply) => {
      await auth.logout(session(req));
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );
}
