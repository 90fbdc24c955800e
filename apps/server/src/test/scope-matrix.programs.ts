import { DEFAULT_MATCH_WEIGHTS } from '@mwsp/domain';
import { expect } from 'vitest';
import {
  type Check,
  type Rec,
  type User,
  U,
  USERS,
  WUHUA,
  call,
  expectScoped,
  ok,
  register,
  visible,
  workers,
} from './scope-matrix.fixture.js';

/**
 * The scope matrix of the employment programmes (campaigns, surveys, cooperation, startup, consulting): every
 * user registers one record of each register (on first use), lists show exactly the records in scope, creation
 * outside the caller's region is refused, per-record routes answer 404 out of scope, and results, statistics
 * and exports count only what is in scope.
 */

const workerOf = (u: User) => workers.find((w) => w.owner === u)!.id;
const outside = (u: User) => (u.region === WUHUA ? U.regionP.village : U.region.village);

interface Register {
  url: string;
  body: (u: User, regionCode: string) => Promise<object> | object;
  recs: Rec[];
  seeded?: Promise<void>;
}

function registerOf(url: string, body: Register['body']): Register {
  return { url, body, recs: [] };
}

async function create(reg: Register, u: User, regionCode: string): Promise<Rec> {
  const res = await call(u, 'POST', reg.url, await reg.body(u, regionCode));
  ok(res, 201);
  const rec = { id: res.json().id as string, owner: u, region: regionCode, label: `${reg.url}:${u.label}` };
  reg.recs.push(rec);
  return rec;
}

/** One record of the register per user, created once. */
function seeded(reg: Register): Promise<void> {
  reg.seeded ??= (async () => {
    for (const u of USERS) await create(reg, u, u.village);
  })();
  return reg.seeded;
}

const listCheck =
  (reg: Register, url = reg.url): Check =>
  async (u) => {
    await seeded(reg);
    const res = await call(u, 'GET', `${url}${url.includes('?') ? '&' : '?'}pageSize=200`);
    ok(res, 200);
    const ids = new Set(res.json().items.map((r: { id: string }) => r.id));
    for (const r of reg.recs) expect(ids.has(r.id), `${u.name} sees ${r.label}`).toBe(visible(u, r));
  };

/** Created in the caller's region; outside it the region does not exist for the caller (404). */
const createCheck =
  (reg: Register, outsideCodes = [404]): Check =>
  async (u) => {
    await seeded(reg);
    await create(reg, u, u.village);
    if (u.scope !== 'all') {
      const res = await call(u, 'POST', reg.url, await reg.body(u, outside(u)));
      ok(res, ...outsideCodes);
    }
  };

const MATCH_WEIGHTS = { ...DEFAULT_MATCH_WEIGHTS, distance: 3 };

const perRecord =
  (reg: Register, fn: (u: User, r: Rec, inScope: boolean) => Promise<void>): Check =>
  async (u) => {
    await seeded(reg);
    for (const r of [...reg.recs]) await fn(u, r, visible(u, r));
  };

const visibleCount = (u: User, recs: Rec[]) => recs.filter((r) => visible(u, r)).length;

// ---------------------------------------------------------------- the registers

const campaigns = registerOf('/api/campaigns', (u, regionCode) => ({
  kind: 'job_fair',
  name: `范围招聘会${u.label}`,
  startDate: '2026-02-01',
  endDate: '2026-03-31',
  regionCode,
  organiser: `人社局${u.label}`,
}));
/** The fairs: one in each campaign, by the campaign's owner, at the campaign's place. */
const fairs: Register = {
  url: '',
  body: () => ({}),
  recs: [],
};
fairs.seeded = undefined;
async function seedFairs() {
  await seeded(campaigns);
  fairs.seeded ??= (async () => {
    for (const c of [...campaigns.recs]) {
      const res = await call(c.owner, 'POST', `/api/campaigns/${c.id}/fairs`, {
        heldOn: '2026-02-20',
        venue: `范围会场${c.owner.label}`,
        regionCode: c.region,
        employers: [{ name: '范围单位', booths: 1, positions: 3 }],
      });
      ok(res, 201);
      fairs.recs.push({
        id: `${c.id}/fairs/${res.json().id}`,
        owner: c.owner,
        region: c.region,
        label: `fair ${c.label}`,
      });
    }
  })();
  await fairs.seeded;
}

