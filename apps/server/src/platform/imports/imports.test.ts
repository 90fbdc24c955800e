import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { provisionUser } from '../../bootstrap.js';
import { all, one, pgErrorCode, SYSTEM_SCOPE, type DbScope } from '../../db/client.js';
import { api, multipartBody, signIn, startTestPlatform, type TestPlatform } from '../../test/harness.js';
import { registerPermissions } from '../access/permissions.js';
import { insertRole } from '../accounts/accounts.repo.js';
import { assertStrictXlsx } from '../../test/strict-xlsx.js';
import { MESSAGES } from './formats.js';
import { ImportsService, QUARANTINE_MESSAGE } from './imports.service.js';
import { parseDateCell, registerImportKind, type CommitResult, type ImportKind } from './kinds.js';
import { entryText, readZipDirectory } from './zip.js';

const WUHUA = '530102';
const PANLONG = '530103';
const PASSWORD = 'Import#Secure2026pw';
const OCCUPATIONS = Array.from({ length: 40 }, (_, i) => `测试工种第${i + 1}类`);

let t: TestPlatform;
let svc: ImportsService;
let dataDir: string;
let clerk: { cookie: string };
let panlong: { cookie: string };
let noPerm: { cookie: string };

// ---------------------------------------------------------------- a trivial import kind, for the tests only

interface Person {
  name: string;
  age: number | null;
  phone: string;
  idNo: string | null;
  joinedOn: string | null;
  occupation: string | null;
}

const failure = { onBatch: 0, calls: 0, once: true };

const people: ImportKind<Person> = {
  kind: 'test_people',
  title: '测试人员',
  permission: 'test-import:run',
  columns: [
    { key: 'name', header: '姓名', required: true, example: '张三' },
    { key: 'age', header: '年龄', note: '0–150 的整数' },
    { key: 'phone', header: '手机号', required: true, example: '13800138000' },
    { key: 'idNo', header: '身份证号' },
    { key: 'joinedOn', header: '登记日期' },
    { key: 'occupation', header: '工种', options: OCCUPATIONS },
    { key: 'gender', header: '性别', options: ['男', '女'] },
  ],
  parseRow(raw) {
    const errors: Record<string, string> = {};
    if (!raw.name) errors.name = '请填写姓名';
    let age: number | null = null;
    if (raw.age) {
      age = Number(raw.age);
      if (!/^\d+$/.test(raw.age) || age > 150) errors.age = '年龄应为 0–150 的整数';
    }
    if (!/^1\d{10}$/.test(raw.phone)) errors.phone = '手机号应为 11 位数字';
    if (raw.idNo && !/^\d{17}[\dX]$/.test(raw.idNo)) errors.idNo = '身份证号应为 18 位';
    const joinedOn = raw.joinedOn ? parseDateCell(raw.joinedOn) : null;
    if (raw.joinedOn && !joinedOn) errors.joinedOn = '日期格式不正确';
    if (raw.occupation && !OCCUPATIONS.includes(raw.occupation)) errors.occupation = '请从下拉列表中选择工种';
    if (Object.keys(errors).length) return { ok: false, errors };
    return {
      ok: true,
      key: raw.phone,
      value: {
        name: raw.name,
        age,
        phone: raw.phone,
        idNo: raw.idNo || null,
        joinedOn,
        occupation: raw.occupation || null,
      },
    };
  },
  async commitBatch(tx, rows, ctx) {
    failure.calls++;
    if (failure.onBatch && failure.calls === failure.onBatch) {
      if (failure.once) failure.onBatch = 0;
      throw new Error('simulated crash while committing');
    }
    const values = rows.map(
      (r) =>
        sql`(${r.value.phone}, ${r.value.name}, ${r.value.age}, ${r.value.idNo}, ${r.value.joinedOn}::date,
          ${r.value.occupation}, ${ctx.importId})`,
    );
    const saved = await all<{ phone: string; inserted: boolean }>(
      tx,
      sql`insert into test_people (phone, name, age, id_no, joined_on, occupation, import_id)
      values ${sql.join(values, sql`, `)}
      on conflict (phone) do update set name = excluded.name, age = excluded.age, id_no = excluded.id_no,
        joined_on = excluded.joined_on, occupation = excluded.occupation
        where (test_people.name, test_people.age, test_people.id_no, test_people.joined_on, test_people.occupation)
          is distinct from (excluded.name, excluded.age, excluded.id_no, excluded.joined_on, excluded.occupation)
      returning phone, (xmax = 0) as inserted`,
    );
    const byPhone = new Map(saved.map((s) => [s.phone, s.inserted]));
    return rows.map((r): CommitResult => {
      const ins = byPhone.get(r.value.phone);
      return { rowNo: r.rowNo, outcome: ins === undefined ? 'unchanged' : ins ? 'created' : 'updated' };
    });
  },
};

/**
 * The same rows with a rule that runs only when the batch commits (as the registry's region and scope checks do):
 * a name starting with 退 is refused there, after the row parsed and claimed its key.
 */
const lateRules: ImportKind<Person> = {
  ...people,
  kind: 'test_late_rules',
  title: '提交时校验',
  async commitBatch(tx, rows, ctx) {
    const kept = rows.filter((r) => !r.value.name.startsWith('退'));
    const saved = kept.length ? await people.commitBatch(tx, kept, ctx) : [];
    const byRow = new Map(saved.map((r) => [r.rowNo, r]));
    return rows.map(
      (r): CommitResult => byRow.get(r.rowNo) ?? { rowNo: r.rowNo, outcome: 'error', errors: { name: '不予登记' } },
    );
  },
};

// ---------------------------------------------------------------- helpers

async function upload(cookie: string, name: string, data: Buffer, kind = 'test_people') {
  const { payload, headers } = multipartBody({ kind }, { name, data });
  return t.app.inject({ method: 'POST', url: '/api/imports', headers: { ...headers, cookie }, payload });
}

interface Job {
  id: string;
  status: string;
  message: string | null;
  totalRows: number | null;
  processedRows: number;
  okRows: number;
  errorRows: number;
  createdRows: number;
  updatedRows: number;
  unchangedRows: number;
  encoding: string | null;
  format: string;
  filename: string;
  retryable: boolean;
}

/** Uploads, waits for the runner, returns the job as the API shows it. */
async function importFile(name: string, data: Buffer, cookie = clerk.cookie): Promise<Job> {
  const res = await upload(cookie, name, data);
  expect(res.statusCode, res.body).toBe(202);
  await svc.idle();
  const job = await api(t, 'GET', `/api/imports/${res.json().id}`, { cookie });
  expect(job.statusCode).toBe(200);
  return job.json();
}

function csv(lines: string[]): string {
  return lines.join('\r\n') + '\r\n';
}

async function person(phone: string) {
  return one<{ name: string; age: number | null; idNo: string | null; joinedOn: string | null }>(
    t.db.owner,
    sql`select name, age, id_no as "idNo", to_char(joined_on, 'YYYY-MM-DD') as "joinedOn" from test_people
      where phone = ${phone}`,
  );
}

