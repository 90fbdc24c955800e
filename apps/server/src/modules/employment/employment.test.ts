/**
 * Employment services through the API: postings refused for each bad-input rule (reversed and sub-minimum wages,
 * each kind of discrimination, past validity), two-character keyword search, seekers in scope (a county officer
 * sees only its county's), explained matches with their impressions logged, the 90-day staleness, referrals
 * (refused to a filled or withdrawn posting), outcomes, double placements, follow-ups and placement counts.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { all, one } from '../../db/client.js';
import { provisionUser } from '../../bootstrap.js';
import { api, signIn, startTestPlatform, type TestPlatform } from '../../test/harness.js';
import { creditCode, idNumber } from '../../test/scope-matrix.fixture.js';

let t: TestPlatform;
const PASSWORD = 'Employ#Wuhua-2026xy';
const cookies: Record<string, string> = {};
const passwords: Record<string, string> = {};
const call = (who: string, method: string, url: string, body?: unknown) =>
  api(t, method, url, { cookie: cookies[who], body });

let wuhuaVillage: string;
let wuhuaTown: string;
let panlongVillage: string;
let employerId: string;
const workerIds: Record<string, string> = {};

async function worker(who: string, name: string, village: string, skills: unknown[] = []): Promise<string> {
  const res = await call(who, 'POST', '/api/workers', {
    name,
    idNumber: idNumber('530102', '1988-04-12'),
    ethnicity: '01',
    education: '30',
    phone: null,
    hukouRegionCode: '530102',
    residenceRegionCode: village,
    skills,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

const job = (over: Record<string, unknown> = {}) => ({
  employerId,
  title: '电焊工',
  occupationCode: '6-18-02-04',
  headcount: 1,
  wageMinFen: 480_000,
  wageMaxFen: 550_000,
  regionCode: wuhuaTown,
  address: '五华区某钢结构厂',
  requirements: { skills: ['二氧化碳保护焊'], certificates: ['焊接与热切割作业'], ageMin: 18, ageMax: 55 },
  benefits: { housing: true, meals: true, insurance: true },
  contractTermMonths: 12,
  validUntil: '2026-12-31',
  description: '钢结构焊接，男女不限，缴纳五险（含生育保险）。',
  ...over,
});

beforeAll(async () => {
  t = await startTestPlatform();
  const village = async (county: string) =>
    (await one<{ code: string }>(
      t.db.owner,
      sql`select code from regions where code like ${county + '%'} and level = 5 order by code limit 1`,
    ))!.code;
  wuhuaVillage = await village('530102');
  wuhuaTown = wuhuaVillage.slice(0, 9);
  panlongVillage = await village('530103');
  for (const [username, region] of [
    ['emp_wuhua', '530102'],
    ['emp_panlong', '530103'],
    ['emp_city', '5301'],
  ]) {
    await provisionUser(t.db, t.services, {
      username,
      displayName: `就业专员${username}`,
      roles: ['officer'],
      regionCode: region,
      password: PASSWORD,
    });
    const session = await signIn(t, username, { password: PASSWORD });
    cookies[username] = session.cookie;
    passwords[username] = session.password;
  }
  const e = await call('emp_wuhua', 'POST', '/api/employers', {
    creditCode: creditCode('530102'),
    name: '昆明五华钢构有限公司',
    industry: 'C',
    size: 'small',
    regionCode: '530102',
  });
  expect(e.statusCode, e.body).toBe(201);
  employerId = e.json().id;
  const welder = [{ occupationCode: '6-18-02-04', certificate: '特种作业操作证（焊接与热切割作业）', level: null }];
  workerIds.wuhua = await worker('emp_wuhua', '李焊工', wuhuaVillage, welder);
  workerIds.wuhua2 = await worker('emp_wuhua', '王保洁', wuhuaVillage);
  workerIds.panlong = await worker('emp_panlong', '赵焊工', panlongVillage, welder);
}, 120_000);
afterAll(async () => t?.close());

/** Moves the clock on by whole days; the sessions have expired by then, so everybody signs in again. */
async function daysPass(n: number) {
  t.clock.advance(n * 86_400_000);
  for (const who of Object.keys(cookies)) {
    const session = await signIn(t, who, { password: passwords[who] });
    cookies[who] = session.cookie;
    passwords[who] = session.password;
  }
}

