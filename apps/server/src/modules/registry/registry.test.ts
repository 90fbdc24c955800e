import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { all, one, SYSTEM_SCOPE } from '../../db/client.js';
import { provisionUser } from '../../bootstrap.js';
import { api, signIn, startTestPlatform, type TestPlatform } from '../../test/harness.js';
import { testIdNumber as idNumber } from '../../test/id-number.js';

let t: TestPlatform;
let clerk: { cookie: string; password: string }; // officer of one township of 五华区
let other: { cookie: string; password: string }; // officer of a township in 盘龙区
let reviewer: { cookie: string; password: string; totpSecret?: string }; // may unmask and export in clear (TOTP)
let T1: string; // township of 五华区
let V1: string; // a village of T1
let V1b: string;
let T2: string; // township of 盘龙区
let V2: string;

const ADULT = idNumber('530102', '1990-05-17', '123'); // male (odd 17th digit)
const ADULT2 = idNumber('510104', '1985-11-02', '246'); // female, from 成都 (cross-province)

function workerBody(over: Record<string, unknown> = {}) {
  return {
    name: '张三',
    idNumber: ADULT,
    ethnicity: '01',
    education: '30',
    phone: '13812345678',
    hukouRegionCode: '530102',
    residenceRegionCode: V1,
    bankCard: '6222021234567890128',
    bankName: '中国工商银行',
    emergencyContact: { name: '李四', relation: 'spouse', phone: '13987654321' },
    accompanyingChildren: [{ name: '张小明', birthYear: 2015, schoolStage: 'primary' }],
    leftBehind: [{ relation: 'parent', name: '张老汉', birthYear: 1955 }],
    ...over,
  };
}

beforeAll(async () => {
  t = await startTestPlatform();
  const codes = await t.db.owner.execute(
    sql`select code, parent_code from regions where parent_code in ('530102', '530103') and level = 4 order by code`,
  );
  const rows = (codes as unknown as { rows: { code: string; parent_code: string }[] }).rows;
  T1 = rows.find((r) => r.parent_code === '530102')!.code;
  T2 = rows.find((r) => r.parent_code === '530103')!.code;
  const v = (await t.db.owner.execute(
    sql`select code from regions where parent_code = ${T1} order by code limit 2`,
  )) as unknown as { rows: { code: string }[] };
  [V1, V1b] = v.rows.map((r) => r.code);
  V2 = (
    (await t.db.owner.execute(
      sql`select code from regions where parent_code = ${T2} order by code limit 1`,
    )) as unknown as { rows: { code: string }[] }
  ).rows[0].code;
  await provisionUser(t.db, t.services, {
    username: 'clerk_t1',
    displayName: '五华某街道经办员',
    roles: ['officer'],
    regionCode: T1,
    password: 'Clerk#Wuhua-2026xy',
  });
  await provisionUser(t.db, t.services, {
    username: 'clerk_t2',
    displayName: '盘龙某街道经办员',
    roles: ['officer'],
    regionCode: T2,
    password: 'Clerk#Panlong-2026x',
  });
  await provisionUser(t.db, t.services, {
    username: 'reviewer',
    displayName: '个人信息核查员',
    roles: ['officer', 'pii_reviewer'],
    regionCode: '5301',
    password: 'Review#Kunming-2026',
    dataScope: 'all',
  });
  clerk = await signIn(t, 'clerk_t1', { password: 'Clerk#Wuhua-2026xy' });
  other = await signIn(t, 'clerk_t2', { password: 'Clerk#Panlong-2026x' });
  reviewer = await signIn(t, 'reviewer', { password: 'Review#Kunming-2026' });
});
afterAll(async () => t?.close());

let workerId: string;

