/**
 * On a Citus cluster the migrations place every table as apps/server/src/db/placement.ts says: reference
 * tables replicated to every node, distributed tables hashed on county_code, the rest on the coordinator.
 */
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { all, type Database } from '../../apps/server/src/db/client.js';
import { LOOKUP_KEYS, REFERENCE_TABLES_IN_ORDER, TABLE_PLACEMENT } from '../../apps/server/src/db/placement.js';
import { useMigratedDatabase } from '../../apps/server/src/test/migrated-db.js';

let db: Database;
useMigratedDatabase((opened) => (db = opened));

describe('table placement on Citus', () => {
  it('matches TABLE_PLACEMENT for every table', async () => {
    const rows = await all<{ table: string; method: string; model: string; key: string | null }>(
      db.owner,
      sql`SELECT logicalrelid::regclass::text AS table, partmethod AS method, repmodel AS model,
            column_to_column_name(logicalrelid, partkey) AS key FROM pg_dist_partition`,
    );
    const placed = new Map(rows.map((r) => [r.table, r]));
    for (const t of REFERENCE_TABLES_IN_ORDER)
      expect(placed.get(t), `${t} is a reference table`).toMatchObject({ method: 'n', model: 't' });
    for (const [t, p] of Object.entries(TABLE_PLACEMENT)) {
      const r = placed.get(t);
      if (p === 'distributed')
        expect(r, `${t} is distributed on county_code`).toMatchObject({ method: 'h', key: 'county_code' });
      if (p === 'lookup')
        expect(r, `${t} is hashed on its own key`).toMatchObject({ method: 'h', key: LOOKUP_KEYS[t] });
      // pending and coordinator tables stay on the coordinator: local, or a Citus local table (method n,
      // model s) when a foreign key links them to a reference table
      if (p === 'pending' || p === 'coordinator')
        expect(r === undefined || (r.method === 'n' && r.model === 's'), `${t} stays on the coordinator`).toBe(true);
    }
  });
});
