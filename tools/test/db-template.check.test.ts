// Runs in the `postgres` project only: the migrated template test databases are cloned from (db-template.ts).
import { randomBytes } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { listMigrations } from '../../apps/server/src/db/migrate';
import { migratedTestDatabaseUrl } from './db';
import { cloneDatabase, queryRows as q, sealTemplate, withDatabase } from './db-template';

describe('test databases cloned from a migrated template', () => {
  it('start with every migration applied', async () => {
    const url = (await migratedTestDatabaseUrl())!;
    const rows = await q<{ n: number }>(url, 'select count(*)::int as n from schema_migrations');
    expect(rows[0].n).toBe(listMigrations().length);
    expect(inject('pgTemplate')).toMatch(/^tmpl_[0-9a-f]{16}$/);
  });

  it('carry the template’s tables and its per-database settings; the template itself refuses connections', async () => {
    const admin = inject('pgUrl');
    const tmpl = `tmpl_t${randomBytes(4).toString('hex')}`;
    const clone = `t_${randomBytes(8).toString('hex')}`;
    await q(admin, `create database ${tmpl}`);
    await q(admin, `alter database ${tmpl} set work_mem = '7MB'`);
    await q(withDatabase(admin, tmpl), `create table kept (n int); insert into kept values (42)`);
    await sealTemplate([admin], tmpl);
    await expect(q(withDatabase(admin, tmpl), 'select 1')).rejects.toThrow(/not currently accepting connections/);

    await cloneDatabase([admin], tmpl, clone);
    const url = withDatabase(admin, clone);
    expect(await q(url, 'select n from kept')).toEqual([{ n: 42 }]);
    expect(await q(url, `select current_setting('work_mem') as w`)).toEqual([{ w: '7MB' }]);
  });
});
