/**
 * Measurement (issue #10): the forms a region-scope row-level-security policy can take, on a
 * 1,000,000-row table on one PostgreSQL (plan + median time), and whether Citus accepts each form on
 * a distributed table (and what it costs there, on a smaller table). Throwaway clusters only.
 *
 *   npx tsx tools/citus-rls-forms.ts [rows=1000000]   → markdown on stdout (docs/SCALE.md quotes it)
 */
import pg from 'pg';
import { startCitusCluster } from './citus-cluster';
import { startThrowawayCluster } from './pg-cluster';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const CITUS_ROWS = Math.min(ROWS, 200_000);

/** The helper functions of migrations 0001 (mwsp_scope, mwsp_in_scope), plus a PL/pgSQL twin. */
const FUNCTIONS = `
CREATE OR REPLACE FUNCTION mwsp_scope() RETURNS text LANGUAGE sql STABLE AS
$$ SELECT coalesce(nullif(current_setting('app.region_scope', true), ''), '~') $$;
CREATE OR REPLACE FUNCTION mwsp_in_scope(code text) RETURNS boolean LANGUAGE sql STABLE AS
$$ SELECT mwsp_scope() = '*' OR (code >= mwsp_scope() AND code < mwsp_scope() || 'z') $$;
CREATE OR REPLACE FUNCTION mwsp_in_scope_plpgsql(code text) RETURNS boolean LANGUAGE plpgsql STABLE AS
$$ DECLARE s text := coalesce(nullif(current_setting('app.region_scope', true), ''), '~');
   BEGIN RETURN s = '*' OR (code >= s AND code < s || 'z'); END $$;
-- Bounds of the scope's code range: '*' → ['', '~'), unset → ['~', '~z') (no digit code), else
-- [prefix, prefix || 'z'). No OR, so the planner can use them as index conditions.
CREATE OR REPLACE FUNCTION mwsp_scope_lo() RETURNS text LANGUAGE sql STABLE AS
$$ SELECT CASE mwsp_scope() WHEN '*' THEN '' ELSE mwsp_scope() END $$;
CREATE OR REPLACE FUNCTION mwsp_scope_hi() RETURNS text LANGUAGE sql STABLE AS
$$ SELECT CASE mwsp_scope() WHEN '*' THEN '~' ELSE mwsp_scope() || 'z' END $$;
CREATE OR REPLACE FUNCTION mwsp_scope_lo_plpgsql() RETURNS text LANGUAGE plpgsql STABLE AS
$$ DECLARE s text := coalesce(nullif(current_setting('app.region_scope', true), ''), '~');
   BEGIN RETURN CASE s WHEN '*' THEN '' ELSE s END; END $$;
CREATE OR REPLACE FUNCTION mwsp_scope_hi_plpgsql() RETURNS text LANGUAGE plpgsql STABLE AS
$$ DECLARE s text := coalesce(nullif(current_setting('app.region_scope', true), ''), '~');
   BEGIN RETURN CASE s WHEN '*' THEN '~' ELSE s || 'z' END; END $$;
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'rls_app') THEN CREATE ROLE rls_app NOLOGIN; END IF;
END $$;
-- Citus opens its connections to the workers as the current role: a NOLOGIN role (the platform's
-- mwsp_app) is refused there ("role … is not permitted to log in"). Measured with LOGIN.
ALTER ROLE rls_app LOGIN;
`;

export const FORMS: { name: string; using: string }[] = [
  {
    name: 'A init-plan (SELECT mwsp_scope()) — today’s wage tables',
    using: `(SELECT mwsp_scope()) = '*' OR (region_code >= (SELECT mwsp_scope()) AND region_code < (SELECT
      mwsp_scope()) || 'z')`,
  },
  { name: 'B STABLE SQL function mwsp_in_scope(region_code)', using: `mwsp_in_scope(region_code)` },
  {
    name: 'C inline prefix range over current_setting',
    using: `coalesce(nullif(current_setting('app.region_scope', true), ''), '~') = '*' OR (region_code >=
      coalesce(nullif(current_setting('app.region_scope', true), ''), '~') AND region_code <
      coalesce(nullif(current_setting('app.region_scope', true), ''), '~') || 'z')`,
  },
  { name: 'D PL/pgSQL STABLE function (not inlined)', using: `mwsp_in_scope_plpgsql(region_code)` },
  {
    name: 'E range between STABLE SQL bounds (no OR)',
    using: `region_code >= mwsp_scope_lo() AND region_code < mwsp_scope_hi()`,
  },
  {
    name: 'F range between STABLE PL/pgSQL bounds (no OR)',
    using: `region_code >= mwsp_scope_lo_plpgsql() AND region_code < mwsp_scope_hi_plpgsql()`,
  },
];

const QUERIES: { name: string; scope: string; sql: string }[] = [
  { name: 'county officer, count of the county', scope: '530102', sql: 'SELECT count(*) FROM rls_t' },
  {
    name: 'county officer, names the county (distribution column)',
    scope: '530102',
    sql: "SELECT count(*) FROM rls_t WHERE county_code = '530102'",
  },
  { name: 'county officer, one row by id', scope: '530102', sql: 'SELECT * FROM rls_t WHERE id = $ID' },
  { name: 'city-wide (*), full count', scope: '*', sql: 'SELECT count(*) FROM rls_t' },
];