const demand = registerOf('/api/surveys/demand', (u, regionCode) => ({
  period: '范围期次',
  surveyedOn: '2026-03-01',
  regionCode,
  employerName: `范围企业${u.label}`,
  occupation: '6-31-01-03',
  headcount: 1,
  wageFen: 500_000,
}));
/** The outbound survey is filed under the worker's region: a worker registered where the record should be. */
const outbound = registerOf('/api/surveys/outbound', async (u, regionCode) => ({
  period: '范围期次',
  surveyedOn: '2026-03-01',
  workerId: regionCode === u.village ? workerOf(u) : workers.find((w) => w.region === regionCode)!.id,
  destination: '浙江省宁波市',
  status: 'employed',
  incomeFen: 500_000,
}));
const agreements = registerOf('/api/cooperation/agreements', (u, regionCode) => ({
  regionCode,
  destination: '浙江省宁波市',
  originParty: `输出地${u.label}`,
  destinationParty: '宁波市人社局',
  startDate: '2026-01-01',
  endDate: '2027-12-31',
  targetCount: 10,
}));
const stations = registerOf('/api/cooperation/stations', (u, regionCode) => ({
  regionCode,
  name: `范围工作站${u.label}`,
  destination: '浙江省宁波市',
  establishedOn: '2026-01-01',
  workerIds: [workerOf(u)],
}));
const groups = registerOf('/api/cooperation/groups', (u, regionCode) => ({
  regionCode,
  departedOn: '2026-02-20',
  destination: '浙江省宁波市',
  members: [{ workerId: workerOf(u), workplace: '宁波某厂' }],
}));
let brandSeq = 0;
const brands = registerOf('/api/cooperation/brands', (u, regionCode) => ({
  regionCode,
  name: `范围品牌${u.label}${brandSeq++}`,
}));
let siteYear = 2000;
const modelSites = registerOf('/api/cooperation/model-sites', (_u, regionCode) => ({
  regionCode,
  kind: 'village',
  year: siteYear++,
  transferred: 1,
}));
/** A loan per worker and county: each application of the create check is for a newly registered worker. */
const loans = registerOf('/api/startup/loans', async (u, regionCode) => ({
  workerId: loans.recs.some((r) => r.owner === u) ? (await register(u, `贷款人${u.label}`)).id : workerOf(u),
  regionCode,
  business: '范围创业项目',
  amountFen: 1_000_000,
  bank: '范围银行',
  appliedOn: '2026-02-01',
}));
const incubators = registerOf('/api/startup/incubators', (u, regionCode) => ({
  regionCode,
  kind: 'park',
  name: `范围园区${u.label}`,
  operator: '范围运营方',
  openedOn: '2025-01-01',
  businesses: [{ name: '范围企业', jobs: 2 }],
}));
const consultations = registerOf('/api/consulting', (_u, regionCode) => ({
  regionCode,
  askedOn: '2026-03-01',
  topic: 'startup',
  channel: 'window',
  question: '范围咨询',
  answer: '范围答复',
}));

const decided = new Set<string>();

