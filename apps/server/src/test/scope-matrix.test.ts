/**
 * Role × data scope × route matrix (issue #8, defect 3). Users of every data scope — 本人 (self),
 * 本部门 (department), 本辖区及下级 (region), 全部 (all) — each registered their own records; every route
 * that touches records with an owner or a department is called by every user on every record, and
 * the answer must match the scope model below: in scope → success, out of scope → 404/403, lists,
 * exports and counts contain exactly the rows in scope.
 *
 * The routes come from the route table (`t.routes`): a new route with neither a MATRIX entry nor an
 * EXEMPT entry (with its reason) fails the first test. The checks are kept by area (scope-matrix.registry.ts,
 * scope-matrix.projects.ts, scope-matrix.warnings.ts); the users, their records and the helpers are in
 * scope-matrix.fixture.ts.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { all, one, SYSTEM_SCOPE } from '../db/client.js';
import {
  type Check,
  U,
  USERS,
  WUHUA,
  call,
  cases,
  employers,
  employments,
  jobs,
  ok,
  projects,
  seedScopeMatrix,
  t,
  visible,
  wage,
  warningOf,
  workers,
} from './scope-matrix.fixture.js';
import { GRIDS_MATRIX } from './scope-matrix.grids.js';
import { EMPLOYMENT_EXEMPT, EMPLOYMENT_MATRIX } from './scope-matrix.employment.js';
import { PROJECTS_MATRIX } from './scope-matrix.projects.js';
import { REGISTRY_MATRIX } from './scope-matrix.registry.js';
import { PROGRAMS_MATRIX } from './scope-matrix.programs.js';
import { RIGHTS_MATRIX } from './scope-matrix.rights.js';
import { TRAINING_EXEMPT, TRAINING_MATRIX } from './scope-matrix.training.js';
import { WARNINGS_MATRIX } from './scope-matrix.warnings.js';

beforeAll(seedScopeMatrix, 120_000);
afterAll(async () => t?.close());

/**
 * Every route that touches records with an owner or a department. The check is run for each user
 * (every data scope) and, inside, for every record (in and out of that user's scope).
 */
const MATRIX: Record<string, Check> = {
  ...REGISTRY_MATRIX,
  ...PROJECTS_MATRIX,
  ...WARNINGS_MATRIX,
  ...RIGHTS_MATRIX,
  ...GRIDS_MATRIX,
  ...TRAINING_MATRIX,
  ...PROGRAMS_MATRIX,
  ...EMPLOYMENT_MATRIX,
};

/**
 * Routes with no record that has an owner or a department, each with its reason. Keep this list
 * honest: a route that starts reading such records belongs in MATRIX.
 */
