import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/client.js';
import { AccountsService } from './accounts/accounts.service.js';
import type { PermissionDef } from './access/permissions.js';
import { AuditLog } from './audit/audit.js';
import { AuthService } from './auth/auth.service.js';
import { CalendarService } from './calendar/calendar.service.js';
import { CaseService } from './cases/cases.service.js';
import { FieldCipher, type KeyRing } from './crypto/index.js';
import { EventLog } from './events/events.js';
import { ImportsService } from './imports/imports.service.js';
import type { ImportKind } from './imports/kinds.js';
import { OrgService } from './org/org.service.js';
import { SettingsService } from './settings/settings.service.js';

/** Deployment facts a module may read (the city, the mode, where files go, how often jobs run). */
export interface PlatformConfig {
  cityCode: string;
  mode: 'demo' | 'production';
  /** Public base URL of the console (QR codes on notice boards); null = the request's host. */
  publicUrl: string | null;
  /** Minutes between a module's scheduled runs (0 = no scheduled jobs, e.g. tests). */
  scanIntervalMinutes: number;
  dataDir: string | null;
}

/**
 * What the platform offers every module: the database, the keys and the shared services (audit,
 * events, accounts, the organisation, the calendar, settings, imports). Modules depend on this and on
 * each other's exported ports, never on the platform's repos.
 */
export interface Platform {
  db: Database;
  keys: KeyRing;
  now: () => Date;
  config: PlatformConfig;
  cipher: FieldCipher;
  audit: AuditLog;
  events: EventLog;
  settings: SettingsService;
  auth: AuthService;
  accounts: AccountsService;
  org: OrgService;
  calendar: CalendarService;
  imports: ImportsService;
  /** The case engine: modules register their case types and open cases through it. */
  cases: CaseService;
}

export interface PlatformDeps {
  db: Database;
  keys: KeyRing;
  cityCode: string;
  mode: 'demo' | 'production';
  now?: () => Date;
  dataDir?: string | null;
  publicUrl?: string | null;
  scanIntervalMinutes?: number;
}

export function platformConfig(deps: Omit<PlatformDeps, 'db' | 'keys'>): PlatformConfig {
  return {
    cityCode: deps.cityCode,
    mode: deps.mode,
    publicUrl: deps.publicUrl ?? null,
    scanIntervalMinutes: deps.scanIntervalMinutes ?? 0,
    dataDir: deps.dataDir ?? null,
  };
}

export function createPlatform(deps: PlatformDeps): Platform {
  const now = deps.now ?? (() => new Date());
  const cipher = new FieldCipher(deps.keys);
  const audit = new AuditLog(deps.db, deps.keys, now);
  const auth = new AuthService(deps.db, deps.keys, cipher, audit, now);
  const events = new EventLog(deps.db, now);
  const calendar = new CalendarService(deps.db, audit);
  const cases = new CaseService(
    deps.db,
    audit,
    events,
    (tx) => (tx ? calendar.calendarIn(tx) : calendar.calendar()),
    now,
    (tx) => calendar.fresh(tx),
    deps.dataDir ?? null,
  );
  // A calendar edit (e.g. next year's 调休 notice) moves the due dates of every running statutory clock: the edit
  // queues a durable re-projection job in its own transaction, and the background worker starts after the commit
  // (and on every start-up: a job a crash interrupted resumes).
  calendar.onEdit(async (tx, p, year) => {
    await cases.reprojection.request(tx, `工作日历修改（${year} 年）`, p.userId);
  });
  calendar.onChange(async () => {
    // Not awaited: the request returns; kick() never rejects (a failure is logged, the job stays queued).
    void cases.reprojection.kick();
  });
  return {
    db: deps.db,
    keys: deps.keys,
    now,
    config: platformConfig(deps),
    cipher,
    audit,
    events,
    settings: new SettingsService(deps.db),
    auth,
    accounts: new AccountsService(deps.db, cipher, audit, now, auth),
    org: new OrgService(deps.db, audit, deps.cityCode),
    calendar,
    imports: new ImportsService(deps.db, audit, cipher, now, deps.dataDir ? { dataDir: deps.dataDir } : {}),
    cases,
  };
}

/**
 * A domain module as a plug-in (after Medusa v2 modules): it names its permissions and what it adds
 * to the built-in roles, builds its services on the platform, and installs its import kinds, routes,
 * listeners and scheduled jobs. `app.ts` loops over `MODULES` (modules/index.ts); adding a module
 * touches its folder, a migration and one line of that list.
 */
export interface MwspModule<S extends object = object> {
  readonly name: string;
  readonly permissions: readonly PermissionDef[];
  /** Permissions the module adds to built-in business roles (role code → permission codes). */
  readonly roleGrants: Readonly<Record<string, readonly string[]>>;
  /**
   * The module's services, keyed by the name the rest of the server reaches them under. `platform`
   * also carries the services of the modules listed before this one: take another module's port
   * with `portOf<RegistryPort>(platform, 'registry')`.
   */
  createServices(platform: Platform): S;
  /** Import kinds it offers to the platform's import pipeline. */
  importKinds?(platform: Platform, services: S): ImportKind<unknown>[];
  /** Routes, hooks, event listeners and scheduled jobs (start on `onReady`, stop on `onClose`). */
  register(app: FastifyInstance, platform: Platform, services: S): void | Promise<void>;
}

/** Another module's exported port, created earlier in MODULES (e.g. `portOf<RegistryPort>(p, 'registry')`). */
export function portOf<T>(platform: Platform, name: string): T {
  const port = (platform as unknown as Record<string, unknown>)[name];
  if (!port) throw new Error(`module service "${name}" does not exist yet: list its module earlier in MODULES`);
  return port as T;
}

/** Type helper so a module keeps its precise services type: `defineModule({...})`. */
export function defineModule<S extends object>(m: MwspModule<S>): MwspModule<S> {
  return m;
}
