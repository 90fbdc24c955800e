import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { one } from '../db/client.js';
import {
  type Check,
  USERS,
  call,
  counter,
  employers,
  expectScoped,
  newProjects,
  ok,
  perProject,
  projects,
  t,
  upload,
  visible,
  wage,
  workers,
} from './scope-matrix.fixture.js';

// Wage records (README, "Data scopes"): a project's owner is the user who registered it, its
// department that user's; workforce, attendance, ledger, bank results, account, deposit and
// warnings follow their project; an arrears case is owned by the user who confirmed it.

export const PROJECTS_MATRIX: Record<string, Check> = {
  'GET /api/projects': async (u) => {
    const res = await call(u, 'GET', '/api/projects?pageSize=100');
    ok(res, 200);
    const ids = new Set(res.json().items.map((p: { id: string }) => p.id));
    for (const r of projects) expect(ids.has(r.id), `${u.name} project list ${r.label}`).toBe(visible(u, r));
    expect(res.json().total).toBe(res.json().items.length);
  },
  'POST /api/projects': async (u) => {
    const res = await call(u, 'POST', '/api/projects', {
      name: `新建项目${u.label}`,
      regionCode: u.village,
      category: 'municipal',
      clientId: employers[0].id,
      contractorId: employers[1].id,
      permitNo: null,
      fundingInPlace: true,
      paymentGuarantee: true,
      contractAmountFen: 1_000_000_000,
      labourShareBp: 2000,
      allocationDay: 10,
      payDay: 10,
      contractSignedOn: '2025-03-01',
      startDate: '2025-03-10',
      plannedEndDate: '2026-12-31',
    });
    ok(res, 201);
    newProjects.push({ id: res.json().id, owner: u, region: u.village, label: `新建项目${u.label}` });
    ok(await call(u, 'GET', `/api/projects/${res.json().id}`), 200);
    const row = (await one<{ by: string; dept: string | null }>(
      t.db.owner,
      sql`select created_by as by, department_id as dept from projects where id = ${res.json().id}::uuid`,
    ))!;
    expect([row.by, row.dept]).toEqual([u.id, u.deptId]);
    // Codes are unique city-wide: one taken by a project outside the caller's scope is refused (400), not a 5xx.
    const other = projects.find((r) => !visible(u, r)) ?? projects[0];
    const code = (await one<{ code: string }>(t.db.owner, sql`select code from projects where id = ${other.id}::uuid`))!
      .code;
    const taken = await call(u, 'POST', '/api/projects', {
      code,
      name: `重号项目${u.label}`,
      regionCode: u.village,
      category: 'municipal',
      clientId: employers[0].id,
      contractorId: employers[1].id,
      permitNo: null,
      fundingInPlace: true,
      paymentGuarantee: true,
      contractAmountFen: 1_000_000_000,
      labourShareBp: 2000,
      allocationDay: 10,
      payDay: 10,
      contractSignedOn: '2025-03-01',
      startDate: '2025-03-10',
      plannedEndDate: '2026-12-31',
    });
    ok(taken, 400);
    expect(taken.json().detail).toContain('项目编号已被使用');
  },
  'GET /api/projects/:id': perProject(async (u, r, inScope) =>
    expectScoped(await call(u, 'GET', `/api/projects/${r.id}`), inScope),
  ),
  'PATCH /api/projects/:id': perProject(async (u, r, inScope) => {
    const before = (await one<{ version: number }>(
      t.db.owner,
      sql`select version from projects where id = ${r.id}::uuid`,
    ))!.version;
    expectScoped(
      await call(u, 'PATCH', `/api/projects/${r.id}`, { version: before, labourOfficerName: `专管员${u.label}` }),
      inScope,
    );
    const after = (await one<{ version: number }>(
      t.db.owner,
      sql`select version from projects where id = ${r.id}::uuid`,
    ))!.version;
    expect(after).toBe(inScope ? before + 1 : before);
  }),
  // In scope: added, or already a unit of the project (409); out of scope: no such project.
  'POST /api/projects/:id/units': perProject(async (u, r, inScope) => {
    const other = employers.find((e) => e.id !== wage.get(r.id)!.contractorId)!;
    ok(
      await call(u, 'POST', `/api/projects/${r.id}/units`, { employerId: other.id, role: 'subcontractor' }),
      ...(inScope ? [201, 409] : [404]),
    );
  }),
  'POST /api/projects/:id/teams': perProject(async (u, r, inScope) =>
    expectScoped(
      await call(u, 'POST', `/api/projects/${r.id}/teams`, { name: `班组${u.label}${counter.seq++}` }),
      inScope,
      201,
    ),
  ),
  'GET /api/projects/:id/workers': perProject(async (u, r, inScope) =>
    expectScoped(await call(u, 'GET', `/api/projects/${r.id}/workers`), inScope),
  ),
  'POST /api/projects/:id/workers': perProject(async (u, r, inScope) => {
    // The caller's own worker (always visible to it); on its own project it is enrolled already (409).
    const res = await call(u, 'POST', `/api/projects/${r.id}/workers`, {
      workerId: workers[USERS.indexOf(u)].id,
      entryDate: '2025-07-02',
    });
    ok(res, ...(inScope ? (r.owner === u ? [409] : [201]) : [404]));
  }),
  'PATCH /api/projects/:id/workers/:pwId': perProject(async (u, r, inScope) =>
    expectScoped(
      await call(u, 'PATCH', `/api/projects/${r.id}/workers/${wage.get(r.id)!.pwId}`, { teamId: null }),
      inScope,
    ),
  ),
  'GET /api/projects/:id/attendance': perProject(async (u, r, inScope) =>
    expectScoped(await call(u, 'GET', `/api/projects/${r.id}/attendance?month=2025-08`), inScope),
  ),
  'PUT /api/projects/:id/attendance': perProject(async (u, r, inScope) =>
    expectScoped(
      await call(u, 'PUT', `/api/projects/${r.id}/attendance`, {
        month: '2025-08',
        entries: [{ projectWorkerId: wage.get(r.id)!.pwId, days: 22 }],
      }),
      inScope,
    ),
  ),
  'GET /api/projects/:id/payrolls': perProject(async (u, r, inScope) =>
    expectScoped(await call(u, 'GET', `/api/projects/${r.id}/payrolls`), inScope),
  ),
  'GET /api/projects/:id/payrolls/:month': perProject(async (u, r, inScope) => {
    const res = await call(u, 'GET', `/api/projects/${r.id}/payrolls/2025-08`);
    expectScoped(res, inScope);
    if (inScope) expect(res.json().items.length).toBeGreaterThan(0);
  }),
  'POST /api/projects/:id/payrolls/manual': perProject(async (u, r, inScope) =>
    // The same sheet again: its line is 'unchanged' (201) in scope.
    expectScoped(
      await call(u, 'POST', `/api/projects/${r.id}/payrolls/manual`, {
        month: '2025-08',
        lines: [
          {
            projectWorkerId: wage.get(r.id)!.pwId,
            days: 22,
            payableFen: 600_000,
            deductionsFen: 0,
            netFen: 600_000,
            payDate: null,
            confirmed: true,
          },
        ],
      }),
      inScope,
      201,
    ),
  ),
  'POST /api/projects/:id/payrolls/adjustments': perProject(async (u, r, inScope) => {
    const before = (await one<{ n: number }>(
      t.db.owner,
      sql`select count(*)::int as n from payroll_lines where project_id = ${r.id}::uuid`,
    ))!.n;
    expectScoped(
      await call(u, 'POST', `/api/projects/${r.id}/payrolls/adjustments`, {
        lineId: wage.get(r.id)!.lineId,
        payableFen: 100,
        deductionsFen: 0,
        netFen: 100,
        reason: `范围矩阵核对${u.label}`,
      }),
      inScope,
      201,
    );
    const after = (await one<{ n: number }>(
      t.db.owner,
      sql`select count(*)::int as n from payroll_lines where project_id = ${r.id}::uuid`,
    ))!.n;
    expect(after).toBe(inScope ? before + 1 : before);
  }),
  'GET /api/projects/:id/bank-payments': perProject(async (u, r, inScope) =>
    expectScoped(await call(u, 'GET', `/api/projects/${r.id}/bank-payments`), inScope),
  ),
  'POST /api/projects/:id/payrolls': perProject(async (u, r, inScope) => {
    expectScoped(
      await upload(
        u,
        `/api/projects/${r.id}/payrolls`,
        '工资月份,姓名,公民身份号码,出勤天数,应发工资（元）,代扣代缴及扣款（元）,实发工资（元）,发放日期,本人签字确认\r\n2025-08,坏行,123,22,1,0,1,,是\r\n',
      ),
      inScope,
      202,
    );
    await t.services.imports.idle();
  }),
  'POST /api/projects/:id/bank-payments': perProject(async (u, r, inScope) => {
    expectScoped(
      await upload(
        u,
        `/api/projects/${r.id}/bank-payments`,
        '付款账号,工资月份,收款人姓名,公民身份号码,金额（元）,代发结果,失败原因,银行流水号,代发日期\r\n1,2025-08,坏行,123,1,成功,,X1,2025-09-15\r\n',
      ),
      inScope,
      202,
    );
    await t.services.imports.idle();
  }),
  'POST /api/projects/:id/attendance/upload': perProject(async (u, r, inScope) => {
    expectScoped(
      await upload(
        u,
        `/api/projects/${r.id}/attendance/upload`,
        '考勤月份,姓名,公民身份号码,出勤天数\r\n2025-08,坏行,123,22\r\n',
      ),
      inScope,
      202,
    );
    await t.services.imports.idle();
  }),
  'GET /api/projects/:id/account': perProject(async (u, r, inScope) => {
    const res = await call(u, 'GET', `/api/projects/${r.id}/account`);
    expectScoped(res, inScope);
    if (inScope) expect(res.json().account).not.toBeNull();
  }),
  // Opened in the set-up: in scope the account is found and refused as open already (409).
  'PUT /api/projects/:id/account': perProject(async (u, r, inScope) =>
    expectScoped(
      await call(u, 'PUT', `/api/projects/${r.id}/account`, {
        bankName: '中国银行',
        accountNo: '6217000010001234567',
        openedOn: '2025-06-16',
      }),
      inScope,
      409,
    ),
  ),
  'POST /api/projects/:id/account/txns': perProject(async (u, r, inScope) =>
    expectScoped(
      await call(u, 'POST', `/api/projects/${r.id}/account/txns`, {
        kind: 'other_in',
        amountFen: 100,
        txnDate: '2025-09-01',
        ref: `范围${u.label}`,
      }),
      inScope,
      201,
    ),
  ),
  // In scope: found, and refused (no closure notice yet, 409).
  'POST /api/projects/:id/account/closure': perProject(async (u, r, inScope) =>
    expectScoped(await call(u, 'POST', `/api/projects/${r.id}/account/closure`, { action: 'close' }), inScope, 409),
  ),
  'GET /api/projects/:id/deposit/quote': perProject(async (u, r, inScope) =>
    expectScoped(await call(u, 'GET', `/api/projects/${r.id}/deposit/quote`), inScope),
  ),
  'PUT /api/projects/:id/deposit': perProject(async (u, r, inScope) =>
    expectScoped(
      await call(u, 'PUT', `/api/projects/${r.id}/deposit`, { form: 'cash', depositedOn: '2025-06-06' }),
      inScope,
      409,
    ),
  ),
  'POST /api/projects/:id/deposit/movements': perProject(async (u, r, inScope) =>
    expectScoped(
      await call(u, 'POST', `/api/projects/${r.id}/deposit/movements`, {
        kind: 'topup',
        amountFen: 100,
        onDate: '2025-09-02',
      }),
      inScope,
      201,
    ),
  ),
  'GET /api/projects/:id/timeline': perProject(async (u, r, inScope) =>
    expectScoped(await call(u, 'GET', `/api/projects/${r.id}/timeline`), inScope),
  ),
  'GET /api/projects/:id/notice-board': perProject(async (u, r, inScope) =>
    expectScoped(await call(u, 'GET', `/api/projects/${r.id}/notice-board`), inScope),
  ),
  // A worker's wages: the worker's scope (404 like every worker route), the months of projects in scope.
  'GET /api/workers/:id/wages': async (u) => {
    for (const [i, r] of workers.entries()) {
      const res = await call(u, 'GET', `/api/workers/${r.id}/wages`);
      expectScoped(res, visible(u, r));
      if (visible(u, r)) {
        const shown = new Set(res.json().map((m: { projectId: string }) => m.projectId));
        expect(shown.has(projects[i].id), `${u.name} wages of ${r.label} on ${projects[i].label}`).toBe(
          visible(u, projects[i]),
        );
      }
    }
    ok(await call(u, 'GET', '/api/workers/00000000-0000-4000-8000-000000000000/wages'), 404);
  },
};