const EXEMPT: Record<string, string> = {
  // documentation, health, metrics, public pages: no records of a scope
  'GET /api/docs/': 'docs',
  'GET /api/docs/static/index.html': 'docs',
  'GET /api/docs/static/swagger-initializer.js': 'docs',
  'GET /api/docs/json': 'docs',
  'GET /api/docs/yaml': 'docs',
  'GET /api/docs/static/*': 'docs',
  'GET /metrics': 'process metrics',
  'GET /api/openapi.json': 'contract',
  'GET /api/health': 'health',
  'GET /api/system/info': 'city name and mode',
  'GET /api/overview': 'region/department counts and (admins) user and login counts: no registry rows',
  // sign-in and the caller's own session
  'POST /api/auth/login': 'own session',
  'GET /api/auth/me': 'own session',
  'POST /api/auth/password': 'own session',
  'POST /api/auth/totp/enroll': 'own session',
  'POST /api/auth/totp/confirm': 'own session',
  'POST /api/auth/totp/verify': 'own session',
  'POST /api/auth/logout': 'own session',
  // 三员 administration: accounts are region-scoped (access.test.ts), held by administrators whose roles carry
  // no business data
  'GET /api/users': 'accounts (region-scoped, access.test.ts)',
  'POST /api/users': 'accounts',
  'GET /api/users/:id': 'accounts',
  'PATCH /api/users/:id': 'accounts',
  'POST /api/users/:id/reset-password': 'accounts',
  'POST /api/users/:id/unlock': 'accounts',
  'PUT /api/users/:id/roles': 'accounts',
  'GET /api/users/:id/tokens': 'accounts',
  'POST /api/users/:id/tokens': 'accounts',
  'DELETE /api/tokens/:id': 'accounts',
  'GET /api/permissions': 'catalogue',
  'GET /api/roles': 'role definitions',
  'POST /api/roles': 'role definitions',
  'PATCH /api/roles/:id': 'role definitions',
  'DELETE /api/roles/:id': 'role definitions',
  'GET /api/audit': 'audit log (auditor only)',
  'GET /api/audit/verify': 'audit log (auditor only)',
  'POST /api/audit/verify': 'audit log (auditor only)',
  'GET /api/audit/anchor': 'audit log (auditor only)',
  // reference data: the same for everyone
  'GET /api/calendar/deadline': 'calendar',
  'GET /api/calendar/:year': 'calendar',
  'PUT /api/calendar/:year': 'calendar',
  'GET /api/regions': 'region tree',
  'GET /api/regions/:code': 'region tree',
  'GET /api/modules': 'departments',
  'GET /api/departments': 'departments',
  'POST /api/departments': 'departments',
  'PATCH /api/departments/:id': 'departments',
  'GET /api/code-tables': 'code tables',
  'GET /api/imports/kinds': 'import kinds the caller may use',
  'GET /api/imports/templates/:kind': 'empty template workbook',
  // employer facts of the register, readable city-wide by design (editing is in MATRIX)
  'GET /api/employers/:id/integrity': 'credit record of the company register (city-wide by design)',
  // public pages (no sign-in)
  // wage reference data and registers without an owner
  'GET /api/warnings/rules': 'rule catalogue',
  'GET /api/wages/params': 'city-wide wage parameters',
  'PUT /api/wages/params': 'city-wide wage parameters (wages:params, city level)',
  'GET /api/defaulters': 'the defaulter register is public (also GET /api/public/defaulters)',
  'POST /api/defaulters':
    'a listing is a decision of the region that enforces (谁执法、谁认定): region-scoped, the case it cites must be visible',
  'POST /api/defaulters/:id/remove': 'listings are region-scoped (wages.issue8.test.ts)',
  'GET /api/public/defaulters': 'public list',
  'GET /api/public/projects/:code': 'public notice',
  'POST /api/public/wage-lookup': "the worker's own lookup (ID number and name)",
  'GET /api/cases/calendar-gaps': 'calendar coverage: years and a count, no case (calendar:write)',
  'GET /api/cases/reprojection': 'progress of the clock re-projection: counts, no case (calendar:write)',
  'GET /api/case-types': 'case type catalogue (states, clocks, transitions)',
  'POST /api/public/complaints': 'public filing: creates a case without an owner (region scopes only)',
  'GET /api/public/complaint-regions': "the city's counties (region tree)",
  'GET /api/public/complaints/:receipt': "the complainant's own status (receipt number and phone)",
  ...TRAINING_EXEMPT,
  'GET /api/startup/loan-cap': 'city-wide loan cap parameter (创业担保贷款最高额度)',
  ...EMPLOYMENT_EXEMPT,
};

describe('route table coverage', () => {
  it('every route of the table is in the matrix, or exempt with a reason', () => {
    const keys = new Set(
      t.routes.flatMap((r) =>
        [r.method]
          .flat()
          .filter((m) => m !== 'HEAD')
          .map((m) => `${m} ${r.url}`),
      ),
    );
    expect(keys.size).toBeGreaterThan(100);
    const missing = [...keys].filter((k) => !MATRIX[k] && !EXEMPT[k]);
    expect(missing, 'routes without a scope-matrix entry').toEqual([]);
    const stale = [...Object.keys(MATRIX), ...Object.keys(EXEMPT)].filter((k) => !keys.has(k));
    expect(stale, 'matrix entries for routes that no longer exist').toEqual([]);
  });
});

