/**
 * Legal aid (法律援助) and the transfer to the police (行刑衔接) through the API: providers (CRUD, refusals), an
 * application from 12348 / 异地协作 through review (clock suspended for materials), grant, assignment to an active
 * provider and closure; a complaint turned into a legal-aid case; an inspection case transferred to the police —
 * refused below the 数额较大 figures unless the head of the inspection body overrides — then 移送 → 受理回执 → 立案,
 * and its printable package: masked, audited, 404 out of scope.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { one } from '../../db/client.js';
import { provisionUser } from '../../bootstrap.js';
import { api, multipartBody, signIn, startTestPlatform, type TestPlatform } from '../../test/harness.js';
import { testIdNumber } from '../../test/id-number.js';

let t: TestPlatform;
let officer: { cookie: string };
let head: { cookie: string };
let panlong: { cookie: string };
const ids: Record<string, string> = {};
const PASSWORD = 'LegalAid#Wuhua-2026x';

const idNumber = (seq: string) => testIdNumber('530102', '19900517', seq);

beforeAll(async () => {
  t = await startTestPlatform();
  for (const [username, roles, region] of [
    ['la_officer', ['officer'], '530102'],
    ['la_officer2', ['officer'], '530102'],
    ['la_head', ['inspection_head'], '530102'],
    ['la_panlong', ['officer', 'inspection_head'], '530103'],
  ] as const) {
    await provisionUser(t.db, t.services, {
      username,
      displayName: username,
      roles: [...roles],
      regionCode: region,
      password: PASSWORD,
      dataScope: 'region',
    });
    const row = await one<{ id: string }>(t.db.owner, sql`select id from users where username = ${username}`);
    ids[username] = row!.id;
  }
  officer = await signIn(t, 'la_officer', { password: PASSWORD });
  head = await signIn(t, 'la_head', { password: PASSWORD });
  panlong = await signIn(t, 'la_panlong', { password: PASSWORD });
  const w = await api(t, 'POST', '/api/workers', {
    cookie: officer.cookie,
    body: {
      name: '王小二',
      idNumber: idNumber('123'),
      ethnicity: '01',
      education: '30',
      hukouRegionCode: '530102',
      residenceRegionCode: '530102001',
    },
  });
  expect(w.statusCode, w.body).toBe(201);
  ids.worker = w.json().id;
});
afterAll(async () => t?.close());

const lawyer = {
  kind: 'lawyer',
  name: '赵律师',
  organisation: '云南某律师事务所',
  practiceNo: '15301201010123456',
  phone: '0871-12345678',
  regionCode: '530102001',
};

describe('legal-aid providers', () => {
  it('registers, finds, edits and deactivates, refusing bad input precisely', async () => {
    const noNo = await api(t, 'POST', '/api/rights/legal-aid-providers', {
      cookie: officer.cookie,
      body: { ...lawyer, practiceNo: null },
    });
    expect(noNo.statusCode).toBe(400);
    expect(noNo.body).toContain('律师须填写执业证号');
    const created = await api(t, 'POST', '/api/rights/legal-aid-providers', { cookie: officer.cookie, body: lawyer });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ kind: 'lawyer', name: '赵律师', active: true, regionCode: '530102001' });
    ids.lawyer = created.json().id;
    const dup = await api(t, 'POST', '/api/rights/legal-aid-providers', {
      cookie: officer.cookie,
      body: { ...lawyer, name: '钱律师' },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().detail).toBe('执业证号 15301201010123456 已登记');
    const org = await api(t, 'POST', '/api/rights/legal-aid-providers', {
      cookie: officer.cookie,
      body: { kind: 'organisation', name: '五华区法律援助中心', regionCode: '530102' },
    });
    expect(org.statusCode, org.body).toBe(201);
    ids.org = org.json().id;

    const found = await api(t, 'GET', '/api/rights/legal-aid-providers?q=律师事务所', { cookie: officer.cookie });
    expect(found.json().items.map((x: { id: string }) => x.id)).toEqual([ids.lawyer]);
    const orgs = await api(t, 'GET', '/api/rights/legal-aid-providers?kind=organisation', { cookie: officer.cookie });
    expect(orgs.json()).toMatchObject({ total: 1, items: [{ name: '五华区法律援助中心' }] });

    const moved = await api(t, 'PUT', `/api/rights/legal-aid-providers/${ids.org}`, {
      cookie: officer.cookie,
      body: { kind: 'organisation', name: '五华区法律援助中心', regionCode: '530102' + '' },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const other = await api(t, 'PUT', `/api/rights/legal-aid-providers/${ids.org}`, {
      cookie: head.cookie,
      body: { kind: 'organisation', name: '五华区法律援助中心', regionCode: '530102001', active: false },
    });
    expect(other.statusCode, other.body).toBe(200);
    expect(other.json()).toMatchObject({ active: false, regionCode: '530102001' });
    // Out of scope: like a provider that does not exist.
    const hidden = await api(t, 'GET', `/api/rights/legal-aid-providers/${ids.lawyer}`, { cookie: panlong.cookie });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().detail).toBe('法律援助机构或律师不存在');
  });
});

describe('legal aid', () => {
  const apply = (body: Record<string, unknown>) =>
    api(t, 'POST', '/api/rights/legal-aid', {
      cookie: officer.cookie,
      body: {
        channel: 'hotline',
        regionCode: '530102001',
        workerId: ids.worker,
        employerName: '昆明某建筑劳务有限公司',
        matter: '追索 2025 年 10—12 月工资',
        claimedFen: 2_400_000,
        ...body,
      },
    });
  const step = (id: string, event: string, fields: Record<string, unknown>, cookie = officer.cookie) =>
    api(t, 'POST', `/api/cases/${id}/transitions`, { cookie, body: { event, fields } });

  it('refuses an application from another city without its origin', async () => {
    const remote = await apply({ channel: 'remote' });
    expect(remote.statusCode).toBe(400);
    expect(remote.body).toContain('异地协作须填写原申请地');
    expect(remote.body).toContain('异地协作须填写原受理编号');
    const transfer = await apply({ channel: 'transfer' });
    expect(transfer.body).toContain('其他部门转交须填写转交单位');
  });

  it('reviews within 7 working days, grants, assigns an active provider and closes', async () => {
    const res = await apply({ channel: 'remote', originCity: '贵州省毕节市', originRef: '毕法援〔2026〕88号' });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json();
    expect(c).toMatchObject({ type: 'legal_aid', typeName: '法律援助', state: 'applied', stateName: '待审查' });
    expect(c.data).toMatchObject({ channel: 'remote', originCity: '贵州省毕节市', originRef: '毕法援〔2026〕88号' });
    // 2026-03-02 (Monday) + 7 working days.
    expect(c.clocks).toEqual([expect.objectContaining({ code: 'review', dueOn: '2026-03-11', total: 7 })]);

    const wait = await step(c.id, 'request_materials', { reason: '补充劳动关系证明' });
    expect(wait.statusCode, wait.body).toBe(200);
    expect(wait.json().clocks[0]).toMatchObject({ suspended: true });
    expect((await step(c.id, 'materials_received', { reason: '已补齐' })).statusCode).toBe(200);
    const early = await step(c.id, 'assign', { providerId: ids.lawyer });
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toBe('当前状态「待审查」不能执行「指派承办」');
    const granted = await step(c.id, 'grant', {
      ground: '进城务工人员申请支付劳动报酬，免予核查经济困难状况（第四十二条第四项）',
      decisionNo: '五法援决〔2026〕12号',
    });
    expect(granted.statusCode, granted.body).toBe(200);
    const clocks = granted.json().clocks.map((k: { code: string; stopped: boolean }) => [k.code, k.stopped]);
    expect(clocks.sort()).toEqual([
      ['assign', false],
      ['review', true],
    ]);
    const unknown = await step(c.id, 'assign', { providerId: '00000000-0000-4000-8000-000000000009' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().detail).toBe('法律援助机构或律师不存在');
    const inactive = await step(c.id, 'assign', { providerId: ids.org });
    expect(inactive.statusCode).toBe(400);
    expect(inactive.json().detail).toBe('五华区法律援助中心已停用，不能指派');
    const assigned = await step(c.id, 'assign', { providerId: ids.lawyer });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json()).toMatchObject({ state: 'assigned', stateName: '已指派' });
    expect(assigned.json().data.assign).toEqual({
      providerId: ids.lawyer,
      providerName: '赵律师（云南某律师事务所）',
      providerKind: 'lawyer',
      practiceNo: '15301201010123456',
    });
    const closed = await step(c.id, 'close', { outcome: '调解结案', recoveredFen: 2_000_000 });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ state: 'closed', data: { close: { outcome: '调解结案' } } });
  });

  it('opens a legal-aid case from a complaint, linked', async () => {
    const created = await api(t, 'POST', '/api/complaints', {
      cookie: officer.cookie,
      body: {
        channel: 'window',
        regionCode: '530102001',
        complainantName: '李四',
        phone: '13700003333',
        employerName: '昆明某物业服务有限公司',
        claims: [{ kind: 'wages', amountFen: 800_000 }],
        summary: '被拖欠工资，要求起诉',
      },
    });
    const c = created.json();
    const res = await step(c.id, 'legal_aid', {});
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().state).toBe('filed');
    const link = res.json().links.find((l: { kind: string }) => l.kind === 'legal_aid');
    const aid = await api(t, 'GET', `/api/cases/${link.caseId}`, { cookie: officer.cookie });
    expect(aid.json()).toMatchObject({ type: 'legal_aid', state: 'applied', data: { openedFrom: c.id } });
  });
});

describe('transfer to the police', () => {
  const step = (id: string, event: string, fields: Record<string, unknown>, cookie = officer.cookie) =>
    api(t, 'POST', `/api/cases/${id}/transitions`, { cookie, body: { event, fields } });
  const attachRecord = async (id: string) => {
    const upload = multipartBody(
      { docKind: 'inspection_record' },
      { name: '检查笔录.pdf', data: Buffer.from('%PDF-1.4\n% 检查笔录\n%%EOF\n') },
    );
    const up = await t.app.inject({
      method: 'POST',
      url: `/api/cases/${id}/attachments`,
      headers: { ...upload.headers, cookie: officer.cookie },
      payload: upload.payload,
    });
    expect(up.statusCode, up.body).toBe(201);
  };

  /** A complaint accepted, its inspection investigated, recorded and ordered: the inspection case's id. */
  async function orderedInspection(phone: string): Promise<string> {
    const created = await api(t, 'POST', '/api/complaints', {
      cookie: officer.cookie,
      body: {
        channel: 'hotline',
        regionCode: '530102001',
        complainantName: '张三丰',
        phone,
        groupSize: 12,
        employerName: '昆明某建筑劳务有限公司',
        claims: [{ kind: 'wages', amountFen: 3_600_000, description: '2025 年 9—12 月工资' }],
        summary: '12 名工人被拖欠四个月工资',
      },
    });
    const c = created.json();
    const two = [ids.la_officer, ids.la_officer2];
    expect((await step(c.id, 'accept', { inspectors: two })).statusCode).toBe(200);
    const opened = await step(c.id, 'open_inspection', {});
    const inspection = opened.json().links.find((l: { kind: string }) => l.kind === 'derived').caseId as string;
    expect((await step(inspection, 'investigate', { inspectors: two })).statusCode).toBe(200);
    await attachRecord(inspection); // the signed 检查笔录 comes first
    const rec = await step(inspection, 'record', { inspectors: two, findings: '查阅工资台账，确认拖欠 12 人' });
    expect(rec.statusCode, rec.body).toBe(200);
    const ordered = await step(inspection, 'order', {
      orderNo: '五人社监令〔2026〕9号',
      amountFen: 3_600_000,
      dueOn: '2026-03-10',
    });
    expect(ordered.statusCode, ordered.body).toBe(200);
    return inspection;
  }

  it('refuses below the 数额较大 figures unless the head overrides with a reason', async () => {
    const inspection = await orderedInspection('13700004444');
    const small = { reason: '逾期未支付', unpaidFen: 300_000, workerCount: 1, unpaidMonths: 2 };
    const byOfficer = await step(inspection, 'police', small);
    expect(byOfficer.statusCode).toBe(403);
    expect(byOfficer.json().detail).toBe('没有执行「移送公安机关」的权限');
    const below = await step(inspection, 'police', small, head.cookie);
    expect(below.statusCode).toBe(400);
    expect(below.json().detail).toBe(
      '未达到“数额较大”标准（单人 5000 元且 3 个月以上，或 10 人以上累计 30000 元），不予移送公安机关；' +
        '如经负责人研究确需移送，请填写“未达数额标准仍移送的理由”',
    );
    expect(below.json().errors).toEqual([{ path: 'fields.overrideReason', message: below.json().detail }]);
    // Nothing happened: still ordered, no police case; the refusal is audited.
    const still = await api(t, 'GET', `/api/cases/${inspection}`, { cookie: head.cookie });
    expect(still.json()).toMatchObject({ state: 'ordered' });
    const refused = await one<{ n: number }>(
      t.db.owner,
      sql`select count(*)::int as n from audit_log where action = 'case.transition' and outcome = 'failure'
        and object_id = ${inspection}`,
    );
    expect(refused!.n).toBeGreaterThan(0);
    const overridden = await step(
      inspection,
      'police',
      { ...small, overrideReason: '转移财产逃匿，社会影响恶劣，经局务会研究决定移送' },
      head.cookie,
    );
    expect(overridden.statusCode, overridden.body).toBe(200);
    expect(overridden.json()).toMatchObject({ state: 'police', data: { police: { thresholdMet: 'no' } } });
    expect(overridden.json().links.map((l: { kind: string }) => l.kind)).toContain('transferred');
  });

  it('transfers, records the receipt and the feedback, and prints the package masked and audited', async () => {
    const inspection = await orderedInspection('13912345678');
    const res = await step(
      inspection,
      'police',
      { reason: '经责令支付后逃匿，拒不支付', unpaidFen: 3_600_000, workerCount: 12, unpaidMonths: 4 },
      head.cookie,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().data.police).toMatchObject({ thresholdMet: 'yes', unpaidFen: 3_600_000 });
    const policeId = res.json().links.find((l: { kind: string }) => l.kind === 'transferred').caseId as string;
    const pc = await api(t, 'GET', `/api/cases/${policeId}`, { cookie: officer.cookie });
    expect(pc.json()).toMatchObject({ type: 'police_transfer', state: 'preparing', data: { openedFrom: inspection } });
    expect(pc.json().transitions.map((x: { event: string }) => x.event)).toEqual([]); // officers cannot transfer
    expect((await step(policeId, 'transfer', { policeOrgan: '五华分局', transferNo: '1' })).statusCode).toBe(403);
    const sent = await step(
      policeId,
      'transfer',
      { policeOrgan: '昆明市公安局五华分局', transferNo: '五人社移〔2026〕3号' },
      head.cookie,
    );
    expect(sent.statusCode, sent.body).toBe(200);
    const receipt = await step(policeId, 'receipt', { receiptNo: '五公受〔2026〕77号', receivedOn: '2026-03-02' });
    expect(receipt.statusCode, receipt.body).toBe(200);
    expect(receipt.json().clocks).toEqual([expect.objectContaining({ code: 'feedback', dueOn: '2026-03-05' })]);
    const filed = await step(policeId, 'filed', { policeCaseNo: '五公立〔2026〕5号', filedOn: '2026-03-04' });
    expect(filed.statusCode, filed.body).toBe(200);
    expect(filed.json()).toMatchObject({ state: 'filed', stateName: '公安已立案' });

    const doc = await api(t, 'GET', `/api/rights/police-transfers/${policeId}/evidence`, { cookie: officer.cookie });
    expect(doc.statusCode, doc.body.slice(0, 300)).toBe(200);
    expect(doc.headers['content-type']).toContain('text/html');
    expect(doc.headers['content-security-policy']).toContain("default-src 'none'");
    const html = doc.body;
    expect(html).toContain('移送案件材料清单');
    expect(html).toContain('张*丰');
    expect(html).not.toContain('张三丰');
    expect(html).toContain('139****5678');
    expect(html).not.toContain('13912345678');
    expect(html).toContain('群体性，12 人');
    expect(html).toContain('36,000.00 元');
    expect(html).toContain('查阅工资台账，确认拖欠 12 人');
    expect(html).toContain('五人社监令〔2026〕9号');
    expect(html).toContain('昆明市公安局五华分局');
    expect(html).toContain('已达到');
    const audited = await one<{ n: number }>(
      t.db.owner,
      sql`select count(*)::int as n from audit_log
        where action = 'police_transfer.evidence' and object_id = ${policeId}`,
    );
    expect(audited!.n).toBe(1);
    const hidden = await api(t, 'GET', `/api/rights/police-transfers/${policeId}/evidence`, {
      cookie: panlong.cookie,
    });
    expect(hidden.statusCode).toBe(404);
    const notPolice = await api(t, 'GET', `/api/rights/police-transfers/${inspection}/evidence`, {
      cookie: officer.cookie,
    });
    expect(notPolice.statusCode).toBe(404);
    expect(notPolice.json().detail).toBe('移送公安案件不存在');
  });
});

describe('demo data', () => {
  it('seeds providers, legal-aid applications and transfers to the police at every stage', async () => {
    const { DEMO_PRINCIPAL } = await import('../../demo.js');
    const actor = {
      ...DEMO_PRINCIPAL,
      permissions: new Set(['cases:read', 'rights:read', 'rights:handle', 'rights:approve']),
    };
    const townships = ['530102001', '530103001'];
    const aid = await t.services.legalAid.seedDemo(actor, { count: 12, today: '2026-03-02', townships, seed: 3 });
    expect(aid).toEqual({ providers: 6, cases: 12 });
    const police = await t.services.policeTransfers.seedDemo(actor, {
      count: 4,
      today: '2026-03-02',
      townships,
      seed: 3,
    });
    expect(police.cases).toBe(4);
    const states = await one<{ aid: string[]; police: string[] }>(
      t.db.owner,
      sql`select array_agg(distinct state) filter (where type = 'legal_aid') as aid,
          array_agg(distinct state) filter (where type = 'police_transfer') as police
        from cases where type in ('legal_aid', 'police_transfer')`,
    );
    expect(states!.aid.length).toBeGreaterThan(1);
    expect(states!.police.length).toBeGreaterThan(1);
  });
});