describe('registering a worker', () => {
  it('checks the ID number, derives birth date, sex, age and migration, and answers masked', async () => {
    const r = await api(t, 'POST', '/api/workers', { cookie: clerk.cookie, body: workerBody() });
    expect(r.statusCode, r.body).toBe(201);
    const w = r.json();
    workerId = w.id;
    expect(w.idNumber).toBe(`530102********${ADULT.slice(-4)}`);
    expect(w.sex).toBe('male');
    expect(w.birthDate).toBeNull(); // withheld: with the masked ID number it is the full number (unmask gives it)
    expect(w.age).toBe(35);
    expect(w.phone).toBe('138****5678');
    expect(w.bankCard).toBe('****0128');
    expect(w.migrantType).toBe('local');
    expect(w.crossProvince).toBe(false);
    expect(w.emergencyContact).toEqual({ name: '李*', relation: 'spouse', phone: '139****4321' });
    expect(w.accompanyingChildren[0].name).toBe('张*明');
    expect(r.body).not.toContain(ADULT);
    expect(r.body).not.toContain('13812345678');
  });

  it('stores personal fields encrypted: no clear ID number, phone or card anywhere in the row', async () => {
    const row = await one<Record<string, unknown>>(t.db.owner, sql`select * from workers where id = ${workerId}::uuid`);
    const text = JSON.stringify(row);
    for (const clear of [ADULT, '13812345678', '6222021234567890128', '13987654321', '张小明'])
      expect(text).not.toContain(clear);
  });

  it('keeps one person one record, even across regions the clerk cannot see', async () => {
    const dup = await api(t, 'POST', '/api/workers', { cookie: clerk.cookie, body: workerBody({ name: '张三丰' }) });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'DUPLICATE', existingId: workerId });
    const elsewhere = await api(t, 'POST', '/api/workers', {
      cookie: other.cookie,
      body: workerBody({ residenceRegionCode: V2 }),
    });
    expect(elsewhere.statusCode).toBe(409);
    expect(elsewhere.json().existingId).toBeUndefined();
    // the 15-digit legacy form of the same number is the same person
    const legacy = ADULT.slice(0, 6) + ADULT.slice(8, 17);
    const again = await api(t, 'POST', '/api/workers', {
      cookie: clerk.cookie,
      body: workerBody({ idNumber: legacy }),
    });
    expect(again.statusCode).toBe(409);
  });

  it('refuses bad input with precise Chinese messages and changes nothing', async () => {
    const before = (await one<{ n: number }>(t.db.owner, sql`select count(*)::int as n from workers`))!.n;
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ idNumber: ADULT.slice(0, 17) + (ADULT[17] === '0' ? '1' : '0') }, 'idNumber', /校验/],
      [{ idNumber: idNumber('530102', '2015-01-01', '111') }, 'idNumber', /未满16周岁/],
      [{ idNumber: '53010219901317123X' }, 'idNumber', /出生日期/],
      [{ phone: '12345' }, 'phone', /手机/],
      [{ name: '张3' }, 'name', /数字/],
      [{ ethnicity: '99' }, 'ethnicity', /民族/],
      [{ residenceRegionCode: V2 }, 'residenceRegionCode', /管辖/],
      [{ residenceRegionCode: '530102' }, 'residenceRegionCode', /乡镇/],
    ];
    for (const [over, path, message] of cases) {
      const r = await api(t, 'POST', '/api/workers', {
        cookie: clerk.cookie,
        body: workerBody({ idNumber: ADULT2, ...over }),
      });
      expect(r.statusCode, JSON.stringify(over)).toBe(400);
      const err = r.json().errors.find((e: { path: string }) => e.path === path);
      expect(err?.message, JSON.stringify(r.json())).toMatch(message);
    }
    expect((await one<{ n: number }>(t.db.owner, sql`select count(*)::int as n from workers`))!.n).toBe(before);
  });

  const ACCEPTS_EVERY_NAME_WITH =
    'accepts every name, with middle dots and characters outside the BMP, and warns on a failing bank card check';
  it(ACCEPTS_EVERY_NAME_WITH, async () => {
    const r = await api(t, 'POST', '/api/workers', {
      cookie: clerk.cookie,
      body: workerBody({
        name: '阿依古丽•𠈌',
        idNumber: ADULT2,
        hukouRegionCode: '510104',
        residenceRegionCode: V1b,
        phone: '13700001111',
        bankCard: '6222021234567890127',
        emergencyContact: null,
      }),
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().name).toBe('阿依古丽·𠈌');
    expect(r.json().crossProvince).toBe(true);
    expect(r.json().migrantType).toBe('out');
    expect(r.json().warnings.join()).toContain('Luhn');
    const back = await api(t, 'GET', `/api/workers/${r.json().id}`, { cookie: clerk.cookie });
    expect(back.json().name).toBe('阿依古丽·𠈌');
  });
});