async function countPeople(prefix: string): Promise<number> {
  return (await one<{ n: number }>(
    t.db.owner,
    sql`select count(*)::int as n from test_people where phone like ${prefix + '%'}`,
  ))!.n;
}

async function xlsxBuffer(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * A ZIP whose entries are deflated as they are generated (never whole in memory): `size` bytes of
 * `head`, then `fill` repeated, then `tail` — a zip bomb when fill repeats for hundreds of MB.
 */
async function deflatedZip(
  entries: { name: string; head: string; fill?: string; size?: number; tail?: string }[],
): Promise<Buffer> {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const head = Buffer.from(e.head);
    const tail = Buffer.from(e.tail ?? '');
    const fill = Buffer.from(e.fill ?? '');
    const chunk = fill.length ? Buffer.alloc(1024 * 1024 - ((1024 * 1024) % fill.length), fill) : Buffer.alloc(0);
    const fillBytes = fill.length
      ? Math.max(0, Math.floor(((e.size ?? 0) - head.length - tail.length) / fill.length) * fill.length)
      : 0;
    const repeats = chunk.length ? Math.floor(fillBytes / chunk.length) : 0;
    const rest = chunk.subarray(0, fillBytes - repeats * chunk.length);
    let crc = zlib.crc32(head);
    for (let i = 0; i < repeats; i++) crc = zlib.crc32(chunk, crc);
    // (zlib.crc32 of an empty view answers 0 whatever the running value: skip empty parts)
    if (rest.length) crc = zlib.crc32(rest, crc);
    if (tail.length) crc = zlib.crc32(tail, crc);
    const size = head.length + fillBytes + tail.length;
    const out: Buffer[] = [];
    const deflate = zlib.createDeflateRaw({ level: 9 });
    deflate.on('data', (b: Buffer) => out.push(b));
    const done = new Promise((resolve) => deflate.on('end', resolve));
    const write = (b: Buffer) =>
      new Promise<void>((resolve) => (deflate.write(b) ? resolve() : deflate.once('drain', resolve)));
    await write(head);
    for (let i = 0; i < repeats; i++) await write(chunk);
    await write(rest);
    deflate.end(tail);
    await done;
    const data = Buffer.concat(out);
    const n = Buffer.from(e.name);
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(8, 8);
    h.writeUInt32LE(crc >>> 0, 14);
    h.writeUInt32LE(data.length, 18);
    h.writeUInt32LE(size, 22);
    h.writeUInt16LE(n.length, 26);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(8, 10);
    c.writeUInt32LE(crc >>> 0, 16);
    c.writeUInt32LE(data.length, 20);
    c.writeUInt32LE(size, 24);
    c.writeUInt16LE(n.length, 28);
    c.writeUInt32LE(offset, 42);
    locals.push(h, n, data);
    central.push(c, n);
    offset += 30 + n.length + data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const XLSX_SKELETON = {
  '[Content_Types].xml':
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
  '_rels/.rels':
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
  'xl/workbook.xml':
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="人员" sheetId="1" r:id="rId1"/></sheets></workbook>',
  'xl/_rels/workbook.xml.rels':
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
};
const SHEET_HEAD =
  '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1" t="inlineStr"><is><t>手机号</t></is></c></row>';

function handmadeXlsx(sheet: { head: string; fill?: string; size?: number; tail?: string }): Promise<Buffer> {
  return deflatedZip([
    ...Object.entries(XLSX_SKELETON).map(([name, head]) => ({ name, head })),
    { name: 'xl/worksheets/sheet1.xml', ...sheet },
  ]);
}

/** A ZIP with stored entries, for hand-made containers. */
function makeZip(entries: Record<string, string | Buffer>): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const data = Buffer.isBuffer(content) ? content : Buffer.from(content);
    const n = Buffer.from(name);
    const crc = zlib.crc32(data);
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt32LE(crc, 14);
    h.writeUInt32LE(data.length, 18);
    h.writeUInt32LE(data.length, 22);
    h.writeUInt16LE(n.length, 26);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt32LE(crc, 16);
    c.writeUInt32LE(data.length, 20);
    c.writeUInt32LE(data.length, 24);
    c.writeUInt16LE(n.length, 28);
    c.writeUInt32LE(offset, 42);
    locals.push(h, n, data);
    central.push(c, n);
    offset += 30 + n.length + data.length;
  }
  const cd = Buffer.concat(central);
  const e = Buffer.alloc(22);
  e.writeUInt32LE(0x06054b50, 0);
  e.writeUInt16LE(Object.keys(entries).length, 8);
  e.writeUInt16LE(Object.keys(entries).length, 10);
  e.writeUInt32LE(cd.length, 12);
  e.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, e]);
}

async function download(url: string, cookie = clerk.cookie) {
  const res = await t.app.inject({ method: 'GET', url, headers: { cookie } });
  return { res, buf: res.rawPayload };
}

