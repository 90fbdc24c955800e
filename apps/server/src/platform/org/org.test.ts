import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { api, signIn, startTestPlatform, type TestPlatform } from '../../test/harness.js';

let t: TestPlatform;
let sys: { cookie: string };
beforeAll(async () => {
  t = await startTestPlatform();
  sys = await signIn(t, 'sysadmin');
});
afterAll(async () => t?.close());

describe('regions (四级联网)', () => {
  it('has the configured city down to villages, and every province and county of China', async () => {
    const provinces = (await api(t, 'GET', '/api/regions', { cookie: sys.cookie })).json();
    expect(provinces.length).toBe(31);
    const counties = (await api(t, 'GET', '/api/regions?parent=5301', { cookie: sys.cookie })).json();
    expect(counties.map((c: { name: string }) => c.name)).toEqual(
      expect.arrayContaining(['五华区', '盘龙区', '官渡区', '西山区', '呈贡区', '安宁市']),
    );
    expect(counties).toHaveLength(14);
    const townships = (await api(t, 'GET', '/api/regions?parent=530102', { cookie: sys.cookie })).json();
    expect(townships.length).toBeGreaterThan(5);
    const villages = (await api(t, 'GET', `/api/regions?parent=${townships[0].code}`, { cookie: sys.cookie })).json();
    expect(villages[0].code).toHaveLength(12);
    expect(villages[0].level).toBe(5);
    const village = (await api(t, 'GET', `/api/regions/${villages[0].code}`, { cookie: sys.cookie })).json();
    expect(village.ancestors.map((a: { code: string }) => a.code)).toEqual(['53', '5301', '530102', townships[0].code]);
    expect(village.fullName.startsWith('云南省昆明市五华区')).toBe(true);
    // a county elsewhere in China, for household registration
    expect((await api(t, 'GET', '/api/regions/110105', { cookie: sys.cookie })).json().fullName).toBe('北京市朝阳区');
  });

  it('searches by name, the deployment city first', async () => {
    const r = (await api(t, 'GET', `/api/regions?q=${encodeURIComponent('五华')}`, { cookie: sys.cookie })).json();
    expect(r[0].code.startsWith('5301')).toBe(true);
    expect((await api(t, 'GET', '/api/regions?parent=abc', { cookie: sys.cookie })).statusCode).toBe(400);
    expect((await api(t, 'GET', '/api/regions/530199', { cookie: sys.cookie })).statusCode).toBe(404);
  });
});

describe('departments', () => {
  it('are seeded from the policy documents and editable by the system administrator', async () => {
    const list = (await api(t, 'GET', '/api/departments', { cookie: sys.cookie })).json();
    const names = list.map((d: { name: string }) => d.name);
    expect(names).toEqual(expect.arrayContaining(['市人力资源社会保障局', '市教育局', '市公安局', '市总工会']));
    expect(list.length).toBeGreaterThanOrEqual(20);
    const hrss = list.find((d: { code: string }) => d.code === 'hrss');
    expect(hrss.modules).toEqual(expect.arrayContaining(['wages', 'training']));
    const created = await api(t, 'POST', '/api/departments', {
      cookie: sys.cookie,
      body: {
        code: 'wuhua_hrss',
        name: '五华区人力资源社会保障局',
        shortName: '五华人社',
        kind: 'government',
        regionCode: '530102',
        modules: ['registry'],
      },
    });
    expect(created.statusCode).toBe(201);
    const bad = await api(t, 'POST', '/api/departments', {
      cookie: sys.cookie,
      body: {
        code: 'x_dept',
        name: '某部门',
        shortName: '某',
        kind: 'government',
        regionCode: '5301',
        modules: ['nonsense'],
      },
    });
    expect(bad.statusCode).toBe(400);
    const patched = await api(t, 'PATCH', `/api/departments/${created.json().id}`, {
      cookie: sys.cookie,
      body: { active: false },
    });
    expect(patched.json().active).toBe(false);
  });
});

