/**
 * Complaints (投诉举报) through the API: staff registration, the public form and status page (a wrong phone answers
 * like an unknown receipt), group complaints escalated at once, the complaint's transitions and clocks.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { all, one } from '../../db/client.js';
import { provisionUser } from '../../bootstrap.js';
import { api, multipartBody, signIn, startTestPlatform, type TestPlatform } from '../../test/harness.js';

let t: TestPlatform;
let officer: { cookie: string };
let officer2Id: string;
let officerId: string;

let ip = 1;
/** Each public call from its own address, so the per-client rate limit stays out of the way (tested on its own). */
const pub = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
  t.app.inject({
    method,
    url,
    remoteAddress: `10.0.${Math.floor(ip / 250)}.${ip++ % 250}`,
    payload: payload as object,
  });

const publicBody = {
  regionCode: '530102001',
  complainantName: '张三',
  phone: '13912345678',
  employerName: '昆明某建筑劳务有限公司',
  projectName: '五华区某安置房项目',
  claims: [{ kind: 'wages', amountFen: 1_250_000, description: '2026 年 1—2 月工资' }],
  summary: '在项目上做了两个月钢筋工，工资一直没发。',
};

beforeAll(async () => {
  t = await startTestPlatform();
  for (const [username, name] of [
    ['insp_rights', '五华区劳动监察员甲'],
    ['insp_rights2', '五华区劳动监察员乙'],
  ]) {
    await provisionUser(t.db, t.services, {
      username,
      displayName: name,
      roles: ['officer'],
      regionCode: '530102',
      password: 'Inspect#Wuhua-2026x',
    });
  }
  officer = await signIn(t, 'insp_rights', { password: 'Inspect#Wuhua-2026x' });
  const ids = await t.db.owner.execute(sql`select id, username from users where username like 'insp_rights%'`);
  const rows = (ids as unknown as { rows: { id: string; username: string }[] }).rows;
  officerId = rows.find((r) => r.username === 'insp_rights')!.id;
  officer2Id = rows.find((r) => r.username === 'insp_rights2')!.id;
});
afterAll(async () => t?.close());

describe('public complaints', () => {
  it('files without an account, answers a receipt number, and shows the status to the right phone only', async () => {
    const res = await pub('POST', '/api/public/complaints', publicBody);
    expect(res.statusCode, res.body).toBe(201);
    const { receiptNo, decideBy } = res.json();
    expect(receiptNo).toMatch(/^530102-20260302-[0-9A-HJ-NP-Z]{6}$/);
    expect(decideBy).toBe('2026-03-09'); // 5 working days to decide
    const ok = await pub('GET', `/api/public/complaints/${receiptNo}?phone=13912345678`);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ receiptNo, stateName: '待受理', closed: false, filedOn: '2026-03-02' });
    expect(ok.json().steps).toEqual([{ at: expect.any(String), text: '已登记（待受理）' }]);
    const wrongPhone = await pub('GET', `/api/public/complaints/${receiptNo}?phone=13900000000`);
    const unknown = await pub(
      'GET',
      `/api/public/complaints/${receiptNo.slice(0, -1)}${receiptNo.endsWith('A') ? 'B' : 'A'}?phone=13912345678`,
    );
    expect(wrongPhone.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    expect(wrongPhone.json().detail).toBe('未查到该投诉，请核对回执号和手机号');
    expect(unknown.json().detail).toBe(wrongPhone.json().detail);
    // The phone and name are stored encrypted, never in clear.
    const stored = await one<{ phone: string; name: string }>(
      t.db.owner,
      sql`select phone_enc as phone, complainant_name_enc as name from complaints where receipt_no = ${receiptNo}`,
    );
    expect(stored!.phone).not.toContain('13912345678');
    expect(stored!.name).not.toContain('张三');
  });

  it('refuses bad input with precise Chinese messages, never a 5xx', async () => {
    const post = (body: unknown) => pub('POST', '/api/public/complaints', body);
    const outside = await post({ ...publicBody, regionCode: '110101' });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().detail).toBe('所在地须在本市范围内');
    const city = await post({ ...publicBody, regionCode: '5301' });
    expect(city.json().detail).toBe('所在地请选择到区（县）或更下级');
    const noClaims = await post({ ...publicBody, claims: [] });
    expect(noClaims.statusCode).toBe(400);
    expect(noClaims.body).toContain('请至少填写一项诉求');
    const badPhone = await post({ ...publicBody, phone: '123' });
    expect(badPhone.statusCode).toBe(400);
    const bot = await post({ ...publicBody, website: 'http://spam' });
    expect(bot.statusCode).toBe(400);
    const badReceipt = await pub('GET', '/api/public/complaints/xyz?phone=13912345678');
    expect(badReceipt.statusCode).toBe(400);
    expect(badReceipt.body).toContain('回执号格式不正确');
  });

  it('limits filings per client (5 a minute)', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/public/complaints',
        remoteAddress: '10.9.9.9',
        payload: { ...publicBody, regionCode: '5301' },
      });
      codes.push(r.statusCode);
    }
    expect(codes).toEqual([400, 400, 400, 400, 400, 429]);
  });

  it('flags and escalates a group complaint at once', async () => {
    const res = await pub('POST', '/api/public/complaints', { ...publicBody, groupSize: 40, phone: '13912340000' });
    expect(res.statusCode, res.body).toBe(201);
    const row = await one<{ escalated: boolean; group: number }>(
      t.db.owner,
      sql`select c.escalated_at is not null as escalated, c.group_size as group from cases c
        join complaints k on k.county_code = c.county_code and k.case_id = c.id
        where k.receipt_no = ${res.json().receiptNo}`,
    );
    expect(row).toEqual({ escalated: true, group: 40 });
  });
});

