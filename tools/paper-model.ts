/**
 * The paper model to national scale (issue #10, scope 6): rows and bytes per business unit measured on
 * the benchmark data of one throwaway PostgreSQL, then the national model computed from them.
 *
 * Loads, with the project's own loaders and in this order:
 *   1. the registry of a synthetic city (@mwsp/synth) through the demo loader (`loadDemoCity`: the
 *      registry's validation, `upsertWorkers`, `addEmploymentsBulk`: workers, employments, insurance,
 *      worker_counts, events and audit rows as the application writes them);
 *   2. twelve months of wage data for N projects by the wages module's bulk COPY (`services.wageSeed`,
 *      as the warnings benchmark);
 *   3. this month's wage sheets of some projects through the manual upload use case
 *      (`services.ledger.saveManual`: access, RLS-scoped transaction, per-line checks, audit, event);
 *   4. audited reads (`services.accounts.getUser`: an audit row committed before the answer), one at a
 *      time and 16 at once; bare audited write transactions (`audit.append` + commit), 16 at once; a
 *      county officer's worker search and detail (`services.registry`).
 * Each phase is timed and its WAL counted (pg_current_wal_lsn). Then VACUUM ANALYZE and the per-table
 * sizes, the per-unit bytes and the national model (assumptions are the constants below); last, the
 * audit chain's head alone in plain SQL (no chain / one national head / one head per county) on the
 * same PostgreSQL and on a 1 + 2 node Citus cluster (when citus.so is installed; PAPER_CITUS=0 skips it).
 *
 *   npx tsx tools/paper-model.ts > model.md
 *   PAPER_WORKERS (20,000), PAPER_PROJECTS (200), PAPER_UPLOAD_PROJECTS (60), PAPER_READS (1,000),
 *   PAPER_CHAIN_TX (800), PAPER_SEED, PAPER_CITUS (0 = skip the Citus part)
 */
import os from 'node:os';
import { sql } from 'drizzle-orm';
import { monthOf, shanghaiDate } from '@mwsp/domain';
import { generateWageProjects } from '@mwsp/synth';
import { createServices, type Services } from '../apps/server/src/app.js';
import { ensureReferenceData } from '../apps/server/src/bootstrap.js';
import { all, openDatabase, SYSTEM_SCOPE, type Database } from '../apps/server/src/db/client.js';
import { migrate } from '../apps/server/src/db/migrate.js';
import { loadDemoCity } from '../apps/server/src/demo.js';
import type { Principal } from '../apps/server/src/platform/access/principal.js';
import { actorOf } from '../apps/server/src/platform/audit/audit.js';
import { KeyRing, randomBytes } from '../apps/server/src/platform/crypto/index.js';
import { regionCodesAtLevel } from '../apps/server/src/platform/org/org.repo.js';
import pg from 'pg';
import { findCitus, startCitusCluster } from './citus-cluster.js';
import { principal } from './bench/worker-list.js';
import { startThrowawayCluster } from './pg-cluster.js';

const WORKERS = Number(process.env.PAPER_WORKERS ?? 20_000);
const PROJECTS = Number(process.env.PAPER_PROJECTS ?? 200);
const UPLOAD_PROJECTS = Number(process.env.PAPER_UPLOAD_PROJECTS ?? 60);
const READS = Number(process.env.PAPER_READS ?? 1000);
const SEED = Number(process.env.PAPER_SEED ?? 20261205);
const CHAIN_TX = Number(process.env.PAPER_CHAIN_TX ?? 800);
const CITY = '5301';

/** The national model's inputs: the issue's figures and the assumptions docs/SCALE.md §10 states. */
const NATION = {
  workers: 300e6,
  wageLinesPerYear: 3.6e9,
  counties: 2850,
  years: 5,
  /** Copies of every byte: one streaming standby per node (and WAL / bloat headroom). */
  replicaFactor: 2,
  /** Hot data a worker node may hold (primary copy). */
  hotBytesPerNode: 2e12,
  vcpuPerNode: 32,
  /** The biggest county's share of the nation's workers and wage lines (e.g. an industrial district). */
  biggestCountyShare: 0.01,
  /** A month's wage sheets are uploaded in the last 3 working days, 8 office hours each. */
  peakDays: 3,
  peakHoursPerDay: 8,
  /** Busiest hour of the peak window against its average hour. */
  peakHourFactor: 3,
  /** Registry churn: share of workers whose record (and employment) is written again in a year. */
  registryChurnPerYear: 1,
  officersPerCounty: 20,
  /** One request every 10 s per officer while working (the brief's read assumption). */
  requestsPerOfficerPerSecond: 0.1,
  /** Share of officer requests that write an audit row (detail views of persons, unmasking, exports). */
  auditedReadShare: 0.1,
  /** Share of officer requests that are audited writes other than registrations and wage sheets. */
  auditedWriteShare: 0.05,
  workingSecondsPerYear: 250 * 8 * 3600,
};

