/**
 * Role × data scope × route matrix (issue #8, defect 3). Users of every data scope — 本人 (self),
 * 本部门 (department), 本辖区及下级 (region), 全部 (all) — each registered their own records; every route
 * that touches records with an owner or a department is called by every user on every record, and
 * the answer must match the scope model below: in scope → success, out of scope → 404/403, lists,
 * exports and counts contain exactly the rows in scope.
 *
 * The routes come from the route table (`t.routes`): a new route with neither a MATRIX entry nor an
 * EXEMPT entry (with its reason) fails the first test.
 */
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '@mwsp/domain';
import { orgCodeCheckChar } from '@mwsp/synth';
import { all, one, SYSTEM_SCOPE } from '../db/client.js';
import { provisionUser } from '../bootstrap.js';
import { api, multipartBody, signIn, startTestPlatform, type TestPlatform } from './harness.js';

type Scope = 'self' | 'department' | 'region' | 'all';
interface User {
  name: string;
  scope: Scope;
  dept: string; // department code
  deptId?: string;
  region: string;
  village: string; // where this user registers its records
  label: string; // Chinese, for names of its records
  cookie?: string;
  id?: string;
}
/** A record with an owner, a department and a region ('*' = the region of an all-scope job). */
interface Rec {
  id: string;
  owner: User;
  region: string;
  label: string;
}

const WUHUA = '530102';
const PANLONG = '530103';
const PASSWORD = 'Scope#Matrix-2026xy';

// Same county, two departments, both data-scope kinds; a region user of that county (another
// department), a region user of the next county, and a city-wide user.
const U: Record<string, User> = {
  self: { label: '甲', name: 'sm_self', scope: 'self', dept: 'hrss', region: WUHUA, village: '' },
  dept: { label: '乙', name: 'sm_dept', scope: 'department', dept: 'hrss', region: WUHUA, village: '' },
  deptX: { label: '丙', name: 'sm_dept_x', scope: 'department', dept: 'housing', region: WUHUA, village: '' },
  region: { label: '丁', name: 'sm_region', scope: 'region', dept: 'housing', region: WUHUA, village: '' },
  regionP: { label: '戊', name: 'sm_region_p', scope: 'region', dept: 'hrss', region: PANLONG, village: '' },
  all: { label: '己', name: 'sm_all', scope: 'all', dept: 'edu', region: '5301', village: '' },
};
const USERS = Object.values(U);

/** The specification of the four data scopes (README, "Data scopes"). */
function visible(u: User, r: Rec): boolean {
  if (u.scope === 'all') return true;
  if (r.region === '*' || !r.region.startsWith(u.region)) return false;
  if (u.scope === 'department') return r.owner.dept === u.dept;
  if (u.scope === 'self') return r.owner === u;
  return true;
}

let t: TestPlatform;
const workers: Rec[] = [];
const employers: Rec[] = [];
const employments = new Map<string, string>(); // worker id -> its employment id
const jobs: Rec[] = [];
// Wage records: every user's project (with its workforce, ledger, account, deposit), a warning of
// each project and an arrears case of each user's. Sub-records follow their project.
const projects: Rec[] = [];
// project id -> its records
const wage = new Map<string, { pwId: string; lineId: number; contractorId: string; warningId: string }>();
const cases: Rec[] = [];
const newProjects: Rec[] = []; // registered by the POST /api/projects check
let seq = 100;

function idNumber(region: string, birth: string): string {
  const body = region + birth.replace(/-/g, '') + String(seq++).padStart(3, '0');
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  return body + '10X98765432'[[...body].reduce((s, d, i) => s + Number(d) * w[i], 0) % 11];
}
function creditCode(county: string): string {
  const org = String(10_000_000 + seq++).slice(0, 8);
  const first17 = '91' + county + org + orgCodeCheckChar(org);
  return first17 + creditCodeCheckChar(first17);
}
const workerBody = (u: User, name: string) => ({
  name,
  idNumber: idNumber('530102', '1990-05-17'),
  ethnicity: '01',
  education: '30',
  phone: null,
  hukouRegionCode: '530102',
  residenceRegionCode: u.village,
});
const ok = (res: { statusCode: number; body: string }, ...codes: number[]) =>
  expect(codes, `${res.statusCode} ${res.body.slice(0, 300)}`).toContain(res.statusCode);
