/**
 * Issue #8 item 2: the hidden digits of a masked 18-digit ID number (110105********0021) are the birth
 * date, so no answer a masked reader gets may carry the birth date. This walks a worker through the
 * registry and the wage module, collects every answer, export and document in which the worker
 * appears (and the audit log and timeline entries about them), and checks that the full number cannot
 * be rebuilt from any of it. Only the audited unmask returns the birth date.
 */
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { all, one } from '../../db/client.js';
import { provisionUser } from '../../bootstrap.js';
import { loadDemoCity } from '../../demo.js';
import { api, CITY, signIn, startTestPlatform, type TestPlatform } from '../../test/harness.js';
import { testIdNumber as idNumber } from '../../test/id-number.js';

let t: TestPlatform;
let officer: { cookie: string }; // 五华区 officer: masked reader with write access
let leader: { cookie: string }; // city leader: masked reader, data scope 全部
let reviewer: { cookie: string }; // may unmask
let T1: string;
let contractor: string;
let client: string;

const BIRTH = '1983-07-29';
const ID = idNumber('530102', BIRTH, '517');
/** Every way the birth date (= the masked digits) could be written. */
const FORBIDDEN = [
  ID,
  BIRTH,
  '19830729',
  '1983/07/29',
  '1983/7/29',
  '1983年07月29日',
  '1983年7月29日',
  '1983.07.29',
  '830729',
];

/** Everything the masked readers received, by where it came from. */
const seen: { where: string; text: string }[] = [];
const keep = (where: string, text: string) => seen.push({ where, text });
async function get(cookie: string, url: string, method = 'GET', body?: unknown) {
  const r = await api(t, method, url, { cookie, ...(body !== undefined ? { body } : {}) });
  expect(r.statusCode, `${method} ${url}: ${r.body}`).toBeLessThan(300);
  keep(`${method} ${url}`, r.body);
  return r;
}
async function xlsxText(buffer: Buffer): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const out: string[] = [];
  for (const ws of wb.worksheets)
    ws.eachRow((row) =>
      row.eachCell((c) => out.push(String(c.value instanceof Date ? c.value.toISOString() : c.value))),
    );
  return out.join('\n');
}

beforeAll(async () => {
  t = await startTestPlatform();
  await loadDemoCity(t.db, t.services, { cityCode: CITY, workers: 60, seed: 9 });
  T1 = (await one<{ code: string }>(
    t.db.owner,
    sql`select code from regions where parent_code = '530102' and level = 4 order by code limit 1`,
  ))!.code;
  [client, contractor] = (
    await all<{ id: string }>(t.db.owner, sql`select id from employers order by credit_code limit 2`)
  ).map((e) => e.id);
  await provisionUser(t.db, t.services, {
    username: 'mask_officer',
    displayName: '五华区经办员',
    roles: ['officer'],
    regionCode: '530102',
    password: 'Masking#Officer-2026',
  });
  await provisionUser(t.db, t.services, {
    username: 'mask_leader',
    displayName: '市级领导',
    roles: ['leader'],
    regionCode: '5301',
    dataScope: 'all',
    password: 'Masking#Leader-2026',
  });
  await provisionUser(t.db, t.services, {
    username: 'mask_reviewer',
    displayName: '个人信息核查员',
    roles: ['officer', 'pii_reviewer'],
    regionCode: '5301',
    dataScope: 'all',
    password: 'Masking#Review-2026',
  });
  officer = await signIn(t, 'mask_officer', { password: 'Masking#Officer-2026' });
  leader = await signIn(t, 'mask_leader', { password: 'Masking#Leader-2026' });
  reviewer = await signIn(t, 'mask_reviewer', { password: 'Masking#Review-2026' });
}, 240_000);
afterAll(async () => t?.close());

