/**
 * `npm run bench -- warnings`: the wage early-warning engine at city scale on PostgreSQL.
 *
 * A throwaway cluster gets the platform's schema and reference data, then — with COPY, not through
 * the import engine — the registry's workers and employers of a synthetic city (valid ID numbers and
 * credit codes, fields encrypted with the platform's FieldCipher exactly as the registry stores them)
 * and twelve months of wage data for the projects (@mwsp/synth, written by the wages module's bulk COPY,
 * `services.wageSeed.bulkCopy`), with a share of projects carrying one injected problem each. Then:
 *   (a) a full scan through WarningEngine (first scan opens the warnings; a second one is steady state);
 *   (b) a baseline: one hand-written SQL query per rule of the README table, run as the owner, and the
 *       ratio engine / baseline;
 *   (c) an incremental scan of one project after re-uploading one of its months;
 *   (d) precision and recall of the engine's live warnings against the generator's manifest.
 *
 * BENCH_WARN_PROJECTS (default 10,000), BENCH_WARN_WORKERS (1,000,000), BENCH_WARN_AS_OF (2026-11-20),
 * BENCH_WARN_SEED (20261120), BENCH_WARN_INJECT (0.2). Quick check:
 *   BENCH_WARN_PROJECTS=200 BENCH_WARN_WORKERS=20000 npm run bench -- warnings
 */
import os from 'node:os';
import { addMonths, DEFAULT_WAGE_PARAMS, monthOf, type WageParams } from '@mwsp/domain';
import { sql, type SQL } from 'drizzle-orm';
import { createServices } from '../../apps/server/src/app.js';
import { ensureReferenceData } from '../../apps/server/src/bootstrap.js';
import { all, one, openDatabase, SYSTEM_SCOPE, type Database, type Executor } from '../../apps/server/src/db/client.js';
import { migrate } from '../../apps/server/src/db/migrate.js';
import { WarningEngine, type ScanReport } from '../../apps/server/src/modules/wages/warnings.engine.js';
import { KeyRing, randomBytes } from '../../apps/server/src/platform/crypto/index.js';
import { readRegions } from '../../apps/server/src/platform/org/regions.source.js';
import {
  generateCity,
  generateWageProjects,
  Rng,
  scorePrecisionRecall,
  seededUuid,
  type ExpectedWarning,
  type WageInjection,
  type WageWorkerRef,
} from '@mwsp/synth';
import { startThrowawayCluster } from '../pg-cluster.js';

const PROJECTS = Number(process.env.BENCH_WARN_PROJECTS ?? 10_000);
const WORKERS = Number(process.env.BENCH_WARN_WORKERS ?? 1_000_000);
const AS_OF = process.env.BENCH_WARN_AS_OF ?? '2026-11-20';
const SEED = Number(process.env.BENCH_WARN_SEED ?? 20261120);
const INJECT = Number(process.env.BENCH_WARN_INJECT ?? 0.2);
const CITY = '5301';

type Found = { rule: string; projectId: string; month: string | null };

const secs = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const n = (x: number) => x.toLocaleString('en-US');
const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

// ---------------------------------------------------------------- the registry, by COPY
/** The generated city into the registry by the registry's bulk COPY (its own encryption, blind indexes, masks). */
async function loadRegistry(
  services: ReturnType<typeof createServices>,
  regions: { code: string; name: string; level: 1 | 2 | 3 | 4 | 5; parentCode: string | null }[],
) {
  const ids = new Rng(SEED, 'bench:registry-ids');
  const t0 = performance.now();
  const { workers, employers } = await services.registrySeed.bulkCopy(
    generateCity({ cityCode: CITY, workers: WORKERS, seed: SEED, regions, asOf: AS_OF }),
    {
      nextId: () => seededUuid(ids),
      onProgress: (done) => {
        if (done % 100_000 === 0) {
          const seconds = ((performance.now() - t0) / 1000).toFixed(0);
          console.log(`  workers: ${n(done)} (${seconds} s, rss ${mb(process.memoryUsage().rss)})`);
        }
      },
    },
  );
  return { workers: workers as WageWorkerRef[], employers, ms: performance.now() - t0 };
}

// ---------------------------------------------------------------- the baseline: one plain query per rule
/**
 * The README rule table read directly into SQL, independently of the engine's rule files: which
 * (rule, project, month) fire. Runs as the owner (no row-level security), detection only.
 */
