/**
 * Vocational training through the API: institutions (an unapproved or expired one cannot open a class), classes,
 * enrolment with its refusals (twice, overlap, full, one subsidised training per occupation a year), attendance,
 * results, certificates on the 一人一档 timeline, subsidies computed from rules (refused without their condition,
 * never twice), approval by level (township → county → city), the payment batch and its bank workbook, targets,
 * and scope.
 */
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { all, SYSTEM_SCOPE } from '../../db/client.js';
import { provisionUser } from '../../bootstrap.js';
import { api, multipartBody, signIn, startTestPlatform, type TestPlatform } from '../../test/harness.js';
import { testIdNumber as idNumber } from '../../test/id-number.js';

let t: TestPlatform;
type Session = { cookie: string };
let clerk: Session; // officer of a township of 五华区 (T1)
let twnApprover: Session; // approver of T1
let countyApprover: Session; // approver of 五华区
let cityApprover: Session; // approver of the city
let villageApprover: Session; // approver bound to a village: no level
let other: Session; // officer of 盘龙区
let countyAdmin: Session; // city_admin bound to a county: not city level
let T1: string;
let V1: string;
const PASSWORD = 'Training#Kunming-2026';

const IDS = [
  idNumber('530102', '1990-05-17', '123'),
  idNumber('530102', '1992-07-01', '245'),
  idNumber('530102', '1988-01-09', '367'),
  idNumber('650102', '1995-03-03', '481'), // 新疆籍 (乌鲁木齐)
];
const workers: string[] = [];
let employerId: string;

const call = (s: Session, method: string, url: string, body?: unknown) =>
  api(t, method, url, { cookie: s.cookie, body });

beforeAll(async () => {
  t = await startTestPlatform();
  const rows = await all<{ code: string }>(
    t.db.owner,
    sql`select code from regions where parent_code = '530102' and level = 4 order by code limit 1`,
  );
  T1 = rows[0].code;
  V1 = (await all<{ code: string }>(t.db.owner, sql`select code from regions where parent_code = ${T1} limit 1`))[0]
    .code;
  // The built-in roles: 培训审核员 approves at its own level, 市级业务管理员 sets the subsidy standards.
  const users: [string, string[], string, 'region' | 'all'][] = [
    ['tr_clerk', ['officer'], T1, 'region'],
    ['tr_twn', ['training_reviewer'], T1, 'region'],
    ['tr_county', ['training_reviewer'], '530102', 'region'],
    ['tr_city', ['training_reviewer', 'city_admin'], '5301', 'region'],
    ['tr_village', ['training_reviewer'], V1, 'region'],
    ['tr_other', ['officer'], '530103', 'region'],
    ['tr_county_admin', ['city_admin'], '530102', 'region'], // wrongly given to a county user
  ];
  for (const [username, roles, regionCode, dataScope] of users)
    await provisionUser(t.db, t.services, {
      username,
      displayName: username,
      roles,
      regionCode,
      dataScope,
      password: PASSWORD,
    });
  // one after the other: seven first sign-ins at once can exhaust a loaded test database's connections
  const sessions: Session[] = [];
  for (const [u] of users) sessions.push(await signIn(t, u, { password: PASSWORD }));
  [clerk, twnApprover, countyApprover, cityApprover, villageApprover, other, countyAdmin] = sessions;
  for (const [i, id] of IDS.entries()) {
    const r = await call(clerk, 'POST', '/api/workers', {
      name: ['张三', '李四', '王五', '艾力'][i],
      idNumber: id,
      ethnicity: '01',
      education: '30',
      phone: `1381234567${i}`,
      hukouRegionCode: '530102',
      residenceRegionCode: V1,
    });
    expect(r.statusCode, r.body).toBe(201);
    workers.push(r.json().id);
  }
  const e = await call(clerk, 'POST', '/api/employers', {
    creditCode: '91350100M000100Y42',
    name: '昆明某机械制造有限公司',
    legalRep: '王五',
    industry: 'C',
    size: 'medium',
    regionCode: T1,
    contactPhone: '0871-65123456',
  });
  expect(e.statusCode, e.body).toBe(201);
  employerId = e.json().id;
}, 240_000);
afterAll(async () => t?.close());

