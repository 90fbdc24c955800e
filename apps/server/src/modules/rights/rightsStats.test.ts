/**
 * 维权统计 on a small known fixture: three complaints in two counties (one closed with money recovered, one group
 * complaint left past its decision clock, one refused), every figure asserted; a county officer sees only its
 * county; bad input is a precise 4xx; the Excel export opens.
 */
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { one } from '../../db/client.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionUser } from '../../bootstrap.js';
import { api, signIn, startTestPlatform, type TestPlatform } from '../../test/harness.js';

let t: TestPlatform;
let city: { cookie: string };
let wuhua: { cookie: string };
let panlong: { cookie: string };
const ids: Record<string, string> = {};
const states: Record<string, { password: string; totpSecret?: string }> = {};
const PASSWORD = 'Inspect#Stats-2026xy';

async function user(username: string, regionCode: string) {
  await provisionUser(t.db, t.services, {
    username,
    displayName: username,
    roles: ['officer'],
    regionCode,
    password: PASSWORD,
  });
  const s = await signIn(t, username, { password: PASSWORD });
  states[username] = s;
  const me = await api(t, 'GET', '/api/auth/me', { cookie: s.cookie });
  ids[username] = me.json().id ?? me.json().user?.id;
  return s;
}

const complaint = (over: Record<string, unknown>) => ({
  channel: 'hotline',
  regionCode: '530102001',
  complainantName: '李四',
  phone: '13912345678',
  employerName: '昆明统计测试建筑有限公司',
  claims: [{ kind: 'wages', amountFen: 1_000_000, description: '工资' }],
  summary: '拖欠工资',
  ...over,
});

async function file(cookie: string, body: Record<string, unknown>): Promise<string> {
  const r = await api(t, 'POST', '/api/complaints', { cookie, body: complaint(body) });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id as string;
}

async function step(cookie: string, id: string, event: string, fields: Record<string, unknown> = {}) {
  const r = await api(t, 'POST', `/api/cases/${id}/transitions`, { cookie, body: { event, fields } });
  expect(r.statusCode, r.body).toBe(200);
}

beforeAll(async () => {
  t = await startTestPlatform();
  city = await user('stats_city', '5301');
  wuhua = await user('stats_wuhua', '530102');
  await user('stats_wuhua2', '530102');
  panlong = await user('stats_panlong', '530103');
  const e = await api(t, 'POST', '/api/employers', {
    cookie: city.cookie,
    body: {
      creditCode: '91530100MA6K0001X7',
      name: '昆明统计测试建筑有限公司',
      industry: 'E',
      size: 'small',
      regionCode: '530102',
    },
  });
  expect(e.statusCode, e.body).toBe(201);
  const employerId = e.json().id as string;
  // A: 12333, two claims, accepted, ordered to pay, closed with the money recovered (2026-03-02 … 03-04).
  const a = await file(wuhua.cookie, {
    employerId,
    claims: [
      { kind: 'wages', amountFen: 1_000_000, description: '工资' },
      { kind: 'contract', description: '未签合同' },
    ],
  });
  await step(wuhua.cookie, a, 'accept', { inspectors: [ids.stats_wuhua, ids.stats_wuhua2] });
  await step(wuhua.cookie, a, 'order', { orderNo: '五人社监令〔2026〕1号', amountFen: 800_000, dueOn: '2026-03-20' });
  await step(wuhua.cookie, a, 'close', { outcome: '已全额支付', recoveredFen: 800_000 });
  // B: a group of 5 at the window, left undecided (its 5-working-day clock runs out).
  await file(wuhua.cookie, {
    channel: 'window',
    groupSize: 5,
    claims: [{ kind: 'wages', amountFen: 500_000, description: '工资' }],
  });
  // C: on the web form's channel in 盘龙区, refused.
  const c = await file(panlong.cookie, {
    channel: 'web',
    regionCode: '530103001',
    claims: [{ kind: 'wages', amountFen: 300_000, description: '工资' }],
  });
  await step(panlong.cookie, c, 'refuse', { reason: '不属于劳动保障监察范围' });
  t.clock.advance(12 * 86_400_000); // 2026-03-14: B's decision was due on 03-09
  // Signed in again after the idle timeout the clock jump passed.
  city = await signIn(t, 'stats_city', states.stats_city);
  wuhua = await signIn(t, 'stats_wuhua', states.stats_wuhua);
  panlong = await signIn(t, 'stats_panlong', states.stats_panlong);
}, 120_000);
afterAll(async () => t?.close());