const call = (u: User, method: string, url: string, body?: unknown) => api(t, method, url, { cookie: u.cookie, body });

async function register(u: User, name: string): Promise<Rec> {
  const res = await call(u, 'POST', '/api/workers', workerBody(u, name));
  ok(res, 201);
  return { id: res.json().id, owner: u, region: u.village, label: name };
}

beforeAll(async () => {
  t = await startTestPlatform();
  // Manual warning scans (warnings:admin) are no officer's: a role that holds them, for the scan route.
  await t.db.owner.execute(
    sql`insert into roles (code, name, permissions) values ('sm_scan', '预警扫描（范围矩阵）', '{warnings:admin}')`,
  );
  const village = async (county: string) =>
    (await one<{ code: string }>(
      t.db.owner,
      sql`select code from regions where code like ${county + '%'} and level = 5 order by code limit 1`,
    ))!.code;
  for (const u of USERS) {
    u.village = await village(u.region === '5301' ? PANLONG : u.region);
    u.id = (
      await provisionUser(t.db, t.services, {
        username: u.name,
        displayName: u.name,
        roles: ['officer', 'pii_reviewer', 'sm_scan'],
        departmentCode: u.dept,
        regionCode: u.region,
        password: PASSWORD,
        dataScope: u.scope,
      })
    ).id;
    u.cookie = (await signIn(t, u.name, { password: PASSWORD })).cookie;
    u.deptId = (await one<{ id: string }>(t.db.owner, sql`select id from departments where code = ${u.dept}`))!.id;
  }
  // Every user registers a worker, an employer and an employment, and uploads an import.
  for (const [k, u] of Object.entries(U)) {
    const w = await register(u, `范围${u.label}`);
    workers.push(w);
    const e = await call(u, 'POST', '/api/employers', {
      creditCode: creditCode(u.village.slice(0, 6)),
      name: `范围单位${u.label}有限公司`,
      industry: 'E',
      size: 'small',
      regionCode: u.village.slice(0, 6),
    });
    ok(e, 201);
    employers.push({ id: e.json().id, owner: u, region: u.village.slice(0, 6), label: k });
    const m = await call(u, 'POST', '/api/employments', {
      workerId: w.id,
      employerId: e.json().id,
      startDate: '2025-01-01',
      contractSigned: true,
      contractType: 'open',
    });
    ok(m, 201);
    employments.set(w.id, m.json().id);
    const csv = [
      '姓名,公民身份号码,民族,文化程度,手机号码,户籍地区划代码,现居住地区划代码,职业工种代码,银行卡号,开户银行,紧急联系人,紧急联系人关系,紧急联系人电话',
      `导入${u.label},${idNumber('530102', '1991-02-03')},汉族,初中,,530102,${u.village},,,,,,`,
      `坏行${u.label},123,汉族,初中,,530102,${u.village},,,,,,`,
    ].join('\r\n');
    const { payload, headers } = multipartBody({ kind: 'workers' }, { name: `${k}.csv`, data: Buffer.from(csv) });
    const j = await t.app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: { ...headers, cookie: u.cookie! },
      payload,
    });
    ok(j, 202);
    await t.services.imports.idle();
    jobs.push({ id: j.json().id, owner: u, region: u.scope === 'all' ? '*' : u.region, label: k });
  }
  // Every user registers a project (the next user's employer as client, its own as contractor),
  // starts it, enrols its worker, reports a wage sheet, opens the account, stores the deposit.
  for (const [i, u] of USERS.entries()) {
    const client = employers[(i + 1) % USERS.length].id;
    const contractorId = employers[i].id;
    const p = await call(u, 'POST', '/api/projects', {
      name: `范围项目${u.label}`,
      regionCode: u.village,
      category: 'housing',
      clientId: client,
      contractorId,
      permitNo: null,
      fundingInPlace: true,
      paymentGuarantee: true,
      contractAmountFen: 8_000_000_000,
      labourShareBp: 2500,
      allocationDay: 20,
      payDay: 15,
      contractSignedOn: '2025-06-01',
      startDate: '2025-06-10',
      plannedEndDate: '2027-06-30',
    });
    ok(p, 201);
    const id = p.json().id as string;
    projects.push({ id, owner: u, region: u.village, label: `项目${u.label}` });
    ok(await call(u, 'PATCH', `/api/projects/${id}`, { version: p.json().version, status: 'in_progress' }), 200);
    const pw = await call(u, 'POST', `/api/projects/${id}/workers`, {
      workerId: workers[i].id,
      entryDate: '2025-07-01',
    });
    ok(pw, 201);
    ok(
      await call(u, 'POST', `/api/projects/${id}/payrolls/manual`, {
        month: '2025-08',
        lines: [
          {
            projectWorkerId: pw.json().id,
            days: 22,
            payableFen: 600_000,
            deductionsFen: 0,
            netFen: 600_000,
            payDate: null,
            confirmed: true,
          },
        ],
      }),
      201,
    );
    ok(
      await call(u, 'PUT', `/api/projects/${id}/account`, {
        bankName: '中国工商银行',
        accountNo: `62220000${String(seq++).padStart(8, '0')}`,
        openedOn: '2025-06-15',
      }),
      200,
    );
    ok(await call(u, 'PUT', `/api/projects/${id}/deposit`, { form: 'cash', depositedOn: '2025-06-05' }), 200);
    const lineId = (await one<{ id: number }>(
      t.db.owner,
      sql`select id::int as id from payroll_lines where project_id = ${id}::uuid limit 1`,
    ))!.id;
    wage.set(id, { pwId: pw.json().id, lineId, contractorId, warningId: '' });
  }
  // The engine finds what each project lacks (unpaid wages, no notice board, …): one warning per project.
  await t.services.engine.scanProjects(projects.map((p) => p.id));
  for (const p of projects) {
    const w = await one<{ id: string }>(
      t.db.owner,
      sql`select id from warnings where project_id = ${p.id}::uuid order by seq limit 1`,
    );
    expect(w, `a warning of ${p.label}`).toBeDefined();
    wage.get(p.id)!.warningId = w!.id;
  }
  // Every user confirms an arrears case on its own project.
  for (const [i, u] of USERS.entries()) {
    const p = projects[i];
    const c = await call(u, 'POST', '/api/arrears', {
      projectId: p.id,
      employerId: wage.get(p.id)!.contractorId,
      summary: `范围案件${u.label}拖欠工资`,
      items: [{ projectWorkerId: wage.get(p.id)!.pwId, month: '2025-09', amountFen: 100_000 }],
    });
    ok(c, 201);
    cases.push({ id: c.json().id, owner: u, region: u.village, label: `案件${u.label}` });
  }
}, 120_000);
afterAll(async () => t?.close());

