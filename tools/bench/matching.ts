/**
 * `npm run bench -- matching`: explainable matching at city scale (issue #12, "Speed").
 *
 * The synthetic labour market (@mwsp/synth jobMarket.ts) is written straight into job_postings and job_seekers (one
 * seeker row per worker; hand-written bulk SQL, as the other benchmarks' loads), then, through the module's own
 * services (MatchingService: candidate SQL, scoring, the impression insert):
 *   (a) p50/p95 of the top-20 postings for a seeker and of the top-50 seekers for a posting;
 *   (b) the same rankings by brute force in the same run (every open posting / every seeker fetched and scored):
 *       the time ratio, and agreement (share of identical top lists, mean overlap);
 *   (c) recall of two-character Chinese keyword queries (GIN grams + recheck) against a scan of the texts (the
 *       posting ids compared; one title in ten names a second trade so that every keyword occurs);
 *   (d) the offline precision@10 / recall@20 against the rule baseline (as `matching-eval`, smaller market).
 *
 * Sizes (issue: 100,000 postings / 1,000,000 workers on PostgreSQL, 20,000 / 100,000 on PGlite):
 *   `npm run bench -- matching [full|reduced|tiny]` (or BENCH_MATCH_SIZE): the issue's sizes, ÷5, ÷50;
 *   each count can be set: BENCH_MATCH_PG_POSTINGS, BENCH_MATCH_PG_WORKERS, BENCH_MATCH_PGLITE_POSTINGS,
 *   BENCH_MATCH_PGLITE_WORKERS; BENCH_MATCH_ENGINES (pglite,postgres), BENCH_MATCH_RUNS (40),
 *   BENCH_MATCH_BRUTE_RUNS (10), BENCH_MATCH_SEED (20261206). BENCH_MATCH_PG_URL: run on that PostgreSQL database
 *   instead of a throwaway cluster, and keep it: a second run with the same seed and sizes finds the postings
 *   there and skips the load (1,000,000 seekers take minutes); another count is refused. BENCH_MATCH_OFFLINE=0
 *   skips (d). BENCH_MATCH_WARM=0: no unmeasured (cold) pass before the measured one (by default each direction's
 *   sample is ranked once first and that pass's p50/p95 printed as the cold figures). BENCH_MATCH_VACUUM=0: the
 *   loaded tables only ANALYZEd (by default VACUUM (ANALYZE) and CHECKPOINT). BENCH_MATCH_PGLITE_DIR: PGlite on a
 *   data folder (as `npm start` keeps its database) instead of in memory: `1` a fresh temporary one, a path that
 *   folder, kept (a second run reuses the market there, its buffers cold).
 * The fast path is exact by construction (candidates ordered by an upper bound of the score in SQL, scored exactly
 * until the N-th score beats the next bound: matching.service.ts exactTop); (b) checks it in the same run and
 * prints how many candidates were scored exactly and how often the top N was proven before they ran out.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  countyCodeOf,
  eligible,
  occupationMiddle,
  queryGrams,
  queryTerms,
  rankBy,
  scoreMatch,
  searchText,
  textGrams,
} from '@mwsp/domain';
import { generateJobMarket, simulatedHires, type SynthPosting, type SynthSeeker } from '@mwsp/synth';
import { sql } from 'drizzle-orm';
import { createServices, type Services } from '../../apps/server/src/app.js';
import { ensureReferenceData } from '../../apps/server/src/bootstrap.js';
import { all, openDatabase, SYSTEM_SCOPE, type Database } from '../../apps/server/src/db/client.js';
import { preparedPlans, preparedStats } from '../../apps/server/src/db/pglite-prepared.js';
import { pgPreparedStats } from '../../apps/server/src/db/prepared.js';
import { migrate } from '../../apps/server/src/db/migrate.js';
import type { Principal } from '../../apps/server/src/platform/access/principal.js';
import { KeyRing, randomBytes } from '../../apps/server/src/platform/crypto/index.js';
import {
  CAP_SLACK,
  FIXED_SLOTS,
  SEEKER_PILOT,
  type RankingStats,
} from '../../apps/server/src/modules/employment/matching.service.js';
import { startThrowawayCluster } from '../pg-cluster.js';
import { cityPlaces, evaluate, postingFactsOf } from './matching-eval.js';
import { startCpuProfile } from './cpu-profile.js';

const CITY = '5301';
const SEED = Number(process.env.BENCH_MATCH_SEED ?? 20261206);
const RUNS = Number(process.env.BENCH_MATCH_RUNS ?? 40);
const WARM = Number(process.env.BENCH_MATCH_WARM ?? 1);
const BRUTE_RUNS = Number(process.env.BENCH_MATCH_BRUTE_RUNS ?? 10);
const KEYWORDS = ['焊工', '保洁', '木工', '电工', '厨师', '司机', '快递', '保安', '缝纫', '养老'];
/** `npm run bench -- matching reduced` (or BENCH_MATCH_SIZE): the issue's sizes divided by 5 (reduced) or 50 (tiny). */
const SIZE = process.argv[3] ?? process.env.BENCH_MATCH_SIZE ?? 'full';
const DIVISOR = SIZE === 'tiny' ? 50 : SIZE === 'reduced' ? 5 : 1;
const size = (env: string, full: number) => Number(process.env[env] ?? Math.round(full / DIVISOR));
const BATCH = 5000;
const NOW = new Date();