describe('search and scope', () => {
  it("finds by name, exact ID number and phone, and only inside the clerk's region", async () => {
    const byName = (await api(t, 'GET', `/api/workers?q=${encodeURIComponent('张')}`, { cookie: clerk.cookie })).json();
    expect(byName.items.map((w: { id: string }) => w.id)).toContain(workerId);
    const prefix = (
      await api(t, 'GET', `/api/workers?q=${encodeURIComponent('阿依')}`, { cookie: clerk.cookie })
    ).json();
    expect(prefix.items.map((w: { name: string }) => w.name)).toEqual(['阿依古丽·𠈌']);
    const middle = (
      await api(t, 'GET', `/api/workers?q=${encodeURIComponent('古丽')}`, { cookie: clerk.cookie })
    ).json(); // not a prefix: the contains fallback
    expect(middle.items.map((w: { name: string }) => w.name)).toEqual(['阿依古丽·𠈌']);
    const byId = (await api(t, 'GET', `/api/workers?idNumber=${ADULT}`, { cookie: clerk.cookie })).json();
    expect(byId.items).toHaveLength(1);
    const byPhone = (await api(t, 'GET', '/api/workers?phone=138-1234-5678', { cookie: clerk.cookie })).json();
    expect(byPhone.items[0].id).toBe(workerId);
    const otherList = (await api(t, 'GET', `/api/workers?idNumber=${ADULT}`, { cookie: other.cookie })).json();
    expect(otherList.items).toHaveLength(0);
    expect((await api(t, 'GET', `/api/workers/${workerId}`, { cookie: other.cookie })).statusCode).toBe(404);
    const rls = await t.db.scoped({ region: T2 }, (tx) => all(tx, sql`select id from workers`));
    expect(rls).toHaveLength(0);
  });
});

describe('unmasking', () => {
  it('needs the permission and a purpose, is audited before it answers, and is capped per hour', async () => {
    expect(
      (
        await api(t, 'POST', `/api/workers/${workerId}/unmask`, {
          cookie: clerk.cookie,
          body: { fields: ['idNumber'], purpose: '核对工资发放' },
        })
      ).statusCode,
    ).toBe(403);
    const short = await api(t, 'POST', `/api/workers/${workerId}/unmask`, {
      cookie: reviewer.cookie,
      body: { fields: ['idNumber'], purpose: '看' },
    });
    expect(short.statusCode).toBe(400);
    const r = await api(t, 'POST', `/api/workers/${workerId}/unmask`, {
      cookie: reviewer.cookie,
      body: { fields: ['idNumber', 'birthDate', 'phone', 'bankCard', 'emergencyContact'], purpose: '核对工资发放名单' },
    });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({
      idNumber: ADULT,
      birthDate: '1990-05-17',
      phone: '13812345678',
      bankCard: '6222021234567890128',
      emergencyContactPhone: '13987654321',
    });
    const audits = await t.db.scoped(SYSTEM_SCOPE, (tx) =>
      all<{ detail: { purpose: string } }>(
        tx,
        sql`select detail from audit_log where action = 'worker.unmask' and outcome = 'success'`,
      ),
    );
    expect(audits).toHaveLength(1);
    expect(audits[0].detail.purpose).toBe('核对工资发放名单');
    expect(JSON.stringify(audits)).not.toContain(ADULT);
    for (let i = 1; i < 30; i++)
      expect(
        (
          await api(t, 'POST', `/api/workers/${workerId}/unmask`, {
            cookie: reviewer.cookie,
            body: { fields: ['phone'], purpose: '批量核对名单' },
          })
        ).statusCode,
      ).toBe(200);
    const capped = await api(t, 'POST', `/api/workers/${workerId}/unmask`, {
      cookie: reviewer.cookie,
      body: { fields: ['phone'], purpose: '批量核对名单' },
    });
    expect(capped.statusCode).toBe(429);
    t.clock.advance(61 * 60_000);
    reviewer = await signIn(t, 'reviewer', { password: reviewer.password, totpSecret: reviewer.totpSecret });
    clerk = await signIn(t, 'clerk_t1', { password: clerk.password }); // the hour also ended the clerks' idle sessions
    other = await signIn(t, 'clerk_t2', { password: other.password });
    expect(
      (
        await api(t, 'POST', `/api/workers/${workerId}/unmask`, {
          cookie: reviewer.cookie,
          body: { fields: ['phone'], purpose: '批量核对名单' },
        })
      ).statusCode,
    ).toBe(200);
  });
});

