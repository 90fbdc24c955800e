import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { migratedOpenOptions } from '../../../../tools/test/db.js';
import { buildApp, createServices, type AppDeps, type RouteRecord, type Services } from '../app.js';
import { bootstrap } from '../bootstrap.js';
import { openDatabase, type Database } from '../db/client.js';
import { migrate } from '../db/migrate.js';
import { totpCode } from '../platform/auth/totp.js';
import { KeyRing } from '../platform/crypto/index.js';

export const BOOT_PASSWORD = 'Bootstrap-Pass-2026!';
export const NEW_PASSWORD = 'Kunming#Strong2026pw';
export const CITY = '5301';
export const TEST_KEY = 'k1:' + Buffer.alloc(32, 7).toString('base64');

/** A settable clock shared by every service, so timeouts and locks can be tested without waiting. */
export class TestClock {
  t = new Date('2026-03-02T02:00:00Z');
  now = () => new Date(this.t);
  advance(ms: number) {
    this.t = new Date(this.t.getTime() + ms);
  }
}

export interface TestPlatform {
  app: FastifyInstance;
  db: Database;
  services: Services;
  clock: TestClock;
  keys: KeyRing;
  routes: RouteRecord[];
  close(): Promise<void>;
}

/** A migrated, bootstrapped platform on the database kind of the current vitest project. */
export async function startTestPlatform(
  opts: {
    mode?: 'demo' | 'production';
    loginRateLimitPerMinute?: number;
    deps?: Partial<AppDeps>;
    /** A database of its own (e.g. a Citus cluster a test stops nodes of); default: the project's. */
    url?: string;
  } = {},
): Promise<TestPlatform> {
  // A clone of the run's migrated template (PostgreSQL, Citus; PGlite: its data folder) finds every migration applied.
  const db = await openDatabase({ ...(opts.url ? { url: opts.url } : await migratedOpenOptions()), poolSize: 5 });
  await migrate(db);
  const clock = new TestClock();
  const keys = new KeyRing(TEST_KEY);
  const deps = {
    db,
    keys,
    cityCode: CITY,
    mode: opts.mode ?? ('demo' as const),
    now: clock.now,
    logLevel: process.env.MWSP_TEST_LOG ?? 'silent',
    rateLimitPerMinute: 100000,
    loginRateLimitPerMinute: opts.loginRateLimitPerMinute ?? 100000,
    webDist: null,
    auditAnchorMinutes: 0,
    ...opts.deps,
  };
  const services = createServices(deps);
  await bootstrap(db, services, { cityCode: CITY, mode: deps.mode, bootstrapPassword: BOOT_PASSWORD });
  const { app, routes } = await buildApp(deps, services);
  await app.ready();
  return {
    app,
    db,
    services,
    clock,
    keys,
    routes,
    close: async () => {
      await app.close();
      await db.close();
    },
  };
}

export function cookieOf(res: LightMyRequestResponse): string {
  const c = res.cookies.find((x) => x.name === 'mwsp_sid');
  if (!c) throw new Error(`no session cookie (status ${res.statusCode}: ${res.body})`);
  return `mwsp_sid=${c.value}`;
}

export async function api(
  t: TestPlatform,
  method: string,
  url: string,
  opts: { cookie?: string; token?: string; body?: unknown } = {},
) {
  const headers: Record<string, string> = {};
  if (opts.cookie) headers.cookie = opts.cookie;
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  return t.app.inject({
    method: method as 'GET',
    url,
    headers,
    ...(opts.body !== undefined ? { payload: opts.body as object } : {}),
  });
}

/**
 * Signs in all the way: the forced password change on first sign-in, then TOTP enrolment or
 * verification as the account requires. Returns the session cookie and the TOTP secret.
 */
export async function signIn(
  t: TestPlatform,
  username: string,
  state: { password?: string; totpSecret?: string } = {},
): Promise<{ cookie: string; totpSecret?: string; password: string }> {
  let password = state.password ?? BOOT_PASSWORD;
  const login = await api(t, 'POST', '/api/auth/login', { body: { username, password } });
  if (login.statusCode !== 200) throw new Error(`login ${username}: ${login.statusCode} ${login.body}`);
  const cookie = cookieOf(login);
  let stage = login.json().stage as string;
  let totpSecret = state.totpSecret;
  if (stage === 'password_change') {
    const r = await api(t, 'POST', '/api/auth/password', {
      cookie,
      body: { oldPassword: password, newPassword: NEW_PASSWORD },
    });
    if (r.statusCode !== 200) throw new Error(`password change: ${r.body}`);
    password = NEW_PASSWORD;
    stage = r.json().stage;
  }
  if (stage === 'totp_enroll') {
    const e = await api(t, 'POST', '/api/auth/totp/enroll', { cookie });
    totpSecret = e.json().secret;
    const r = await api(t, 'POST', '/api/auth/totp/confirm', {
      cookie,
      body: { code: totpCode(totpSecret!, t.clock.now()) },
    });
    if (r.statusCode !== 200) throw new Error(`totp confirm: ${r.body}`);
    stage = r.json().stage;
  } else if (stage === 'totp') {
    t.clock.advance(30_000); // a fresh time step: a used code is refused as a replay
    const r = await api(t, 'POST', '/api/auth/totp/verify', {
      cookie,
      body: { code: totpCode(totpSecret!, t.clock.now()) },
    });
    if (r.statusCode !== 200) throw new Error(`totp verify: ${r.body}`);
    stage = r.json().stage;
  }
  if (stage !== 'done') throw new Error(`unexpected stage ${stage}`);
  return { cookie, totpSecret, password };
}

/** A multipart/form-data body (fields first, then the file), for upload tests. */
export function multipartBody(fields: Record<string, string>, file?: { name: string; data: Buffer }) {
  const boundary = `----mwsp${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\n` +
          'Content-Type: application/octet-stream\r\n\r\n',
      ),
      file.data,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