const stats = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0;
  return { p50: q(0.5), p95: q(0.95), max: s[s.length - 1] ?? 0 };
};
const f1 = (x: number) => x.toFixed(1);

/** The benchmarks' city-wide employment staff member (this file, matching-tail.ts, matching-arms.ts). */
export const PRINCIPAL: Principal = {
  userId: randomUUID(),
  username: 'bench',
  displayName: '基准测试',
  departmentId: null,
  departmentName: null,
  regionCode: CITY,
  dataScope: 'region',
  roles: [],
  permissions: new Set(['employment:read', 'employment:handle']),
  via: 'session',
  ip: '127.0.0.1',
};

// ---------------------------------------------------------------- load
/** Writes the synthetic market into the (empty) tables, then ANALYZE (matching-tail.ts uses it on PGlite too). */
export async function load(db: Database, postings: SynthPosting[], seekers: SynthSeeker[]) {
  for (let i = 0; i < postings.length; i += BATCH) {
    const rows = postings.slice(i, i + BATCH).map((p) => ({
      county_code: countyCodeOf(p.regionCode),
      id: p.id,
      employer_id: randomUUID(),
      employer_name: `基准单位${p.regionCode.slice(-3)}`,
      title: p.title,
      occupation_code: p.occupationCode,
      occ_middle: occupationMiddle(p.occupationCode),
      headcount: 5,
      wage_min_fen: p.wageMinFen,
      wage_max_fen: p.wageMaxFen,
      region_code: p.regionCode,
      address: '基准地址',
      requirements: { skills: [], certificates: p.certificates, sex: 'any' },
      certificates: p.certificates,
      housing: p.benefits.housing,
      meals: p.benefits.meals,
      insurance: p.benefits.insurance,
      valid_until: '2099-12-31',
      grams: textGrams(p.title, p.occupationName),
      search_text: searchText(p.title, p.occupationName),
      published_at: new Date(NOW.getTime() - p.ageDays * 86_400_000).toISOString(),
    }));
    await db.owner.execute(
      sql`insert into job_postings (county_code, id, employer_id, employer_name, title, occupation_code, occ_middle,
          headcount, wage_min_fen, wage_max_fen, region_code, address, requirements, certificates, housing, meals,
          insurance, valid_until, grams, search_text, published_at)
        select county_code, id, employer_id, employer_name, title, occupation_code, occ_middle, headcount,
          wage_min_fen, wage_max_fen, region_code, address, requirements, certificates, housing, meals, insurance,
          valid_until, grams, search_text, published_at
        from jsonb_populate_recordset(null::job_postings, ${JSON.stringify(rows)}::jsonb)`,
    );
  }
  for (let i = 0; i < seekers.length; i += BATCH) {
    const rows = seekers.slice(i, i + BATCH).map((s) => ({
      county_code: countyCodeOf(s.regionCode),
      id: s.id,
      worker_id: randomUUID(),
      name: `求职者${s.id.slice(0, 4)}`,
      sex: 'male',
      birth_date: '1990-01-01',
      region_code: s.regionCode,
      occupations: s.occupations,
      occ_middles: [...new Set([...s.occupations, ...s.skills.map((k) => k.occupationCode)].map(occupationMiddle))],
      places: s.places,
      preference: s.preference,
      min_wage_fen: s.minWageFen,
      skills: s.skills,
      reconfirmed_at: NOW.toISOString(),
      created_at: NOW.toISOString(),
    }));
    await db.owner.execute(
      sql`insert into job_seekers (county_code, id, worker_id, name, sex, birth_date, region_code, occupations,
          occ_middles, places, preference, min_wage_fen, skills, reconfirmed_at, created_at)
        select county_code, id, worker_id, name, sex, birth_date, region_code, occupations, occ_middles, places,
          preference, min_wage_fen, skills, reconfirmed_at, created_at
        from jsonb_populate_recordset(null::job_seekers, ${JSON.stringify(rows)}::jsonb)`,
    );
  }
  // A city's tables are vacuumed: without it autovacuum's insert-triggered VACUUM of the fresh tables, and the
  // first reads' hint bits on every heap page (writes, WAL), ran during the measured rankings (docs/MATCHING.md,
  // match8). BENCH_MATCH_VACUUM=0: ANALYZE only, as before.
  if (process.env.BENCH_MATCH_VACUUM === '0') await db.execScript('ANALYZE job_postings; ANALYZE job_seekers;');
  // One statement per call: VACUUM cannot run in a multi-statement string's implicit transaction.
  else
    for (const q of ['VACUUM (ANALYZE) job_postings', 'VACUUM (ANALYZE) job_seekers', 'CHECKPOINT'])
      await db.execScript(q);
}

