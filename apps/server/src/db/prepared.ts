import pg from 'pg';
import { literal } from './inline.js';

/**
 * Statements prepared by name on a pooled PostgreSQL connection, and the raw-query typing of their answers: shared
 * by the one-statement transaction (client.ts) and the coalesced reads (coalesced-reads.ts).
 */

/** Prepared one-statement texts per connection (the pool's client object lives as long as its connection). */
const preparedByConnection = new WeakMap<object, { names: Map<string, string>; made: number }>();
/** At most this many statements prepared per connection (a text beyond it is inlined, as before). */
const MAX_PREPARED_PER_CONNECTION = 32;

/**
 * The prepared statement for `text` on this connection: its name, and the PREPARE to send in front of the query when
 * the connection does not hold it yet. The name is known only once the query succeeded (`ok`); after a failure
 * (`failed`) it is forgotten and the next use prepares it under a new name (a PREPARE that ran in a failed query may
 * or may not exist: names are never reused). Parameters keep node-postgres' typing: PREPARE deduces their types from
 * the text as the extended protocol's Parse does for untyped parameters, and EXECUTE's quoted literals are untyped
 * text coerced to those types.
 */
export function preparedStatement(
  client: object,
  text: string,
): { name: string; prepare: string | null; ok: () => void; failed: () => void } | null {
  let p = preparedByConnection.get(client);
  if (!p) preparedByConnection.set(client, (p = { names: new Map(), made: 0 }));
  const known = p.names.get(text);
  const state = p;
  if (known) return { name: known, prepare: null, ok: () => {}, failed: () => void state.names.delete(text) };
  if (p.made >= MAX_PREPARED_PER_CONNECTION) return null;
  const name = `mwsp_one_${++p.made}`;
  return {
    name,
    prepare: `PREPARE ${name} AS ${text}`,
    ok: () => void state.names.set(text, name),
    failed: () => {},
  };
}

/**
 * Drizzle's node-postgres type parsing of raw queries (`execute`): timestamps, dates and intervals (and their arrays)
 * stay text, everything else as node-postgres parses it (drizzle-orm/node-postgres/session.js `rawQueryConfig`).
 */
const RAW_TEXT_TYPES = new Set([
  pg.types.builtins.TIMESTAMPTZ,
  pg.types.builtins.TIMESTAMP,
  pg.types.builtins.DATE,
  pg.types.builtins.INTERVAL,
  1231, // numeric[]
  1115, // timestamp[]
  1185, // timestamptz[]
  1187, // interval[]
  1182, // date[]
]);
const asText = (v: string) => v;
/**
 * The parser per type, looked up once: node-postgres asks for every column of every result (22 columns of an account's
 * detail on each request). The raw queries here are text-format only; a binary request goes to node-postgres as is.
 */
const textParsers = new Map<number, (v: string) => unknown>();
export const RAW_TYPES = {
  getTypeParser: (oid: number, format?: string) => {
    if (format === 'binary') return pg.types.getTypeParser(oid, 'binary');
    let parser = textParsers.get(oid);
    if (!parser)
      textParsers.set(oid, (parser = RAW_TEXT_TYPES.has(oid) ? asText : pg.types.getTypeParser(oid, 'text')));
    return parser;
  },
};

/**
 * Hot statements prepared by their text on PostgreSQL without Citus (docs/MATCHING.md, "match7"; PGlite's side is
 * pglite-prepared.ts): a statement sent with parameters is parsed and planned anew at every execution (node-postgres
 * uses the unnamed statement). Here it is prepared once per pooled connection (`PREPARE name AS text`, in a savepoint
 * so that a refused text leaves the transaction usable) and run as `EXECUTE name(literals)` afterwards, the literals
 * as inline.ts converts a parameter; the generic plan forced around each EXECUTE in the same simple-protocol message
 * (`SET LOCAL plan_cache_mode = force_generic_plan; EXECUTE …; SET LOCAL plan_cache_mode TO DEFAULT`: no round trip
 * of its own, and the transaction's other statements keep custom plans). A cache per connection, LRU, at most
 * `MAX_PREPARED_TEXTS` texts (the oldest DEALLOCATEd with the next PREPARE); names are never reused, and a name is
 * recorded only once its PREPARE has succeeded (prepared statements outlive a rolled-back transaction: harmless).
 */
interface PgHandle {
  /** The transaction's client (client.ts transactionClient: its queries one after the other). */
  client: { query(config: unknown): Promise<unknown> };
  /**
   * The transaction has begun: its first query carries BEGIN and the scope in front and answers with its last
   * result only (client.ts), so a first statement is not run by name (the EXECUTE's result is not the last).
   */
  begun: () => boolean;
  cache: TextCache;
}

interface TextCache {
  /** text → name, in least-recently-used order (a hit moves to the end). */
  names: Map<string, string>;
  /** Texts whose PREPARE failed on this connection: never tried again there. */
  refused: Set<string>;
  made: number;
}