/** Prints a paragraph wrapped at 120 columns (docs/SCALE.md quotes the output; CONVENTIONS: 120 columns). */
function say(text: string) {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(' ')) {
      if (line && line.length + 1 + word.length > 120) {
        out.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    out.push(line);
  }
  console.log(out.join('\n'));
}

const n = (x: number, digits = 0) =>
  x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const gb = (bytes: number) => n(bytes / 1e9, 1);
const tb = (bytes: number) => n(bytes / 1e12, 1);
const mbps = (bytes: number) => n(bytes / 1e6, 1);

interface Phase {
  name: string;
  units: number;
  unit: string;
  ms: number;
  walBytes: number;
  events: number;
  audit: number;
}

interface TableSize {
  table: string;
  rows: number;
  heap: number;
  indexes: number;
  toast: number;
  total: number;
}

async function counter(db: Database): Promise<{ lsn: string; events: number; audit: number }> {
  const [r] = await all<{ lsn: string; events: string; audit: string }>(
    db.owner,
    sql`select pg_current_wal_lsn()::text as lsn, (select count(*) from events) as events,
      (select count(*) from audit_log) as audit`,
  );
  return { lsn: r.lsn, events: Number(r.events), audit: Number(r.audit) };
}

/** Runs fn as one measured phase: wall time, WAL written, events and audit rows added. */
async function phase(
  db: Database,
  name: string,
  unit: string,
  fn: () => Promise<number>,
  phases: Phase[],
): Promise<Phase> {
  const before = await counter(db);
  const t0 = performance.now();
  const units = await fn();
  const ms = performance.now() - t0;
  const after = await counter(db);
  const [wal] = await all<{ b: string }>(db.owner, sql`select pg_wal_lsn_diff(${after.lsn}, ${before.lsn}) as b`);
  const p = {
    name,
    units,
    unit,
    ms,
    walBytes: Number(wal.b),
    events: after.events - before.events,
    audit: after.audit - before.audit,
  };
  phases.push(p);
  console.error(`  ${name}: ${n(units)} ${unit} in ${(ms / 1000).toFixed(1)} s`);
  return p;
}

/** 2. Twelve months of wage data by the wages module's bulk COPY, for the workers the registry holds. */
async function loadWages(db: Database, services: Services, asOf: string): Promise<number> {
  const { workers, employers, townships } = await db.scoped(SYSTEM_SCOPE, async (tx) => ({
    workers: await services.registry.oldestActiveWorkers(tx, WORKERS),
    employers: await services.registry.employerRegions(tx),
    townships: (await regionCodesAtLevel(tx, 4)).filter((c) => c.startsWith(CITY)),
  }));
  const stats = await services.wageSeed.bulkCopy(
    generateWageProjects({ seed: SEED, asOf, projects: PROJECTS, workers, employers, townships }),
  );
  return stats.rows.payroll_lines;
}

type Sheet = { projectId: string; pwIds: string[] };

/** The projects with the most workers on site this month, each with its on-site roster (for 3.). */
async function sheetsOfThisMonth(db: Database, today: string): Promise<Sheet[]> {
  const month = monthOf(today);
  return all<Sheet>(
    db.owner,
    sql`select project_id::text as "projectId", array_agg(id::text order by id) as "pwIds" from project_workers
      where entry_date <= ${today}::date and (exit_date is null or exit_date >= ${month}::date)
      group by project_id order by count(*) desc, project_id limit ${UPLOAD_PROJECTS}`,
  );
}

/** 3. This month's wage sheets through the manual upload use case, `parallel` projects at once. */
async function uploadSheets(
  services: Services,
  officer: Principal,
  today: string,
  sheets: Sheet[],
  parallel: number,
): Promise<number> {
  const month = monthOf(today).slice(0, 7);
  const upload = async ({ projectId, pwIds }: Sheet) =>
    (
      await services.ledger.saveManual(officer, projectId, {
        month,
        lines: pwIds.map((projectWorkerId, i) => ({
          projectWorkerId,
          days: 1 + (i % 4),
          payableFen: 30_000 * (1 + (i % 4)),
          deductionsFen: 0,
          netFen: 30_000 * (1 + (i % 4)),
          payDate: null,
          confirmed: true,
        })),
      })
    ).lines;
  let lines = 0;
  for (let i = 0; i < sheets.length; i += parallel)
    for (const x of await Promise.all(sheets.slice(i, i + parallel).map(upload))) lines += x;
  return lines;
}

/** 4a. Audited reads: a sysadmin reads an account's detail (audit row committed before the answer). */
async function auditedReads(services: Services, sys: Principal, target: string, parallel: number): Promise<number> {
  for (let done = 0; done < READS; done += parallel)
    await Promise.all(
      Array.from({ length: Math.min(parallel, READS - done) }, () => services.accounts.getUser(sys, target)),
    );
  return READS;
}

