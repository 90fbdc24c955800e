/**
 * Mediation and arbitration (调解、仲裁) through the API: mediation organisations (CRUD, search, deactivation), a
 * mediation agreed and one failed into arbitration; arbitration with the green channel (flag, shorter acceptance
 * clock, first in the queue), hearings (none in the past), the 45 (+15)-day award clock (no extension beyond 15),
 * the small-claims final-award rule from the wage module's parameters, and a complaint turned to arbitration.
 */
import { DEFAULT_WAGE_PARAMS } from '@mwsp/domain';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { one } from '../../db/client.js';
import { provisionUser } from '../../bootstrap.js';
import { api, signIn, startTestPlatform, type TestPlatform } from '../../test/harness.js';

let t: TestPlatform;
let officer: { cookie: string };
let chair: { cookie: string };
let officerId: string;

const PASSWORD = 'Arbitrate#Wuhua-2026x';

const application = {
  applicantName: '李四',
  phone: '13912340000',
  employerName: '昆明某建筑劳务有限公司',
  claims: [{ kind: 'wages', amountFen: 1_250_000, description: '2026 年 1—2 月工资' }],
  summary: '请求裁决支付拖欠的工资。',
};

type Case = { id: string; state: string; data: Record<string, unknown>; clocks: { code: string }[] };
const post = (cookie: string, url: string, body: unknown) => api(t, 'POST', url, { cookie, body });
const step = (cookie: string, id: string, event: string, fields: Record<string, unknown> = {}) =>
  post(cookie, `/api/cases/${id}/transitions`, { event, fields });
const clock = (c: Case, code: string) => c.clocks.find((k) => k.code === code) as Record<string, unknown>;

beforeAll(async () => {
  t = await startTestPlatform();
  // The committee's chair (仲裁委员会主任): approves extensions through a custom role holding rights:approve.
  await t.db.owner.execute(
    sql`insert into roles (code, name, permissions) values ('arb_chair', '仲裁委员会主任', '{rights:approve}')`,
  );
  for (const [username, name, roles] of [
    ['arb_officer', '五华区仲裁员', ['officer']],
    ['arb_chair', '五华区仲裁委主任', ['officer', 'arb_chair']],
  ] as const)
    await provisionUser(t.db, t.services, {
      username,
      displayName: name,
      roles: [...roles],
      regionCode: '530102',
      password: PASSWORD,
    });
  officer = await signIn(t, 'arb_officer', { password: PASSWORD });
  chair = await signIn(t, 'arb_chair', { password: PASSWORD });
  officerId = (await one<{ id: string }>(t.db.owner, sql`select id from users where username = 'arb_officer'`))!.id;
});
afterAll(async () => t?.close());

