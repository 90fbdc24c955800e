/**
 * The indexes of workers, each written once per registered worker (an import of 1,000,000 rows pays for every one):
 * the name + region search is served by workers_status_name, whose key leads with the status every list query
 * filters and whose INCLUDE carries the region, so the narrower (name, residence_region_code) index is not kept
 * (migration 0064). If workers_status_name lost the region, the search would visit the heap for every name in the
 * range: this test says so before a benchmark does.
 */
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { all, type Database } from '../../db/client.js';
import { useMigratedDatabase } from '../../test/migrated-db.js';

let db: Database;
useMigratedDatabase((opened) => (db = opened));

describe('indexes of workers', () => {
  it('serve the name + region search from workers_status_name alone (no workers_name_region)', async () => {
    const rows = await all<{ name: string; def: string }>(
      db.owner,
      sql`select indexname as name, indexdef as def from pg_indexes
        where schemaname = 'public' and tablename = 'workers'`,
    );
    const byName = new Map(rows.map((r) => [r.name, r.def]));
    expect(byName.has('workers_name_region')).toBe(false);
    const statusName = byName.get('workers_status_name') ?? '';
    expect(statusName).toMatch(/\(status, name, id\) INCLUDE \(/);
    expect(/INCLUDE \(([^)]*)\)/.exec(statusName)?.[1].split(', ')).toContain('residence_region_code');
  });
});
