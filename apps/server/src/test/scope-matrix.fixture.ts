/**
 * The scope matrix's users (one of each data scope), the records each of them registered, and the helpers
 * the matrix's checks use (scope-matrix.test.ts; the checks by area in scope-matrix.<area>.ts).
 */
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { creditCodeCheckChar } from '@mwsp/domain';
import { orgCodeCheckChar } from '@mwsp/synth';
import { one } from '../db/client.js';
import { provisionUser } from '../bootstrap.js';
import { api, multipartBody, signIn, startTestPlatform, type TestPlatform } from './harness.js';
import { testIdNumber } from './id-number.js';

export type Scope = 'self' | 'department' | 'region' | 'all';
export interface User {
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
export interface Rec {
  id: string;
  owner: User;
  region: string;
  label: string;
}

export const WUHUA = '530102';
export const PANLONG = '530103';
export const PASSWORD = 'Scope#Matrix-2026xy';

// Same county, two departments, both data-scope kinds; a region user of that county (another
// department), a region user of the next county, and a city-wide user.
export const U: Record<string, User> = {
  self: { label: '甲', name: 'sm_self', scope: 'self', dept: 'hrss', region: WUHUA, village: '' },
  dept: { label: '乙', name: 'sm_dept', scope: 'department', dept: 'hrss', region: WUHUA, village: '' },
  deptX: { label: '丙', name: 'sm_dept_x', scope: 'department', dept: 'housing', region: WUHUA, village: '' },
  region: { label: '丁', name: 'sm_region', scope: 'region', dept: 'housing', region: WUHUA, village: '' },
  regionP: { label: '戊', name: 'sm_region_p', scope: 'region', dept: 'hrss', region: PANLONG, village: '' },
  all: { label: '己', name: 'sm_all', scope: 'all', dept: 'edu', region: '5301', village: '' },
};
export const USERS = Object.values(U);

/** The specification of the four data scopes (README, "Data scopes"). */
export function visible(u: User, r: Rec): boolean {
  if (u.scope === 'all') return true;
  if (r.region === '*' || !r.region.startsWith(u.region)) return false;
  if (u.scope === 'department') return r.owner.dept === u.dept;
  if (u.scope === 'self') return r.owner === u;
  return true;
}

export let t: TestPlatform;
export const workers: Rec[] = [];
export const employers: Rec[] = [];
export const employments = new Map<string, string>(); // worker id -> its employment id
export const jobs: Rec[] = [];
// Wage records: every user's project (with its workforce, ledger, account, deposit), a warning of
// each project and an arrears case of each user's. Sub-records follow their project.
export const projects: Rec[] = [];
// project id -> its records
export const wage = new Map<string, { pwId: string; lineId: number; contractorId: string; warningId: string }>();
export const cases: Rec[] = [];
export const complaints: Rec[] = []; // 投诉举报 cases, one per user (the case engine's routes)
export const mediationOrgs: Rec[] = []; // 调解组织, one per user
export const providers: Rec[] = []; // 法律援助机构 (legal-aid providers), one per user
export const newProjects: Rec[] = []; // registered by the POST /api/projects check
export const counter = { seq: 100 };

export function idNumber(region: string, birth: string): string {
  return testIdNumber(region, birth, String(counter.seq++).padStart(3, '0'));
}
export function creditCode(county: string): string {
  const org = String(10_000_000 + counter.seq++).slice(0, 8);
  const first17 = '91' + county + org + orgCodeCheckChar(org);
  return first17 + creditCodeCheckChar(first17);
}
export const workerBody = (u: User, name: string) => ({
  name,
  idNumber: idNumber('530102', '1990-05-17'),
  ethnicity: '01',
  education: '30',
  phone: null,
  hukouRegionCode: '530102',
  residenceRegionCode: u.village,
});
export const ok = (res: { statusCode: number; body: string }, ...codes: number[]) =>
  expect(codes, `${res.statusCode} ${res.body.slice(0, 300)}`).toContain(res.statusCode);
export const call = (u: User, method: string, url: string, body?: unknown) =>
  api(t, method, url, { cookie: u.cookie, body });

export async function register(u: User, name: string): Promise<Rec> {
  const res = await call(u, 'POST', '/api/workers', workerBody(u, name));
  ok(res, 201);
  return { id: res.json().id, owner: u, region: u.village, label: name };
}

export async function seedScopeMatrix(): Promise<void> {
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
        roles: ['officer', 'pii_reviewer', 'sm_scan', 'training_reviewer'],
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
        accountNo: `62220000${String(counter.seq++).padStart(8, '0')}`,
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
  // Every user registers a complaint in its own village.
  for (const u of USERS) {
    const c = await call(u, 'POST', '/api/complaints', complaintBody(u, u.village));
    ok(c, 201);
    complaints.push({ id: c.json().id, owner: u, region: u.village, label: `投诉${u.label}` });
  }
  // A penalty decision (行政处罚) on each of those cases, with its case's region, owner and department (the rows the
  // rights module's penalty step writes; written here directly to keep the fixture short).
  await t.db.owner.execute(
    sql`insert into penalties (county_code, case_id, employer_name, violation_kind, penalty_kind, basis_code,
        decision_no, notice_no, noticed_on, hearing_notified, decided_on, region_code, owner_id, owner_department_id)
      select county_code, id, '矩阵测试单位', 'wage_arrears', 'rectify', 'lssr_26', 'matrix-' || id, 'notice',
        '2026-03-02', false, '2026-03-02', region_code, created_by, department_id
      from cases where id = any(${`{${complaints.map((r) => r.id).join(',')}}`}::uuid[])`,
  );
  // Every user registers a mediation organisation in its own village.
  for (const u of USERS) {
    const o = await call(u, 'POST', '/api/rights/mediation-orgs', mediationOrgBody(u, u.village));
    ok(o, 201);
    mediationOrgs.push({ id: o.json().id, owner: u, region: u.village, label: `调解组织${u.label}` });
  }
  // Every user registers a legal-aid provider in its own village.
  for (const u of USERS) {
    const res = await call(u, 'POST', '/api/rights/legal-aid-providers', providerBody(u, u.village));
    ok(res, 201);
    providers.push({ id: res.json().id, owner: u, region: u.village, label: `援助机构${u.label}` });
  }
}

export const mediationOrgBody = (u: User, regionCode: string) => ({
  kind: 'township',
  name: `范围调解组织${u.label}-${counter.seq++}`,
  regionCode,
  mediators: ['调解员甲'],
});

export const disputeBody = (u: User) => ({
  applicantName: `申请人${u.label}`,
  employerName: `范围单位${u.label}`,
  migrantWorker: true,
  claims: [{ kind: 'wages', amountFen: 300_000, description: '' }],
  summary: `范围争议${u.label}：拖欠三个月工资`,
});

export const complaintBody = (u: User, regionCode: string) => ({
  channel: 'window',
  regionCode,
  complainantName: `投诉人${u.label}`,
  phone: '13800000000',
  employerName: `范围单位${u.label}`,
  claims: [{ kind: 'wages', amountFen: 300_000, description: '' }],
  summary: `范围投诉${u.label}：拖欠三个月工资`,
});

export const providerBody = (u: User, regionCode: string) => ({
  kind: 'lawyer',
  name: `律师${u.label}`,
  organisation: '范围律师事务所',
  practiceNo: `1530120${String(counter.seq++).padStart(10, '0')}`,
  regionCode,
});

export type Check = (u: User) => Promise<void>;
/** Per record: the call, and what in scope (true) and out of scope (false) must answer. */
export const perWorker =
  (fn: (u: User, r: Rec, inScope: boolean) => Promise<void>): Check =>
  async (u) => {
    for (const r of workers) await fn(u, r, visible(u, r));
  };
export const perProject =
  (fn: (u: User, r: Rec, inScope: boolean) => Promise<void>): Check =>
  async (u) => {
    for (const r of projects) await fn(u, r, visible(u, r));
  };
export const perCase =
  (fn: (u: User, r: Rec, inScope: boolean) => Promise<void>): Check =>
  async (u) => {
    for (const r of cases) await fn(u, r, visible(u, r));
  };
export const perComplaint =
  (fn: (u: User, r: Rec, inScope: boolean) => Promise<void>): Check =>
  async (u) => {
    for (const r of complaints) await fn(u, r, visible(u, r));
  };
export const perMediationOrg =
  (fn: (u: User, r: Rec, inScope: boolean) => Promise<void>): Check =>
  async (u) => {
    for (const r of mediationOrgs) await fn(u, r, visible(u, r));
  };
export const perProvider =
  (fn: (u: User, r: Rec, inScope: boolean) => Promise<void>): Check =>
  async (u) => {
    for (const r of providers) await fn(u, r, visible(u, r));
  };
export const warningOf = (r: Rec) => wage.get(r.id)!.warningId;
export const upload = async (u: User, url: string, csv: string) => {
  const { payload, headers } = multipartBody({}, { name: 'sheet.csv', data: Buffer.from(csv) });
  return t.app.inject({ method: 'POST', url, headers: { ...headers, cookie: u.cookie! }, payload });
};
export const expectScoped = (
  res: { statusCode: number; body: string },
  inScope: boolean,
  okCode = 200,
  denied = [404],
) => ok(res, ...(inScope ? [okCode] : denied));
