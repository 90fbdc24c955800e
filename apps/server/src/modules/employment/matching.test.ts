/**
 * Matching's fast path (candidates pre-ranked in SQL by an upper bound of the score, scored exactly page by page
 * until the top N is proven: matching.repo.ts, matching.service.ts exactTop) gives the same top-20 postings and
 * top-50 seekers, with the same scores, as scoring every open candidate by brute force — on a small seeded market
 * varied so that every feature and bound is exercised (wanted places, skills of other occupations, certificates,
 * second occupations, closed and expired postings, stale and employed seekers), with the default weights and with
 * a campaign's weights that include a negative one. A correctness test, not a timing one.
 */
import { randomUUID } from 'node:crypto';
import {
  countyCodeOf,
  DEFAULT_MATCH_WEIGHTS,
  eligible,
  occupationMiddle,
  rankBy,
  scoreMatch,
  SEEKER_STALE_DAYS,
  searchText,
  shanghaiDate,
  textGrams,
  type MatchWeights,
  type PostingFacts,
  type SeekerFacts,
} from '@mwsp/domain';
import { generateJobMarket } from '@mwsp/synth';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { all, toPgArray } from '../../db/client.js';
import { preparedPlans } from '../../db/pglite-prepared.js';
import type { Principal } from '../../platform/access/principal.js';
import { startTestPlatform, type TestPlatform } from '../../test/harness.js';
import * as repo from './matching.repo.js';
import { PILOT_KINDS, SEEKER_PILOT } from './matching.service.js';
import { SEEKER_KINDS, seekerKind } from './seekerTiers.js';

let t: TestPlatform;
const DAY = 86_400_000;
const CAMPAIGN = randomUUID();
const CITY = '5301';

const principal = (regionCode: string): Principal => ({
  userId: randomUUID(),
  username: 'match_test',
  displayName: '匹配测试',
  departmentId: null,
  departmentName: null,
  regionCode,
  dataScope: 'region',
  roles: [],
  permissions: new Set(['employment:read', 'employment:handle']),
  via: 'session',
  ip: '127.0.0.1',
});

type Row = PostingFacts & { id: string };
type SeekerRow = SeekerFacts & { id: string; countyCode: string };
let postings: Row[] = [];
let seekers: SeekerRow[] = [];
let weights: MatchWeights;

/** job_seekers rows (snake_case, as the table's columns) written as the owner, bypassing the service. */
async function insertSeekerRows(rows: object[]): Promise<void> {
  await t.db.owner.execute(
    sql`insert into job_seekers (county_code, id, worker_id, name, sex, birth_date, region_code, occupations,
        occ_middles, places, preference, min_wage_fen, skills, status, reconfirmed_at, created_at)
      select county_code, id, worker_id, name, sex, birth_date, region_code, occupations, occ_middles, places,
        preference, min_wage_fen, skills, status, reconfirmed_at, created_at
      from jsonb_populate_recordset(null::job_seekers, ${JSON.stringify(rows)}::jsonb)`,
  );
}

/** The brute force's view of such a row. */
function seekerOf(x: {
  id: string;
  county_code: string;
  occupations: string[];
  skills: SeekerFacts['skills'];
  region_code: string;
  places: string[];
  preference: string;
  min_wage_fen: number;
}): SeekerRow {
  return {
    id: x.id,
    countyCode: x.county_code,
    occupations: x.occupations,
    skills: x.skills,
    regionCode: x.region_code,
    places: x.places,
    preference: x.preference as SeekerFacts['preference'],
    minWageFen: x.min_wage_fen,
  };
}