/** 4b. The chain head under write transactions: each appends one entry and commits, `parallel` at once. */
async function auditedWrites(
  db: Database,
  services: Services,
  sys: Principal,
  parallel: number,
  chained = true,
): Promise<number> {
  // The control (chained = false) writes a timeline event instead: same transaction, no chain head.
  const write = () =>
    db.scoped(SYSTEM_SCOPE, (tx) =>
      chained
        ? services.audit.append(tx, actorOf(sys, sys.ip), { action: 'paper.model', outcome: 'success' })
        : services.events.emit(tx, sys, [
            { type: 'paper.model', subjectType: 'user', subjectId: sys.userId, regionCode: CITY, summary: '基准' },
          ]),
    );
  for (let done = 0; done < READS; done += parallel)
    await Promise.all(Array.from({ length: Math.min(parallel, READS - done) }, write));
  return READS;
}

/** 4c. A county officer's hot reads: worker search (first page) and worker detail; per-request ms. */
async function officerReads(services: Services, officer: Principal, ids: string[]) {
  const time = async (fn: () => Promise<unknown>, runs: number) => {
    const ms: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await fn();
      ms.push(performance.now() - t0);
    }
    ms.sort((a, b) => a - b);
    return { median: ms[Math.floor(ms.length / 2)], p95: ms[Math.floor(ms.length * 0.95)] };
  };
  const search = await time(
    () => services.registry.listWorkers(officer, { sort: '-createdAt', page: 1, pageSize: 20 }),
    40,
  );
  let k = 0;
  const detail = await time(() => services.registry.getWorker(officer, ids[k++ % ids.length]), 100);
  return { search, detail };
}

async function tableSizes(db: Database): Promise<TableSize[]> {
  const rows = await all<{ table: string; heap: string; indexes: string; toast: string; total: string }>(
    db.owner,
    sql`select c.relname as table, pg_relation_size(c.oid) as heap, pg_indexes_size(c.oid) as indexes,
        coalesce(pg_total_relation_size(nullif(c.reltoastrelid, 0)), 0) as toast,
        pg_total_relation_size(c.oid) as total
      from pg_class c join pg_namespace s on s.oid = c.relnamespace
      where s.nspname = 'public' and c.relkind = 'r' order by pg_total_relation_size(c.oid) desc`,
  );
  const out: TableSize[] = [];
  for (const r of rows) {
    const [{ count }] = await all<{ count: string }>(
      db.owner,
      sql`select count(*) as count from ${sql.identifier(r.table)}`,
    );
    out.push({
      table: r.table,
      rows: Number(count),
      heap: Number(r.heap),
      indexes: Number(r.indexes),
      toast: Number(r.toast),
      total: Number(r.total),
    });
  }
  return out;
}

function printTables(sizes: TableSize[]) {
  console.log('\n#### Per table (after VACUUM ANALYZE)\n');
  console.log('| table | rows | heap bytes | index bytes | TOAST bytes | total bytes | heap B/row | total B/row |');
  console.log('|---|--:|--:|--:|--:|--:|--:|--:|');
  for (const t of sizes) {
    if (t.rows === 0) continue;
    console.log(
      `| ${t.table} | ${n(t.rows)} | ${n(t.heap)} | ${n(t.indexes)} | ${n(t.toast)} | ${n(t.total)} | ` +
        `${n(t.heap / t.rows)} | ${n(t.total / t.rows)} |`,
    );
  }
  const empty = sizes.filter((t) => t.rows === 0).map((t) => t.table);
  say(`\nEmpty tables (not in the unit figures): ${empty.join(', ')}.`);
}

interface Units {
  perWorker: number;
  perWorkerHeap: number;
  perLine: number;
  perLineHeap: number;
  perLineOther: number;
  perEvent: number;
  perAudit: number;
}

