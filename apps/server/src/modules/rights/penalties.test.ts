/**
 * 行政处罚 on an inspection case through the API: the prior notice (事先告知) checked against the legal-basis catalogue,
 * the hearing notice for a large fine and its 5-day wait, the decision by the head only, the register (scoped,
 * filtered, exported with its audit row), and the wage module's integrity grade lowered by the recorded violation
 * (kept in its own table from the rights.violation_recorded event); a violation confirmed at closure.
 */
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { all, one } from '../../db/client.js';
import { provisionUser } from '../../bootstrap.js';
import { api, signIn, startTestPlatform, type TestPlatform } from '../../test/harness.js';

let t: TestPlatform;
const PASSWORD = 'Inspect#Penalty-2026xy';
const cookies: Record<string, string> = {};
const states: Record<string, { password: string; totpSecret?: string }> = {};
const ids: Record<string, string> = {};
let employerId: string;
let inspection: string;

const BASIS_55 = '《保障农民工工资支付条例》第五十五条（未开设专用账户、未存储工资保证金、未实行实名制管理等）';
const BASIS_24 = '《劳动保障监察条例》第二十四条（不依法订立劳动合同）';

async function user(username: string, roles: string[], regionCode: string) {
  await provisionUser(t.db, t.services, { username, displayName: username, roles, regionCode, password: PASSWORD });
  const s = await signIn(t, username, { password: PASSWORD });
  states[username] = s;
  cookies[username] = s.cookie;
  const me = await api(t, 'GET', '/api/auth/me', { cookie: cookies[username] });
  ids[username] = me.json().id ?? me.json().user?.id;
}

const step = (who: string, id: string, event: string, fields: Record<string, unknown> = {}) =>
  api(t, 'POST', `/api/cases/${id}/transitions`, { cookie: cookies[who], body: { event, fields } });

async function ok(who: string, id: string, event: string, fields: Record<string, unknown> = {}) {
  const r = await step(who, id, event, fields);
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as { id: string; links: { caseId: string; kind: string }[]; data: Record<string, unknown> };
}

/** A complaint against the employer, accepted, and the inspection case opened from it. */
async function openInspection(regionCode = '530102001'): Promise<string> {
  const c = await api(t, 'POST', '/api/complaints', {
    cookie: cookies.pen_wuhua,
    body: {
      channel: 'hotline',
      regionCode,
      complainantName: '王五',
      phone: '13912345678',
      employerId,
      employerName: '昆明处罚测试建筑有限公司',
      claims: [{ kind: 'wages', amountFen: 2_000_000, description: '工资' }],
      summary: '项目未开设农民工工资专用账户，拖欠工资',
    },
  });
  expect(c.statusCode, c.body).toBe(201);
  await ok('pen_wuhua', c.json().id, 'accept', { inspectors: [ids.pen_wuhua, ids.pen_wuhua2] });
  const opened = await ok('pen_wuhua', c.json().id, 'open_inspection');
  const id = opened.links.find((l) => l.kind === 'derived')!.caseId;
  await ok('pen_wuhua', id, 'investigate', { inspectors: [ids.pen_wuhua, ids.pen_wuhua2] });
  return id;
}

const grade = async () => {
  const r = await api(t, 'GET', `/api/employers/${employerId}/integrity`, { cookie: cookies.pen_wuhua });
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as { grade: string; inspectionViolations: number; lastViolationOn: string | null };
};

async function signInAgain() {
  for (const u of Object.keys(states)) cookies[u] = (await signIn(t, u, states[u])).cookie;
}

beforeAll(async () => {
  t = await startTestPlatform();
  await user('pen_wuhua', ['officer'], '530102');
  await user('pen_wuhua2', ['officer'], '530102');
  await user('pen_head', ['inspection_head'], '530102');
  await user('pen_panlong', ['officer'], '530103');
  const e = await api(t, 'POST', '/api/employers', {
    cookie: cookies.pen_wuhua,
    body: {
      creditCode: '91530100MA6K0001X7',
      name: '昆明处罚测试建筑有限公司',
      industry: 'E',
      size: 'small',
      regionCode: '530102',
    },
  });
  expect(e.statusCode, e.body).toBe(201);
  employerId = e.json().id as string;
  // On the register since 2020 with a clean record: grade A until a violation is recorded.
  await t.db.owner.execute(sql`update employers set created_at = '2020-01-01T00:00:00Z' where id = ${employerId}`);
  inspection = await openInspection();
}, 120_000);
afterAll(async () => t?.close());