let institutionId: string;
let classA: string; // 焊工, 2026-03-10 … 03-31, subsidised
const enrolments: string[] = [];

const classBody = (over: Record<string, unknown> = {}) => ({
  name: '焊工就业技能培训班',
  institutionId,
  occupationCode: '6-18-02-04',
  trainingType: 'employment_skill',
  startDate: '2026-03-10',
  endDate: '2026-03-31',
  sessions: 10,
  capacity: 30,
  regionCode: T1,
  teacher: '赵师傅',
  ...over,
});

describe('institutions and classes', () => {
  it('refuses a class at an unapproved, expired or unqualified institution', async () => {
    const created = await call(cityApprover, 'POST', '/api/training/institutions', {
      name: '五华区职业技能培训学校',
      kind: 'designated',
      regionCode: '530102',
      occupations: ['6-18', '4-10-01-06'],
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().status).toBe('pending');
    institutionId = created.json().id;
    const pending = await call(clerk, 'POST', '/api/training/classes', classBody());
    expect(pending.statusCode).toBe(409);
    expect(pending.json().detail).toBe('培训机构“五华区职业技能培训学校”未通过认定（待认定），不能开班');
    const noEnd = await call(cityApprover, 'PATCH', `/api/training/institutions/${institutionId}`, {
      status: 'approved',
    });
    expect(noEnd.statusCode).toBe(400);
    expect(noEnd.json().detail).toBe('认定培训机构须填写有效期止');
    const expired = await call(cityApprover, 'PATCH', `/api/training/institutions/${institutionId}`, {
      status: 'approved',
      validFrom: '2024-01-01',
      validTo: '2026-01-31',
    });
    expect(expired.statusCode, expired.body).toBe(200);
    const late = await call(clerk, 'POST', '/api/training/classes', classBody());
    expect(late.statusCode).toBe(409);
    expect(late.json().detail).toBe('培训机构“五华区职业技能培训学校”的认定已于 2026-01-31 过期，不能开班');
    await call(cityApprover, 'PATCH', `/api/training/institutions/${institutionId}`, { validTo: '2028-12-31' });
    const electrician = await call(clerk, 'POST', '/api/training/classes', classBody({ occupationCode: '6-31-01-03' }));
    expect(electrician.statusCode).toBe(400);
    expect(electrician.json().detail).toBe('培训机构“五华区职业技能培训学校”未获准培训该职业（工种）');
    // the clerk (officer) may not approve institutions
    expect(
      (await call(clerk, 'PATCH', `/api/training/institutions/${institutionId}`, { status: 'revoked' })).statusCode,
    ).toBe(403);
  });

  it('opens a class and checks its own fields', async () => {
    const r = await call(clerk, 'POST', '/api/training/classes', classBody());
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ occupationName: '焊工', enrolled: 0, institutionName: '五华区职业技能培训学校' });
    classA = r.json().id;
    const reversed = await call(clerk, 'POST', '/api/training/classes', classBody({ endDate: '2026-03-01' }));
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().detail).toBe('结束日期不能早于开始日期');
    const order = await call(clerk, 'POST', '/api/training/classes', classBody({ mode: 'order' }));
    expect(order.json().detail).toBe('订单式培训须选择用人单位');
    const outside = await call(clerk, 'POST', '/api/training/classes', classBody({ regionCode: '530103' }));
    expect(outside.statusCode).toBe(404);
  });
});

