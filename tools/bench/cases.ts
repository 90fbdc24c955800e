/**
 * `npm run bench -- cases` (issue #13, Speed): 200,000 open cases with statutory clocks on one PostgreSQL,
 * bulk-loaded with generate_series (a fifth undecided complaints on their 5-working-day clock, the rest under
 * investigation on the 60-working-day clock; some extended, some suspended and resumed, some suspended now).
 * Reports:
 *   - the time to re-project every running clock after a calendar edit (a holiday added), by the background job
 *     the edit queues (reprojection.service.ts: batches of pages in (county, id) order, one UPDATE per county);
 *   - the time of one escalation sweep (the day's new rungs; the rungs of earlier days claimed in bulk first, as a
 *     daily sweep would have left them), and of a second sweep (steady state: nothing left to fire);
 *   - p50 / p95 of a county officer's 即将到期 queue (CaseService.list, row-level security; aim ≤ 50 ms);
 *   - the due dates of a random sample of clocks recomputed by a brute-force day-by-day count over the
 *     calendar as stored (calendar_days, weekends) and the ledger as stored, compared with the stored
 *     projections: must agree 100 %.
 *
 * BENCH_CASES (default 200,000), BENCH_CASES_SAMPLE (10,000), BENCH_CASES_RUNS (60). `--quick`: 20,000 cases,
 * a sample of 2,000.
 */
import { sql } from 'drizzle-orm';
import { createServices, type Services } from '../../apps/server/src/app.js';
import { bootstrap } from '../../apps/server/src/bootstrap.js';
import { all, one, openDatabase, type Database } from '../../apps/server/src/db/client.js';
import { migrate } from '../../apps/server/src/db/migrate.js';
import { todayInShanghai } from '../../apps/server/src/platform/calendar/workdays.js';
import { KeyRing, randomBytes } from '../../apps/server/src/platform/crypto/index.js';
import { startThrowawayCluster } from '../pg-cluster.js';
import { principal, stats } from './worker-list.js';

const QUICK = process.argv.includes('--quick');
const CASES = Number(process.env.BENCH_CASES ?? (QUICK ? 20_000 : 200_000));
const SAMPLE = Number(process.env.BENCH_CASES_SAMPLE ?? (QUICK ? 2_000 : 10_000));
const RUNS = Number(process.env.BENCH_CASES_RUNS ?? 60);
const CITY = '5301';
const PASSWORD = 'Bench#Cases-2026xy';
/** BENCH_CASES_QUEUE_ONLY=1: load, project, and time the queue only (no calendar edit, no sweeps, no check). */
const QUEUE_ONLY = process.env.BENCH_CASES_QUEUE_ONLY === '1';
/**
 * BENCH_CASES_KEEP=1: leave the PostgreSQL cluster running at the end (its URL printed) to look at plans, for
 * BENCH_CASES_KEEP_SECONDS (900).
 */
const KEEP = process.env.BENCH_CASES_KEEP === '1';

const n = (x: number) => x.toLocaleString('en-US');
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await fn();
  return [r, performance.now() - t0];
}

