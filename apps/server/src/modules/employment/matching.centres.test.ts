/**
 * The kilometres in a match's explanation (「距户籍地 N 公里」): the great-circle distance between the seeker's home
 * township and the posting's, from the platform's township centres (region_centres), shown in both match lists when
 * both centres are known and absent when one is not — the score unchanged either way.
 */
import { haversineKm } from '@mwsp/domain';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionUser } from '../../bootstrap.js';
import { all } from '../../db/client.js';
import { api, signIn, startTestPlatform, type TestPlatform } from '../../test/harness.js';
import { creditCode, idNumber } from '../../test/scope-matrix.fixture.js';

let t: TestPlatform;
const PASSWORD = 'Centres#Wuhua-2026xy';
let cookie = '';
const call = (method: string, url: string, body?: unknown) => api(t, method, url, { cookie, body });

let home: string; // the seeker's township
let near: string; // the first posting's township (centre known)
let far: string; // the second posting's township (no centre)
let seekerId: string;
let nearJob: string;
let farJob: string;
const HOME = { lat: 25.04, lon: 102.71 };
const NEAR = { lat: 25.1, lon: 102.75 };

interface Match {
  jobId: string;
  score: number;
  explanation: string[];
  features: { feature: string; tag: string | null }[];
}
const matches = async (): Promise<Match[]> => {
  const res = await call('GET', `/api/seekers/${seekerId}/matches`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
};
const byJob = (items: Match[], id: string) => items.find((m) => m.jobId === id)!;

beforeAll(async () => {
  t = await startTestPlatform();
  const villages = (
    await all<{ code: string }>(
      t.db.owner,
      sql`select code from regions where code like '530102%' and level = 5 order by code`,
    )
  ).map((r) => r.code);
  const towns = [...new Set(villages.map((v) => v.slice(0, 9)))];
  [home, near, far] = towns as [string, string, string];
  await provisionUser(t.db, t.services, {
    username: 'centres_wuhua',
    displayName: '就业专员',
    roles: ['officer'],
    regionCode: '530102',
    password: PASSWORD,
  });
  cookie = (await signIn(t, 'centres_wuhua', { password: PASSWORD })).cookie;
  const e = await call('POST', '/api/employers', {
    creditCode: creditCode('530102'),
    name: '昆明五华机电有限公司',
    industry: 'C',
    size: 'small',
    regionCode: '530102',
  });
  expect(e.statusCode, e.body).toBe(201);
  const post = async (regionCode: string, title: string) => {
    const r = await call('POST', '/api/jobs', {
      employerId: e.json().id,
      title,
      occupationCode: '6-18-02-04',
      headcount: 2,
      wageMinFen: 480_000,
      wageMaxFen: 550_000,
      regionCode,
      address: '五华区',
      requirements: {},
      benefits: { housing: false, meals: false, insurance: true },
      validUntil: '2026-12-31',
      description: '焊接',
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id as string;
  };
  nearJob = await post(near, '电焊工');
  farJob = await post(far, '焊工');
  const w = await call('POST', '/api/workers', {
    name: '孙焊工',
    idNumber: idNumber('530102', '1989-02-11'),
    ethnicity: '01',
    education: '30',
    phone: null,
    hukouRegionCode: '530102',
    residenceRegionCode: villages.find((v) => v.startsWith(home))!,
  });
  expect(w.statusCode, w.body).toBe(201);
  const s = await call('POST', '/api/seekers', {
    workerId: w.json().id,
    occupations: ['6-18-02-04'],
    preference: 'any',
    minWageFen: 400_000,
  });
  expect(s.statusCode, s.body).toBe(201);
  seekerId = s.json().id;
}, 120_000);
afterAll(async () => t?.close());

describe('kilometres between township centres in the explanation', () => {
  let before: Match[];

  it('gives no kilometres while no centre is known', async () => {
    before = await matches();
    expect(before.map((m) => m.jobId).sort()).toEqual([nearJob, farJob].sort());
    for (const m of before) expect(m.explanation.join(' ')).not.toContain('公里');
  });

  it('stores the centres of known regions only (the platform), skipping the rest', async () => {
    const r = await t.services.org.setRegionCentres(
      [
        { code: home, ...HOME },
        { code: near, ...NEAR },
        { code: '530102999', lat: 25, lon: 102 }, // no such township
        { code: far, lat: 95, lon: 102 }, // not a coordinate
      ],
      'import',
    );
    expect(r).toEqual({ stored: 2, skipped: 2 });
  });

  it('shows 「距户籍地 N 公里」 with the right figure when both centres are known, the score unchanged', async () => {
    const km = Math.round(haversineKm(HOME, NEAR)!);
    expect(km).toBe(8);
    const after = await matches();
    const m = byJob(after, nearJob);
    expect(m.explanation.join(' · ')).toContain(`距户籍地 ${km} 公里`);
    expect(m.features.find((f) => f.feature === 'distance')!.tag).toContain(`距户籍地 ${km} 公里`);
    expect(m.score).toBe(byJob(before, nearJob).score);
    // The posting's township has no centre: no kilometres, the same explanation as before.
    expect(byJob(after, farJob).explanation).toEqual(byJob(before, farJob).explanation);
    expect(byJob(after, farJob).explanation.join(' ')).not.toContain('公里');
  });

  it('shows it in the list of seekers for a posting too', async () => {
    const res = await call('GET', `/api/jobs/${nearJob}/matches`);
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json().items.find((x: { seekerId: string }) => x.seekerId === seekerId);
    expect(s.explanation.join(' · ')).toContain('距户籍地 8 公里');
    const other = await call('GET', `/api/jobs/${farJob}/matches`);
    const o = other.json().items.find((x: { seekerId: string }) => x.seekerId === seekerId);
    expect(o.explanation.join(' ')).not.toContain('公里');
  });
});