describe('行政处罚', () => {
  it('refuses a decision before the notice, and a notice whose basis does not fit', async () => {
    expect((await grade()).grade).toBe('A');
    const early = await step('pen_head', inspection, 'penalize', {
      decisionNo: '五人社监罚〔2026〕1号',
      decidedOn: '2026-03-02',
      statement: '未提出陈述、申辩',
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toBe('作出行政处罚决定前须先进行行政处罚事先告知（告知陈述、申辩权利）');
    const notice = {
      violation: '未按规定设专用账户/实名制',
      facts: '项目开工后未开设农民工工资专用账户',
      penaltyKind: '罚款',
      basis: BASIS_24,
      amountFen: 5_000_000,
      noticeNo: '五人社监告〔2026〕1号',
    };
    const wrong = await step('pen_wuhua', inspection, 'penalty_notice', notice);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().detail).toBe(`${BASIS_24}不适用于违法行为“未按规定设专用账户/实名制”`);
    const noAmount = await step('pen_wuhua', inspection, 'penalty_notice', {
      ...notice,
      basis: BASIS_55,
      amountFen: undefined,
    });
    expect(noAmount.json().detail).toBe('罚款须填写罚款金额（分）');
    const unknown = await step('pen_wuhua', inspection, 'penalty_notice', { ...notice, basis: '《某条例》第一条' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().detail).toContain('法律依据的取值无效');
  });

  it('notifies the hearing right for a large fine and waits 5 days before the decision', async () => {
    const n = await ok('pen_wuhua', inspection, 'penalty_notice', {
      violation: '未按规定设专用账户/实名制',
      facts: '项目开工后未开设农民工工资专用账户',
      penaltyKind: '罚款',
      basis: BASIS_55,
      amountFen: 5_000_000,
      noticeNo: '五人社监告〔2026〕1号',
    });
    expect(n.data.penalty_notice).toMatchObject({
      violationKind: 'wage_institutions',
      penaltyKindCode: 'fine',
      basisCode: 'wage_55',
      hearingNotified: 'yes',
      noticedOn: '2026-03-02',
    });
    const decision = { decisionNo: '五人社监罚〔2026〕1号', decidedOn: '2026-03-02', statement: '已听取陈述、申辩' };
    const byOfficer = await step('pen_wuhua', inspection, 'penalize', decision);
    expect(byOfficer.statusCode).toBe(403);
    const tooSoon = await step('pen_head', inspection, 'penalize', decision);
    expect(tooSoon.statusCode).toBe(400);
    expect(tooSoon.json().detail).toBe(
      '已告知听证权利：当事人可在告知后 5 日内要求听证，决定日期不能早于 2026-03-07（已举行听证或当事人放弃听证的除外）',
    );
    t.clock.advance(6 * 86_400_000); // 2026-03-08
    await signInAgain();
    const future = await step('pen_head', inspection, 'penalize', { ...decision, decidedOn: '2026-03-09' });
    expect(future.json().detail).toBe('决定日期不能晚于今天（2026-03-08）');
    const heavier = await step('pen_head', inspection, 'penalize', {
      ...decision,
      decidedOn: '2026-03-08',
      amountFen: 6_000_000,
    });
    expect(heavier.json().detail).toBe('罚款金额不能高于告知金额（50,000.00 元）');
    await ok('pen_head', inspection, 'penalize', { ...decision, decidedOn: '2026-03-08' });
    const again = await step('pen_head', inspection, 'penalize', {
      ...decision,
      decisionNo: '五人社监罚〔2026〕2号',
      decidedOn: '2026-03-08',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toBe('告知书 五人社监告〔2026〕1号 已作出处罚决定，如需另行处罚请重新告知');
  });

  it('lowers the employer integrity grade through the wage module’s own table', async () => {
    const g = await grade();
    expect(g).toMatchObject({ grade: 'C', inspectionViolations: 1, lastViolationOn: '2026-03-08' });
    const kept = await all<{ kind: string; penaltyKind: string; on: string }>(
      t.db.owner,
      sql`select kind, penalty_kind as "penaltyKind", on_date::text as "on" from employer_violations
        where employer_id = ${employerId}`,
    );
    expect(kept).toEqual([{ kind: 'wage_institutions', penaltyKind: 'fine', on: '2026-03-08' }]);
  });

  it('lists the decisions in scope with filters, and shows them for the case', async () => {
    const r = await api(t, 'GET', '/api/rights/penalties', { cookie: cookies.pen_wuhua });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ total: 1, finesFen: 5_000_000 });
    expect(r.json().items[0]).toMatchObject({
      caseId: inspection,
      employerId,
      employerName: '昆明处罚测试建筑有限公司',
      violationName: '未按规定设专用账户/实名制',
      penaltyName: '罚款',
      basisCode: 'wage_55',
      basisName: BASIS_55,
      amountFen: 5_000_000,
      decisionNo: '五人社监罚〔2026〕1号',
      noticedOn: '2026-03-02',
      hearingNotified: true,
      decidedOn: '2026-03-08',
    });
    const ofCase = await api(t, 'GET', `/api/rights/penalties?caseId=${inspection}`, { cookie: cookies.pen_head });
    expect(ofCase.json().total).toBe(1);
    const warnings = await api(t, 'GET', '/api/rights/penalties?penaltyKind=warning', { cookie: cookies.pen_wuhua });
    expect(warnings.json().total).toBe(0);
    const other = await api(t, 'GET', '/api/rights/penalties', { cookie: cookies.pen_panlong });
    expect(other.json()).toMatchObject({ total: 0, items: [] });
    const outside = await api(t, 'GET', '/api/rights/penalties?regionCode=530102', { cookie: cookies.pen_panlong });
    expect(outside.statusCode).toBe(404);
    const bad = await api(t, 'GET', '/api/rights/penalties?basisCode=nope', { cookie: cookies.pen_wuhua });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('法律依据无效');
    const reversed = await api(t, 'GET', '/api/rights/penalties?from=2026-03-09&to=2026-03-01', {
      cookie: cookies.pen_wuhua,
    });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().detail).toBe('结束日期不能早于开始日期');
  });

  it('exports the register as xlsx after writing its audit row', async () => {
    const r = await api(t, 'GET', '/api/rights/penalties.xlsx', { cookie: cookies.pen_wuhua });
    expect(r.statusCode, r.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(String(ws.getRow(1).getCell(1).value)).toContain('导出人：pen_wuhua');
    expect(ws.getRow(3).getCell(1).value).toBe('五人社监罚〔2026〕1号');
    expect(ws.getRow(3).getCell(7).value).toBe(BASIS_55);
    const audited = await one<{ n: number }>(
      t.db.owner,
      sql`select count(*)::int as n from audit_log where action = 'penalty.export' and outcome = 'success'`,
    );
    expect(audited!.n).toBe(1);
  });

  it('prints the 行政处罚决定书 and its 事先告知书 in scope, audited, the party masked', async () => {
    const list = await api(t, 'GET', '/api/rights/penalties', { cookie: cookies.pen_wuhua });
    const id = list.json().items[0].id as string;
    const r = await api(t, 'GET', `/api/rights/penalties/${id}/document`, { cookie: cookies.pen_wuhua });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toContain('text/html');
    expect(String(r.headers['content-security-policy'])).toContain("default-src 'none'");
    const html = r.body;
    expect(html).toContain('行政处罚决定书');
    expect(html).toContain('五人社监罚〔2026〕1号');
    expect(html).toContain('人力资源和社会保障局');
    expect(html).toContain('昆明处罚测试建筑有限公司');
    expect(html).toContain('91530100MA6K0001X7');
    expect(html).toContain('项目开工后未开设农民工工资专用账户');
    expect(html).toContain('《保障农民工工资支付条例》第五十五条');
    expect(html).toContain('50,000.00');
    expect(html).toContain('人民币<span class="em">伍万元整</span>');
    expect(html).toContain('15 日内');
    expect(html).toContain('60 日内依法申请行政复议');
    expect(html).toContain('6 个月内依法向人民法院提起行政诉讼');
    expect(html).not.toContain('王五'); // no worker's personal data
    expect(html).not.toContain('13912345678');
    const audited = await one<{ n: number }>(
      t.db.owner,
      sql`select count(*)::int as n from audit_log where action = 'penalty.document' and object_id = ${id}`,
    );
    expect(audited!.n).toBe(1);
    const notice = await api(t, 'GET', `/api/rights/penalties/${id}/document?kind=notice`, {
      cookie: cookies.pen_head,
    });
    expect(notice.statusCode, notice.body).toBe(200);
    expect(notice.body).toContain('行政处罚事先告知书');
    expect(notice.body).toContain('五人社监告〔2026〕1号');
    expect(notice.body).toContain('有权要求举行听证');
    const badKind = await api(t, 'GET', `/api/rights/penalties/${id}/document?kind=x`, { cookie: cookies.pen_head });
    expect(badKind.statusCode).toBe(400);
    const outside = await api(t, 'GET', `/api/rights/penalties/${id}/document`, { cookie: cookies.pen_panlong });
    expect(outside.statusCode).toBe(404);
    expect(outside.json().detail).toBe('行政处罚决定不存在');
    const unknown = await api(t, 'GET', '/api/rights/penalties/00000000-0000-4000-8000-00000000beef/document', {
      cookie: cookies.pen_wuhua,
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().detail).toBe('行政处罚决定不存在');
    const refused = await one<{ n: number }>(
      t.db.owner,
      sql`select count(*)::int as n from audit_log where action = 'penalty.document'`,
    );
    expect(refused!.n).toBe(1); // nothing disclosed, nothing recorded as disclosed
  });

  it('counts a violation confirmed at closure, once, and only wage-payment violations in the grade', async () => {
    const second = await openInspection('530102002');
    await ok('pen_wuhua', second, 'close', { outcome: '当场改正', violation: '超时加班' });
    const kept = await all<{ kind: string; penaltyKind: string | null }>(
      t.db.owner,
      sql`select kind, penalty_kind as "penaltyKind" from employer_violations where case_id = ${second}`,
    );
    expect(kept).toEqual([{ kind: 'overtime', penaltyKind: null }]);
    expect((await grade()).inspectionViolations).toBe(1); // overtime is not a wage-payment violation
    const timeline = await all<{ summary: string }>(
      t.db.owner,
      sql`select summary from events where type = 'rights.violation_recorded' and subject_id = ${employerId}
        order by ts`,
    );
    expect(timeline.map((e) => e.summary)).toEqual([
      '劳动保障监察：未按规定设专用账户/实名制（罚款 50,000.00 元）',
      '劳动保障监察：超时加班（结案认定）',
    ]);
  });
});

describe('a complaint’s own 移送公安机关', () => {
  it('applies the same 数额较大 check as an inspection: refused below it unless the head gives a reason', async () => {
    const c = await api(t, 'POST', '/api/complaints', {
      cookie: cookies.pen_wuhua,
      body: {
        channel: 'window',
        regionCode: '530102001',
        complainantName: '赵六',
        phone: '13912345679',
        employerName: '昆明处罚测试建筑有限公司',
        claims: [{ kind: 'wages', amountFen: 200_000, description: '工资' }],
        summary: '拖欠工资',
      },
    });
    const id = c.json().id as string;
    await ok('pen_wuhua', id, 'accept', { inspectors: [ids.pen_wuhua, ids.pen_wuhua2] });
    await ok('pen_wuhua', id, 'order', { orderNo: '五人社监令〔2026〕9号', amountFen: 200_000, dueOn: '2026-03-20' });
    const small = { reason: '逾期不支付', unpaidFen: 200_000, workerCount: 1, unpaidMonths: 2 };
    const missing = await step('pen_head', id, 'police', { reason: '逾期不支付' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().detail).toContain('缺少必填项：经责令仍未支付的金额（分）');
    const below = await step('pen_head', id, 'police', small);
    expect(below.statusCode).toBe(400);
    expect(below.json().detail).toContain('不予移送公安机关；如经负责人研究确需移送，请填写“未达数额标准仍移送的理由”');
    const overridden = await ok('pen_head', id, 'police', { ...small, overrideReason: '逃匿，社会影响恶劣' });
    expect(overridden).toMatchObject({
      data: { police: { thresholdMet: 'no', overrideReason: '逃匿，社会影响恶劣' } },
    });
  });
});

describe('demo data', () => {
  it('seeds a penalty decision per contractor through the engine, counted in its grade', async () => {
    const actor = {
      userId: '00000000-0000-4000-8000-000000000000',
      username: 'demo-generator',
      displayName: '演示数据生成',
      departmentId: null,
      departmentName: null,
      regionCode: '',
      dataScope: 'all' as const,
      roles: [],
      permissions: new Set(['cases:read', 'rights:read', 'rights:handle', 'rights:approve']),
      via: 'session' as const,
      ip: '127.0.0.1',
    };
    const r = await t.services.penalties.seedDemo(actor, {
      today: '2026-03-08',
      employers: [{ id: employerId, name: '昆明处罚测试建筑有限公司', regionCode: '530102003' }],
    });
    expect(r).toEqual({ penalties: 1 });
    const list = await api(t, 'GET', `/api/rights/penalties?employerId=${employerId}&q=演示`, {
      cookie: cookies.pen_head,
    });
    expect(list.json().items[0]).toMatchObject({ penaltyKind: 'fine', basisCode: 'wage_55', hearingNotified: true });
    expect((await grade()).inspectionViolations).toBe(2);
  });
});
