/**
 * The platform's tables in forms Citus accepts (issue 10; docs/SCALE.md §3, §5–§7; migration 0020), checked in
 * the catalogue after all migrations: no policy with a subquery, no trigger with transition tables or that
 * reads another table, SECURITY DEFINER look-ups in PL/pgSQL. The integrator generalises this to every area.
 */
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { all, toPgArray, type Database } from '../db/client.js';
import { useMigratedDatabase } from '../test/migrated-db.js';

/** The platform's tables (events: created with the registry, owned by platform/events). */
const PLATFORM_TABLES = [
  'regions',
  'departments',
  'roles',
  'users',
  'user_roles',
  'password_history',
  'sessions',
  'api_tokens',
  'audit_log',
  'audit_head',
  'calendar_years',
  'calendar_days',
  'settings',
  'events',
  'import_jobs',
  'import_row_errors',
  'import_keys',
];
/** The platform's SECURITY DEFINER functions. */
const PLATFORM_DEFINERS = ['mwsp_session_principal'];

let db: Database;
const tables = () => sql`${toPgArray(PLATFORM_TABLES)}::text[]`;

useMigratedDatabase((opened) => (db = opened));

describe('platform tables in Citus-acceptable forms', () => {
  it('row-level-security policies test the row’s own columns, with no subquery', async () => {
    const policies = await all<{ table: string; policy: string; qual: string | null; check: string | null }>(
      db.owner,
      sql`select tablename as table, policyname as policy, qual, with_check as check from pg_policies
        where schemaname = 'public' and tablename = any(${tables()}) order by 1, 2`,
    );
    expect(policies.map((p) => `${p.table}.${p.policy}`)).toEqual([
      'events.events_region_scope',
      'import_jobs.import_jobs_scope',
      'import_keys.import_keys_scope',
      'import_row_errors.import_row_errors_scope',
      'regions.regions_read', // 0021: read-only for the application (see below)
      'users.users_region_scope',
    ]);
    for (const p of policies) {
      expect(`${p.table}.${p.policy}: ${p.qual ?? ''}`).not.toMatch(/\b(select|exists)\b/i);
      expect(`${p.table}.${p.policy}: ${p.check ?? ''}`).not.toMatch(/\b(select|exists)\b/i);
    }
    const rows = policies.filter((p) => p.table === 'import_row_errors' || p.table === 'import_keys');
    for (const p of rows) {
      expect(p.qual).toMatch(/mwsp_in_scope\(region_scope\) AND mwsp_owned\(owner_id, owner_department_id\)/);
      expect(p.check).toBe(p.qual);
    }
  });

  it('keeps only the audit log’s append-only triggers, none with transition tables', async () => {
    const triggers = await all<{ table: string; name: string; transition: boolean }>(
      db.owner,
      sql`select c.relname as table, t.tgname as name, (t.tgoldtable is not null or t.tgnewtable is not null)
          as transition
        from pg_trigger t join pg_class c on c.oid = t.tgrelid
        where not t.tgisinternal and c.relname = any(${tables()}) order by 1, 2`,
    );
    expect(triggers).toEqual([
      { table: 'audit_log', name: 'audit_log_no_change', transition: false },
      { table: 'audit_log', name: 'audit_log_no_truncate', transition: false },
    ]);
    const gone = await all(db.owner, sql`select 1 from pg_proc where proname = 'mwsp_user_roles_exclusive'`);
    expect(gone).toEqual([]);
  });

  it('the application role may not change or empty the audit log', async () => {
    const [grants] = await all<Record<string, boolean>>(
      db.owner,
      sql`select has_table_privilege('mwsp_app', 'audit_log', 'INSERT') as insert,
        has_table_privilege('mwsp_app', 'audit_log', 'UPDATE') as update,
        has_table_privilege('mwsp_app', 'audit_log', 'DELETE') as delete,
        has_table_privilege('mwsp_app', 'audit_log', 'TRUNCATE') as truncate`,
    );
    expect(grants).toEqual({ insert: true, update: false, delete: false, truncate: false });
  });

  it('the application role holds the grants Citus locks regions with, and still cannot change a region', async () => {
    const [grants] = await all<Record<string, boolean>>(
      db.owner,
      sql`select has_table_privilege('mwsp_app', 'regions', 'INSERT') as insert,
        has_table_privilege('mwsp_app', 'regions', 'UPDATE') as update,
        has_table_privilege('mwsp_app', 'regions', 'DELETE') as delete`,
    );
    expect(grants).toEqual({ insert: true, update: true, delete: false });
    const scope = { region: '*' };
    await expect(
      db.scoped(scope, (tx) =>
        tx.execute(sql`insert into regions (code, name, level, parent_code, full_name)
          values ('539999', '伪造区', 3, '5301', '伪造区')`),
      ),
    ).rejects.toSatisfy((e: Error) => /row-level security/.test(String((e.cause as Error | undefined)?.message)));
    const renamed = await db.scoped(scope, (tx) =>
      tx.execute(sql`update regions set name = '改名' where code = '5301'`),
    );
    expect((renamed as unknown as { rowCount: number }).rowCount ?? 0).toBe(0);
    const [city] = await all<{ name: string }>(db.owner, sql`select name from regions where code = '5301'`);
    expect(city?.name).not.toBe('改名');
  });

  it('SECURITY DEFINER look-ups are PL/pgSQL, executable by the application role only', async () => {
    const fns = await all<{ name: string; lang: string; definer: boolean; app: boolean; pub: boolean }>(
      db.owner,
      sql`select p.proname as name, l.lanname as lang, p.prosecdef as definer,
          has_function_privilege('mwsp_app', p.oid, 'EXECUTE') as app,
          case when p.proacl is null then true
            else exists (select 1 from aclexplode(p.proacl) a where a.grantee = 0) end as pub
        from pg_proc p join pg_language l on l.oid = p.prolang
        where p.proname = any(${toPgArray(PLATFORM_DEFINERS)}::text[]) order by 1`,
    );
    expect(fns).toEqual(
      PLATFORM_DEFINERS.map((name) => ({ name, lang: 'plpgsql', definer: true, app: true, pub: false })),
    );
  });
});