/** Bytes per business unit: a unit's own table plus the shares of the tables that exist because of it. */
function unitBytes(sizes: TableSize[]): Units {
  const t = (name: string) => sizes.find((s) => s.table === name) ?? { rows: 0, heap: 0, total: 0 };
  const sum = (names: string[], k: 'heap' | 'total') => names.reduce((a, x) => a + t(x)[k], 0);
  const worker = ['workers', 'employments', 'worker_insurance', 'worker_counts'];
  const line = ['payroll_lines', 'attendance', 'bank_payments'];
  const other = ['projects', 'project_units', 'project_teams', 'project_workers', 'wage_accounts', 'account_txns'];
  other.push('wage_deposits', 'deposit_movements', 'payrolls', 'warning_scan_queue');
  const workers = t('workers').rows;
  const lines = t('payroll_lines').rows;
  const units: Units = {
    perWorker: sum(worker, 'total') / workers,
    perWorkerHeap: sum(worker, 'heap') / workers,
    perLine: sum(line, 'total') / lines,
    perLineHeap: sum(line, 'heap') / lines,
    perLineOther: sum(other, 'total') / lines,
    perEvent: t('events').total / t('events').rows,
    perAudit: t('audit_log').total / t('audit_log').rows,
  };
  console.log('\n#### Per business unit\n');
  console.log('| unit | tables counted | rows per unit | heap B/unit | total B/unit (with indexes, TOAST) |');
  console.log('|---|---|---|--:|--:|');
  const rowsPer = (names: string[], per: number) => names.map((x) => `${x} ${(t(x).rows / per).toFixed(2)}`).join(', ');
  console.log(
    `| worker | ${worker.join(' + ')} | ${rowsPer(worker, workers)} | ${n(units.perWorkerHeap)} | ` +
      `${n(units.perWorker)} |`,
  );
  console.log(
    `| wage line | ${line.join(' + ')} | ${rowsPer(line, lines)} | ${n(units.perLineHeap)} | ${n(units.perLine)} |`,
  );
  console.log(
    `| (project overhead per wage line) | ${other.join(', ')} | — | ${n(sum(other, 'heap') / lines)} | ` +
      `${n(units.perLineOther)} |`,
  );
  console.log(`| event | events | 1 | ${n(t('events').heap / t('events').rows)} | ${n(units.perEvent)} |`);
  console.log(`| audit row | audit_log | 1 | ${n(t('audit_log').heap / t('audit_log').rows)} | ${n(units.perAudit)} |`);
  return units;
}

function printPhases(phases: Phase[]) {
  console.log('\n#### Write paths (one node, this machine)\n');
  console.log('| phase | units | seconds | units/s | WAL bytes | WAL B/unit | events/unit | audit rows/unit |');
  console.log('|---|--:|--:|--:|--:|--:|--:|--:|');
  for (const p of phases) {
    console.log(
      `| ${p.name} | ${n(p.units)} ${p.unit} | ${n(p.ms / 1000, 1)} | ${n(p.units / (p.ms / 1000))} | ` +
        `${n(p.walBytes)} | ${n(p.walBytes / p.units)} | ${(p.events / p.units).toFixed(4)} | ` +
        `${(p.audit / p.units).toFixed(4)} |`,
    );
  }
}

