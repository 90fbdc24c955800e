/**
 * A job seeker follows its worker (求职登记随户迁移): the registry's worker.updated event moves the seeker, its
 * referrals, their outcomes and its match impressions to the county of the new residence (county_code is the
 * distribution column on Citus), in the registry's transaction. After the move the new county's officer sees the
 * seeker and the old county's does not, nothing is lost, matching finds the seeker there, and a replayed event
 * changes nothing. Runs on PGlite, PostgreSQL and Citus.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionUser } from '../../bootstrap.js';
import { all, one } from '../../db/client.js';
import { api, signIn, startTestPlatform, type TestPlatform } from '../../test/harness.js';
import { creditCode, idNumber } from '../../test/scope-matrix.fixture.js';

let t: TestPlatform;
const PASSWORD = 'Move#Seeker-2026xy';
const cookies: Record<string, string> = {};
const call = (who: string, method: string, url: string, body?: unknown) =>
  api(t, method, url, { cookie: cookies[who], body });

let wuhuaVillage: string;
let panlongVillage: string;
let panlongVillage2: string;
let workerId: string;
let seekerId: string;
let referralId: string;
let panlongJob: string;

/** Every row of the seeker's in the employment tables, by table and county (as the owner sees them). */
async function rowsOf(seeker: string) {
  return all<{ t: string; county: string; region: string; n: number }>(
    t.db.owner,
    sql`select 'job_seekers' as t, county_code as county, region_code as region, count(*)::int as n
      from job_seekers where id = ${seeker}::uuid group by 2, 3
    union all select 'referrals', county_code, region_code, count(*)::int from referrals
      where seeker_id = ${seeker}::uuid group by 2, 3
    union all select 'referral_outcomes', o.county_code, o.region_code, count(*)::int from referral_outcomes o
      where o.referral_id in (select id from referrals where seeker_id = ${seeker}::uuid) group by 2, 3
    union all select 'match_impressions', county_code, region_code, count(*)::int from match_impressions
      where subject_kind = 'seeker' and subject_id = ${seeker}::uuid group by 2, 3
    order by 1, 2`,
  );
}

async function moveWorker(residenceRegionCode: string) {
  const w = await call('city', 'GET', `/api/workers/${workerId}`);
  const res = await call('city', 'PATCH', `/api/workers/${workerId}`, {
    residenceRegionCode,
    version: w.json().version,
  });
  expect(res.statusCode, res.body).toBe(200);
}

beforeAll(async () => {
  t = await startTestPlatform();
  const villages = async (county: string) =>
    (
      await all<{ code: string }>(
        t.db.owner,
        sql`select code from regions where code like ${county + '%'} and level = 5 order by code`,
      )
    ).map((r) => r.code);
  wuhuaVillage = (await villages('530102'))[0]!;
  const panlong = await villages('530103');
  panlongVillage = panlong[0]!;
  panlongVillage2 = panlong.find((v) => v.slice(0, 9) !== panlongVillage.slice(0, 9))!;
  for (const [username, region] of [
    ['wuhua', '530102'],
    ['panlong', '530103'],
    ['city', '5301'],
  ] as const) {
    await provisionUser(t.db, t.services, {
      username,
      displayName: `就业专员${username}`,
      roles: username === 'city' ? ['officer', 'pii_reviewer'] : ['officer'],
      regionCode: region,
      password: PASSWORD,
    });
    cookies[username] = (await signIn(t, username, { password: PASSWORD })).cookie;
  }
  const e = await call('panlong', 'POST', '/api/employers', {
    creditCode: creditCode('530103'),
    name: '昆明盘龙钢构有限公司',
    industry: 'C',
    size: 'small',
    regionCode: '530103',
  });
  expect(e.statusCode, e.body).toBe(201);
  const job = await call('panlong', 'POST', '/api/jobs', {
    employerId: e.json().id,
    title: '电焊工',
    occupationCode: '6-18-02-04',
    headcount: 3,
    wageMinFen: 480_000,
    wageMaxFen: 550_000,
    regionCode: panlongVillage.slice(0, 9),
    address: '盘龙区某钢结构厂',
    requirements: {},
    benefits: { housing: true, meals: false, insurance: true },
    contractTermMonths: 12,
    validUntil: '2026-12-31',
    description: '钢结构焊接',
  });
  expect(job.statusCode, job.body).toBe(201);
  panlongJob = job.json().id;
  const w = await call('wuhua', 'POST', '/api/workers', {
    name: '钱焊工',
    idNumber: idNumber('530102', '1987-06-15'),
    ethnicity: '01',
    education: '30',
    phone: null,
    hukouRegionCode: '530102',
    residenceRegionCode: wuhuaVillage,
    skills: [{ occupationCode: '6-18-02-04', certificate: '特种作业操作证（焊接与热切割作业）', level: null }],
  });
  expect(w.statusCode, w.body).toBe(201);
  workerId = w.json().id;
  const s = await call('wuhua', 'POST', '/api/seekers', {
    workerId,
    occupations: ['6-18-02-04'],
    preference: 'any',
    minWageFen: 400_000,
  });
  expect(s.statusCode, s.body).toBe(201);
  seekerId = s.json().id;
  const m = await call('wuhua', 'GET', `/api/seekers/${seekerId}/matches`);
  expect(m.statusCode, m.body).toBe(200);
  const r = await call('wuhua', 'POST', '/api/referrals', { seekerId, jobId: panlongJob });
  expect(r.statusCode, r.body).toBe(201);
  referralId = r.json().id;
  const o = await call('wuhua', 'POST', `/api/referrals/${referralId}/outcome`, { outcome: 'interviewed' });
  expect(o.statusCode, o.body).toBe(200);
}, 120_000);
afterAll(async () => t?.close());

