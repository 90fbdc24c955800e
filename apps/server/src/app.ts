import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import { maskUrlForLog } from '@mwsp/domain';
import cookie from '@fastify/cookie';
import helmet from 'helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransformObject, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { accountsRoutes } from './platform/accounts/accounts.routes.js';
import { PLATFORM_PERMISSIONS, registerPermissions } from './platform/access/permissions.js';
import { auditRoutes, startAnchorCheckpoints } from './platform/audit/audit.routes.js';
import { authRoutes } from './platform/auth/auth.routes.js';
import { casesRoutes } from './platform/cases/cases.routes.js';
import { calendarRoutes } from './platform/calendar/calendar.routes.js';
import { HttpError } from './platform/http/errors.js';
import { importsRoutes } from './platform/imports/imports.routes.js';
import { installGuard } from './platform/http/guard.js';
import { declareProblemResponses, installProblemHandler, problemBody } from './platform/http/problem.js';
import { contractSerializer } from './platform/http/serializer.js';
import { openApiTransform } from './platform/http/openapi.js';
import {
  clientErrorHandler,
  frameworkErrors,
  installDeadline,
  installInputGuard,
  SERVER_TIMEOUTS,
  staticHeaders,
} from './platform/http/hardening.js';
import { registerImportKind } from './platform/imports/kinds.js';
import { installMetrics } from './platform/ops/metrics.js';
import { systemRoutes, VERSION } from './platform/ops/system.routes.js';
import { ORG_PERMISSIONS } from './platform/org/org.permissions.js';
import { orgRoutes } from './platform/org/org.routes.js';
import { createPlatform, platformConfig, type Platform, type PlatformDeps } from './platform/platform.js';
import { isDemo } from './bootstrap.js';
import { MODULES, type ModuleServices } from './modules/index.js';

z.config(z.locales.zhCN());

export interface AppDeps extends PlatformDeps {
  logLevel?: string;
  /** Log destination (default stdout). */
  logStream?: NodeJS.WritableStream;
  /** Requests per minute per client on the API (sign-in has its own, stricter limit). */
  rateLimitPerMinute?: number;
  /** Sign-in attempts per minute per client (default 10). */
  loginRateLimitPerMinute?: number;
  trustProxy?: boolean;
  secureCookies?: boolean;
  /** Built console to serve; omitted = apps/web/dist when present. */
  webDist?: string | null;
  /** Default per-request deadline in ms before the server answers 503 itself (default 60 s). */
  requestDeadlineMs?: number;
  /** Minutes between audit chain anchors written to the log (0 = none, e.g. tests; default 10). */
  auditAnchorMinutes?: number;
  /**
   * Refuse answers carrying fields their response contract does not declare (tests; default MWSP_STRICT_CONTRACTS=1).
   */
  strictContracts?: boolean;
}

/** The platform and every module's services (`services.registry`, `services.engine`, …). */
export type Services = Platform & ModuleServices;

const DEFAULT_WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

/** Pino redaction: credentials and session material never reach a log line. */
const REDACT = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  '*.password',
  '*.oldPassword',
  '*.newPassword',
  '*.token',
  '*.secret',
];