describe('enrolment', () => {
  it('enrols registry workers by id or ID number, once', async () => {
    const a = await call(clerk, 'POST', `/api/training/classes/${classA}/enrolments`, { workerId: workers[0] });
    expect(a.statusCode, a.body).toBe(201);
    expect(a.json()).toMatchObject({ workerName: '张*', status: 'enrolled', attended: 0 });
    const b = await call(clerk, 'POST', `/api/training/classes/${classA}/enrolments`, { idNumber: IDS[1] });
    expect(b.statusCode, b.body).toBe(201);
    const c = await call(clerk, 'POST', `/api/training/classes/${classA}/enrolments`, { workerId: workers[2] });
    enrolments.push(a.json().id, b.json().id, c.json().id);
    const twice = await call(clerk, 'POST', `/api/training/classes/${classA}/enrolments`, { idNumber: IDS[0] });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().detail).toBe('该人员已报名本培训班，不能重复报名');
    const unknown = await call(clerk, 'POST', `/api/training/classes/${classA}/enrolments`, {
      idNumber: idNumber('530102', '1980-01-01', '999'),
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().detail).toBe('该身份证号尚未实名制登记，请先登记务工人员');
    const neither = await call(clerk, 'POST', `/api/training/classes/${classA}/enrolments`, {});
    expect(neither.statusCode).toBe(400);
  });

  it('imports trainees from a workbook through the same checks, and exports the list masked', async () => {
    const cls = await call(
      clerk,
      'POST',
      '/api/training/classes',
      classBody({
        name: '家政导入班',
        occupationCode: '4-10-01-06',
        startDate: '2026-10-01',
        endDate: '2026-10-10',
        subsidised: false,
      }),
    );
    const id = cls.json().id as string;
    const csv = [
      '姓名,身份证号,劳动合同期限（月）',
      `张三,${IDS[0]},`,
      `李四,${IDS[1]},12`,
      '错号,123,',
      `无名,${idNumber('530102', '1980-01-01', '999')},`,
    ].join('\r\n');
    const upload = async () => {
      const { payload, headers } = multipartBody({}, { name: 'trainees.csv', data: Buffer.from(csv) });
      const r = await t.app.inject({
        method: 'POST',
        url: `/api/training/classes/${id}/enrolments/upload`,
        headers: { ...headers, cookie: clerk.cookie },
        payload,
      });
      expect(r.statusCode, r.body).toBe(202);
      await t.services.imports.idle();
      return (await call(clerk, 'GET', `/api/imports/${r.json().id}`)).json();
    };
    const first = await upload();
    expect(first, first.message).toMatchObject({ status: 'done', createdRows: 2, errorRows: 2 });
    const again = await upload();
    expect(again, again.message).toMatchObject({ unchangedRows: 2, createdRows: 0, errorRows: 2 });
    const list = (await call(clerk, 'GET', `/api/training/classes/${id}/enrolments`)).json();
    expect(list.items).toHaveLength(2);
    const file = await call(clerk, 'GET', `/api/training/classes/${id}/enrolments/export`);
    expect(file.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('学员名单')!;
    expect(sheet.rowCount).toBe(3);
    expect(String(sheet.getRow(2).getCell(3).value)).toMatch(/^530102\*{8}\d{3}[\dX]$/);
    expect(file.rawPayload.toString('latin1')).not.toContain(IDS[0]);
    const outside = await call(other, 'GET', `/api/training/classes/${id}/enrolments/export`);
    expect(outside.statusCode).toBe(404);
  });

  it('refuses overlapping classes, a second subsidised training of an occupation a year, a full class', async () => {
    const b = await call(
      clerk,
      'POST',
      '/api/training/classes',
      classBody({
        name: '家政服务员培训班',
        occupationCode: '4-10-01-06',
        startDate: '2026-03-20',
        endDate: '2026-04-10',
      }),
    );
    const overlap = await call(clerk, 'POST', `/api/training/classes/${b.json().id}/enrolments`, {
      workerId: workers[0],
    });
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json().detail).toBe(
      '该人员已报名“焊工就业技能培训班”（2026-03-10 至 2026-03-31），与本班培训时间重叠，不能同时参加',
    );
    const c = await call(
      clerk,
      'POST',
      '/api/training/classes',
      classBody({ name: '焊工提高班', startDate: '2026-09-01', endDate: '2026-09-20' }),
    );
    const again = await call(clerk, 'POST', `/api/training/classes/${c.json().id}/enrolments`, {
      workerId: workers[0],
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toBe(
      '该人员 2026 年已参加过“焊工”的补贴性培训（“焊工就业技能培训班”），每人每年同一职业（工种）限 1 次',
    );
    const d = await call(
      clerk,
      'POST',
      '/api/training/classes',
      classBody({
        name: '小班',
        occupationCode: '4-10-01-06',
        startDate: '2026-06-01',
        endDate: '2026-06-05',
        capacity: 1,
      }),
    );
    expect(
      (await call(clerk, 'POST', `/api/training/classes/${d.json().id}/enrolments`, { workerId: workers[0] }))
        .statusCode,
    ).toBe(201);
    const full = await call(clerk, 'POST', `/api/training/classes/${d.json().id}/enrolments`, { workerId: workers[1] });
    expect(full.statusCode).toBe(409);
    expect(full.json().detail).toBe('培训班已满（计划 1 人），不能再报名');
  });

  it('records attendance per session, results and certificates (on the 一人一档 timeline)', async () => {
    for (let s = 1; s <= 10; s++) {
      const present = [s <= 9 ? enrolments[0] : null, s <= 7 ? enrolments[1] : null].filter(Boolean);
      const r = await call(clerk, 'PUT', `/api/training/classes/${classA}/attendance`, { session: s, present });
      expect(r.statusCode, r.body).toBe(200);
    }
    const beyond = await call(clerk, 'PUT', `/api/training/classes/${classA}/attendance`, { session: 11, present: [] });
    expect(beyond.json().detail).toBe('课次超出本班课时数（共 10 次）');
    const sheet = (await call(clerk, 'GET', `/api/training/classes/${classA}/attendance`)).json();
    expect(sheet.rows.find((r: { enrolmentId: string }) => r.enrolmentId === enrolments[0]).present).toHaveLength(9);

    const url = (i: number) => `/api/training/classes/${classA}/enrolments/${enrolments[i]}`;
    const noPass = await call(clerk, 'PATCH', url(0), { status: 'completed' });
    expect(noPass.statusCode).toBe(400);
    expect(noPass.json().detail).toBe('考核结果为合格方可结业');
    const early = await call(clerk, 'POST', `${url(2)}/certificates`, {
      kind: 'training',
      number: 'PX-1',
      issuedOn: '2026-04-01',
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toBe('学员尚未结业（考核合格），不能登记证书');
    for (const i of [0, 1]) {
      const r = await call(clerk, 'PATCH', url(i), { status: 'completed', examResult: 'pass', examScore: 86 });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json().completedOn).toBe('2026-03-31');
    }
    const noLevel = await call(clerk, 'POST', `${url(0)}/certificates`, {
      kind: 'skill_level',
      number: 'S1',
      issuedOn: '2026-04-10',
    });
    expect(noLevel.json().detail).toContain('职业技能等级证书须填写等级');
    // the worker seeks a job (employment): the certificate joins the skills it is matched on
    const seeker = await call(clerk, 'POST', '/api/seekers', {
      workerId: workers[0],
      occupations: ['6-18-02-04'],
      preference: 'local',
      minWageFen: 400_000,
    });
    expect(seeker.statusCode, seeker.body).toBe(201);
    const cert = await call(clerk, 'POST', `${url(0)}/certificates`, {
      kind: 'skill_level',
      level: '4',
      number: 'S2026530102000001',
      issuedOn: '2026-04-10',
    });
    expect(cert.statusCode, cert.body).toBe(201);
    expect(cert.json().certificates).toHaveLength(1);
    const dup = await call(clerk, 'POST', `${url(1)}/certificates`, {
      kind: 'skill_level',
      level: '4',
      number: 'S2026530102000001',
      issuedOn: '2026-04-10',
    });
    expect(dup.statusCode).toBe(409);
    await call(clerk, 'POST', `${url(1)}/certificates`, { kind: 'training', number: 'PX-2', issuedOn: '2026-04-10' });
    const timeline = await call(clerk, 'GET', `/api/workers/${workers[0]}/timeline`);
    const entries = timeline.json() as { type: string; summary: string }[];
    expect(entries.find((e) => e.type === 'training.certificate_issued')?.summary).toBe(
      '取得焊工职业技能等级证书（四级/中级工）',
    );
    // the port the employment module reads
    const certs = await t.db.scoped(SYSTEM_SCOPE, (tx) => t.services.training.certificatesOf(tx, [workers[0]]));
    expect(certs).toMatchObject([{ kind: 'skill_level', level: '4', occupationCode: '6-18-02-04' }]);
    const skills = (await call(clerk, 'GET', `/api/seekers/${seeker.json().id}`)).json().skills;
    expect(skills).toContainEqual({ occupationCode: '6-18-02-04', certificate: '职业技能等级证书（四级/中级工）' });
  });
});

describe('subsidies', () => {
  let claimId: string;
  const account = '6222021234567890128';

  it('keeps rules as data; an enterprise rule pays at most half the standard', async () => {
    const base = {
      name: '就业技能培训补贴（焊工）',
      occupationPrefix: '6-18',
      trainingType: 'employment_skill',
      amountFen: 150_000,
      requireCertificate: true,
      minAttendancePct: 80,
      validFrom: '2026-01-01',
    };
    const byReviewer = await call(countyApprover, 'POST', '/api/training/subsidies/rules', base);
    expect(byReviewer.statusCode).toBe(403);
    expect(byReviewer.json().detail).toBe('没有执行此操作的权限');
    const byCounty = await call(countyAdmin, 'POST', '/api/training/subsidies/rules', base);
    expect(byCounty.statusCode).toBe(403);
    expect(byCounty.json().detail).toBe('补贴标准由市级设定，区县及以下用户不能修改');
    expect((await call(clerk, 'POST', '/api/training/subsidies/rules', base)).statusCode).toBe(403);
    const r = await call(cityApprover, 'POST', '/api/training/subsidies/rules', base);
    expect(r.statusCode, r.body).toBe(201);
    const tooMuch = await call(cityApprover, 'POST', '/api/training/subsidies/rules', {
      ...base,
      name: '企业新招用新疆籍劳动者培训补贴',
      payee: 'enterprise',
      sharePct: 60,
    });
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json().detail).toContain('拨付企业的补贴不得超过现行标准的 50%');
  });

  it('refuses a claim without its condition, with the reasons', async () => {
    const url = `/api/training/classes/${classA}/enrolments/${enrolments[1]}/subsidy`;
    const preview = (await call(clerk, 'GET', url)).json();
    expect(preview).toMatchObject({ ok: false, reasons: ['出勤率 70% 低于 80%'] });
    const r = await call(clerk, 'POST', '/api/training/subsidies', {
      enrolmentId: enrolments[1],
      payeeName: '李四',
      account,
      bankName: '中国工商银行昆明分行',
    });
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('CONDITION_NOT_MET');
    expect(r.json().detail).toBe('不符合培训补贴条件：出勤率 70% 低于 80%');
  });

  it('computes a claim with the rule that applied, and never pays twice', async () => {
    const body = { enrolmentId: enrolments[0], payeeName: '张三', account, bankName: '中国工商银行昆明分行' };
    const r = await call(clerk, 'POST', '/api/training/subsidies', body);
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({
      amountFen: 150_000,
      ruleName: '就业技能培训补贴（焊工）',
      status: 'pending_township',
      accountMasked: '****0128',
    });
    claimId = r.json().id;
    const twice = await call(clerk, 'POST', '/api/training/subsidies', body);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().detail).toBe('该人员 2026 年已申领过“焊工”的培训补贴，同一职业（工种）不能重复申领');
    // the database holds the rule too: a second live claim for the key cannot be written
    const keys = await all(t.db.owner, sql`select claim_key from training_claim_keys`);
    expect(keys).toHaveLength(1);
    await expect(
      t.db.owner.execute(
        sql`insert into training_claim_keys (claim_key, county_code, claim_id, region_code)
          select claim_key, county_code, gen_random_uuid(), region_code from training_claim_keys`,
      ),
    ).rejects.toThrow();
  });

  it('edits a standard (city level, audited) without changing a claim already computed', async () => {
    const rules = (await call(clerk, 'GET', '/api/training/subsidies/rules')).json().items;
    const rule = rules.find((r: { name: string }) => r.name === '就业技能培训补贴（焊工）');
    const { id, active: _a, ...terms } = rule;
    const url = `/api/training/subsidies/rules/${id}`;
    const raised = { ...terms, name: '就业技能培训补贴（焊工，2026 年调整）', amountFen: 180_000 };
    expect((await call(countyApprover, 'PUT', url, raised)).statusCode).toBe(403);
    expect((await call(countyAdmin, 'PUT', url, raised)).json().detail).toBe(
      '补贴标准由市级设定，区县及以下用户不能修改',
    );
    const bad = await call(cityApprover, 'PUT', url, { ...raised, payee: 'enterprise', sharePct: 80 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail).toContain('拨付企业的补贴不得超过现行标准的 50%');
    const reversed = await call(cityApprover, 'PUT', url, { ...raised, validTo: '2025-12-31' });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().detail).toContain('有效期止不能早于有效期起');
    const missing = await call(cityApprover, 'PUT', `/api/training/subsidies/rules/${randomUUID()}`, raised);
    expect([missing.statusCode, missing.json().detail]).toEqual([404, '补贴标准不存在']);
    const r = await call(cityApprover, 'PUT', url, raised);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ id, amountFen: 180_000, name: '就业技能培训补贴（焊工，2026 年调整）' });
    // the claim computed before keeps the rule as it applied: name, amount and basis
    const claim = (await call(clerk, 'GET', '/api/training/subsidies'))
      .json()
      .items.find((c: { id: string }) => c.id === claimId);
    expect(claim).toMatchObject({ amountFen: 150_000, ruleId: id, ruleName: '就业技能培训补贴（焊工）' });
    expect(claim.basis).toContain('标准 150000 分 × 100%');
    // a computation now applies the new terms
    const preview = await call(clerk, 'GET', `/api/training/classes/${classA}/enrolments/${enrolments[0]}/subsidy`);
    expect(preview.json()).toMatchObject({ ok: true, amountFen: 180_000 });
    // deactivated, it applies to nothing; active again
    const off = await call(cityApprover, 'PATCH', url, { active: false });
    expect(off.json().active).toBe(false);
    expect(
      (await call(clerk, 'GET', `/api/training/classes/${classA}/enrolments/${enrolments[0]}/subsidy`)).json(),
    ).toMatchObject({ ok: false, reasons: ['没有适用的补贴标准（职业、培训类型或证书不符）'] });
    expect((await call(cityApprover, 'PATCH', url, { active: true })).json().active).toBe(true);
    const audit = await all<{ action: string; detail: { changes?: string[] } }>(
      t.db.owner,
      sql`select action, detail from audit_log where object_id = ${id} order by seq`,
    );
    expect(audit.map((a) => a.action)).toEqual([
      'training.rule_create',
      'training.rule_update',
      'training.rule_deactivate',
      'training.rule_activate',
    ]);
    expect(audit[1].detail.changes).toEqual([
      'name: 就业技能培训补贴（焊工） → 就业技能培训补贴（焊工，2026 年调整）',
      'amountFen: 150000 → 180000',
    ]);
  });

  it('is approved level by level: township → county → city, each at its own level only', async () => {
    const approve = (s: Session) => call(s, 'POST', `/api/training/subsidies/${claimId}/approve`, { confirm: true });
    // four eyes: the officer who filed it cannot approve it, a reviewer cannot file one
    const byClerk = await approve(clerk);
    expect([byClerk.statusCode, byClerk.json().detail]).toEqual([403, '没有执行此操作的权限']);
    const filedByReviewer = await call(twnApprover, 'POST', '/api/training/subsidies', {
      enrolmentId: enrolments[0],
      payeeName: '张三',
      account,
      bankName: '工行',
    });
    expect(filedByReviewer.statusCode).toBe(403);
    expect((await approve(villageApprover)).json().detail).toBe('村（社区）用户不能审核培训补贴');
    const early = await approve(countyApprover);
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toBe('该申请待乡镇（街道）审核，您是区（县）级审核人员，不能在本环节审核');
    const noConfirm = await call(twnApprover, 'POST', `/api/training/subsidies/${claimId}/approve`, {});
    expect(noConfirm.statusCode).toBe(400);
    const queue = (await call(twnApprover, 'GET', '/api/training/subsidies?queue=mine')).json();
    expect(queue.items.map((c: { id: string }) => c.id)).toEqual([claimId]);
    expect(queue.items[0].canApprove).toBe(true);
    expect((await approve(twnApprover)).json().status).toBe('pending_county');
    expect((await approve(countyApprover)).json().status).toBe('pending_city');
    const done = await approve(cityApprover);
    expect(done.json().status).toBe('approved');
    expect(done.json().steps.map((s: { level: string | null }) => s.level)).toEqual([
      null,
      'township',
      'county',
      'city',
    ]);
    expect((await approve(cityApprover)).statusCode).toBe(409);
  });

  it('pays approved claims in a batch exported as the bank workbook, audited', async () => {
    const b = await call(cityApprover, 'POST', '/api/training/subsidies/batches', {
      countyCode: '530102',
      confirm: true,
    });
    expect(b.statusCode, b.body).toBe(201);
    expect(b.json()).toMatchObject({ claims: 1, totalFen: 150_000, batchNo: 'PX53010220260302' + '01' });
    const empty = await call(cityApprover, 'POST', '/api/training/subsidies/batches', {
      countyCode: '530102',
      confirm: true,
    });
    expect(empty.json().detail).toBe('该区（县）没有已审批待拨付的补贴申请');
    const file = await call(cityApprover, 'GET', `/api/training/subsidies/batches/${b.json().id}/export`);
    expect(file.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const row = wb.getWorksheet('代发明细')!.getRow(2);
    expect([row.getCell(2).value, row.getCell(3).value, row.getCell(5).value]).toEqual(['张三', account, '1500.00']);
    const claim = (await call(clerk, 'GET', '/api/training/subsidies?status=paid')).json();
    expect(claim.items[0].status).toBe('paid');
    const audit = await all<{ action: string }>(
      t.db.owner,
      sql`select action from audit_log where action like 'training.%' order by seq`,
    );
    const actions = audit.map((a) => a.action);
    for (const a of [
      'training.claim_submit',
      'training.claim_approve',
      'training.batch_create',
      'training.batch_export',
    ])
      expect(actions).toContain(a);
  });

  it('pays an enterprise half the standard for new hires from Xinjiang on ≥ 1-year contracts (Altay 二)', async () => {
    const rule = await call(cityApprover, 'POST', '/api/training/subsidies/rules', {
      name: '企业新招用新疆籍劳动者培训补贴',
      occupationPrefix: '6-18',
      amountFen: 150_000,
      requireCertificate: true,
      minAttendancePct: 80,
      payee: 'enterprise',
      sharePct: 50,
      minContractMonths: 12,
      originProvince: '65',
      validFrom: '2026-01-01',
    });
    expect(rule.statusCode, rule.body).toBe(201);
    const cls = await call(
      clerk,
      'POST',
      '/api/training/classes',
      classBody({
        name: '订单式焊工班',
        mode: 'order',
        employerId,
        payee: 'enterprise',
        startDate: '2026-04-01',
        endDate: '2026-04-20',
        sessions: 2,
      }),
    );
    expect(cls.statusCode, cls.body).toBe(201);
    expect(cls.json().employerName).toBe('昆明某机械制造有限公司');
    const id = cls.json().id;
    const e = await call(clerk, 'POST', `/api/training/classes/${id}/enrolments`, {
      idNumber: IDS[3],
      contractMonths: 11,
    });
    expect(e.statusCode, e.body).toBe(201);
    const url = `/api/training/classes/${id}/enrolments/${e.json().id}`;
    for (const session of [1, 2])
      await call(clerk, 'PUT', `/api/training/classes/${id}/attendance`, { session, present: [e.json().id] });
    await call(clerk, 'PATCH', url, { status: 'completed', examResult: 'pass' });
    await call(clerk, 'POST', `${url}/certificates`, {
      kind: 'special_ability',
      number: 'ZX-1',
      issuedOn: '2026-04-25',
    });
    const short = (await call(clerk, 'GET', `${url}/subsidy`)).json();
    expect(short).toMatchObject({ ok: false, reasons: ['与企业签订的劳动合同不足 12 个月'] });
    await call(clerk, 'PATCH', url, { contractMonths: 12 });
    const body = {
      enrolmentId: e.json().id,
      payeeName: '昆明某机械制造有限公司',
      account: '2502012345678',
      bankName: '工行',
    };
    const claim = await call(clerk, 'POST', '/api/training/subsidies', body);
    expect(claim.statusCode, claim.body).toBe(201);
    expect(claim.json()).toMatchObject({
      payee: 'enterprise',
      amountFen: 75_000,
      ruleName: '企业新招用新疆籍劳动者培训补贴',
    });
  });
});

