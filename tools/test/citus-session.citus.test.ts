// Runs in the opt-in `citus` project only. The two session problems of docs/SCALE.md section 4, through
// the real db client and migrations: the application role reaches the workers (migration 0016 makes it
// LOGIN there), and the scope set with SET LOCAL reaches the shards' RLS policies
// (citus.propagate_set_commands = 'local', migration 0016; db/client.ts).
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { all, openDatabase, type Database } from '../../apps/server/src/db/client';
import { migrate } from '../../apps/server/src/db/migrate';
import { migratedOpenOptions } from './db';

const COUNTIES = ['530102', '530103', '530111'];
const PER_COUNTY = 40;

describe('session settings on a Citus distributed table', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase({ ...(await migratedOpenOptions()), poolSize: 2 });
    await migrate(db);
    // A throwaway region-scoped table in the form docs/SCALE.md proposes: county_code the distribution
    // column, the subquery-free policy mwsp_in_scope(region_code) (form B of section 5).
    await db.execScript(`
      CREATE TABLE scoped_probe (
        county_code text COLLATE "C" NOT NULL,
        id bigint NOT NULL,
        region_code text COLLATE "C" NOT NULL,
        name text NOT NULL,
        PRIMARY KEY (county_code, id)
      );
      ALTER TABLE scoped_probe ENABLE ROW LEVEL SECURITY;
      CREATE POLICY scoped_probe_scope ON scoped_probe USING (mwsp_in_scope(region_code));
      GRANT SELECT ON scoped_probe TO mwsp_app;
      SELECT create_distributed_table('scoped_probe', 'county_code');
      INSERT INTO scoped_probe
        SELECT c.code, c.n * 1000 + i, c.code || lpad((i % 4)::text, 3, '0'), 'w' || i
        FROM unnest(ARRAY['${COUNTIES.join("','")}']) WITH ORDINALITY AS c(code, n),
          generate_series(1, ${PER_COUNTY}) i;
    `);
  }, 600_000);
  afterAll(() => db?.close());

  it('the table is distributed, its shards on both workers', async () => {
    const [row] = await all<{ nodes: number }>(
      db.owner,
      sql`select count(distinct nodeport)::int as nodes from citus_shards where table_name = 'scoped_probe'::regclass`,
    );
    expect(row.nodes).toBe(2);
  });

  it('migration 0016 made mwsp_app LOGIN and set propagate_set_commands for new sessions', async () => {
    const [role] = await all<{ rolcanlogin: boolean; rolsuper: boolean; rolbypassrls: boolean }>(
      db.owner,
      sql`select rolcanlogin, rolsuper, rolbypassrls from pg_roles where rolname = 'mwsp_app'`,
    );
    expect(role).toEqual({ rolcanlogin: true, rolsuper: false, rolbypassrls: false });
    const rows = await db.scoped({ region: '' }, (tx) =>
      all<{ v: string }>(tx, sql`select current_setting('citus.propagate_set_commands') as v`),
    );
    expect(rows).toEqual([{ v: 'local' }]);
  });

  it("a county officer's scoped transaction reads exactly its county's rows", async () => {
    for (const county of COUNTIES) {
      const rows = await db.scoped({ region: county, userId: 'u1', dataScope: 'region' }, (tx) =>
        all<{ county_code: string; region_code: string }>(
          tx,
          sql`select county_code, region_code from scoped_probe order by id`,
        ),
      );
      expect(rows).toHaveLength(PER_COUNTY);
      expect(rows.every((r) => r.county_code === county && r.region_code.startsWith(county))).toBe(true);
    }
  });

  it("cannot read another county's rows, even naming them (single-shard query)", async () => {
    const rows = await db.scoped({ region: '530102' }, async (tx) => ({
      other: await all(tx, sql`select * from scoped_probe where county_code = '530103'`),
      byId: await all(tx, sql`select * from scoped_probe where county_code = '530111' and id = 3001`),
      own: await all(tx, sql`select * from scoped_probe where county_code = '530102'`),
    }));
    expect(rows.other).toEqual([]);
    expect(rows.byId).toEqual([]);
    expect(rows.own).toHaveLength(PER_COUNTY);
  });

  it('the city scope reads all, an empty scope nothing, outside a transaction nothing', async () => {
    const count = (region: string) =>
      db.scoped({ region }, (tx) => all<{ n: number }>(tx, sql`select count(*)::int as n from scoped_probe`));
    expect(await count('*')).toEqual([{ n: PER_COUNTY * COUNTIES.length }]);
    expect(await count('5301')).toEqual([{ n: PER_COUNTY * COUNTIES.length }]);
    expect(await count('')).toEqual([{ n: 0 }]);
    expect(await count('530199')).toEqual([{ n: 0 }]);
    expect(await db.read(sql`select count(*)::int as n from scoped_probe`)).toEqual([{ n: 0 }]);
  });

  it('every scope setting, hostile characters included, reaches the shard as the app role', async () => {
    const scope = {
      region: '530102',
      userId: "u'1\\x; RESET ROLE; --",
      departmentId: "d''\\",
      dataScope: 'self' as const,
    };
    // routed to one shard: the target list is evaluated on the worker
    const rows = await db.scoped(scope, (tx) =>
      all(
        tx,
        sql`select current_user as role, current_setting('app.region_scope', true) as region,
          current_setting('app.user_id', true) as "userId",
          current_setting('app.department_id', true) as "departmentId",
          current_setting('app.data_scope', true) as "dataScope", inet_server_port() as port
          from scoped_probe where county_code = '530102' and id = 1001`,
      ),
    );
    expect(rows).toHaveLength(1);
    const [{ port, ...settings }] = rows as { port: number }[];
    expect(settings).toEqual({ role: 'mwsp_app', ...scope });
    const [{ coordinator }] = await all<{ coordinator: number }>(
      db.owner,
      sql`select inet_server_port() as coordinator`,
    );
    expect(port).not.toBe(coordinator);
  });
});
