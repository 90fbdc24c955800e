import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RouteAccess } from '../access/permissions.js';
import type { Principal } from '../access/principal.js';
import { actorOf, type AuditLog } from '../audit/audit.js';
import type { AuthService, ResolvedSession } from '../auth/auth.service.js';
import { forbidden, HttpError, stageRequired, unauthenticated } from './errors.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Every route must declare this; a test walks all routes and fails on one without. */
    permission?: RouteAccess;
  }
  interface FastifyRequest {
    principal: Principal | null;
    authSession: ResolvedSession | null;
  }
}

export const SESSION_COOKIE = 'mwsp_sid';

const STAGE_MESSAGES: Record<string, string> = {
  password_change: '请先修改初始密码',
  totp_enroll: '请先绑定动态口令（双因素认证）',
  totp: '请先输入动态口令完成登录',
};

export function routesWithoutPermission(
  routes: { method: string | string[]; url: string; config?: { permission?: unknown } }[],
): string[] {
  return routes.filter((r) => !r.config?.permission).map((r) => `${r.method} ${r.url}`);
}

/** Authentication and the permission check every request passes before its handler. */
export function installGuard(app: FastifyInstance, auth: AuthService, audit: AuditLog): void {
  app.decorateRequest('principal', null);
  app.decorateRequest('authSession', null);

  app.addHook('onRequest', async (req: FastifyRequest) => {
    const permission = req.routeOptions.config?.permission;
    if (!req.routeOptions.url) return; // not-found handler
    if (!permission) throw forbidden('该接口未声明权限，拒绝访问');
    if (permission === 'public') return;

    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (bearer) {
      req.principal = await auth.resolveApiToken(bearer, req.ip, `${req.method} ${req.routeOptions.url}`);
    } else {
      const cookie = req.cookies?.[SESSION_COOKIE];
      if (!cookie) throw unauthenticated();
      req.authSession = await auth.resolveSession(cookie, req.ip);
      req.principal = req.authSession.principal;
      if (permission === 'session') return;
      const stage = req.authSession.session.stage;
      if (stage !== 'done') throw stageRequired(STAGE_MESSAGES[stage] ?? '请先完成登录');
    }
    if (permission === 'session' || permission === 'authenticated') return;
    if (!req.principal.permissions.has(permission)) throw forbidden();
  });

  // Denied access and out-of-scope lookups are audited wherever they were decided (guard or service).
  app.addHook('onError', async (req, _reply, err) => {
    if (!(err instanceof HttpError) || !req.principal) return;
    if (err.code !== 'FORBIDDEN' && err.code !== 'NOT_FOUND') return;
    await audit
      .record(actorOf(req.principal, req.ip), {
        action: err.code === 'FORBIDDEN' ? 'access.denied' : 'access.not_found',
        outcome: 'denied',
        detail: { route: `${req.method} ${req.routeOptions.url}`, reason: err.detail.slice(0, 120) },
      })
      .catch((e: Error) => req.log.error({ err: e.message }, 'audit of a denied request failed'));
  });
}