describe('a masked ID number cannot be read back (#8 item 2)', () => {
  let workerId: string;
  let projectId: string;
  let projectCode: string;
  let pwId: string;

  it('walks the worker through the registry and the wage module as masked readers', async () => {
    const created = await get(officer.cookie, '/api/workers', 'POST', {
      name: '王秀英',
      idNumber: ID,
      ethnicity: '01',
      education: '30',
      phone: '13812340729',
      hukouRegionCode: '530102',
      residenceRegionCode: T1,
      bankCard: '6222021234567890128',
      bankName: '中国工商银行',
      emergencyContact: { name: '王建华', relation: 'spouse', phone: '13987650729' },
    });
    workerId = created.json().id;
    expect(created.json()).toMatchObject({ idNumber: `530102********${ID.slice(-4)}`, birthDate: null, age: 42 });
    const emp = await get(officer.cookie, '/api/employments', 'POST', {
      workerId,
      employerId: contractor,
      startDate: '2025-10-01',
      contractSigned: true,
      contractType: 'fixed',
      contractTermMonths: 24,
    });
    expect(emp.statusCode).toBe(201);
    const version = (await get(officer.cookie, `/api/workers/${workerId}`)).json().version;
    await get(officer.cookie, `/api/workers/${workerId}`, 'PATCH', { version, education: '40' });
    for (const cookie of [officer.cookie, leader.cookie, reviewer.cookie]) {
      await get(cookie, `/api/workers/${workerId}`);
      await get(cookie, `/api/workers?q=${encodeURIComponent('王秀')}`);
      await get(cookie, `/api/workers?idNumber=${ID}`);
      await get(cookie, `/api/workers?regionCode=${T1}&pageSize=100`);
      await get(cookie, `/api/workers/${workerId}/timeline`);
      await get(cookie, `/api/employments?workerId=${workerId}`);
    }
    // The wage side: project, workforce, attendance, ledger, bank results, warnings, arrears, documents.
    const p = await get(officer.cookie, '/api/projects', 'POST', {
      name: '五华区综合管廊工程',
      regionCode: T1,
      category: 'municipal',
      clientId: client,
      contractorId: contractor,
      fundingInPlace: true,
      paymentGuarantee: true,
      contractAmountFen: 6_000_000_000,
      labourShareBp: 2500,
      allocationDay: 20,
      payDay: 15,
      contractSignedOn: '2025-09-20',
      startDate: '2025-10-01',
      plannedEndDate: '2027-06-30',
      labourOfficerName: '周劳资',
      labourOfficerPhone: '13987650001',
    });
    projectId = p.json().id;
    projectCode = p.json().code;
    await get(officer.cookie, `/api/projects/${projectId}`, 'PATCH', {
      version: p.json().version,
      status: 'in_progress',
    });
    pwId = (
      await get(officer.cookie, `/api/projects/${projectId}/workers`, 'POST', { idNumber: ID, entryDate: '2025-11-01' })
    ).json().id;
    await get(officer.cookie, `/api/projects/${projectId}/attendance`, 'PUT', {
      month: '2025-12',
      entries: [{ projectWorkerId: pwId, days: 22 }],
    });
    for (const month of ['2025-11', '2025-12', '2026-01']) {
      await get(officer.cookie, `/api/projects/${projectId}/payrolls/manual`, 'POST', {
        month,
        lines: [
          { projectWorkerId: pwId, days: 22, payableFen: 300_000, deductionsFen: 0, netFen: 300_000, confirmed: true },
        ],
      });
    }
    await get(officer.cookie, `/api/projects/${projectId}/account`, 'PUT', {
      bankName: '中国建设银行昆明五华支行',
      accountNo: '6217001234567890729',
      openedOn: '2025-10-05',
    });
    await t.services.engine.scanProjects([projectId]);
    const c = await get(officer.cookie, '/api/arrears', 'POST', {
      projectId,
      employerId: contractor,
      summary: '三个月工资未发',
      items: ['2025-11', '2025-12'].map((month) => ({ projectWorkerId: pwId, month, amountFen: 300_000 })),
    });
    for (const cookie of [officer.cookie, leader.cookie]) {
      await get(cookie, `/api/projects/${projectId}`);
      await get(cookie, `/api/projects/${projectId}/workers`);
      await get(cookie, `/api/projects/${projectId}/attendance?month=2025-12`);
      await get(cookie, `/api/projects/${projectId}/payrolls`);
      await get(cookie, `/api/projects/${projectId}/payrolls/2025-12`);
      await get(cookie, `/api/projects/${projectId}/bank-payments`);
      await get(cookie, `/api/projects/${projectId}/timeline`);
      await get(cookie, `/api/workers/${workerId}/wages`);
      await get(cookie, `/api/projects/${projectId}/notice-board?size=A4`);
      const warnings = await get(cookie, `/api/warnings?projectId=${projectId}`);
      for (const w of warnings.json().items as { id: string }[]) await get(cookie, `/api/warnings/${w.id}`);
      await get(cookie, `/api/arrears/${c.json().id}`);
      await get(cookie, `/api/arrears/${c.json().id}/evidence`);
      await get(cookie, '/api/wages/dashboard');
      await get(cookie, '/api/auth/me');
    }
    expect(seen.some((s) => s.where.includes('/evidence') && s.text.includes('王*英'))).toBe(true);
    const lookup = await t.app.inject({
      method: 'POST',
      url: '/api/public/wage-lookup',
      payload: { projectCode, idNumber: ID, name: '王秀英' },
    });
    expect(lookup.statusCode, lookup.body).toBe(200);
    keep('public wage lookup', lookup.body);
    keep('public project', (await t.app.inject({ method: 'GET', url: `/api/public/projects/${projectCode}` })).body);
    // The masked export (officer) and the masked export of a reviewer who did not ask for clear values.
    for (const cookie of [officer.cookie, reviewer.cookie]) {
      const x = await t.app.inject({
        method: 'POST',
        url: '/api/exports',
        headers: { cookie },
        payload: { kind: 'workers', filters: { q: '王秀' } },
      });
      expect(x.statusCode, x.body).toBe(200);
      const text = await xlsxText(x.rawPayload);
      expect(text).toContain('王秀英');
      expect(text).toContain('年龄');
      keep('masked export', text);
    }
    // What the platform wrote about the worker: audit log and domain events (timelines, statistics).
    keep(
      'audit log',
      JSON.stringify(await all(t.db.owner, sql`select action, object_type, object_id, detail from audit_log`)),
    );
    keep('events', JSON.stringify(await all(t.db.owner, sql`select type, summary, data from events`)));
    expect(seen.length).toBeGreaterThan(60);
  });

  it('no answer, export, document or log entry lets the full number be rebuilt', () => {
    const leaks = seen.flatMap(({ where, text }) =>
      FORBIDDEN.filter((f) => text.includes(f)).map((f) => `${where}: ${f}`),
    );
    expect(leaks).toEqual([]);
    // The masked number itself is there, with exactly its 8 hidden digits hidden.
    expect(seen.some(({ text }) => text.includes(`530102********${ID.slice(-4)}`))).toBe(true);
    for (const { text } of seen)
      for (const m of text.matchAll(/530102(.{8})\d{3}[\dX]/g)) expect(m[1]).toBe('********');
  });

  it('keeps the ID number, the birth date, phones and searched names out of the request log', async () => {
    let logged = '';
    const stream = new Writable({
      write(chunk, _e, cb) {
        logged += chunk;
        cb();
      },
    });
    const { app } = await buildApp(
      {
        db: t.db,
        keys: t.keys,
        cityCode: CITY,
        mode: 'demo',
        now: t.clock.now,
        logLevel: 'info',
        logStream: stream,
        rateLimitPerMinute: 100000,
        loginRateLimitPerMinute: 100000,
        webDist: null,
      },
      t.services,
    );
    const t2 = { ...t, app };
    try {
      expect((await api(t2, 'GET', `/api/workers?idNumber=${ID}`, { cookie: officer.cookie })).json().total).toBe(1);
      await api(t2, 'GET', `/api/workers?q=${encodeURIComponent('王秀英')}&phone=13812340729&page=1`, {
        cookie: officer.cookie,
      });
      await api(t2, 'GET', `/api/workers?idNumber=${BIRTH}`, { cookie: officer.cookie }); // a bad value, answered 400
      await api(t2, 'GET', `/api/workers/${workerId}`, { cookie: officer.cookie });
      await app.inject({
        method: 'POST',
        url: '/api/public/wage-lookup',
        remoteAddress: '10.9.0.1',
        payload: { projectCode, idNumber: ID, name: '王秀英' },
      });
    } finally {
      await app.close();
    }
    expect(logged).toContain('/api/workers?idNumber=***');
    expect(logged).toContain('page=1');
    for (const f of [...FORBIDDEN, '13812340729', encodeURIComponent('王秀英'), '王秀英'])
      expect(logged, f).not.toContain(f);
  });

  it('gives the birth date only through the audited unmask', async () => {
    const r = await api(t, 'POST', `/api/workers/${workerId}/unmask`, {
      cookie: reviewer.cookie,
      body: { fields: ['birthDate'], purpose: '核对年龄与出生日期' },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({ birthDate: BIRTH });
    const audit = await one<{ detail: { fields: string[] } }>(
      t.db.owner,
      sql`select detail from audit_log where action = 'worker.unmask' and object_id = ${workerId} order by seq desc
        limit 1`,
    );
    expect(audit!.detail.fields).toEqual(['birthDate']);
    expect(
      (
        await api(t, 'POST', `/api/workers/${workerId}/unmask`, {
          cookie: officer.cookie,
          body: { fields: ['birthDate'], purpose: '核对年龄与出生日期' },
        })
      ).statusCode,
    ).toBe(403);
    const clear = await t.app.inject({
      method: 'POST',
      url: '/api/exports',
      headers: { cookie: reviewer.cookie },
      payload: { kind: 'workers', filters: { q: '王秀' }, unmask: true, purpose: '工资核对名单' },
    });
    expect(clear.statusCode, clear.body).toBe(200);
    expect(await xlsxText(clear.rawPayload)).toContain(BIRTH);
  });
});