/** The request as a log line shows it: query values carrying personal data (ID number, phone, names) masked. */
function logRequest(req: {
  method: string;
  url: string;
  hostname?: string;
  ip?: string;
  socket?: { remotePort?: number };
}) {
  return {
    method: req.method,
    url: maskUrlForLog(req.url),
    hostname: req.hostname,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}

function markPublic(scope: FastifyInstance): void {
  scope.addHook('onRoute', (route) => {
    route.config = { ...(route.config ?? {}), permission: 'public' } as typeof route.config;
  });
}

export function createServices(deps: AppDeps): Services {
  registerPermissions(PLATFORM_PERMISSIONS);
  registerPermissions(ORG_PERMISSIONS);
  let services = createPlatform(deps) as Services;
  for (const m of MODULES) {
    registerPermissions([...m.permissions]);
    services = { ...services, ...m.createServices(services) };
  }
  for (const m of MODULES) for (const kind of m.importKinds?.(services, services) ?? []) registerImportKind(kind);
  return services;
}

/** Platform plugins first, then every module's routes. */
export interface RouteRecord {
  method: string | string[];
  url: string;
  config?: { permission?: string };
}

export async function buildApp(
  deps: AppDeps,
  services = createServices(deps),
): Promise<{ app: FastifyInstance; services: Services; routes: RouteRecord[] }> {
  const app = Fastify({
    logger:
      deps.logLevel === 'silent'
        ? false
        : {
            level: deps.logLevel ?? 'info',
            redact: { paths: REDACT, censor: '[已隐藏]' },
            serializers: { req: logRequest },
            ...(deps.logStream ? { stream: deps.logStream } : {}),
          },
    trustProxy: deps.trustProxy ?? false,
    bodyLimit: 1024 * 1024,
    requestIdHeader: 'x-request-id',
    // No request may hang the server: socket-level limits here, the per-request deadline below.
    ...SERVER_TIMEOUTS,
    clientErrorHandler,
    frameworkErrors,
  });
  installDeadline(app, deps.requestDeadlineMs);
  // Every route, kept for the inventory test that fails on a route without a declared permission.
  const routes: RouteRecord[] = [];
  app.addHook('onRoute', (route) => {
    routes.push(route as RouteRecord);
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(
    contractSerializer({ strict: deps.strictContracts ?? process.env.MWSP_STRICT_CONTRACTS === '1' }),
  );
  installProblemHandler(app);
  declareProblemResponses(app);

  await app.register(cookie);
  // The security headers (helmet's middleware), configured once: @fastify/helmet built the middleware again on every
  // request (parsing the CSP directives each time: ~1 % of a request's CPU under the api benchmark).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        frameAncestors: ["'none'"],
      },
    },
    hsts: deps.secureCookies ? undefined : false,
  });
  // helmet's headers are the same on every answer (no per-request CSP nonce): taken from its middleware once and set
  // on the reply as one constant object (11 `res.setHeader` calls through 12 middleware closures per request before;
  // ~3 % of the audited read's CPU, docs/REQUEST-PATH.md "Fifth step"). Set on the reply, a route's own header (a
  // document's stricter CSP) still replaces helmet's, as it did.
  const headers = staticHeaders(securityHeaders);
  app.addHook('onRequest', (_req, reply, done) => {
    void reply.headers(headers);
    done();
  });
  await app.register(rateLimit, {
    global: true,
    max: deps.rateLimitPerMinute ?? 600,
    timeWindow: '1 minute',
    keyGenerator: (req) => req.ip,
    // The limit's headers only on the refusal (429 with retry-after): no client of ours reads them on an answer,
    // and three more headers on every answer cost the server and each client their writing and parsing.
    addHeadersOnExceeding: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false },
    errorResponseBuilder: (_req, ctx) =>
      new HttpError(429, 'TOO_MANY_REQUESTS', `请求过于频繁，请 ${Math.ceil(ctx.ttl / 1000)} 秒后再试`, undefined, {
        'retry-after': String(Math.ceil(ctx.ttl / 1000)),
      }),
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: '农民工服务管理平台 API',
        version: VERSION,
        description:
          '各部门系统对接的接口契约。认证：会话 Cookie 或 Authorization: Bearer <接口令牌>。错误统一为 RFC 9457 application/problem+json。',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'mwsp_sid' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: openApiTransform,
    transformObject: jsonSchemaTransformObject, // schemas with .meta({ id }) become components
  });
  // Plugin-registered routes of the docs and the console's files are public, and say so explicitly.
  await app.register(async (child) => {
    markPublic(child);
    await child.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });
  });

  installGuard(app, services.auth, services.audit);
  installInputGuard(app);
  installMetrics(app);

  // Personal data must not be cached by browsers or proxies.
  app.addHook('onSend', (req, reply, payload, done) => {
    if (req.url.startsWith('/api/')) void reply.header('cache-control', 'no-store');
    done(null, payload);
  });

  app.get('/api/openapi.json', { config: { permission: 'public' }, schema: { hide: true } }, async () => app.swagger());
  systemRoutes(app, {
    db: deps.db,
    org: services.org,
    accounts: services.accounts,
    mode: deps.mode,
    cityCode: deps.cityCode,
    isDemo: () => isDemo(services.settings),
  });
  authRoutes(app, services.auth, deps.db, {
    secureCookies: deps.secureCookies ?? false,
    loginPerMinute: deps.loginRateLimitPerMinute ?? 10,
  });
  accountsRoutes(app, services.accounts, (t) => services.auth.hashApiToken(t));
  auditRoutes(app, services.audit);
  // The chain head leaves the database regularly (and at shutdown): a pino line per checkpoint.
  const logAnchor = (anchor: unknown, err?: unknown) =>
    err
      ? app.log.error({ err }, 'audit chain anchor failed')
      : app.log.info({ auditAnchor: anchor }, 'audit chain anchor');
  let stopAnchors = () => {};
  app.addHook('onReady', async () => {
    stopAnchors = startAnchorCheckpoints(services.audit, deps.auditAnchorMinutes ?? 10, logAnchor);
  });
  app.addHook('onClose', async () => {
    stopAnchors();
    if (deps.auditAnchorMinutes)
      await services.audit.anchor().then(
        (a) => logAnchor(a),
        (err: unknown) => logAnchor(null, err),
      );
  });
  calendarRoutes(app, services.calendar);
  casesRoutes(app, services.cases);
  // The background re-projection of the statutory clocks: resume a job a crash interrupted, stop at shutdown.
  services.cases.reprojection.log = (msg, err) => app.log.error({ err }, msg);
  app.addHook('onReady', async () => {
    void services.cases.reprojection.kick(); // never rejects: a failure is logged, the job stays queued
  });
  app.addHook('onClose', async () => services.cases.reprojection.stop());
  orgRoutes(app, services.org);
  await importsRoutes(app, services.imports);
  services.imports.log = (msg, err) => app.log.error({ err }, msg);
  app.addHook('onReady', async () => {
    await services.imports
      .resumeInterrupted()
      .catch((err: unknown) => app.log.error({ err }, 'resuming interrupted imports failed'));
  });
  app.addHook('onClose', async () => services.imports.close());
  // The deployment facts of this app (buildApp's deps), every module's routes, listeners and jobs.
  const platform: Services = { ...services, config: platformConfig(deps) };
  for (const m of MODULES) await m.register(app, platform, platform);

  const webDist = deps.webDist === undefined ? DEFAULT_WEB_DIST : deps.webDist;
  const hasConsole = !!webDist && fs.existsSync(path.join(webDist, 'index.html'));
  const indexHtml = hasConsole ? fs.readFileSync(path.join(webDist!, 'index.html')) : null;
  if (hasConsole) {
    await app.register(async (child) => {
      markPublic(child);
      await child.register(fastifyStatic, { root: webDist!, wildcard: false, index: false, maxAge: '1h' });
    });
  }
  app.setNotFoundHandler((req, reply) => {
    if (indexHtml && req.method === 'GET' && !req.url.startsWith('/api/') && req.url !== '/metrics') {
      // client-side routes of the console
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(indexHtml);
    }
    return reply
      .status(404)
      .type('application/problem+json; charset=utf-8')
      .send(problemBody(404, 'NOT_FOUND', '接口不存在'));
  });
  return { app, services, routes };
}