function baselineQueries(today: string, p: WageParams): { rule: string; query: string }[] {
  const lastDue = addMonths(monthOf(today), -2);
  const t = `${lit(today)}::date`;
  const tiers = p.minimumWage.map((m) => `(${lit(m.prefix)}, ${m.monthlyFen})`).join(', ');
  return [
    {
      rule: 'wages_unpaid',
      query: `select l.project_id, l.month from
          (select project_id, month, project_worker_id, sum(net_fen) as net from payroll_lines
            where month <= ${lit(lastDue)} group by 1, 2, 3) l
          left join (select project_id, month, project_worker_id, sum(amount_fen) as paid from bank_payments
            where succeeded and month <= ${lit(lastDue)} group by 1, 2, 3) b
            using (project_id, month, project_worker_id)
        where l.net > 0 and coalesce(b.paid, 0) < l.net group by 1, 2`,
    },
    {
      rule: 'allocation_missed',
      query: `select p.id as project_id, m.month::date as month from projects p
          cross join lateral generate_series(date_trunc('month', p.start_date),
            date_trunc('month', least(${t}, coalesce(p.completed_on, ${t}))), interval '1 month') m(month)
        where p.status <> 'registered' and m.month::date + (p.allocation_day - 1) < ${t}
          and not exists (select 1 from account_txns x
            where x.project_id = p.id and x.kind = 'allocation' and x.month = m.month::date)`,
    },
    {
      rule: 'below_minimum_wage',
      query: `with tiers(prefix, fen) as (values ${tiers}),
        minimum as (select distinct on (p.id) p.id, t.fen from projects p
          join tiers t on starts_with(p.region_code, t.prefix) order by p.id, length(t.prefix) desc)
        select l.project_id, l.month from payroll_lines l join minimum m on m.id = l.project_id
        where l.days > 0 group by l.project_id, l.month, m.fen
        having sum(l.payable_fen)::numeric / sum(l.days) * ${p.paidDaysPerMonth} < m.fen`,
    },
    {
      rule: 'paid_fewer_than_attended',
      query: `with paid as (select distinct project_id, month, project_worker_id from bank_payments where succeeded),
        paid_months as (select distinct project_id, month from paid)
        select a.project_id, a.month from attendance a join paid_months pm using (project_id, month)
          left join paid using (project_id, month, project_worker_id)
        where a.days > 0 group by 1, 2 having count(paid.project_worker_id) < count(*)`,
    },
    {
      rule: 'attendees_without_wage',
      query: `with att as (select project_id, month, count(*) as n from attendance where days > 0 group by 1, 2),
        missing as (select a.project_id, a.month, count(*) as n from attendance a where a.days > 0
          and not exists (select 1 from payroll_lines l
            where l.project_id = a.project_id and l.month = a.month and l.project_worker_id = a.project_worker_id)
          group by 1, 2)
        select att.project_id, att.month from att join missing using (project_id, month)
          join projects p on p.id = att.project_id
        where (att.month + interval '1 month')::date + (p.pay_day - 1) < ${t}
          and missing.n >= ${p.missingWageShare} * att.n`,
    },
    {
      rule: 'excessive_pay_month',
      query: `select project_id, month from
          (select project_id, month, project_worker_id, sum(net_fen) as net from payroll_lines group by 1, 2, 3) x
        where net > ${p.monthlyPayCapFen} group by 1, 2`,
    },
    {
      rule: 'excessive_pay_year',
      query: `select project_id, year as month from
          (select project_id, date_trunc('year', month)::date as year, project_worker_id, sum(net_fen) as net
            from payroll_lines group by 1, 2, 3) x
        where net > ${p.yearlyPayCapFen} group by 1, 2`,
    },
    {
      rule: 'departed_unsettled',
      query: `select distinct project_id, null::date as month from project_workers
        where exit_date is not null and settled_on is null and exit_date + ${p.settlementGraceDays} < ${t}`,
    },
    {
      rule: 'missing_institutions',
      query: `select p.id as project_id, null::date as month from projects p
        cross join lateral (select (date_trunc('month', p.start_date) + interval '1 month')::date + (p.pay_day - 1)
          < ${t} as pay_due) d
        where p.status = 'in_progress' and p.start_date + ${p.institutionsGraceDays} < ${t} and (
          not exists (select 1 from project_workers w where w.project_id = p.id)
          or not exists (select 1 from wage_accounts a where a.project_id = p.id)
          or (d.pay_due and not exists (select 1 from bank_payments b where b.project_id = p.id and b.succeeded))
          or not exists (select 1 from wage_deposits x where x.project_id = p.id)
          or p.notice_board_posted_on is null
          or (d.pay_due and not exists (select 1 from payroll_lines l where l.project_id = p.id)))`,
    },
    {
      rule: 'deposit_topup_overdue',
      query: `select project_id, null::date as month from wage_deposits
        where status = 'topup_due' and topup_due_on < ${t}`,
    },
    {
      rule: 'arrears_age',
      query: `select distinct c.project_id, null::date as month from arrears_items i
          join arrears_cases c on c.id = i.case_id
        where c.status <> 'closed' and c.project_id is not null and i.paid_fen < i.amount_fen`,
    },
    {
      rule: 'no_contract_on_site',
      query: `select distinct project_id, null::date as month from project_workers
        where exit_date is null and not contract_present`,
    },
  ];
}