describe('role × data scope × route', () => {
  for (const [route, check] of Object.entries(MATRIX)) {
    it(
      route,
      async () => {
        for (const u of USERS) await check(u);
      },
      120_000,
    );
  }
});

describe('row-level security alone (no service filter)', () => {
  const NARROWS_ALL =
    'narrows workers, employments, worker counts, import jobs and employer updates to the owner or department';
  it(NARROWS_ALL, async () => {
    for (const u of USERS) {
      const scope = {
        region: u.scope === 'all' ? '*' : u.region,
        userId: u.id,
        departmentId: u.deptId,
        dataScope: u.scope,
      };
      const seen = await t.db.scoped(scope, async (tx) => ({
        workers: new Set((await all<{ id: string }>(tx, sql`select id from workers`)).map((r) => r.id)),
        employments: new Set((await all<{ id: string }>(tx, sql`select id from employments`)).map((r) => r.id)),
        jobs: new Set((await all<{ id: string }>(tx, sql`select id from import_jobs`)).map((r) => r.id)),
        counted: Number((await one<{ n: string }>(tx, sql`select coalesce(sum(n), 0) as n from worker_counts`))!.n),
        total: (await one<{ n: number }>(tx, sql`select count(*)::int as n from workers`))!.n,
      }));
      for (const r of workers) {
        expect(seen.workers.has(r.id), `${u.name} RLS worker ${r.label}`).toBe(visible(u, r));
        expect(seen.employments.has(employments.get(r.id)!), `${u.name} RLS employment ${r.label}`).toBe(visible(u, r));
      }
      for (const j of jobs) expect(seen.jobs.has(j.id), `${u.name} RLS job ${j.label}`).toBe(visible(u, j));
      expect(seen.counted, `${u.name} worker_counts agree with workers`).toBe(seen.total);
      for (const e of employers) {
        const touched = await t.db.scoped(scope, (tx) =>
          all(tx, sql`update employers set address = address where id = ${e.id}::uuid returning id`),
        );
        expect(touched.length, `${u.name} RLS employer update ${e.label}`).toBe(visible(u, e) ? 1 : 0);
      }
    }
    // A 本部门 scope without a department sees nothing; so does an unset one with an empty region.
    const none = await t.db.scoped(
      { region: WUHUA, userId: U.dept.id, departmentId: null, dataScope: 'department' },
      (tx) => one<{ n: number }>(tx, sql`select count(*)::int as n from workers`),
    );
    expect(none!.n).toBe(0);
    const total = await t.db.scoped(SYSTEM_SCOPE, (tx) =>
      one<{ n: number }>(tx, sql`select count(*)::int as n from workers`),
    );
    expect(total!.n).toBeGreaterThan(workers.length);
  });
});