/** Cases, clocks and ledger entries, set-based. `today` is the Shanghai date the clocks count to. */
async function load(db: Database, today: string): Promise<void> {
  await db.execScript(`
    CREATE TEMP TABLE bench_towns AS
      SELECT array_agg(code ORDER BY code) AS a FROM regions WHERE level = 4 AND code LIKE '${CITY}%';
    INSERT INTO cases (county_code, id, type, state, title, region_code, parties, data, created_at, updated_at)
    SELECT left(t.code, 6), md5('bench-case-' || g)::uuid, 'complaint',
      CASE WHEN g % 5 = 0 THEN 'filed' ELSE 'investigating' END, '基准测试案件 ' || g, t.code, '[]', '{}',
      now(), now()
    FROM generate_series(1, ${CASES}) g,
      LATERAL (SELECT a[1 + g % array_length(a, 1)] AS code FROM bench_towns) t;
    INSERT INTO case_clocks (county_code, id, case_id, case_type, code, unit, budget, max_extension, amber_percent,
      started_on, region_code)
    SELECT c.county_code, md5('bench-clock-' || g)::uuid, c.id, c.type,
      CASE WHEN g % 5 = 0 THEN 'decide' ELSE 'investigate' END, 'working',
      CASE WHEN g % 5 = 0 THEN 5 ELSE 60 END, CASE WHEN g % 5 = 0 THEN 0 ELSE 30 END, 80,
      '${today}'::date - CASE WHEN g % 5 = 0 THEN g % 8 ELSE g % 95 END, c.region_code
    FROM generate_series(1, ${CASES}) g
      JOIN cases c ON c.county_code = left((SELECT a[1 + g % array_length(a, 1)] FROM bench_towns), 6)
        AND c.id = md5('bench-case-' || g)::uuid;
    -- Ledgers: a tenth of the investigations extended by 15 working days, a twentieth suspended for a week and
    -- resumed, a fiftieth suspended now.
    INSERT INTO case_clock_entries (county_code, clock_id, kind, on_date, days, reason, region_code)
    SELECT county_code, id, 'extend', started_on + 10, 15, '基准：延长', region_code FROM case_clocks
      WHERE code = 'investigate' AND ('x' || substr(id::text, 1, 6))::bit(24)::int % 10 = 1
        AND started_on + 10 <= '${today}'::date;
    INSERT INTO case_clock_entries (county_code, clock_id, kind, on_date, days, reason, region_code)
    SELECT county_code, id, k.kind, started_on + k.off, NULL, '基准：中止/恢复', region_code FROM case_clocks,
      LATERAL (VALUES ('suspend', 5), ('resume', 12)) k(kind, off)
      WHERE code = 'investigate' AND ('x' || substr(id::text, 1, 6))::bit(24)::int % 20 = 3
        AND started_on + 12 <= '${today}'::date;
    INSERT INTO case_clock_entries (county_code, clock_id, kind, on_date, days, reason, region_code)
    SELECT county_code, id, 'suspend', started_on + 3, NULL, '基准：中止', region_code FROM case_clocks
      WHERE code = 'investigate' AND ('x' || substr(id::text, 1, 6))::bit(24)::int % 50 = 7
        AND started_on + 3 <= '${today}'::date;
    ANALYZE cases; ANALYZE case_clocks; ANALYZE case_clock_entries;
  `);
}

/**
 * The rungs earlier daily sweeps would have fired, claimed in bulk: the sweep of `lastDay` (the working day before
 * the timed sweep) fired amber up to that day and red for clocks due before it.
 */
async function claimEarlierRungs(db: Database, lastDay: string): Promise<number> {
  await db.execScript(`
    INSERT INTO case_clock_rungs (county_code, clock_id, rung, fired_at, region_code, owner_id, owner_department_id)
    SELECT k.county_code, k.id, r.rung, now() - interval '1 day', k.region_code, k.owner_id, k.owner_department_id
    FROM case_clocks k CROSS JOIN (VALUES ('amber'), ('red'), ('escalate')) r(rung)
    WHERE k.stopped_on IS NULL AND ((r.rung = 'amber' AND k.amber_on <= '${lastDay}')
      OR (r.rung <> 'amber' AND k.due_on < '${lastDay}'));
    ANALYZE case_clock_rungs;
  `);
  return (await one<{ n: number }>(db.owner, sql`select count(*)::int as n from case_clock_rungs`))!.n;
}

// ---------------------------------------------------------------- brute force (independent of WorkCalendar)
const DAY = 86_400_000;
const dayNo = (d: string) => Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10)) / DAY;
const dateOf = (n: number) => new Date(n * DAY).toISOString().slice(0, 10);

/**
 * The due date by counting day after day: the start day not counted; a day inside a suspension (from the day
 * after the suspension to the day of the resumption) not counted; a working day is a 调休 workday, or a weekday
 * that is not a holiday. Null while suspended before the budget runs out.
 */
