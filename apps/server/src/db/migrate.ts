import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { all, type Database } from './client.js';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
const LOCK_KEY = 727301; // advisory lock: one migrator at a time across instances

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function listMigrations(): Migration[] {
  return fs
    .readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d{4}_.+\.sql$/.test(f))
    .sort()
    .map((f) => ({
      version: Number(f.slice(0, 4)),
      name: f,
      sql: fs.readFileSync(path.join(MIGRATIONS_DIR, f), 'utf8'),
    }));
}

/**
 * Applies pending checked-in SQL migrations in order; returns the version now in force.
 * Each migration is one multi-statement simple query, which PostgreSQL (and PGlite) runs as a
 * single implicit transaction: it applies whole or not at all. A transaction-level advisory lock
 * and a version re-check inside it make concurrent starts of several instances safe.
 */
export async function migrate(db: Database): Promise<number> {
  await db.execScript(
    'CREATE TABLE IF NOT EXISTS schema_migrations ' +
      '(version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
  );
  const done = new Set(
    (await all<{ version: number }>(db.owner, sql`select version from schema_migrations`)).map((r) => r.version),
  );
  const pending = listMigrations().filter((m) => !done.has(m.version));
  // The embedded database (one process owns its data folder) applies all pending migrations as ONE script: a fresh
  // data folder's ~45 migrations in one round trip and one commit instead of one each (the first start, issue #11).
  // Any failure rolls the whole script back; the loop below then applies them one by one and names the failing one.
  if (db.kind === 'pglite' && pending.length > 1) {
    try {
      await db.execScript(pending.map(migrationScript).join('\n'));
      return currentMigration(db);
    } catch {
      // fall through: one by one
    }
  }
  for (const m of pending) {
    const script = migrationScript(m);
    try {
      await db.execScript(script);
    } catch (err) {
      if (String((err as Error).message).includes('mwsp:already-applied')) continue;
      throw new Error(`迁移 ${m.name} 失败 / migration failed: ${(err as Error).message}`);
    }
  }
  return currentMigration(db);
}

/** One migration as a script: the lock, the re-check of its version, its SQL and its row in schema_migrations. */
function migrationScript(m: Migration): string {
  return [
    `SELECT pg_advisory_xact_lock(${LOCK_KEY});`,
    `DO $mwsp$ BEGIN
        IF EXISTS (SELECT 1 FROM schema_migrations WHERE version = ${m.version}) THEN
          RAISE EXCEPTION 'mwsp:already-applied';
        END IF;
      END $mwsp$;`,
    m.sql,
    `;INSERT INTO schema_migrations (version, name) VALUES (${m.version}, '${m.name.replace(/'/g, "''")}');`,
  ].join('\n');
}

export async function currentMigration(db: Database): Promise<number> {
  const rows = await all<{ v: number | null }>(db.owner, sql`select max(version)::int as v from schema_migrations`);
  return rows[0]?.v ?? 0;
}