describe('mediation organisations (调解组织)', () => {
  let orgId: string;
  it('registers, refuses a duplicate name and bad input in Chinese, searches and pages', async () => {
    const created = await post(officer.cookie, '/api/rights/mediation-orgs', {
      kind: 'township',
      name: '华山街道劳动争议调解委员会',
      regionCode: '530102001',
      contact: '0871-00000000',
      mediators: ['王调解', '赵调解', '王调解'],
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      kind: 'township',
      kindName: '乡镇街道劳动争议调解组织',
      mediators: ['王调解', '赵调解'],
      active: true,
    });
    orgId = created.json().id;
    const dup = await post(officer.cookie, '/api/rights/mediation-orgs', {
      kind: 'union',
      name: '华山街道劳动争议调解委员会',
      regionCode: '530102002',
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().detail).toBe('本区（县）已有名为「华山街道劳动争议调解委员会」的调解组织');
    const bad = await post(officer.cookie, '/api/rights/mediation-orgs', {
      kind: 'club',
      name: '',
      regionCode: '530102',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('调解组织类别无效');
    const outside = await post(officer.cookie, '/api/rights/mediation-orgs', {
      kind: 'chamber',
      name: '盘龙区商会调解委员会',
      regionCode: '530103001',
    });
    expect(outside.statusCode).toBe(404); // outside the officer's region
    for (const [kind, name] of [
      ['union', '五华区总工会劳动争议调解委员会'],
      ['chamber', '五华区建筑业商会调解委员会'],
      ['enterprise', '某集团公司劳动争议调解委员会'],
    ])
      expect(
        (await post(officer.cookie, '/api/rights/mediation-orgs', { kind, name, regionCode: '530102' })).statusCode,
      ).toBe(201);
    const search = await api(t, 'GET', '/api/rights/mediation-orgs?q=' + encodeURIComponent('商会'), {
      cookie: officer.cookie,
    });
    expect(search.statusCode, search.body).toBe(200);
    expect(search.json().items.map((o: { name: string }) => o.name)).toEqual(['五华区建筑业商会调解委员会']);
    const paged = await api(t, 'GET', '/api/rights/mediation-orgs?pageSize=2&page=2', { cookie: officer.cookie });
    expect(paged.json()).toMatchObject({ total: 4, page: 2, pageSize: 2 });
    expect(paged.json().items).toHaveLength(2);
  });

  it('edits, deactivates (no new applications) and restores an organisation', async () => {
    const edited = await api(t, 'PUT', `/api/rights/mediation-orgs/${orgId}`, {
      cookie: officer.cookie,
      body: { contact: '0871-11111111', mediators: ['王调解'] },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ contact: '0871-11111111', mediators: ['王调解'] });
    const off = await post(officer.cookie, `/api/rights/mediation-orgs/${orgId}/deactivate`, undefined);
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json().active).toBe(false);
    const refused = await post(officer.cookie, '/api/rights/mediations', { ...application, orgId });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().detail).toBe('调解组织「华山街道劳动争议调解委员会」已停用');
    const active = await api(t, 'GET', '/api/rights/mediation-orgs?active=true', { cookie: officer.cookie });
    expect(active.json().items.map((o: { id: string }) => o.id)).not.toContain(orgId);
    const on = await post(officer.cookie, `/api/rights/mediation-orgs/${orgId}/activate`, undefined);
    expect(on.json().active).toBe(true);
  });

  it('mediates to an agreement within the 15-day clock', async () => {
    const res = await post(officer.cookie, '/api/rights/mediations', { ...application, orgId });
    expect(res.statusCode, res.body).toBe(201);
    const c: Case = res.json();
    expect(c).toMatchObject({ type: 'mediation', state: 'applied', stateName: '申请', regionCode: '530102001' });
    expect(clock(c, 'mediate')).toMatchObject({ unit: 'calendar', total: 15, dueOn: '2026-03-17' });
    expect((await step(officer.cookie, c.id, 'accept', { mediator: '王调解' })).statusCode).toBe(200);
    const past = await step(officer.cookie, c.id, 'mediate', { sessionOn: '2026-02-27' });
    expect(past.statusCode).toBe(400);
    expect(past.json().detail).toBe('调解日期不能早于今天（2026-03-02）');
    expect((await step(officer.cookie, c.id, 'mediate', { sessionOn: '2026-03-05' })).statusCode).toBe(200);
    const agreed = await step(officer.cookie, c.id, 'agree', {
      amountFen: 1_200_000,
      terms: '用人单位于 2026 年 3 月 20 日前一次性支付工资 12000 元',
      signedOn: '2026-03-02',
    });
    expect(agreed.statusCode, agreed.body).toBe(200);
    expect(agreed.json()).toMatchObject({ state: 'agreed', stateName: '达成协议' });
    expect(agreed.json().data.agree).toMatchObject({ amountFen: 1_200_000, signedOn: '2026-03-02' });
    expect(clock(agreed.json(), 'mediate').stopped).toBe(true);
  });

  it('opens an arbitration case from a failed mediation, linked, green channel for a declared migrant', async () => {
    const res = await post(officer.cookie, '/api/rights/mediations', { ...application, orgId, migrantWorker: true });
    const c: Case = res.json();
    expect((await step(officer.cookie, c.id, 'accept', { mediator: '王调解' })).statusCode).toBe(200);
    const failed = await step(officer.cookie, c.id, 'fail', { reason: '用人单位拒绝调解' });
    expect(failed.json().state).toBe('failed');
    const opened = await step(officer.cookie, c.id, 'apply_arbitration');
    expect(opened.statusCode, opened.body).toBe(200);
    expect(opened.json()).toMatchObject({ state: 'arbitration', stateName: '已申请仲裁' });
    const arbId = opened.json().links[0].caseId;
    const arb = (await api(t, 'GET', `/api/cases/${arbId}`, { cookie: officer.cookie })).json();
    expect(arb).toMatchObject({ type: 'arbitration', state: 'applied' });
    expect(arb.tags).toEqual([{ code: 'green_channel', label: '绿色通道', priority: true }]);
    expect(arb.data).toMatchObject({ claimedFen: 1_250_000, migrantWorker: true, openedFromType: 'mediation' });
    expect(clock(arb, 'accept')).toMatchObject({ total: 3, dueOn: '2026-03-05' });
  });
});

describe('arbitration (劳动人事争议仲裁)', () => {
  let green: Case;
  let plain: Case;
  it('flags a migrant worker’s wage claim for the green channel and accepts it on the shorter clock', async () => {
    const g = await post(officer.cookie, '/api/rights/arbitrations', {
      ...application,
      regionCode: '530102001',
      migrantWorker: true,
    });
    expect(g.statusCode, g.body).toBe(201);
    green = g.json();
    expect(green).toMatchObject({ type: 'arbitration', state: 'applied', stateName: '待受理' });
    expect(green.data.flags).toEqual(['green_channel']);
    expect(clock(green, 'accept')).toMatchObject({ unit: 'working', total: 3, dueOn: '2026-03-05' });
    // The small-claims rule shown from filing: 12 × 2,170 元 (昆明一类) = 26,040 元 ≥ 12,500 元 → final.
    expect(green.data.smallClaims).toEqual({
      minimumWageFen: 217_000,
      tier: '昆明一类',
      thresholdFen: 2_604_000,
      final: true,
    });
    // Not a migrant worker (and no registry worker): the statutory 5 working days; a larger claim is not final.
    const p = await post(officer.cookie, '/api/rights/arbitrations', {
      ...application,
      regionCode: '530102001',
      claims: [{ kind: 'wages', amountFen: 3_000_000 }],
    });
    plain = p.json();
    expect(plain.data.flags).toBeUndefined();
    expect((plain as unknown as { tags: unknown[] }).tags).toEqual([]);
    expect(clock(plain, 'accept')).toMatchObject({ total: 5, dueOn: '2026-03-09' });
    expect(plain.data.smallClaims).toMatchObject({ thresholdFen: 2_604_000, final: false });
    // Green channel first in the queue, although filed earlier.
    const queue = await api(t, 'GET', '/api/cases?type=arbitration&queue=pending', { cookie: officer.cookie });
    const ids = queue.json().items.map((x: { id: string }) => x.id);
    expect(ids.indexOf(green.id)).toBeLessThan(ids.indexOf(plain.id));
    expect(queue.json().items[0].tags).toEqual([{ code: 'green_channel', label: '绿色通道', priority: true }]);
  });

  it('refuses bad applications with Chinese messages', async () => {
    const bad = await post(officer.cookie, '/api/rights/arbitrations', {
      ...application,
      regionCode: '530102001',
      claims: [],
      applicantName: '',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('请至少填写一项诉求');
    const far = await post(officer.cookie, '/api/rights/arbitrations', { ...application, regionCode: '110101001' });
    expect(far.statusCode).toBe(404);
  });

  it('accepts, refuses a hearing in the past, schedules one, extends by at most 15 days with approval', async () => {
    const accepted = await step(officer.cookie, green.id, 'accept', { arbitrators: [officerId] });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ state: 'accepted', assigneeId: officerId });
    expect(clock(accepted.json(), 'award')).toMatchObject({ unit: 'calendar', total: 45, dueOn: '2026-04-16' });
    const past = await step(officer.cookie, green.id, 'hearing', {
      hearingOn: '2026-03-01',
      place: '五华区劳动人事争议仲裁院第一仲裁庭',
      notice: '书面通知双方当事人',
    });
    expect(past.statusCode).toBe(400);
    expect(past.json().detail).toBe('开庭日期不能早于今天（2026-03-02）');
    const heard = await step(officer.cookie, green.id, 'hearing', {
      hearingOn: '2026-03-10',
      place: '五华区劳动人事争议仲裁院第一仲裁庭',
      notice: '书面通知双方当事人（2026-03-02 送达）',
    });
    expect(heard.statusCode, heard.body).toBe(200);
    expect(heard.json()).toMatchObject({ state: 'hearing', stateName: '已排期开庭' });
    const byOfficer = await step(officer.cookie, green.id, 'extend', { days: 10, reason: '案情复杂' });
    expect(byOfficer.statusCode).toBe(403);
    expect(byOfficer.json().detail).toBe('没有执行「延长审理期限」的权限');
    const tooLong = await step(chair.cookie, green.id, 'extend', { days: 16, reason: '案情复杂' });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().detail).toBe('延长后共 16天，超过法定最长延长 15天（已延长 0天）');
    expect((await step(chair.cookie, green.id, 'extend', { days: 10, reason: '案情复杂' })).statusCode).toBe(200);
    const again = await step(chair.cookie, green.id, 'extend', { days: 6, reason: '再次延期' });
    expect(again.statusCode).toBe(400);
    expect(again.json().detail).toBe('延长后共 16天，超过法定最长延长 15天（已延长 10天）');
    const last = await step(chair.cookie, green.id, 'extend', { days: 5, reason: '再次延期' });
    expect(last.statusCode, last.body).toBe(200);
    // 60 calendar days end on 2026-05-01, in the Labour Day holiday: the deadline moves to the next working day.
    expect(clock(last.json(), 'award')).toMatchObject({ total: 60, extension: 15, dueOn: '2026-05-06' });
  });

  it('stores the small-claims rule on the award, from the wage parameters at the time of the award', async () => {
    const awarded = await step(officer.cookie, green.id, 'award', {
      awardNo: '五劳人仲裁字〔2026〕1号',
      amountFen: 1_250_000,
      terms: '被申请人支付申请人工资 12500 元',
    });
    expect(awarded.statusCode, awarded.body).toBe(200);
    expect(awarded.json()).toMatchObject({ state: 'awarded', stateName: '已裁决' });
    expect(awarded.json().data.award).toMatchObject({
      amountFen: 1_250_000,
      finalAward: true,
      smallClaimsThresholdFen: 2_604_000,
      minimumWageFen: 217_000,
    });
    // The wage module's minimum wage for 五华区 edited (a higher standard): the larger claim becomes final.
    await t.services.settings.set('wages.params', {
      ...DEFAULT_WAGE_PARAMS,
      minimumWage: [...DEFAULT_WAGE_PARAMS.minimumWage, { prefix: '530102001', tier: '测试', monthlyFen: 260_000 }],
    });
    expect((await step(officer.cookie, plain.id, 'accept', { arbitrators: [officerId] })).statusCode).toBe(200);
    expect(
      (
        await step(officer.cookie, plain.id, 'hearing', {
          hearingOn: '2026-03-09',
          place: '第二仲裁庭',
          notice: '书面通知',
        })
      ).statusCode,
    ).toBe(200);
    const second = await step(officer.cookie, plain.id, 'award', {
      awardNo: '五劳人仲裁字〔2026〕2号',
      amountFen: 3_000_000,
      terms: '被申请人支付申请人工资 30000 元',
    });
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json().data.award).toMatchObject({
      finalAward: true,
      smallClaimsThresholdFen: 3_120_000,
      minimumWageFen: 260_000,
    });
    await t.services.settings.set('wages.params', DEFAULT_WAGE_PARAMS);
  });

  it('turns a complaint to arbitration when the worker chooses it (申请仲裁), linked, with its claims', async () => {
    const complaint = await post(officer.cookie, '/api/complaints', {
      channel: 'window',
      complainantName: '王五',
      phone: application.phone,
      employerName: application.employerName,
      claims: application.claims,
      summary: application.summary,
      regionCode: '530102001',
    });
    expect(complaint.statusCode, complaint.body).toBe(201);
    const turned = await step(officer.cookie, complaint.json().id, 'arbitrate');
    expect(turned.statusCode, turned.body).toBe(200);
    expect(turned.json()).toMatchObject({ state: 'arbitration', stateName: '已申请仲裁' });
    const arb = (await api(t, 'GET', `/api/cases/${turned.json().links[0].caseId}`, { cookie: officer.cookie })).json();
    expect(arb).toMatchObject({ type: 'arbitration', state: 'applied', tags: [] });
    expect(arb.data).toMatchObject({ claimedFen: 1_250_000, openedFromType: 'complaint' });
    expect(arb.data.smallClaims).toMatchObject({ final: true });
  });
});