describe('job postings: bad input', () => {
  it('publishes a lawful posting, with a non-blocking age warning', async () => {
    const res = await call('emp_wuhua', 'POST', '/api/jobs', job({ requirements: { ageMin: 18, ageMax: 35 } }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'open', statusName: '招聘中', employerName: '昆明五华钢构有限公司' });
    expect(res.json().warnings).toEqual([expect.objectContaining({ kind: 'age', severity: 'warn' })]);
  });

  it.each([
    ['reversed wages', { wageMinFen: 600_000, wageMaxFen: 500_000 }, 'wageMinFen', '工资范围颠倒'],
    ['sub-minimum wages', { wageMinFen: 150_000, wageMaxFen: 200_000 }, 'wageMinFen', '低于当地最低工资标准 2,170 元'],
    ['hukou', { description: '限本地户口' }, 'description', '户籍'],
    ['sex (text)', { description: '男性优先' }, 'description', '性别'],
    ['sex (field)', { requirements: { sex: 'female' } }, 'requirements.sex', '性别'],
    ['ethnicity', { description: '限汉族' }, 'description', '民族'],
    ['marital', { description: '已婚已育' }, 'description', '婚姻、生育'],
    ['health', { title: '保洁（乙肝携带者勿扰）' }, 'title', '乙肝'],
    ['under 16', { requirements: { ageMin: 15 } }, 'requirements.ageMin', '未满 16 周岁'],
    ['past validity', { validUntil: '2026-03-01' }, 'validUntil', '有效期不能早于今天'],
    ['a county instead of a township', { regionCode: '530102' }, 'regionCode', '乡镇'],
  ])('refuses %s with a precise Chinese message', async (_name, over, path, text) => {
    const res = await call('emp_wuhua', 'POST', '/api/jobs', job(over));
    expect(res.statusCode, res.body).toBe(400);
    const err = res.json().errors.find((e: { path: string }) => e.path === path);
    expect(err?.message ?? res.json().detail, res.body).toContain(text);
    const pre = await call('emp_wuhua', 'POST', '/api/jobs/moderation', job(over));
    expect(pre.statusCode).toBeLessThan(500);
  });

  it('previews the findings without saving', async () => {
    const res = await call('emp_wuhua', 'POST', '/api/jobs/moderation', job({ description: '限男，本地人优先' }));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().blocked).toBe(true);
    expect(
      res
        .json()
        .findings.map((f: { kindName: string }) => f.kindName)
        .sort(),
    ).toEqual(['性别歧视', '户籍歧视']);
  });

  it('finds postings by two-character keywords', async () => {
    const cleaner = await call('emp_wuhua', 'POST', '/api/jobs', {
      ...job({
        title: '小区保洁员',
        occupationCode: '4-09',
        requirements: {},
        wageMinFen: 230_000,
        wageMaxFen: 260_000,
      }),
      description: '负责小区日常清洁',
    });
    expect(cleaner.statusCode, cleaner.body).toBe(201);
    const titles = async (q: string) =>
      (await call('emp_panlong', 'GET', `/api/jobs?q=${encodeURIComponent(q)}`))
        .json()
        .items.map((j: { title: string }) => j.title);
    expect(await titles('焊工')).toContain('电焊工');
    expect(await titles('保洁')).toEqual(['小区保洁员']);
    expect(await titles('电工')).toEqual([]);
    expect(await titles('钢构')).toContain('电焊工'); // the employer's name is searched too
  });
});

let seekerW: string;
let seekerP: string;
let weldJob: string;