/** The national model: storage, nodes, shards, the month-end peak, reads, the audit chain. */
function printModel(u: Units, phases: Record<string, Phase>, reads: { search: number; detail: number }) {
  const N = NATION;
  const reg = phases.registry;
  const upload = phases.upload;
  const copy = phases.copy;
  const eventsPerWorker = reg.events / reg.units;
  const auditPerWorker = reg.audit / reg.units;
  const eventsPerLine = upload.events / upload.units;
  const auditPerLine = upload.audit / upload.units;
  const officers = N.counties * N.officersPerCounty;
  const readsPerSecond = officers * N.requestsPerOfficerPerSecond;
  const auditedReadsPerYear = readsPerSecond * N.auditedReadShare * N.workingSecondsPerYear;
  const auditedWritesPerYear = readsPerSecond * N.auditedWriteShare * N.workingSecondsPerYear;

  const registry = N.workers * u.perWorker;
  const linesYear = N.wageLinesPerYear * (u.perLine + u.perLineOther);
  const eventsYear =
    (N.workers * N.registryChurnPerYear * eventsPerWorker + N.wageLinesPerYear * eventsPerLine) * u.perEvent;
  const auditRowsYear =
    N.workers * N.registryChurnPerYear * auditPerWorker +
    N.wageLinesPerYear * auditPerLine +
    auditedReadsPerYear +
    auditedWritesPerYear;
  const auditYear = auditRowsYear * u.perAudit;
  const year1 = registry + linesYear + eventsYear + auditYear;
  const yearN = registry + N.years * (linesYear + eventsYear + auditYear);

  console.log('\n#### National storage\n');
  console.log('| part | basis | year 1 | after 5 years |');
  console.log('|---|---|--:|--:|');
  const row = (part: string, basis: string, a: number, b: number) =>
    console.log(`| ${part} | ${basis} | ${tb(a)} TB | ${tb(b)} TB |`);
  row('registry', `${n(N.workers / 1e6)} M workers × ${n(u.perWorker)} B (stock, not cumulative)`, registry, registry);
  row(
    'wage lines',
    `${n(N.wageLinesPerYear / 1e9, 1)} B/yr × (${n(u.perLine)} + ${n(u.perLineOther)} project share) B`,
    linesYear,
    N.years * linesYear,
  );
  row(
    'events',
    `(${eventsPerWorker.toFixed(2)}/worker × churn ${N.registryChurnPerYear} + ${eventsPerLine.toFixed(4)}/line) ` +
      `× ${n(u.perEvent)} B`,
    eventsYear,
    N.years * eventsYear,
  );
  row(
    'audit',
    `${n(auditRowsYear / 1e9, 2)} B rows/yr (${auditPerWorker.toFixed(2)}/worker, ${auditPerLine.toFixed(4)}/line, ` +
      `${n(auditedReadsPerYear / 1e9, 2)} B audited reads, ${n(auditedWritesPerYear / 1e9, 2)} B other writes) ` +
      `× ${n(u.perAudit)} B`,
    auditYear,
    N.years * auditYear,
  );
  row('**total, one copy**', '', year1, yearN);
  row(`**× ${N.replicaFactor} (standby, WAL headroom)**`, '', year1 * N.replicaFactor, yearN * N.replicaFactor);

  const primaries = Math.ceil(yearN / N.hotBytesPerNode);
  const shards = Math.max(32, 2 ** Math.ceil(Math.log2(primaries * 4)));
  console.log('\n#### Nodes and shards\n');
  console.log('| figure | value | how |');
  console.log('|---|--:|---|');
  console.log(
    `| worker nodes (primaries) after 5 years | ${primaries} | ${tb(yearN)} TB ÷ ${tb(N.hotBytesPerNode)} TB ` +
      `per node |`,
  );
  console.log(`| with one standby each | ${primaries * 2} | × 2 |`);
  console.log(`| shards (county_code hash) | ${shards} | ≥ 4 per primary, power of 2 (rebalancing room) |`);
  console.log(`| counties per shard | ${n(N.counties / shards, 1)} | ${n(N.counties)} ÷ ${shards} |`);
  console.log(`| data per shard after 5 years | ${gb(yearN / shards)} GB | |`);
  const county5 = yearN * N.biggestCountyShare;
  console.log(
    `| the biggest county's data after 5 years (one shard: a county is never split) | ${gb(county5)} GB | ` +
      `${n(N.biggestCountyShare * 100)} % of the total; its shard ≈ ${gb(county5 + yearN / shards)} GB |`,
  );

  const copyRate = copy.units / (copy.ms / 1000);
  const apiRate = upload.units / (upload.ms / 1000);
  const apiParRate = phases.uploadPar.units / (phases.uploadPar.ms / 1000);
  // A line's WAL with its attendance and bank rows (the COPY phase writes all wage tables), or the upload
  // path's (payroll line, payroll, audit, event), whichever is larger.
  const walPerLine = Math.max(copy.walBytes / copy.units, upload.walBytes / upload.units);
  // Extrapolated, not measured: the parallel upload rate of this machine's cores (which also ran the
  // application) scaled to one node's vCPUs.
  const nodeCapacity = (apiParRate / os.cpus().length) * N.vcpuPerNode;
  const peakSeconds = N.peakDays * N.peakHoursPerDay * 3600;
  const monthLines = N.wageLinesPerYear / 12;
  const national = (monthLines / peakSeconds) * N.peakHourFactor;
  const county = national * N.biggestCountyShare;
  const perNode = national / primaries;
  console.log('\n#### Month-end wage upload (the write peak)\n');
  say(
    `Measured here: upload path ${n(apiRate)} lines/s (1 project at a time), ${n(apiParRate)} lines/s ` +
      `(4 at once); COPY ${n(copyRate)} lines/s; WAL ${n(walPerLine)} B per line. One ${N.vcpuPerNode}-vCPU node, ` +
      `extrapolated: ${n(apiParRate)} ÷ ${os.cpus().length} cores × ${N.vcpuPerNode} = ${n(nodeCapacity)} lines/s.\n`,
  );
  console.log('| figure | lines/s | WAL MB/s | share of one node (extrapolated upload capacity) |');
  console.log('|---|--:|--:|--:|');
  const share = (x: number) => `${n((x / nodeCapacity) * 100, 1)} %`;
  const peakRow = (label: string, x: number) =>
    console.log(`| ${label} | ${n(x, 1)} | ${mbps(x * walPerLine)} | ${share(x)} |`);
  peakRow(
    `national, average of the window: ${n(monthLines / 1e6)} M lines in ${N.peakDays} days × ` +
      `${N.peakHoursPerDay} h`,
    monthLines / peakSeconds,
  );
  peakRow(`national, busiest hour (× ${N.peakHourFactor})`, national);
  peakRow(`the biggest county (${n(N.biggestCountyShare * 100)} % of the nation), busiest hour`, county);
  peakRow(`one node's average share of the national busiest hour (÷ ${primaries})`, perNode);
  peakRow('the node holding the biggest county (its county + an average share)', county + perNode);

  // Audited write transactions hold the chain head from their append to their commit; audited reads
  // are group-committed (AuditLog.record), one transaction per batch and application instance.
  const auditedWriteTx = readsPerSecond * N.auditedWriteShare + national * auditPerLine;
  const auditedReadRows = readsPerSecond * N.auditedReadShare;
  const rate = (p: Phase) => p.units / (p.ms / 1000);
  const chain = rate(phases.auditSeq);
  const chainPar = rate(phases.auditPar);
  const chainTx = rate(phases.auditTx);
  const controlTx = rate(phases.eventTx);
  console.log('\n#### Reads and the audit chain\n');
  console.log('| figure | value | how |');
  console.log('|---|--:|---|');
  console.log(`| officers | ${n(officers)} | ${n(N.counties)} counties × ${N.officersPerCounty} |`);
  console.log(
    `| officer requests/s, national | ${n(readsPerSecond)} | 1 request / ${1 / N.requestsPerOfficerPerSecond} s each |`,
  );
  console.log(`| per county / per shard | ${n(readsPerSecond / N.counties, 1)} / ${n(readsPerSecond / shards, 1)} | |`);
  console.log(
    `| measured service time on this machine: worker search / detail | ${n(reads.search, 1)} / ` +
      `${n(reads.detail, 1)} ms | median, county officer, one request at a time |`,
  );
  const cpuSeconds = readsPerSecond * ((reads.search + reads.detail) / 2 / 1000);
  console.log(
    `| vCPU-seconds per second for the officer load | ${n(cpuSeconds, 1)} | requests/s × mean service time ` +
      `(upper bound: the time includes waiting on the shared machine) |`,
  );
  console.log(
    `| audited write transactions/s at the month-end peak | ${n(auditedWriteTx)} | ` +
      `${n(N.auditedWriteShare * 100)} % of requests + ${auditPerLine.toFixed(4)} per uploaded line |`,
  );
  console.log(
    `| audited reads/s (audit rows, group-committed) | ${n(auditedReadRows)} | ` +
      `${n(N.auditedReadShare * 100)} % of requests |`,
  );
  console.log(
    `| one gap-free chain, measured: write transactions with an append, 16 at once | ${n(chainTx)} tx/s | ` +
      `append + commit, one node, this machine |`,
  );
  console.log(
    `| control: the same transactions writing an event instead (no chain head), 16 at once | ${n(controlTx)} tx/s | ` +
      `the difference is the chain head's serialisation |`,
  );
  console.log(
    `| one gap-free chain, measured appends/s: 1 at a time / 16 at once | ${n(chain)} / ${n(chainPar)} | ` +
      `audited reads on this machine (16 at once: group commit of the chain head) |`,
  );
  const auditAt = (share: number) =>
    (N.workers * N.registryChurnPerYear * auditPerWorker +
      N.wageLinesPerYear * auditPerLine +
      readsPerSecond * share * N.workingSecondsPerYear +
      auditedWritesPerYear) *
    u.perAudit;
  console.log(
    `| audit storage per year if 1 % / 10 % / 100 % of requests are audited reads | ${tb(auditAt(0.01))} / ` +
      `${tb(auditAt(0.1))} / ${tb(auditAt(1))} TB | sensitivity of the audited-read assumption |`,
  );
}