// ---------------------------------------------------------------- brute force
type Facts = ReturnType<typeof postingFactsOf> & { id: string };

async function allPostings(db: Database): Promise<Facts[]> {
  const rows = await all<{
    id: string;
    occupationCode: string;
    certificates: string[];
    regionCode: string;
    wageMinFen: number;
    wageMaxFen: number;
    housing: boolean;
    meals: boolean;
    insurance: boolean;
    publishedAt: Date;
  }>(
    db.owner,
    sql`select id, occupation_code as "occupationCode", certificates, region_code as "regionCode",
      wage_min_fen as "wageMinFen", wage_max_fen as "wageMaxFen", housing, meals, insurance,
      published_at as "publishedAt" from job_postings where status = 'open'`,
  );
  return rows.map((r) => ({
    id: r.id,
    occupationCode: r.occupationCode,
    certificates: r.certificates,
    regionCode: r.regionCode,
    wageMinFen: r.wageMinFen,
    wageMaxFen: r.wageMaxFen,
    benefits: { housing: r.housing, meals: r.meals, insurance: r.insurance },
    ageDays: (NOW.getTime() - new Date(r.publishedAt).getTime()) / 86_400_000,
  }));
}

function agreement(a: string[], b: string[]) {
  const sb = new Set(b);
  return {
    same: a.length === b.length && a.every((x, i) => x === b[i]),
    overlap: a.filter((x) => sb.has(x)).length / Math.max(1, b.length),
  };
}