describe('seekers and matching', () => {
  it('registers seekers from the registry, once per worker', async () => {
    const body = { workerId: workerIds.wuhua, occupations: ['6-18-02-04'], preference: 'local', minWageFen: 400_000 };
    const res = await call('emp_wuhua', 'POST', '/api/seekers', body);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ name: '李焊工', status: 'seeking', stale: false, preferenceName: '就地就近' });
    expect(res.json().skills[0].certificate).toContain('焊接');
    seekerW = res.json().id;
    const again = await call('emp_wuhua', 'POST', '/api/seekers', body);
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toBe('该务工人员已有求职登记，请修改原登记');
    const p = await call('emp_panlong', 'POST', '/api/seekers', {
      ...body,
      workerId: workerIds.panlong,
      preference: 'any',
    });
    expect(p.statusCode, p.body).toBe(201);
    seekerP = p.json().id;
    const bad = await call('emp_wuhua', 'POST', '/api/seekers', {
      ...body,
      workerId: workerIds.wuhua2,
      occupations: ['9-99'],
    });
    expect(bad.statusCode).toBe(400);
  });

  it('a county officer sees only its county seekers; the city sees all', async () => {
    expect((await call('emp_panlong', 'GET', `/api/seekers/${seekerW}`)).statusCode).toBe(404);
    expect((await call('emp_panlong', 'GET', `/api/seekers/${seekerW}/matches`)).statusCode).toBe(404);
    const names = async (who: string) =>
      (await call(who, 'GET', '/api/seekers'))
        .json()
        .items.map((s: { name: string }) => s.name)
        .sort();
    expect(await names('emp_wuhua')).toEqual(['李焊工']);
    expect(await names('emp_panlong')).toEqual(['赵焊工']);
    expect(await names('emp_city')).toEqual(['李焊工', '赵焊工']);
  });

  it('proposes postings with the reasons in Chinese and logs the impression', async () => {
    const res = await call('emp_wuhua', 'GET', `/api/seekers/${seekerW}/matches`);
    expect(res.statusCode, res.body).toBe(200);
    const top = res.json().items[0];
    expect(top.title).toBe('电焊工');
    weldJob = top.jobId;
    expect(top.explanation.slice(0, 1)).toEqual(['工种匹配']);
    expect(top.explanation).toEqual(
      expect.arrayContaining([
        '距居住地：同乡镇（街道）',
        '月薪 4,800–5,500 元',
        '提供住宿、提供餐食、缴纳社保',
        '就地就近',
      ]),
    );
    expect(res.json().items.map((i: { title: string }) => i.title)).not.toContain('小区保洁员');
    const logged = await one<{ n: number; ids: string[] }>(
      t.db.owner,
      sql`select count(*)::int as n, max(result_ids::text) as ids from match_impressions where subject_id = ${seekerW}`,
    );
    expect(logged!.n).toBe(1);
    expect(String(logged!.ids)).toContain(weldJob);
  });

  it('proposes seekers for a posting within the caller scope only', async () => {
    const names = async (who: string) =>
      (await call(who, 'GET', `/api/jobs/${weldJob}/matches`))
        .json()
        .items.map((s: { name: string }) => s.name)
        .sort();
    expect(await names('emp_city')).toEqual(['李焊工', '赵焊工']);
    expect(await names('emp_wuhua')).toEqual(['李焊工']);
    expect(await names('emp_panlong')).toEqual(['赵焊工']);
    const res = await call('emp_city', 'GET', `/api/jobs/${weldJob}/matches`);
    expect(res.json().items[0].explanation).toContain('工种匹配');
  });
});