// ---------------------------------------------------------------- the chain head on one node and on Citus
/**
 * The audit chain's head in isolation, in plain SQL (today's schema is not distributable yet, §3): a
 * business row of county X, then (variant) the head's seq and MAC advanced and a chain row appended, all in
 * one transaction, 16 at once over 32 counties. Variants: no chain (control); one national head (a row of
 * the county-distributed head table, or on Citus also a reference table); one head per county (§6).
 */
const CHAIN_SCHEMA = [
  'CREATE TABLE biz (county_code text NOT NULL, id bigserial, v text, PRIMARY KEY (county_code, id))',
  'CREATE TABLE chain_log (county_code text NOT NULL, seq bigint NOT NULL, mac text NOT NULL, ' +
    'PRIMARY KEY (county_code, seq))',
  'CREATE TABLE chain_head (county_code text PRIMARY KEY, seq bigint NOT NULL, mac text NOT NULL)',
  'CREATE TABLE chain_head_ref (id int PRIMARY KEY, seq bigint NOT NULL, mac text NOT NULL)',
];
const CITUS_DISTRIBUTION = [
  "SELECT create_distributed_table('biz', 'county_code')",
  "SELECT create_distributed_table('chain_log', 'county_code', colocate_with => 'biz')",
  "SELECT create_distributed_table('chain_head', 'county_code', colocate_with => 'biz')",
  "SELECT create_reference_table('chain_head_ref')",
];
const COUNTIES = Array.from({ length: 32 }, (_, i) => `5301${String(i + 2).padStart(2, '0')}`);

type ChainVariant = 'none' | 'national' | 'national-reference' | 'county';