describe('a seeker follows its worker to another county', () => {
  it('lives in the old county before the move', async () => {
    expect(await rowsOf(seekerId)).toEqual([
      { t: 'job_seekers', county: '530102', region: wuhuaVillage, n: 1 },
      { t: 'match_impressions', county: '530102', region: wuhuaVillage, n: 1 },
      { t: 'referral_outcomes', county: '530102', region: wuhuaVillage, n: 1 },
      { t: 'referrals', county: '530102', region: wuhuaVillage, n: 1 },
    ]);
    expect((await call('panlong', 'GET', `/api/seekers/${seekerId}`)).statusCode).toBe(404);
  });

  it('moves the seeker, its referrals, outcomes and impressions with the worker', async () => {
    await moveWorker(panlongVillage);
    expect(await rowsOf(seekerId)).toEqual([
      { t: 'job_seekers', county: '530103', region: panlongVillage, n: 1 },
      { t: 'match_impressions', county: '530103', region: panlongVillage, n: 1 },
      { t: 'referral_outcomes', county: '530103', region: panlongVillage, n: 1 },
      { t: 'referrals', county: '530103', region: panlongVillage, n: 1 },
    ]);
    const seen = await call('panlong', 'GET', `/api/seekers/${seekerId}`);
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json()).toMatchObject({ name: '钱焊工', regionCode: panlongVillage, status: 'referred' });
    expect((await call('wuhua', 'GET', `/api/seekers/${seekerId}`)).statusCode).toBe(404);
    expect((await call('wuhua', 'GET', '/api/seekers')).json().total).toBe(0);
  });

  it('is found by matching in the new county, and not in the old', async () => {
    const names = async (who: string) =>
      (await call(who, 'GET', `/api/jobs/${panlongJob}/matches`)).json().items.map((s: { name: string }) => s.name);
    expect(await names('panlong')).toContain('钱焊工');
    expect(await names('wuhua')).not.toContain('钱焊工');
    const own = await call('panlong', 'GET', `/api/seekers/${seekerId}/matches`);
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().items.map((j: { jobId: string }) => j.jobId)).toContain(panlongJob);
  });

  it('keeps the referral and its outcome, under the new county', async () => {
    const list = await call('panlong', 'GET', '/api/referrals');
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items).toEqual([expect.objectContaining({ id: referralId, outcome: 'interviewed' })]);
    expect((await call('wuhua', 'GET', '/api/referrals')).json().total).toBe(0);
    // The referral goes on there: a hire is recorded against the moved rows.
    const hired = await call('panlong', 'POST', `/api/referrals/${referralId}/outcome`, { outcome: 'hired' });
    expect(hired.statusCode, hired.body).toBe(200);
    const outcomes = await all<{ county: string }>(
      t.db.owner,
      sql`select county_code as county from referral_outcomes where referral_id = ${referralId}::uuid`,
    );
    expect(outcomes.map((o) => o.county)).toEqual(['530103', '530103']);
  });

  it('changes nothing when the event is replayed', async () => {
    const before = await rowsOf(seekerId);
    const moved = await t.db.scoped({ region: '5301' }, (tx) => t.services.seekers.workerChanged(tx, workerId));
    expect(moved).toBe(0);
    expect(await rowsOf(seekerId)).toEqual(before);
  });

  it('follows a move within the county (the copies of the residence only)', async () => {
    await moveWorker(panlongVillage2);
    const rows = await rowsOf(seekerId);
    expect(rows.map((r) => [r.t, r.county, r.region])).toEqual([
      ['job_seekers', '530103', panlongVillage2],
      ['match_impressions', '530103', panlongVillage2],
      ['referral_outcomes', '530103', panlongVillage2],
      ['referrals', '530103', panlongVillage2],
    ]);
  });

  it('ignores a change of other fields', async () => {
    const w = await call('city', 'GET', `/api/workers/${workerId}`);
    const res = await call('city', 'PATCH', `/api/workers/${workerId}`, {
      phone: '13800138000',
      version: w.json().version,
    });
    expect(res.statusCode, res.body).toBe(200);
    const n = await one<{ n: number }>(
      t.db.owner,
      sql`select count(*)::int as n from job_seekers where worker_id = ${workerId}::uuid`,
    );
    expect(n?.n).toBe(1);
  });
});

