import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import { maskUrlForLog } from '@mwsp/domain';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransformObject, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from './db/client.js';
import { accountsRoutes } from './platform/accounts/accounts.routes.js';
import { AccountsService } from './platform/accounts/accounts.service.js';
import { PLATFORM_PERMISSIONS, registerPermissions } from './platform/access/permissions.js';
import { AuditLog } from './platform/audit/audit.js';
import { auditRoutes, startAnchorCheckpoints } from './platform/audit/audit.routes.js';
import { authRoutes } from './platform/auth/auth.routes.js';
import { AuthService } from './platform/auth/auth.service.js';
import { calendarRoutes } from './platform/calendar/calendar.routes.js';
import { CalendarService } from './platform/calendar/calendar.service.js';
import { FieldCipher, type KeyRing } from './platform/crypto/index.js';
import { HttpError } from './platform/http/errors.js';
import { importsRoutes } from './platform/imports/imports.routes.js';
import { ImportsService } from './platform/imports/imports.service.js';
import { installGuard } from './platform/http/guard.js';
import { declareProblemResponses, installProblemHandler, problemBody } from './platform/http/problem.js';
import { SettingsService } from './platform/settings/settings.service.js';
import { contractSerializer } from './platform/http/serializer.js';
import { openApiTransform } from './platform/http/openapi.js';
import {
  clientErrorHandler,
  frameworkErrors,
  installDeadline,
  installInputGuard,
  SERVER_TIMEOUTS,
} from './platform/http/hardening.js';
import { installMetrics } from './platform/ops/metrics.js';
import { systemRoutes, VERSION } from './platform/ops/system.routes.js';
import { ORG_PERMISSIONS } from './platform/org/org.permissions.js';
import { orgRoutes } from './platform/org/org.routes.js';
import { OrgService } from './platform/org/org.service.js';
import { isDemo } from './bootstrap.js';
import { EventLog } from './platform/events/events.js';
import { CODE_SETS, codeTablesResponse, nameOf } from './modules/registry/codes.js';
import { exportWorkers } from './modules/registry/registry.export.js';
import { exportRoutes } from './modules/registry/export.routes.js';
import { REGISTRY_PERMISSIONS } from './modules/registry/registry.permissions.js';
import { registryRoutes } from './modules/registry/registry.routes.js';
import { RegistryService } from './modules/registry/registry.service.js';
import { employersImportKind, employmentsImportKind, workersImportKind } from './modules/registry/registry.imports.js';
import { registerImportKind } from './platform/imports/kinds.js';
import { ArrearsService } from './modules/wages/arrears.service.js';
import { LedgerService } from './modules/wages/ledger.service.js';
import { ProjectsService } from './modules/wages/projects.service.js';
import { WagesScheduler } from './modules/wages/wages.scheduler.js';
import { attendanceImportKind, bankPaymentsImportKind, payrollImportKind } from './modules/wages/wages.imports.js';
import { WAGES_PERMISSIONS } from './modules/wages/wages.permissions.js';
import { wagesRoutes } from './modules/wages/wages.routes.js';
import { WarningEngine } from './modules/wages/warnings.engine.js';
import { WarningsService } from './modules/wages/warnings.service.js';

z.config(z.locales.zhCN());

export interface AppDeps {
  db: Database;
  keys: KeyRing;
  cityCode: string;
  mode: 'demo' | 'production';
  now?: () => Date;
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
  /** MWSP_DATA_DIR: uploaded import files go to <dataDir>/imports; omitted = a temporary folder. */
  dataDir?: string | null;
  /** Public base URL of the console (QR codes on notice boards); omitted = the request's host. */
  publicUrl?: string | null;
  /** Minutes between incremental warning scans (0 = no scheduler, e.g. tests). */
  scanIntervalMinutes?: number;
  /** Default per-request deadline in ms before the server answers 503 itself (default 60 s). */
  requestDeadlineMs?: number;
  /** Minutes between audit chain anchors written to the log (0 = none, e.g. tests; default 10). */
  auditAnchorMinutes?: number;
  /**
   * Refuse answers carrying fields their response contract does not declare (tests; default MWSP_STRICT_CONTRACTS=1).
   */
  strictContracts?: boolean;
}