async function chainTx(c: pg.PoolClient, variant: ChainVariant, county: string, k: number) {
  await c.query('BEGIN');
  try {
    await c.query('INSERT INTO biz (county_code, v) VALUES ($1, $2)', [county, `change ${k}`]);
    if (variant !== 'none') {
      const head = variant === 'county' ? county : '000000';
      const r =
        variant === 'national-reference'
          ? await c.query<{ seq: string; mac: string }>(
              'UPDATE chain_head_ref SET seq = seq + 1, mac = md5(mac || $1) WHERE id = 1 RETURNING seq, mac',
              [`change ${k}`],
            )
          : await c.query<{ seq: string; mac: string }>(
              'UPDATE chain_head SET seq = seq + 1, mac = md5(mac || $2) WHERE county_code = $1 RETURNING seq, mac',
              [head, `change ${k}`],
            );
      // The reference-table head numbers a chain of its own ('999999'), apart from the national row's.
      await c.query('INSERT INTO chain_log (county_code, seq, mac) VALUES ($1, $2, $3)', [
        variant === 'national-reference' ? '999999' : head,
        r.rows[0].seq,
        r.rows[0].mac,
      ]);
    }
    await c.query('COMMIT');
  } catch (err) {
    await c.query('ROLLBACK');
    throw err;
  }
}

async function chainRates(url: string, engine: string, variants: ChainVariant[], citus: boolean) {
  const setup = new pg.Client({ connectionString: url });
  await setup.connect();
  try {
    for (const q of [...CHAIN_SCHEMA, ...(citus ? CITUS_DISTRIBUTION : [])]) await setup.query(q);
    await setup.query('INSERT INTO chain_head_ref VALUES (1, 0, $1)', ['genesis']);
    for (const c of ['000000', ...COUNTIES])
      await setup.query('INSERT INTO chain_head VALUES ($1, 0, $2)', [c, 'genesis']);
  } finally {
    await setup.end();
  }
  const pool = new pg.Pool({ connectionString: url, max: 16 });
  const rows: string[] = [];
  try {
    for (const variant of variants) {
      let next = 0;
      const worker = async () => {
        const c = await pool.connect();
        try {
          for (let k = next++; k < CHAIN_TX; k = next++) await chainTx(c, variant, COUNTIES[k % COUNTIES.length], k);
        } finally {
          c.release();
        }
      };
      const t0 = performance.now();
      await Promise.all(Array.from({ length: 16 }, worker));
      const ms = performance.now() - t0;
      rows.push(`| ${engine} | ${variant} | ${n(CHAIN_TX)} | ${n(ms / 1000, 1)} | ${n(CHAIN_TX / (ms / 1000))} |`);
      console.error(`  chain head, ${engine}, ${variant}: ${n(CHAIN_TX / (ms / 1000))} tx/s`);
    }
  } finally {
    await pool.end();
  }
  return rows;
}

/** The chain-head table: on the benchmark's PostgreSQL, and on a 1 + 2 node Citus cluster when citus.so is there. */
async function chainHeads(pgAdminUrl: (name: string) => Promise<string>) {
  const rows = await chainRates(await pgAdminUrl('chain'), 'PostgreSQL', ['none', 'national', 'county'], false);
  let note = '';
  if (process.env.PAPER_CITUS === '0') note = 'Citus: skipped (PAPER_CITUS=0).';
  else if (!findCitus()) note = 'Citus: skipped (citus.so not installed; see §1).';
  else {
    const cc = await startCitusCluster({ workers: 2 });
    try {
      const variants: ChainVariant[] = ['none', 'national', 'national-reference', 'county'];
      rows.push(...(await chainRates(await cc.createDatabase('chain'), 'Citus 1 + 2', variants, true)));
    } finally {
      await cc.stop();
    }
  }
  console.log('\n#### The chain head alone: one PostgreSQL and Citus\n');
  say(
    'Plain SQL, 16 connections, 32 counties: insert a row of county X; then (variant) advance a chain head ' +
      "(seq + 1, MAC = md5(MAC || change)) and append the chain row; commit. 'national': one head row for " +
      "the nation (on Citus a row of the county-distributed head table, on the shard of '000000'); " +
      "'national-reference': the head in a reference table (Citus: written on every node); 'county': the " +
      "head of county X (§6; on Citus on the row's own shard).\n",
  );
  console.log('| engine | chain head | transactions | seconds | tx/s |');
  console.log('|---|---|--:|--:|--:|');
  for (const r of rows) console.log(r);
  if (note) say(`\n${note}`);
}