describe('arbitration: hearing notice, suspension, legal aid', () => {
  it('refuses a hearing closer than 5 days after the written notice (第三十五条)', async () => {
    const c = await post(officer.cookie, '/api/rights/arbitrations', { ...application, regionCode: '530102001' });
    expect(c.statusCode, c.body).toBe(201);
    const id = c.json().id as string;
    expect((await step(officer.cookie, id, 'accept', { arbitrators: [officerId] })).statusCode).toBe(200);
    const hearing = { place: '第三仲裁庭', notice: '书面通知双方当事人' };
    const soon = await step(officer.cookie, id, 'hearing', { ...hearing, hearingOn: '2026-03-06' });
    expect(soon.statusCode).toBe(400);
    expect(soon.json().detail).toBe(
      '开庭日期须在书面通知送达 5 日后（劳动争议调解仲裁法第三十五条）：通知于 2026-03-02 送达，开庭日期最早为 2026-03-07',
    );
    const future = await step(officer.cookie, id, 'hearing', {
      ...hearing,
      hearingOn: '2026-03-20',
      noticeOn: '2026-03-05',
    });
    expect(future.json().detail).toBe('书面通知送达日期不能晚于今天（2026-03-02）');
    const ok = await step(officer.cookie, id, 'hearing', { ...hearing, hearingOn: '2026-03-07' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().data.hearing).toMatchObject({ hearingOn: '2026-03-07', noticeOn: '2026-03-02' });
  });

  it('suspends the award clock with a reason and resumes it (中止/恢复审理)', async () => {
    const c = await post(officer.cookie, '/api/rights/arbitrations', { ...application, regionCode: '530102001' });
    const id = c.json().id as string;
    await step(officer.cookie, id, 'accept', { arbitrators: [officerId] });
    const suspended = await step(officer.cookie, id, 'suspend', { reason: '申请人申请工伤认定，等待结论' });
    expect(suspended.statusCode, suspended.body).toBe(200);
    expect(clock(suspended.json(), 'award')).toMatchObject({ suspended: true });
    const twice = await step(officer.cookie, id, 'suspend', { reason: '再次中止' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().detail).toBe('裁决期限已中止');
    const noReason = await step(officer.cookie, id, 'resume', {});
    expect(noReason.json().detail).toBe('缺少必填项：恢复理由');
    const resumed = await step(officer.cookie, id, 'resume', { reason: '工伤认定结论已作出' });
    expect(resumed.statusCode, resumed.body).toBe(200);
    expect(clock(resumed.json(), 'award')).toMatchObject({ suspended: false });
  });

  it('opens one linked legal-aid case from an arbitration, and refuses a second', async () => {
    const c = await post(officer.cookie, '/api/rights/arbitrations', { ...application, regionCode: '530102001' });
    const id = c.json().id as string;
    const opened = await step(officer.cookie, id, 'legal_aid');
    expect(opened.statusCode, opened.body).toBe(200);
    expect(opened.json().state).toBe('applied');
    const link = opened.json().links.find((l: { kind: string }) => l.kind === 'legal_aid');
    const aid = (await api(t, 'GET', `/api/cases/${link.caseId}`, { cookie: officer.cookie })).json();
    expect(aid).toMatchObject({ type: 'legal_aid', state: 'applied', data: { openedFrom: id } });
    await step(officer.cookie, id, 'accept', { arbitrators: [officerId] });
    const again = await step(officer.cookie, id, 'legal_aid');
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toBe('本仲裁案件已转法律援助，不能重复转办（请在关联案件中查看）');
  });
});

describe('demo data', () => {
  it('loads organisations, mediations and arbitrations through the engine, some past their clocks', async () => {
    const { DEMO_PRINCIPAL } = await import('../../demo.js');
    const actor = {
      ...DEMO_PRINCIPAL,
      permissions: new Set(['cases:read', 'rights:read', 'rights:handle', 'rights:approve']),
    };
    const townships = ['530102001', '530102002', '530103001', '530111001'];
    const r = await t.services.mediation.seedDemo(actor, { today: '2026-03-02', townships, seed: 11 });
    expect(r).toMatchObject({ orgs: 12, mediations: 10, arbitrations: 14 });
    // Separate statements: Citus cannot push a correlated subquery inside an aggregate down.
    const counts = await one<{ open: number; closed: number; green: number }>(
      t.db.owner,
      sql`select count(*) filter (where c.closed_at is null)::int as open,
          count(*) filter (where c.closed_at is not null)::int as closed,
          count(*) filter (where c.data->>'priority' is not null)::int as green
        from cases c where c.type in ('mediation', 'arbitration') and c.data->>'summary' like '%演示数据%'`,
    );
    const overdue = await one<{ n: number }>(
      t.db.owner,
      sql`select count(distinct k.case_id)::int as n from case_clocks k join cases c
          on c.county_code = k.county_code and c.id = k.case_id
        where k.stopped_on is null and k.due_on < '2026-03-02' and c.type in ('mediation', 'arbitration')
          and c.data->>'summary' like '%演示数据%'`,
    );
    const stats = { ...counts!, overdue: overdue!.n };
    expect(stats!.open).toBeGreaterThan(0);
    expect(stats!.closed).toBeGreaterThan(0);
    expect(stats!.green).toBeGreaterThan(0);
    expect(stats!.overdue).toBeGreaterThan(0);
  });
});