export interface Services {
  audit: AuditLog;
  settings: SettingsService;
  auth: AuthService;
  accounts: AccountsService;
  org: OrgService;
  calendar: CalendarService;
  cipher: FieldCipher;
  imports: ImportsService;
  events: EventLog;
  registry: RegistryService;
  projects: ProjectsService;
  ledger: LedgerService;
  warnings: WarningsService;
  arrears: ArrearsService;
  engine: WarningEngine;
}

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
  const now = deps.now ?? (() => new Date());
  registerPermissions(PLATFORM_PERMISSIONS);
  registerPermissions(ORG_PERMISSIONS);
  registerPermissions(REGISTRY_PERMISSIONS);
  const cipher = new FieldCipher(deps.keys);
  const audit = new AuditLog(deps.db, deps.keys, now);
  const events = new EventLog(deps.db, now);
  const registry = new RegistryService(deps.db, cipher, audit, events, CODE_SETS, now);
  const org = new OrgService(deps.db, audit, deps.cityCode);
  registerImportKind(workersImportKind(registry, org, now));
  registerImportKind(employersImportKind(registry));
  registerImportKind(employmentsImportKind(registry));
  registerPermissions(WAGES_PERMISSIONS);
  const calendar = new CalendarService(deps.db, audit);
  const workCalendar = () => calendar.calendar();
  const accounts = new AccountsService(deps.db, cipher, audit, now);
  const settings = new SettingsService(deps.db);
  const warnings = new WarningsService(deps.db, audit, events, workCalendar, now, accounts, org, settings, registry);
  const params = () => warnings.params();
  const projects = new ProjectsService(deps.db, cipher, audit, events, params, workCalendar, now, registry);
  const ledger = new LedgerService(deps.db, cipher, audit, projects);
  const engine = new WarningEngine(deps.db, events, params, workCalendar, now);
  const arrears = new ArrearsService(deps.db, audit, events, params, workCalendar, now, registry);
  registerImportKind(payrollImportKind(deps.db, ledger, engine));
  registerImportKind(bankPaymentsImportKind(deps.db, cipher, ledger, engine));
  registerImportKind(attendanceImportKind(deps.db, ledger, engine));
  return {
    settings,
    projects,
    ledger,
    warnings,
    arrears,
    engine,
    cipher,
    audit,
    events,
    registry,
    auth: new AuthService(deps.db, deps.keys, cipher, audit, now),
    accounts,
    org,
    calendar,
    imports: new ImportsService(deps.db, audit, cipher, now, deps.dataDir ? { dataDir: deps.dataDir } : {}),
  };
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
  await app.register(helmet, {
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
  await app.register(rateLimit, {
    global: true,
    max: deps.rateLimitPerMinute ?? 600,
    timeWindow: '1 minute',
    keyGenerator: (req) => req.ip,
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
  app.addHook('onSend', async (req, reply) => {
    if (req.url.startsWith('/api/')) void reply.header('cache-control', 'no-store');
  });

  app.get('/api/openapi.json', { config: { permission: 'public' }, schema: { hide: true } }, async () => app.swagger());
  systemRoutes(app, {
    db: deps.db,
    org: services.org,
    accounts: services.accounts,
    mode: deps.mode,
    cityCode: deps.cityCode,
    isDemo: () => isDemo(deps.db),
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
  orgRoutes(app, services.org);
  await importsRoutes(app, services.imports);
  services.imports.log = (msg, err) => app.log.error({ err }, msg);
  app.addHook('onReady', async () => {
    await services.imports
      .resumeInterrupted()
      .catch((err: unknown) => app.log.error({ err }, 'resuming interrupted imports failed'));
  });
  app.addHook('onClose', async () => services.imports.close());
  registryRoutes(app, services.registry, codeTablesResponse);
  exportRoutes(app, (p, filters, opts) =>
    exportWorkers(
      {
        db: deps.db,
        cipher: services.cipher,
        audit: services.audit,
        now: deps.now ?? (() => new Date()),
        names: { ethnicity: (c) => nameOf('ethnicities', c), education: (c) => nameOf('educations', c) },
      },
      p,
      filters,
      opts,
    ),
  );

  await wagesRoutes(app, {
    projects: services.projects,
    ledger: services.ledger,
    warnings: services.warnings,
    arrears: services.arrears,
    engine: services.engine,
    imports: services.imports,
    accounts: services.accounts,
    publicUrl: deps.publicUrl ?? null,
  });
  if (deps.scanIntervalMinutes) {
    const scheduler = new WagesScheduler(services, deps.scanIntervalMinutes, (msg, err) => app.log.error({ err }, msg));
    app.addHook('onReady', async () => scheduler.start());
    app.addHook('onClose', async () => scheduler.stop());
  }

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
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(indexHtml); // client-side routes of the console
    }
    return reply
      .status(404)
      .type('application/problem+json; charset=utf-8')
      .send(problemBody(404, 'NOT_FOUND', '接口不存在'));
  });
  return { app, services, routes };
}
