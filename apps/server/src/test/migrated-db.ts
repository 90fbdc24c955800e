import { afterAll, beforeAll } from 'vitest';
import { migratedOpenOptions } from '../../../../tools/test/db.js';
import { openDatabase, type Database } from '../db/client.js';
import { migrate } from '../db/migrate.js';

/**
 * One migrated database for the test file (or the describe block it is called in): a clone of the run's template on
 * PostgreSQL and Citus, its data folder on PGlite (tools/test/db.ts migratedOpenOptions), opened and migrated before
 * the tests, handed to `opened` (which keeps it and may seed it), closed after them.
 */
export function useMigratedDatabase(opened: (db: Database) => unknown, timeout?: number): void {
  let db: Database | undefined;
  beforeAll(async () => {
    db = await openDatabase({ ...(await migratedOpenOptions()), poolSize: 2 });
    await migrate(db);
    await opened(db);
  }, timeout);
  afterAll(async () => {
    await db?.close();
  });
}