function bruteDue(
  days: Map<number, string>,
  k: { startedOn: string; budget: number; unit: string; entries: { kind: string; on: string; days: number | null }[] },
): string | null {
  const total = k.budget + k.entries.reduce((s, e) => s + (e.kind === 'extend' ? (e.days ?? 0) : 0), 0);
  const paused: [number, number][] = [];
  let open: number | null = null;
  for (const e of k.entries)
    if (e.kind === 'suspend') open = dayNo(e.on) + 1;
    else if (e.kind === 'resume' && open !== null) {
      paused.push([open, dayNo(e.on)]);
      open = null;
    }
  if (open !== null) paused.push([open, Infinity]);
  const working = (d: number) => {
    const kind = days.get(d);
    if (kind) return kind === 'workday';
    const wd = new Date(d * DAY).getUTCDay();
    return wd !== 0 && wd !== 6;
  };
  let d = dayNo(k.startedOn);
  for (let counted = 0; counted < total;) {
    d++;
    const p = paused.find(([a, b]) => d >= a && d <= b);
    if (p) {
      if (p[1] === Infinity) return null;
      continue;
    }
    if (k.unit === 'calendar' || working(d)) counted++;
  }
  if (k.unit === 'calendar') while (!working(d)) d++;
  return dateOf(d);
}

async function verify(db: Database): Promise<{ checked: number; agree: number; suspended: number }> {
  const days = new Map(
    (await all<{ date: string; kind: string }>(db.owner, sql`select date::text as date, kind from calendar_days`)).map(
      (r) => [dayNo(r.date), r.kind],
    ),
  );
  const sample = await all<{
    startedOn: string;
    budget: number;
    unit: string;
    dueOn: string | null;
    entries: { kind: string; on: string; days: number | null }[];
  }>(
    db.owner,
    sql`select k.started_on::text as "startedOn", k.budget, k.unit, k.due_on::text as "dueOn",
        coalesce((select json_agg(json_build_object('kind', e.kind, 'on', e.on_date::text, 'days', e.days)
          order by e.id) from case_clock_entries e where e.county_code = k.county_code and e.clock_id = k.id), '[]')
          as entries
      from case_clocks k where k.stopped_on is null order by random() limit ${SAMPLE}`,
  );
  let agree = 0;
  let suspended = 0;
  for (const k of sample) {
    const due = bruteDue(days, k);
    if (due === null) suspended++;
    if (due === k.dueOn) agree++;
    else if (sample.length - agree <= 5) console.log(`  disagree: ${JSON.stringify(k)} brute ${due}`);
  }
  return { checked: sample.length, agree, suspended };
}

/** A working day a few days ahead (the holiday the calendar edit adds). */
async function holidayToAdd(services: Services, today: string): Promise<string> {
  const cal = await services.calendar.calendar();
  let d = dayNo(today) + 3;
  while (!cal.isWorkingDay(dateOf(d))) d++;
  return dateOf(d);
}

export async function benchCases(): Promise<void> {
  console.log(`cases benchmark: ${n(CASES)} open cases with clocks, sample ${n(SAMPLE)}${QUICK ? ' (quick)' : ''}`);
  const cluster = await startThrowawayCluster({
    settings: { shared_buffers: '512MB', max_wal_size: '4GB', checkpoint_timeout: '15min', work_mem: '16MB' },
  });
  try {
    const db = await openDatabase({ url: await cluster.createDatabase('bench_cases'), poolSize: 4 });
    await migrate(db);
    const services = createServices({
      db,
      keys: new KeyRing(randomBytes(32).toString('base64')),
      cityCode: CITY,
      mode: 'demo',
    });
    await bootstrap(db, services, { cityCode: CITY, mode: 'demo', bootstrapPassword: PASSWORD });
    const today = todayInShanghai(new Date());
    const [, loadMs] = await timed(() => load(db, today));
    const clocks = (await one<{ n: number }>(db.owner, sql`select count(*)::int as n from case_clocks`))!.n;
    console.log(`loaded ${n(CASES)} cases, ${n(clocks)} running clocks in ${secs(loadMs)}`);

    const [first, firstMs] = await timed(() => services.cases.reproject('基准：首次推算'));
    console.log(`initial projection of ${n(first.clocks)} clocks: ${secs(firstMs)}`);
    // The timed sweep runs on the next working day after today; the one before it fired what was due then.
    const cal = await services.calendar.calendar();
    let sweepDay = dayNo(today) + 1;
    while (!cal.isWorkingDay(dateOf(sweepDay))) sweepDay++;
    let lastDay = sweepDay - 1;
    while (!cal.isWorkingDay(dateOf(lastDay))) lastDay--;
    console.log(
      `rungs of the sweeps up to ${dateOf(lastDay)} claimed in bulk: ` +
        n(await claimEarlierRungs(db, dateOf(lastDay))),
    );

    if (!QUEUE_ONLY) await editAndSweep(db, services, today, sweepDay);
    await queue(db, services);
    if (!QUEUE_ONLY) {
      const v = await verify(db);
      console.log(
        `brute-force due dates: ${n(v.agree)} / ${n(v.checked)} agree ` +
          `(${((v.agree / v.checked) * 100).toFixed(2)} %; ${n(v.suspended)} suspended, ` +
          'due date unknown on both sides)',
      );
      if (v.agree !== v.checked) process.exitCode = 1;
    }
    await db.close();
  } finally {
    if (KEEP) {
      // The cluster is stopped when this process exits (pg-cluster.ts exit hook): keep the process, not only the
      // cluster, for BENCH_CASES_KEEP_SECONDS (default 900) or until interrupted.
      console.log(`cluster left running: ${cluster.url.replace(/postgres$/, 'bench_cases')}`);
      await new Promise((r) => setTimeout(r, Number(process.env.BENCH_CASES_KEEP_SECONDS ?? 900) * 1000));
    }
    await cluster.stop();
  }
}

