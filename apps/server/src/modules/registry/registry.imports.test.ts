import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { all, one, SYSTEM_SCOPE } from '../../db/client.js';
import { provisionUser } from '../../bootstrap.js';
import { api, multipartBody, signIn, startTestPlatform, type TestPlatform } from '../../test/harness.js';
import { assertStrictXlsx } from '../../test/strict-xlsx.js';
import { testIdNumber as idNumber } from '../../test/id-number.js';

let t: TestPlatform;
let clerk: { cookie: string };
let village: string;

const HEAD =
  '姓名,公民身份号码,民族,文化程度,手机号码,户籍地区划代码,现居住地区划代码,职业工种代码,银行卡号,开户银行,紧急联系人,紧急联系人关系,紧急联系人电话';
const A = idNumber('530102', '1988-03-04', '011');
const B = idNumber('510104', '1979-12-12', '022');
const C = idNumber('530111', '1995-07-08', '031');
const CHILD = idNumber('530102', '2014-01-01', '041');

function rows(v: string) {
  return [
    `张三,${A},汉族,初中,13812345678,530102,${v},,6222021234567890128,工商银行,,,`,
    // spaces and full-width digits
    `  李四 ,${B.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))},彝,高中,138 0000 1111,510104,` +
      `${v},,,,王五,配偶,13900001111`,
    `王小二,${CHILD},汉族,小学,,530102,${v},,,,,,`, // under 16
    `赵六,${A.slice(0, 17)}${A[17] === '1' ? '2' : '1'},汉族,初中,,530102,${v},,,,,,`, // wrong check character
    `钱七,${C},火星族,初中,,530111,${v},,,,,,`, // unknown ethnicity
    `张三重复,${A},汉族,初中,,530102,${v},,,,,,`, // same person twice in one file
  ];
}

async function importCsv(data: Buffer, name = 'workers.csv') {
  const { payload, headers } = multipartBody({ kind: 'workers' }, { name, data });
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/imports',
    headers: { ...headers, cookie: clerk.cookie },
    payload,
  });
  expect(res.statusCode, res.body).toBe(202);
  await t.services.imports.idle();
  return (await api(t, 'GET', `/api/imports/${res.json().id}`, { cookie: clerk.cookie })).json();
}

beforeAll(async () => {
  t = await startTestPlatform();
  const r = (await t.db.owner.execute(
    sql`select code from regions where code like '530102%' and level = 5 order by code limit 1`,
  )) as unknown as { rows: { code: string }[] };
  village = r.rows[0].code;
  await provisionUser(t.db, t.services, {
    username: 'imp_clerk',
    displayName: '五华区导入员',
    roles: ['officer'],
    regionCode: '530102',
    password: 'Import#Wuhua-2026xy',
  });
  clerk = await signIn(t, 'imp_clerk', { password: 'Import#Wuhua-2026xy' });
});
afterAll(async () => t?.close());