export const PROGRAMS_MATRIX: Record<string, Check> = {
  // ---------------------------------------------------------------- campaigns
  'GET /api/campaigns': listCheck(campaigns),
  'POST /api/campaigns': createCheck(campaigns),
  'GET /api/campaigns/:id': perRecord(campaigns, async (u, r, inScope) =>
    expectScoped(await call(u, 'GET', `/api/campaigns/${r.id}`), inScope),
  ),
  // A fair of a campaign the caller cannot see: the campaign does not exist for it.
  'POST /api/campaigns/:id/fairs': perRecord(campaigns, async (u, r, inScope) => {
    const res = await call(u, 'POST', `/api/campaigns/${r.id}/fairs`, {
      heldOn: '2026-02-21',
      venue: `会场${u.label}`,
      regionCode: r.region,
    });
    expectScoped(res, inScope, 201);
    if (res.statusCode === 201)
      fairs.recs.push({ id: `${r.id}/fairs/${res.json().id}`, owner: u, region: r.region, label: `fair by ${u.name}` });
  }),
  'PUT /api/campaigns/:id/fairs/:fairId/results': async (u) => {
    await seedFairs();
    for (const f of fairs.recs) {
      const res = await call(u, 'PUT', `/api/campaigns/${f.id}/results`, { attendees: 10, referrals: 2, hires: 1 });
      expectScoped(res, visible(u, f), 200);
    }
  },
  // 人岗匹配权重: read with the campaign; changed only at city level (403 below it, whatever the campaign).
  'GET /api/campaigns/:id/match-weights': perRecord(campaigns, async (u, r, inScope) =>
    expectScoped(await call(u, 'GET', `/api/campaigns/${r.id}/match-weights`), inScope),
  ),
  'PUT /api/campaigns/:id/match-weights': perRecord(campaigns, async (u, r, inScope) => {
    const res = await call(u, 'PUT', `/api/campaigns/${r.id}/match-weights`, { weights: MATCH_WEIGHTS });
    if (u.scope !== 'all') ok(res, 403);
    else expectScoped(res, inScope);
  }),
  'DELETE /api/campaigns/:id/match-weights': perRecord(campaigns, async (u, r, inScope) => {
    const res = await call(u, 'DELETE', `/api/campaigns/${r.id}/match-weights`);
    if (u.scope !== 'all') ok(res, 403);
    else expectScoped(res, inScope);
  }),
  'GET /api/campaigns/results': async (u) => {
    await seedFairs();
    const res = await call(u, 'GET', '/api/campaigns/results');
    ok(res, 200);
    const rows = res.json().rows as { regionCode: string; values: { fairs: number } }[];
    for (const row of rows) if (u.scope !== 'all') expect(row.regionCode.startsWith(u.region)).toBe(true);
    expect(
      rows.reduce((s, r) => s + r.values.fairs, 0),
      `${u.name} counts the fairs in scope`,
    ).toBe(visibleCount(u, fairs.recs));
  },
  // ---------------------------------------------------------------- surveys
  'GET /api/surveys/demand': listCheck(demand),
  'POST /api/surveys/demand': createCheck(demand),
  'GET /api/surveys/outbound': listCheck(outbound),
  // Another county's worker is no worker for the caller (400, as an unknown one).
  'POST /api/surveys/outbound': createCheck(outbound, [400]),
  'GET /api/surveys/:kind/results': async (u) => {
    await seeded(demand);
    const res = await call(u, 'GET', '/api/surveys/demand/results');
    ok(res, 200);
    const rows = res.json().rows as { values: { headcount: number } }[];
    expect(rows.reduce((s, r) => s + r.values.headcount, 0)).toBe(visibleCount(u, demand.recs));
  },
  'GET /api/surveys/:kind/export': async (u) => {
    await seeded(outbound);
    const res = await call(u, 'GET', '/api/surveys/outbound/export');
    ok(res, 200);
    expect(Number(res.headers['x-export-rows'])).toBe(visibleCount(u, outbound.recs));
  },
  // ---------------------------------------------------------------- cooperation
  'GET /api/cooperation/agreements': listCheck(agreements),
  'POST /api/cooperation/agreements': createCheck(agreements),
  'GET /api/cooperation/stations': listCheck(stations),
  'POST /api/cooperation/stations': createCheck(stations),
  'GET /api/cooperation/groups': listCheck(groups),
  'POST /api/cooperation/groups': createCheck(groups),
  'GET /api/cooperation/brands': listCheck(brands),
  'POST /api/cooperation/brands': createCheck(brands),
  'GET /api/cooperation/model-sites': listCheck(modelSites),
  'POST /api/cooperation/model-sites': createCheck(modelSites),
  // ---------------------------------------------------------------- startup
  'GET /api/startup/loans': listCheck(loans),
  'POST /api/startup/loans': createCheck(loans),
  // The first decision in scope is recorded; later ones find the loan decided (400); out of scope: 404.
  'POST /api/startup/loans/:id/decision': perRecord(loans, async (u, r, inScope) => {
    const res = await call(u, 'POST', `/api/startup/loans/${r.id}/decision`, {
      decision: 'rejected',
      decidedOn: '2026-03-01',
      version: 0,
    });
    if (!inScope) return ok(res, 404);
    ok(res, decided.has(r.id) ? 400 : 200);
    decided.add(r.id);
  }),
  'GET /api/startup/incubators': listCheck(incubators),
  'POST /api/startup/incubators': createCheck(incubators),
  // ---------------------------------------------------------------- consulting
  'GET /api/consulting': listCheck(consultations),
  'POST /api/consulting': createCheck(consultations),
  'GET /api/programs/:register/export': async (u) => {
    await seeded(consultations);
    const res = await call(u, 'GET', '/api/programs/consulting/export');
    ok(res, 200);
    expect(Number(res.headers['x-export-rows']), `${u.name} exports the enquiries in scope`).toBe(
      visibleCount(u, consultations.recs),
    );
  },
  'GET /api/consulting/stats': async (u) => {
    await seeded(consultations);
    const res = await call(u, 'GET', '/api/consulting/stats');
    ok(res, 200);
    expect(res.json().total, `${u.name} counts the enquiries in scope`).toBe(visibleCount(u, consultations.recs));
  },
};