async function registerWorker(name: string, village: string, birth: string): Promise<string> {
  const w = await call('city', 'POST', '/api/workers', {
    name,
    idNumber: idNumber('530102', birth),
    ethnicity: '01',
    education: '30',
    phone: null,
    hukouRegionCode: '530102',
    residenceRegionCode: village,
  });
  expect(w.statusCode, w.body).toBe(201);
  return w.json().id;
}

async function registerSeeker(worker: string, refer: boolean): Promise<{ seeker: string; referral?: string }> {
  const s = await call('city', 'POST', '/api/seekers', {
    workerId: worker,
    occupations: ['6-18-02-04'],
    preference: 'any',
    minWageFen: 400_000,
  });
  expect(s.statusCode, s.body).toBe(201);
  if (!refer) return { seeker: s.json().id };
  const r = await call('city', 'POST', '/api/referrals', { seekerId: s.json().id, jobId: panlongJob });
  expect(r.statusCode, r.body).toBe(201);
  return { seeker: s.json().id, referral: r.json().id };
}

const seekersOf = (worker: string) =>
  all<{ id: string; county: string; name: string }>(
    t.db.owner,
    sql`select id, county_code as county, name from job_seekers where worker_id = ${worker}::uuid`,
  );
const referralOf = (id: string) =>
  one<{ county: string; seekerId: string; workerId: string; seekerName: string }>(
    t.db.owner,
    sql`select county_code as county, seeker_id as "seekerId", worker_id as "workerId", seeker_name as "seekerName"
      from referrals where id = ${id}::uuid`,
  );

describe("a merged worker's seeker passes to the survivor", () => {
  it('becomes the survivor’s seeker, in the survivor’s county, with its referral', async () => {
    const duplicate = await registerWorker('周木工', wuhuaVillage, '1990-01-05');
    const survivor = await registerWorker('周木匠', panlongVillage, '1990-01-06');
    const { seeker, referral } = await registerSeeker(duplicate, true);
    const m = await call('city', 'POST', `/api/workers/${survivor}/merge`, { duplicateId: duplicate });
    expect(m.statusCode, m.body).toBe(200);
    expect(await seekersOf(duplicate)).toEqual([]);
    expect(await seekersOf(survivor)).toEqual([{ id: seeker, county: '530103', name: '周木匠' }]);
    expect(await referralOf(referral!)).toEqual({
      county: '530103',
      seekerId: seeker,
      workerId: survivor,
      seekerName: '周木匠',
    });
    expect((await call('panlong', 'GET', `/api/seekers/${seeker}`)).statusCode).toBe(200);
  });

  it('joins the survivor’s own seeker (same county): the referral moves onto it', async () => {
    const duplicate = await registerWorker('吴电工', wuhuaVillage, '1991-02-07');
    const survivor = await registerWorker('吴电工', wuhuaVillage, '1991-02-08');
    const own = await registerSeeker(survivor, false);
    const dup = await registerSeeker(duplicate, true);
    const m = await call('city', 'POST', `/api/workers/${survivor}/merge`, { duplicateId: duplicate });
    expect(m.statusCode, m.body).toBe(200);
    expect(await seekersOf(duplicate)).toEqual([]);
    expect((await seekersOf(survivor)).map((x) => x.id)).toEqual([own.seeker]);
    expect(await referralOf(dup.referral!)).toMatchObject({
      county: '530102',
      seekerId: own.seeker,
      workerId: survivor,
    });
    const replay = await t.db.scoped({ region: '5301' }, (tx) =>
      t.services.seekers.workerMerged(tx, survivor, duplicate),
    );
    expect(replay).toBe(0);
  });
});
