import { expect } from 'vitest';
import {
  type Check,
  type Rec,
  type User,
  U,
  USERS,
  WUHUA,
  call,
  employers,
  expectScoped,
  ok,
  register,
  visible,
  workers,
} from './scope-matrix.fixture.js';

/**
 * The scope matrix of the employment services (issue #12: 岗位 postings, 求职登记 seekers, matches, 推荐 referrals).
 * Every user publishes a posting in its own township, registers its registry worker as a seeker and refers that
 * seeker to its posting (on first use). Postings are public within the platform (RLS: read for all): reading
 * one is 200 for every user, while editing and withdrawing are scoped (404 out of scope, nothing changed). Seekers
 * and referrals are scoped records: lists show exactly those in scope, per-record routes answer 404 outside.
 */

const outside = (u: User) => (u.region === WUHUA ? U.regionP.village : U.region.village);
const employerOf = (u: User) => employers.find((e) => e.owner === u)!.id;
const townOf = (regionCode: string) => regionCode.slice(0, 9);

interface Register {
  recs: Rec[];
  seeded?: Promise<void>;
}

const posting = (u: User, regionCode: string, title = '电焊工') => ({
  employerId: employerOf(u),
  title,
  occupationCode: '6-18-02-04',
  headcount: 50,
  wageMinFen: 480_000,
  wageMaxFen: 550_000,
  regionCode: townOf(regionCode),
  address: `范围钢构厂${u.label}`,
  requirements: { skills: ['二氧化碳保护焊'] },
  benefits: { housing: true, meals: true, insurance: true },
  contractTermMonths: 12,
  validUntil: '2026-12-31',
  description: '钢结构焊接，男女不限，缴纳五险。',
});

const seekerBody = (workerId: string) => ({
  workerId,
  occupations: ['6-18-02-04'],
  preference: 'any',
  minWageFen: 400_000,
});

async function publish(u: User, regionCode: string, title?: string): Promise<Rec> {
  const res = await call(u, 'POST', '/api/jobs', posting(u, regionCode, title));
  ok(res, 201);
  return { id: res.json().id, owner: u, region: townOf(regionCode), label: `岗位${title ?? ''}${u.label}` };
}

async function enrol(u: User, worker: Rec): Promise<Rec> {
  const res = await call(u, 'POST', '/api/seekers', seekerBody(worker.id));
  ok(res, 201);
  return { id: res.json().id, owner: u, region: worker.region, label: `求职${worker.label}` };
}

// ---------------------------------------------------------------- the registers

/** A posting per user (kept open: the matches and referrals use them). */
const postings: Register = { recs: [] };
function seedPostings(): Promise<void> {
  postings.seeded ??= (async () => {
    for (const u of USERS) postings.recs.push(await publish(u, u.village));
  })();
  return postings.seeded;
}

/** A second posting per user, for the withdrawal check only. */
const withdrawable: Register = { recs: [] };
function seedWithdrawable(): Promise<void> {
  withdrawable.seeded ??= (async () => {
    for (const u of USERS) withdrawable.recs.push(await publish(u, u.village, '撤回测试岗'));
  })();
  return withdrawable.seeded;
}

/** Each user's registry worker (fixture `workers`) registered as a seeker by its owner. */
const seekers: Register = { recs: [] };
function seedSeekers(): Promise<void> {
  seekers.seeded ??= (async () => {
    for (const u of USERS)
      seekers.recs.push(
        await enrol(
          u,
          workers.find((w) => w.owner === u)!,
        ),
      );
  })();
  return seekers.seeded;
}

/** Each user refers its own seeker to its own posting: the referral is the referring user's, at the seeker's place. */
const referrals: Register = { recs: [] };
function seedReferrals(): Promise<void> {
  referrals.seeded ??= (async () => {
    await seedPostings();
    await seedSeekers();
    for (const [i, u] of USERS.entries()) {
      const s = seekers.recs[i];
      const res = await call(u, 'POST', '/api/referrals', { seekerId: s.id, jobId: postings.recs[i].id });
      ok(res, 201);
      referrals.recs.push({ id: res.json().id, owner: u, region: s.region, label: `推荐${u.label}` });
    }
  })();
  return referrals.seeded;
}

const visibleCount = (u: User, recs: Rec[]) => recs.filter((r) => visible(u, r)).length;

async function listed(u: User, url: string): Promise<Set<string>> {
  const res = await call(u, 'GET', `${url}${url.includes('?') ? '&' : '?'}pageSize=200`);
  ok(res, 200);
  return new Set(res.json().items.map((r: { id: string }) => r.id));
}