// ---------------------------------------------------------------- the cases
async function run(label: string, db: Database, services: Services, postingsN: number, workersN: number) {
  const places = await cityPlaces();
  const t0 = performance.now();
  const m = generateJobMarket({ seed: SEED, postings: postingsN, seekers: workersN, ...places });
  // One posting in ten names a second trade in its title, so that every keyword of (c) occurs in titles too.
  m.postings.forEach((p, i) => {
    if (i % 10 === 0) p.title = `${p.title}（兼${KEYWORDS[(i / 10) % KEYWORDS.length]}）`;
  });
  // BENCH_MATCH_PG_URL: a database loaded by an earlier run (same seed and sizes) is reused as it is.
  const [have] = await all<{ p: number; s: number }>(
    db.owner,
    sql`select (select count(*)::int from job_postings) as p, (select count(*)::int from job_seekers) as s`,
  );
  const reused = have!.p === postingsN && have!.s === workersN;
  if ((have!.p || have!.s) && !reused)
    throw new Error(`${label}: the database holds ${have!.p} postings and ${have!.s} seekers: use another`);
  if (!reused) await load(db, m.postings, m.seekers);
  console.log(
    `\n${label}: ${postingsN.toLocaleString()} postings, ${workersN.toLocaleString()} seekers ` +
      `${reused ? 'reused' : 'loaded'} in ${f1((performance.now() - t0) / 1000)} s`,
  );
  const matching = services.matching;
  // BENCH_MATCH_PREPARED=0: the candidate statements not prepared by text (db/pglite-prepared.ts, db/prepared.ts).
  if (process.env.BENCH_MATCH_PREPARED === '0') matching.preparedCandidates = false;
  // BENCH_MATCH_GENERIC=0: those statements under PostgreSQL's own plan cache mode (auto), not force_generic_plan.
  if (process.env.BENCH_MATCH_GENERIC === '0') preparedPlans.mode = 'auto';
  // BENCH_MATCH_TOWNS=0: the seekers' codes-in-county tiers not split by township (MatchingService.splitTowns).
  if (process.env.BENCH_MATCH_TOWNS === '0') matching.splitTowns = false;
  // BENCH_MATCH_FIXED=<n>: arms per tier of the seekers' statement of a fixed shape (MatchingService.fixedSlots; 0:
  // the arms follow the floor, unprepared on PostgreSQL, as before match10).
  if (process.env.BENCH_MATCH_FIXED) matching.fixedSlots = Number(process.env.BENCH_MATCH_FIXED);
  const sample = <T>(xs: T[], n: number) =>
    Array.from({ length: Math.min(n, xs.length) }, (_, i) => xs[Math.floor((i * xs.length) / n)]);

  // (a) + (b) seeker → postings
  const ms: number[] = [];
  const tops = new Map<string, string[]>();
  const examined = { rows: [] as number[], pages: [] as number[], proven: 0, sql: [] as number[], tiers: [0, 0] };
  const note = (ranking: RankingStats) => {
    examined.sql.push(ranking.sqlMs);
    examined.rows.push(ranking.fetched);
    examined.pages.push(ranking.pages);
    examined.proven += ranking.proven ? 1 : 0;
    examined.tiers[0] += ranking.tiers;
    examined.tiers[1] += ranking.skipped;
  };
  const examinedLine = () => {
    const r = stats(examined.rows);
    const q = stats(examined.sql);
    const line =
      `  of which the bound-ordered candidate SQL: p50 ${f1(q.p50)} ms, p95 ${f1(q.p95)} ms\n` +
      `  candidates scored exactly: p50 ${r.p50}, p95 ${r.p95}, max ${r.max}; pages max ` +
      `${Math.max(...examined.pages)}; top-N proven before the candidates ran out ` +
      `${examined.proven}/${examined.rows.length}` +
      (examined.tiers[0] ? `; tiers read ${examined.tiers[0]}, skipped ${examined.tiers[1]}` : '');
    examined.tiers = [0, 0];
    examined.rows = [];
    examined.sql = [];
    examined.pages = [];
    examined.proven = 0;
    return line;
  };
  // BENCH_MATCH_WARM (1; match11): each direction's sample ranked once first, its times reported as the cold pass,
  // then measured again warm — as a running city's server is (its shared buffers hold the pages it reads, every
  // statement text planned on its connections); 0: the one pass, cold, as before match11.
  const coldPass = async (ids: string[], rank: (id: string) => Promise<unknown>) => {
    if (WARM === 0) return;
    const cold: number[] = [];
    for (const id of ids) {
      const t = performance.now();
      await rank(id);
      cold.push(performance.now() - t);
    }
    const c = stats(cold.slice(2));
    console.log(`  (cold first pass over the same sample: p50 ${f1(c.p50)} ms, p95 ${f1(c.p95)} ms)`);
  };
  await coldPass(
    sample(m.seekers, RUNS + 2).map((s) => s.id),
    (id) => matching.forSeeker(PRINCIPAL, id, {}),
  );
  for (const s of sample(m.seekers, RUNS + 2)) {
    const t = performance.now();
    const r = await matching.forSeeker(PRINCIPAL, s.id, {});
    ms.push(performance.now() - t);
    note(r.ranking);
    tops.set(
      s.id,
      r.items.map((i) => i.jobId),
    );
  }
  ms.splice(0, 2); // warm-up
  const seekerExamined = examinedLine();
  const brute: number[] = [];
  const agree = { same: 0, overlap: 0, n: 0 };
  for (const s of sample(m.seekers, BRUTE_RUNS)) {
    const t = performance.now();
    const facts = await allPostings(db);
    const ranked = rankBy(
      facts.filter((p) => eligible(s, p)),
      (p) => scoreMatch(s, p).score,
      (p) => p.id,
      20,
    ).map((p) => p.id);
    brute.push(performance.now() - t);
    const a = agreement(
      tops.get(s.id) ?? (await matching.forSeeker(PRINCIPAL, s.id, {})).items.map((i) => i.jobId),
      ranked,
    );
    agree.same += a.same ? 1 : 0;
    agree.overlap += a.overlap;
    agree.n++;
  }
  const si = stats(ms);
  const sb = stats(brute);
  console.log('case | p50 ms | p95 ms | max ms');
  console.log(
    `top-20 postings for a seeker (bound-ordered SQL + exact scoring) | ${f1(si.p50)} | ${f1(si.p95)} | ${f1(si.max)}`,
  );
  console.log(`top-20 postings for a seeker (brute force) | ${f1(sb.p50)} | ${f1(sb.p95)} | ${f1(sb.max)}`);
  console.log(
    `  ratio brute/indexed (p50) ${f1(sb.p50 / Math.max(si.p50, 0.01))}×; identical top-20 ${agree.same}/${agree.n}, ` +
      `mean overlap ${f1((100 * agree.overlap) / Math.max(1, agree.n))} %`,
  );
  console.log(seekerExamined);

  // job → seekers
  const jm: number[] = [];
  const jobTops = new Map<string, string[]>();
  await coldPass(
    sample(m.postings, RUNS + 2).map((p) => p.id),
    (id) => matching.forJob(PRINCIPAL, id, {}),
  );
  // BENCH_MATCH_STATIO=1 (match13): the matching tables' size (with their indexes) against shared_buffers. Their
  // hits and reads are not counted on PGlite (pg_statio stays 0 there): EXPLAIN's BUFFERS shows them.
  if (process.env.BENCH_MATCH_STATIO === '1') {
    const [io] = await all<{ mb: number; sb: string }>(
      db.owner,
      sql`select (sum(pg_total_relation_size(relid)) / 1048576)::float8 as mb, current_setting('shared_buffers') as sb
        from pg_statio_user_tables where relname in ('job_seekers', 'job_postings')`,
    );
    console.log(`  job_seekers + job_postings with indexes ${f1(io!.mb)} MB, shared_buffers ${io!.sb}`);
  }
  for (const p of sample(m.postings, RUNS + 2)) {
    const t = performance.now();
    const r = await matching.forJob(PRINCIPAL, p.id, {});
    jm.push(performance.now() - t);
    note(r.ranking);
    jobTops.set(
      p.id,
      r.items.map((i) => i.seekerId),
    );
  }
  jm.splice(0, 2);
  const jb: number[] = [];
  const jagree = { same: 0, overlap: 0, n: 0 };
  const bySeeker = new Map(m.seekers.map((s) => [s.id, s]));
  for (const p of sample(m.postings, Math.max(1, Math.floor(BRUTE_RUNS / 2)))) {
    const t = performance.now();
    const ids = await all<{ id: string }>(
      db.owner,
      sql`select id from job_seekers where status in ('seeking', 'referred')`,
    );
    const facts = postingFactsOf(p);
    const county = countyCodeOf(p.regionCode);
    const ranked = rankBy(
      ids
        .map((r) => bySeeker.get(r.id)!)
        // The pool of a posting: 就地就近 seekers of its county only (matching.repo.ts seekerCandidates).
        .filter((s) => eligible(s, facts) && (s.preference !== 'local' || countyCodeOf(s.regionCode) === county)),
      (s) => scoreMatch(s, facts).score,
      (s) => s.id,
      50,
    ).map((s) => s.id);
    jb.push(performance.now() - t);
    const a = agreement(
      jobTops.get(p.id) ?? (await matching.forJob(PRINCIPAL, p.id, {})).items.map((i) => i.seekerId),
      ranked,
    );
    jagree.same += a.same ? 1 : 0;
    jagree.overlap += a.overlap;
    jagree.n++;
  }
  const ji = stats(jm);
  const jbs = stats(jb);
  console.log(
    `top-50 seekers for a posting (bound-ordered SQL + exact scoring) | ${f1(ji.p50)} | ${f1(ji.p95)} | ${f1(ji.max)}`,
  );
  console.log(
    `top-50 seekers for a posting (brute force, seekers' facts in memory) | ` +
      `${f1(jbs.p50)} | ${f1(jbs.p95)} | ${f1(jbs.max)}`,
  );
  console.log(
    `  ratio brute/indexed (p50) ${f1(jbs.p50 / Math.max(ji.p50, 0.01))}×; ` +
      `identical top-50 ${jagree.same}/${jagree.n}, ` +
      `mean overlap ${f1((100 * jagree.overlap) / Math.max(1, jagree.n))} %`,
  );
  console.log(examinedLine());

  // BENCH_MATCH_CPU_PROFILE=<file>: the main thread's CPU profile of a (warm) pass of posting → seekers rankings over
  // the sample — on PGlite the database's WebAssembly runs on that thread too (match12).
  const profileTo = process.env.BENCH_MATCH_CPU_PROFILE;
  if (profileTo) {
    const stop = await startCpuProfile({ intervalUs: 200, top: 30, inclusiveTop: 60 });
    const t = performance.now();
    for (const p of sample(m.postings, RUNS)) await matching.forJob(PRINCIPAL, p.id, {});
    console.log(`  profiled pass: ${RUNS} rankings in ${f1(performance.now() - t)} ms`);
    await stop(`${profileTo}.${label.toLowerCase()}.cpuprofile`);
  }

  // BENCH_MATCH_AB=1: same-process A/B, alternating per subject (docs/MATCHING.md): the seekers' tiers split by kind
  // (0058) or not, the seekers' pilot floor or not, and the postings' tier 1 first page (CODES_FIRST_PAGE) or
  // FIRST_PAGE; the lists must be equal.
  if (process.env.BENCH_MATCH_AB === '1') {
    // BENCH_MATCH_AB_ONLY=<text>,…: only the A/Bs whose name contains one of them.
    const only = process.env.BENCH_MATCH_AB_ONLY;
    const ab = async (
      name: string,
      subjects: string[],
      set: (on: boolean) => void,
      call: (id: string) => Promise<{ ids: string[]; ranking: RankingStats }>,
    ) => {
      const t = { on: [] as number[], off: [] as number[] };
      const rows = { on: [] as number[], off: [] as number[] };
      const sqlMs = { on: [] as number[], off: [] as number[] };
      // The process's CPU per ranking (match12): on PGlite the database runs on this thread too, so this is the
      // ranking's whole work, less sensitive to the other processes than its wall time.
      const cpuMs = { on: [] as number[], off: [] as number[] };
      let differ = 0;
      if (only && !only.split(',').some((x) => name.includes(x))) return;
      for (const [i, id] of subjects.entries()) {
        const order = i % 2 ? [true, false] : [false, true];
        const got: Record<string, string[]> = {};
        for (const on of order) {
          set(on);
          const c0 = process.cpuUsage();
          const t0 = performance.now();
          const r = await call(id);
          const k = on ? 'on' : 'off';
          t[k].push(performance.now() - t0);
          const c = process.cpuUsage(c0);
          cpuMs[k].push((c.user + c.system) / 1000);
          rows[k].push(r.ranking.fetched);
          sqlMs[k].push(r.ranking.sqlMs);
          got[k] = r.ids;
        }
        if (got.on!.join() !== got.off!.join()) differ++;
      }
      set(true);
      for (const k of ['on', 'off'] as const) {
        const a = stats(t[k]);
        const q = stats(sqlMs[k]);
        const r = stats(rows[k]);
        const u = stats(cpuMs[k]);
        console.log(
          `A/B ${name} ${k}: p50 ${f1(a.p50)} ms, p95 ${f1(a.p95)} ms; SQL p50 ${f1(q.p50)}, p95 ${f1(q.p95)} ms; ` +
            `CPU p50 ${f1(u.p50)}, p95 ${f1(u.p95)} ms; rows p50 ${r.p50}, p95 ${r.p95}, max ${r.max}`,
        );
      }
      console.log(`A/B ${name}: lists differing ${differ}/${subjects.length}`);
    };
    const svc = matching;
    /** An A/B of the seekers' ranking for postings (`forJob`), the switch set by `set`. */
    const seekersAb = (name: string, set: (on: boolean) => void) =>
      ab(
        name,
        sample(m.postings, RUNS).map((p) => p.id),
        set,
        async (id) => {
          const r = await matching.forJob(PRINCIPAL, id, {});
          return { ids: r.items.map((i) => i.seekerId), ranking: r.ranking };
        },
      );
    /** An A/B of the postings' ranking for seekers (`forSeeker`), the switch set by `set`. */
    const postingsAb = (name: string, set: (on: boolean) => void) =>
      ab(
        name,
        sample(m.seekers, RUNS).map((s) => s.id),
        set,
        async (id) => {
          const r = await matching.forSeeker(PRINCIPAL, id, {});
          return { ids: r.items.map((i) => i.jobId), ranking: r.ranking };
        },
      );
    await seekersAb('seekers split by kind', (on) => (svc.splitKinds = on));
    await seekersAb('seekers: kinds of a tier with the same cap share an arm', (on) => (svc.shareArms = on));
    await seekersAb('seekers: every kind of a tier one arm, the largest cap', (on) => (svc.mergeCaps = on));
    await seekersAb("seekers' bound from the slot columns (off: the skills' text)", (on) => (svc.slotBound = on));
    console.log(
      `  statements prepared by text before its A/B: PGlite ${JSON.stringify(preparedStats)}, ` +
        `PostgreSQL ${JSON.stringify(pgPreparedStats)}`,
    );
    await seekersAb('candidates by statements prepared by text', (on) => (svc.preparedCandidates = on));
    // The seekers' statement of a fixed shape (match10 on PostgreSQL, match12 on PGlite) or the arms following the
    // floor (off: fixedSlots 0).
    const slots = svc.fixedSlots;
    await seekersAb('seekers: the statement of a fixed shape', (on) => (svc.fixedSlots = on ? slots : 0));
    // PostgreSQL's grouping (caps within CAP_SLACK share an arm, FIXED_SLOTS arms per tier) against the engine's own
    // (on PGlite: every kind of a tier one arm, one arm per tier), both of the fixed shape (match12).
    const slack = svc.capSlack;
    await seekersAb(`seekers: caps within ${CAP_SLACK} share an arm, ${FIXED_SLOTS} arms per tier`, (on) => {
      svc.capSlack = on ? CAP_SLACK : slack;
      svc.fixedSlots = on ? FIXED_SLOTS : slots;
    });
    svc.capSlack = slack;
    svc.fixedSlots = slots;
    const mode = preparedPlans.mode;
    await seekersAb(
      'prepared candidates: generic plans forced (off: PostgreSQL chooses)',
      (on) => (preparedPlans.mode = on ? 'generic' : 'auto'),
    );
    preparedPlans.mode = mode;
    console.log(
      `  statements prepared by text: PGlite ${JSON.stringify(preparedStats)}, ` +
        `PostgreSQL ${JSON.stringify(pgPreparedStats)}`,
    );
    if (db.kind === 'pglite') {
      const mem = await all<{ name: string; n: number; kb: number }>(
        db.owner,
        sql`select name, count(*)::int as n, (sum(total_bytes) / 1024)::int as kb from pg_backend_memory_contexts
          where name in ('CachedPlan', 'CachedPlanSource', 'CachedPlanQuery') group by name order by name`,
      );
      console.log(`  plan cache memory (PGlite): ${mem.map((r) => `${r.name} ${r.n} × ${r.kb} kB`).join(', ')}`);
    }
    // BENCH_MATCH_EXPLAIN=1: the slowest prepared execution of a generic-plan pass, EXPLAIN ANALYZE'd in both modes.
    if (process.env.BENCH_MATCH_EXPLAIN === '1' && db.kind === 'pglite') {
      let slow = { name: '', args: '', ms: -1 };
      preparedPlans.onExecute = (name, args, ms) => {
        if (ms > slow.ms) slow = { name, args, ms };
      };
      preparedPlans.mode = 'generic';
      for (const p of sample(m.postings, RUNS)) await matching.forJob(PRINCIPAL, p.id, {});
      preparedPlans.onExecute = undefined;
      preparedPlans.mode = mode;
      for (const pm of ['force_generic_plan', 'force_custom_plan'])
        await db.scoped({ region: PRINCIPAL.regionCode }, async (tx) => {
          await tx.execute(sql.raw(`SET LOCAL plan_cache_mode = ${pm}`));
          const plan = await all<{ 'QUERY PLAN': string }>(
            tx,
            sql.raw(`EXPLAIN (ANALYZE, BUFFERS) EXECUTE ${slow.name}${slow.args}`),
          );
          console.log(`EXPLAIN ${pm} (slowest generic execution ${f1(slow.ms)} ms):`);
          for (const l of plan) console.log(`  ${l['QUERY PLAN']}`);
        });
    }
    // Packed candidate rows (match13): run twice, the first pass preparing the packed texts (their PREPARE and generic
    // plans would otherwise fall in the A/B's first rankings).
    for (const pass of ['first', 'second'])
      await seekersAb(`candidate rows packed as one json value each (${pass} pass)`, (on) => (svc.packRows = on));
    for (const pass of ['first', 'second'])
      await postingsAb(
        `postings: candidate rows packed as one json value each (${pass} pass)`,
        (on) => (svc.packRows = on),
      );
    for (const pass of ['first', 'second'])
      await postingsAb(`postings: tier 2 above the floor in SQL (${pass} pass)`, (on) => (svc.postingsFloor = on));
    const pilot = svc.pilot;
    await seekersAb(
      `seekers' pilot floor ${SEEKER_PILOT} rows (off: the first tier's floor)`,
      (on) => (svc.pilot = on ? SEEKER_PILOT : 0),
    );
    svc.pilot = pilot; // the service's own choice (none on PGlite)
    await postingsAb('postings: candidates by statements prepared by text', (on) => (svc.preparedCandidates = on));
    const small = svc.codesFirstPage;
    await postingsAb(
      `postings tier-1 first page ${small} (off: ${svc.firstPage})`,
      (on) => (svc.codesFirstPage = on ? small : svc.firstPage),
    );
  }

  // (c) keyword recall
  console.log('keyword | postings whose text contains it | found | recall | false hits | ms');
  for (const k of KEYWORDS) {
    const expected = new Set(
      m.postings.filter((p) => searchText(p.title, p.occupationName).includes(k)).map((p) => p.id),
    );
    const t = performance.now();
    const found = await db.scoped(SYSTEM_SCOPE, (tx) =>
      all<{ id: string }>(
        tx,
        sql`select id from job_postings where grams @> ${`{${queryGrams(k).join(',')}}`}::text[]
          and strpos(search_text, ${queryTerms(k)[0]}) > 0`,
      ),
    );
    const ms1 = performance.now() - t;
    const hit = found.filter((r) => expected.has(r.id)).length;
    console.log(
      `${k} | ${expected.size} | ${found.length} | ${expected.size ? f1((100 * hit) / expected.size) : '—'} % | ` +
        `${found.length - hit} | ${f1(ms1)}`,
    );
  }
}

