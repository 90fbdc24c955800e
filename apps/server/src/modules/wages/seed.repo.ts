/**
 * Bulk load of generated wage data (the synthetic city of @mwsp/synth: demo, tests, benchmarks): every wage table of
 * a project bundle in foreign-key order, with multi-row INSERTs in the caller's transaction (through the
 * row-level-secured application role: each row carries its project's region code) or with COPY as the owning role
 * (PostgreSQL: `copySeed`; PGlite: `copySeedInProcess`; row-level security does not apply). The only place that
 * knows these tables' columns for bulk writes; the service (seed.service.ts) encrypts and masks before calling it.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { countyCodeOf } from '@mwsp/domain';
import type { WageProjectData } from '@mwsp/synth';
import { sql } from 'drizzle-orm';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { rowsPerStatement, type Database, type Executor } from '../../db/client.js';
import { copyCell, type CopyCell } from '../../db/copy.js';

type Cell = CopyCell;

/** The encrypted, indexed and masked values of a bundle's sensitive fields (made by the service). */
export interface SeedEncoded {
  phoneEnc: string | null;
  phoneMasked: string | null;
  accountEnc: string;
  accountBidx: string;
  accountMasked: string;
}

/** One project's rows and its encoded fields. */
export interface SeedBundle {
  b: WageProjectData;
  e: SeedEncoded;
}

interface TableSpec {
  table: string;
  columns: string;
  rows(b: WageProjectData, e: SeedEncoded): Iterable<Cell[]>;
}

/**
 * A generated project's owner and department (none: its records are seen by the region and all data scopes only),
 * written on the project as created_by, department_id and on each of its records as owner_id, owner_department_id
 * (migration 0018: a record carries its project's).
 */
const OWNER: readonly Cell[] = [null, null];
const OWNED = ', owner_id, owner_department_id';