describe('employers, employments, insurance and the 一人一档 timeline', () => {
  let employerId: string;
  it('registers an employer, warning (not refusing) on a failing check character', async () => {
    const bad = await api(t, 'POST', '/api/employers', {
      cookie: clerk.cookie,
      body: { creditCode: '91350100M000100Y4', name: '测试公司', industry: 'E', size: 'small', regionCode: T1 },
    });
    expect(bad.statusCode).toBe(400);
    const r = await api(t, 'POST', '/api/employers', {
      cookie: clerk.cookie,
      body: {
        creditCode: '91350100M000100Y42',
        name: '昆明某建筑工程有限公司',
        legalRep: '王五',
        industry: 'E',
        size: 'medium',
        regionCode: T1,
        contactPhone: '0871-65123456',
      },
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().creditCodeValid).toBe(false);
    expect(r.json().warnings.join()).toContain('校验位');
    employerId = r.json().id;
  });

  it('records an employment and insurance, and shows them on the timeline newest first', async () => {
    const e = await api(t, 'POST', '/api/employments', {
      cookie: clerk.cookie,
      body: {
        workerId,
        employerId,
        startDate: '2026-01-05',
        position: '钢筋工',
        wageFen: 650000,
        contractType: 'fixed',
        contractSigned: true,
        contractTermMonths: 12,
        filingStatus: 'filed',
      },
    });
    expect(e.statusCode, e.body).toBe(201);
    const emp = (await api(t, 'GET', `/api/employers/${employerId}`, { cookie: clerk.cookie })).json();
    expect(emp).toMatchObject({ workerCount: 1, contractRate: 1 });
    const rates = (
      await api(t, 'GET', '/api/employments/contract-rates?parent=530102', { cookie: clerk.cookie })
    ).json();
    expect(rates).toEqual([expect.objectContaining({ regionCode: T1, employed: 1, signed: 1, rate: 1 })]);
    expect(
      (await api(t, 'GET', '/api/employments/contract-rates?parent=530103', { cookie: clerk.cookie })).json(),
    ).toEqual([]); // outside the clerk's township
    const ins = await api(t, 'PUT', `/api/workers/${workerId}/insurance`, {
      cookie: clerk.cookie,
      body: {
        items: [
          { type: 'injury', enrolled: true, since: '2026-01-05', placeRegionCode: '5301' },
          { type: 'pension', enrolled: false, since: null, placeRegionCode: null },
        ],
      },
    });
    expect(ins.statusCode, ins.body).toBe(200);
    const tl = (await api(t, 'GET', `/api/workers/${workerId}/timeline`, { cookie: clerk.cookie })).json();
    expect(tl.map((x: { type: string }) => x.type)).toEqual([
      'insurance.updated',
      'employment.started',
      'worker.registered',
    ]);
    expect(tl[1].summary).toContain('昆明某建筑工程有限公司');
    expect(tl[0].actor).toBe('五华某街道经办员');
    const w = (await api(t, 'GET', `/api/workers/${workerId}`, { cookie: clerk.cookie })).json();
    expect(w.currentEmployment.employerName).toBe('昆明某建筑工程有限公司');
  });

  it('refuses a stale update and accepts a current one', async () => {
    const w = (await api(t, 'GET', `/api/workers/${workerId}`, { cookie: clerk.cookie })).json();
    const ok = await api(t, 'PATCH', `/api/workers/${workerId}`, {
      cookie: clerk.cookie,
      body: { education: '40', version: w.version },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const stale = await api(t, 'PATCH', `/api/workers/${workerId}`, {
      cookie: clerk.cookie,
      body: { education: '20', version: w.version },
    });
    expect(stale.statusCode).toBe(409);
  });

  it('merges a duplicate that slipped in with a typo: its records and timeline move to the survivor', async () => {
    const typo = idNumber('530102', '1990-05-17', '125');
    const d = await api(t, 'POST', '/api/workers', {
      cookie: clerk.cookie,
      body: workerBody({ idNumber: typo, phone: null, bankCard: null }),
    });
    expect(d.statusCode, d.body).toBe(201);
    const dupId = d.json().id;
    const e2 = await api(t, 'POST', '/api/employers', {
      cookie: clerk.cookie,
      body: {
        creditCode: '91350100M000100Y43',
        name: '昆明某餐饮有限公司',
        industry: 'H',
        size: 'small',
        regionCode: T1,
      },
    });
    await api(t, 'POST', '/api/employments', {
      cookie: clerk.cookie,
      body: { workerId: dupId, employerId: e2.json().id, startDate: '2025-06-01', position: '厨师' },
    });
    expect(
      (await api(t, 'POST', `/api/workers/${workerId}/merge`, { cookie: clerk.cookie, body: { duplicateId: dupId } }))
        .statusCode,
    ).toBe(403); // officer lacks registry:merge
    const m = await api(t, 'POST', `/api/workers/${workerId}/merge`, {
      cookie: reviewer.cookie,
      body: { duplicateId: dupId },
    });
    expect(m.statusCode, m.body).toBe(200);
    const emps = (await api(t, 'GET', `/api/employments?workerId=${workerId}`, { cookie: clerk.cookie })).json();
    expect(emps.items.map((x: { employerName: string }) => x.employerName).sort()).toEqual([
      '昆明某建筑工程有限公司',
      '昆明某餐饮有限公司',
    ]);
    const dup = (await api(t, 'GET', `/api/workers/${dupId}`, { cookie: clerk.cookie })).json();
    expect(dup).toMatchObject({ status: 'merged', mergedInto: workerId });
    const tl = (await api(t, 'GET', `/api/workers/${workerId}/timeline`, { cookie: clerk.cookie })).json();
    expect(tl[0].type).toBe('worker.merged');
    expect(tl.filter((x: { type: string }) => x.type === 'worker.registered')).toHaveLength(2);
  });
});

describe('export', () => {
  it('exports masked and watermarked by default; clear values need pii:export and a purpose', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/exports',
      headers: { cookie: clerk.cookie },
      payload: { kind: 'workers', filters: {} },
    });
    expect(r.statusCode, r.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(String(ws.getCell('A1').value)).toContain('五华某街道经办员');
    expect(ws.getRow(2).values).toContain('公民身份号码');
    const ids = ws.getColumn(2).values.slice(3).map(String);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.every((v) => v.includes('********'))).toBe(true);
    expect(
      (
        await api(t, 'POST', '/api/exports', {
          cookie: clerk.cookie,
          body: { kind: 'workers', filters: {}, unmask: true, purpose: '工资核对' },
        })
      ).statusCode,
    ).toBe(403);
    const clear = await t.app.inject({
      method: 'POST',
      url: '/api/exports',
      headers: { cookie: reviewer.cookie },
      payload: { kind: 'workers', filters: { regionCode: T1 }, unmask: true, purpose: '工资核对名单' },
    });
    expect(clear.statusCode, clear.body).toBe(200);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(clear.rawPayload as unknown as ArrayBuffer);
    expect(wb2.worksheets[0].getColumn(2).values.map(String)).toContain(ADULT);
    const audits = await t.db.scoped(SYSTEM_SCOPE, (tx) =>
      all<{ detail: { unmasked: boolean } }>(
        tx,
        sql`select detail from audit_log where action = 'worker.export' order by seq`,
      ),
    );
    expect(audits.map((a) => a.detail.unmasked)).toEqual([false, true]);
  });

  it('accepts the list filters the console sends (sort, exact ID number) and exports in the list order', async () => {
    const exportIds = async (filters: Record<string, unknown>) => {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/exports',
        headers: { cookie: reviewer.cookie },
        payload: { kind: 'workers', filters },
      });
      expect(r.statusCode, r.body).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
      return wb.worksheets[0].getColumn(1).values.slice(3).map(String); // names, after the watermark and header rows
    };
    const list = (q: string) =>
      api(t, 'GET', `/api/workers?${q}`, { cookie: reviewer.cookie }).then((r) =>
        r.json().items.map((w: { name: string }) => w.name),
      );
    // What WorkersPage sends: every list filter but the page, sort included.
    const byName = await exportIds({ status: 'active', sort: 'name' });
    expect(byName.length).toBeGreaterThan(1);
    expect(byName).toEqual(await list('status=active&sort=name&pageSize=100'));
    expect(await exportIds({ sort: 'createdAt', crossProvince: true })).toEqual(
      await list('sort=createdAt&crossProvince=true&pageSize=100'),
    );
    expect(await exportIds({ sort: '-name' })).toEqual(await list('sort=-name&pageSize=100'));
    // the exact lookup is honoured, not dropped
    expect(await exportIds({ idNumber: ADULT, sort: '-createdAt' })).toEqual(['张三']);
    const bad = await api(t, 'POST', '/api/exports', {
      cookie: reviewer.cookie,
      body: { kind: 'workers', filters: { sort: 'salary' } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail).toMatch(/排序/);
    const unknown = await api(t, 'POST', '/api/exports', {
      cookie: reviewer.cookie,
      body: { kind: 'workers', filters: { page: 2 } },
    });
    expect(unknown.statusCode).toBe(400); // still a strict contract
  });
});