async function editAndSweep(db: Database, services: Services, today: string, sweepDay: number): Promise<void> {
  // The calendar edit: a holiday added a few working days ahead; the job it queued, timed to the end.
  const admin = await principal(db, services, 'bench_cal', ['sysadmin'], CITY, 'all');
  const holiday = await holidayToAdd(services, today);
  const year = await services.calendar.year(Number(holiday.slice(0, 4)));
  const [, editMs] = await timed(async () => {
    await services.calendar.replaceYear(admin, {
      ...year,
      days: [...year.days, { date: holiday, kind: 'holiday', name: '基准测试假日' }],
    });
    await services.cases.reprojection.idle();
  });
  const job = (await services.cases.reprojection.latest())!;
  console.log(
    `re-projection after a calendar edit (holiday ${holiday}): ${n(job.done)} clocks, ${n(job.changed)} changed, ` +
      `${secs(editMs)} (${job.status}; years without a calendar: ${job.missingYears.join(', ') || 'none'})`,
  );

  const [sweep1, sweep1Ms] = await timed(() => services.cases.sweep(dateOf(sweepDay)));
  console.log(
    `escalation sweep of ${dateOf(sweepDay)} (the day's new rungs): ` +
      `${n(sweep1.fired)} rungs on ${n(sweep1.clocks)} clocks, ${secs(sweep1Ms)}`,
  );
  const [sweep2, sweep2Ms] = await timed(() => services.cases.sweep(dateOf(sweepDay)));
  console.log(`escalation sweep again (steady state): ${n(sweep2.fired)} rungs, ${secs(sweep2Ms)}`);
}

/** p50 / p95 of a county officer's 即将到期 queue (the three largest counties in turn, pages 1–3). */
async function queue(db: Database, services: Services): Promise<void> {
  const counties = (
    await all<{ code: string }>(
      db.owner,
      sql`select county_code as code from cases group by 1 order by count(*) desc limit 3`,
    )
  ).map((r) => r.code);
  const officers = await Promise.all(
    counties.map((c, i) => principal(db, services, `bench_county_${i}`, ['officer'], c, 'region')),
  );
  const ms: number[] = [];
  let total = 0;
  for (let i = 0; i < RUNS + 3; i++) {
    const p = officers[i % officers.length];
    const [page, t] = await timed(() => services.cases.list(p, { queue: 'due_soon', page: 1 + (i % 3), pageSize: 20 }));
    total = page.total;
    if (i >= 3) ms.push(t);
  }
  const q = stats(ms);
  console.log(
    `即将到期 queue of a county (${n(total)} cases in the last one), ${RUNS} calls: ` +
      `p50 ${q.median.toFixed(1)} ms, p95 ${q.p95.toFixed(1)} ms, max ${q.max.toFixed(1)} ms (aim ≤ 50 ms)`,
  );
}