/** The tables in foreign-key order, with their columns (identity columns are left to the database). */
const BY_PROJECT: TableSpec[] = [
  {
    table: 'projects',
    columns:
      'id, code, name, region_code, category, client_id, contractor_id, permit_no, funding_in_place, ' +
      'payment_guarantee, contract_amount_fen, labour_share_bp, allocation_day, pay_day, contract_signed_on, ' +
      'start_date, planned_end_date, completed_on, status, labour_officer_name, labour_officer_phone_enc, ' +
      'labour_officer_phone_masked, notice_board_posted_on, created_by, department_id',
    rows: ({ project: p }, e) => [
      [
        p.id,
        p.code,
        p.name,
        p.regionCode,
        p.category,
        p.clientId,
        p.contractorId,
        p.permitNo,
        p.fundingInPlace,
        p.paymentGuarantee,
        p.contractAmountFen,
        p.labourShareBp,
        p.allocationDay,
        p.payDay,
        p.contractSignedOn,
        p.startDate,
        p.plannedEndDate,
        p.completedOn,
        p.status,
        p.labourOfficerName,
        e.phoneEnc,
        e.phoneMasked,
        p.noticeBoardPostedOn,
        ...OWNER,
      ],
    ],
  },
  {
    table: 'project_units',
    columns: 'id, project_id, employer_id, role, region_code' + OWNED,
    rows: (b) => b.units.map((u) => [u.id, u.projectId, u.employerId, u.role, u.regionCode, ...OWNER]),
  },
  {
    table: 'project_teams',
    columns: 'id, project_id, name, unit_id, leader_name, region_code' + OWNED,
    rows: (b) => b.teams.map((t) => [t.id, t.projectId, t.name, t.unitId, t.leaderName, t.regionCode, ...OWNER]),
  },
  {
    table: 'project_workers',
    columns:
      'id, project_id, worker_id, team_id, name, id_bidx, id_masked, entry_date, exit_date, contract_present, ' +
      'settled_on, region_code' +
      OWNED,
    rows: (b) =>
      b.projectWorkers.map((w) => [
        w.id,
        w.projectId,
        w.workerId,
        w.teamId,
        w.name,
        w.idBidx,
        w.idMasked,
        w.entryDate,
        w.exitDate,
        w.contractPresent,
        w.settledOn,
        w.regionCode,
        ...OWNER,
      ]),
  },
  {
    table: 'attendance',
    columns: 'project_id, project_worker_id, month, days, region_code' + OWNED,
    rows: (b) => b.attendance.map((a) => [a.projectId, a.projectWorkerId, a.month, a.days, a.regionCode, ...OWNER]),
  },
  {
    table: 'wage_accounts',
    columns:
      'id, project_id, bank_name, account_name, account_enc, account_bidx, account_masked, opened_on, status, ' +
      'balance_fen, region_code' +
      OWNED,
    rows: ({ account: a }, e) => [
      [
        a.id,
        a.projectId,
        a.bankName,
        a.accountName,
        e.accountEnc,
        e.accountBidx,
        e.accountMasked,
        a.openedOn,
        a.status,
        a.balanceFen,
        a.regionCode,
        ...OWNER,
      ],
    ],
  },
  {
    table: 'account_txns',
    columns: 'account_id, project_id, kind, month, amount_fen, txn_date, ref, region_code' + OWNED,
    rows: (b) =>
      b.txns.map((t) => [
        t.accountId,
        t.projectId,
        t.kind,
        t.month,
        t.amountFen,
        t.txnDate,
        t.ref,
        t.regionCode,
        ...OWNER,
      ]),
  },
  {
    table: 'wage_deposits',
    columns:
      'id, project_id, form, rate_bp, required_fen, balance_fen, basis, bank_name, letter_no, valid_until, ' +
      'deposited_on, status, region_code' +
      OWNED,
    rows: ({ deposit: d }) => [
      [
        d.id,
        d.projectId,
        d.form,
        d.rateBp,
        d.requiredFen,
        d.balanceFen,
        d.basis,
        d.bankName,
        d.letterNo,
        d.validUntil,
        d.depositedOn,
        d.status,
        d.regionCode,
        ...OWNER,
      ],
    ],
  },
  {
    table: 'deposit_movements',
    columns: 'deposit_id, kind, amount_fen, on_date, note, region_code' + OWNED,
    rows: (b) =>
      b.depositMovements.map((m) => [m.depositId, m.kind, m.amountFen, m.onDate, m.note, m.regionCode, ...OWNER]),
  },
  {
    table: 'payrolls',
    columns: 'id, project_id, team_key, month, source, region_code' + OWNED,
    rows: (b) => b.payrolls.map((r) => [r.id, r.projectId, r.teamKey, r.month, r.source, r.regionCode, ...OWNER]),
  },
  {
    table: 'payroll_lines',
    columns:
      'payroll_id, project_id, project_worker_id, month, days, payable_fen, deductions_fen, net_fen, pay_date, ' +
      'confirmed, region_code' +
      OWNED,
    rows: (b) =>
      b.lines.map((l) => [
        l.payrollId,
        l.projectId,
        l.projectWorkerId,
        l.month,
        l.days,
        l.payableFen,
        l.deductionsFen,
        l.netFen,
        l.payDate,
        l.confirmed,
        l.regionCode,
        ...OWNER,
      ]),
  },
  {
    table: 'bank_payments',
    columns:
      'project_id, account_id, project_worker_id, month, amount_fen, succeeded, failure_reason, bank_ref, ' +
      'paid_on, region_code' +
      OWNED,
    rows: (b) =>
      b.payments.map((x) => [
        x.projectId,
        x.accountId,
        x.projectWorkerId,
        x.month,
        x.amountFen,
        x.succeeded,
        x.failureReason,
        x.bankRef,
        x.paidOn,
        x.regionCode,
        ...OWNER,
      ]),
  },
];

/**
 * The tables as written: every row first carries its project's county (区/县), the distribution key (migration
 * 0024); the project's code is claimed in the national look-up project_codes right after the project.
 */