async function readWorkbook(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

// ---------------------------------------------------------------- setup

beforeAll(async () => {
  t = await startTestPlatform();
  svc = t.services.imports;
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mwsp-import-test-'));
  svc.configure({ dataDir, batchSize: 50 });
  registerPermissions([{ code: 'test-import:run', name: '测试数据导入', module: 'test' }]);
  registerImportKind(people);
  registerImportKind({ ...people, kind: 'test_small', title: '小批量', maxRows: 3 });
  registerImportKind(lateRules);
  await t.db.owner.execute(sql`create table test_people (
    phone text primary key, name text not null, age int, id_no text, joined_on date, occupation text, import_id uuid)`);
  await t.db.owner.execute(sql`grant select, insert, update on test_people to mwsp_app`);
  await t.db.scoped(SYSTEM_SCOPE, (tx) =>
    insertRole(tx, { code: 'test_importer', name: '测试导入员', description: '', permissions: ['test-import:run'] }),
  );
  await provisionUser(t.db, t.services, {
    username: 'imp_wuhua',
    displayName: '五华导入员',
    roles: ['test_importer'],
    regionCode: WUHUA,
    password: PASSWORD,
    dataScope: 'region',
  });
  await provisionUser(t.db, t.services, {
    username: 'imp_panlong',
    displayName: '盘龙导入员',
    roles: ['test_importer'],
    regionCode: PANLONG,
    password: PASSWORD,
    dataScope: 'region',
  });
  await provisionUser(t.db, t.services, {
    username: 'imp_none',
    displayName: '无权限',
    roles: ['officer'],
    regionCode: WUHUA,
    password: PASSWORD,
    dataScope: 'region',
  });
  clerk = await signIn(t, 'imp_wuhua', { password: PASSWORD });
  panlong = await signIn(t, 'imp_panlong', { password: PASSWORD });
  noPerm = await signIn(t, 'imp_none', { password: PASSWORD });
});

afterAll(async () => {
  await t?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

beforeEach(() => {
  failure.onBatch = 0;
  failure.calls = 0;
  failure.once = true;
  svc.configure({ maxBytes: 200 * 1024 * 1024, batchSize: 50 });
});

// ---------------------------------------------------------------- tests

describe('template', () => {
  const templateTitle =
    'has the Chinese headers, frozen and bold, widths, drop-downs (long lists on a hidden _lists sheet), ' +
    'text-formatted ID column';
  it(templateTitle, async () => {
    const { res, buf } = await download('/api/imports/templates/test_small');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('小批量导入模板.xlsx'));
    const wb = await readWorkbook(buf);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe('小批量');
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([
      '姓名',
      '年龄',
      '手机号',
      '身份证号',
      '登记日期',
      '工种',
      '性别',
    ]);
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.getCell('A1').font?.color?.argb).toBe('FFC00000'); // required
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(JSON.stringify(ws.getCell('A1').note)).toContain('示例：张三');
    expect(ws.getColumn(4).numFmt).toBe('@');
    expect(ws.getColumn(3).numFmt).toBe('@'); // 手机号
    expect(ws.getColumn(1).width).toBeGreaterThan(5);
    const lists = wb.getWorksheet('_lists')!;
    expect(lists.state).toBe('hidden');
    expect(lists.getCell('A1').value).toBe(OCCUPATIONS[0]);
    expect(lists.getCell('A40').value).toBe(OCCUPATIONS[39]);
    const dv = (ws as unknown as { dataValidations: { model: Record<string, { type: string; formulae: string[] }> } })
      .dataValidations.model;
    expect(dv.F4).toMatchObject({ type: 'list', formulae: ["'_lists'!$A$1:$A$40"] });
    expect(dv.G2).toMatchObject({ type: 'list', formulae: ['"男,女"'] });
    expect(dv.G5).toBeUndefined(); // maxRows 3: rows 2–4
    expect(wb.getWorksheet('填写说明')).toBeDefined();
    await assertStrictXlsx(buf);
    // a kind without its own limit: one range rule down to row 1,000,001 (not a rule per cell)
    const big = (await download('/api/imports/templates/test_people')).buf;
    const file = path.join(dataDir, 'template-check.xlsx');
    fs.writeFileSync(file, big);
    const zip = await readZipDirectory(file);
    const sheetXml = await entryText(zip, zip.entries.get('xl/worksheets/sheet1.xml')!, 1e7);
    expect(sheetXml).toContain('sqref="F2:F1000001"');
    expect(sheetXml.match(/<dataValidation /g)).toHaveLength(2);
  });

  it('imports the untouched template as an empty file (its hidden _lists sheet is allowed)', async () => {
    const { buf } = await download('/api/imports/templates/test_people');
    const job = await importFile('模板.xlsx', buf);
    expect(job.status).toBe('done');
    expect(job.totalRows).toBe(0);
    expect(job.message).toBe('文件中没有数据行');
  });

  it('needs the kind’s permission', async () => {
    expect((await api(t, 'GET', '/api/imports/templates/test_people', { cookie: noPerm.cookie })).statusCode).toBe(403);
    expect((await api(t, 'GET', '/api/imports/templates/no_such_kind', { cookie: clerk.cookie })).statusCode).toBe(404);
    expect((await upload(noPerm.cookie, 'a.csv', Buffer.from('姓名,手机号\n'))).statusCode).toBe(403);
    const kinds = await api(t, 'GET', '/api/imports/kinds', { cookie: clerk.cookie });
    expect(kinds.json().map((k: { kind: string }) => k.kind)).toContain('test_people');
    // imp_none is an officer: it may import the registry's kinds, never the test kind
    expect(
      (await api(t, 'GET', '/api/imports/kinds', { cookie: noPerm.cookie }))
        .json()
        .map((k: { kind: string }) => k.kind),
    ).not.toContain('test_people');
    const openapi = await api(t, 'GET', '/api/openapi.json');
    expect(openapi.statusCode).toBe(200);
    expect(Object.keys(openapi.json().paths)).toEqual(
      expect.arrayContaining([
        '/api/imports',
        '/api/imports/{id}',
        '/api/imports/{id}/errors.xlsx',
        '/api/imports/templates/{kind}',
      ]),
    );
  });
});

describe('CSV', () => {
  it('UTF-8: imports, normalises spaces and full-width digits, reports progress', async () => {
    const job = await importFile(
      '人员.csv',
      Buffer.from(
        csv([
          '姓名,年龄,手机号,身份证号,登记日期',
          ' 张三 ,３０,１３９００００００01,,2024/3/5',
          '李  四,41,13900000002,11010119900307777X,',
          '王五,abc,13900000003,,',
        ]),
      ),
    );
    expect(job).toMatchObject({
      status: 'done',
      format: 'csv',
      encoding: 'utf-8',
      filename: '人员.csv',
      totalRows: 3,
      processedRows: 3,
      okRows: 2,
      errorRows: 1,
      createdRows: 2,
      updatedRows: 0,
    });
    expect(await person('13900000001')).toEqual({ name: '张三', age: 30, idNo: null, joinedOn: '2024-03-05' });
    expect((await person('13900000002'))!.name).toBe('李  四'); // inner spaces of a name are kept
    expect(await person('13900000003')).toBeUndefined();
  });

  it('UTF-8 with BOM, and GBK (what Excel in China writes)', async () => {
    const text = csv(['姓名,年龄,手机号', '赵六,20,13900000011', '钱七,21,13900000012']);
    const bom = await importFile('bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    expect(bom).toMatchObject({ status: 'done', encoding: 'utf-8', okRows: 2 });
    expect((await person('13900000011'))!.name).toBe('赵六');
    const gbk = await importFile(
      'gbk.csv',
      iconv.encode(csv(['姓名,年龄,手机号', '孙八,22,13900000013', '周九,23,13900000014']), 'gbk'),
    );
    expect(gbk).toMatchObject({ status: 'done', encoding: 'gb18030', okRows: 2 });
    expect((await person('13900000014'))!.name).toBe('周九');
  });

  it('reports control characters (beyond the sniffed first 64 KB) and still gives a valid error workbook', async () => {
    const lines = ['姓名,年龄,手机号'];
    for (let i = 0; i < 3000; i++) lines.push(`填充${i},30,1380${String(i).padStart(7, '0')}`);
    lines.push('坏\u0000字,30,13899999999');
    const job = await importFile('nul.csv', Buffer.from(csv(lines)));
    expect(job).toMatchObject({ status: 'done', okRows: 3000, errorRows: 1 });
    const { buf } = await download(`/api/imports/${job.id}/errors.xlsx`);
    const ws = (await readWorkbook(buf)).worksheets[0];
    expect(ws.getRow(2).getCell(8).value).toBe('姓名：姓名包含不可见的控制字符，请删除后再导入');
    expect(ws.getRow(2).getCell(1).value).toBe('坏\uFFFD字');
  });

  it('reports long numbers that Excel turned into scientific notation', async () => {
    const job = await importFile('sci.csv', Buffer.from(csv(['姓名,手机号,身份证号', '郑一,13900000021,1.10101E+17'])));
    expect(job.errorRows).toBe(1);
    const err = await t.db.scoped(SYSTEM_SCOPE, (tx) =>
      one<{ cells: Record<string, string> }>(tx, sql`select cells from import_row_errors where import_id = ${job.id}`),
    );
    expect(err!.cells.idNo).toBe('身份证号被 Excel 转成了数字，请将该列设为文本格式');
  });
});

describe('headers', () => {
  it('fails the job at once on unknown or missing columns, committing nothing', async () => {
    const wrong = await importFile('wrong.csv', Buffer.from(csv(['姓名,年纪,手机号', '甲,20,13900000031'])));
    expect(wrong.status).toBe('failed');
    expect(wrong.message).toContain('无法识别的列：年纪');
    expect(wrong.retryable).toBe(false);
    const missing = await importFile('missing.csv', Buffer.from(csv(['姓名,年龄', '乙,20'])));
    expect(missing.status).toBe('failed');
    expect(missing.message).toContain('缺少必填列：手机号');
    expect(missing.processedRows).toBe(0);
    expect(await countPeople('139000000')).toBeGreaterThan(0);
    expect(await person('13900000031')).toBeUndefined();
    // order does not matter; '*' required markers are tolerated
    const reordered = await importFile('order.csv', Buffer.from(csv(['*手机号,年龄,*姓名', '13900000032,20,丙'])));
    expect(reordered).toMatchObject({ status: 'done', okRows: 1 });
  });
});

describe('xlsx', () => {
  it('reads cached formula results, dates as YYYY-MM-DD, and flags an ID typed as a number', async () => {
    const buf = await xlsxBuffer((wb) => {
      const ws = wb.addWorksheet('人员');
      ws.addRow(['姓名', '年龄', '手机号', '身份证号', '登记日期']);
      ws.addRow([
        '公式行',
        { formula: '30+1', result: 31 },
        '13900000041',
        '110101199003077777',
        new Date(Date.UTC(2025, 0, 31)),
      ]);
      ws.addRow(['数字身份证', 40, 13900000042, 110101199003077776, null]); // …777 as a double holds it
      ws.addRow(['数字手机', 40, 13900000043, null, '2025-02-01']);
      ws.getCell('E2').numFmt = 'yyyy-mm-dd';
    });
    const job = await importFile('人员.xlsx', buf);
    expect(job).toMatchObject({ status: 'done', format: 'xlsx', totalRows: 3, okRows: 2, errorRows: 1 });
    expect(await person('13900000041')).toEqual({
      name: '公式行',
      age: 31,
      idNo: '110101199003077777',
      joinedOn: '2025-01-31',
    });
    expect((await person('13900000043'))!.joinedOn).toBe('2025-02-01');
    const err = await t.db.scoped(SYSTEM_SCOPE, (tx) =>
      one<{ rowNo: number; cells: Record<string, string> }>(
        tx,
        sql`select row_no as "rowNo", cells from import_row_errors where import_id = ${job.id}`,
      ),
    );
    expect(err).toEqual({ rowNo: 3, cells: { idNo: '身份证号被 Excel 转成了数字，请将该列设为文本格式' } });
  });

  it('never corrupts Chinese text that crosses the compressed stream’s chunk boundaries', async () => {
    const buf = await xlsxBuffer((wb) => {
      const ws = wb.addWorksheet('人员');
      ws.addRow(['姓名', '手机号']);
      for (let i = 0; i < 4000; i++) ws.addRow([`欧阳${'龘'.repeat(i % 7)}${i}`, `1331${String(i).padStart(7, '0')}`]);
    });
    const job = await importFile('chinese.xlsx', buf);
    expect(job).toMatchObject({ status: 'done', okRows: 4000, errorRows: 0 });
    expect((await person('13310003999'))!.name).toBe(`欧阳${'龘'.repeat(3999 % 7)}3999`);
  });

  it('uses the first visible sheet; a hidden sheet holding data is refused, an empty hidden one is not', async () => {
    const hiddenData = await xlsxBuffer((wb) => {
      wb.addWorksheet('人员').addRow(['姓名', '手机号']);
      const h = wb.addWorksheet('备份', { state: 'hidden' });
      h.addRow(['秘密', '13900000051']);
    });
    const res = await upload(clerk.cookie, 'hidden.xlsx', hiddenData);
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toBe('工作簿包含隐藏工作表，请删除后再导入');
    const firstHidden = await xlsxBuffer((wb) => {
      wb.addWorksheet('空', { state: 'hidden' });
      const ws = wb.addWorksheet('人员');
      ws.addRow(['姓名', '手机号']);
      ws.addRow(['冯一', '13900000052']);
    });
    expect(await importFile('ok.xlsx', firstHidden)).toMatchObject({ status: 'done', okRows: 1 });
  });

  it('refuses macros, renamed images, old .xls and empty files at upload', async () => {
    const plain = await xlsxBuffer((wb) => wb.addWorksheet('人员').addRow(['姓名', '手机号']));
    const asXlsm = await upload(clerk.cookie, 'book.xlsm', plain);
    expect(asXlsm.statusCode).toBe(400);
    expect(asXlsm.json().detail).toBe('不接受含宏的文件');
    const vba = makeZip({
      '[Content_Types].xml': '<Types/>',
      'xl/workbook.xml': '<workbook/>',
      'xl/vbaProject.bin': Buffer.alloc(64, 1),
    });
    expect((await upload(clerk.cookie, 'book.xlsx', vba)).json().detail).toBe('不接受含宏的文件');
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(200, 0)]);
    const img = await upload(clerk.cookie, 'photo.xlsx', png);
    expect(img.statusCode).toBe(400);
    expect(img.json().detail).toBe('文件不是有效的 Excel 或 CSV 文件');
    const zipNoBook = makeZip({ 'word/document.xml': '<w/>' });
    expect((await upload(clerk.cookie, 'doc.xlsx', zipNoBook)).json().detail).toBe('文件不是有效的 Excel 或 CSV 文件');
    const ole = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(512)]);
    expect((await upload(clerk.cookie, 'old.xls', ole)).statusCode).toBe(400);
    expect((await upload(clerk.cookie, 'old.xlsx', ole)).json().detail).toContain('.xls');
    const empty = await upload(clerk.cookie, 'empty.csv', Buffer.alloc(0));
    expect(empty.statusCode).toBe(400);
    expect(empty.json().detail).toBe('文件为空');
    expect((await upload(clerk.cookie, 'blank.csv', Buffer.from('\r\n  \r\n'))).json().detail).toBe('文件为空');
    // nothing of these was kept
    expect(fs.readdirSync(path.join(dataDir, 'imports')).filter((f) => f.endsWith('.part'))).toEqual([]);
  });

  it('refuses an upload over the size limit with 413', async () => {
    svc.configure({ maxBytes: 2048 });
    const lines = ['姓名,手机号'];
    for (let i = 0; i < 200; i++) lines.push(`某某,139000${String(i).padStart(5, '0')}`);
    const res = await upload(clerk.cookie, 'big.csv', Buffer.from(csv(lines)));
    expect(res.statusCode).toBe(413);
    expect(res.json().detail).toContain('上限');
    const denied = await t.db.scoped(SYSTEM_SCOPE, (tx) =>
      all<{ detail: { reason: string } }>(
        tx,
        sql`select detail from audit_log where action = 'import.create' and outcome = 'failure'`,
      ),
    );
    expect(denied.some((d) => d.detail.reason.includes('上限'))).toBe(true);
  });
});