async function offline() {
  const places = await cityPlaces();
  const m = generateJobMarket({ seed: SEED, postings: 5000, seekers: 1000, ...places });
  const r = evaluate(m.postings, m.seekers, simulatedHires(m, 5));
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  console.log('\noffline (5,000 postings, 1,000 seekers) | precision@10 | recall@20');
  console.log(`linear model | ${pct(r.model.precisionAt10)} | ${pct(r.model.recallAt20)}`);
  console.log(`rule baseline | ${pct(r.baseline.precisionAt10)} | ${pct(r.baseline.recallAt20)}`);
  console.log(
    `ratio | ${(r.model.precisionAt10 / r.baseline.precisionAt10).toFixed(2)}× | ` +
      `${(r.model.recallAt20 / r.baseline.recallAt20).toFixed(2)}×`,
  );
}

/** The services on a loaded database, with a throwaway key ring (also matching-tail.ts, matching-arms.ts). */
export async function matchingServices(db: Database): Promise<Services> {
  const services = createServices({
    db,
    keys: new KeyRing(randomBytes(32).toString('base64')),
    cityCode: CITY,
    mode: 'demo',
  });
  await ensureReferenceData(db, services, CITY);
  return services;
}

async function withServices(db: Database, fn: (s: Services) => Promise<void>) {
  await migrate(db);
  await fn(await matchingServices(db));
}