const TABLES: TableSpec[] = BY_PROJECT.flatMap((t): TableSpec[] => {
  const spec: TableSpec = {
    table: t.table,
    columns: 'county_code, ' + t.columns,
    rows: function* (b, e) {
      const county = countyCodeOf(b.project.regionCode);
      for (const row of t.rows(b, e)) yield [county, ...row];
    },
  };
  if (t.table !== 'projects') return [spec];
  return [
    spec,
    {
      table: 'project_codes',
      columns: 'code, county_code, region_code, project_id',
      rows: ({ project: p }) => [[p.code, countyCodeOf(p.regionCode), p.regionCode, p.id]],
    },
  ];
});

export const SEED_TABLES: readonly string[] = TABLES.map((t) => t.table);

/**
 * Planner statistics of the seeded tables after a bulk COPY: the embedded database has no autovacuum, and the
 * warning engine's scan right after the demo's load otherwise plans its joins for empty tables (minutes instead of
 * seconds on PGlite).
 */
export async function analyzeSeedTables(db: Database): Promise<void> {
  for (const t of SEED_TABLES) await db.execScript(`ANALYZE ${t}`);
}

/** Rows written per table, all zero. */
export function emptyRowCounts(): Record<string, number> {
  return Object.fromEntries(TABLES.map((t) => [t.table, 0]));
}

/** One chunk of COPY text: per table (in `TABLES` order), its lines. */
type CopyChunk = string[][];

/**
 * The one chunk loop of both COPY paths: the bundles as COPY text lines, table by table, handed to `sink` in
 * chunks of about `chunkRows` rows (the sink may keep the chunk: a fresh one is started). Memory stays bounded by
 * the chunk (and what the sink still holds).
 */
async function chunkCopyText(
  bundles: Iterable<SeedBundle>,
  rowCounts: Record<string, number>,
  chunkRows: number,
  sink: (chunk: CopyChunk) => Promise<void>,
  onChunk?: () => void,
): Promise<void> {
  let chunk: CopyChunk = TABLES.map(() => []);
  let chunkSize = 0;
  for (const { b, e } of bundles) {
    for (let t = 0; t < TABLES.length; t++) {
      const out = chunk[t];
      for (const row of TABLES[t].rows(b, e)) {
        let line = '';
        for (let i = 0; i < row.length; i++) line += (i ? '\t' : '') + copyCell(row[i]);
        out.push(line + '\n');
        chunkSize++;
        rowCounts[TABLES[t].table]++;
      }
    }
    if (chunkSize >= chunkRows) {
      const c = chunk;
      chunk = TABLES.map(() => []);
      chunkSize = 0;
      await sink(c);
      onChunk?.();
    }
  }
  if (chunkSize > 0) await sink(chunk);
}

/**
 * Streams the data into PostgreSQL with COPY as the owning role (row-level security does not apply),
 * in chunks of about `chunkRows` rows, each chunk COPYed table by table in foreign-key order on one
 * of `connections` connections while the next chunk is generated. Memory stays bounded by the chunk.
 */