type Check = (u: User) => Promise<void>;
/** Per record: the call, and what in scope (true) and out of scope (false) must answer. */
const perWorker =
  (fn: (u: User, r: Rec, inScope: boolean) => Promise<void>): Check =>
  async (u) => {
    for (const r of workers) await fn(u, r, visible(u, r));
  };
const perProject =
  (fn: (u: User, r: Rec, inScope: boolean) => Promise<void>): Check =>
  async (u) => {
    for (const r of projects) await fn(u, r, visible(u, r));
  };
const perCase =
  (fn: (u: User, r: Rec, inScope: boolean) => Promise<void>): Check =>
  async (u) => {
    for (const r of cases) await fn(u, r, visible(u, r));
  };
const warningOf = (r: Rec) => wage.get(r.id)!.warningId;
const upload = async (u: User, url: string, csv: string) => {
  const { payload, headers } = multipartBody({}, { name: 'sheet.csv', data: Buffer.from(csv) });
  return t.app.inject({ method: 'POST', url, headers: { ...headers, cookie: u.cookie! }, payload });
};
const expectScoped = (res: { statusCode: number; body: string }, inScope: boolean, okCode = 200, denied = [404]) =>
  ok(res, ...(inScope ? [okCode] : denied));

/**
 * Every route that touches records with an owner or a department. The check is run for each user
 * (every data scope) and, inside, for every record (in and out of that user's scope).
 */
