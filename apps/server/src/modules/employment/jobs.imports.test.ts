/**
 * 岗位信息导入、导出与到期 through the API: the template, an upload whose bad rows are refused one by one with the
 * same Chinese messages as the form (discrimination, sub-minimum and reversed wages, past validity, unknown
 * employer, township outside the uploader's county, hostile cells), the same file again publishing nothing twice,
 * the three list exports (masked names, watermark, audit row), and the daily expiry (idempotent).
 */
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { all, one } from '../../db/client.js';
import { provisionUser } from '../../bootstrap.js';
import { api, multipartBody, signIn, startTestPlatform, type TestPlatform } from '../../test/harness.js';
import { creditCode, idNumber } from '../../test/scope-matrix.fixture.js';

let t: TestPlatform;
const PASSWORD = 'Employ#Import-2026xy';
const cookies: Record<string, string> = {};
const call = (who: string, method: string, url: string, body?: unknown) =>
  api(t, method, url, { cookie: cookies[who], body });

let wuhuaTown: string;
let panlongTown: string;
let employerCode: string;
const EMPLOYER = '昆明五华导入测试有限公司';

beforeAll(async () => {
  t = await startTestPlatform();
  const town = async (county: string) =>
    (await one<{ code: string }>(
      t.db.owner,
      sql`select code from regions where code like ${county + '%'} and level = 4 order by code limit 1`,
    ))!.code;
  wuhuaTown = await town('530102');
  panlongTown = await town('530103');
  for (const [username, region] of [
    ['imp_wuhua', '530102'],
    ['imp_city', '5301'],
  ]) {
    await provisionUser(t.db, t.services, {
      username,
      displayName: `就业专员${username}`,
      roles: ['officer'],
      regionCode: region,
      password: PASSWORD,
    });
    cookies[username] = (await signIn(t, username, { password: PASSWORD })).cookie;
  }
  employerCode = creditCode('530102');
  const e = await call('imp_wuhua', 'POST', '/api/employers', {
    creditCode: employerCode,
    name: EMPLOYER,
    industry: 'C',
    size: 'small',
    regionCode: '530102',
  });
  expect(e.statusCode, e.body).toBe(201);
}, 120_000);
afterAll(async () => t?.close());

const HEADER =
  '用工单位（名称或统一社会信用代码）,岗位名称,职业（工种）（代码或名称）,招聘人数,月工资下限（元）,月工资上限（元）,' +
  '工作地点（乡镇/街道）,工作地址,年龄下限,年龄上限,最低文化程度,性别要求,技能要求,证书要求,其他要求,提供住宿,' +
  '提供餐食,缴纳社会保险,合同期限（月）,有效期至,家庭服务业岗位,岗位描述';
const q = (v: string) => `"${v.replace(/"/g, '""')}"`;
function row(over: Partial<Record<string, string>> = {}): string {
  const r: Record<string, string> = {
    employer: EMPLOYER,
    title: '电焊工',
    occupation: '6-18-02-04',
    headcount: '3',
    wageMin: '4800',
    wageMax: '5500',
    region: '',
    address: '五华区某钢结构厂',
    ageMin: '18',
    ageMax: '60',
    education: '初中',
    sex: '不限',
    skills: '二氧化碳保护焊、氩弧焊',
    certificates: '',
    other: '',
    housing: '是',
    meals: '否',
    insurance: '是',
    contractTermMonths: '12',
    validUntil: '2026-12-31',
    householdService: '否',
    description: '钢结构焊接',
    ...over,
  };
  r.region ||= wuhuaTown;
  return Object.values(r).map(q).join(',');
}

async function upload(who: string, lines: string[]) {
  const csv = [HEADER, ...lines].join('\r\n');
  const { payload, headers } = multipartBody({ kind: 'employment_jobs' }, { name: 'jobs.csv', data: Buffer.from(csv) });
  const r = await t.app.inject({
    method: 'POST',
    url: '/api/imports',
    headers: { ...headers, cookie: cookies[who] },
    payload,
  });
  expect(r.statusCode, r.body).toBe(202);
  await t.services.imports.idle();
  const job = (await call(who, 'GET', `/api/imports/${r.json().id}`)).json();
  const errors = (await call(who, 'GET', `/api/imports/${job.id}/errors?pageSize=200`)).json();
  const byRow = new Map<number, string>(
    (errors.items ?? []).map((e: { rowNo: number; summary: string }) => [e.rowNo, e.summary]),
  );
  return { job, byRow };
}

