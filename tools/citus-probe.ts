/**
 * Experiment (issue #10): what Citus refuses in today's schema. Starts a throwaway Citus cluster
 * (tools/citus-cluster.ts), applies the checked-in migrations as they are, then tries to make the
 * small shared tables reference tables and the big region-scoped tables distributed tables on a
 * county code (the first 6 digits of the row's region code, added as a plain column here). Every
 * error Citus gives is recorded; the obstacle it names is then removed IN THIS THROWAWAY DATABASE
 * ONLY (dropped constraint, policy, trigger …) and the call retried, so that one run lists every
 * obstacle of every table, not only the first. Nothing here is a migration.
 *
 *   npx tsx tools/citus-probe.ts            → markdown report on stdout (docs/SCALE.md quotes it)
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startCitusCluster } from './citus-cluster';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const migrationsDir = path.join(root, 'apps/server/src/db/migrations');

/** Small, read-mostly, joined from everywhere: replicated to every node. */
export const REFERENCE_TABLES = [
  'regions',
  'departments',
  'roles',
  'calendar_years',
  'calendar_days',
  'settings',
  'users',
  'user_roles',
];

/**
 * Region-scoped tables to distribute on county_code, with the column whose first 6 digits give the
 * county (null: the table has no region code today; the county is its parent's).
 */
export const DISTRIBUTED: [table: string, regionColumn: string | null][] = [
  ['workers', 'residence_region_code'],
  ['worker_counts', 'residence_region_code'],
  ['employments', null],
  ['worker_insurance', null],
  ['insurance_transfers', null],
  ['employers', 'region_code'],
  ['events', 'region_code'],
  ['import_jobs', 'region_scope'],
  ['import_row_errors', null],
  ['import_keys', null],
  ['projects', 'region_code'],
  ['project_units', 'region_code'],
  ['project_teams', 'region_code'],
  ['project_workers', 'region_code'],
  ['attendance', 'region_code'],
  ['wage_accounts', 'region_code'],
  ['account_txns', 'region_code'],
  ['wage_deposits', 'region_code'],
  ['deposit_movements', 'region_code'],
  ['payrolls', 'region_code'],
  ['payroll_lines', 'region_code'],
  ['bank_payments', 'region_code'],
  ['warning_scan_queue', 'region_code'],
  ['warnings', 'region_code'],
  ['warning_actions', 'region_code'],
  ['arrears_cases', 'region_code'],
  ['arrears_items', 'region_code'],
  ['arrears_payments', 'region_code'],
  ['defaulters', 'region_code'],
  ['audit_log', 'region_code'],
];

interface Finding {
  table: string;
  call: string;
  error: string;
  detail?: string;
  removed?: string;
}

