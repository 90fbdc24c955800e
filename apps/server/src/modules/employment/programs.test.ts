/**
 * The employment programmes through the API: campaigns and fairs with their results, the two surveys (results by
 * region, Excel export), labour cooperation, startup loans (the cap as a city parameter, the bank's decision) and
 * incubators, policy consulting; bad input refused with precise Chinese messages; a county officer neither sees
 * nor creates another county's records.
 */
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOAN_CAP_SETTING } from '@mwsp/domain';
import { provisionUser } from '../../bootstrap.js';
import { api, signIn, startTestPlatform, type TestPlatform } from '../../test/harness.js';
import { testIdNumber } from '../../test/id-number.js';

let t: TestPlatform;
const PASSWORD = 'Programs#Kunming-2026x';
const who: Record<'wuhua' | 'panlong' | 'city', { cookie: string }> = {} as never;
let workerW = ''; // a worker registered in 五华区
let workerW2 = '';
let workerP = ''; // a worker registered in 盘龙区
let seq = 500;

const idNumber = (region: string, birth: string) => testIdNumber(region, birth, String(seq++).padStart(3, '0'));

const call = (u: keyof typeof who, method: string, url: string, body?: unknown) =>
  api(t, method, url, { cookie: who[u].cookie, body });

async function worker(u: keyof typeof who, residence: string, name: string): Promise<string> {
  const res = await call(u, 'POST', '/api/workers', {
    name,
    idNumber: idNumber('530102', '1990-05-17'),
    ethnicity: '01',
    education: '30',
    phone: null,
    hukouRegionCode: residence.slice(0, 6),
    residenceRegionCode: residence,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

beforeAll(async () => {
  t = await startTestPlatform();
  for (const [k, username, region] of [
    ['wuhua', 'prog_wuhua', '530102'],
    ['panlong', 'prog_panlong', '530103'],
    ['city', 'prog_city', '5301'],
  ] as const) {
    await provisionUser(t.db, t.services, {
      username,
      displayName: username,
      roles: ['officer'],
      regionCode: region,
      password: PASSWORD,
    });
    who[k] = await signIn(t, username, { password: PASSWORD });
  }
  workerW = await worker('wuhua', '530102001', '赵一');
  workerW2 = await worker('wuhua', '530102001', '钱二');
  workerP = await worker('panlong', '530103001', '孙三');
}, 120_000);
afterAll(async () => t?.close());

describe('campaigns and job fairs', () => {
  let campaignId = '';
  it('registers a city campaign, its fairs in the counties, and sums the results by county', async () => {
    const c = await call('city', 'POST', '/api/campaigns', {
      kind: 'spring_breeze',
      name: '2026 年春风行动',
      startDate: '2026-02-01',
      endDate: '2026-03-31',
      regionCode: '5301',
      regions: ['530102', '530103'],
      organiser: '昆明市人力资源和社会保障局',
      postingIds: ['7d3c2b1a-0000-4000-8000-000000000001'],
    });
    expect(c.statusCode, c.body).toBe(201);
    campaignId = c.json().id;
    expect(c.json()).toMatchObject({
      readOnly: false,
      kindName: '春风行动',
      fairs: 0,
      regions: [{ code: '530102' }, { code: '530103' }],
    });
    // A city campaign is the city's: the city registers its fairs; the county sees and completes those in it.
    const fair = await call('city', 'POST', `/api/campaigns/${campaignId}/fairs`, {
      heldOn: '2026-02-20',
      venue: '五华区人力资源市场',
      regionCode: '530102',
      employers: [
        { name: '昆明某建筑劳务有限公司', booths: 2, positions: 40 },
        { name: '昆明某家政服务公司', positions: 15 },
      ],
    });
    expect(fair.statusCode, fair.body).toBe(201);
    expect(fair.json()).toMatchObject({ booths: 3, positions: 55, attendees: 0 });
    const res = await call('wuhua', 'PUT', `/api/campaigns/${campaignId}/fairs/${fair.json().id}/results`, {
      attendees: 800,
      referrals: 120,
      hires: 60,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ attendees: 800, referrals: 120, hires: 60 });
    const results = await call('city', 'GET', `/api/campaigns/results?campaignId=${campaignId}`);
    expect(results.statusCode, results.body).toBe(200);
    expect(results.json().rows).toEqual([
      {
        regionCode: '530102',
        regionName: expect.stringContaining('五华区'),
        values: { fairs: 1, booths: 3, positions: 55, attendees: 800, referrals: 120, hires: 60 },
      },
    ]);
    const detail = await call('city', 'GET', `/api/campaigns/${campaignId}`);
    expect(detail.json()).toMatchObject({
      fairs: 1,
      attendees: 800,
      hires: 60,
      fairList: [{ venue: '五华区人力资源市场' }],
    });
  });

  it('refuses reversed dates, fairs outside the campaign, impossible results', async () => {
    const reversed = await call('city', 'POST', '/api/campaigns', {
      kind: 'private_week',
      name: '民营企业招聘周',
      startDate: '2026-05-10',
      endDate: '2026-05-01',
      regionCode: '5301',
      organiser: '市人社局',
    });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().errors).toContainEqual({ path: 'endDate', message: '结束日期不能早于开始日期' });
    const late = await call('city', 'POST', `/api/campaigns/${campaignId}/fairs`, {
      heldOn: '2026-04-02',
      venue: '某广场',
      regionCode: '530102',
    });
    expect(late.statusCode).toBe(400);
    expect(late.json().detail).toBe('招聘会日期须在活动期间（2026-02-01 至 2026-03-31）内');
    const elsewhere = await call('city', 'POST', `/api/campaigns/${campaignId}/fairs`, {
      heldOn: '2026-03-01',
      venue: '某广场',
      regionCode: '530111',
    });
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json().detail).toBe('招聘会举办地须在活动覆盖的区域内');
    const future = await call('city', 'POST', `/api/campaigns/${campaignId}/fairs`, {
      heldOn: '2026-03-20',
      venue: '五华区某街道',
      regionCode: '530102001',
    });
    expect(future.statusCode, future.body).toBe(201);
    const early = await call('wuhua', 'PUT', `/api/campaigns/${campaignId}/fairs/${future.json().id}/results`, {
      attendees: 1,
      referrals: 0,
      hires: 0,
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().detail).toBe('招聘会尚未举办，不能登记成效');
    const outside = await call('city', 'POST', '/api/campaigns', {
      kind: 'other',
      name: '外省活动',
      startDate: '2026-05-01',
      endDate: '2026-05-02',
      regionCode: '110101',
      organiser: '某单位',
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().detail).toBe('组织单位所在区划须在本市范围内');
  });

  it('keeps counties apart: 盘龙 neither sees 五华’s fair nor adds one in 五华', async () => {
    // The city's campaign is read (read-only) by the counties under the city; 五华's fairs stay 五华's.
    const list = await call('panlong', 'GET', '/api/campaigns');
    expect(list.json().total).toBe(1);
    expect(list.json().items[0]).toMatchObject({
      id: campaignId,
      regionCode: '5301',
      fairs: 0,
      attendees: 0,
      readOnly: true,
    });
    const detail = await call('panlong', 'GET', `/api/campaigns/${campaignId}`);
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json()).toMatchObject({ id: campaignId, fairs: 0, fairList: [], readOnly: true });
    const ownFair = await call('panlong', 'POST', `/api/campaigns/${campaignId}/fairs`, {
      heldOn: '2026-03-02',
      venue: '盘龙区人力资源市场',
      regionCode: '530103',
    });
    expect(ownFair.statusCode, ownFair.body).toBe(403);
    expect(ownFair.json().detail).toBe('上级组织的招聘活动只能查看，由组织单位维护');
    const wuhuaList = await call('wuhua', 'GET', '/api/campaigns');
    expect(wuhuaList.json().items[0]).toMatchObject({ id: campaignId, fairs: 2, attendees: 800 });
    const inWuhua = await call('panlong', 'POST', '/api/campaigns', {
      kind: 'job_fair',
      name: '五华专场',
      startDate: '2026-03-01',
      endDate: '2026-03-01',
      regionCode: '530102',
      organiser: '盘龙区人社局',
    });
    expect(inWuhua.statusCode).toBe(404);
    const results = await call('panlong', 'GET', '/api/campaigns/results');
    expect(results.json().rows).toEqual([]);
  });
});

describe('surveys', () => {
  it('records both surveys, sums them by county and exports them to Excel', async () => {
    for (const [occupation, headcount, wageFen] of [
      ['6-31-01-03', 10, 600_000],
      ['4-10-01-06', 30, 450_000],
    ] as const) {
      const d = await call('wuhua', 'POST', '/api/surveys/demand', {
        period: '2026年春节后',
        surveyedOn: '2026-02-25',
        regionCode: '530102001',
        employerName: '昆明某物业服务有限公司',
        occupation,
        headcount,
        wageFen,
      });
      expect(d.statusCode, d.body).toBe(201);
    }
    const o = await call('wuhua', 'POST', '/api/surveys/outbound', {
      period: '2026年一季度',
      surveyedOn: '2026-03-01',
      workerId: workerW,
      destination: '浙江省宁波市',
      occupation: '6-31-01-03',
      incomeFen: 680_000,
      status: 'employed',
    });
    expect(o.statusCode, o.body).toBe(201);
    expect(o.json()).toMatchObject({ statusName: '务工就业', occupationName: '电工', regionCode: '530102001' });
    const demand = await call('city', 'GET', '/api/surveys/demand/results');
    expect(demand.json().rows).toEqual([
      {
        regionCode: '530102',
        regionName: expect.stringContaining('五华区'),
        values: { enterprises: 1, headcount: 40, avgWageFen: 487_500, maxWageFen: 600_000 },
      },
    ]);
    const outbound = await call('wuhua', 'GET', '/api/surveys/outbound/results');
    expect(outbound.json().rows[0].values).toMatchObject({ people: 1, employed: 1, avgIncomeFen: 680_000 });
    const file = await call('wuhua', 'GET', '/api/surveys/demand/export');
    expect(file.statusCode, file.body.slice(0, 200)).toBe(200);
    expect(file.headers['x-export-rows']).toBe('2');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(String(ws.getRow(1).getCell(1).value)).toContain('导出人：prog_wuhua');
    expect(ws.getRow(2).getCell(4).value).toBe('企业名称');
    expect(ws.rowCount).toBe(4);
    const none = await call('panlong', 'GET', '/api/surveys/demand');
    expect(none.json().total).toBe(0);
  });

  it('refuses future dates, unknown or out-of-scope workers, bad occupations', async () => {
    const base = {
      period: '2026年春节后',
      surveyedOn: '2026-02-25',
      regionCode: '530102',
      employerName: '某企业',
      occupation: '6-31-01-03',
      headcount: 1,
      wageFen: 300_000,
    };
    const future = await call('wuhua', 'POST', '/api/surveys/demand', { ...base, surveyedOn: '2026-03-03' });
    expect(future.json().detail).toBe('调查日期不能晚于今天');
    const occ = await call('wuhua', 'POST', '/api/surveys/demand', { ...base, occupation: '电工' });
    expect(occ.statusCode).toBe(400);
    expect(occ.body).toContain('职业代码格式不正确');
    const zero = await call('wuhua', 'POST', '/api/surveys/demand', { ...base, headcount: 0 });
    expect(zero.body).toContain('需求人数至少为 1');
    const other = await call('wuhua', 'POST', '/api/surveys/outbound', {
      period: '2026年一季度',
      surveyedOn: '2026-03-01',
      workerId: workerP,
      destination: '广东省深圳市',
      status: 'seeking',
    });
    expect(other.statusCode).toBe(400);
    expect(other.json().detail).toBe('务工人员不存在或不在您的管辖范围内');
    const income = await call('wuhua', 'POST', '/api/surveys/outbound', {
      period: '2026年一季度',
      surveyedOn: '2026-03-01',
      workerId: workerW2,
      destination: '广东省深圳市',
      status: 'returned',
      incomeFen: 100,
    });
    expect(income.json().detail).toBe('求职中或已返乡人员不填写月收入');
    const kind = await call('wuhua', 'GET', '/api/surveys/other/results');
    expect(kind.statusCode).toBe(400);
  });
});

describe('labour cooperation', () => {
  it('registers an agreement, a station, a group under it, a brand and a model township', async () => {
    const a = await call('wuhua', 'POST', '/api/cooperation/agreements', {
      regionCode: '530102',
      destination: '浙江省宁波市',
      originParty: '五华区人力资源和社会保障局',
      destinationParty: '宁波市人力资源和社会保障局',
      startDate: '2026-01-01',
      endDate: '2028-12-31',
      terms: '每年输出 500 人，输入地提供岗位信息和权益维护',
      targetCount: 500,
    });
    expect(a.statusCode, a.body).toBe(201);
    const agreementId = a.json().id;
    const s = await call('wuhua', 'POST', '/api/cooperation/stations', {
      regionCode: '530102',
      name: '五华区驻宁波劳务服务工作站',
      agreementId,
      destination: '浙江省宁波市',
      establishedOn: '2026-01-15',
      staff: [{ name: '李站长', phone: '13800000000', duty: '站长' }],
      workerIds: [workerW, workerW2],
    });
    expect(s.statusCode, s.body).toBe(201);
    expect(s.json()).toMatchObject({ workersServed: 2, staff: [{ name: '李站长' }] });
    const g = await call('wuhua', 'POST', '/api/cooperation/groups', {
      regionCode: '530102001',
      departedOn: '2026-02-18',
      destination: '浙江省宁波市',
      agreementId,
      members: [
        { workerId: workerW, workplace: '宁波某电子厂' },
        { workerId: workerW2, workplace: '宁波某物流公司' },
      ],
    });
    expect(g.statusCode, g.body).toBe(201);
    expect(g.json().people).toBe(2);
    // People and served workers show the worker's masked name and ID number (the registry's port), not bare ids.
    const masked = expect.stringMatching(/^\d{6}\*{8}[\dX]{4}$/);
    expect(g.json().members).toEqual([
      { workerId: workerW, workplace: '宁波某电子厂', name: '赵*', idMasked: masked },
      { workerId: workerW2, workplace: '宁波某物流公司', name: '钱*', idMasked: masked },
    ]);
    const stations = await call('city', 'GET', '/api/cooperation/stations');
    expect(stations.json().items[0].workers).toEqual([
      { workerId: workerW, name: '赵*', idMasked: masked },
      { workerId: workerW2, name: '钱*', idMasked: masked },
    ]);
    const groups = await call('wuhua', 'GET', '/api/cooperation/groups');
    expect(groups.json().items[0].members.map((m: { name: string }) => m.name)).toEqual(['赵*', '钱*']);
    expect(JSON.stringify(groups.json())).not.toContain('赵一');
    const list = await call('wuhua', 'GET', '/api/cooperation/agreements');
    expect(list.json().items[0]).toMatchObject({ id: agreementId, sent: 2, targetCount: 500 });
    const b = await call('wuhua', 'POST', '/api/cooperation/brands', {
      regionCode: '530102',
      name: '五华家政',
      occupation: '4-10-01-06',
      workerIds: [workerW2],
    });
    expect(b.statusCode, b.body).toBe(201);
    expect(b.json()).toMatchObject({ members: 1, occupationName: '家政服务员' });
    const again = await call('wuhua', 'POST', '/api/cooperation/brands', { regionCode: '530102', name: '五华家政' });
    expect(again.statusCode).toBe(409);
    const m = await call('wuhua', 'POST', '/api/cooperation/model-sites', {
      regionCode: '530102001',
      kind: 'township',
      year: 2026,
      transferred: 1200,
    });
    expect(m.statusCode, m.body).toBe(201);
    expect(m.json().kindName).toBe('农村劳动力转移就业示范乡镇');
  });

  it('refuses bad input', async () => {
    const reversed = await call('wuhua', 'POST', '/api/cooperation/agreements', {
      regionCode: '530102',
      destination: '浙江省宁波市',
      originParty: '甲',
      destinationParty: '乙',
      startDate: '2026-01-01',
      endDate: '2025-12-31',
      targetCount: 10,
    });
    expect(reversed.json().errors).toContainEqual({ path: 'endDate', message: '协议结束日期不能早于开始日期' });
    const unknown = await call('wuhua', 'POST', '/api/cooperation/groups', {
      regionCode: '530102',
      departedOn: '2026-02-18',
      destination: '广东省东莞市',
      members: [{ workerId: '00000000-0000-4000-8000-000000000000', workplace: '某厂' }],
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toEqual([{ path: 'members.0.workerId', message: '务工人员不存在' }]);
    const twice = await call('wuhua', 'POST', '/api/cooperation/groups', {
      regionCode: '530102',
      departedOn: '2026-02-18',
      destination: '广东省东莞市',
      members: [
        { workerId: workerW, workplace: '某厂' },
        { workerId: workerW, workplace: '某厂' },
      ],
    });
    expect(twice.json().detail).toBe('同一务工人员不能重复添加');
    const village = await call('wuhua', 'POST', '/api/cooperation/model-sites', {
      regionCode: '530102001',
      kind: 'village',
      year: 2026,
      transferred: 1,
    });
    expect(village.json().detail).toBe('示范村须选择村（社区）');
    const otherCounty = await call('wuhua', 'POST', '/api/cooperation/stations', {
      regionCode: '530103',
      name: '盘龙站',
      destination: '某地',
      establishedOn: '2026-01-01',
    });
    expect(otherCounty.statusCode).toBe(404);
    expect((await call('panlong', 'GET', '/api/cooperation/stations')).json().total).toBe(0);
  });
});

describe('entrepreneurship', () => {
  it('checks the loan cap (a city parameter), records the bank’s decision once, and lists incubators', async () => {
    const base = {
      workerId: workerW,
      regionCode: '530102001',
      business: '返乡开办农家乐',
      bank: '富滇银行五华支行',
      appliedOn: '2026-02-10',
    };
    const over = await call('wuhua', 'POST', '/api/startup/loans', { ...base, amountFen: 30_000_001 });
    expect(over.statusCode).toBe(400);
    expect(over.json().detail).toBe('申请金额超过个人创业担保贷款最高额度 300,000.00 元');
    await t.services.settings.set(LOAN_CAP_SETTING, 20_000_000);
    const cap = await call('wuhua', 'GET', '/api/startup/loan-cap');
    expect(cap.json()).toEqual({ capFen: 20_000_000 });
    const lowered = await call('wuhua', 'POST', '/api/startup/loans', { ...base, amountFen: 25_000_000 });
    expect(lowered.json().detail).toBe('申请金额超过个人创业担保贷款最高额度 200,000.00 元');
    await t.db.owner.execute(sql`delete from settings where key = ${LOAN_CAP_SETTING}`);
    const ok = await call('wuhua', 'POST', '/api/startup/loans', { ...base, amountFen: 25_000_000 });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ status: 'submitted', statusName: '已申请（待银行审批）', version: 0 });
    const dup = await call('wuhua', 'POST', '/api/startup/loans', { ...base, amountFen: 1_000_000 });
    expect(dup.statusCode).toBe(409);
    const id = ok.json().id;
    const disburseFirst = await call('wuhua', 'POST', `/api/startup/loans/${id}/decision`, {
      decision: 'disbursed',
      decidedOn: '2026-02-20',
      version: 0,
    });
    expect(disburseFirst.json().detail).toBe('尚未批准的申请不能登记放款');
    const tooMuch = await call('wuhua', 'POST', `/api/startup/loans/${id}/decision`, {
      decision: 'approved',
      decidedOn: '2026-02-20',
      approvedFen: 26_000_000,
      version: 0,
    });
    expect(tooMuch.json().detail).toBe('批准金额不能超过申请金额');
    const before = await call('wuhua', 'POST', `/api/startup/loans/${id}/decision`, {
      decision: 'approved',
      decidedOn: '2026-02-01',
      approvedFen: 20_000_000,
      version: 0,
    });
    expect(before.json().detail).toBe('审批日期不能早于申请日期');
    const approved = await call('wuhua', 'POST', `/api/startup/loans/${id}/decision`, {
      decision: 'approved',
      decidedOn: '2026-02-20',
      approvedFen: 20_000_000,
      note: '同意',
      version: 0,
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', approvedFen: 20_000_000, version: 1 });
    const stale = await call('wuhua', 'POST', `/api/startup/loans/${id}/decision`, {
      decision: 'disbursed',
      decidedOn: '2026-02-25',
      version: 0,
    });
    expect(stale.statusCode).toBe(409);
    const hidden = await call('panlong', 'POST', `/api/startup/loans/${id}/decision`, {
      decision: 'disbursed',
      decidedOn: '2026-02-25',
      version: 1,
    });
    expect(hidden.statusCode).toBe(404);
    // 全国一人一贷: the same person's second application in another county is refused (the blind-index look-up).
    const elsewhere = { ...base, regionCode: '530103', bank: '富滇银行盘龙支行', amountFen: 1_000_000 };
    const second = await call('city', 'POST', '/api/startup/loans', elsewhere);
    expect(second.statusCode, second.body).toBe(409);
    expect(second.json().detail).toBe('该务工人员已在五华区有在办或未结清的创业担保贷款，不能重复申请');
    const inc = await call('wuhua', 'POST', '/api/startup/incubators', {
      regionCode: '530102',
      kind: 'incubator',
      name: '五华区农民工返乡创业孵化基地',
      operator: '五华区就业局',
      openedOn: '2025-06-01',
      businesses: [
        { name: '某电商工作室', founderWorkerId: workerW, jobs: 8, since: '2025-09-01' },
        { name: '某手工坊', jobs: 5 },
      ],
    });
    expect(inc.statusCode, inc.body).toBe(201);
    expect(inc.json()).toMatchObject({ jobsCreated: 13, kindName: '创业孵化基地' });
    const early = await call('wuhua', 'POST', '/api/startup/incubators', {
      regionCode: '530102',
      kind: 'park',
      name: '某园区',
      operator: '某公司',
      openedOn: '2025-06-01',
      businesses: [{ name: '某店', jobs: 1, since: '2025-01-01' }],
    });
    expect(early.json().detail).toBe('入驻日期不能早于基地（园区）设立日期');
  });
});

describe('policy consulting', () => {
  it('logs enquiries at any level and counts them by topic, channel and county', async () => {
    for (const [u, regionCode, topic, channel] of [
      ['wuhua', '530102001001', 'insurance', 'window'],
      ['wuhua', '530102', 'startup', 'hotline'],
      ['city', '5301', 'startup', 'online'],
      ['panlong', '530103', 'wages', 'phone'],
    ] as const) {
      const r = await call(u, 'POST', '/api/consulting', {
        regionCode,
        askedOn: '2026-03-01',
        topic,
        channel,
        question: '返乡创业能申请哪些补贴？',
        answer: '可申请创业担保贷款及一次性创业补贴，告知办理流程。',
      });
      expect(r.statusCode, r.body).toBe(201);
    }
    const stats = await call('wuhua', 'GET', '/api/consulting/stats');
    expect(stats.json()).toMatchObject({
      total: 2,
      byRegion: [{ regionCode: '530102', count: 2 }],
    });
    const city = await call('city', 'GET', '/api/consulting/stats');
    expect(city.json().total).toBe(4);
    expect(city.json().byTopic[0]).toEqual({ key: 'startup', label: '创业扶持', count: 2 });
    const byChannel = await call('city', 'GET', '/api/consulting?channel=hotline');
    expect(byChannel.json().total).toBe(1);
    const bad = await call('wuhua', 'POST', '/api/consulting', {
      regionCode: '530102',
      askedOn: '2026-03-01',
      topic: 'weather',
      channel: 'pigeon',
      question: '?',
      answer: '!',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('咨询主题无效');
  });
});

describe('exports', () => {
  it('exports each programme register the caller sees, watermarked, and refuses an unknown one', async () => {
    const file = await call('wuhua', 'GET', '/api/programs/loans/export');
    expect(file.statusCode, file.body.slice(0, 200)).toBe(200);
    expect(file.headers['x-export-rows']).toBe('1');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(String(ws.getRow(1).getCell(1).value)).toContain('导出人：prog_wuhua');
    expect(ws.getRow(3).getCell(1).value).toBe('返乡开办农家乐');
    expect(ws.getRow(3).getCell(3).value).toBe('250,000.00');
    // The people of stations and groups by their masked names (the registry's port), never the full name.
    const cells = async (register: string) => {
      const res = await call('wuhua', 'GET', `/api/programs/${register}/export`);
      expect(res.statusCode, register).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const sheet = book.worksheets[0]!;
      const header = (sheet.getRow(2).values as unknown[]).map(String);
      return { sheet, header, text: JSON.stringify(sheet.getSheetValues()) };
    };
    const st = await cells('stations');
    expect(st.sheet.getRow(3).getCell(st.header.indexOf('服务人员')).value).toBe('赵*、钱*');
    const gr = await cells('groups');
    expect(gr.sheet.getRow(3).getCell(gr.header.indexOf('输出人员')).value).toBe('赵*、钱*');
    for (const { text } of [st, gr]) for (const full of ['赵一', '钱二']) expect(text).not.toContain(full);
    for (const register of ['campaigns', 'agreements', 'stations', 'groups', 'brands', 'model-sites', 'incubators'])
      expect((await call('wuhua', 'GET', `/api/programs/${register}/export`)).statusCode, register).toBe(200);
    const consulting = await call('panlong', 'GET', '/api/programs/consulting/export?q=补贴');
    expect(consulting.headers['x-export-rows']).toBe('1'); // 盘龙's own enquiry only
    const unknown = await call('wuhua', 'GET', '/api/programs/weather/export');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('登记簿无效');
  });
});