describe('referrals', () => {
  let second: string;
  it('refers, records a hire (the posting is filled) and refuses a referral to a filled posting', async () => {
    const other = await call('emp_wuhua', 'POST', '/api/jobs', job({ title: '焊工（夜班）', headcount: 5 }));
    second = other.json().id;
    const r1 = await call('emp_wuhua', 'POST', '/api/referrals', { seekerId: seekerW, jobId: weldJob });
    expect(r1.statusCode, r1.body).toBe(201);
    const r2 = await call('emp_wuhua', 'POST', '/api/referrals', { seekerId: seekerW, jobId: second });
    expect(r2.statusCode, r2.body).toBe(201);
    const dup = await call('emp_wuhua', 'POST', '/api/referrals', { seekerId: seekerW, jobId: weldJob });
    expect(dup.statusCode).toBe(409);
    const hired = await call('emp_wuhua', 'POST', `/api/referrals/${r1.json().id}/outcome`, { outcome: 'hired' });
    expect(hired.statusCode, hired.body).toBe(200);
    expect(hired.json()).toMatchObject({ outcomeName: '已录用', hiredOn: '2026-03-02', doublePlacement: false });
    expect(hired.json().followUps.map((f: { dueOn: string }) => f.dueOn)).toEqual(['2026-04-01', '2026-05-31']);
    expect((await call('emp_wuhua', 'GET', `/api/jobs/${weldJob}`)).json().status).toBe('filled');
    const toFilled = await call('emp_panlong', 'POST', '/api/referrals', { seekerId: seekerP, jobId: weldJob });
    expect(toFilled.statusCode).toBe(409);
    expect(toFilled.json().detail).toBe('岗位已招满，不能推荐：请为求职者选择其他在招岗位');
    // A second hire of the same worker while the first holds: flagged (一人两岗).
    const twice = await call('emp_wuhua', 'POST', `/api/referrals/${r2.json().id}/outcome`, {
      outcome: 'hired',
      source: 'employer',
    });
    expect(twice.json()).toMatchObject({ doublePlacement: true, outcomeSource: 'employer' });
    const flagged = await call('emp_wuhua', 'GET', '/api/referrals?doublePlacement=true');
    expect(flagged.json().total).toBe(2);
    const again = await call('emp_wuhua', 'POST', `/api/referrals/${r1.json().id}/outcome`, { outcome: 'refused' });
    expect(again.statusCode).toBe(409);
    const outcomes = await all(t.db.owner, sql`select 1 from referral_outcomes`);
    expect(outcomes.length).toBe(2);
  });

  it('refuses a referral to a withdrawn posting (withdrawal needs confirmation)', async () => {
    const noConfirm = await call('emp_wuhua', 'POST', `/api/jobs/${second}/withdraw`, { reason: '岗位取消' });
    expect(noConfirm.statusCode).toBe(400);
    const w = await call('emp_wuhua', 'POST', `/api/jobs/${second}/withdraw`, { confirm: true, reason: '岗位取消' });
    expect(w.statusCode, w.body).toBe(200);
    expect(w.json().statusName).toBe('已撤回');
    const res = await call('emp_panlong', 'POST', '/api/referrals', { seekerId: seekerP, jobId: second });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toContain('岗位已撤回，不能推荐');
    expect(
      (await call('emp_panlong', 'POST', `/api/jobs/${second}/withdraw`, { confirm: true, reason: 'x' })).statusCode,
    ).toBe(404);
  });

  it('lists the follow-ups due and records them; counts placements per region and staff member', async () => {
    expect((await call('emp_wuhua', 'GET', '/api/referrals?followUpDue=30')).json().total).toBe(0);
    await daysPass(31);
    const due = await call('emp_wuhua', 'GET', '/api/referrals?followUpDue=30');
    expect(due.json().total).toBe(2);
    const id = due.json().items[0].id;
    const fu = await call('emp_wuhua', 'POST', `/api/referrals/${id}/follow-ups`, { day: 30, stillEmployed: true });
    expect(fu.statusCode, fu.body).toBe(200);
    expect(
      (await call('emp_wuhua', 'POST', `/api/referrals/${id}/follow-ups`, { day: 30, stillEmployed: true })).statusCode,
    ).toBe(409);
    expect(
      (await call('emp_wuhua', 'POST', `/api/referrals/${id}/follow-ups`, { day: 90, stillEmployed: true })).statusCode,
    ).toBe(409);
    expect((await call('emp_wuhua', 'GET', '/api/referrals?followUpDue=30')).json().total).toBe(1);
    const stats = await call('emp_city', 'GET', '/api/referrals/stats');
    expect(stats.statusCode, stats.body).toBe(200);
    expect(stats.json().byRegion).toEqual([{ regionCode: '530102', regionName: '五华区', referrals: 2, hires: 2 }]);
    expect(stats.json().byStaff).toEqual([expect.objectContaining({ name: '就业专员emp_wuhua', hires: 2 })]);
  });

  it('a seeker not reconfirmed for 90 days leaves the matching pool until reconfirmed', async () => {
    await daysPass(60); // 91 days after registration
    const s = await call('emp_panlong', 'GET', `/api/seekers/${seekerP}`);
    expect(s.json().stale).toBe(true);
    const open = await call(
      'emp_panlong',
      'POST',
      '/api/jobs',
      job({ regionCode: panlongVillage.slice(0, 9), employerId }),
    );
    expect(open.statusCode, open.body).toBe(201);
    const pool = async () =>
      (await call('emp_panlong', 'GET', `/api/jobs/${open.json().id}/matches`))
        .json()
        .items.map((x: { name: string }) => x.name);
    expect(await pool()).toEqual([]);
    const re = await call('emp_panlong', 'POST', `/api/seekers/${seekerP}/reconfirm`);
    expect(re.json().stale).toBe(false);
    expect(await pool()).toEqual(['赵焊工']);
  });
});