describe('limits', () => {
  it('fails a file with more data rows than the kind allows before committing any', async () => {
    const res = await upload(
      clerk.cookie,
      'four.csv',
      Buffer.from(
        csv(['姓名,手机号', '蒋一,13900000091', '蒋二,13900000092', '', '蒋三,13900000093', '蒋四,13900000094']),
      ),
      'test_small',
    );
    expect(res.statusCode).toBe(202);
    await svc.idle();
    const job = (await api(t, 'GET', `/api/imports/${res.json().id}`, { cookie: clerk.cookie })).json() as Job;
    expect(job).toMatchObject({ status: 'failed', totalRows: 4, okRows: 0, retryable: false });
    expect(job.message).toBe('文件有 4 行数据，超过单次导入上限 3 行，请拆分后分批导入');
    expect(await countPeople('1390000009')).toBe(0);
    const three = await upload(
      clerk.cookie,
      'three.csv',
      Buffer.from(csv(['姓名,手机号', '蒋一,13900000091', '', '蒋二,13900000092', '蒋三,13900000093'])),
      'test_small',
    );
    await svc.idle();
    expect((await api(t, 'GET', `/api/imports/${three.json().id}`, { cookie: clerk.cookie })).json()).toMatchObject({
      status: 'done',
      okRows: 3,
    });
  });

  it('caps the stored error rows but counts them all', async () => {
    svc.configure({ maxStoredErrors: 5, batchSize: 4 });
    const lines = ['姓名,手机号'];
    for (let i = 0; i < 12; i++) lines.push(`错${i},bad${i}`);
    const job = await importFile('errs.csv', Buffer.from(csv(lines)));
    svc.configure({ maxStoredErrors: 100_000 });
    expect(job).toMatchObject({ status: 'done', errorRows: 12 });
    expect(job.message).toContain('错误明细只保存了前 5 行');
    const n = await t.db.scoped(SYSTEM_SCOPE, (tx) =>
      one<{ n: number }>(tx, sql`select count(*)::int as n from import_row_errors where import_id = ${job.id}`),
    );
    expect(n!.n).toBe(5);
  });
});

