import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { all, one, SYSTEM_SCOPE } from '../../db/client.js';
import { provisionUser } from '../../bootstrap.js';
import { api, multipartBody, signIn, startTestPlatform, type TestPlatform } from '../../test/harness.js';

let t: TestPlatform;
let clerk: { cookie: string };
let village: string;

function idNumber(region: string, birth: string, seq: string): string {
  const body = region + birth.replace(/-/g, '') + seq;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  return body + '10X98765432'[[...body].reduce((s, d, i) => s + Number(d) * w[i], 0) % 11];
}

const HEAD = '姓名,公民身份号码,民族,文化程度,手机号码,户籍地区划代码,现居住地区划代码,职业工种代码,银行卡号,开户银行,紧急联系人,紧急联系人关系,紧急联系人电话';
const A = idNumber('530102', '1988-03-04', '011');
const B = idNumber('510104', '1979-12-12', '022');
const C = idNumber('530111', '1995-07-08', '031');
const CHILD = idNumber('530102', '2014-01-01', '041');

function rows(v: string) {
  return [
    `张三,${A},汉族,初中,13812345678,530102,${v},,6222021234567890128,工商银行,,,`,
    `  李四 ,${B.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))},彝,高中,138 0000 1111,510104,${v},,,,王五,配偶,13900001111`, // spaces and full-width digits
    `王小二,${CHILD},汉族,小学,,530102,${v},,,,,,`, // under 16
    `赵六,${A.slice(0, 17)}${A[17] === '1' ? '2' : '1'},汉族,初中,,530102,${v},,,,,,`, // wrong check character
    `钱七,${C},火星族,初中,,530111,${v},,,,,,`, // unknown ethnicity
    `张三重复,${A},汉族,初中,,530102,${v},,,,,,`, // same person twice in one file
  ];
}

async function importCsv(data: Buffer, name = 'workers.csv') {
  const { payload, headers } = multipartBody({ kind: 'workers' }, { name, data });
  const res = await t.app.inject({ method: 'POST', url: '/api/imports', headers: { ...headers, cookie: clerk.cookie }, payload });
  expect(res.statusCode, res.body).toBe(202);
  await t.services.imports.idle();
  return (await api(t, 'GET', `/api/imports/${res.json().id}`, { cookie: clerk.cookie })).json();
}

beforeAll(async () => {
  t = await startTestPlatform();
  const r = (await t.db.owner.execute(sql`select code from regions where code like '530102%' and level = 5 order by code limit 1`)) as unknown as { rows: { code: string }[] };
  village = r.rows[0].code;
  await provisionUser(t.db, t.services, { username: 'imp_clerk', displayName: '五华区导入员', roles: ['officer'], regionCode: '530102', password: 'Import#Wuhua-2026xy' });
  clerk = await signIn(t, 'imp_clerk', { password: 'Import#Wuhua-2026xy' });
});
afterAll(async () => t?.close());

describe('importing workers', () => {
  it('commits the valid rows of a GBK file and reports every bad cell in Chinese, in an annotated workbook', async () => {
    const job = await importCsv(iconv.encode([HEAD, ...rows(village)].join('\r\n'), 'gbk'));
    expect(job).toMatchObject({ status: 'done', encoding: expect.stringMatching(/gb/i), totalRows: 6, createdRows: 2, errorRows: 4 });
    const stored = await t.db.scoped({ region: '*' }, (tx) => all<{ name: string; phone_masked: string }>(tx, sql`select name, phone_masked from workers order by name`));
    expect(stored.map((s) => s.name)).toEqual(['张三', '李四']); // 李四 trimmed; full-width digits read as digits
    expect(stored[1].phone_masked).toBe('138****1111');

    const res = await t.app.inject({ method: 'GET', url: `/api/imports/${job.id}/errors.xlsx`, headers: { cookie: clerk.cookie } });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const text = JSON.stringify(wb.worksheets[0].getSheetValues());
    expect(text).toContain('未满16周岁');
    expect(text).toContain('校验');
    expect(text).toContain('火星族');
    expect(text).toMatch(/重复/);
  });

  it('re-importing the same file creates no duplicates; a changed row becomes an audited update', async () => {
    const again = await importCsv(Buffer.from('\ufeff' + [HEAD, ...rows(village)].join('\n'), 'utf8'));
    expect(again).toMatchObject({ status: 'done', createdRows: 0, unchangedRows: 2, errorRows: 4 });
    const changed = rows(village).slice(0, 1).map((r) => r.replace('初中', '高中'));
    const upd = await importCsv(Buffer.from([HEAD, ...changed].join('\n'), 'utf8'));
    expect(upd).toMatchObject({ status: 'done', updatedRows: 1, createdRows: 0 });
    expect((await one<{ n: number }>(t.db.owner, sql`select count(*)::int as n from workers`))!.n).toBe(2);
    const audits = await t.db.scoped(SYSTEM_SCOPE, (tx) => all<{ detail: { fields: string[]; via: string } }>(tx, sql`select detail from audit_log where action = 'worker.update'`));
    expect(audits).toHaveLength(1);
    expect(audits[0].detail).toMatchObject({ fields: ['education'], via: 'import' });
    const worker = (await api(t, 'GET', `/api/workers?idNumber=${A}`, { cookie: clerk.cookie })).json().items[0];
    const tl = (await api(t, 'GET', `/api/workers/${worker.id}/timeline`, { cookie: clerk.cookie })).json();
    expect(tl.map((x: { type: string }) => x.type)).toEqual(['worker.updated', 'worker.registered']);
  });

  it('refuses a file with the wrong headers before reading any row', async () => {
    const job = await importCsv(Buffer.from('名字,身份证\n张三,' + A, 'utf8'));
    expect(job.status).toBe('failed');
    expect(job.message).toMatch(/表头|列/);
  });

  it('offers a template with the Chinese headers and drop-downs', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/imports/templates/workers', headers: { cookie: clerk.cookie } });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets.find((w) => w.state !== 'hidden' && w.name !== '填写说明')!;
    expect(ws.getRow(1).values).toEqual(expect.arrayContaining(['姓名', '公民身份号码', '民族', '现居住地区划代码']));
  });
});
