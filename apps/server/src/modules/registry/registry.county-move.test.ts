/**
 * A worker's rows live in the county of residence (county_code, the distribution column on Citus; migration
 * 0023): a move of residence to another county, and a merge into a survivor living in another county, move the
 * worker's rows and children to the new county in the same transaction — nothing left behind, nothing lost —
 * and the national look-up of ID numbers (worker_ids) follows. Runs on PGlite, PostgreSQL and Citus.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionUser } from '../../bootstrap.js';
import { all, one } from '../../db/client.js';
import { api, signIn, startTestPlatform, type TestPlatform } from '../../test/harness.js';
import { testIdNumber } from '../../test/id-number.js';

const PASSWORD = 'Move#Kunming-2026xy';
let t: TestPlatform;
let city: { cookie: string };
let wuhua: { cookie: string }; // 五华区 (530102)
let panlong: { cookie: string }; // 盘龙区 (530103)
let vWuhua: string;
let vPanlong: string;
let employerId: string;

const idNumber = (seq: string) => testIdNumber('530102', '19900304', seq);

async function user(username: string, regionCode: string) {
  await provisionUser(t.db, t.services, {
    username,
    displayName: username,
    roles: ['officer', 'pii_reviewer'],
    regionCode,
    password: PASSWORD,
    dataScope: 'region',
  });
  return signIn(t, username, { password: PASSWORD });
}

async function register(name: string, seq: string, residence: string): Promise<{ id: string; version: number }> {
  const r = await api(t, 'POST', '/api/workers', {
    cookie: city.cookie,
    body: {
      name,
      idNumber: idNumber(seq),
      ethnicity: '01',
      education: '30',
      hukouRegionCode: '530102',
      residenceRegionCode: residence,
    },
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
}

/** Every row of the worker in the registry's tables, by table and county (as the owner sees them). */
async function rowsOf(workerId: string) {
  return all<{ t: string; county: string; n: number }>(
    t.db.owner,
    sql`select 'workers' as t, county_code as county, count(*)::int as n from workers where id = ${workerId}::uuid
      group by 2
    union all select 'employments', county_code, count(*)::int from employments where worker_id = ${workerId}::uuid
      group by 2
    union all select 'worker_insurance', county_code, count(*)::int from worker_insurance
      where worker_id = ${workerId}::uuid group by 2
    union all select 'insurance_transfers', county_code, count(*)::int from insurance_transfers
      where worker_id = ${workerId}::uuid group by 2
    union all select 'worker_ids', county_code, count(*)::int from worker_ids where worker_id = ${workerId}::uuid
      group by 2
    order by 1, 2`,
  );
}

/** The worker's children, whole (every column but the county), as the owner sees them. */
async function childrenOf(workerId: string) {
  return all<{ r: unknown }>(
    t.db.owner,
    sql`select x - 'county_code' as r from (
      select to_jsonb(e) as x from employments e where worker_id = ${workerId}::uuid
      union all select to_jsonb(i) from worker_insurance i where worker_id = ${workerId}::uuid
      union all select to_jsonb(f) from insurance_transfers f where worker_id = ${workerId}::uuid) y
      order by (x - 'county_code')::text`,
  );
}

/** worker_counts agrees with the table for the two counties' villages. */
async function countsAgree() {
  const kept = await all<{ k: string; n: number }>(
    t.db.owner,
    sql`select county_code || '/' || residence_region_code || '/' || status as k, sum(n)::int as n from worker_counts
      where county_code in ('530102', '530103') group by 1 having sum(n) <> 0 order by 1`,
  );
  const actual = await all<{ k: string; n: number }>(
    t.db.owner,
    sql`select county_code || '/' || residence_region_code || '/' || status as k, count(*)::int as n from workers
      where county_code in ('530102', '530103') group by 1 order by 1`,
  );
  expect(kept).toEqual(actual);
}

beforeAll(async () => {
  t = await startTestPlatform();
  const village = async (county: string) =>
    (await one<{ code: string }>(
      t.db.owner,
      sql`select min(code) as code from regions where level = 5 and code like ${county + '%'}`,
    ))!.code;
  vWuhua = await village('530102');
  vPanlong = await village('530103');
  city = await user('move_city', '5301');
  wuhua = await user('move_wuhua', '530102');
  panlong = await user('move_panlong', '530103');
  const e = await api(t, 'POST', '/api/employers', {
    cookie: city.cookie,
    body: {
      creditCode: '91530100MA6K0000X0',
      name: '昆明迁居测试有限公司',
      industry: 'E',
      size: 'small',
      regionCode: '530102',
    },
  });
  expect(e.statusCode, e.body).toBe(201);
  employerId = e.json().id;
}, 120_000);
afterAll(async () => t?.close());