export async function paperModel(): Promise<void> {
  const today = shanghaiDate(new Date());
  console.log('## Paper model: measured input (`npx tsx tools/paper-model.ts`)\n');
  say(
    `Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? '?'}), ` +
      `${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, shared; load average at start ` +
      `${os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(' / ')}; node ${process.version}; ${new Date().toISOString()}.`,
  );
  say(
    `Data: ${n(WORKERS)} workers (synthetic city ${CITY}), ${n(PROJECTS)} projects × 12 months of wage data ` +
      `ending the month before ${monthOf(today).slice(0, 7)}, seed ${SEED}; ${UPLOAD_PROJECTS} projects' sheets ` +
      `of this month uploaded; ${n(READS)} audited reads one at a time and ${n(READS)} sixteen at once.`,
  );
  const settings = { shared_buffers: '512MB', work_mem: '64MB', maintenance_work_mem: '256MB', max_wal_size: '8GB' };
  const cluster = await startThrowawayCluster({ settings });
  try {
    const db = await openDatabase({ url: await cluster.createDatabase('paper_model'), poolSize: 8 });
    await migrate(db);
    const services = createServices({
      db,
      keys: new KeyRing(randomBytes(32).toString('base64')),
      cityCode: CITY,
      mode: 'demo',
    });
    await ensureReferenceData(db, services, CITY);
    const [pgv] = await all<{ v: string }>(db.owner, sql`select current_setting('server_version') as v`);
    say(
      `PostgreSQL ${pgv.v}; ${Object.entries(settings)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ')}.`,
    );

    const phases: Phase[] = [];
    const byName: Record<string, Phase> = {};
    byName.registry = await phase(
      db,
      'registry: demo loader (validation, upsertWorkers, addEmploymentsBulk)',
      'workers',
      () => loadDemoCity(db, services, { cityCode: CITY, workers: WORKERS, seed: SEED }),
      phases,
    );
    byName.copy = await phase(
      db,
      'wages: bulk COPY of 12 months (all wage tables)',
      'lines',
      () => loadWages(db, services, today),
      phases,
    );
    const officer = await principal(db, services, 'paper_officer', ['officer'], CITY, 'all');
    const sheets = await sheetsOfThisMonth(db, today);
    const half = Math.ceil(sheets.length / 2);
    byName.upload = await phase(
      db,
      "wages: this month's sheets through ledger.saveManual, 1 project at a time",
      'lines',
      () => uploadSheets(services, officer, today, sheets.slice(0, half), 1),
      phases,
    );
    byName.uploadPar = await phase(
      db,
      "wages: this month's sheets through ledger.saveManual, 4 projects at once",
      'lines',
      () => uploadSheets(services, officer, today, sheets.slice(half), 4),
      phases,
    );
    const sys = await principal(db, services, 'paper_sys', ['sysadmin'], CITY, 'all');
    byName.auditSeq = await phase(
      db,
      'audited reads (accounts.getUser), 1 at a time',
      'reads',
      () => auditedReads(services, sys, officer.userId, 1),
      phases,
    );
    byName.auditPar = await phase(
      db,
      'audited reads (accounts.getUser), 16 at once',
      'reads',
      () => auditedReads(services, sys, officer.userId, 16),
      phases,
    );
    byName.auditTx = await phase(
      db,
      'audit append inside a write transaction (db.scoped + audit.append), 16 at once',
      'transactions',
      () => auditedWrites(db, services, sys, 16),
      phases,
    );
    byName.eventTx = await phase(
      db,
      'control: an event instead of the audit append (no chain head), 16 at once',
      'transactions',
      () => auditedWrites(db, services, sys, 16, false),
      phases,
    );
    const [{ county }] = await all<{ county: string }>(
      db.owner,
      sql`select left(residence_region_code, 6) as county from workers group by 1 order by count(*) desc limit 1`,
    );
    const countyOfficer = await principal(db, services, 'paper_county', ['officer'], county, 'region');
    const ids = (
      await all<{ id: string }>(
        db.owner,
        sql`select id::text from workers where residence_region_code like ${county + '%'} order by id limit 100`,
      )
    ).map((r) => r.id);
    const reads = await officerReads(services, countyOfficer, ids);

    const t0 = performance.now();
    await db.owner.execute(sql`vacuum analyze`);
    console.error(`  VACUUM ANALYZE: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const sizes = await tableSizes(db);
    printPhases(phases);
    say(
      `\nCounty officer (${county}, ${ids.length} workers sampled) service time, ms: worker search median ` +
        `${n(reads.search.median, 1)}, p95 ${n(reads.search.p95, 1)}; worker detail median ` +
        `${n(reads.detail.median, 1)}, p95 ${n(reads.detail.p95, 1)}.`,
    );
    printTables(sizes);
    const units = unitBytes(sizes);
    console.log(`\n## Paper model: national figures (assumptions: NATION in tools/paper-model.ts)\n`);
    say(
      Object.entries(NATION)
        .map(([k, v]) => `${k} = ${n(v, v < 1 ? 2 : 0)}`)
        .join('; ') + '.',
    );
    printModel(units, byName, { search: reads.search.median, detail: reads.detail.median });
    await chainHeads((name) => cluster.createDatabase(name));
    say(
      `\nLoad average at the end: ${os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(' / ')}.`,
    );
    await db.close();
  } finally {
    await cluster.stop();
  }
}

await paperModel();
process.exit(process.exitCode ?? 0);