/** Texts prepared per connection at most (the matching's generic plans take ~300 kB each: pglite-prepared.ts). */
export const MAX_PREPARED_TEXTS = 64;

const pgHandles = new WeakMap<object, PgHandle>();
const textCaches = new WeakMap<object, TextCache>();

/**
 * client.ts (PostgreSQL without Citus): the executor a scoped transaction hands its callback, the transaction's
 * client, and the pooled connection behind it (the cache's key: the prepared statements live as long as it).
 */
export function registerPgExecutor(
  ex: object,
  client: PgHandle['client'],
  connection: object,
  begun: () => boolean,
): void {
  let cache = textCaches.get(connection);
  if (!cache) textCaches.set(connection, (cache = { names: new Map(), refused: new Set(), made: 0 }));
  pgHandles.set(ex, { client, cache, begun });
}

/** `ex` is an executor client.ts registered (PostgreSQL without Citus). */
export const isPgRegistered = (ex: object): boolean => pgHandles.has(ex);

/** The process-wide counts of the PostgreSQL side (the benchmark prints them). */
export const pgPreparedStats = { prepared: 0, refused: 0, evicted: 0, executed: 0 };

/** Prepared texts of the connection of a registered executor (tests; undefined: not registered). */
export function pgPreparedCount(ex: object): number | undefined {
  return pgHandles.get(ex)?.cache.names.size;
}

const lastResult = (r: unknown) => (Array.isArray(r) ? (r[r.length - 1] as unknown) : r);

/**
 * `text` with `params` by its prepared statement on the connection of a registered executor (undefined: `ex` is not
 * one, the transaction has not begun, or the text's PREPARE was refused on this connection; the caller runs the
 * statement as it is). `mode`
 * 'generic' forces the generic plan (planned once per text and connection); 'auto' leaves the choice to PostgreSQL.
 * The answer is the raw query result (rows typed as Drizzle's raw queries are: RAW_TYPES).
 */
export async function executePreparedPg(
  ex: object,
  text: string,
  params: unknown[],
  mode: 'generic' | 'auto',
  opts: PlanOptions = {},
): Promise<unknown> {
  const h = pgHandles.get(ex);
  if (!h || !h.begun()) return undefined;
  const c = h.cache;
  if (c.refused.has(text)) return undefined;
  let name = c.names.get(text);
  if (name) {
    c.names.delete(text);
    c.names.set(text, name);
  } else {
    name = `mwsp_pgp_${++c.made}`;
    const evict: string[] = [];
    for (const [t, n] of c.names) {
      if (c.names.size < MAX_PREPARED_TEXTS) break;
      evict.push(n);
      c.names.delete(t);
    }
    try {
      await h.client.query(
        ['SAVEPOINT mwsp_prepare', ...evict.map((n) => `DEALLOCATE ${n}`), `PREPARE ${name} AS ${text}`]
          .concat('RELEASE SAVEPOINT mwsp_prepare')
          .join('; '),
      );
    } catch {
      await h.client.query('ROLLBACK TO SAVEPOINT mwsp_prepare; RELEASE SAVEPOINT mwsp_prepare');
      c.refused.add(text);
      pgPreparedStats.refused++;
      return undefined;
    }
    c.names.set(text, name);
    pgPreparedStats.prepared++;
    pgPreparedStats.evicted += evict.length;
  }
  pgPreparedStats.executed++;
  const args = params.length ? `(${params.map(literal).join(', ')})` : '';
  const run = `EXECUTE ${name}${args}`;
  if (mode !== 'generic') return lastResult(await h.client.query({ text: run, types: RAW_TYPES }));
  // The generic plan for this EXECUTE only: the transaction's other statements (unnamed, planned per execution) keep
  // the default mode; a generic plan of those would be planned as blindly and kept for nothing.
  // noBitmap: the generic plan made (at the first EXECUTE, and at any re-plan) without bitmap scans, in the same
  // message.
  const [on, off] = opts.noBitmap
    ? ['SET LOCAL enable_bitmapscan = off; ', '; SET LOCAL enable_bitmapscan TO DEFAULT']
    : ['', ''];
  const r = await h.client.query({
    text: `${on}SET LOCAL plan_cache_mode = force_generic_plan; ${run}; SET LOCAL plan_cache_mode TO DEFAULT${off}`,
    types: RAW_TYPES,
  });
  return Array.isArray(r) ? (r[opts.noBitmap ? 2 : 1] as unknown) : r;
}

/**
 * How a statement's generic plan is made (PostgreSQL). `noBitmap`: without bitmap scans — for a statement whose
 * rows must come off a btree in its order under a LIMIT (matching.repo.ts seekerPilot, match11): its generic plan,
 * estimating ~20 rows where a common code has hundreds, took a bitmap scan of all of them and a sort (480 heap
 * blocks instead of 150).
 */
export interface PlanOptions {
  noBitmap?: boolean;
}