async function main() {
  const cluster = await startCitusCluster();
  const findings: Finding[] = [];
  const log = (s: string) => process.stderr.write(s + '\n');
  try {
    const url = await cluster.createDatabase('probe');
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    c.on('notice', () => {});
    try {
      // 1. the migrations as they are, on the coordinator (all tables local)
      for (const f of readdirSync(migrationsDir)
        .filter((x) => /^\d{4}_.+\.sql$/.test(x))
        .sort()) {
        try {
          await c.query(readFileSync(path.join(migrationsDir, f), 'utf8'));
        } catch (err) {
          findings.push({ table: '(migration)', call: f, error: (err as Error).message });
          log(`migration ${f}: ${(err as Error).message}`);
        }
      }
      log('migrations applied');

      const tryCall = async (table: string, call: string): Promise<pg.DatabaseError | null> => {
        try {
          await c.query(call);
          return null;
        } catch (err) {
          return err as pg.DatabaseError;
        }
      };

      /** Removes what the error names; returns a description, or null when it cannot. */
      const removeObstacle = async (table: string, col: string, e: pg.DatabaseError): Promise<string | null> => {
        const m = `${e.message} ${e.detail ?? ''} ${e.hint ?? ''}`;
        if (/PRIMARY KEY|UNIQUE|EXCLUDE/.test(m)) {
          const cons = (
            await c.query<{ conname: string }>(
              `select conname from pg_constraint where conrelid = $1::regclass and contype in ('p','u','x')
                 and not (select attnum from pg_attribute where attrelid = $1::regclass and attname = $2) = any (conkey)`,
              [table, col],
            )
          ).rows.map((r) => r.conname);
          const idx = (
            await c.query<{ relname: string }>(
              `select i.relname from pg_index x join pg_class i on i.oid = x.indexrelid
                 where x.indrelid = $1::regclass and x.indisunique and not x.indisprimary
                   and not exists (select 1 from pg_constraint k where k.conindid = x.indexrelid)
                   and not (select attnum from pg_attribute where attrelid = $1::regclass and attname = $2) = any (x.indkey::int2[])`,
              [table, col],
            )
          ).rows.map((r) => r.relname);
          for (const k of cons) await c.query(`ALTER TABLE ${table} DROP CONSTRAINT ${k} CASCADE`);
          for (const i of idx) await c.query(`DROP INDEX ${i}`);
          return cons.length + idx.length ? `dropped unique keys: ${[...cons, ...idx].join(', ')}` : null;
        }
        if (/[Pp]olic/.test(m)) {
          const pols = (
            await c.query<{ policyname: string }>(
              `select policyname from pg_policies where tablename = $1 and (qual ~* 'select' or with_check ~* 'select')`,
              [table],
            )
          ).rows.map((r) => r.policyname);
          for (const p of pols) await c.query(`DROP POLICY ${p} ON ${table}`);
          if (pols.length) return `dropped policies with a subquery: ${pols.join(', ')}`;
          // A reference table converts every local table in its foreign-key graph into a "citus
          // local table", and each of those is held to the same policy rule.
          const graph = (
            await c.query<{ tablename: string; policyname: string }>(
              `with recursive g(r) as (select $1::regclass union
                 select case when k.conrelid = g.r then k.confrelid else k.conrelid end::regclass
                   from pg_constraint k join g on k.contype = 'f' and (k.conrelid = g.r or k.confrelid = g.r))
               select p.tablename, p.policyname from pg_policies p join g on g.r = p.tablename::regclass
                 where p.schemaname = 'public' and (p.qual ~* 'select' or p.with_check ~* 'select') order by 1, 2`,
              [table],
            )
          ).rows;
          for (const p of graph) await c.query(`DROP POLICY ${p.policyname} ON ${p.tablename}`);
          return graph.length
            ? `dropped policies with a subquery in its foreign-key graph: ${graph.map((p) => `${p.tablename}.${p.policyname}`).join(', ')}`
            : null;
        }
        if (/trigger/i.test(m)) {
          const trg = (
            await c.query<{ tgname: string }>(
              `select tgname from pg_trigger where tgrelid = $1::regclass and not tgisinternal`,
              [table],
            )
          ).rows.map((r) => r.tgname);
          for (const t of trg) await c.query(`DROP TRIGGER ${t} ON ${table}`);
          return trg.length ? `dropped triggers: ${trg.join(', ')}` : null;
        }
        if (/foreign key|referenc/i.test(m)) {
          const fks = (
            await c.query<{ conname: string; tbl: string }>(
              `select conname, conrelid::regclass::text as tbl from pg_constraint
                 where contype = 'f' and (conrelid = $1::regclass or confrelid = $1::regclass)`,
              [table],
            )
          ).rows;
          // only those touching a table that is neither a reference nor co-located already
          const dropped: string[] = [];
          for (const fk of fks) {
            await c.query(`ALTER TABLE ${fk.tbl} DROP CONSTRAINT ${fk.conname}`);
            dropped.push(`${fk.tbl}.${fk.conname}`);
          }
          return dropped.length ? `dropped foreign keys: ${dropped.join(', ')}` : null;
        }
        return null;
      };

      const attempt = async (table: string, call: string, col: string) => {
        for (let i = 0; i < 12; i++) {
          const e = await tryCall(table, call);
          if (!e) {
            findings.push({ table, call, error: 'OK' });
            log(`${table}: OK`);
            return;
          }
          const removed = await removeObstacle(table, col, e).catch((err: Error) => `removal failed: ${err.message}`);
          findings.push({ table, call, error: e.message, detail: e.detail ?? e.hint, removed: removed ?? undefined });
          log(`${table}: ${e.message} | ${e.detail ?? ''} | → ${removed}`);
          if (!removed || removed.startsWith('removal failed')) return;
        }
      };

      // 2. reference tables
      for (const t of REFERENCE_TABLES) await attempt(t, `SELECT create_reference_table('${t}')`, '');

      // 3. a county code on every region-scoped table (plain column, filled from the row's region)
      for (const [t, col] of DISTRIBUTED) {
        await c.query(`ALTER TABLE ${t} ADD COLUMN IF NOT EXISTS county_code text COLLATE "C"`);
        if (col) await c.query(`UPDATE ${t} SET county_code = left(${col}, 6)`);
      }
      // 4. distributed tables, co-located with workers (one colocation group for everything)
      let first = true;
      for (const [t] of DISTRIBUTED) {
        const coloc = first ? `colocate_with => 'none'` : `colocate_with => 'workers'`;
        await attempt(t, `SELECT create_distributed_table('${t}', 'county_code', ${coloc})`, 'county_code');
        first = false;
      }

      // 5. what stays local on the coordinator
      const local = (
        await c.query<{ t: string }>(
          `select c.relname as t from pg_class c join pg_namespace n on n.oid = c.relnamespace
             where n.nspname = 'public' and c.relkind = 'r'
               and not exists (select 1 from pg_dist_partition p where p.logicalrelid = c.oid) order by 1`,
        )
      ).rows.map((r) => r.t);
      const kinds = (
        await c.query<{ t: string; k: string }>(
          `select table_name::text as t, citus_table_type as k from citus_tables order by 1`,
        )
      ).rows;

      // report
      console.log('## Citus probe: the schema of the checked-in migrations on Citus 13.2.2\n');
      console.log('| table | call | Citus says | detail | removed in the probe |');
      console.log('|---|---|---|---|---|');
      const esc = (s?: string) => (s ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');
      for (const f of findings)
        console.log(`| ${f.table} | \`${esc(f.call)}\` | ${esc(f.error)} | ${esc(f.detail)} | ${esc(f.removed)} |`);
      console.log('\nCitus tables after the probe:', kinds.map((k) => `${k.t} (${k.k})`).join(', '));
      console.log('\nStill local on the coordinator:', local.join(', '));
    } finally {
      await c.end();
    }
  } finally {
    await cluster.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