const TABLE = `
CREATE TABLE rls_t (
  id bigint NOT NULL,
  county_code text COLLATE "C" NOT NULL,
  region_code text COLLATE "C" NOT NULL,
  amount_fen bigint NOT NULL,
  note text
)`;
const FILL = (n: number) => `
INSERT INTO rls_t
SELECT i, c, c || lpad((i % 30)::text, 3, '0'), (i::bigint * 37) % 100000, 'x'
FROM (SELECT i, '5301' || lpad(((i::bigint * 7919) % 100)::text, 2, '0') AS c FROM generate_series(1, ${n}) i) s`;

async function median(c: pg.Client, sql: string, runs = 5): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    await c.query(sql);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

async function planSummary(c: pg.Client, sql: string): Promise<string> {
  const r = await c.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`);
  return r.rows
    .map((x) => x['QUERY PLAN'].trim())
    .filter((l) => /Scan|Task Count|InitPlan|Filter|Index Cond|Custom/.test(l))
    .map((l) => l.replace(/\s*\(cost=[^)]*\)/, '').replace(/^->\s*/, ''))
    .slice(0, 6)
    .join('; ');
}

/**
 * How the scope reaches the policy. 'set_config' is what db/client.ts does today
 * (set_config('app.region_scope', …, true)); Citus does not forward it to the workers. 'SET LOCAL'
 * with citus.propagate_set_commands = 'local' is forwarded.
 */
type ScopeVia = 'set_config' | 'SET LOCAL + propagate';

async function measure(c: pg.Client, engine: string, distributed: boolean, out: string[], via: ScopeVia) {
  for (const form of FORMS) {
    await c.query('RESET ROLE');
    await c.query('DROP POLICY IF EXISTS rls_p ON rls_t');
    try {
      await c.query(`CREATE POLICY rls_p ON rls_t USING (${form.using})`);
    } catch (err) {
      const e = err as pg.DatabaseError;
      out.push(
        `| ${engine} | ${via} | ${form.name} | REFUSED: ${e.message}${e.detail ? ` — ${e.detail}` : ''} | | | |`,
      );
      continue;
    }
    for (const q of QUERIES) {
      const sql = q.sql.replace('$ID', distributed ? "4258 AND county_code = '530102'" : '4258');
      await c.query('BEGIN');
      try {
        if (via === 'set_config') await c.query(`SELECT set_config('app.region_scope', '${q.scope}', true)`);
        else {
          await c.query(`SET LOCAL citus.propagate_set_commands = 'local'`);
          await c.query(`SET LOCAL app.region_scope = '${q.scope}'`);
        }
        await c.query('SET LOCAL ROLE rls_app');
        const ms = await median(c, sql);
        const plan = await planSummary(c, sql);
        const rows = (await c.query(sql)).rows;
        const answer = 'count' in (rows[0] ?? {}) ? `count=${rows[0].count}` : `rows=${rows.length}`;
        const cells = [engine, via, form.name, q.name, answer, ms.toFixed(1), plan.replace(/\|/g, '\\|')];
        out.push(`| ${cells.join(' | ')} |`);
      } catch (err) {
        out.push(`| ${engine} | ${via} | ${form.name} | ${q.name} | ERROR | | ${(err as Error).message} |`);
      } finally {
        await c.query('ROLLBACK');
      }
    }
  }
}

async function setup(c: pg.Client, rows: number, distribute: boolean) {
  await c.query(FUNCTIONS);
  await c.query(TABLE);
  if (distribute) await c.query(`SELECT create_distributed_table('rls_t', 'county_code')`);
  await c.query(FILL(rows));
  await c.query('CREATE INDEX rls_t_region ON rls_t (region_code)');
  await c.query('CREATE INDEX rls_t_id ON rls_t (id)');
  await c.query('CREATE INDEX rls_t_county ON rls_t (county_code)');
  await c.query('ALTER TABLE rls_t ENABLE ROW LEVEL SECURITY');
  await c.query('GRANT SELECT ON rls_t TO rls_app');
  await c.query('VACUUM ANALYZE rls_t');
}

async function main() {
  const out: string[] = [
    `## Region-scope RLS forms (${ROWS.toLocaleString('en')} rows on PostgreSQL, ` +
      `${CITUS_ROWS.toLocaleString('en')} on Citus 1+2; 100 counties × 30 townships; median of 5, ms)\n`,
    '| engine | scope set by | policy form | query | answer | ms | plan (abridged) |',
    '|---|---|---|---|---|---|---|',
  ];
  const pgc = await startThrowawayCluster();
  try {
    const url = await pgc.createDatabase('rls');
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await setup(c, ROWS, false);
      await measure(c, 'PostgreSQL 15', false, out, 'set_config');
    } finally {
      await c.end();
    }
  } finally {
    await pgc.stop();
  }
  const cc = await startCitusCluster();
  try {
    const url = await cc.createDatabase('rls');
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await setup(c, CITUS_ROWS, true);
      await measure(c, 'Citus 13.2', true, out, 'set_config');
      await measure(c, 'Citus 13.2', true, out, 'SET LOCAL + propagate');
    } finally {
      await c.end();
    }
  } finally {
    await cc.stop();
  }
  console.log(out.join('\n'));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