beforeAll(async () => {
  t = await startTestPlatform();
  t.services.matching.firstPage = 7; // several pages and early stops on a small market
  const now = t.clock.now();
  const places = await all<{ code: string; level: number }>(
    t.db.owner,
    sql`select code, level from regions where code like ${CITY + '%'} and level in (4, 5) order by code`,
  );
  const townships = places.filter((r) => r.level === 4).map((r) => r.code);
  const villages = places.filter((r) => r.level === 5).map((r) => r.code);
  // A few counties only, so that candidate sets exceed a page of the fast path.
  const counties = [...new Set(townships.map(countyCodeOf))].slice(0, 3);
  const m = generateJobMarket({
    seed: 7,
    postings: 2500,
    seekers: 2500,
    townships: townships.filter((c) => counties.includes(countyCodeOf(c))),
    villages: villages.filter((c) => counties.includes(countyCodeOf(c))),
  });
  const codes = [...new Set(m.postings.map((p) => p.occupationCode))];
  const postingRows = m.postings.map((p, i) => ({
    county_code: countyCodeOf(p.regionCode),
    id: p.id,
    employer_id: randomUUID(),
    employer_name: `测试单位${i}`,
    title: p.title,
    occupation_code: i % 17 === 0 ? occupationMiddle(p.occupationCode) : p.occupationCode, // a 中类 only
    occ_middle: occupationMiddle(p.occupationCode),
    headcount: 3,
    wage_min_fen: p.wageMinFen,
    wage_max_fen: p.wageMaxFen,
    region_code: p.regionCode,
    address: '测试地址',
    requirements: { skills: [], certificates: p.certificates, sex: 'any' },
    certificates: p.certificates,
    housing: p.benefits.housing,
    meals: p.benefits.meals,
    insurance: p.benefits.insurance,
    valid_until: i % 23 === 0 ? shanghaiDate(new Date(now.getTime() - 2 * DAY)) : '2099-12-31',
    status: i % 19 === 0 ? 'filled' : 'open',
    grams: textGrams(p.title, p.occupationName),
    search_text: searchText(p.title, p.occupationName),
    published_at: new Date(now.getTime() - p.ageDays * DAY - (i % 7) * 20 * DAY).toISOString(),
  }));
  const seekerRows = m.seekers.map((s, i) => {
    const skills = [...s.skills];
    if (i % 5 === 0)
      skills.push({ occupationCode: codes[i % codes.length]!, certificate: i % 10 === 0 ? '电工证' : null });
    // More codes than the slot indexes hold (0051: three occupations, two skills): the overflow index.
    if (i % 29 === 0)
      skills.push(
        { occupationCode: codes[(i * 5) % codes.length]!, certificate: null },
        { occupationCode: codes[(i * 11) % codes.length]!, certificate: '焊工证' },
      );
    const more = i % 31 === 0 ? [codes[(i * 7) % codes.length]!, codes[(i * 13) % codes.length]!] : [];
    const occupations = [
      ...(i % 7 === 0 ? [...s.occupations, codes[(i * 3) % codes.length]!] : s.occupations),
      ...more,
    ];
    const wanted = i % 4 === 0 ? [s.regionCode.slice(0, 6)] : i % 6 === 0 ? [townships[i % townships.length]!] : [];
    return {
      county_code: countyCodeOf(s.regionCode),
      id: s.id,
      worker_id: randomUUID(),
      name: `求职者${i}`,
      sex: 'female',
      birth_date: '1990-01-01',
      region_code: s.regionCode,
      occupations,
      occ_middles: [...new Set([...occupations, ...skills.map((k) => k.occupationCode)].map(occupationMiddle))],
      places: wanted,
      preference: s.preference,
      min_wage_fen: s.minWageFen,
      skills,
      status: i % 13 === 0 ? 'employed' : i % 3 === 0 ? 'referred' : 'seeking',
      reconfirmed_at: new Date(now.getTime() - (i % 11 === 0 ? SEEKER_STALE_DAYS + 1 : 1) * DAY).toISOString(),
      created_at: now.toISOString(),
    };
  });
  await t.db.owner.execute(
    sql`insert into job_postings (county_code, id, employer_id, employer_name, title, occupation_code, occ_middle,
        headcount, wage_min_fen, wage_max_fen, region_code, address, requirements, certificates, housing, meals,
        insurance, valid_until, status, grams, search_text, published_at)
      select county_code, id, employer_id, employer_name, title, occupation_code, occ_middle, headcount,
        wage_min_fen, wage_max_fen, region_code, address, requirements, certificates, housing, meals, insurance,
        valid_until, status, grams, search_text, published_at
      from jsonb_populate_recordset(null::job_postings, ${JSON.stringify(postingRows)}::jsonb)`,
  );
  await insertSeekerRows(seekerRows);
  weights = { occupation: 3, skills: -1, distance: 2.5, wage: 1, preference: 0, benefits: 0.7, freshness: 2 };
  await t.db.owner.execute(
    sql`insert into match_weights (key, weights) values (${CAMPAIGN}, ${JSON.stringify(weights)}::jsonb)`,
  );
  // The brute force reads every row back, with the database's own filters written out in TypeScript.
  const today = shanghaiDate(now);
  postings = postingRows
    .filter((p) => p.status === 'open' && p.valid_until >= today)
    .map((p) => ({
      id: p.id,
      occupationCode: p.occupation_code,
      certificates: p.certificates,
      regionCode: p.region_code,
      wageMinFen: p.wage_min_fen,
      wageMaxFen: p.wage_max_fen,
      benefits: { housing: p.housing, meals: p.meals, insurance: p.insurance },
      ageDays: (now.getTime() - new Date(p.published_at).getTime()) / DAY,
    }));
  seekers = seekerRows
    .filter(
      (s) => s.status !== 'employed' && new Date(s.reconfirmed_at).getTime() >= now.getTime() - SEEKER_STALE_DAYS * DAY,
    )
    .map(seekerOf);
}, 120_000);