async function runBaseline(
  db: Database,
  today: string,
  params: WageParams,
): Promise<{ found: Found[]; ms: number; byRule: Record<string, { findings: number; ms: number }> }> {
  const client = await db.pool!.connect();
  const found: Found[] = [];
  const byRule: Record<string, { findings: number; ms: number }> = {};
  const t0 = performance.now();
  try {
    await client.query('RESET ROLE');
    for (const { rule, query } of baselineQueries(today, params)) {
      const t = performance.now();
      const { rows } = await client.query<{ project_id: string; month: string | null }>(
        `select project_id::text, to_char(month, 'YYYY-MM-DD') as month from (${query}) q`,
      );
      byRule[rule] = { findings: rows.length, ms: Math.round(performance.now() - t) };
      for (const r of rows) found.push({ rule, projectId: r.project_id, month: r.month });
    }
    await client.query('SET ROLE mwsp_app');
  } finally {
    client.release();
  }
  return { found, ms: performance.now() - t0, byRule };
}

async function liveWarnings(db: Database, projectId?: string): Promise<Found[]> {
  return db.owner
    .execute(
      sql`select rule, project_id::text as "projectId", to_char(month, 'YYYY-MM-DD') as month from warnings
      where status not in ('closed', 'cleared') ${projectId ? sql`and project_id = ${projectId}::uuid` : sql``}`,
    )
    .then((r) => (r as unknown as { rows: Found[] }).rows);
}

function countByRule(items: { rule: string }[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const i of items) m.set(i.rule, (m.get(i.rule) ?? 0) + 1);
  return m;
}

function printScore(label: string, expected: ExpectedWarning[], found: Found[]): boolean {
  const s = scorePrecisionRecall(expected, found);
  console.log(
    `${label}: precision ${(s.precision * 100).toFixed(2)} %, recall ${(s.recall * 100).toFixed(2)} % ` +
      `(${n(s.truePositives)} of ${n(expected.length)} expected, ${n(found.length)} found)`,
  );
  for (const m of s.missed.slice(0, 15)) console.log(`    missed   ${m.rule} ${m.projectId} ${m.month ?? '—'}`);
  for (const m of s.spurious.slice(0, 15)) console.log(`    spurious ${m.rule} ${m.projectId} ${m.month ?? '—'}`);
  if (s.missed.length > 15 || s.spurious.length > 15)
    console.log(`    … ${s.missed.length} missed, ${s.spurious.length} spurious in all`);
  return s.missed.length === 0 && s.spurious.length === 0;
}

function printScan(label: string, r: ScanReport, slowest = false) {
  const detect = Object.values(r.byRule).reduce((s, x) => s + x.ms, 0);
  console.log(
    `${label}: ${secs(r.ms)} (rule queries ${secs(detect)}); projects ${n(r.projects)}, findings ${n(r.findings)}, ` +
      `created ${n(r.created)}, updated ${n(r.updated)}, cleared ${n(r.cleared)}, unchanged ${n(r.unchanged)}`,
  );
  if (slowest) {
    const top = Object.entries(r.byRule)
      .sort((a, b) => b[1].ms - a[1].ms)
      .slice(0, 4);
    console.log(`  slowest rules: ${top.map(([rule, x]) => `${rule} ${x.ms} ms`).join(', ')}`);
  }
}