describe('维权统计', () => {
  it('counts the city: types, channels, claims, amounts, regions, on-time rates, overdue, annual report', async () => {
    const r = await api(t, 'GET', '/api/rights/stats?year=2026', { cookie: city.cookie });
    expect(r.statusCode, r.body).toBe(200);
    const s = r.json();
    expect(s.region).toMatchObject({ code: '5301' });
    expect(s.totals).toEqual({ filed: 3, closed: 2, workers: 7, escalated: 1, overdue: 1 });
    expect(s.amounts).toEqual({ claimedFen: 1_800_000, orderedFen: 800_000, recoveredFen: 800_000, workersHelped: 1 });
    expect(s.byType.find((x: { type: string }) => x.type === 'complaint')).toEqual({
      type: 'complaint',
      name: '投诉举报',
      filed: 3,
      closed: 2,
      workers: 7,
      escalated: 1,
    });
    const outcome = Object.fromEntries(s.byOutcome.map((x: { state: string; cases: number }) => [x.state, x.cases]));
    expect(outcome).toEqual({ closed: 1, filed: 1, refused: 1 });
    expect(s.byChannel).toEqual([
      { channel: 'hotline', name: '12333 热线', complaints: 1, workers: 1, groups: 0, claimedFen: 1_000_000 },
      { channel: 'web', name: '网上投诉', complaints: 1, workers: 1, groups: 0, claimedFen: 300_000 },
      { channel: 'window', name: '服务窗口', complaints: 1, workers: 5, groups: 1, claimedFen: 500_000 },
    ]);
    expect(s.byClaim).toEqual([
      { kind: 'contract', name: '劳动合同', claims: 1, amountFen: 0 },
      { kind: 'wages', name: '拖欠工资', claims: 3, amountFen: 1_800_000 },
    ]);
    const region = (code: string) => s.byRegion.find((x: { code: string }) => x.code === code);
    expect(region('530102')).toMatchObject({ filed: 2, closed: 1, open: 1, overdue: 1 });
    expect(region('530103')).toMatchObject({ filed: 1, closed: 1, open: 0, overdue: 0 });
    const clock = (code: string) => s.timeliness.find((x: { code: string }) => x.code === code);
    expect(clock('decide')).toMatchObject({ met: 2, late: 0, overdue: 1, running: 0, onTimeRate: 1 });
    expect(clock('investigate')).toMatchObject({ met: 1, late: 0, overdue: 0, running: 0, onTimeRate: 1 });
    expect(s.overdue).toHaveLength(1);
    expect(s.overdue[0]).toMatchObject({
      clock: 'decide',
      clockName: '受理期限',
      dueOn: '2026-03-09',
      escalated: true,
    });
    expect(s.overdue[0].daysOverdue).toBe(5);
    expect(s.annual).toEqual({
      complaintsReceived: 3,
      complaintsAccepted: 1,
      casesFiled: 0,
      casesClosed: 2,
      workersInvolved: 7,
      workersHelped: 1,
      recoveredFen: 800_000,
      employersOrdered: 1,
      orderedFen: 800_000,
      policeTransfers: 0,
    });
    // Another year: nothing filed, nothing closed; the overdue list is of today.
    const y2025 = (await api(t, 'GET', '/api/rights/stats?year=2025', { cookie: city.cookie })).json();
    expect(y2025.totals).toMatchObject({ filed: 0, closed: 0, workers: 0 });
    expect(y2025.byChannel).toEqual([]);
  });

  it('a county officer sees only its county; a region outside the scope is 404', async () => {
    const r = await api(t, 'GET', '/api/rights/stats', { cookie: wuhua.cookie });
    expect(r.statusCode, r.body).toBe(200);
    const s = r.json();
    expect(s.region.code).toBe('530102');
    expect(s.year).toBe(2026);
    expect(s.totals).toEqual({ filed: 2, closed: 1, workers: 6, escalated: 1, overdue: 1 });
    expect(s.byChannel.map((x: { channel: string }) => x.channel)).toEqual(['hotline', 'window']);
    expect(s.byRegion.every((x: { code: string }) => x.code.startsWith('530102'))).toBe(true);
    const p = (await api(t, 'GET', '/api/rights/stats', { cookie: panlong.cookie })).json();
    expect(p.totals).toEqual({ filed: 1, closed: 1, workers: 1, escalated: 0, overdue: 0 });
    expect(p.overdue).toEqual([]);
    const outside = await api(t, 'GET', '/api/rights/stats?regionCode=530103', { cookie: wuhua.cookie });
    expect(outside.statusCode).toBe(404);
    expect(outside.json().detail).toBe('区划不在您的管辖范围内');
    const narrower = await api(t, 'GET', '/api/rights/stats?regionCode=530103', { cookie: city.cookie });
    expect(narrower.json().totals).toMatchObject({ filed: 1 });
  });

  it('refuses bad input with a precise Chinese message', async () => {
    const bad = await api(t, 'GET', '/api/rights/stats?year=abc', { cookie: city.cookie });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('年份应为数字');
    const far = await api(t, 'GET', '/api/rights/stats?year=1999', { cookie: city.cookie });
    expect(far.statusCode).toBe(400);
    expect(far.body).toContain('年份应在 2000–2100 之间');
    const region = await api(t, 'GET', '/api/rights/stats?regionCode=53x', { cookie: city.cookie });
    expect(region.statusCode).toBe(400);
    const other = await api(t, 'GET', '/api/rights/stats?regionCode=12', { cookie: city.cookie });
    expect(other.statusCode).toBe(404);
  });

  it('exports the figures as an Excel workbook', async () => {
    const r = await api(t, 'GET', '/api/rights/stats.xlsx?year=2026', { cookie: city.cookie });
    expect(r.statusCode, r.body.slice(0, 200)).toBe(200);
    expect(r.headers['content-disposition']).toContain('rights-stats.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const annual = wb.getWorksheet('年度劳动保障监察情况')!;
    const rows = annual.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows.some((row) => row.includes('追回工资等待遇（元）') && row.includes('8,000.00'))).toBe(true);
    expect(wb.getWorksheet('超期清单')!.rowCount).toBe(3);
    // Audited like every export, before the workbook is sent.
    const audited = await one<{ n: number; detail: { year: number; regionCode: string } }>(
      t.db.owner,
      sql`select count(*) over ()::int as n, detail from audit_log where action = 'rights.stats_export'`,
    );
    expect(audited).toEqual({ n: 1, detail: { year: 2026, regionCode: '5301' } });
  });

  it('counts an amount recovered once per chain of linked cases (complaint → inspection → legal aid)', async () => {
    // In 官渡区, apart from the fixture: a complaint, the inspection opened from it and the legal aid opened from the
    // complaint each record the same 5,000 元 recovered for the same worker; a lone complaint records 1,000 元.
    const body = { regionCode: '530111001', claims: [{ kind: 'wages', amountFen: 500_000, description: '工资' }] };
    const inspectors = { inspectors: [ids.stats_city, ids.stats_wuhua] };
    const transition = (id: string, event: string, fields: Record<string, unknown> = {}) =>
      api(t, 'POST', `/api/cases/${id}/transitions`, { cookie: city.cookie, body: { event, fields } });
    const chained = await file(city.cookie, body);
    await step(city.cookie, chained, 'accept', inspectors);
    const links = async (event: string) =>
      ((await transition(chained, event)).json().links as { caseId: string }[]).map((l) => l.caseId);
    const [inspection] = await links('open_inspection');
    const legalAid = (await links('legal_aid')).find((id) => id !== inspection)!;
    await step(city.cookie, inspection, 'investigate', inspectors);
    await step(city.cookie, inspection, 'close', { outcome: '已支付', recoveredFen: 500_000 });
    await step(city.cookie, chained, 'close', { outcome: '已支付', recoveredFen: 500_000 });
    const provider = await api(t, 'POST', '/api/rights/legal-aid-providers', {
      cookie: city.cookie,
      body: { kind: 'organisation', name: '官渡区法律援助中心', regionCode: '530111' },
    });
    expect(provider.statusCode, provider.body).toBe(201);
    await step(city.cookie, legalAid, 'grant', {
      ground: '进城务工人员申请支付劳动报酬，免予核查经济困难状况（第四十二条第四项）',
      decisionNo: '官法援决〔2026〕1号',
    });
    await step(city.cookie, legalAid, 'assign', { providerId: provider.json().id });
    await step(city.cookie, legalAid, 'close', { outcome: '胜诉', recoveredFen: 500_000 });
    const lone = await file(city.cookie, body);
    await step(city.cookie, lone, 'accept', inspectors);
    await step(city.cookie, lone, 'close', { outcome: '已支付', recoveredFen: 100_000 });
    const r = await api(t, 'GET', '/api/rights/stats?year=2026&regionCode=530111', { cookie: city.cookie });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().amounts).toMatchObject({ recoveredFen: 600_000, workersHelped: 2 });
    expect(r.json().annual).toMatchObject({ recoveredFen: 600_000, workersHelped: 2 });
  });
});
