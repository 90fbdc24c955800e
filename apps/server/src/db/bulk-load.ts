/**
 * The first start's bulk mode on the embedded database (issue #11, item 5): the demo city and the wage ledgers are
 * COPYed into EMPTY tables, and inside PGlite's WebAssembly most of a COPY's time is the per-row work that a load
 * into empty tables can do set-based afterwards: the foreign-key triggers (one SPI look-up of the parent per row
 * and key) and the maintenance of the secondary indexes. In bulk mode the loader
 *   1. verifies that every table of the load is empty (otherwise: the normal path, nothing changed);
 *   2. records the secondary indexes it is about to drop (their `pg_indexes.indexdef`, exactly as the migrations
 *      made them) in a setting, committed before the drop, so a start killed during the load rebuilds them at the
 *      next start (`restorePendingIndexes`);
 *   3. drops them, COPYs with the foreign-key triggers off (`Database.setCopyForeignKeyTriggers`);
 *   4. checks every foreign key of the loaded tables with one anti-join each (`checkForeignKeys`: a violation fails
 *      the load), then recreates the indexes from their recorded definitions.
 * Only non-unique indexes that back no constraint are dropped: primary keys, unique indexes and the parents' keys
 * that foreign keys need stay, so uniqueness is checked row by row as before. PostgreSQL and Citus never take this
 * path (their COPY is fast; Citus's shards are not this simple): `bulkLoadable` is false for them.
 */
import { sql } from 'drizzle-orm';
import { all, type Database } from './client.js';

/** A secondary index as the migrations made it. */
export interface SecondaryIndex {
  table: string;
  name: string;
  /** `pg_indexes.indexdef`: the CREATE INDEX statement that recreates it identically. */
  def: string;
}

/** Whether this database takes the bulk mode at all (the embedded one, with the trigger switch). */
export function bulkLoadable(db: Database): boolean {
  return db.kind === 'pglite' && typeof db.setCopyForeignKeyTriggers === 'function';
}

/** True when none of `tables` holds a row (one statement). */
export async function tablesEmpty(db: Database, tables: readonly string[]): Promise<boolean> {
  const probes = tables.map((t) => `(SELECT NOT EXISTS (SELECT 1 FROM ${ident(t)}))`).join(' AND ');
  const rows = await all<{ empty: boolean }>(db.owner, sql.raw(`SELECT ${probes} AS empty`));
  return rows[0]?.empty === true;
}

/**
 * Tables among `tables` with a trigger of their own (not a foreign key's internal one): the bulk mode leaves their
 * triggers on, i.e. is not used for a load that includes them.
 */
export async function tablesWithUserTriggers(db: Database, tables: readonly string[]): Promise<string[]> {
  const rows = await all<{ t: string }>(
    db.owner,
    sql`SELECT DISTINCT c.relname AS t FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND NOT g.tgisinternal AND c.relname = ANY(${`{${tables.join(',')}}`}::text[])`,
  );
  return rows.map((r) => r.t);
}

/** The non-unique indexes of `tables` that back no constraint, with their definitions. */
export async function secondaryIndexes(db: Database, tables: readonly string[]): Promise<SecondaryIndex[]> {
  return all<SecondaryIndex>(
    db.owner,
    sql`SELECT t.relname AS "table", i.relname AS name, pg_get_indexdef(x.indexrelid) AS def
        FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
        JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE n.nspname = 'public' AND NOT x.indisunique AND NOT x.indisprimary
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
          AND t.relname = ANY(${`{${tables.join(',')}}`}::text[])
        ORDER BY t.relname, i.relname`,
  );
}

/** Drops the indexes (one script, one transaction). */
export async function dropIndexes(db: Database, indexes: readonly SecondaryIndex[]): Promise<void> {
  if (indexes.length) await db.execScript(indexes.map((x) => `DROP INDEX IF EXISTS ${ident(x.name)};`).join('\n'));
}

/**
 * Recreates those of `indexes` that do not exist (by name) from their recorded definitions, then refreshes the
 * planner statistics of tables whose recreated indexes have expressions (ANALYZE reads index expressions).
 * Returns the number recreated.
 */
export async function restoreIndexes(db: Database, indexes: readonly SecondaryIndex[]): Promise<number> {
  if (!indexes.length) return 0;
  const present = new Set(
    (
      await all<{ name: string }>(
        db.owner,
        sql`SELECT indexname AS name FROM pg_indexes WHERE schemaname = 'public'
            AND indexname = ANY(${`{${indexes.map((x) => x.name).join(',')}}`}::text[])`,
      )
    ).map((r) => r.name),
  );
  const missing = indexes.filter((x) => !present.has(x.name));
  for (const x of missing) await db.execScript(x.def);
  const withExpressions = await all<{ t: string }>(
    db.owner,
    sql`SELECT DISTINCT t.relname AS t FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
        JOIN pg_class t ON t.oid = x.indrelid
        WHERE x.indexprs IS NOT NULL AND i.relname = ANY(${`{${missing.map((x) => x.name).join(',')}}`}::text[])`,
  );
  for (const { t } of withExpressions) await db.execScript(`ANALYZE ${ident(t)}`);
  return missing.length;
}

/**
 * Checks every foreign key declared on `tables` set-based (MATCH SIMPLE: a row with a NULL in the key is not
 * checked, as the trigger would not). Returns one line per violated constraint (empty: all hold).
 */
