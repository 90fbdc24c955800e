/**
 * The first start's bulk mode (db/bulk-load.ts, issue #11 item 5): on the embedded database the demo COPYs run
 * without the per-row foreign-key triggers and without the secondary indexes, and leave the schema exactly as the
 * migrations made it; a foreign key the load broke fails it; a start killed in the middle gets its indexes back at
 * the next start. On PostgreSQL (and Citus) the mode is never taken and the same loads run as before.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { all, one } from './client.js';
import {
  bulkLoadable,
  checkForeignKeys,
  dropIndexes,
  inBulkMode,
  PENDING_INDEXES_SETTING,
  restorePendingIndexes,
  secondaryIndexes,
  type SecondaryIndex,
} from './bulk-load.js';
import { loadDemoCity } from '../demo.js';
import { CITY, startTestPlatform, type TestPlatform } from '../test/harness.js';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
}, 240_000);
afterAll(async () => t?.close());

/** Every index and constraint of the tables, as the catalog defines them. */
async function schemaOf(tables: readonly string[]): Promise<string[]> {
  const list = `{${tables.join(',')}}`;
  const rows = await all<{ x: string }>(
    t.db.owner,
    sql`select x from (
          select tablename || ' ' || indexname || ' ' || indexdef as x from pg_indexes
          where schemaname = 'public' and tablename = any(${list}::text[])
          union all
          select conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) || ' ' ||
            convalidated::text
          from pg_constraint where conrelid::regclass::text = any(${list}::text[])) s order by x`,
  );
  return rows.map((r) => r.x);
}

describe('bulk mode of the first start', () => {
  it('fails a load that broke a foreign key, and puts the indexes back', async () => {
    if (!bulkLoadable(t.db)) return; // PostgreSQL: the COPY's own triggers refuse the row
    const tables = ['employments'];
    const [noWorker, county] = ['00000000-0000-4000-8000-00000000abcd', CITY.slice(0, 6)];
    const before = await schemaOf(tables);
    await expect(
      inBulkMode(t.db, t.services.settings, tables, () =>
        t.db.copyIn('employments', 'worker_id, employer_id, start_date, county_code, worker_region_code', [
          // a job of no registered worker at no registered employer: employments references both
          [noWorker, '00000000-0000-4000-8000-00000000abce', '2026-01-01', county, county].join('\t') + '\n',
        ]),
      ),
    ).rejects.toThrow(/外键检查未通过.*employments/);
    expect(await schemaOf(tables)).toEqual(before);
    expect(await t.services.settings.get(PENDING_INDEXES_SETTING)).toEqual([]);
    await t.db.execScript(`DELETE FROM employments WHERE worker_id = '${noWorker}'`);
    expect(await checkForeignKeys(t.db, tables)).toEqual([]);
  });

  it('loads the demo city into empty tables and leaves the schema as the migrations made it', async () => {
    const tables = t.services.registrySeed.bulkTables;
    const before = await schemaOf(tables);
    const dropped: SecondaryIndex[] = bulkLoadable(t.db) ? await secondaryIndexes(t.db, tables) : [];
    let during: string[] = [];
    const n = await inBulkMode(t.db, t.services.settings, tables, async () => {
      during = await schemaOf(tables);
      return loadDemoCity(t.db, t.services, { cityCode: CITY, workers: 200, seed: 11 });
    });
    expect(n).toBe(200);
    // during the load the secondary indexes were gone (embedded database only) …
    if (bulkLoadable(t.db)) {
      expect(dropped.length).toBeGreaterThan(5);
      for (const x of dropped) expect(during.some((l) => l.includes(` ${x.name} `))).toBe(false);
    } else expect(during).toEqual(before);
    // … and after it the indexes and constraints are exactly the migrations' ones, every foreign key holds
    expect(await schemaOf(tables)).toEqual(before);
    expect(await checkForeignKeys(t.db, tables)).toEqual([]);
    expect(await t.services.settings.get(PENDING_INDEXES_SETTING)).toEqual(bulkLoadable(t.db) ? [] : undefined);
    const c = await one<{ workers: number; employments: number; ids: number }>(
      t.db.owner,
      sql`select (select count(*)::int from workers) as workers, (select count(*)::int from employments) as employments,
          (select count(*)::int from worker_ids) as ids`,
    );
    expect(c).toEqual({ workers: 200, employments: 200, ids: 200 });
  });

  it('takes the normal path on tables that hold rows', async () => {
    const tables = t.services.registrySeed.bulkTables;
    const before = await schemaOf(tables);
    await inBulkMode(t.db, t.services.settings, tables, async () => {
      expect(await schemaOf(tables)).toEqual(before); // nothing dropped: the workers are there
    });
  });

  it('rebuilds at the next start the indexes of a load killed in the middle', async () => {
    if (!bulkLoadable(t.db)) return; // only a bulk load (embedded database) ever leaves indexes pending
    const tables = t.services.wageSeed.bulkTables;
    const before = await schemaOf(tables);
    const indexes = await secondaryIndexes(t.db, tables);
    expect(indexes.length).toBeGreaterThan(0);
    // what a start killed during the load leaves: the indexes recorded, dropped, not rebuilt
    await t.services.settings.set(PENDING_INDEXES_SETTING, indexes);
    await dropIndexes(t.db, indexes);
    expect(await schemaOf(tables)).not.toEqual(before);
    expect(await restorePendingIndexes(t.db, t.services.settings)).toBe(indexes.length);
    expect(await schemaOf(tables)).toEqual(before);
    expect(await t.services.settings.get(PENDING_INDEXES_SETTING)).toEqual([]);
    expect(await restorePendingIndexes(t.db, t.services.settings)).toBe(0); // nothing pending any more
  });
});