describe('row-level security alone on wage records (no service filter)', () => {
  it('narrows projects, their sub-records, warnings and arrears cases to the owner or department', async () => {
    for (const u of USERS) {
      const scope = {
        region: u.scope === 'all' ? '*' : u.region,
        userId: u.id,
        departmentId: u.deptId,
        dataScope: u.scope,
      };
      const ids = (tx: Parameters<Parameters<typeof t.db.scoped>[1]>[0], q: ReturnType<typeof sql>) =>
        all<{ id: string }>(tx, q).then((rows) => new Set(rows.map((r) => r.id)));
      const seen = await t.db.scoped(scope, async (tx) => ({
        projects: await ids(tx, sql`select id from projects`),
        workforce: await ids(tx, sql`select project_id as id from project_workers`),
        ledger: await ids(tx, sql`select project_id as id from payroll_lines`),
        accounts: await ids(tx, sql`select project_id as id from wage_accounts`),
        txns: await ids(tx, sql`select project_id as id from account_txns`),
        deposits: await ids(
          tx,
          sql`select d.project_id as id from deposit_movements m
            join wage_deposits d on d.county_code = m.county_code and d.id = m.deposit_id`,
        ),
        movements: await ids(
          tx,
          sql`select (select project_id from wage_deposits d
              where d.county_code = m.county_code and d.id = m.deposit_id) as id
            from deposit_movements m`,
        ),
        warnings: await ids(tx, sql`select id from warnings`),
        actions: await ids(tx, sql`select warning_id as id from warning_actions`),
        cases: await ids(tx, sql`select id from arrears_cases`),
        items: await ids(tx, sql`select case_id as id from arrears_items`),
      }));
      for (const r of projects) {
        const v = visible(u, r);
        for (const k of ['projects', 'workforce', 'ledger', 'accounts', 'txns', 'deposits', 'movements'] as const)
          expect(seen[k].has(r.id), `${u.name} RLS ${k} of ${r.label}`).toBe(v);
        expect(seen.warnings.has(warningOf(r)), `${u.name} RLS warning of ${r.label}`).toBe(v);
        expect(seen.actions.has(warningOf(r)), `${u.name} RLS warning steps of ${r.label}`).toBe(v);
      }
      for (const c of cases) {
        expect(seen.cases.has(c.id), `${u.name} RLS case ${c.label}`).toBe(visible(u, c));
        expect(seen.items.has(c.id), `${u.name} RLS case items ${c.label}`).toBe(visible(u, c));
      }
      // Writes: a project (and a sub-record of it) out of scope is not touched.
      for (const r of projects) {
        const touched = await t.db.scoped(scope, (tx) =>
          all(tx, sql`update projects set updated_at = updated_at where id = ${r.id}::uuid returning id`),
        );
        expect(touched.length, `${u.name} RLS project update ${r.label}`).toBe(visible(u, r) ? 1 : 0);
      }
    }
    // Demo-like rows without an owner: region and all scopes only.
    const demo = await one<{ id: string }>(
      t.db.owner,
      sql`update projects set created_by = null, department_id = null where id = ${projects[0].id}::uuid returning id`,
    );
    try {
      const bySelf = await t.db.scoped(
        { region: WUHUA, userId: U.self.id, departmentId: U.self.deptId, dataScope: 'self' },
        (tx) => all(tx, sql`select id from projects where id = ${demo!.id}::uuid`),
      );
      const byRegion = await t.db.scoped(
        { region: WUHUA, userId: U.region.id, departmentId: null, dataScope: 'region' },
        (tx) => all(tx, sql`select id from projects where id = ${demo!.id}::uuid`),
      );
      expect([bySelf.length, byRegion.length]).toEqual([0, 1]);
    } finally {
      await t.db.owner.execute(
        sql`update projects set created_by = ${U.self.id}::uuid, department_id = ${U.self.deptId}::uuid
            where id = ${projects[0].id}::uuid`,
      );
    }
  });
});

describe('arrears confirmed outside the caller’s scope', () => {
  it('still count: a 本人 user cannot confirm again wages another user confirmed on its project', async () => {
    const r = projects[0];
    expect(r.owner).toBe(U.self);
    const { pwId, contractorId } = wage.get(r.id)!;
    const net = (await one<{ n: number }>(
      t.db.owner,
      sql`select sum(net_fen)::float8 as n from payroll_lines
          where project_worker_id = ${pwId}::uuid and month = '2025-08-01'`,
    ))!.n;
    const byRegion = await call(U.region, 'POST', '/api/arrears', {
      projectId: r.id,
      employerId: contractorId,
      summary: '区县确认八月欠薪',
      items: [{ projectWorkerId: pwId, month: '2025-08', amountFen: net }],
    });
    ok(byRegion, 201);
    ok(await call(U.self, 'GET', `/api/arrears/${byRegion.json().id}`), 404); // not its case
    const again = await call(U.self, 'POST', '/api/arrears', {
      projectId: r.id,
      employerId: contractorId,
      summary: '本人重复确认八月欠薪',
      items: [{ projectWorkerId: pwId, month: '2025-08', amountFen: 100 }],
    });
    ok(again, 400);
    expect(again.json().detail).toContain('已立案');
  });
});