export async function checkForeignKeys(db: Database, tables: readonly string[]): Promise<string[]> {
  const fks = await all<{ name: string; child: string; parent: string; ccols: string[]; pcols: string[] }>(
    db.owner,
    sql`SELECT c.conname AS name, ct.relname AS child, pt.relname AS parent,
          array(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, o)
                JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.o) AS ccols,
          array(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(n, o)
                JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.o) AS pcols
        FROM pg_constraint c JOIN pg_class ct ON ct.oid = c.conrelid JOIN pg_class pt ON pt.oid = c.confrelid
        JOIN pg_namespace n ON n.oid = ct.relnamespace
        WHERE c.contype = 'f' AND n.nspname = 'public' AND ct.relname = ANY(${`{${tables.join(',')}}`}::text[])
        ORDER BY c.conname`,
  );
  const out: string[] = [];
  for (const fk of fks) {
    const notNull = fk.ccols.map((c) => `c.${ident(c)} IS NOT NULL`).join(' AND ');
    const join = fk.ccols.map((c, i) => `p.${ident(fk.pcols[i])} = c.${ident(c)}`).join(' AND ');
    const rows = await all<{ n: number }>(
      db.owner,
      sql.raw(
        `SELECT count(*)::int AS n FROM ${ident(fk.child)} c WHERE ${notNull} ` +
          `AND NOT EXISTS (SELECT 1 FROM ${ident(fk.parent)} p WHERE ${join})`,
      ),
    );
    const n = rows[0]?.n ?? 0;
    if (n > 0) out.push(`${fk.child}.${fk.name}: ${n} 行无对应 ${fk.parent} / rows without their ${fk.parent}`);
  }
  return out;
}

/** A catalog name as an SQL identifier (the names come from the catalog or the code, quoted anyway). */
function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Where the indexes a bulk load dropped are recorded until it has recreated them (platform settings). */
export const PENDING_INDEXES_SETTING = 'bulk_load_pending_indexes';

/** The settings the bulk mode records its pending indexes in (SettingsService). */
export interface BulkLoadStore {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
}

/**
 * Runs `load` (COPYs into `tables` through `db.copyIn`) in bulk mode when the database takes it and every table is
 * empty; otherwise runs it as is. See the file's comment for the steps and what a crash leaves behind.
 */
export async function inBulkMode<T>(
  db: Database,
  store: BulkLoadStore,
  tables: readonly string[],
  load: () => Promise<T>,
  log?: (msg: string) => void,
): Promise<T> {
  if (
    !bulkLoadable(db) ||
    !(await tablesEmpty(db, tables)) ||
    (await tablesWithUserTriggers(db, tables)).length > 0 ||
    ((await store.get<SecondaryIndex[]>(PENDING_INDEXES_SETTING)) ?? []).length > 0
  )
    return load();
  const indexes = await secondaryIndexes(db, tables);
  await store.set(PENDING_INDEXES_SETTING, indexes); // committed before the drop: a crash finds them
  await dropIndexes(db, indexes);
  db.setCopyForeignKeyTriggers!(false);
  let result: T;
  try {
    result = await load();
  } catch (err) {
    db.setCopyForeignKeyTriggers!(true);
    // the indexes back at once when possible; otherwise the next start does it (the setting stays)
    await restoreIndexes(db, indexes)
      .then(() => store.set(PENDING_INDEXES_SETTING, []))
      .catch(() => undefined);
    throw err;
  }
  db.setCopyForeignKeyTriggers!(true);
  const t0 = Date.now();
  const violations = await checkForeignKeys(db, tables);
  const checkedMs = Date.now() - t0;
  await restoreIndexes(db, indexes);
  await store.set(PENDING_INDEXES_SETTING, []);
  if (violations.length)
    throw new Error(`批量载入的外键检查未通过 / bulk load broke foreign keys: ${violations.join('; ')}`);
  log?.(
    `  批量载入 / bulk load: ${tables.length} 张表的外键检查 ${(checkedMs / 1000).toFixed(1)} s，` +
      `重建 ${indexes.length} 个索引 ${((Date.now() - t0 - checkedMs) / 1000).toFixed(1)} s`,
  );
  return result;
}

/**
 * Every start: the indexes a bulk load dropped and did not recreate (the start was killed during it) are recreated
 * from their recorded definitions, and the foreign keys of their tables checked (a violation is reported, not
 * fatal: the interrupted demo data is kept as it is). Returns the number recreated.
 */
export async function restorePendingIndexes(
  db: Database,
  store: BulkLoadStore,
  log?: (msg: string) => void,
): Promise<number> {
  const pending = (await store.get<SecondaryIndex[]>(PENDING_INDEXES_SETTING)) ?? [];
  if (!pending.length) return 0;
  const n = await restoreIndexes(db, pending);
  const violations = await checkForeignKeys(db, [...new Set(pending.map((x) => x.table))]);
  for (const v of violations) log?.(`  外键检查 / foreign key check: ${v}`);
  await store.set(PENDING_INDEXES_SETTING, []);
  log?.(`  上次启动中断的批量载入：已重建 ${n} 个索引 / interrupted bulk load: ${n} indexes rebuilt`);
  return n;
}