afterAll(async () => {
  await t?.close();
});

const sample = <T>(xs: T[], n: number) => Array.from({ length: n }, (_, i) => xs[Math.floor((i * xs.length) / n)]!);

/** A posting's part of repo.seekerCandidates' parameters, as the service passes it (default weights). */
const postingFacts = (p: Row) => ({
  middle: occupationMiddle(p.occupationCode),
  wageMaxFen: p.wageMaxFen,
  freshSince: new Date(t.clock.now().getTime() - SEEKER_STALE_DAYS * DAY),
  jobCounty: countyCodeOf(p.regionCode),
  posting: p,
  weights: DEFAULT_MATCH_WEIGHTS,
});

describe('the fast path of matching equals brute force', () => {
  it('top-20 postings for a seeker: the same ids and scores, default and campaign weights', async () => {
    const seen = { pages: 0, proven: 0 };
    for (const [i, s] of sample(seekers, 80).entries()) {
      const campaign = i % 2 === 1;
      const w = campaign ? weights : undefined;
      const got = await t.services.matching.forSeeker(principal(CITY), s.id, campaign ? { campaignId: CAMPAIGN } : {});
      seen.pages = Math.max(seen.pages, got.ranking.pages);
      seen.proven += got.ranking.proven ? 1 : 0;
      const want = rankBy(
        postings.filter((p) => eligible(s, p)).map((p) => ({ id: p.id, score: scoreMatch(s, p, w).score })),
        (x) => x.score,
        (x) => x.id,
        20,
      );
      expect(
        got.items.map((x) => [x.jobId, x.score]),
        s.id,
      ).toEqual(want.map((x) => [x.id, x.score]));
    }
    expect(seen.pages).toBeGreaterThan(1);
    expect(seen.proven).toBeGreaterThan(0);
  });

  it('top-50 seekers for a posting, in a city scope and in a county scope', async () => {
    const seen = { pages: 0, proven: 0 };
    const slack = t.services.matching.capSlack;
    for (const [i, p] of sample(postings, 16).entries()) {
      const campaign = i % 2 === 1;
      const w = campaign ? weights : undefined;
      const scope = i % 4 < 2 ? CITY : countyCodeOf(p.regionCode);
      // The kinds' arms: all caps merged, merged within 25 %, each cap its own (MatchingService.capSlack).
      t.services.matching.capSlack = [Infinity, 0.25, 0][i % 3]!;
      const got = await t.services.matching.forJob(principal(scope), p.id, campaign ? { campaignId: CAMPAIGN } : {});
      seen.pages = Math.max(seen.pages, got.ranking.pages);
      seen.proven += got.ranking.proven ? 1 : 0;
      const want = rankBy(
        seekers
          // The pool of a posting: 就地就近 seekers of its own county only (matching.repo.ts seekerCandidates).
          .filter((s) => s.countyCode.startsWith(scope) && eligible(s, p))
          .filter((s) => s.preference !== 'local' || s.countyCode === countyCodeOf(p.regionCode))
          .map((s) => ({ id: s.id, score: scoreMatch(s, p, w).score })),
        (x) => x.score,
        (x) => x.id,
        50,
      );
      expect(
        got.items.map((x) => [x.seekerId, x.score]),
        p.id,
      ).toEqual(want.map((x) => [x.id, x.score]));
    }
    t.services.matching.capSlack = slack;
    expect(seen.pages).toBeGreaterThan(1);
    expect(seen.proven).toBeGreaterThan(0);
  });
  it('the generated match_kind (0065) is seekerKind of every seeker: the tiers read the kinds they bound', async () => {
    const rows = await all<{ id: string; kind: number }>(
      t.db.owner,
      sql`select id, match_kind as kind from job_seekers
        where id = any(${toPgArray(seekers.map((s) => s.id))}::uuid[])`,
    );
    const stored = new Map(rows.map((r) => [r.id, Number(r.kind)]));
    expect(stored.size).toBe(seekers.length);
    const wrong = seekers.filter((s) => stored.get(s.id) !== seekerKind(s));
    expect(wrong.map((s) => [s.id, s.preference, s.skills, stored.get(s.id)])).toEqual([]);
    // Every kind occurs in the market, 就地就近 and 外出 apart (a test that cannot tell them apart proves nothing).
    expect([...new Set(stored.values())].sort((a, b) => a - b)).toEqual([...SEEKER_KINDS]);
  });

  it('the township arm (a POSIX range, job_seekers_kind_town, 0060) reads its township of the county arm', async () => {
    // Every township of the sampled postings: the rows of the county arm (no cap) in the township, under RLS.
    let towns = 0;
    for (const p of sample(postings, 40).filter((x) => x.regionCode.length >= 9)) {
      const county = countyCodeOf(p.regionCode);
      const township = p.regionCode.slice(0, 9);
      const read = (arm: repo.SeekerArm) =>
        t.db.scoped({ region: CITY }, (tx) =>
          repo.seekerCandidates(tx, {
            ...postingFacts(p),
            arms: [arm],
            offset: 0,
            limit: 100_000,
          }),
        );
      const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();
      const inTown = (await read({ county, places: 'none', bySlots: true })).filter((r) =>
        r.regionCode.startsWith(township),
      );
      expect(ids(await read({ county, township, places: 'none', bySlots: true })), township).toEqual(ids(inTown));
      if (inTown.length) towns++;
    }
    expect(towns).toBeGreaterThan(3);
  });

  it('the fixed shape (match10): an arm off reads nothing, whatever its other conditions admit', async () => {
    // The seekers' statement of a fixed shape (MatchingService.fixedSlots) keeps every tier's arms and turns the
    // unused ones off by their parameters (an empty wage range): prepared by its text on PostgreSQL (not the
    // transaction's first statement) and on PGlite, the same text for both reads below.
    let checked = 0;
    for (const p of sample(postings, 12)) {
      const county = countyCodeOf(p.regionCode);
      const read = (arms: repo.SeekerArm[]) =>
        t.db.scoped({ region: CITY }, async (tx) => {
          await all(tx, sql`select 1`);
          return repo.seekerCandidates(tx, {
            ...postingFacts(p),
            arms,
            fixed: { wageMaxFen: p.wageMaxFen },
            prepared: true,
            offset: 0,
            limit: 100_000,
          });
        });
      const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();
      const kinds = [0, 1, 2, 3, 4, 5];
      const here: repo.SeekerArm = { county, places: 'none', bySlots: true, kinds };
      // Off with every kind still named (the wage range alone must turn them off), and a tier without kinds.
      const there: repo.SeekerArm = { notCounty: county, places: 'none', bySlots: true, kinds };
      const placed: repo.SeekerArm = { places: 'some' };
      const every = await read([here, there, placed]);
      const inCounty = every.filter((r) => r.regionCode.startsWith(county) && r.places.length === 0);
      expect(ids(await read([here, { ...there, off: true }, { ...placed, off: true }])), p.id).toEqual(ids(inCounty));
      expect(
        await read([
          { ...here, off: true },
          { ...there, off: true },
          { ...placed, off: true },
        ]),
      ).toEqual([]);
      if (inCounty.length && every.length > inCounty.length) checked++;
    }
    expect(checked).toBeGreaterThan(3);
  });

  it('candidate rows packed as one json value each (match13): the plain rows, in their order, on PGlite', async () => {
    // matching.repo.ts packedRows: every field of every row (the name, arrays, jsonb, booleans, the bound's float8,
    // the timestamp) as the plain statement gives it, pages in the same order; taken on PGlite only.
    const [citus] = await all<{ c: boolean }>(
      t.db.owner,
      sql`select exists (select 1 from pg_extension where extname = 'citus') as c`,
    );
    await t.db.scoped({ region: CITY }, async (tx) => expect(repo.packedRows(tx)).toBe(t.db.kind === 'pglite'));
    if (citus!.c) return; // a subquery over a distributed LIMIT: not Citus's path (packedRows is false there)
    const now = t.clock.now();
    let rows = 0;
    for (const p of sample(postings, 8)) {
      const county = countyCodeOf(p.regionCode);
      for (const floor of [undefined, 3])
        for (const offset of [0, 5]) {
          const read = (packed: boolean) =>
            t.db.scoped({ region: CITY }, (tx) =>
              repo.seekerCandidates(tx, {
                ...postingFacts(p),
                arms: [{ county, places: 'none', bySlots: true }, { places: 'some' }],
                floor,
                prepared: true,
                packed,
                offset,
                limit: 30,
              }),
            );
          const plain = await read(false);
          expect(await read(true), p.id).toEqual(plain);
          rows += plain.length;
        }
    }
    for (const s of sample(seekers, 8)) {
      const read = (packed: boolean) =>
        t.db.scoped({ region: CITY }, (tx) =>
          repo.postingCandidates(tx, {
            middles: [...new Set([...s.occupations, ...s.skills.map((k) => k.occupationCode)].map(occupationMiddle))],
            minWageFen: s.minWageFen,
            today: shanghaiDate(now),
            counties: null,
            grams: [],
            terms: [],
            seeker: s,
            weights: DEFAULT_MATCH_WEIGHTS,
            now,
            prepared: true,
            packed,
            offset: 0,
            limit: 30,
          }),
        );
      const plain = await read(false);
      expect(await read(true), s.id).toEqual(plain);
      rows += plain.length;
    }
    expect(rows).toBeGreaterThan(100);
  });

  it('the fixed shape is taken where statements are prepared by text: PostgreSQL, PGlite (match12)', async () => {
    // PostgreSQL without Citus and PGlite (one connection) plan the seekers' statement once per text: there it is of
    // the fixed shape (every arm with its wage range as two parameters, -2147483648 the lower end of an arm on).
    const [citus] = await all<{ c: boolean }>(
      t.db.owner,
      sql`select exists (select 1 from pg_extension where extname = 'citus') as c`,
    );
    await t.db.scoped({ region: CITY }, async (tx) => expect(repo.plansOnce(tx)).toBe(!citus!.c));
    if (t.db.kind !== 'pglite') return; // PostgreSQL's EXECUTEs are not probed (db/prepared.ts)
    const args: string[] = [];
    preparedPlans.onExecute = (_name, a) => void args.push(a);
    try {
      for (const p of sample(postings, 8)) await t.services.matching.forJob(principal(CITY), p.id, {});
    } finally {
      preparedPlans.onExecute = undefined;
    }
    expect(args.length).toBeGreaterThan(7);
    for (const a of args) expect(a).toContain("'-2147483648'");
  });

  it('top-50 seekers with the pilot floor (many seekers of one code in one county): the same list', async () => {
    // A posting whose code is the first occupation of 160 more seekers of its county (with skills, no certificate,
    // not 不限: the pilot's kind; no wanted place), so that the pilot (matching.repo.ts seekerPilot) finds 50 of
    // them and its 50th score is the floor of every tier, the first included.
    const p = postings.find((x) => x.regionCode.length >= 9 && x.occupationCode.split('-').length === 4)!;
    const county = countyCodeOf(p.regionCode);
    const now = t.clock.now();
    const extra = Array.from({ length: 160 }, (_, i) => ({
      county_code: county,
      id: randomUUID(),
      worker_id: randomUUID(),
      name: `试点${i}`,
      sex: 'male',
      birth_date: '1990-01-01',
      region_code: i % 3 === 0 ? p.regionCode : county,
      occupations: i % 4 === 0 ? [p.occupationCode, occupationMiddle(p.occupationCode)] : [p.occupationCode],
      occ_middles: [occupationMiddle(p.occupationCode)],
      places: [],
      preference: i % 2 ? 'outbound' : 'local',
      min_wage_fen: 100_000 + ((i * 7919) % 40) * 10_000,
      skills: [{ occupationCode: i % 5 ? p.occupationCode : occupationMiddle(p.occupationCode), certificate: null }],
      status: 'seeking',
      reconfirmed_at: new Date(now.getTime() - DAY).toISOString(),
      created_at: now.toISOString(),
    }));
    await insertSeekerRows(extra);
    const all2 = [...seekers, ...extra.map(seekerOf)];
    let piloted = 0;
    // The pilot on every backend here (the service has none on PGlite by default: MatchingService.pilot).
    const pilot = t.services.matching.pilot;
    t.services.matching.pilot = SEEKER_PILOT;
    const slack = t.services.matching.capSlack;
    for (const [i, scope] of [CITY, county, CITY, county].entries()) {
      const campaign = i % 2 === 1;
      const w = campaign ? weights : undefined;
      // Every kind of a tier one arm, then kinds merged within 25 % of the largest cap (MatchingService.capSlack).
      t.services.matching.capSlack = i < 2 ? Infinity : 0.25;
      const got = await t.services.matching.forJob(principal(scope), p.id, campaign ? { campaignId: CAMPAIGN } : {});
      if (/^pilot \(floor \d/.test(got.ranking.steps[0]?.label ?? '')) piloted++;
      const want = rankBy(
        all2
          .filter((s) => s.countyCode.startsWith(scope) && eligible(s, p))
          .filter((s) => s.preference !== 'local' || s.countyCode === county)
          .map((s) => ({ id: s.id, score: scoreMatch(s, p, w).score })),
        (x) => x.score,
        (x) => x.id,
        50,
      );
      expect(
        got.items.map((x) => [x.seekerId, x.score]),
        `${p.id} ${scope} ${campaign}`,
      ).toEqual(want.map((x) => [x.id, x.score]));
    }
    t.services.matching.pilot = pilot;
    t.services.matching.capSlack = slack;
    expect(piloted).toBe(4);
  });

  it('the pilot reads the certificate holders too (kind 7, match11): a higher floor, the same list', async () => {
    // Another posting (another code): 60 seekers with a related skill and no certificate (54 of kind 4: 就地就近, the
    // pilot's; 6 外出) and 60 with a certificate (0.4 of skills more; 54 of kind 7) in its county, and 60 stale ones
    // with the lowest minimum wages — out of the pool: a pilot that read them would take their scores for a floor and
    // list them.
    const first = postings.find((x) => x.regionCode.length >= 9 && x.occupationCode.split('-').length === 4)!;
    const p = postings.find(
      (x) =>
        x.regionCode.length >= 9 &&
        x.occupationCode.split('-').length === 4 &&
        x.occupationCode !== first.occupationCode &&
        countyCodeOf(x.regionCode) === countyCodeOf(first.regionCode),
    )!;
    const county = countyCodeOf(p.regionCode);
    const now = t.clock.now();
    const cert = p.certificates[0] ?? '电工证';
    const extra = Array.from({ length: 180 }, (_, i) => ({
      county_code: county,
      id: randomUUID(),
      worker_id: randomUUID(),
      name: `证书${i}`,
      sex: 'female',
      birth_date: '1991-01-01',
      region_code: i % 2 === 0 ? p.regionCode : county,
      occupations: [p.occupationCode],
      occ_middles: [occupationMiddle(p.occupationCode)],
      places: [],
      preference: i % 10 === 9 ? 'outbound' : 'local',
      min_wage_fen: i >= 120 ? 50_000 : 100_000 + ((i * 7919) % 40) * 10_000,
      skills: [{ occupationCode: p.occupationCode, certificate: i >= 60 ? cert : null }],
      status: 'seeking',
      reconfirmed_at: new Date(now.getTime() - (i >= 120 ? (SEEKER_STALE_DAYS + 30) * DAY : DAY)).toISOString(),
      created_at: now.toISOString(),
    }));
    await insertSeekerRows(extra);
    const pool = [...seekers, ...extra.slice(0, 120).map(seekerOf)];
    const m = t.services.matching;
    const saved = { pilot: m.pilot, kinds: m.pilotKinds };
    m.pilot = SEEKER_PILOT;
    const floorOf = (label: string | undefined) => Number(/^pilot \(floor ([0-9.-]+)\)/.exec(label ?? '')?.[1]);
    for (const scope of [CITY, county]) {
      const want = rankBy(
        pool
          .filter((s) => s.countyCode.startsWith(scope) && eligible(s, p))
          .filter((s) => s.preference !== 'local' || s.countyCode === county)
          .map((s) => ({ id: s.id, score: scoreMatch(s, p).score })),
        (x) => x.score,
        (x) => x.id,
        50,
      );
      const floors: number[] = [];
      for (const kinds of [PILOT_KINDS.slice(0, 1), PILOT_KINDS]) {
        m.pilotKinds = kinds;
        const got = await m.forJob(principal(scope), p.id, {});
        floors.push(floorOf(got.ranking.steps[0]?.label));
        expect(
          got.items.map((x) => [x.seekerId, x.score]),
          `${p.id} ${scope} ${kinds}`,
        ).toEqual(want.map((x) => [x.id, x.score]));
      }
      // Both pilots found 50 seekers; the certificate holders' raised the floor.
      expect(floors[0]).toBeGreaterThan(0);
      expect(floors[1]).toBeGreaterThan(floors[0]! + 0.1);
    }
    m.pilot = saved.pilot;
    m.pilotKinds = saved.kinds;
  });
});