describe('complaints handled by staff', () => {
  it('registers, accepts with two inspectors, orders payment and closes', async () => {
    const created = await api(t, 'POST', '/api/complaints', {
      cookie: officer.cookie,
      body: { ...publicBody, channel: 'hotline', phone: '13700001111' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const c = created.json();
    expect(c).toMatchObject({ type: 'complaint', state: 'filed', stateName: '待受理', typeName: '投诉举报' });
    expect(c.receiptNo).toMatch(/^530102-/);
    expect(c.clocks).toEqual([expect.objectContaining({ code: 'decide', name: '受理期限', dueOn: '2026-03-09' })]);
    expect(c.transitions.map((x: { event: string }) => x.event)).toEqual([
      'accept',
      'refuse',
      'refer',
      'legal_aid',
      'arbitrate',
    ]);

    const step = (event: string, fields: Record<string, unknown>) =>
      api(t, 'POST', `/api/cases/${c.id}/transitions`, { cookie: officer.cookie, body: { event, fields } });
    const one = await step('accept', { inspectors: [officerId] });
    expect(one.statusCode).toBe(400);
    expect(one.json().detail).toBe('承办监察员（至少 2 名）至少需要 2 人（现有 1 人）');
    const accepted = await step('accept', { inspectors: [officerId, officer2Id] });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ state: 'investigating', assigneeId: officerId });
    const investigate = accepted.json().clocks.find((k: { code: string }) => k.code === 'investigate');
    expect(investigate).toMatchObject({ total: 60, level: 'normal', stoppedOn: null });
    const extend = await step('extend', { days: 30, reason: '案情复杂' });
    expect(extend.statusCode).toBe(403);
    expect(extend.json().detail).toBe('没有执行「延长调查期限」的权限');
    const past = await step('order', { orderNo: '五人社监令〔2026〕1号', amountFen: 1_250_000, dueOn: '2026-03-01' });
    expect(past.statusCode).toBe(400);
    expect(past.json().detail).toBe('履行期限不能早于今天（2026-03-02）');
    const ordered = await step('order', {
      orderNo: '五人社监令〔2026〕1号',
      amountFen: 1_250_000,
      dueOn: '2026-03-16',
    });
    expect(ordered.statusCode, ordered.body).toBe(200);
    expect(ordered.json().state).toBe('ordered');
    const police = await step('police', { reason: '逾期不支付' });
    expect(police.statusCode).toBe(403);
    const closed = await step('close', { outcome: '已全额支付', recoveredFen: 1_250_000 });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ state: 'closed', stateName: '已结案' });
    const again = await step('close', { outcome: '重复' });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toBe('案件已处于终结状态「已结案」，不能再执行「结案」');
    // The complainant sees the steps by name.
    const status = await pub('GET', `/api/public/complaints/${c.receiptNo}?phone=13700001111`);
    expect(status.json().steps.map((s: { text: string }) => s.text)).toEqual([
      '已登记（待受理）',
      '受理（调查处理中）',
      '责令改正（支付）（已责令改正）',
      '结案（已结案）',
    ]);
    expect(status.json().closed).toBe(true);
  });

  it('opens a labour-inspection case from an accepted complaint, linked, with its own 60-day clock', async () => {
    const created = await api(t, 'POST', '/api/complaints', {
      cookie: officer.cookie,
      body: { ...publicBody, channel: 'grid', phone: '13700002222' },
    });
    const c = created.json();
    const step = (id: string, event: string, fields: Record<string, unknown>) =>
      api(t, 'POST', `/api/cases/${id}/transitions`, { cookie: officer.cookie, body: { event, fields } });
    expect((await step(c.id, 'accept', { inspectors: [officerId, officer2Id] })).statusCode).toBe(200);
    const opened = await step(c.id, 'open_inspection', {});
    expect(opened.statusCode, opened.body).toBe(200);
    expect(opened.json().links).toEqual([expect.objectContaining({ kind: 'derived' })]);
    const inspectionId = opened.json().links[0].caseId;
    const insp = await api(t, 'GET', `/api/cases/${inspectionId}`, { cookie: officer.cookie });
    expect(insp.json()).toMatchObject({ type: 'inspection', typeName: '劳动保障监察', state: 'registered' });
    expect(insp.json().clocks).toEqual([expect.objectContaining({ code: 'investigate', total: 60 })]);
    expect(insp.json().links).toEqual([{ countyCode: '530102', caseId: c.id, kind: 'derived' }]);
    const alone = await step(inspectionId, 'investigate', { inspectors: [officerId] });
    expect(alone.statusCode).toBe(400);
    expect(alone.json().detail).toBe('检查人员（至少 2 名）至少需要 2 人（现有 1 人）');
    expect((await step(inspectionId, 'investigate', { inspectors: [officerId, officer2Id] })).statusCode).toBe(200);
    const recordFields = { inspectors: [officerId, officer2Id], findings: '查阅工资台账' };
    // The signed inspection record (检查笔录) must be attached first.
    const noRecord = await step(inspectionId, 'record', recordFields);
    expect(noRecord.statusCode).toBe(400);
    expect(noRecord.json().detail).toBe('缺少材料：检查笔录（请先上传附件）');
    const upload = multipartBody(
      { docKind: 'inspection_record' },
      { name: '检查笔录.pdf', data: Buffer.from('%PDF-1.4\n% 检查笔录\n%%EOF\n') },
    );
    const up = await t.app.inject({
      method: 'POST',
      url: `/api/cases/${inspectionId}/attachments`,
      headers: { ...upload.headers, cookie: officer.cookie },
      payload: upload.payload,
    });
    expect(up.statusCode, up.body).toBe(201);
    const rec = await step(inspectionId, 'record', recordFields);
    expect(rec.statusCode, rec.body).toBe(200);
    const closed = await step(inspectionId, 'close', { outcome: '已支付' });
    expect(closed.json()).toMatchObject({ state: 'closed' });
  });

  it('lists the queues', async () => {
    const pending = await api(t, 'GET', '/api/cases?queue=pending&type=complaint', { cookie: officer.cookie });
    expect(pending.statusCode, pending.body).toBe(200);
    // Public complaints have no owner: a region-scoped officer of 五华区 sees them.
    expect(pending.json().items.length).toBeGreaterThanOrEqual(2);
    expect(pending.json().items.every((x: { state: string }) => x.state === 'filed')).toBe(true);
    const types = await api(t, 'GET', '/api/case-types', { cookie: officer.cookie });
    expect(types.json().map((x: { code: string }) => x.code)).toContain('complaint');
    const bad = await api(t, 'GET', '/api/cases?type=nope', { cookie: officer.cookie });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail).toBe('未知的案件类型：nope');
  });
});