describe('departments after the 2018 institutional reform', () => {
  it('lists the successor with its 原名; searching the old name finds the successor', async () => {
    const list = (await api(t, 'GET', '/api/departments', { cookie: sys.cookie })).json();
    const aic = list.find((d: { code: string }) => d.code === 'aic');
    expect(aic).toMatchObject({ name: '市市场监督管理局', formerNames: ['市工商行政管理局'], active: true });
    expect(list.some((d: { code: string }) => d.code === 'legal_affairs')).toBe(false); // merged into 司法局
    for (const [q, code] of [
      ['工商行政管理局', 'aic'],
      ['地方税务局', 'tax'],
      ['法制办公室', 'justice'],
      ['旅游发展委员会', 'culture'],
      ['安全生产监督', 'safety'],
    ]) {
      const found = (await api(t, 'GET', `/api/departments?q=${encodeURIComponent(q)}`, { cookie: sys.cookie })).json();
      expect(
        found.map((d: { code: string }) => d.code),
        q,
      ).toEqual([code]);
    }
  });

  it('brings a database seeded with the documents’ names up to date at the next start', async () => {
    // As an older version left it: the document's name, no former names, merged units as departments.
    await t.db.owner.execute(
      sql`update departments set name = '市工商行政管理局', short_name = '工商局', former_names = '{}' where code = 'aic'`,
    );
    await t.db.owner.execute(
      sql`insert into departments (code, name, short_name, kind, region_code, modules)
        values ('legal_affairs', '市人民政府法制办公室', '法制办', 'government', '5301', '{cases}')`,
    );
    // an administrator's own edit stays
    await t.db.owner.execute(sql`update departments set name = '市教育局（自定）' where code = 'edu'`);
    await t.services.org.seedDepartments();
    const list = (await api(t, 'GET', '/api/departments', { cookie: sys.cookie })).json();
    const byCode = (c: string) => list.find((d: { code: string }) => d.code === c);
    expect(byCode('aic')).toMatchObject({
      name: '市市场监督管理局',
      shortName: '市场监管局',
      formerNames: ['市工商行政管理局'],
    });
    expect(byCode('legal_affairs')).toMatchObject({ active: false });
    expect(byCode('legal_affairs').note).toContain('已并入市司法局');
    expect(byCode('edu').name).toBe('市教育局（自定）');
  });

  it('keeps former names given by the administrator', async () => {
    const created = await api(t, 'POST', '/api/departments', {
      cookie: sys.cookie,
      body: {
        code: 'eco_env',
        name: '市生态环境局',
        shortName: '生态环境局',
        kind: 'government',
        regionCode: '5301',
        modules: ['care'],
        formerNames: ['市环境保护局'],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const found = (
      await api(t, 'GET', `/api/departments?q=${encodeURIComponent('环境保护')}`, { cookie: sys.cookie })
    ).json();
    expect(found.map((d: { code: string }) => d.code)).toEqual(['eco_env']);
    const bad = await api(t, 'PATCH', `/api/departments/${created.json().id}`, {
      cookie: sys.cookie,
      body: { formerNames: ['环'] },
    });
    expect(bad.statusCode).toBe(400);
  });
});

describe('calendar', () => {
  it('serves holidays and adjusted working days and computes deadlines in working days', async () => {
    const y = (await api(t, 'GET', '/api/calendar/2026', { cookie: sys.cookie })).json();
    expect(y.days.find((d: { date: string }) => d.date === '2026-02-17')?.kind).toBe('holiday');
    expect(y.days.find((d: { date: string }) => d.date === '2026-02-14')?.kind).toBe('workday');
    // 5 working days after 2026-02-12 (Thu): 13th, 14th (调休 Saturday), holiday 15th–23rd, then 24th, 25th, 26th.
    const due = (
      await api(t, 'GET', '/api/calendar/deadline?start=2026-02-12&amount=5&unit=working', { cookie: sys.cookie })
    ).json();
    expect(due.due).toBe('2026-02-26');
    const bad = await api(t, 'GET', '/api/calendar/deadline?start=2026-02-30&amount=5', { cookie: sys.cookie });
    expect(bad.statusCode).toBe(400);
  });

  it('lets the system administrator edit a year', async () => {
    const put = await api(t, 'PUT', '/api/calendar/2027', {
      cookie: sys.cookie,
      body: { provisional: false, days: [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }] },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json().days).toHaveLength(1);
    const wrongYear = await api(t, 'PUT', '/api/calendar/2027', {
      cookie: sys.cookie,
      body: { provisional: false, days: [{ date: '2026-01-01', kind: 'holiday', name: '元旦' }] },
    });
    expect(wrongYear.statusCode).toBe(400);
  });
});