describe('demo data', () => {
  it('publishes postings, registers seekers and writes a year of referrals through the services', async () => {
    const { loadDemoEmployment } = await import('../../demo.js');
    const r = await loadDemoEmployment(t.db, t.services, { postings: 6, seekers: 10, seed: 3 });
    expect(r.postings).toBe(6);
    expect(r.seekers).toBeGreaterThanOrEqual(1); // the workers not yet registered as seekers
    const jobs = await all<{ n: number }>(t.db.owner, sql`select count(*)::int as n from job_postings`);
    expect(jobs[0].n).toBeGreaterThanOrEqual(6);
    // set-based (seed.repo.ts): the rows the per-record use cases and the back-dating wrote
    const refs = await all<{ n: number; hired: number; bad: number; early: number }>(
      t.db.owner,
      sql`select count(*)::int as n, count(*) filter (where outcome = 'hired')::int as hired,
          count(*) filter (where outcome = 'hired' and (hired_on is null or fu30_due <> outcome_on + 30
            or fu90_due <> outcome_on + 90) or outcome = 'pending' and outcome_on is not null)::int as bad,
          count(*) filter (where created_at > now())::int as early
        from referrals where created_by_name = '演示数据生成'`,
    );
    expect(refs[0]).toEqual({ n: r.referrals, hired: r.hires, bad: 0, early: 0 });
    // written by referrals.repo.ts insertReferrals: the outcome by staff, an old hire's follow-ups done on their days
    const states = await all<{ bad: number }>(
      t.db.owner,
      sql`select count(*) filter (where (outcome = 'pending') <> (outcome_source is null)
            or outcome_source is not null and outcome_source <> 'staff'
            or (outcome <> 'hired') and (hired_on is not null or fu30_due is not null or fu30_done_at is not null)
            or fu30_done_at is not null and (fu30_done_at <> created_at + interval '840 hours'
              or fu90_done_at <> created_at + interval '2280 hours'
              or not fu30_still_employed or not fu90_still_employed)
            or (fu30_done_at is null) <> (fu30_still_employed is null)
            or campaign_id is not null or impression_id is not null or note is not null
            or updated_at <> created_at)::int as bad
        from referrals where created_by_name = '演示数据生成'`,
    );
    expect(states[0]).toEqual({ bad: 0 });
    const seeking = await all<{ n: number }>(
      t.db.owner,
      sql`select count(*)::int as n from referrals f join job_seekers s on s.county_code = f.county_code
          and s.id = f.seeker_id where f.created_by_name = '演示数据生成' and s.status <> 'referred'`,
    );
    expect(seeking[0].n).toBe(0);
    // the console reads them through the services, as any posting and seeker
    const list = await call('emp_city', 'GET', '/api/jobs?pageSize=100');
    expect(list.statusCode, list.body).toBe(200);
    const demo = (list.json().items as { address: string; employerName: string; status: string }[]).filter(
      (j) => j.address === '详见单位地址',
    );
    expect(demo.length).toBeGreaterThanOrEqual(6);
    expect(demo.every((j) => j.status === 'open' && j.employerName.length > 0)).toBe(true);
  });
});