describe('demo data', () => {
  it('loads a year of complaints through the engine, some open, some overdue and escalated', async () => {
    const { loadDemoCases } = await import('../../demo.js');
    const r = await loadDemoCases(t.db, t.services, { count: 40, today: '2026-03-02', seed: 7 });
    expect(r.cases).toBe(40);
    // Separate statements: Citus cannot push a scalar subquery in the target list down with an aggregate.
    const counts = await one<{ closed: number; open: number; oldest: string }>(
      t.db.owner,
      sql`select count(*) filter (where c.closed_at is not null)::int as closed,
          count(*) filter (where c.closed_at is null)::int as open, min(c.created_at)::date::text as oldest
        from cases c join complaints x on x.county_code = c.county_code and x.case_id = c.id
        where x.summary like '%演示数据%'`,
    );
    const overdue = await one<{ n: number }>(
      t.db.owner,
      sql`select count(distinct k.case_id)::int as n from case_clocks k join complaints x
          on x.county_code = k.county_code and x.case_id = k.case_id
        where k.stopped_on is null and k.due_on < '2026-03-02' and x.summary like '%演示数据%'`,
    );
    const rungs = await one<{ n: number }>(t.db.owner, sql`select count(*)::int as n from case_clock_rungs`);
    const stats = { ...counts!, overdue: overdue!.n, rungs: rungs!.n };
    expect(stats!.closed).toBeGreaterThan(0);
    expect(stats!.open).toBeGreaterThan(0);
    expect(stats!.overdue).toBeGreaterThan(0);
    expect(stats!.rungs).toBeGreaterThan(0);
    expect(stats!.oldest < '2025-09-01').toBe(true);
    // history and timeline written in multi-row statements (cases.together): each case's history in its order —
    // created first, then the steps on their dates — and a timeline event for every step of a case with a party
    const history = await all<{ caseId: string; kind: string; at: string }>(
      t.db.owner,
      sql`select h.case_id as "caseId", h.kind, h.at::text as at from case_history h join complaints x
          on x.county_code = h.county_code and x.case_id = h.case_id
        where x.summary like '%演示数据%' order by h.case_id, h.id`,
    );
    const byCase = new Map<string, { kind: string; at: string }[]>();
    for (const h of history) byCase.set(h.caseId, [...(byCase.get(h.caseId) ?? []), h]);
    expect(byCase.size).toBe(40);
    for (const rows of byCase.values()) {
      expect(rows[0].kind).toBe('created');
      expect(rows.filter((h) => h.kind === 'created')).toHaveLength(1);
      const ats = rows.map((h) => new Date(h.at).getTime());
      expect(ats).toEqual([...ats].sort((a, b) => a - b));
    }
    const parties = await all<{ caseId: string; n: number }>(
      t.db.owner,
      sql`select c.id as "caseId", (select count(*) from jsonb_array_elements(c.parties) p
          where p ->> 'kind' in ('worker', 'employer'))::int as n
        from cases c join complaints x on x.county_code = c.county_code and x.case_id = c.id
        where x.summary like '%演示数据%'`,
    );
    const expected = parties.reduce(
      (sum, c) =>
        sum + c.n * byCase.get(c.caseId)!.filter((h) => h.kind === 'created' || h.kind === 'transition').length,
      0,
    );
    const steps = await one<{ events: number }>(
      t.db.owner,
      sql`select count(*)::int as events from events e
        where e.type = 'case.step' and e.data ->> 'caseId' in (select x.case_id::text from complaints x
          where x.summary like '%演示数据%')`,
    );
    expect(steps!.events).toBe(expected);
  });
});