/**
 * INSERT … SELECT in two statements, the rows passing through here: Citus plans an INSERT … SELECT it cannot push
 * down to one shard as a COPY through the coordinator, which row-level security refuses to the application role.
 */
async function insertSelected(tx: Executor, table: string, select: SQL): Promise<number> {
  const rows = await all<{ r: Record<string, unknown> }>(tx, sql`select to_jsonb(x) as r from (${select}) x`);
  if (rows.length === 0) return 0;
  const columns = Object.keys(rows[0].r);
  const values = rows.map(({ r }) => {
    const json = JSON.stringify(r);
    return sql`(${sql.join(
      columns.map((c) => sql`(jsonb_populate_record(null::${sql.raw(table)}, ${json}::jsonb)).${sql.raw(c)}`),
      sql`, `,
    )})`;
  });
  await tx.execute(
    sql`insert into ${sql.raw(table)} (${sql.raw(columns.join(', '))}) values ${sql.join(values, sql`, `)}`,
  );
  return rows.length;
}

// ---------------------------------------------------------------- (c) re-upload one project's month
/**
 * The late payroll of an injected project arrives: ledger lines and bank payments for the missing
 * workers of the month (or the bank payments of the late month), written as the application would.
 */
export async function reupload(db: Database, inj: WageInjection): Promise<{ lines: number; payments: number }> {
  return db.scoped(SYSTEM_SCOPE, async (tx) => {
    // the project's county (区/县): every row below is written to, and read from, its shard
    const { county } = (await one<{ county: string }>(
      tx,
      sql`select county_code as county from projects where id = ${inj.projectId}::uuid`,
    ))!;
    let lines = 0;
    if (inj.kind === 'missing_workers') {
      lines = await insertSelected(
        tx,
        'payroll_lines',
        sql`select pr.id as payroll_id, a.project_id, a.project_worker_id, a.month, a.days,
          a.days * 30000 as payable_fen, 0 as deductions_fen, a.days * 30000 as net_fen,
          (a.month + interval '1 month')::date + (p.pay_day - 1) as pay_date, true as confirmed, a.county_code,
          a.region_code, p.created_by as owner_id, p.department_id as owner_department_id
        from attendance a join projects p on p.county_code = a.county_code and p.id = a.project_id
          join payrolls pr on pr.county_code = a.county_code and pr.project_id = a.project_id and pr.month = a.month
            and pr.team_key = ''
        where a.county_code = ${county} and a.project_id = ${inj.projectId}::uuid and a.month = ${inj.month}::date
          and a.days > 0
          and not exists (select 1 from payroll_lines l
            where l.county_code = a.county_code and l.county_code = ${county}
              and l.project_worker_id = a.project_worker_id
              and l.month = a.month)`,
      );
    }
    const payments = await insertSelected(
      tx,
      'bank_payments',
      sql`select l.project_id, acc.id as account_id, l.project_worker_id, l.month, sum(l.net_fen) as amount_fen,
        true as succeeded,
        'RE' || to_char(l.month, 'YYYYMM') || row_number() over (order by l.project_worker_id) as bank_ref,
        least(${AS_OF}::date - 1, (l.month + interval '1 month')::date + (p.pay_day - 1)) as paid_on, l.county_code,
        l.region_code, p.created_by as owner_id, p.department_id as owner_department_id
      from payroll_lines l join projects p on p.county_code = l.county_code and p.id = l.project_id
        join wage_accounts acc on acc.county_code = l.county_code and acc.project_id = l.project_id
      where l.county_code = ${county} and l.project_id = ${inj.projectId}::uuid and l.month = ${inj.month}::date
        and not exists (select 1 from bank_payments b
          where b.county_code = l.county_code and b.county_code = ${county}
            and b.project_worker_id = l.project_worker_id and b.month = l.month
            and b.succeeded)
      group by l.county_code, l.project_id, acc.id, l.project_worker_id, l.month, p.pay_day, l.region_code,
        p.created_by, p.department_id
      having sum(l.net_fen) > 0`,
    );
    await tx.execute(
      sql`insert into warning_scan_queue (project_id, county_code, region_code, owner_id, owner_department_id)
        select id, county_code, region_code, created_by, department_id from projects
        where county_code = ${county} and id = ${inj.projectId}::uuid
        on conflict (county_code, project_id) do update set queued_at = excluded.queued_at`,
    );
    return { lines, payments };
  });
}