/**
 * The posting list is not narrowed to the caller's region (postings are public), but a 本人/本部门 data scope
 * lists only its own / its department's postings (scopeFilter, wherever they are).
 */
const listsPosting = (u: User, r: Rec) =>
  u.scope === 'self' ? r.owner === u : u.scope === 'department' ? r.owner.dept === u.dept : true;

const version = async (r: Rec, url: string) => {
  const res = await call(r.owner, 'GET', url);
  ok(res, 200);
  return res.json().version as number;
};

const withdrawn = new Set<string>();

/** An export answers exactly the rows the caller's list shows (at least the seeded records it may see). */
const exportCheck =
  (url: string, seed: () => Promise<void>, reg: Register, sees: (u: User, r: Rec) => boolean): Check =>
  async (u) => {
    await seed();
    const res = await call(u, 'GET', `${url}/export`);
    ok(res, 200);
    const listedIds = await listed(u, url);
    const total = (await call(u, 'GET', `${url}?pageSize=1`)).json().total as number;
    expect(Number(res.headers['x-export-rows']), `${u.name} exports ${url}`).toBe(total);
    for (const r of reg.recs) expect(listedIds.has(r.id), `${u.name} lists ${r.label}`).toBe(sees(u, r));
  };

export const EMPLOYMENT_MATRIX: Record<string, Check> = {
  // ---------------------------------------------------------------- postings
  'GET /api/jobs': async (u) => {
    await seedPostings();
    const ids = await listed(u, '/api/jobs');
    for (const r of postings.recs) expect(ids.has(r.id), `${u.name} lists ${r.label}`).toBe(listsPosting(u, r));
  },
  // Published in the caller's township; another county's township does not exist for the caller.
  'POST /api/jobs': async (u) => {
    await seedPostings();
    await publish(u, u.village, '新发布岗');
    if (u.scope !== 'all') ok(await call(u, 'POST', '/api/jobs', posting(u, outside(u))), 404);
  },
  // Public within the platform: every user reads every posting.
  'GET /api/jobs/:id': async (u) => {
    await seedPostings();
    for (const r of postings.recs) ok(await call(u, 'GET', `/api/jobs/${r.id}`), 200);
  },
  'PUT /api/jobs/:id': async (u) => {
    await seedPostings();
    for (const r of postings.recs) {
      const before = await version(r, `/api/jobs/${r.id}`);
      const res = await call(u, 'PUT', `/api/jobs/${r.id}`, { ...posting(r.owner, r.region), version: before });
      expectScoped(res, visible(u, r));
      if (!visible(u, r)) expect(await version(r, `/api/jobs/${r.id}`), `${u.name} left ${r.label}`).toBe(before);
    }
  },
  // The first withdrawal in scope is recorded; later ones find the posting withdrawn (409); out of scope: 404.
  'POST /api/jobs/:id/withdraw': async (u) => {
    await seedWithdrawable();
    for (const r of withdrawable.recs) {
      const res = await call(u, 'POST', `/api/jobs/${r.id}/withdraw`, { confirm: true, reason: `范围撤回${u.label}` });
      if (!visible(u, r)) {
        ok(res, 404);
        expect((await call(r.owner, 'GET', `/api/jobs/${r.id}`)).json().status).toBe(
          withdrawn.has(r.id) ? 'withdrawn' : 'open',
        );
        continue;
      }
      ok(res, withdrawn.has(r.id) ? 409 : 200);
      withdrawn.add(r.id);
    }
  },
  // Any posting can be matched, but only against the seekers in the caller's scope.
  'GET /api/jobs/:id/matches': async (u) => {
    await seedPostings();
    await seedSeekers();
    for (const r of postings.recs) {
      const res = await call(u, 'GET', `/api/jobs/${r.id}/matches`);
      ok(res, 200);
      const ids = new Set(res.json().items.map((m: { seekerId: string }) => m.seekerId));
      for (const s of seekers.recs)
        expect(ids.has(s.id), `${u.name} matches ${s.label} to ${r.label}`).toBe(visible(u, s));
    }
  },
  // ---------------------------------------------------------------- seekers
  'GET /api/seekers': async (u) => {
    await seedSeekers();
    const ids = await listed(u, '/api/seekers');
    for (const r of seekers.recs) expect(ids.has(r.id), `${u.name} sees ${r.label}`).toBe(visible(u, r));
  },
  // A new worker of the caller's becomes a seeker; of the fixture workers, those in scope already are seekers
  // (409), the others are no workers for the caller (400, as an unknown one).
  'POST /api/seekers': async (u) => {
    await seedSeekers();
    seekers.recs.push(await enrol(u, await register(u, `新求职${u.label}`)));
    for (const w of workers) ok(await call(u, 'POST', '/api/seekers', seekerBody(w.id)), visible(u, w) ? 409 : 400);
  },
  'GET /api/seekers/:id': async (u) => {
    await seedSeekers();
    for (const r of seekers.recs) expectScoped(await call(u, 'GET', `/api/seekers/${r.id}`), visible(u, r));
  },
  'PUT /api/seekers/:id': async (u) => {
    await seedSeekers();
    for (const r of seekers.recs) {
      const before = await version(r, `/api/seekers/${r.id}`);
      const { workerId: _w, ...body } = seekerBody(workers[0].id);
      const res = await call(u, 'PUT', `/api/seekers/${r.id}`, {
        ...body,
        note: `范围修改${u.label}`,
        version: before,
      });
      expectScoped(res, visible(u, r));
      if (!visible(u, r)) expect(await version(r, `/api/seekers/${r.id}`), `${u.name} left ${r.label}`).toBe(before);
    }
  },
  'POST /api/seekers/:id/reconfirm': async (u) => {
    await seedSeekers();
    for (const r of seekers.recs) expectScoped(await call(u, 'POST', `/api/seekers/${r.id}/reconfirm`), visible(u, r));
  },
  'GET /api/seekers/:id/matches': async (u) => {
    await seedSeekers();
    for (const r of seekers.recs) expectScoped(await call(u, 'GET', `/api/seekers/${r.id}/matches`), visible(u, r));
  },
  // ---------------------------------------------------------------- referrals
  'GET /api/referrals': async (u) => {
    await seedReferrals();
    const ids = await listed(u, '/api/referrals');
    for (const r of referrals.recs) expect(ids.has(r.id), `${u.name} sees ${r.label}`).toBe(visible(u, r));
  },
  'GET /api/referrals/stats': async (u) => {
    await seedReferrals();
    const res = await call(u, 'GET', '/api/referrals/stats');
    ok(res, 200);
    const rows = res.json().byRegion as { regionCode: string; referrals: number }[];
    for (const row of rows) if (u.scope !== 'all') expect(row.regionCode.startsWith(u.region)).toBe(true);
    expect(
      rows.reduce((s, r) => s + r.referrals, 0),
      `${u.name} counts the referrals in scope`,
    ).toBe(visibleCount(u, referrals.recs));
  },
  // The caller refers every seeker to a posting of its own: a seeker in scope → 201 (the referral is the
  // caller's, at the seeker's place), out of scope → 404.
  'POST /api/referrals': async (u) => {
    await seedReferrals();
    const target = await publish(u, u.village, '推荐目标岗');
    for (const s of [...seekers.recs]) {
      const res = await call(u, 'POST', '/api/referrals', { seekerId: s.id, jobId: target.id });
      expectScoped(res, visible(u, s), 201);
      if (res.statusCode === 201)
        referrals.recs.push({ id: res.json().id, owner: u, region: s.region, label: `推荐${s.label}由${u.label}` });
    }
  },
  // 'interviewed' is not final: every user in scope may record it.
  'POST /api/referrals/:id/outcome': async (u) => {
    await seedReferrals();
    for (const r of referrals.recs)
      expectScoped(await call(u, 'POST', `/api/referrals/${r.id}/outcome`, { outcome: 'interviewed' }), visible(u, r));
  },
  // No referral is hired: in scope the rule answers (409, only hires are followed up); out of scope: 404.
  'POST /api/referrals/:id/follow-ups': async (u) => {
    await seedReferrals();
    for (const r of referrals.recs)
      expectScoped(
        await call(u, 'POST', `/api/referrals/${r.id}/follow-ups`, { day: 30, stillEmployed: true }),
        visible(u, r),
        409,
      );
  },
  // ---------------------------------------------------------------- list exports (xlsx): the list's rows, no more
  'GET /api/jobs/export': exportCheck('/api/jobs', seedPostings, postings, listsPosting),
  'GET /api/seekers/export': exportCheck('/api/seekers', seedSeekers, seekers, visible),
  'GET /api/referrals/export': exportCheck('/api/referrals', seedReferrals, referrals, visible),
};

export const EMPLOYMENT_EXEMPT: Record<string, string> = {
  'POST /api/jobs/moderation': 'pure check of the submitted text (招聘信息审核预览), reads and writes no record',
  'GET /api/match-weights/default': 'city-wide match model parameters (人岗匹配默认权重), no record of a scope',
  'PUT /api/match-weights/default': 'city-wide match model parameters, city level only (match-weights.test.ts)',
};