describe('a worker moving to another county', () => {
  it('takes its row, employments, insurance, transfers and its ID-number entry to the new county', async () => {
    const w = await register('迁居甲', '501', vWuhua);
    const emp = await api(t, 'POST', '/api/employments', {
      cookie: city.cookie,
      body: { workerId: w.id, employerId, startDate: '2026-02-01', position: '钢筋工', contractSigned: true },
    });
    expect(emp.statusCode, emp.body).toBe(201);
    const ins = await api(t, 'PUT', `/api/workers/${w.id}/insurance`, {
      cookie: city.cookie,
      body: { items: [{ type: 'injury', enrolled: true, since: '2026-02-01', placeRegionCode: '5301' }] },
    });
    expect(ins.statusCode, ins.body).toBe(200);
    const tr = await api(t, 'POST', `/api/workers/${w.id}/insurance/transfers`, {
      cookie: city.cookie,
      body: { type: 'pension', fromRegionCode: '530102', toRegionCode: '530103', date: '2026-03-01' },
    });
    expect(tr.statusCode, tr.body).toBe(201);
    const before = await rowsOf(w.id);
    const children = await childrenOf(w.id);
    expect(before.every((r) => r.county === '530102')).toBe(true);
    expect(before.map((r) => r.t)).toEqual([
      'employments',
      'insurance_transfers',
      'worker_ids',
      'worker_insurance',
      'workers',
    ]);

    const patched = await api(t, 'PATCH', `/api/workers/${w.id}`, {
      cookie: city.cookie,
      body: { residenceRegionCode: vPanlong, version: w.version },
    });
    expect(patched.statusCode, patched.body).toBe(200);

    // Every row now in 盘龙区, the same number of each, none left in 五华区.
    const after = await rowsOf(w.id);
    expect(after).toEqual(before.map((r) => ({ ...r, county: '530103' })));
    // each child row moved whole: every column as it was (the scope columns already named the village)
    const moved = await childrenOf(w.id);
    expect(moved).toHaveLength(3);
    expect(moved.map((c) => JSON.stringify(c.r).replaceAll(vWuhua, vPanlong))).toEqual(
      children.map((c) => JSON.stringify(c.r).replaceAll(vWuhua, vPanlong)),
    );
    await countsAgree();

    // The new county's officer sees the worker with everything; the old county's no longer does.
    const seen = await api(t, 'GET', `/api/workers/${w.id}`, { cookie: panlong.cookie });
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json()).toMatchObject({ residenceRegionCode: vPanlong, name: '迁居甲' });
    expect(seen.json().currentEmployment?.employerName).toBe('昆明迁居测试有限公司');
    const emps = (await api(t, 'GET', `/api/employments?workerId=${w.id}`, { cookie: panlong.cookie })).json();
    expect(emps.total).toBe(1);
    const transfers = await api(t, 'GET', `/api/workers/${w.id}/insurance/transfers`, { cookie: panlong.cookie });
    expect(transfers.json()).toHaveLength(1);
    expect((await api(t, 'GET', `/api/workers/${w.id}`, { cookie: wuhua.cookie })).statusCode).toBe(404);

    // The ID number is still taken nationally: registering it again is refused, from either county.
    const again = await api(t, 'POST', '/api/workers', {
      cookie: wuhua.cookie,
      body: {
        name: '迁居甲',
        idNumber: idNumber('501'),
        ethnicity: '01',
        education: '30',
        hukouRegionCode: '530102',
        residenceRegionCode: vWuhua,
      },
    });
    expect(again.statusCode, again.body).toBe(409);
  });

  it('a stale move changes nothing (the version is checked before any row moves)', async () => {
    const w = await register('迁居乙', '502', vWuhua);
    const ok = await api(t, 'PATCH', `/api/workers/${w.id}`, {
      cookie: city.cookie,
      body: { education: '40', version: w.version },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const stale = await api(t, 'PATCH', `/api/workers/${w.id}`, {
      cookie: city.cookie,
      body: { residenceRegionCode: vPanlong, version: w.version },
    });
    expect(stale.statusCode).toBe(409);
    expect((await rowsOf(w.id)).map((r) => r.county)).toEqual(['530102', '530102']);
  });

  it('a merge into a survivor in another county moves the duplicate’s employment to the survivor’s', async () => {
    const survivor = await register('合并存续', '503', vPanlong);
    const duplicate = await register('合并重复', '504', vWuhua);
    const emp = await api(t, 'POST', '/api/employments', {
      cookie: city.cookie,
      body: { workerId: duplicate.id, employerId, startDate: '2026-01-20', position: '木工' },
    });
    expect(emp.statusCode, emp.body).toBe(201);
    const m = await api(t, 'POST', `/api/workers/${survivor.id}/merge`, {
      cookie: city.cookie,
      body: { duplicateId: duplicate.id },
    });
    expect(m.statusCode, m.body).toBe(200);
    const emps = (await api(t, 'GET', `/api/employments?workerId=${survivor.id}`, { cookie: panlong.cookie })).json();
    expect(emps.items.map((x: { position: string }) => x.position)).toEqual(['木工']);
    // the duplicate stays in its county, merged, with no employment left
    expect(await rowsOf(duplicate.id)).toEqual([
      { t: 'worker_ids', county: '530102', n: 1 },
      { t: 'workers', county: '530102', n: 1 },
    ]);
    await countsAgree();
  });
});