describe('printable completion roster', () => {
  it('prints the roster and the certificates of class A (masked, audited); 404 out of scope', async () => {
    const r = await call(clerk, 'GET', `/api/training/classes/${classA}/completion`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toContain('text/html');
    expect(r.headers['content-security-policy']).toContain("default-src 'none'");
    expect(r.body).toContain('职业技能培训结业名册');
    expect(r.body).toContain('培训合格证书');
    expect(r.body).not.toContain(IDS[0]);
    expect(r.body).toContain('张*');
    expect((await call(other, 'GET', `/api/training/classes/${classA}/completion`)).statusCode).toBe(404);
    const audit = await all(t.db.owner, sql`select 1 from audit_log where action = 'training.completion_print'`);
    expect(audit).toHaveLength(1);
  });
});

describe('subsidy list export', () => {
  it('exports the claims in scope as a workbook, accounts masked, audited; another county exports none', async () => {
    const file = await call(clerk, 'GET', '/api/training/subsidies/export');
    expect(file.statusCode, file.body).toBe(200);
    expect(file.headers['content-disposition']).toContain(encodeURIComponent('培训补贴申请_'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('补贴申请名单')!;
    const rows: unknown[][] = [];
    ws.eachRow((row, n) => {
      if (n > 1) rows.push([2, 5, 6, 8, 9].map((c) => row.getCell(c).value));
    });
    expect(rows).toEqual(
      expect.arrayContaining([
        ['张*', '1500.00', '个人', '****0128', '已拨付'],
        ['艾*', '750.00', '企业', '****5678', '待乡镇（街道）审核'],
      ]),
    );
    expect(JSON.stringify(rows)).not.toContain('6222021234567890128');
    const paid = await call(clerk, 'GET', '/api/training/subsidies/export?status=paid');
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(paid.rawPayload as unknown as ArrayBuffer);
    expect(wb2.getWorksheet('补贴申请名单')!.rowCount).toBe(2);
    expect((await call(clerk, 'GET', '/api/training/subsidies/export?status=unknown')).statusCode).toBe(400);
    const none = await call(other, 'GET', '/api/training/subsidies/export');
    const wb3 = new ExcelJS.Workbook();
    await wb3.xlsx.load(none.rawPayload as unknown as ArrayBuffer);
    expect(wb3.getWorksheet('补贴申请名单')!.rowCount).toBe(1);
    const audit = await all(t.db.owner, sql`select 1 from audit_log where action = 'training.claims_export'`);
    expect(audit).toHaveLength(3);
  });
});

describe('targets and scope', () => {
  it('shows progress against the yearly target from completions', async () => {
    const r = await call(cityApprover, 'PUT', '/api/training/targets', {
      regionCode: '5301',
      year: 2026,
      personTimes: 300000,
    });
    expect(r.statusCode, r.body).toBe(200);
    const target = r.json().items.find((x: { regionCode: string }) => x.regionCode === '5301');
    expect(target).toMatchObject({
      completed: 3,
      personTimes: 300000,
      byMonth: [
        { month: '2026-03', completed: 2 },
        { month: '2026-04', completed: 1 },
      ],
    });
    expect(
      (await call(clerk, 'PUT', '/api/training/targets', { regionCode: '5301', year: 2026, personTimes: 1 }))
        .statusCode,
    ).toBe(403);
  });

  it("hides another county's classes and enrolments (404), and lists only those in scope", async () => {
    expect((await call(other, 'GET', `/api/training/classes/${classA}`)).statusCode).toBe(404);
    expect((await call(other, 'GET', `/api/training/classes/${classA}/enrolments`)).statusCode).toBe(404);
    expect(
      (await call(other, 'POST', `/api/training/classes/${classA}/enrolments`, { workerId: workers[3] })).statusCode,
    ).toBe(404);
    expect((await call(other, 'GET', '/api/training/classes')).json().total).toBe(0);
    expect((await call(other, 'GET', '/api/training/subsidies')).json().total).toBe(0);
    expect((await call(clerk, 'GET', '/api/training/classes')).json().total).toBeGreaterThan(0);
  });
});
