import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { one } from '../db/client.js';
import {
  type Check,
  U,
  USERS,
  call,
  cases,
  counter,
  expectScoped,
  newProjects,
  ok,
  perCase,
  perProject,
  projects,
  t,
  visible,
  wage,
  warningOf,
} from './scope-matrix.fixture.js';

/** The scope matrix of warnings, the wage dashboard and arrears cases (each follows its project or its owner). */
export const WARNINGS_MATRIX: Record<string, Check> = {
  'GET /api/warnings': async (u) => {
    const res = await call(u, 'GET', '/api/warnings?pageSize=100');
    ok(res, 200);
    const ids = new Set(res.json().items.map((w: { id: string }) => w.id));
    for (const r of projects) expect(ids.has(warningOf(r)), `${u.name} warning of ${r.label}`).toBe(visible(u, r));
    const own = await t.db.scoped(
      { region: u.scope === 'all' ? '*' : u.region, userId: u.id, departmentId: u.deptId, dataScope: u.scope },
      (tx) => one<{ n: number }>(tx, sql`select count(*)::int as n from warnings`),
    );
    expect(res.json().total).toBe(own!.n);
  },
  'GET /api/warnings/:id': perProject(async (u, r, inScope) =>
    expectScoped(await call(u, 'GET', `/api/warnings/${warningOf(r)}`), inScope),
  ),
  // Only handlers whose own data scope covers the project are offered (of the accounts the caller sees).
  'GET /api/warnings/:id/assignees': perProject(async (u, r, inScope) => {
    const res = await call(u, 'GET', `/api/warnings/${warningOf(r)}/assignees`);
    expectScoped(res, inScope);
    if (!inScope) return;
    const names = new Set(res.json().map((a: { username: string }) => a.username));
    for (const v of USERS)
      expect(names.has(v.name), `${u.name}: ${v.name} offered for ${r.label}`).toBe(
        visible(v, r) && (u.scope === 'all' || v.region.startsWith(u.region)),
      );
  }),
  'POST /api/warnings/:id/assign': perProject(async (u, r, inScope) => {
    expectScoped(
      await call(u, 'POST', `/api/warnings/${warningOf(r)}/assign`, { departmentCode: 'hrss', note: `范围${u.label}` }),
      inScope,
    );
    // A named handler must be able to open the warning: the 本人 user is refused for a project not its own.
    if (inScope && u.scope === 'region' && r.owner !== U.self && r.region.startsWith(U.self.region)) {
      const res = await call(u, 'POST', `/api/warnings/${warningOf(r)}/assign`, { assigneeId: U.self.id });
      ok(res, 400);
      expect(res.json().detail).toContain('承办人');
    }
  }),
  'POST /api/warnings/:id/act': perProject(async (u, r, inScope) =>
    expectScoped(await call(u, 'POST', `/api/warnings/${warningOf(r)}/act`, { note: `已督促${u.label}` }), inScope),
  ),
  // The first caller in scope closes it; later ones find it closed (409).
  'POST /api/warnings/:id/close': perProject(async (u, r, inScope) =>
    ok(
      await call(u, 'POST', `/api/warnings/${warningOf(r)}/close`, { result: `范围矩阵办结${u.label}` }),
      ...(inScope ? [200, 409] : [404]),
    ),
  ),
  'POST /api/warnings/scan': async (u) => {
    // The scan covers exactly the projects the caller may see.
    const res = await call(u, 'POST', '/api/warnings/scan');
    ok(res, 200);
    expect(res.json().projects, u.name).toBe([...projects, ...newProjects].filter((r) => visible(u, r)).length);
  },
  'GET /api/wages/dashboard': async (u) => {
    const res = await call(u, 'GET', '/api/wages/dashboard');
    ok(res, 200);
    const root = res.json().region.code as string;
    const mine = [...projects, ...newProjects].filter((r) => visible(u, r) && r.region.startsWith(root)).length;
    expect(res.json().totals.projects, `${u.name} dashboard projects`).toBe(mine);
    const live = (await call(u, 'GET', `/api/warnings?status=live&regionCode=${root}&pageSize=1`)).json().total;
    expect(res.json().totals.openWarnings, `${u.name} dashboard warnings`).toBe(live);
    const owed = cases.filter((c) => visible(u, c) && c.region.startsWith(root)).length;
    expect(res.json().totals.arrearsWorkers, `${u.name} dashboard arrears`).toBeGreaterThanOrEqual(owed > 0 ? 1 : 0);
    if (owed === 0) expect(res.json().totals.arrearsFen).toBe(0);
  },
  'GET /api/arrears': async (u) => {
    const res = await call(u, 'GET', '/api/arrears?pageSize=100');
    ok(res, 200);
    const ids = new Set(res.json().items.map((c: { id: string }) => c.id));
    for (const r of cases) expect(ids.has(r.id), `${u.name} case list ${r.label}`).toBe(visible(u, r));
    expect(res.json().total).toBe(res.json().items.length);
  },
  'POST /api/arrears': perProject(async (u, r, inScope) => {
    const res = await call(u, 'POST', '/api/arrears', {
      projectId: r.id,
      employerId: wage.get(r.id)!.contractorId,
      summary: `范围新案${u.label}拖欠`,
      items: [{ projectWorkerId: wage.get(r.id)!.pwId, month: '2025-10', amountFen: 100 }],
    });
    ok(res, inScope ? 201 : 400);
    if (inScope) ok(await call(u, 'GET', `/api/arrears/${res.json().id}`), 200);
    else expect(res.json().detail).toContain('项目不存在');
  }),
  'GET /api/arrears/:id': perCase(async (u, r, inScope) =>
    expectScoped(await call(u, 'GET', `/api/arrears/${r.id}`), inScope),
  ),
  'POST /api/arrears/:id/order': perCase(async (u, r, inScope) =>
    ok(
      await call(u, 'POST', `/api/arrears/${r.id}/order`, {
        orderNo: `限令${counter.seq++}`,
        orderedOn: '2025-10-10',
        dueWorkingDays: 10,
      }),
      ...(inScope ? [200, 409] : [404]),
    ),
  ),
  'POST /api/arrears/:id/payments': perCase(async (u, r, inScope) =>
    expectScoped(
      await call(u, 'POST', `/api/arrears/${r.id}/payments`, {
        source: 'employer',
        amountFen: 1,
        onDate: '2025-10-11',
      }),
      inScope,
      201,
    ),
  ),
  // In scope: found, and refused below the criminal threshold (409).
  'POST /api/arrears/:id/transfer': perCase(async (u, r, inScope) =>
    ok(
      await call(u, 'POST', `/api/arrears/${r.id}/transfer`, { note: '移送公安机关' }),
      ...(inScope ? [200, 409] : [404]),
    ),
  ),
  'POST /api/arrears/:id/close': perCase(async (u, r, inScope) =>
    ok(
      await call(u, 'POST', `/api/arrears/${r.id}/close`, { note: `范围矩阵结案${u.label}` }),
      ...(inScope ? [200, 409] : [404]),
    ),
  ),
  'GET /api/arrears/:id/evidence': perCase(async (u, r, inScope) =>
    expectScoped(await call(u, 'GET', `/api/arrears/${r.id}/evidence`), inScope),
  ),
};
