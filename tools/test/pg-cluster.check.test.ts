// Runs in the `postgres` project only: checks the throwaway cluster and tools/test/db.ts.
import { describe, expect, inject, it } from 'vitest';
import { testDatabaseUrl, testDbKind } from './db';
import { queryRows as q } from './db-template';

describe('throwaway PostgreSQL cluster', () => {
  it('is provided to the postgres project', () => {
    expect(testDbKind).toBe('postgres');
    expect(inject('pgUrl')).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
  });

  it('answers select 1 with durable settings', async () => {
    const url = inject('pgUrl');
    expect(await q(url, 'select 1 as one')).toEqual([{ one: 1 }]);
    if (process.env.MWSP_TEST_PG_URL) return; // external server: its settings are its own
    const [{ fsync }] = await q<{ fsync: string }>(url, 'show fsync');
    const [{ synchronous_commit }] = await q<{ synchronous_commit: string }>(url, 'show synchronous_commit');
    const [{ max_connections }] = await q<{ max_connections: string }>(url, 'show max_connections');
    expect({ fsync, synchronous_commit, max_connections }).toEqual({
      fsync: 'on',
      synchronous_commit: 'on',
      max_connections: '200',
    });
  });

  it('testDatabaseUrl() gives a new, separate database each call', async () => {
    const a = await testDatabaseUrl();
    const b = await testDatabaseUrl();
    expect(a).toMatch(/\/t_[0-9a-f]{16}$/);
    expect(b).not.toBe(a);
    await q(a!, 'create table only_in_a (x int)');
    const tables = await q(b!, "select 1 from pg_tables where tablename = 'only_in_a'");
    expect(tables).toEqual([]);
    const [{ db }] = await q<{ db: string }>(a!, 'select current_database() as db');
    expect(a!.endsWith('/' + db)).toBe(true);
  });

  it('lets several databases share a NOLOGIN role (as the app migrations do)', async () => {
    for (const url of [await testDatabaseUrl(), await testDatabaseUrl()]) {
      await q(
        url!,
        `DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'mwsp_check_role') THEN
          CREATE ROLE mwsp_check_role NOLOGIN;
        END IF;
      END $$`,
      );
    }
    expect(await q(inject('pgUrl'), "select 1 as ok from pg_roles where rolname = 'mwsp_check_role'")).toEqual([
      { ok: 1 },
    ]);
  });
});
