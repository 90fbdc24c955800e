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
    let notices: string[] = [];
    c.on('notice', (n) => notices.push(n.message ?? ''));
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
                 and not (select attnum from pg_attribute where attrelid = $1::regclass and attname = $2)
                   = any (conkey)`,
              [table, col],
            )
          ).rows.map((r) => r.conname);
          const idx = (
            await c.query<{ relname: string }>(
              `select i.relname from pg_index x join pg_class i on i.oid = x.indexrelid
                 where x.indrelid = $1::regclass and x.indisunique and not x.indisprimary
                   and not exists (select 1 from pg_constraint k where k.conindid = x.indexrelid)
                   and not (select attnum from pg_attribute where attrelid = $1::regclass and attname = $2)
                     = any (x.indkey::int2[])`,
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
              `select policyname from pg_policies
                 where tablename = $1 and (qual ~* 'select' or with_check ~* 'select')`,
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
            ? 'dropped policies with a subquery in its foreign-key graph: ' +
                graph.map((p) => `${p.tablename}.${p.policyname}`).join(', ')
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
          notices = [];
          let removed = await removeObstacle(table, col, e).catch((err: Error) => `removal failed: ${err.message}`);
          const cascaded = notices.filter((n) => /drop cascades/.test(n)).map((n) => n.replace(/\s+/g, ' '));
          if (removed && cascaded.length) removed += ` (${cascaded.join('; ')})`;
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

      // 5. what runs on the distributed schema, and what does not
      const after: Finding[] = [];
      const check = async (what: string, q: string) => {
        try {
          const r = await c.query(q);
          const plan = r.rows
            .map((x: Record<string, unknown>) => String(x['QUERY PLAN'] ?? ''))
            .filter((l) => /Task Count|Custom Scan/.test(l))
            .map((l) => l.trim())
            .join('; ');
          after.push({ table: what, call: q, error: 'OK', detail: plan || undefined });
        } catch (err) {
          const e = err as pg.DatabaseError;
          after.push({ table: what, call: q, error: e.message, detail: e.detail ?? e.hint });
        }
      };
      await check(
        'the counts key again, with the county (UNIQUE NULLS NOT DISTINCT)',
        'ALTER TABLE worker_counts ADD CONSTRAINT worker_counts_key UNIQUE NULLS NOT DISTINCT (county_code, ' +
          'residence_region_code, status, migrant_type, cross_province, created_by, department_id)',
      );
      await check(
        'statement trigger with transition table on a distributed table (default settings)',
        'CREATE TRIGGER workers_counts_ins AFTER INSERT ON workers REFERENCING NEW TABLE AS new_rows FOR EACH ' +
          'STATEMENT EXECUTE FUNCTION mwsp_worker_counts_ins()',
      );
      await check('citus.enable_unsafe_triggers', 'SET citus.enable_unsafe_triggers = on');
      await check(
        'statement trigger with transition table, unsafe triggers on',
        'CREATE TRIGGER workers_counts_ins AFTER INSERT ON workers REFERENCING NEW TABLE AS new_rows FOR EACH ' +
          'STATEMENT EXECUTE FUNCTION mwsp_worker_counts_ins()',
      );
      await check(
        'row trigger (append-only audit), unsafe triggers on',
        'CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION ' +
          'mwsp_audit_append_only()',
      );
      await check(
        'TRUNCATE trigger on a distributed table, unsafe triggers on',
        'CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION ' +
          'mwsp_audit_append_only()',
      );
      await check(
        'row trigger on a reference table (三员 exclusivity), unsafe triggers on',
        'CREATE TRIGGER user_roles_exclusive BEFORE INSERT OR UPDATE ON user_roles FOR EACH ROW EXECUTE FUNCTION ' +
          'mwsp_user_roles_exclusive()',
      );
      await check('RESET', 'RESET citus.enable_unsafe_triggers');
      await check(
        'insert into a distributed table with a bigserial id',
        'INSERT INTO events (ts, type, subject_type, subject_id, region_code, county_code, summary) VALUES ' +
          "(now(), 'x', 'worker', gen_random_uuid(), '530102001', '530102', 'x') RETURNING id",
      );
      await check(
        'regions for the inserts below (a reference table)',
        "INSERT INTO regions VALUES ('53', '云南省', 1, NULL, '云南省'), ('5301', '昆明市', 2, '53', '云南省昆明市'), " +
          "('530102', '五华区', 3, '5301', '云南省昆明市五华区')",
      );
      await check(
        'the statement trigger fires on a multi-row insert into the distributed table',
        'INSERT INTO workers (name, id_bidx, id_enc, id_masked, sex, birth_date, ethnicity, education, ' +
          "hukou_region_code, residence_region_code, migrant_type, cross_province, county_code) SELECT 'n' || i, " +
          "'b' || i, 'e', 'm', 'male', '1990-01-01', '01', 'x', '530102', '530102', 'local', false, '530102' FROM " +
          'generate_series(1, 3) i',
      );
      await check('worker_counts after it', 'SELECT * FROM worker_counts');
      await check(
        'policy: STABLE SQL function form',
        'CREATE POLICY p_fn ON workers USING (mwsp_in_scope(county_code))',
      );
      await check(
        'policy: inline current_setting prefix range',
        "CREATE POLICY p_inline ON workers USING (current_setting('app.region_scope', true) = '*' OR " +
          "(county_code >= current_setting('app.region_scope', true) AND county_code < " +
          "current_setting('app.region_scope', true) || 'z'))",
      );
      await check(
        'policy: init-plan form (SELECT mwsp_scope())',
        "CREATE POLICY p_initplan ON workers USING ((SELECT mwsp_scope()) = '*')",
      );
      await check(
        'policy: EXISTS over the parent (employments via worker)',
        'CREATE POLICY p_exists ON employments USING (EXISTS (SELECT 1 FROM workers w WHERE w.id = worker_id))',
      );
      for (const [what, q] of [
        ['SECURITY DEFINER: mwsp_worker_registered (by blind index)', "SELECT mwsp_worker_registered('x')"],
        ['SECURITY DEFINER: mwsp_workers_registered', "SELECT * FROM mwsp_workers_registered(ARRAY['x'])"],
        ['SECURITY DEFINER: mwsp_session_principal', "SELECT * FROM mwsp_session_principal('x')"],
        ['SECURITY DEFINER: mwsp_worker_wage_lookup', "SELECT * FROM mwsp_worker_wage_lookup('P', 'x', 'n')"],
        ['SECURITY DEFINER: mwsp_worker_for_project', "SELECT * FROM mwsp_worker_for_project('x', ARRAY[]::uuid[])"],
        ['SECURITY DEFINER: mwsp_employer_wage_history', 'SELECT * FROM mwsp_employer_wage_history(gen_random_uuid())'],
        ['SECURITY DEFINER: mwsp_project_worker_names', "SELECT * FROM mwsp_project_worker_names('P', 'x')"],
        ['SECURITY DEFINER: mwsp_arrears_confirmed', "SELECT mwsp_arrears_confirmed(gen_random_uuid(), '2026-01-01')"],
        ['worker by blind index (not the distribution column)', "EXPLAIN SELECT * FROM workers WHERE id_bidx = 'x'"],
        [
          'worker by id and county',
          "EXPLAIN SELECT * FROM workers WHERE county_code = '530102' AND id = gen_random_uuid()",
        ],
        [
          'a project ledger, county named',
          'EXPLAIN SELECT * FROM payroll_lines l JOIN project_workers pw ON pw.id = l.project_worker_id AND ' +
            "pw.county_code = l.county_code WHERE l.county_code = '530102' AND l.project_id = gen_random_uuid()",
        ],
        [
          'a project ledger, county not named',
          'EXPLAIN SELECT * FROM payroll_lines l JOIN project_workers pw ON pw.id = l.project_worker_id WHERE ' +
            'l.project_id = gen_random_uuid()',
        ],
        [
          'city-wide warnings list (prefix range on region_code)',
          "EXPLAIN SELECT * FROM warnings WHERE region_code >= '5301' AND region_code < '5301z' ORDER BY " +
            'first_detected_at DESC LIMIT 20',
        ],
      ] as const)
        await check(what, q);

      // 6. what stays local on the coordinator
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
      console.log('\n## After distribution: triggers, policies, functions, routing\n');
      console.log('| what | statement | result | detail / plan |');
      console.log('|---|---|---|---|');
      for (const f of after) console.log(`| ${f.table} | \`${esc(f.call)}\` | ${esc(f.error)} | ${esc(f.detail)} |`);
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
