/**
 * Case attachments (附件) through the API: upload typed by content with its SHA-256 and a history entry, list,
 * download audited as a disclosure; disguised, oversized, unsupported and malformed uploads refused with Chinese
 * messages and 4xx; out of scope is 404.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { all } from '../../db/client.js';
import { provisionUser } from '../../bootstrap.js';
import { api, multipartBody, signIn, startTestPlatform, type TestPlatform } from '../../test/harness.js';

let t: TestPlatform;
let wuhua: { cookie: string };
let panlong: { cookie: string };
let caseId: string;

const PDF = Buffer.from('%PDF-1.7\n% 检查笔录\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62, 0), Buffer.from('PE\0\0'), Buffer.alloc(200, 1)]);
const HTML = Buffer.from('<!DOCTYPE html><html><body><script>alert(1)</script></body></html>');

const complaint = {
  channel: 'window',
  regionCode: '530102001',
  complainantName: '李四',
  phone: '13812340000',
  employerName: '昆明某劳务公司',
  claims: [{ kind: 'wages', amountFen: 500_000, description: '三月工资' }],
  summary: '工资未发',
};

function upload(cookie: string, id: string, file?: { name: string; data: Buffer }, fields = { docKind: 'other' }) {
  const body = multipartBody(fields, file);
  return t.app.inject({
    method: 'POST',
    url: `/api/cases/${id}/attachments`,
    headers: { ...body.headers, cookie },
    payload: body.payload,
  });
}

beforeAll(async () => {
  t = await startTestPlatform();
  for (const [username, region] of [
    ['att_wuhua', '530102'],
    ['att_panlong', '530103'],
  ])
    await provisionUser(t.db, t.services, {
      username,
      displayName: username,
      roles: ['officer'],
      regionCode: region,
      password: 'Attach#Kunming-2026x',
    });
  wuhua = await signIn(t, 'att_wuhua', { password: 'Attach#Kunming-2026x' });
  panlong = await signIn(t, 'att_panlong', { password: 'Attach#Kunming-2026x' });
  const c = await api(t, 'POST', '/api/complaints', { cookie: wuhua.cookie, body: complaint });
  expect(c.statusCode, c.body).toBe(201);
  caseId = c.json().id;
});
afterAll(async () => t?.close());

describe('case attachments', () => {
  it('stores a PDF with its SHA-256, lists it, records it in the history, and downloads it audited', async () => {
    const res = await upload(wuhua.cookie, caseId, { name: '询问笔录.pdf', data: PDF });
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json();
    expect(a).toMatchObject({
      docKind: 'other',
      docKindName: '其他材料',
      filename: '询问笔录.pdf',
      mediaType: 'application/pdf',
      bytes: PDF.length,
      sha256: createHash('sha256').update(PDF).digest('hex'),
      uploadedBy: 'att_wuhua',
    });
    const list = await api(t, 'GET', `/api/cases/${caseId}/attachments`, { cookie: wuhua.cookie });
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items).toEqual([a]);
    expect(list.json().documentKinds).toContainEqual({ kind: 'other', label: '其他材料' });
    expect(list.json().maxBytes).toBe(10 * 1024 * 1024);
    const detail = await api(t, 'GET', `/api/cases/${caseId}`, { cookie: wuhua.cookie });
    expect(detail.json().history).toContainEqual(
      expect.objectContaining({ kind: 'attachment', event: 'other', actorName: 'att_wuhua' }),
    );

    const dl = await api(t, 'GET', `/api/cases/${caseId}/attachments/${a.id}`, { cookie: wuhua.cookie });
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(dl.headers['content-disposition']).toContain(encodeURIComponent('询问笔录.pdf'));
    expect(dl.rawPayload.equals(PDF)).toBe(true);
    const audit = await all<{ action: string; detail: { attachmentId?: string } }>(
      t.db.owner,
      sql`select action, detail from audit_log where action like 'case.attachment%' order by seq`,
    );
    expect(audit.map((x) => x.action)).toEqual(['case.attachment', 'case.attachment_download']);
    expect(audit[1].detail.attachmentId).toBe(a.id);
    // The file lies under the data folder, named by its id; no partial files are left behind.
    const dir = path.join(t.services.cases.attachments.dir, '530102');
    expect(fs.readdirSync(dir)).toEqual([a.id]);
  });

  it('accepts an xlsx (zip checked inside) and a PNG; refuses a plain zip named .docx', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('工资表').addRow(['姓名', '应发']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const ok = await upload(wuhua.cookie, caseId, { name: '工资表.xlsx', data: xlsx });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().mediaType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
      'base64',
    );
    expect((await upload(wuhua.cookie, caseId, { name: '现场.PNG', data: png })).statusCode).toBe(201);
    // The workbook renamed .docx: its [Content_Types].xml says spreadsheet.
    const renamed = await upload(wuhua.cookie, caseId, { name: '笔录.docx', data: xlsx });
    expect(renamed.statusCode).toBe(400);
    expect(renamed.json().detail).toBe('附件内容与类型不符');
  });

  it('refuses disguised, oversized, unsupported and malformed uploads with Chinese messages, never a 5xx', async () => {
    const exe = await upload(wuhua.cookie, caseId, { name: '笔录.pdf', data: EXE });
    expect(exe.statusCode).toBe(400);
    expect(exe.json().detail).toBe('附件内容与类型不符');
    const html = await upload(wuhua.cookie, caseId, { name: '笔录.pdf', data: HTML });
    expect(html.statusCode).toBe(400);
    expect(html.json().detail).toBe('附件内容与类型不符');
    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(10 * 1024 * 1024, 0x20)]);
    const oversized = await upload(wuhua.cookie, caseId, { name: '大文件.pdf', data: big });
    expect(oversized.statusCode).toBe(413);
    expect(oversized.json().detail).toBe('附件超过 10 MB 的上限');
    const exeName = await upload(wuhua.cookie, caseId, { name: 'tool.exe', data: EXE });
    expect(exeName.statusCode).toBe(415);
    expect(exeName.json().detail).toContain('不支持的附件类型');
    const empty = await upload(wuhua.cookie, caseId, { name: '空.pdf', data: Buffer.alloc(0) });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().detail).toBe('附件为空，请选择文件');
    const kind = await upload(wuhua.cookie, caseId, { name: 'a.pdf', data: PDF }, { docKind: 'inspection_record' });
    expect(kind.statusCode).toBe(400);
    expect(kind.json().detail).toMatch(/^材料类别无效：inspection_record/);
    const noFile = await upload(wuhua.cookie, caseId);
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json().detail).toBe('请选择要上传的附件（file）');
    const json = await api(t, 'POST', `/api/cases/${caseId}/attachments`, { cookie: wuhua.cookie, body: {} });
    expect(json.statusCode).toBe(415);
    // Nothing of the refused uploads was kept.
    const rows = await all<{ n: number }>(
      t.db.owner,
      sql`select count(*)::int as n from case_attachments where case_id = ${caseId}`,
    );
    expect(rows[0].n).toBe(3);
    expect(fs.readdirSync(path.join(t.services.cases.attachments.dir, '530102')).some((f) => f.endsWith('.part'))).toBe(
      false,
    );
  });

  it('is out of reach outside the case scope (404), like a case that does not exist', async () => {
    const list = await api(t, 'GET', `/api/cases/${caseId}/attachments`, { cookie: panlong.cookie });
    expect(list.statusCode).toBe(404);
    const up = await upload(panlong.cookie, caseId, { name: 'a.pdf', data: PDF });
    expect(up.statusCode).toBe(404);
    const mine = await api(t, 'GET', `/api/cases/${caseId}/attachments`, { cookie: wuhua.cookie });
    const aid = mine.json().items[0].id;
    const dl = await api(t, 'GET', `/api/cases/${caseId}/attachments/${aid}`, { cookie: panlong.cookie });
    expect(dl.statusCode).toBe(404);
    const unknown = await api(t, 'GET', `/api/cases/${caseId}/attachments/${crypto.randomUUID()}`, {
      cookie: wuhua.cookie,
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().detail).toBe('附件不存在');
  });
});