const MATRIX: Record<string, Check> = {
  'GET /api/workers': async (u) => {
    const res = await call(u, 'GET', '/api/workers?pageSize=100');
    ok(res, 200);
    const ids = new Set(res.json().items.map((w: { id: string }) => w.id));
    for (const r of workers) expect(ids.has(r.id), `${u.name} list ${r.label}`).toBe(visible(u, r));
    expect(res.json().total).toBe(res.json().items.length); // the count counts what the list lists
    expect(res.json().totalCapped).toBe(false);
    for (const r of workers) {
      const idNo = (await one<{ n: string }>(
        t.db.owner,
        sql`select id_enc as n from workers where id = ${r.id}::uuid`,
      ))!.n;
      const clear = t.services.cipher.decrypt(idNo, 'workers.id_number');
      const byId = await call(u, 'GET', `/api/workers?idNumber=${clear}`);
      expect(byId.json().total, `${u.name} search by ID ${r.label}`).toBe(visible(u, r) ? 1 : 0);
    }
  },
  'POST /api/workers': async (u) => {
    // In scope: its own new record, visible to itself. Out of scope: a residence outside its region.
    const mine = await register(u, `新建${u.label}`);
    ok(await call(u, 'GET', `/api/workers/${mine.id}`), 200);
    if (u.scope !== 'all') {
      const outside = await call(
        u,
        'POST',
        '/api/workers',
        workerBody({ ...u, village: u.region === WUHUA ? U.regionP.village : U.self.village }, '越界'),
      );
      ok(outside, 400);
      expect(outside.json().detail).toContain('管辖范围');
    }
  },
  'GET /api/workers/:id': perWorker(async (u, r, inScope) =>
    expectScoped(await call(u, 'GET', `/api/workers/${r.id}`), inScope),
  ),
  'PATCH /api/workers/:id': perWorker(async (u, r, inScope) => {
    const before = (await one<{ version: number }>(
      t.db.owner,
      sql`select version from workers where id = ${r.id}::uuid`,
    ))!.version;
    expectScoped(
      await call(u, 'PATCH', `/api/workers/${r.id}`, { version: before, bankName: `银行${u.label}` }),
      inScope,
    );
    const after = (await one<{ version: number }>(
      t.db.owner,
      sql`select version from workers where id = ${r.id}::uuid`,
    ))!.version;
    expect(after).toBe(inScope ? before + 1 : before);
  }),
  'POST /api/workers/:id/unmask': perWorker(async (u, r, inScope) =>
    expectScoped(
      await call(u, 'POST', `/api/workers/${r.id}/unmask`, { fields: ['idNumber'], purpose: '范围矩阵测试核查' }),
      inScope,
    ),
  ),
  'GET /api/workers/:id/timeline': perWorker(async (u, r, inScope) =>
    expectScoped(await call(u, 'GET', `/api/workers/${r.id}/timeline`), inScope),
  ),
  'POST /api/workers/:id/merge': perWorker(async (u, r, inScope) => {
    // The duplicate is a fresh record of the caller's own; the survivor is the record under test.
    const dup = await register(u, `重复${u.label}`);
    expectScoped(await call(u, 'POST', `/api/workers/${r.id}/merge`, { duplicateId: dup.id }), inScope);
    const status = (await one<{ s: string }>(
      t.db.owner,
      sql`select status as s from workers where id = ${dup.id}::uuid`,
    ))!.s;
    expect(status).toBe(inScope ? 'merged' : 'active');
  }),
  'PUT /api/workers/:id/insurance': perWorker(async (u, r, inScope) =>
    expectScoped(
      await call(u, 'PUT', `/api/workers/${r.id}/insurance`, {
        items: [{ type: 'pension', enrolled: true, since: '2020-01-01', placeRegionCode: null }],
      }),
      inScope,
    ),
  ),
  'GET /api/workers/:id/insurance/transfers': perWorker(async (u, r, inScope) =>
    expectScoped(await call(u, 'GET', `/api/workers/${r.id}/insurance/transfers`), inScope),
  ),
  'POST /api/workers/:id/insurance/transfers': perWorker(async (u, r, inScope) =>
    expectScoped(
      await call(u, 'POST', `/api/workers/${r.id}/insurance/transfers`, {
        type: 'pension',
        fromRegionCode: '530102',
        toRegionCode: '530103',
        date: '2021-01-01',
      }),
      inScope,
      201,
    ),
  ),

  // Employers: the company register is readable city-wide by design; editing is scoped, and every
  // answer says per row whether this caller may edit (`editable`).
  'GET /api/employers': async (u) => {
    const res = await call(u, 'GET', '/api/employers?pageSize=100');
    ok(res, 200);
    const byId = new Map(res.json().items.map((e: { id: string; editable: boolean }) => [e.id, e.editable]));
    for (const e of employers) expect(byId.get(e.id), `${u.name} employer ${e.label} editable`).toBe(visible(u, e));
  },
  'GET /api/employers/:id': async (u) => {
    for (const e of employers) {
      const res = await call(u, 'GET', `/api/employers/${e.id}`);
      ok(res, 200);
      expect(res.json().editable, `${u.name} employer ${e.label}`).toBe(visible(u, e));
    }
  },
  'PATCH /api/employers/:id': async (u) => {
    for (const e of employers) {
      const res = await call(u, 'PATCH', `/api/employers/${e.id}`, { address: `地址${u.label}` });
      expectScoped(res, visible(u, e), 200, [403]);
      if (!visible(u, e)) expect(res.json().detail).toContain('不能修改');
    }
  },
  'POST /api/employers': async (u) => {
    const res = await call(u, 'POST', '/api/employers', {
      creditCode: creditCode(u.village.slice(0, 6)),
      name: `新建单位${u.label}有限公司`,
      industry: 'E',
      size: 'small',
      regionCode: u.village.slice(0, 6),
    });
    ok(res, 201);
    expect(res.json().editable).toBe(true);
    if (u.scope !== 'all') {
      const county = u.region === WUHUA ? PANLONG : WUHUA;
      ok(
        await call(u, 'POST', '/api/employers', {
          creditCode: creditCode(county),
          name: `越界单位${u.label}有限公司`,
          industry: 'E',
          size: 'small',
          regionCode: county,
        }),
        400,
      );
    }
  },

  // Employments and insurance belong to their worker: same owner, department and region.
  'GET /api/employments': async (u) => {
    const res = await call(u, 'GET', '/api/employments?pageSize=100');
    ok(res, 200);
    const ids = new Set(res.json().items.map((m: { id: string }) => m.id));
    for (const r of workers)
      expect(ids.has(employments.get(r.id)!), `${u.name} employment of ${r.label}`).toBe(visible(u, r));
    expect(res.json().total).toBe(res.json().items.length);
  },
  'GET /api/employments/contract-rates': async (u) => {
    const res = await call(u, 'GET', '/api/employments/contract-rates?parent=5301');
    ok(res, 200);
    const employed = res.json().reduce((s: number, r: { employed: number }) => s + r.employed, 0);
    const ids = workers.filter((r) => visible(u, r)).map((r) => r.id);
    const expected = await one<{ n: number }>(
      t.db.owner,
      sql`select count(*)::int as n from employments where status = 'active' and worker_id::text in (${sql.join(
        ids.map((i) => sql`${i}`),
        sql`, `,
      )})`,
    );
    expect(employed, u.name).toBe(expected!.n);
  },
  'POST /api/employments': perWorker(async (u, r, inScope) => {
    const res = await call(u, 'POST', '/api/employments', {
      workerId: r.id,
      employerId: employers[0].id,
      startDate: `2024-0${1 + (seq++ % 9)}-1${seq % 10}`,
      contractSigned: false,
    });
    ok(res, ...(inScope ? [201, 409] : [400]));
    if (!inScope) expect(res.json().detail).toContain('务工人员不存在');
  }),
  'PATCH /api/employments/:id': perWorker(async (u, r, inScope) =>
    expectScoped(
      await call(u, 'PATCH', `/api/employments/${employments.get(r.id)}`, { position: `岗位${u.label}` }),
      inScope,
    ),
  ),

  // Exports: the rows of the caller's scope only.
  'POST /api/exports': async (u) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/exports',
      headers: { cookie: u.cookie! },
      payload: { kind: 'workers', filters: {} },
    });
    ok(res, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    const names = new Set<string>();
    wb.worksheets[0].eachRow((row, n) => n > 2 && names.add(String(row.getCell(1).value)));
    for (const r of workers) expect(names.has(r.label), `${u.name} export ${r.label}`).toBe(visible(u, r));
    const list = await call(u, 'GET', '/api/workers?pageSize=1');
    expect(Number(res.headers['x-export-rows'])).toBe(list.json().total);
  },

  // Import jobs: the uploader is the owner, its department the job's.
  'POST /api/imports': async (u) => {
    const own = jobs.find((j) => j.owner === u)!;
    ok(await call(u, 'GET', `/api/imports/${own.id}`), 200);
  },
  'GET /api/imports': async (u) => {
    const res = await call(u, 'GET', '/api/imports?pageSize=100');
    ok(res, 200);
    const ids = new Set(res.json().items.map((j: { id: string }) => j.id));
    for (const j of jobs) expect(ids.has(j.id), `${u.name} job of ${j.label}`).toBe(visible(u, j));
  },
  'GET /api/imports/:id': async (u) => {
    for (const j of jobs) expectScoped(await call(u, 'GET', `/api/imports/${j.id}`), visible(u, j));
  },
  'GET /api/imports/:id/errors.xlsx': async (u) => {
    for (const j of jobs) expectScoped(await call(u, 'GET', `/api/imports/${j.id}/errors.xlsx`), visible(u, j));
  },
  'GET /api/imports/:id/errors': async (u) => {
    for (const j of jobs) expectScoped(await call(u, 'GET', `/api/imports/${j.id}/errors`), visible(u, j));
  },
  'POST /api/imports/:id/retry': async (u) => {
    // In scope the job is found and refused as not failed (409); out of scope it does not exist.
    for (const j of jobs) expectScoped(await call(u, 'POST', `/api/imports/${j.id}/retry`), visible(u, j), 409);
  },

  // Wage records (README, "Data scopes"): a project's owner is the user who registered it, its
  // department that user's; workforce, attendance, ledger, bank results, account, deposit and
  // warnings follow their project; an arrears case is owned by the user who confirmed it.
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
      await call(u, 'POST', `/api/projects/${r.id}/teams`, { name: `班组${u.label}${seq++}` }),
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
        orderNo: `限令${seq++}`,
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
  it('narrows workers, employments, worker counts, import jobs and employer updates to the owner or department', async () => {
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
          sql`select d.project_id as id from deposit_movements m join wage_deposits d on d.id = m.deposit_id`,
        ),
        movements: await ids(
          tx,
          sql`select (select project_id from wage_deposits d where d.id = m.deposit_id) as id from deposit_movements m`,
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
        sql`update projects set created_by = ${U.self.id}::uuid, department_id = ${U.self.deptId}::uuid where id = ${projects[0].id}::uuid`,
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
      sql`select sum(net_fen)::float8 as n from payroll_lines where project_worker_id = ${pwId}::uuid and month = '2025-08-01'`,
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