describe('importing workers', () => {
  const COMMITS_THE_VALID_ROWS =
    'commits the valid rows of a GBK file and reports every bad cell in Chinese, in an annotated workbook';
  it(COMMITS_THE_VALID_ROWS, async () => {
    const job = await importCsv(iconv.encode([HEAD, ...rows(village)].join('\r\n'), 'gbk'));
    expect(job).toMatchObject({
      status: 'done',
      encoding: expect.stringMatching(/gb/i),
      totalRows: 6,
      createdRows: 2,
      errorRows: 4,
    });
    const stored = await t.db.scoped({ region: '*' }, (tx) =>
      all<{ name: string; phone_masked: string }>(tx, sql`select name, phone_masked from workers order by name`),
    );
    expect(stored.map((s) => s.name)).toEqual(['张三', '李四']); // 李四 trimmed; full-width digits read as digits
    expect(stored[1].phone_masked).toBe('138****1111');

    const res = await t.app.inject({
      method: 'GET',
      url: `/api/imports/${job.id}/errors.xlsx`,
      headers: { cookie: clerk.cookie },
    });
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
    const changed = rows(village)
      .slice(0, 1)
      .map((r) => r.replace('初中', '高中'));
    const upd = await importCsv(Buffer.from([HEAD, ...changed].join('\n'), 'utf8'));
    expect(upd).toMatchObject({ status: 'done', updatedRows: 1, createdRows: 0 });
    expect((await one<{ n: number }>(t.db.owner, sql`select count(*)::int as n from workers`))!.n).toBe(2);
    const audits = await t.db.scoped(SYSTEM_SCOPE, (tx) =>
      all<{ detail: { fields: string[]; via: string } }>(
        tx,
        sql`select detail from audit_log where action = 'worker.update'`,
      ),
    );
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
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/imports/templates/workers',
      headers: { cookie: clerk.cookie },
    });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets.find((w) => w.state !== 'hidden' && w.name !== '填写说明')!;
    // Region columns take names or codes (the old 「…区划代码」 headers are still accepted on upload).
    expect(ws.getRow(1).values).toEqual(
      expect.arrayContaining(['姓名', '公民身份号码', '民族', '现居住地（名称或代码）']),
    );
  }, 120_000); // exceljs's reader expands each range validation to a million cells

  const EVERY_WORKBOOK_IT_GIVES =
    'every workbook it gives — templates of every kind, error workbooks, exports — passes a strict OOXML check';
  it(EVERY_WORKBOOK_IT_GIVES, async () => {
    for (const kind of ['workers', 'employers', 'employments']) {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/imports/templates/${kind}`,
        headers: { cookie: clerk.cookie },
      });
      expect(res.statusCode).toBe(200);
      const parts = await assertStrictXlsx(res.rawPayload);
      expect(parts.get('xl/worksheets/sheet1.xml')).toContain('<dataValidation ');
      expect(parts.get('xl/worksheets/sheet1.xml')).not.toMatch(/errorStyle="error"/);
      // The residence drop-down lists the city's townships by name (only a suggestion: villages may be typed).
      if (kind === 'workers') expect([...parts.values()].join('')).toContain('五华区华山街道');
    }

    const job = await importCsv(Buffer.from([HEAD, ...rows(village)].join('\n'), 'utf8'), 'strict.csv');
    const errs = await t.app.inject({
      method: 'GET',
      url: `/api/imports/${job.id}/errors.xlsx`,
      headers: { cookie: clerk.cookie },
    });
    expect(errs.statusCode).toBe(200);
    await assertStrictXlsx(errs.rawPayload);
    const exp = await t.app.inject({
      method: 'POST',
      url: '/api/exports',
      headers: { cookie: clerk.cookie },
      payload: { kind: 'workers', filters: {} },
    });
    expect(exp.statusCode, exp.body).toBe(200);
    await assertStrictXlsx(exp.rawPayload);
  });
});

describe('every cell of a row is validated, and the errors are listed on screen', () => {
  const REPORTS_ALL_FIVE_BAD =
    'reports all five bad cells of one row at once, flags 博士 (not in the catalogue), ' +
    'and pages the errors through the API';
  it(REPORTS_ALL_FIVE_BAD, async () => {
    const badId = A.slice(0, 17) + (A[17] === '1' ? '2' : '1');
    const lines = [
      HEAD,
      // five bad cells: name with a digit, ID check character, phone, education not in the catalogue, unknown residence
      `张3,${badId},汉族,博士,12345,530102,不存在的街道,,,,,,`,
      `孙八,${idNumber('530102', '1990-01-01', '051')},汉族,博士,,530102,${village},,,,,,`,
      `周九,${idNumber('530102', '1990-01-01', '061')},火星族,初中,,999999,${village},,12ab,,王五,,`,
    ];
    const job = await importCsv(Buffer.from(lines.join('\n'), 'utf8'), '五个错误.csv');
    expect(job).toMatchObject({ status: 'done', errorRows: 3, okRows: 0 });

    const page = await api(t, 'GET', `/api/imports/${job.id}/errors?page=1&pageSize=20`, { cookie: clerk.cookie });
    expect(page.statusCode, page.body).toBe(200);
    const body = page.json() as {
      total: number;
      items: {
        rowNo: number;
        summary: string;
        errors: { column: string | null; header: string | null; message: string }[];
      }[];
    };
    expect(body.total).toBe(3);
    const first = body.items.find((r) => r.rowNo === 2)!;
    expect(first.errors.map((e) => e.column).sort()).toEqual([
      'education',
      'idNumber',
      'name',
      'phone',
      'residenceRegionCode',
    ]);
    expect(first.errors.find((e) => e.column === 'education')!.message).toMatch(/博士.*不在目录中.*本科及以上/);
    expect(first.summary).toContain('现居住地（名称或代码）：');
    expect(body.items.find((r) => r.rowNo === 3)!.errors.map((e) => e.column)).toEqual(['education']);
    const third = body.items
      .find((r) => r.rowNo === 4)!
      .errors.map((e) => e.column)
      .sort();
    expect(third).toEqual(['bankCard', 'emergencyPhone', 'emergencyRelation', 'ethnicity', 'hukouRegionCode']);

    const paged = (
      await api(t, 'GET', `/api/imports/${job.id}/errors?page=2&pageSize=2`, { cookie: clerk.cookie })
    ).json() as typeof body;
    expect(paged.total).toBe(3);
    expect(paged.items.map((r) => r.rowNo)).toEqual([4]);
    expect(
      (await api(t, 'GET', `/api/imports/${job.id}/errors?pageSize=500`, { cookie: clerk.cookie })).statusCode,
    ).toBe(400);

    // The workbook carries the same five messages; its name is distinct per job (kind, short id, date).
    const x = await t.app.inject({
      method: 'GET',
      url: `/api/imports/${job.id}/errors.xlsx`,
      headers: { cookie: clerk.cookie },
    });
    const disposition = decodeURIComponent(String(x.headers['content-disposition']));
    expect(disposition).toContain(`务工人员实名信息_导入错误_${job.id.slice(0, 8)}_`);
    expect(disposition).toContain(`import-errors_workers_${job.id.slice(0, 8)}_`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const summary = String(wb.worksheets[0].getRow(2).getCell(14).value);
    for (const h of ['姓名', '公民身份号码', '手机号码', '文化程度', '现居住地']) expect(summary).toContain(h);
  });
});

describe('cell lengths', () => {
  it('holds each column to a length that fits its field, far below Excel’s 32,767', async () => {
    const long = '很'.repeat(500);
    const job = await importCsv(
      Buffer.from(
        [HEAD, `郑十,${idNumber('530102', '1990-01-01', '071')},汉族,初中,,530102,${village},,,${long},,,`].join('\n'),
        'utf8',
      ),
      'long.csv',
    );
    expect(job).toMatchObject({ status: 'done', errorRows: 1, okRows: 0 });
    const errs = (await api(t, 'GET', `/api/imports/${job.id}/errors`, { cookie: clerk.cookie })).json() as {
      items: { errors: { column: string; message: string }[] }[];
    };
    expect(errs.items[0].errors).toEqual([
      { column: 'bankName', header: '开户银行', message: '开户银行内容过长（最多 100 个字符）' },
    ]);
  });
});

describe('regions by name', () => {
  const ACCEPTS_FULL_OR_PARTIAL =
    'accepts full or partial names and codes, reports a name matching several regions with its candidates';
  it(ACCEPTS_FULL_OR_PARTIAL, async () => {
    const lines = [
      HEAD,
      `吴一,${idNumber('510107', '1985-05-05', '071')},汉族,初中,,四川省成都市武侯区,云南省昆明市五华区华山街道,,,,,,`,
      `吴二,${idNumber('510107', '1985-05-05', '081')},汉族,初中,,武侯区,五华区 华山街道,,,,,,`,
      `吴三,${idNumber('530102', '1985-05-05', '091')},汉族,初中,,530102,华山街道,,,,,,`,
      `吴四,${idNumber('530102', '1985-05-05', '101')},汉族,初中,,朝阳区,五华区,,,,,,`, // 朝阳区: Beijing and Changchun; 五华区: a county
      `吴五,${idNumber('530102', '1985-05-05', '111')},汉族,初中,,530102,武侯区,,,,,,`, // not in the city
    ];
    const job = await importCsv(Buffer.from(lines.join('\n'), 'utf8'), 'names.csv');
    expect(job).toMatchObject({ status: 'done', createdRows: 3, errorRows: 2 });
    const stored = await t.db.scoped({ region: '*' }, (tx) =>
      all<{ name: string; hukou: string; res: string }>(
        tx,
        sql`select name, hukou_region_code as hukou, residence_region_code as res from workers where name like '吴%'
          order by name`,
      ),
    );
    expect(stored.sort((a, b) => '吴一吴二吴三'.indexOf(a.name) - '吴一吴二吴三'.indexOf(b.name))).toEqual([
      { name: '吴一', hukou: '510107', res: '530102001' },
      { name: '吴二', hukou: '510107', res: '530102001' },
      { name: '吴三', hukou: '530102', res: '530102001' },
    ]);
    const errs = (await api(t, 'GET', `/api/imports/${job.id}/errors`, { cookie: clerk.cookie })).json() as {
      items: { rowNo: number; errors: { column: string; message: string }[] }[];
    };
    const row5 = errs.items.find((r) => r.rowNo === 5)!.errors;
    expect(row5.find((e) => e.column === 'hukouRegionCode')!.message).toMatch(
      /朝阳区.*对应多个区划.*北京市朝阳区（110105）/,
    );
    expect(row5.find((e) => e.column === 'residenceRegionCode')!.message).toMatch(/应选择到乡镇（街道）或村（社区）/);
    expect(errs.items.find((r) => r.rowNo === 6)!.errors[0].message).toMatch(/不在本市范围内/);

    // A second township of the same name: "华山街道" is now ambiguous and the message names both.
    await t.db.owner.execute(
      sql`insert into regions (code, name, level, parent_code, full_name)
        values ('530103998', '华山街道', 4, '530103', '云南省昆明市盘龙区华山街道')`,
    );
    const again = await importCsv(
      Buffer.from(
        [
          HEAD,
          `吴六,${idNumber('530102', '1985-05-05', '121')},汉族,初中,,530102,华山街道,,,,,,`,
          `吴七,${idNumber('530102', '1985-05-05', '131')},汉族,初中,,530102,五华区华山街道,,,,,,`,
        ].join('\n'),
        'utf8',
      ),
      'ambiguous.csv',
    );
    expect(again).toMatchObject({ status: 'done', createdRows: 1, errorRows: 1 });
    const amb = (await api(t, 'GET', `/api/imports/${again.id}/errors`, { cookie: clerk.cookie })).json() as {
      items: { errors: { column: string; message: string }[] }[];
    };
    const msg = amb.items[0].errors.find((e) => e.column === 'residenceRegionCode')!.message;
    expect(msg).toContain('云南省昆明市五华区华山街道（530102001）');
    expect(msg).toContain('云南省昆明市盘龙区华山街道（530103998）');
  });
});

describe('names with rare characters and variant middle dots', () => {
  it('round-trip through an xlsx import, the error workbook and the export', async () => {
    const names = ['𠈌小明', '阿依古丽・吐尔逊', '买买提·艾力', '古丽•努尔', '热依拉‧阿木提'];
    const wbIn = new ExcelJS.Workbook();
    const ws = wbIn.addWorksheet('务工人员');
    ws.addRow(HEAD.split(','));
    names.forEach((n, i) =>
      ws.addRow([n, idNumber('530102', '1992-02-02', String(200 + i)), '维吾尔族', '初中', '', '530102', village]),
    );
    // fails: its name must come back as uploaded
    ws.addRow(['𠈌阿依古丽・吐尔逊', 'bad-id', '维吾尔族', '初中', '', '530102', village]);
    const job = (await (async () => {
      const { payload, headers } = multipartBody(
        { kind: 'workers' },
        { name: '生僻字.xlsx', data: Buffer.from(await wbIn.xlsx.writeBuffer()) },
      );
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/imports',
        headers: { ...headers, cookie: clerk.cookie },
        payload,
      });
      expect(res.statusCode, res.body).toBe(202);
      await t.services.imports.idle();
      return (await api(t, 'GET', `/api/imports/${res.json().id}`, { cookie: clerk.cookie })).json();
    })()) as { id: string; status: string; createdRows: number; errorRows: number };
    expect(job).toMatchObject({ status: 'done', createdRows: 5, errorRows: 1 });
    const stored = await t.db.scoped({ region: '*' }, (tx) =>
      all<{ name: string }>(
        tx,
        sql`select name from workers where id_masked like '530102%' and birth_date = '1992-02-02' order by name`,
      ),
    );
    expect(stored.map((s) => s.name).sort()).toEqual(
      ['𠈌小明', '阿依古丽·吐尔逊', '买买提·艾力', '古丽·努尔', '热依拉·阿木提'].sort(),
    );

    const errs = await t.app.inject({
      method: 'GET',
      url: `/api/imports/${job.id}/errors.xlsx`,
      headers: { cookie: clerk.cookie },
    });
    await assertStrictXlsx(errs.rawPayload);
    const wbErr = new ExcelJS.Workbook();
    await wbErr.xlsx.load(errs.rawPayload as unknown as ArrayBuffer);
    expect(wbErr.worksheets[0].getCell('A2').value).toBe('𠈌阿依古丽・吐尔逊');

    const exp = await t.app.inject({
      method: 'POST',
      url: '/api/exports',
      headers: { cookie: clerk.cookie },
      payload: { kind: 'workers', filters: {} },
    });
    expect(exp.statusCode).toBe(200);
    await assertStrictXlsx(exp.rawPayload);
    const wbExp = new ExcelJS.Workbook();
    await wbExp.xlsx.load(exp.rawPayload as unknown as ArrayBuffer);
    const text = JSON.stringify(wbExp.worksheets[0].getSheetValues());
    for (const n of ['𠈌小明', '阿依古丽·吐尔逊', '热依拉·阿木提']) expect(text).toContain(n);
  });
});
