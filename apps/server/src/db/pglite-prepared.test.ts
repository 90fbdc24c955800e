import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { seedTwoDistricts } from '../test/two-districts.fixture.js';
import { all, type Database } from './client.js';
import { preparedCount, preparedExecutor } from './pglite-prepared.js';
import { pgPreparedStats } from './prepared.js';
import { useMigratedDatabase } from '../test/migrated-db.js';

/**
 * Statements prepared by their text on PGlite (pglite-prepared.ts) and on PostgreSQL without Citus (prepared.ts
 * executePreparedPg, per pooled connection): the same rows as the plain statement, the scope (RLS) applied per
 * execution also under the forced generic plan, one PREPARE per distinct text (and connection), a refused PREPARE
 * leaves the statement as it was. On Citus the executor is left as it is.
 */
const onCitus = async () =>
  (
    await all<{ c: boolean }>(db.owner, sql`select exists (select 1 from pg_extension where extname = 'citus') as c`)
  )[0]!.c;
let db: Database;
useMigratedDatabase(async (opened) => {
  db = opened;
  await seedTwoDistricts(db, 'pp');
}, 120_000);

// Not a transaction's first statement: on PostgreSQL that one carries BEGIN and runs as it is (prepared.ts).
const names = async (tx: Parameters<Parameters<Database['scoped']>[1]>[0], like: string, at: Date) => {
  await tx.execute(sql`select 1`);
  return all<{ u: string; seenAt: Date; n: number }>(
    preparedExecutor(tx),
    sql`select username as u, ${at}::timestamptz as "seenAt", ${2}::int + 1 as n
      from users where username like ${like} order by 1`,
  );
};

describe('statements prepared by text (PGlite, PostgreSQL)', () => {
  it('gives the plain rows, under each transaction scope, one PREPARE per text', async () => {
    const at = new Date('2026-12-06T10:00:00.000Z');
    const before = await db.scoped({ region: '' }, async (tx) => preparedCount(tx));
    const pgBefore = { ...pgPreparedStats };
    // Eight executions, alternating scopes: past the five custom plans after which PostgreSQL may keep a generic one.
    for (let i = 0; i < 8; i++) {
      const region = i % 2 ? '530102' : '530103';
      const rows = await db.scoped({ region }, (tx) => names(tx, 'pp\\_%', at));
      expect(rows).toEqual([{ u: i % 2 ? 'pp_wuhua' : 'pp_panlong', seenAt: at, n: 3 }]);
    }
    const all5301 = await db.scoped({ region: '5301' }, (tx) => names(tx, 'pp\\_%', at));
    expect(all5301.map((r) => r.u)).toEqual(['pp_panlong', 'pp_wuhua']);
    const after = await db.scoped({ region: '' }, async (tx) => preparedCount(tx));
    if (db.kind === 'pglite') expect(after).toBe((before ?? 0) + 1);
    else expect(after).toBeUndefined();
    if (db.kind === 'postgres' && !(await onCitus())) {
      // Nine executions by name; one PREPARE per pooled connection that ran it (the pool has two).
      expect(pgPreparedStats.executed - pgBefore.executed).toBe(9);
      expect(pgPreparedStats.prepared - pgBefore.prepared).toBeGreaterThanOrEqual(1);
      expect(pgPreparedStats.prepared - pgBefore.prepared).toBeLessThanOrEqual(2);
    }
  });

  it('leaves a text whose PREPARE fails as it was, and the next transactions work', async () => {
    const before = await db.scoped({ region: '' }, async (tx) => preparedCount(tx));
    // unknown + unknown: no operator resolves, neither in PREPARE nor in the plain statement.
    await expect(
      db.scoped({ region: '5301' }, (tx) => all(preparedExecutor(tx), sql`select ${1} + ${2} as x`)),
    ).rejects.toThrow();
    const rows = await db.scoped({ region: '5301' }, (tx) =>
      all<{ x: number }>(preparedExecutor(tx), sql`select ${1}::int + ${2}::int as x`),
    );
    expect(rows).toEqual([{ x: 3 }]);
    const after = await db.scoped({ region: '' }, async (tx) => preparedCount(tx));
    if (db.kind === 'pglite') expect(after).toBe((before ?? 0) + 1);
  });

  it('on Citus, leaves the executor as it is', async () => {
    const citus = db.kind === 'postgres' && (await onCitus());
    await db.scoped({ region: '' }, async (tx) => {
      if (citus) expect(preparedExecutor(tx)).toBe(tx);
      else expect(preparedExecutor(tx)).not.toBe(tx);
    });
  });

  it('two texts in one transaction, each its own rows; the generic plan mode where it is set', async () => {
    const at = new Date('2026-12-06T10:00:00.000Z');
    for (let i = 0; i < 3; i++)
      await db.scoped({ region: '5301' }, async (tx) => {
        const a = await names(tx, 'pp\\_w%', at);
        const b = await all<{ u: string }>(
          preparedExecutor(tx),
          sql`select username as u from users where username like ${'pp\\_p%'} and ${i}::int >= 0 order by 1`,
        );
        expect(a.map((r) => r.u)).toEqual(['pp_wuhua']);
        expect(b.map((r) => r.u)).toEqual(['pp_panlong']);
        // PGlite: the transaction's setting (SET LOCAL once); PostgreSQL: around each EXECUTE only, the other
        // statements keep the default (their generic plans would be blind: prepared.ts).
        const [mode] = await all<{ m: string }>(tx, sql`select current_setting('plan_cache_mode') as m`);
        expect(mode!.m).toBe(db.kind === 'pglite' ? 'force_generic_plan' : 'auto');
      });
    const [mode] = await db.scoped({ region: '5301' }, (tx) =>
      all<{ m: string }>(tx, sql`select current_setting('plan_cache_mode') as m`),
    );
    expect(mode!.m).toBe('auto');
  });

  it('noBitmap (PostgreSQL, PGlite): its EXECUTE (its generic plan) without bitmap scans, then restored', async () => {
    const prepared = db.kind === 'pglite' || !(await onCitus());
    for (let i = 0; i < 3; i++)
      await db.scoped({ region: '5301' }, async (tx) => {
        await tx.execute(sql`select 1`);
        const rows = await all<{ u: string; b: string }>(
          preparedExecutor(tx, { noBitmap: true }),
          sql`select username as u, current_setting('enable_bitmapscan') as b from users
            where username like ${'pp\\_w%'} and ${i}::int >= 0 order by 1`,
        );
        // Off while it runs where statements are prepared by text (PGlite since match13; not Citus).
        expect(rows).toEqual([{ u: 'pp_wuhua', b: prepared ? 'off' : 'on' }]);
        const [after] = await all<{ b: string }>(tx, sql`select current_setting('enable_bitmapscan') as b`);
        expect(after!.b).toBe('on');
      });
  });
});