// ---------------------------------------------------------------- the benchmark
export async function benchWarnings(): Promise<void> {
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 250);
  console.log(
    `machine: ${os.platform()} ${os.release()}, ${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? '?'}), ` +
      `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM; node ${process.version}`,
  );
  console.log(
    `size: ${n(PROJECTS)} projects, ${n(WORKERS)} workers, ` +
      `12 months ending ${addMonths(monthOf(AS_OF), -1).slice(0, 7)}, as of ${AS_OF}; ` +
      `inject rate ${INJECT}; seed ${SEED}`,
  );

  const settings = {
    shared_buffers: '1GB',
    work_mem: '64MB',
    maintenance_work_mem: '512MB',
    max_wal_size: '8GB',
    checkpoint_timeout: '30min',
  };
  const cluster = await startThrowawayCluster({ settings });
  let ok = true;
  try {
    const db = await openDatabase({ url: await cluster.createDatabase('bench_warnings'), poolSize: 4 });
    await migrate(db);
    const keys = new KeyRing(randomBytes(32).toString('base64'));
    const services = createServices({ db, keys, cityCode: CITY, mode: 'demo' });
    await ensureReferenceData(db, services, CITY);
    const pgVersion = (await all<{ v: string }>(db.owner, sql`select current_setting('server_version') as v`))[0].v;
    console.log(
      `PostgreSQL ${pgVersion}: ${Object.entries(settings)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ')}`,
    );

    const regions: { code: string; name: string; level: 1 | 2 | 3 | 4 | 5; parentCode: string | null }[] = [];
    for await (const b of readRegions(CITY)) regions.push(...b);
    const townships = regions.filter((r) => r.level === 4 && r.code.startsWith(CITY)).map((r) => r.code);

    // ---- registry
    console.log('loading the registry by COPY (generated, encrypted with FieldCipher) …');
    const reg = await loadRegistry(services, regions);
    const builders = reg.employers.filter((e) => e.industry === 'E');
    console.log(
      `registry: ${n(reg.workers.length)} workers, ${n(reg.employers.length)} employers ` +
        `(${n(builders.length)} in construction) in ${secs(reg.ms)}`,
    );

    // ---- wage data
    console.log('generating and COPYing the wage data …');
    const wageStats = await services.wageSeed.bulkCopy(
      generateWageProjects({
        seed: SEED,
        asOf: AS_OF,
        projects: PROJECTS,
        workers: reg.workers,
        employers: builders.length >= 10 ? builders : reg.employers,
        townships,
        injectRate: INJECT,
      }),
      {
        onProgress: (s) => {
          if (s.projects % 500 < 10 || s.projects === PROJECTS)
            console.log(
              `  projects: ${n(s.projects)}, ledger lines ${n(s.rows.payroll_lines)}, ` +
                `rss ${mb(process.memoryUsage().rss)}`,
            );
        },
      },
    );
    reg.workers.length = 0;
    console.log(
      `wage data: ${n(wageStats.projects)} projects in ${secs(wageStats.ms)}; ` +
        `${n(wageStats.injections.length)} injected problems, ${n(wageStats.manifest.length)} expected warnings`,
    );
    let t = performance.now();
    await db.owner.execute(sql`vacuum analyze`);
    console.log(`VACUUM ANALYZE: ${secs(performance.now() - t)}`);
    const sizes = await all<{ table: string; rows: number; size: string }>(
      db.owner,
      sql`select c.relname as table, c.reltuples::int8 as rows, pg_size_pretty(pg_total_relation_size(c.oid)) as size
      from pg_class c where c.relname in ('workers', 'employers', 'projects', 'project_units', 'project_teams',
          'project_workers', 'attendance', 'wage_accounts', 'account_txns',
          'wage_deposits', 'deposit_movements', 'payrolls', 'payroll_lines', 'bank_payments')
        order by pg_total_relation_size(c.oid) desc`,
    );
    console.log('rows (written; on disk with indexes):');
    const written: Record<string, number> = { ...wageStats.rows, workers: WORKERS, employers: reg.employers.length };
    for (const s of sizes)
      console.log(`  ${s.table.padEnd(18)} ${n(written[s.table] ?? Number(s.rows)).padStart(12)}  ${s.size}`);

    const params = DEFAULT_WAGE_PARAMS;
    const engine = new WarningEngine(
      db,
      services.events,
      async () => params,
      () => services.calendar.calendar(),
      () => new Date(),
    );

    // ---- (a) full scan, (b) baseline
    console.log('\n(a) full scan through the engine, (b) baseline queries (owner, no RLS, detection only)');
    const base1 = await runBaseline(db, AS_OF, params);
    console.log(`baseline, first run: ${secs(base1.ms)}`);
    const scan1 = await engine.fullScan({ today: AS_OF });
    printScan('engine full scan #1 (opens the warnings)', scan1);
    const afterScan1 = await liveWarnings(db);
    const scan2 = await engine.fullScan({ today: AS_OF });
    printScan('engine full scan #2 (steady state)', scan2);
    const base2 = await runBaseline(db, AS_OF, params);
    console.log(`baseline, second run: ${secs(base2.ms)}`);
    const engineDetect = Object.values(scan2.byRule).reduce((s, x) => s + x.ms, 0);
    console.log('per rule (ms): engine #2 / baseline #2, findings engine / baseline / manifest');
    const manifestByRule = countByRule(wageStats.manifest);
    for (const [rule, e] of Object.entries(scan2.byRule)) {
      const b = base2.byRule[rule];
      const ms = `${String(e.ms).padStart(7)} / ${String(b?.ms ?? '—').padStart(7)}`;
      const manifest = String(manifestByRule.get(rule) ?? 0).padStart(6);
      const findings = `${String(e.findings).padStart(6)} / ${String(b?.findings ?? '—').padStart(6)} / ${manifest}`;
      console.log(`  ${rule.padEnd(26)} ${ms}   ${findings}`);
    }
    console.log(
      `ratio engine / baseline: rule queries ${(engineDetect / base2.ms).toFixed(2)}, ` +
        `whole steady-state scan ${(scan2.ms / base2.ms).toFixed(2)}, first scan ${(scan1.ms / base2.ms).toFixed(2)}`,
    );
    ok = printScore('engine vs baseline (same README reading?)', base2.found, afterScan1) && ok;

    // ---- (d) precision / recall
    console.log('\n(d) precision and recall of the full scan against the manifest');
    ok = printScore('engine', wageStats.manifest, afterScan1) && ok;
    ok = printScore('baseline', wageStats.manifest, base2.found) && ok;

    // ---- (c) incremental scan after re-uploading one project's month
    console.log("\n(c) incremental scan after re-uploading one project's month");
    const inj =
      wageStats.injections.find((i) => i.kind === 'missing_workers') ??
      wageStats.injections.find((i) => i.kind === 'late_month');
    if (!inj) console.log('no missing_workers or late_month injection to repair (too few projects)');
    else {
      const before = await liveWarnings(db, inj.projectId);
      const up = await reupload(db, inj);
      t = performance.now();
      const inc = await engine.scanProjects([inj.projectId], { today: AS_OF });
      const incMs = performance.now() - t;
      const after = await liveWarnings(db, inj.projectId);
      console.log(
        `project ${inj.projectId} (${inj.kind}, ${inj.month}): ` +
          `re-uploaded ${up.lines} ledger lines and ${up.payments} bank payments`,
      );
      printScan('incremental scan of that project', inc, true);
      const list = (ws: Found[]) => ws.map((w) => `${w.rule} ${w.month ?? ''}`).join('; ');
      console.log(`  wall time ${secs(incMs)}; live warnings before: [${list(before)}], after: [${list(after)}]`);
      const expectedAfter = wageStats.manifest.filter((m) => m.projectId !== inj.projectId);
      const clean =
        wageStats.manifest.filter((m) => m.projectId === inj.projectId).length === inc.cleared && after.length === 0;
      if (!clean) ok = false;
      console.log(`  the repaired warnings cleared themselves: ${clean ? 'yes' : 'NO'}`);
      const sample = wageStats.injections.slice(0, 50).map((i) => i.projectId);
      t = performance.now();
      const inc50 = await engine.scanProjects(sample, { today: AS_OF });
      printScan(`incremental scan of ${sample.length} unchanged projects`, inc50, true);
      ok =
        printScore(
          'live warnings after the incremental scans vs the updated manifest',
          expectedAfter,
          await liveWarnings(db),
        ) && ok;
    }
    await db.close();
  } finally {
    clearInterval(sampler);
    await cluster.stop();
  }
  console.log(`\npeak RSS ${mb(peakRss)}; ${ok ? 'all checks passed' : 'CHECKS FAILED (see above)'}`);
  if (!ok) process.exitCode = 1;
}