describe('rows, errors and the error workbook', () => {
  const duplicatesTitle =
    'reports in-file duplicates, per-cell errors, and gives them back as a workbook with red cells and notes';
  it(duplicatesTitle, async () => {
    const job = await importFile(
      'dups.csv',
      Buffer.from(
        csv([
          '姓名,年龄,手机号,工种',
          '陈一,30,13900000061,测试工种第1类',
          '陈二,200,13900000062,',
          '陈一重复,31,13900000061,',
          '陈三,32,12345,不存在的工种',
        ]),
      ),
    );
    expect(job).toMatchObject({ status: 'done', totalRows: 4, okRows: 1, errorRows: 3 });
    const { res, buf } = await download(`/api/imports/${job.id}/errors.xlsx`);
    expect(res.statusCode).toBe(200);
    await assertStrictXlsx(buf);
    const ws = (await readWorkbook(buf)).worksheets[0];
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(['姓名', '年龄', '手机号', '身份证号', '登记日期', '工种', '性别', '错误说明', '原行号']);
    const rows = [2, 3, 4].map((r) => ws.getRow(r));
    expect(rows.map((r) => r.getCell(9).value)).toEqual([3, 4, 5]);
    // row 3: age 200
    expect(rows[0].getCell(2).value).toBe('200');
    expect((rows[0].getCell(2).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
    expect(JSON.stringify(rows[0].getCell(2).note)).toContain('年龄应为 0–150 的整数');
    expect(rows[0].getCell(8).value).toBe('年龄：年龄应为 0–150 的整数');
    expect(rows[1].getCell(8).value).toBe('与第 2 行重复');
    expect(String(rows[2].getCell(8).value)).toContain('手机号：手机号应为 11 位数字');
    expect(String(rows[2].getCell(8).value)).toContain('工种：请从下拉列表中选择工种');
    expect(rows[2].getCell(1).fill).toBeUndefined();
    const audit = await t.db.scoped(SYSTEM_SCOPE, (tx) =>
      all<{ action: string; detail: Record<string, unknown> }>(
        tx,
        sql`select action, detail from audit_log where object_id = ${job.id} order by seq`,
      ),
    );
    expect(audit.map((a) => a.action)).toEqual([
      'import.create',
      'import.batch',
      'import.finish',
      'import.errors_download',
    ]);
    expect(JSON.stringify(audit)).not.toContain('13900000061'); // no personal data in the audit
    // the error workbook, corrected or not, can be imported again as it is (错误说明/原行号 are ignored)
    const again = await importFile('错误数据.xlsx', buf);
    // (the duplicate's phone number exists by now, so that row updates it)
    expect(again).toMatchObject({ status: 'done', totalRows: 3, errorRows: 2, updatedRows: 1 });
  });

  it('re-importing the same file creates no duplicates', async () => {
    const file = Buffer.from(csv(['姓名,年龄,手机号', '褚一,30,13900000071', '褚二,31,13900000072']));
    expect(await importFile('a.csv', file)).toMatchObject({ createdRows: 2, updatedRows: 0 });
    expect(await importFile('a.csv', file)).toMatchObject({
      createdRows: 0,
      updatedRows: 0,
      unchangedRows: 2,
      okRows: 2,
    });
    const changed = Buffer.from(csv(['姓名,年龄,手机号', '褚一,35,13900000071', '褚二,31,13900000072']));
    expect(await importFile('a.csv', changed)).toMatchObject({ createdRows: 0, updatedRows: 1, unchangedRows: 1 });
    expect(await countPeople('1390000007')).toBe(2);
  });

  it('shows a job only within its creator’s scope and lists it', async () => {
    const job = await importFile('scope.csv', Buffer.from(csv(['姓名,手机号', '卫一,13900000081'])));
    expect((await api(t, 'GET', `/api/imports/${job.id}`, { cookie: panlong.cookie })).statusCode).toBe(404);
    expect((await api(t, 'GET', `/api/imports/${job.id}/errors.xlsx`, { cookie: panlong.cookie })).statusCode).toBe(
      404,
    );
    expect((await api(t, 'GET', `/api/imports/${job.id}`, { cookie: noPerm.cookie })).statusCode).toBe(403);
    const mine = (await api(t, 'GET', '/api/imports?pageSize=200', { cookie: clerk.cookie })).json();
    expect(mine.items.map((j: Job) => j.id)).toContain(job.id);
    expect(mine.total).toBeGreaterThan(5);
    expect((await api(t, 'GET', '/api/imports', { cookie: panlong.cookie })).json().total).toBe(0);
  });
});

// Error rows and keys carry their job's scope columns (migration 0020) instead of a policy with EXISTS on the job.
describe('error rows and keys follow their job’s scope on their own columns', () => {
  const scopeOf = async (username: string) =>
    (await one<{ id: string; departmentId: string | null }>(
      t.db.owner,
      sql`select id, department_id as "departmentId" from users where username = ${username}`,
    ))!;
  const errorsSeenBy = (scope: DbScope, jobId: string) =>
    t.db.scoped(scope, (tx) =>
      one<{ n: number }>(tx, sql`select count(*)::int as n from import_row_errors where import_id = ${jobId}`),
    );
  const keysSeenBy = (scope: DbScope, jobId: string) =>
    t.db.scoped(scope, (tx) =>
      one<{ n: number }>(tx, sql`select count(*)::int as n from import_keys where import_id = ${jobId}::uuid`),
    );

  it('copies the job’s region, owner and department onto every error row', async () => {
    const job = await importFile('copy.csv', Buffer.from(csv(['姓名,手机号', '蒋一,1', '蒋二,2'])));
    expect(job).toMatchObject({ status: 'done', errorRows: 2 });
    const rows = await all<{ same: boolean }>(
      t.db.owner,
      sql`select (e.region_scope = j.region_scope and e.owner_id = j.created_by
          and e.owner_department_id is not distinct from j.department_id) as same
        from import_row_errors e join import_jobs j on j.id = e.import_id where e.import_id = ${job.id}`,
    );
    expect(rows).toEqual([{ same: true }, { same: true }]);
  });

  it('a 本人 or 本部门 user sees no other user’s error rows or keys, and cannot write rows as another owner', async () => {
    const job = await importFile('own.csv', Buffer.from(csv(['姓名,手机号', '沈一,1'])));
    expect(job).toMatchObject({ status: 'done', errorRows: 1 });
    const creator = await scopeOf('imp_wuhua');
    const other = await scopeOf('imp_none'); // same county, another user
    const dept = (await one<{ id: string }>(t.db.owner, sql`select id from departments where code = 'hrss'`))!.id;
    // the job's keys are cleared when it ends: one kept by hand, as a running job would hold it
    await t.db.owner.execute(sql`insert into import_keys (import_id, key_hash, row_no, region_scope, owner_id)
      values (${job.id}, 'k-own', 2, ${WUHUA}, ${creator.id})`);
    const self = (userId: string): DbScope => ({ region: WUHUA, dataScope: 'self', userId });
    expect(await errorsSeenBy(self(creator.id), job.id)).toEqual({ n: 1 });
    expect(await keysSeenBy(self(creator.id), job.id)).toEqual({ n: 1 });
    expect(await errorsSeenBy(self(other.id), job.id)).toEqual({ n: 0 });
    expect(await keysSeenBy(self(other.id), job.id)).toEqual({ n: 0 });
    const department: DbScope = { region: WUHUA, dataScope: 'department', userId: other.id, departmentId: dept };
    expect(await errorsSeenBy(department, job.id)).toEqual({ n: 0 });
    expect(await keysSeenBy(department, job.id)).toEqual({ n: 0 });
    expect(await errorsSeenBy({ region: PANLONG }, job.id)).toEqual({ n: 0 });
    expect(await errorsSeenBy({ region: WUHUA }, job.id)).toEqual({ n: 1 });
    // a 本人 user cannot put a row under another owner (it could then never see it again, but the owner would)
    await expect(
      t.db.scoped(self(other.id), (tx) =>
        tx.execute(sql`insert into import_row_errors (import_id, row_no, cells, raw_enc, region_scope, owner_id)
          values (${job.id}, 99, '{}'::jsonb, '', ${WUHUA}, ${creator.id})`),
      ),
    ).rejects.toSatisfy((e: unknown) => pgErrorCode(e) === '42501');
    await expect(
      t.db.scoped(self(other.id), (tx) =>
        tx.execute(sql`insert into import_keys (import_id, key_hash, row_no, region_scope, owner_id)
          values (${job.id}, 'k-other', 99, ${WUHUA}, ${creator.id})`),
      ),
    ).rejects.toSatisfy((e: unknown) => pgErrorCode(e) === '42501');
    // nor can a county officer put one outside the county
    await expect(
      t.db.scoped({ region: PANLONG }, (tx) =>
        tx.execute(sql`insert into import_row_errors (import_id, row_no, cells, raw_enc, region_scope, owner_id)
          values (${job.id}, 98, '{}'::jsonb, '', ${WUHUA}, ${other.id})`),
      ),
    ).rejects.toSatisfy((e: unknown) => pgErrorCode(e) === '42501');
    await t.db.owner.execute(sql`delete from import_keys where import_id = ${job.id}`);
  });
});

describe('in-file duplicates of a row that fails after parsing', () => {
  // batches of 50: rows 2–51, 52–101, 102–151, … (read ahead of the commits)
  function lateCsv(prefix: string, n: number): Buffer {
    const lines = ['姓名,手机号'];
    const special = new Map(
      cases.map(([rowNo, name, key]) => [rowNo, [name, `${prefix}${key === 'A' ? '9001' : '9002'}`]]),
    );
    for (let rowNo = 2; rowNo < n + 2; rowNo++) {
      const [name, phone] = special.get(rowNo) ?? [`后验${rowNo}`, `${prefix}${String(rowNo).padStart(4, '0')}`];
      lines.push(`${name},${phone}`);
    }
    return Buffer.from(csv(lines));
  }
  const cases: [number, string, 'A' | 'B'][] = [
    [3, '退一', 'A'], // refused at commit: holds no key
    [5, '甲一', 'A'], // same batch: takes the key
    [6, '甲二', 'A'], // duplicate of row 5
    [10, '退二', 'B'], // refused at commit
    [12, '退三', 'B'], // same batch, refused too
    [130, '乙一', 'B'], // a batch read while row 10's commit was pending: takes the key
    [200, '乙二', 'B'], // duplicate of row 130
  ];
  async function errorsOf(jobId: string) {
    return t.db.scoped(SYSTEM_SCOPE, (tx) =>
      all<{ rowNo: number; cells: Record<string, string> }>(
        tx,
        sql`select row_no as "rowNo", cells from import_row_errors where import_id = ${jobId} order by row_no`,
      ),
    );
  }
  const expected = [
    { rowNo: 3, cells: { name: '不予登记' } },
    { rowNo: 6, cells: { _row: '与第 5 行重复' } },
    { rowNo: 10, cells: { name: '不予登记' } },
    { rowNo: 12, cells: { name: '不予登记' } },
    { rowNo: 200, cells: { _row: '与第 130 行重复' } },
  ];

  it('a later valid row with the same key is imported, and its own duplicates name it', async () => {
    const res = await upload(clerk.cookie, 'late.csv', lateCsv('1370008', 250), 'test_late_rules');
    expect(res.statusCode).toBe(202);
    await svc.idle();
    const job = (await api(t, 'GET', `/api/imports/${res.json().id}`, { cookie: clerk.cookie })).json() as Job;
    expect(job).toMatchObject({ status: 'done', totalRows: 250, okRows: 245, errorRows: 5 });
    expect(await errorsOf(job.id)).toEqual(expected);
    expect((await person('13700089001'))?.name).toBe('甲一');
    expect((await person('13700089002'))?.name).toBe('乙一');
  });

  it('a resumed job rebuilds the same keys: a row refused before the interruption holds none', async () => {
    // commit calls: rows 2–51 take two rounds (rows 5 and 12 after 3 and 10 were refused), 52–101 one;
    // the fourth (rows 102–151) throws
    failure.onBatch = 4;
    const res = await upload(clerk.cookie, 'late2.csv', lateCsv('1370009', 250), 'test_late_rules');
    await svc.idle();
    const id = res.json().id as string;
    expect((await api(t, 'GET', `/api/imports/${id}`, { cookie: clerk.cookie })).json()).toMatchObject({
      status: 'failed',
      processedRows: 100,
    });
    expect((await api(t, 'POST', `/api/imports/${id}/retry`, { cookie: clerk.cookie })).statusCode).toBe(202);
    await svc.idle();
    const job = (await api(t, 'GET', `/api/imports/${id}`, { cookie: clerk.cookie })).json() as Job;
    expect(job).toMatchObject({ status: 'done', totalRows: 250, okRows: 245, errorRows: 5 });
    expect(await errorsOf(id)).toEqual(expected);
    expect((await person('13700099002'))?.name).toBe('乙一');
  });
});

describe('resumption', () => {
  function bigCsv(prefix: string, n: number, dupOf?: [number, number]): Buffer {
    const lines = ['姓名,年龄,手机号'];
    for (let i = 0; i < n; i++) {
      const k = dupOf && i === dupOf[1] ? dupOf[0] : i;
      lines.push(`续导${i},${20 + (i % 50)},${prefix}${String(k).padStart(4, '0')}`);
    }
    return Buffer.from(csv(lines));
  }

  const retryTitle =
    'a batch that throws fails the job with nothing half-done; a retry continues after the last committed row';
  it(retryTitle, async () => {
    failure.onBatch = 3; // batches of 50: rows 2–51 and 52–101 are committed, the third throws
    const job = await importFile('resume.csv', bigCsv('1370001', 250, [10, 180]));
    expect(job.status).toBe('failed');
    expect(job.retryable).toBe(true);
    expect(job.message).toContain('第 102 行');
    expect(job).toMatchObject({ totalRows: 250, okRows: 100, createdRows: 100 });
    expect(await countPeople('1370001')).toBe(100);
    const retried = await api(t, 'POST', `/api/imports/${job.id}/retry`, { cookie: clerk.cookie });
    expect(retried.statusCode).toBe(202);
    await svc.idle();
    const done = (await api(t, 'GET', `/api/imports/${job.id}`, { cookie: clerk.cookie })).json() as Job;
    expect(done).toMatchObject({
      status: 'done',
      totalRows: 250,
      processedRows: 250,
      okRows: 249,
      errorRows: 1,
      createdRows: 249,
    });
    expect(await countPeople('1370001')).toBe(249);
    // the duplicate of a row committed before the interruption is still recognised after it
    const err = await t.db.scoped(SYSTEM_SCOPE, (tx) =>
      all<{ rowNo: number; cells: Record<string, string> }>(
        tx,
        sql`select row_no as "rowNo", cells from import_row_errors where import_id = ${job.id}`,
      ),
    );
    expect(err).toEqual([{ rowNo: 182, cells: { _row: '与第 12 行重复' } }]);
    expect((await api(t, 'POST', `/api/imports/${job.id}/retry`, { cookie: clerk.cookie })).statusCode).toBe(409);
  });

  it('resumeInterrupted continues a job left running by a crash', async () => {
    failure.onBatch = 2;
    const job = await importFile('crash.csv', bigCsv('1370002', 120));
    expect(job).toMatchObject({ status: 'failed', okRows: 50 });
    // as if the process had died in the middle of the third batch
    await t.db.owner.execute(
      sql`update import_jobs set status = 'running', message = null, finished_at = null where id = ${job.id}`,
    );
    expect(await svc.resumeInterrupted()).toBe(1);
    await svc.idle();
    const done = (await api(t, 'GET', `/api/imports/${job.id}`, { cookie: clerk.cookie })).json() as Job;
    expect(done).toMatchObject({ status: 'done', totalRows: 120, okRows: 120, createdRows: 120 });
    expect(await countPeople('1370002')).toBe(120);
    const batches = await t.db.scoped(SYSTEM_SCOPE, (tx) =>
      all<{ detail: { fromRow: number; toRow: number } }>(
        tx,
        sql`select detail from audit_log where action = 'import.batch' and object_id = ${job.id} order by seq`,
      ),
    );
    expect(batches.map((b) => [b.detail.fromRow, b.detail.toRow])).toEqual([
      [2, 51],
      [52, 101],
      [102, 121],
    ]);
    // its file is gone once it is done
    expect(fs.existsSync(path.join(dataDir, 'imports', `${job.id}.csv`))).toBe(false);
  });
});

describe('hostile workbooks (zip bombs, huge cells) and jobs that keep failing', () => {
  it('refuses at upload a 400 KB workbook whose sheet inflates to 400 MB', async () => {
    const row = '<row><c t="inlineStr"><is><t>炸弹</t></is></c><c t="inlineStr"><is><t>13800000000</t></is></c></row>';
    const bomb = await handmadeXlsx({
      head: SHEET_HEAD,
      fill: row,
      size: 400 * 1024 * 1024,
      tail: '</sheetData></worksheet>',
    });
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const before = (await one<{ n: number }>(t.db.owner, sql`select count(*)::int as n from import_jobs`))!.n;
    const res = await upload(clerk.cookie, 'bomb.xlsx', bomb);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().detail).toBe(MESSAGES.bomb);
    expect((await one<{ n: number }>(t.db.owner, sql`select count(*)::int as n from import_jobs`))!.n).toBe(before);
    expect((await api(t, 'GET', '/api/health')).statusCode).toBe(200);
  });

  const cellLimitTitle =
    'fails a job, without reading the row into memory, on a cell over 32,767 characters or a row over 16,384 cells';
  it(cellLimitTitle, async () => {
    const huge = await handmadeXlsx({
      head: `${SHEET_HEAD}<row r="2"><c r="A2" t="inlineStr"><is><t>`,
      fill: '长',
      size: 300_000,
      tail: '</t></is></c></row></sheetData></worksheet>',
    });
    const job = await importFile('huge-cell.xlsx', huge);
    expect(job).toMatchObject({ status: 'failed', okRows: 0, retryable: false });
    expect(job.message).toMatch(/单元格内容超过 Excel 的上限 32767 个字符/);
    const wide = await handmadeXlsx({
      head: `${SHEET_HEAD}<row r="2">`,
      fill: '<c t="inlineStr"><is><t>宽</t></is></c>',
      size: 20_000 * 36,
      tail: '</row></sheetData></worksheet>',
    });
    const job2 = await importFile('wide.xlsx', wide);
    expect(job2).toMatchObject({ status: 'failed', okRows: 0 });
    expect(job2.message).toMatch(/最大列数 16384/);
  });

  it('a job whose processing throws twice is quarantined: failed for good, not retryable', async () => {
    failure.onBatch = 1;
    failure.once = false;
    const job = await importFile(
      'throws.csv',
      Buffer.from(csv(['姓名,手机号', '抛一,13500000001', '抛二,13500000002'])),
    );
    expect(job).toMatchObject({ status: 'failed', retryable: true });
    failure.calls = 0; // the same batch throws again
    expect((await api(t, 'POST', `/api/imports/${job.id}/retry`, { cookie: clerk.cookie })).statusCode).toBe(202);
    await svc.idle();
    const again = (await api(t, 'GET', `/api/imports/${job.id}`, { cookie: clerk.cookie })).json() as Job;
    expect(again).toMatchObject({ status: 'failed', retryable: false });
    expect(again.message).toContain(QUARANTINE_MESSAGE);
    expect((await api(t, 'POST', `/api/imports/${job.id}/retry`, { cookie: clerk.cookie })).statusCode).toBe(409);
    const attempts = await one<{ attempts: number }>(
      t.db.owner,
      sql`select attempts from import_jobs where id = ${job.id}`,
    );
    expect(attempts!.attempts).toBe(2);
  });

  it('a job that took the process down at two starts is quarantined at the third, never resumed again', async () => {
    // The "crash": the runner starts the job (counting the attempt), then never gets further.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    registerImportKind({ ...people, kind: 'test_crash', title: '崩溃测试', prepare: () => gate });
    const res = await upload(
      clerk.cookie,
      'crash.csv',
      Buffer.from(csv(['姓名,手机号', '崩一,13500000011'])),
      'test_crash',
    );
    expect(res.statusCode).toBe(202);
    const id = res.json().id as string;
    const attemptsOf = async () =>
      (await one<{ attempts: number; status: string }>(
        t.db.owner,
        sql`select attempts, status from import_jobs where id = ${id}`,
      ))!;
    await expect.poll(attemptsOf, { timeout: 60_000 }).toMatchObject({ attempts: 1, status: 'running' });
    // Restart 1: a new process resumes the job, and dies the same way.
    const second = new ImportsService(t.db, t.services.audit, t.services.cipher, () => new Date(), { dataDir });
    expect(await second.resumeInterrupted()).toBe(1);
    await expect.poll(attemptsOf, { timeout: 60_000 }).toMatchObject({ attempts: 2, status: 'running' });
    // Restart 2: quarantined before anything is read.
    const third = new ImportsService(t.db, t.services.audit, t.services.cipher, () => new Date(), { dataDir });
    expect(await third.resumeInterrupted()).toBe(1);
    await third.idle();
    const job = (await api(t, 'GET', `/api/imports/${id}`, { cookie: clerk.cookie })).json() as Job;
    expect(job).toMatchObject({ status: 'failed', retryable: false, message: QUARANTINE_MESSAGE });
    const fourth = new ImportsService(t.db, t.services.audit, t.services.cipher, () => new Date(), { dataDir });
    expect(await fourth.resumeInterrupted()).toBe(0);
    release();
    await Promise.all([svc.idle(), second.idle()]);
    expect((await api(t, 'GET', `/api/imports/${id}`, { cookie: clerk.cookie })).json()).toMatchObject({
      status: 'failed',
      message: QUARANTINE_MESSAGE,
    });
    expect(await countPeople('1350000001')).toBe(0);
  });
});

describe('other requests during an import (embedded database)', () => {
  it('keeps each transaction short and serves health and list requests while the import runs', async () => {
    svc.configure({ batchSize: 1000 });
    const lines = ['姓名,年龄,手机号'];
    for (let i = 0; i < 3000; i++) lines.push(`并发${i},30,1340${String(i).padStart(7, '0')}`);
    const res = await upload(clerk.cookie, 'concurrent.csv', Buffer.from(csv(lines)));
    expect(res.statusCode).toBe(202);
    const id = res.json().id as string;
    const statusOf = async () =>
      (await one<{ status: string; processed: number }>(
        t.db.owner,
        sql`select status, processed_rows as processed from import_jobs where id = ${id}`,
      ))!;
    await expect.poll(async () => (await statusOf()).processed, { interval: 5, timeout: 60_000 }).toBeGreaterThan(0);
    const health = await api(t, 'GET', '/api/health');
    expect(health.statusCode).toBe(200);
    const list = await api(t, 'GET', '/api/imports?page=1&pageSize=5', { cookie: clerk.cookie });
    expect(list.statusCode).toBe(200);
    // both answered before the import finished
    if (t.db.kind === 'pglite') expect((await statusOf()).status).toBe('running');
    await svc.idle();
    expect(await statusOf()).toMatchObject({ status: 'done', processed: 3001 });
    if (t.db.kind === 'pglite') {
      // On the embedded database no transaction holds the one connection for more than 200 rows.
      const batches = await t.db.scoped(SYSTEM_SCOPE, (tx) =>
        all<{ detail: { fromRow: number; toRow: number } }>(
          tx,
          sql`select detail from audit_log where action = 'import.batch' and object_id = ${id}`,
        ),
      );
      expect(batches.length).toBeGreaterThanOrEqual(15);
      for (const b of batches) expect(b.detail.toRow - b.detail.fromRow + 1).toBeLessThanOrEqual(200);
    }
  });
});

describe('fuzz', () => {
  it('random bytes, truncated and corrupted files: always a 4xx or a job with a message, never a 5xx', async () => {
    const validXlsx = await xlsxBuffer((wb) => {
      const ws = wb.addWorksheet('人员');
      ws.addRow(['姓名', '手机号']);
      for (let i = 0; i < 30; i++) ws.addRow([`模糊${i}`, `1360000${String(i).padStart(4, '0')}`]);
    });
    const validCsv = Buffer.from(csv(['姓名,手机号', '模糊,13600009999', '"引号,内容",13600009998']));
    const file = fc.oneof(
      fc.uint8Array({ minLength: 0, maxLength: 3000 }).map((a) => Buffer.from(a)),
      fc.integer({ min: 0, max: validXlsx.length - 1 }).map((n) => validXlsx.subarray(0, n)),
      fc.tuple(fc.integer({ min: 0, max: validXlsx.length - 1 }), fc.integer({ min: 0, max: 255 })).map(([i, b]) => {
        const c = Buffer.from(validXlsx);
        c[i] ^= b || 1;
        return c;
      }),
      fc.integer({ min: 0, max: validCsv.length }).map((n) => validCsv.subarray(0, n)),
      fc
        .tuple(fc.uint8Array({ minLength: 1, maxLength: 40 }), fc.integer({ min: 0, max: validCsv.length }))
        .map(([junk, at]) => Buffer.concat([validCsv.subarray(0, at), Buffer.from(junk), validCsv.subarray(at)])),
    );
    const seen = { refused: 0, done: 0, failed: 0 };
    await fc.assert(
      fc.asyncProperty(file, fc.constantFrom('f.xlsx', 'f.csv', 'f.txt'), async (data, name) => {
        const res = await upload(clerk.cookie, name, data);
        expect(res.statusCode, res.body).toBeLessThan(500);
        if (res.statusCode !== 202) seen.refused++;
        if (res.statusCode !== 202) {
          expect(res.statusCode).toBeGreaterThanOrEqual(400);
          expect(res.json().detail).toBeTruthy();
          return;
        }
        await svc.idle();
        const job = (await api(t, 'GET', `/api/imports/${res.json().id}`, { cookie: clerk.cookie })).json() as Job;
        expect(['done', 'failed']).toContain(job.status);
        expect(job.message).toBeTruthy();
        seen[job.status as 'done' | 'failed']++;
      }),
      { numRuns: 120 },
    );
    expect(seen.refused).toBeGreaterThan(10);
    expect(seen.done + seen.failed).toBeGreaterThan(10);
  }, 120_000);
});