export async function copySeed(
  pool: pg.Pool,
  bundles: Iterable<SeedBundle>,
  rowCounts: Record<string, number>,
  opts: { chunkRows?: number; connections?: number; onChunk?: () => void } = {},
): Promise<void> {
  const clients: { client: pg.PoolClient; restoreRole: string | null }[] = [];
  let failure: unknown = null;
  try {
    for (let i = 0; i < Math.max(1, opts.connections ?? 2); i++) {
      const client = await pool.connect();
      clients.push({ client, restoreRole: null });
      const { rows } = await client.query<{ cu: string; su: string }>('select current_user as cu, session_user as su');
      if (rows[0].cu !== rows[0].su) {
        clients[i].restoreRole = rows[0].cu;
        await client.query('RESET ROLE');
      }
    }
    const pending: Promise<void>[] = clients.map(() => Promise.resolve());
    let n = 0;
    // the sink: the chunk goes to the next connection (once its previous chunk is in) while the loop goes on
    const toConnection = async (c: CopyChunk) => {
      const slot = n++ % clients.length;
      await pending[slot];
      if (failure) throw failure;
      pending[slot] = (async () => {
        for (let t = 0; t < TABLES.length; t++) {
          if (c[t].length === 0) continue;
          const body = Buffer.from(c[t].join(''), 'utf8');
          c[t] = [];
          await pipeline(
            Readable.from([body]),
            clients[slot].client.query(copyFrom(`COPY ${TABLES[t].table} (${TABLES[t].columns}) FROM STDIN`)),
          );
        }
      })().catch((err) => {
        failure ??= err;
      });
    };
    await chunkCopyText(bundles, rowCounts, opts.chunkRows ?? 200_000, toConnection, opts.onChunk);
    await Promise.all(pending);
    if (failure) throw failure;
  } finally {
    for (const { client, restoreRole } of clients) {
      let broken = false;
      if (restoreRole)
        await client.query(`SET ROLE ${client.escapeIdentifier(restoreRole)}`).catch(() => (broken = true));
      client.release(broken || failure ? true : undefined);
    }
  }
}

/**
 * The embedded database's COPY (PGlite has one connection, in this process): the same chunks as `copySeed`,
 * COPYed table by table in foreign-key order through `Database.copyIn`, one chunk after the other. Memory stays
 * bounded by the chunk.
 */
export async function copySeedInProcess(
  db: Database,
  bundles: Iterable<SeedBundle>,
  rowCounts: Record<string, number>,
  opts: { chunkRows?: number; onChunk?: () => void } = {},
): Promise<void> {
  const inProcess = async (c: CopyChunk) => {
    for (let t = 0; t < TABLES.length; t++) {
      if (c[t].length === 0) continue;
      const body = c[t].join('');
      c[t] = [];
      await db.copyIn(TABLES[t].table, TABLES[t].columns, [body]);
    }
  };
  await chunkCopyText(bundles, rowCounts, opts.chunkRows ?? 100_000, inProcess, opts.onChunk);
}

/**
 * Writes the bundles with multi-row INSERTs in the caller's transaction (e.g. inside
 * `db.scoped(SYSTEM_SCOPE, …)`, as the row-level-secured application role: every row carries its
 * project's region code).
 */
export async function insertSeed(
  tx: Executor,
  bundles: Iterable<SeedBundle>,
  rowCounts: Record<string, number>,
  opts: { batchRows?: number } = {},
): Promise<void> {
  const batchRows = opts.batchRows ?? 1000;
  let chunk: Cell[][][] = TABLES.map(() => []);
  let chunkSize = 0;
  const flush = async () => {
    for (let t = 0; t < TABLES.length; t++) {
      const rows = chunk[t];
      const cols = TABLES[t].columns.split(',').length;
      const per = Math.min(batchRows, rowsPerStatement(cols));
      for (let i = 0; i < rows.length; i += per) {
        const values = rows.slice(i, i + per).map(
          (r) =>
            sql`(${sql.join(
              r.map((v) => sql`${v}`),
              sql`, `,
            )})`,
        );
        await tx.execute(
          sql`insert into ${sql.raw(TABLES[t].table)} (${sql.raw(TABLES[t].columns)})
            values ${sql.join(values, sql`, `)}`,
        );
      }
    }
    chunk = TABLES.map(() => []);
    chunkSize = 0;
  };
  for (const { b, e } of bundles) {
    for (let t = 0; t < TABLES.length; t++) {
      for (const row of TABLES[t].rows(b, e)) {
        chunk[t].push(row);
        chunkSize++;
        rowCounts[TABLES[t].table]++;
      }
    }
    if (chunkSize >= 20 * batchRows) await flush();
  }
  if (chunkSize > 0) await flush();
}