export async function benchMatching() {
  const engines = (process.env.BENCH_MATCH_ENGINES ?? 'pglite,postgres').split(',');
  if (engines.includes('pglite')) {
    // BENCH_MATCH_PGLITE_DIR: PGlite on a data folder (NODEFS, as `npm start`: a buffer miss is a file read through
    // Emscripten) — `1`: a fresh temporary folder, removed after; a path: that folder, kept, so that a second run
    // reuses its market in a new process (its buffers cold, as after a restart). By default in memory (MEMFS).
    const dirOption = process.env.BENCH_MATCH_PGLITE_DIR;
    const temporary = dirOption === '1';
    const dataDir = temporary ? fs.mkdtempSync(path.join(os.tmpdir(), 'mwsp-bench-match-')) : dirOption || null;
    try {
      const db = await openDatabase({ dataDir });
      const [p, w] = [size('BENCH_MATCH_PGLITE_POSTINGS', 20_000), size('BENCH_MATCH_PGLITE_WORKERS', 100_000)];
      await withServices(db, (s) => run(dataDir ? 'PGlite (data folder)' : 'PGlite', db, s, p, w));
      await db.close();
    } finally {
      if (temporary) fs.rmSync(dataDir!, { recursive: true, force: true });
    }
  }
  const keep = process.env.BENCH_MATCH_PG_URL;
  if (engines.includes('postgres') && keep) {
    const db = await openDatabase({ url: keep, poolSize: 4 });
    const [p, w] = [size('BENCH_MATCH_PG_POSTINGS', 100_000), size('BENCH_MATCH_PG_WORKERS', 1_000_000)];
    await withServices(db, (s) => run('PostgreSQL', db, s, p, w));
    await db.close();
  } else if (engines.includes('postgres')) {
    const cluster = await startThrowawayCluster({ settings: { shared_buffers: '512MB', work_mem: '32MB' } });
    try {
      const db = await openDatabase({ url: await cluster.createDatabase('bench_matching'), poolSize: 4 });
      const [p, w] = [size('BENCH_MATCH_PG_POSTINGS', 100_000), size('BENCH_MATCH_PG_WORKERS', 1_000_000)];
      await withServices(db, (s) => run('PostgreSQL', db, s, p, w));
      await db.close();
    } finally {
      await cluster.stop();
    }
  }
  if (process.env.BENCH_MATCH_OFFLINE !== '0') await offline();
}
