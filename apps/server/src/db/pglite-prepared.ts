import { sql, type SQL } from 'drizzle-orm';
import { PgDialect, type PgDatabase, type PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { literal } from './inline.js';
import { executePreparedPg, isPgRegistered, type PlanOptions } from './prepared.js';

/** client.ts's Executor (not imported: client.ts imports this file). */
type Executor = PgDatabase<PgQueryResultHKT, Record<string, never>>;

/**
 * Statements prepared by their text on PGlite (docs/MATCHING.md, "match6"): PGlite is one connection and plans every
 * statement anew (its extended-protocol queries use the unnamed statement), so a hot statement whose text repeats
 * (its values only in parameters) is sent once as `PREPARE name AS text` and then as `EXECUTE name(literals)`: it is
 * parsed and planned once per distinct text, and PostgreSQL's plan cache may keep a generic plan after five custom
 * ones. The values are inlined as quoted literals (db/inline.ts `literal`, as node-postgres converts a parameter):
 * untyped literals coerced to the parameter types PREPARE deduced from the text, as the extended protocol's Parse
 * deduces them for untyped parameters.
 *
 * A bounded cache per database (LRU; the oldest is deallocated beyond `MAX_PREPARED`); a name is never reused: a
 * PREPARE that failed (in a savepoint, so the caller's transaction goes on) leaves its text unprepared for good and
 * the statement runs as before. Prepared statements are not transactional: they outlive a rolled-back transaction,
 * which is harmless (the name stays valid) — the cache only records a name once its PREPARE has succeeded.
 */

/** The PGlite transaction handle behind an executor that client.ts registered, and its database's cache. */
interface Handle {
  exec(text: string): Promise<unknown>;
  cache: PreparedCache;
  /** The transaction's plan_cache_mode is set (SET LOCAL, once per transaction). */
  modeSet?: boolean;
}

interface PreparedCache {
  /** text → name, in least-recently-used order (Map insertion order; a hit moves to the end). */
  names: Map<string, string>;
  /** Texts whose PREPARE failed: never tried again. */
  refused: Set<string>;
  made: number;
}

/**
 * At most this many statements prepared per database (the oldest is deallocated): their cached plans took ~300 kB
 * each at 20,000 / 100,000 (pg_backend_memory_contexts; the benchmark saw 58 distinct texts).
 */
export const MAX_PREPARED = 64;

const handles = new WeakMap<object, Handle>();
/**
 * The plan cache mode of the prepared statements' transactions: 'generic' (SET LOCAL plan_cache_mode =
 * force_generic_plan: planned once per text) or 'auto' (PostgreSQL's: custom plans the first five times, then the
 * generic plan when its cost looks no worse — a custom plan is planned anew at each EXECUTE, and the matching's
 * texts repeat ~3 times per 84 rankings at first, so most executions stayed custom). 'generic' measured better at
 * both percentiles (docs/MATCHING.md, match6; EXPLAIN: the same bound filters and slot index ranges, parameters in
 * the index conditions); the benchmark's A/B switches it.
 */
export const preparedPlans: {
  mode: 'auto' | 'generic';
  /** The benchmark's probe: each EXECUTE's statement name, text of its arguments and time. */
  onExecute?: (name: string, args: string, ms: number) => void;
} = { mode: 'generic' };
/** Process-wide counts (the benchmark prints them): PREPAREs made, refused, DEALLOCATEs, EXECUTEs. */
export const preparedStats = { prepared: 0, refused: 0, evicted: 0, executed: 0 };
const caches = new WeakMap<object, PreparedCache>();
const dialect = new PgDialect();

/**
 * client.ts (PGlite only): the executor a scoped transaction hands its callback, with its PGlite transaction handle
 * and the database (its cache's key: one connection, one session).
 */
export function registerPgliteExecutor(ex: object, handle: { exec(text: string): Promise<unknown> }, database: object) {
  let cache = caches.get(database);
  if (!cache) caches.set(database, (cache = { names: new Map(), refused: new Set(), made: 0 }));
  handles.set(ex, { exec: (t) => handle.exec(t), cache });
}

/** `ex` is an executor client.ts registered (PGlite): its statements can be prepared by their text. */
export const isPgliteRegistered = (ex: object): boolean => handles.has(ex);

/** Prepared statements of the database of a registered executor (tests; undefined: not a PGlite executor). */
export function preparedCount(ex: object): number | undefined {
  return handles.get(ex)?.cache.names.size;
}

/**
 * `execute` of `q` by its prepared statement on a registered PGlite executor; any other executor (PostgreSQL, the
 * owner) runs `q` as it is. The answer is Drizzle's raw-query result, as `ex.execute(q)` gives it.
 */
export async function executePrepared(ex: Executor, q: SQL, opts: PlanOptions = {}): Promise<unknown> {
  const h = handles.get(ex);
  if (!h) return ex.execute(q);
  const { sql: text, params } = dialect.sqlToQuery(q);
  const c = h.cache;
  if (c.refused.has(text)) return ex.execute(q);
  let name = c.names.get(text);
  if (name) {
    c.names.delete(text);
    c.names.set(text, name);
  } else {
    name = `mwsp_pgl_${++c.made}`;
    const evict: string[] = [];
    for (const [t, n] of c.names) {
      if (c.names.size < MAX_PREPARED) break; // deleted ones are gone from the size already
      evict.push(n);
      c.names.delete(t);
    }
    try {
      await h.exec(
        [
          'SAVEPOINT mwsp_prepare',
          ...evict.map((n) => `DEALLOCATE ${n}`),
          `PREPARE ${name} AS ${text}`,
          'RELEASE SAVEPOINT mwsp_prepare',
        ].join('; '),
      );
    } catch {
      await h.exec('ROLLBACK TO SAVEPOINT mwsp_prepare; RELEASE SAVEPOINT mwsp_prepare');
      c.refused.add(text);
      preparedStats.refused++;
      return ex.execute(q);
    }
    c.names.set(text, name);
    preparedStats.prepared++;
    preparedStats.evicted += evict.length;
  }
  preparedStats.executed++;
  if (preparedPlans.mode === 'generic' && !h.modeSet) {
    await h.exec('SET LOCAL plan_cache_mode = force_generic_plan');
    h.modeSet = true;
  }
  const args = params.length ? `(${params.map(literal).join(', ')})` : '';
  // noBitmap (as on PostgreSQL, prepared.ts): the generic plan — made at the first EXECUTE and at any re-plan — made
  // without bitmap scans; restored for the transaction's other statements.
  if (opts.noBitmap) await h.exec('SET LOCAL enable_bitmapscan = off');
  const t0 = preparedPlans.onExecute ? performance.now() : 0;
  const r = await ex.execute(sql.raw(`EXECUTE ${name}${args}`));
  preparedPlans.onExecute?.(name, args, performance.now() - t0);
  if (opts.noBitmap) await h.exec('SET LOCAL enable_bitmapscan TO DEFAULT');
  return r;
}

/**
 * An executor whose `execute` runs by prepared statement when `ex` is a registered PGlite executor (executePrepared)
 * or a registered PostgreSQL one (prepared.ts executePreparedPg: PostgreSQL without Citus), else `ex` itself: for
 * `all(preparedExecutor(tx), q)` on a hot statement. Both under `preparedPlans.mode`.
 */
export function preparedExecutor(ex: Executor, opts: PlanOptions = {}): Executor {
  if (handles.has(ex)) return { execute: (q: SQL) => executePrepared(ex, q, opts) } as unknown as Executor;
  if (!isPgRegistered(ex)) return ex;
  const execute = async (q: SQL) => {
    const { sql: text, params } = dialect.sqlToQuery(q);
    return (await executePreparedPg(ex, text, params, preparedPlans.mode, opts)) ?? ex.execute(q);
  };
  return { execute } as unknown as Executor;
}