describe('岗位导入', () => {
  it('offers a template with the form’s columns', async () => {
    const res = await call('imp_wuhua', 'GET', '/api/imports/templates/employment_jobs');
    expect(res.statusCode, res.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const headers = wb.worksheets[0].getRow(1).values as unknown[];
    expect(headers.map(String).join('|')).toContain('月工资下限（元）');
    expect(headers.map(String).join('|')).toContain('有效期至');
  });

  it('imports good rows and refuses each bad one with its row number and a Chinese message', async () => {
    const lines = [
      row(), // 2: ok (employer by name)
      row({ employer: employerCode, title: '氩弧焊工' }), // 3: ok (employer by credit code)
      row({ wageMin: '6000', wageMax: '5000' }), // 4: reversed
      row({ wageMin: '1500', wageMax: '2000' }), // 5: below the minimum wage
      row({ description: '限本地户口，男性优先' }), // 6: discrimination
      row({ validUntil: '2026-01-31' }), // 7: past validity
      row({ employer: '不存在的公司' }), // 8: unknown employer
      row({ region: panlongTown }), // 9: outside the county officer's jurisdiction
      row({ headcount: '十个', ageMin: '15' }), // 10: wrong type, minor
      row({ title: '=HYPERLINK("http://x","点我")' }), // 11: formula text stays text
      row({ title: '长'.repeat(5000) }), // 12: huge string
      row({ region: '火星街道' }), // 13: unknown township
      row({ sex: '女', occupation: '4-10-01-06' }), // 14: sex requirement outside the legal exceptions
      row({ housing: '也许' }), // 15: not yes/no
    ];
    const { job, byRow } = await upload('imp_wuhua', lines);
    expect(job, JSON.stringify(job)).toMatchObject({ status: 'done', createdRows: 3, errorRows: 11 });
    expect(byRow.get(4)).toContain('工资范围颠倒');
    expect(byRow.get(5)).toContain('低于当地最低工资标准');
    expect(byRow.get(6)).toContain('户籍');
    expect(byRow.get(6)).toContain('性别');
    expect(byRow.get(7)).toContain('有效期 2026-01-31 已过');
    expect(byRow.get(8)).toContain('未在实名制系统登记');
    expect(byRow.get(9)).toContain('不在您的管辖范围内');
    expect(byRow.get(10)).toContain('招聘人数须为整数');
    expect(byRow.get(10)).toContain('未满 16 周岁');
    expect(byRow.has(11)).toBe(false); // a formula-looking title is plain text, published as typed
    expect(byRow.get(12)).toMatch(/超|长/);
    expect(byRow.get(13)).toContain('火星街道');
    expect(byRow.get(14)).toContain('性别');
    expect(byRow.get(15)).toContain('“是”或“否”');
    const titles = (await call('imp_wuhua', 'GET', '/api/jobs?pageSize=50'))
      .json()
      .items.map((j: { title: string }) => j.title);
    expect(titles).toEqual(expect.arrayContaining(['电焊工', '氩弧焊工', '=HYPERLINK("http://x","点我")']));
  });

  it('publishes nothing twice when the same file comes again', async () => {
    const before = (await call('imp_wuhua', 'GET', '/api/jobs?pageSize=1')).json().total;
    const { job } = await upload('imp_wuhua', [row(), row({ employer: employerCode, title: '氩弧焊工' })]);
    expect(job).toMatchObject({ status: 'done', createdRows: 0, unchangedRows: 2, errorRows: 0 });
    expect((await call('imp_wuhua', 'GET', '/api/jobs?pageSize=1')).json().total).toBe(before);
  });
});

describe('列表导出', () => {
  it('exports postings, seekers and referrals as watermarked workbooks, masked, audited first', async () => {
    const w = await call('imp_wuhua', 'POST', '/api/workers', {
      name: '欧阳焊工',
      idNumber: idNumber('530102', '1988-04-12'),
      ethnicity: '01',
      education: '30',
      phone: null,
      hukouRegionCode: '530102',
      residenceRegionCode: wuhuaTown,
      skills: [],
    });
    expect(w.statusCode, w.body).toBe(201);
    const s = await call('imp_wuhua', 'POST', '/api/seekers', {
      workerId: w.json().id,
      occupations: ['6-18-02-04'],
      preference: 'local',
      minWageFen: 400_000,
    });
    expect(s.statusCode, s.body).toBe(201);
    const jobId = (await call('imp_wuhua', 'GET', '/api/jobs?q=' + encodeURIComponent('电焊'))).json().items[0].id;
    const ref = await call('imp_wuhua', 'POST', '/api/referrals', { seekerId: s.json().id, jobId });
    expect(ref.statusCode, ref.body).toBe(201);

    for (const [path, title, name] of [
      ['/api/jobs/export?status=open', '岗位信息', null],
      ['/api/seekers/export', '求职登记', '欧**工'],
      ['/api/referrals/export', '职业介绍', '欧**工'],
    ] as const) {
      const res = await call('imp_wuhua', 'GET', path);
      expect(res.statusCode, res.body).toBe(200);
      expect(Number(res.headers['x-export-rows'])).toBeGreaterThan(0);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const ws = wb.getWorksheet(title)!;
      expect(String(ws.getRow(1).getCell(1).value)).toContain('导出人：就业专员imp_wuhua');
      if (name) {
        expect(String(ws.getRow(3).getCell(1).value)).toBe(name);
        expect(res.rawPayload.toString('utf8')).not.toContain('欧阳焊工');
      }
    }
    const audits = await all<{ detail: { list: string } }>(
      t.db.owner,
      sql`select detail from audit_log where action = 'employment.export' order by seq`,
    );
    expect(audits.map((a) => a.detail.list)).toEqual(['jobs', 'seekers', 'referrals']);
    const bad = await call('imp_wuhua', 'GET', '/api/referrals/export?outcome=nonsense');
    expect(bad.statusCode).toBe(400);
  });
});

describe('岗位到期', () => {
  it('marks postings past their validity as expired, once', async () => {
    const soon = await call('imp_wuhua', 'POST', '/api/jobs', {
      employerId: (await call('imp_wuhua', 'GET', '/api/jobs?pageSize=1')).json().items[0].employerId,
      title: '短期装卸工',
      occupationCode: '4-09',
      headcount: 2,
      wageMinFen: 300_000,
      wageMaxFen: 350_000,
      regionCode: wuhuaTown,
      address: '五华区物流园',
      validUntil: '2026-03-05',
    });
    expect(soon.statusCode, soon.body).toBe(201);
    expect(await t.services.jobs.expireDue()).toBe(0);
    t.clock.advance(5 * 86_400_000); // 2026-03-07
    expect(await t.services.jobs.expireDue()).toBe(1);
    expect(await t.services.jobs.expireDue()).toBe(0);
    const after = await one<{ status: string }>(
      t.db.owner,
      sql`select status from job_postings where id = ${soon.json().id}::uuid`,
    );
    expect(after?.status).toBe('expired');
  });
});
