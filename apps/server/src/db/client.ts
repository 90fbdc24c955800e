import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs';
import path from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import pg from 'pg';
import { sql, type SQL } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { PgDialect, type PgDatabase, type PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { ReadCoalescer, type CoalescedReadStats } from './coalesced-reads.js';
import { copyAsOwner } from './copy.js';
import { inlineParams, literal } from './inline.js';
import { preparedStatement, RAW_TYPES, registerPgExecutor } from './prepared.js';
import { registerPgliteExecutor } from './pglite-prepared.js';
import { setLocalStatements } from './session-settings.js';

/** Anything that can run a Drizzle `sql` query: the database or a transaction. */
export type Executor = PgDatabase<PgQueryResultHKT, Record<string, never>>;

export type DatabaseKind = 'pglite' | 'postgres';

/**
 * Row-level-security scope of one transaction. `region` is a region-code prefix, '*' for all,
 * '' for nothing. The transaction runs as the non-owner role `mwsp_app`, so RLS policies apply.
 */
export interface DbScope {
  region: string;
  userId?: string | null;
  departmentId?: string | null;
  /**
   * The caller's data scope (app.data_scope): 'self' limits owned rows to `userId`'s, 'department'
   * to `departmentId`'s (RLS policies of tables with an owner/department read it); unset = region only.
   */
  dataScope?: 'self' | 'department' | 'region' | 'all' | null;
}

export const SYSTEM_SCOPE: DbScope = { region: '*' };

export interface ScopedOptions {
  /** fn runs one statement: it is committed in the same round trip (PostgreSQL without Citus). */
  oneStatement?: boolean;
  /**
   * The transaction's first statement has a constant text (its values only in parameters): it is prepared once per
   * pooled connection and executed by name afterwards (PostgreSQL without Citus; "Prepared one-statement reads").
   */
  prepareFirst?: boolean;
  /**
   * With `oneStatement` on PostgreSQL without Citus: the statement takes a row lock the next such statement waits for
   * (the audit head): first in its coalesced message, one such message out at a time (coalesced-reads.ts).
   */
  serial?: boolean;
}
export const APP_ROLE = 'mwsp_app';

export interface Database {
  kind: DatabaseKind;
  /** Owner connection: migrations and bootstrap only. Request code uses `scoped`. */
  owner: Executor;
  /**
   * Runs fn in a transaction as `mwsp_app` with the scope settings applied (SET LOCAL). With `oneStatement`, fn runs
   * exactly one statement (a second one is refused), and on PostgreSQL BEGIN, the scope, the statement and COMMIT
   * travel in one round trip (docs/REQUEST-PATH.md): for the hot single reads.
   */
  scoped<T>(scope: DbScope, fn: (tx: Executor) => Promise<T>, opts?: ScopedOptions): Promise<T>;
  /**
   * One statement as `mwsp_app` with no region scope (row-level-secured tables show nothing), without
   * a transaction: for lookups through SECURITY DEFINER functions on the hot path.
   */
  read<T>(q: SQL): Promise<T[]>;
  /** Raw multi-statement SQL as owner (migrations). */
  execScript(script: string): Promise<void>;
  close(): Promise<void>;
  /** Underlying pg pool (postgres only): exposed for COPY-based bulk work and benchmarks. */
  pool?: pg.Pool;
  /** PostgreSQL without Citus: the one-statement reads coalesced into shared messages (coalesced-reads.ts). */
  coalescedReads?: CoalescedReadStats;
  /**
   * COPY … FROM of text-format chunks (whole lines) into `table (columns)` as the owning role (row-level security
   * does not apply): system bulk loads only (the seeders), never a request path. PostgreSQL: one COPY statement
   * over all chunks on a pooled connection (copy.ts). PGlite: one `COPY … FROM '/dev/blob'` per chunk, each its
   * own transaction (a chunk in WASM memory at a time; a failure leaves the chunks before it written).
   */
  copyIn(table: string, columns: string, chunks: Iterable<string> | AsyncIterable<string>): Promise<void>;
  /**
   * PGlite only (db/bulk-load.ts, the first start's bulk mode): while off, `copyIn` runs its COPYs with
   * `session_replication_role = replica`, i.e. without the per-row foreign-key triggers (the WASM's costliest part of
   * a COPY); the caller checks the loaded tables' foreign keys set-based afterwards (`checkForeignKeys`).
   */
  setCopyForeignKeyTriggers?(on: boolean): void;
  /** PGlite only: the data folder as an uncompressed tarball (what `loadDataDir` opens; the tests' template). */
  dumpDataDir?(): Promise<Blob>;
  /** True while the current async context holds a transaction (or statement) of this database. */
  inTransaction(): boolean;
  /**
   * Hears `topic`'s changes (announced with `changedAfterCommit`) right after the transaction that made them has
   * committed, on this instance (an in-process cache's invalidation: docs/REQUEST-PATH.md). Returns the unsubscribe.
   * Any write through `owner` (migrations, bootstrap, seeds) is heard as a change of everything ('*').
   */
  onChange(topic: string, listener: ChangeListener): () => void;
}

/** Keys a transaction changed under one topic ('*' = anything of the topic). */
export type ChangeListener = (keys: ReadonlySet<string>) => void;

/**
 * Refused re-entrant acquisition: a callback of `db.scoped` (or `owner.transaction`) asked the same
 * database for another transaction or connection. On PGlite, one connection, that waits forever for
 * the connection its own caller holds (and every later request queues behind it); on PostgreSQL it
 * takes a second pooled connection per request, which starves the pool under load and escapes the
 * caller's transaction. Use the `tx` handed to the callback, or do the work after it returns.
 */
export class ReentrantTransactionError extends Error {
  constructor(what: string, held: string) {
    super(
      `re-entrant database acquisition: ${what} called while this async context already holds ${held}; ` +
        'use the transaction passed to the callback, or call it after the transaction ends',
    );
    this.name = 'ReentrantTransactionError';
  }
}

interface Held {
  db: DbId;
  what: string;
  /** Cleared when the transaction ends: work started inside it that outlives it is no longer nested. */
  active: boolean;
  /** The region scope of a `scoped` transaction (db/routing.ts reads it to name the county). */
  scope?: DbScope;
  /** Changes announced inside it (`changedAfterCommit`): topic → keys, heard after the commit. */
  changes?: Map<string, Set<string>>;
  /** The transaction runs on Citus (db/bulk.ts: no INSERT … SELECT into row-level-secured distributed tables). */
  citus?: boolean;
}
const held = new AsyncLocalStorage<Held>();

/** A database's identity and its change listeners (topic → listeners). */
interface DbId {
  listeners: Map<string, Set<ChangeListener>>;
}
/** Every open database's identity: a change announced outside any transaction is heard by all (see below). */
const openDbs = new Set<DbId>();

function newDbId(): DbId {
  const id: DbId = { listeners: new Map() };
  openDbs.add(id);
  return id;
}

function onChange(db: DbId, topic: string, listener: ChangeListener): () => void {
  let set = db.listeners.get(topic);
  if (!set) db.listeners.set(topic, (set = new Set()));
  set.add(listener);
  return () => set.delete(listener);
}

function announce(db: DbId, changes: Map<string, Set<string>>): void {
  for (const [topic, keys] of changes) {
    const all =
      topic === '*' ? [...db.listeners.values()].flatMap((s) => [...s]) : [...(db.listeners.get(topic) ?? [])];
    for (const listener of all) {
      try {
        listener(keys);
      } catch {
        // a listener is an in-process cache's invalidation; it never throws, and must not fail the committed work
      }
    }
  }
}

const EVERYTHING = new Map([['*', new Set(['*'])]]);

/**
 * Announces that the current transaction changed `key` of `topic` ('*': anything of it). The database's listeners
 * (`db.onChange`) hear it right after the transaction has COMMITTED — never before, so a cache refilled by a read
 * that raced the change is refused by the listener's generation counter, and never for a rolled-back transaction.
 * Outside a transaction (an autocommitted statement: call this after it has run) every open database's listeners
 * hear it at once — more than needed, never less.
 */
export function changedAfterCommit(topic: string, key = '*'): void {
  const h = held.getStore();
  if (h?.active) {
    h.changes ??= new Map();
    let keys = h.changes.get(topic);
    if (!keys) h.changes.set(topic, (keys = new Set()));
    keys.add(key);
    return;
  }
  const changes = new Map([[topic, new Set([key])]]);
  for (const db of openDbs) announce(db, changes);
}

function heldBy(db: DbId): Held | undefined {
  const h = held.getStore();
  return h && h.db === db && h.active ? h : undefined;
}

/**
 * Runs fn as the holder of a transaction of `db`; throws if the context already holds one. The changes announced
 * inside are heard once fn has resolved, i.e. after its COMMIT (`everything`: owner work, heard as a change of all).
 */
async function acquire<T>(
  db: DbId,
  what: string,
  fn: () => Promise<T>,
  scope?: DbScope,
  everything = false,
): Promise<T> {
  const h = heldBy(db);
  if (h) throw new ReentrantTransactionError(what, h.what);
  const mine: Held = { db, what, active: true, scope };
  let result: T;
  try {
    result = await held.run(mine, fn);
  } finally {
    mine.active = false;
  }
  if (everything) announce(db, EVERYTHING);
  else if (mine.changes) announce(db, mine.changes);
  return result;
}

/**
 * Runs `fn` inside the caller's transaction `tx` under another region scope, then restores the transaction's
 * own: for the few cross-scope effects a use case has on rows its caller cannot see (e.g. a renamed employer's
 * name on other counties' defaulter listings). The same connection and role go on: on Citus a SECURITY DEFINER
 * function would reach the workers over connections of its owner, which may not touch the shards this
 * transaction has already written as the application ("modified in this transaction by a different user").
 * The scope settings were never a secret from the application role; RLS guards against the application's
 * mistakes, and this names the exception at the one call that needs it.
 */
export async function underScope<T>(tx: Executor, scope: DbScope, fn: () => Promise<T>): Promise<T> {
  const own = currentScope();
  if (!own) throw new Error('underScope: not inside a db.scoped transaction');
  // one statement each: PGlite's extended-protocol queries take one statement
  for (const s of scopeStatements(scope, false)) await tx.execute(sql.raw(s));
  try {
    return await fn();
  } finally {
    for (const s of scopeStatements(own, false)) await tx.execute(sql.raw(s));
  }
}

/**
 * True inside a `scoped` transaction on Citus. There an INSERT … SELECT from a non-distributed source is run by
 * the coordinator as a COPY into the shards, which Citus refuses on row-level-secured tables: db/bulk.ts callers
 * write a multi-row VALUES list instead (routed per shard).
 */
export function onDistributedEngine(): boolean {
  const h = held.getStore();
  return !!(h?.active && h.citus);
}

/** The region scope of the `scoped` transaction the current async context runs in, if any. */
export function currentScope(): DbScope | undefined {
  const h = held.getStore();
  return h?.active ? h.scope : undefined;
}

/** The owner executor with the same guard on `execute` and `transaction` (migrations, bootstrap). */
function guardOwner(db: DbId, owner: Executor): Executor {
  return new Proxy(owner, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (prop === 'execute') {
        return (q: SQL) =>
          acquire(
            db,
            'db.owner.execute',
            () => (value as (q: SQL) => Promise<unknown>).call(target, q),
            undefined,
            true,
          );
      }
      if (prop === 'transaction') {
        return (fn: (tx: Executor) => Promise<unknown>, config?: unknown) =>
          acquire(
            db,
            'db.owner.transaction',
            () => (value as (f: typeof fn, c?: unknown) => Promise<unknown>).call(target, fn, config),
            undefined,
            true,
          );
      }
      return value;
    },
  });
}

export interface OpenOptions {
  url?: string | null;
  /** Folder of the embedded database; omitted = in-memory (tests). */
  dataDir?: string | null;
  /** In-memory embedded database only: start from this data folder's tarball (PGlite dumpDataDir; tests'
   *  migrated template) instead of an empty cluster. */
  loadDataDir?: Blob;
  poolSize?: number;
}

/** The scope as SET LOCAL statements (forwarded to Citus workers; set_config is not). */
/**
 * The scope statements of a transaction. `withRole: false` leaves out `SET LOCAL ROLE`: the PostgreSQL pool's
 * connections are switched to mwsp_app for the whole session as they open, and on Citus a SET LOCAL in a
 * multi-statement query is replayed on every worker connection of the transaction as that whole query text —
 * also on the connections a SECURITY DEFINER look-up opens as the function's owner, which would then run as
 * the caller's role under the caller's region scope (a national look-up answering "not registered" on Citus
 * only; tools/test and registry.forms.test.ts show it).
 */
function scopeStatements(scope: DbScope, withRole = true): readonly string[] {
  // Built once per distinct scope (a handful of users and regions make nearly all requests): the statements are
  // the same strings each time, which also makes the coalesced reads' "setting unchanged" comparison one of identity.
  const { region, userId, departmentId, dataScope } = scope;
  const key = `${region}\u0000${userId ?? ''}\u0000${departmentId ?? ''}\u0000${dataScope ?? ''}`;
  let cached = scopeStatementsCache.get(key);
  if (!cached) {
    const all = setLocalStatements({
      role: APP_ROLE,
      'app.region_scope': scope.region,
      'app.user_id': scope.userId ?? '',
      'app.department_id': scope.departmentId ?? '',
      'app.data_scope': scope.dataScope ?? '',
    });
    if (scopeStatementsCache.size >= SCOPE_STATEMENTS_CACHED) scopeStatementsCache.clear();
    scopeStatementsCache.set(key, (cached = { all, withoutRole: all.slice(1) }));
  }
  return withRole ? cached.all : cached.withoutRole;
}
const SCOPE_STATEMENTS_CACHED = 1024;
const scopeStatementsCache = new Map<string, { all: string[]; withoutRole: string[] }>();

/**
 * The application pool's client: switched to mwsp_app before the pool hands it out. (A `SET ROLE` queued from the
 * pool's 'connect' event ran concurrently with the borrower's first query on the same client, which node-postgres
 * deprecates and pg 9 refuses.) A session-level SET, not a startup option: `RESET ROLE` still returns to the
 * connecting user (copy.ts and some tests rely on it).
 */
class AppClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    // A connection lost while the client is checked out (the backend terminated, the server restarted) is emitted
    // as 'error' with no listener of the pool's attached: the process would crash. The query in flight is rejected
    // with that error anyway, and the pool drops a client that is no longer queryable when it is released.
    this.on('error', () => {});
  }
  override connect(): Promise<pg.Client>;
  override connect(callback: (err: Error | null, c?: pg.Client) => void): void;
  override connect(callback?: (err: Error | null, c?: pg.Client) => void): Promise<pg.Client> | void {
    const ready = super.connect().then(async () => {
      await this.query(`SET ROLE ${APP_ROLE}`);
      return this as pg.Client;
    });
    if (!callback) return ready;
    ready.then(
      (c) => callback(null, c),
      (err: Error) => callback(err),
    );
  }
}

interface QueryConfigLike {
  text?: string;
  name?: string;
  rowMode?: string;
  types?: unknown;
  values?: unknown[];
  submit?: unknown;
}

/**
 * The client a `db.scoped` transaction hands to its callback. With `begin` (BEGIN and the SET LOCAL scope
 * settings), the first query carries it in front of itself as one simple-protocol multi-statement query: one round
 * trip instead of two. The first statement's parameters are inlined as literals (inline.ts); its result is the last
 * of the multi-statement results. A transaction that runs no statement never begins (nor commits). Anything else
 * than a plain text query (a named statement, a stream) gets BEGIN on its own round trip first. `begin` null: the
 * transaction was begun already.
 * Queries are sent one after the other: one issued while another is in flight (a `Promise.all` over one
 * transaction) waits for it, instead of being queued inside node-postgres, which deprecates that (pg 9 refuses it).
 */
function transactionClient(
  client: pg.PoolClient,
  begin: string | null,
  prepareFirst = false,
): { client: pg.PoolClient; begun: () => boolean } {
  let begun = begin === null;
  let tail: Promise<void> = Promise.resolve(); // settles when the last query sent so far has answered
  let inFlight = 0;
  const send = client.query.bind(client) as (config: unknown, values?: unknown) => Promise<unknown>;
  const first = (config: unknown, values: unknown): Promise<unknown> => {
    const cfg: QueryConfigLike = typeof config === 'string' ? { text: config } : (config as QueryConfigLike);
    if (typeof cfg.text !== 'string' || cfg.name || cfg.submit) return send(begin).then(() => send(config, values));
    const params = (Array.isArray(values) ? values : cfg.values) as unknown[] | undefined;
    // A constant first statement is prepared once per connection (in front of the first query that runs it) and
    // executed by name: parsed and planned once, not on every transaction ("Prepared one-statement reads").
    const prep = prepareFirst ? preparedStatement(client, cfg.text) : null;
    const statement = prep
      ? `EXECUTE ${prep.name}${params && params.length > 0 ? `(${params.map(literal).join(', ')})` : ''}`
      : inlineParams(cfg.text, params);
    return send({
      text: `${prep?.prepare ? `${prep.prepare}; ` : ''}${begin}; ${statement}`,
      ...(cfg.rowMode ? { rowMode: cfg.rowMode } : {}),
      ...(cfg.types ? { types: cfg.types } : {}),
    }).then(
      (r: unknown) => {
        // an error in the statement skips the rest of the query: the transaction is left aborted, rolled back after
        if (prep) prep.ok();
        return Array.isArray(r) ? (r[r.length - 1] as unknown) : r;
      },
      (err: unknown) => {
        if (prep) prep.failed();
        throw err;
      },
    );
  };
  const query = (config: unknown, values?: unknown, callback?: unknown): Promise<unknown> => {
    if (typeof callback === 'function' || typeof values === 'function')
      throw new Error('db.scoped: callback-style queries are not supported on a transaction client');
    const isFirst = !begun;
    begun = true;
    const run = () => (isFirst ? first(config, values) : send(config, values));
    const p = inFlight === 0 ? run() : tail.then(run);
    inFlight++;
    const settled = p.then(
      () => {},
      () => {},
    );
    tail = settled;
    void settled.then(() => inFlight--);
    return p;
  };
  const wrapped = new Proxy(client, {
    get(target, prop, receiver) {
      if (prop === 'query') return query;
      const v = Reflect.get(target, prop, receiver) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  return { client: wrapped, begun: () => begun };
}

const dialect = new PgDialect();

/**
 * The executor of a `oneStatement` transaction: `execute` only (the query builder would hide how many statements it
 * sends). On every backend the same: a second statement, or anything but `execute`, is refused.
 */
function executeOnly(execute: (q: SQL) => Promise<unknown>): Executor {
  return new Proxy({} as Executor, {
    get: (_target, prop) => {
      if (prop === 'execute') return execute;
      if (typeof prop !== 'string' || prop === 'then') return undefined;
      throw new Error(`db.scoped({ oneStatement: true }) offers execute only, not ${prop}`);
    },
  });
}

const SECOND_STATEMENT = 'db.scoped({ oneStatement: true }) ran a second statement';

/** Refuses every statement after the first (`oneStatement`). */
function firstOnly(execute: (q: SQL) => Promise<unknown>): (q: SQL) => Promise<unknown> {
  let ran = false;
  return (q) => {
    if (ran) return Promise.reject(new Error(SECOND_STATEMENT));
    ran = true;
    return execute(q);
  };
}

/**
 * The executor of a `oneStatement` transaction on Citus: `execute` builds the
 * query with Drizzle's dialect and sends it on the transaction's client with Drizzle's raw-query typing (the same rows
 * as `drizzle(client).execute`, `one-statement.test.ts` compares them), without a Drizzle instance per transaction
 * and its session's wrappers (tracing spans, result cache, a type-parser closure per query).
 */
function leanExecutor(client: pg.PoolClient): Executor {
  return executeOnly(
    firstOnly((q: SQL) => {
      const { sql: text, params } = dialect.sqlToQuery(q);
      return client.query({ text, types: RAW_TYPES } as pg.QueryConfig, params);
    }),
  );
}

/**
 * The executor of a `oneStatement` transaction on PostgreSQL without Citus: its statement joins the next coalesced
 * message (coalesced-reads.ts) under this transaction's scope, sent outside the caller's async context (the batch
 * serves other requests too).
 */
function coalescedExecutor(reads: ReadCoalescer, scope: readonly string[], serial: boolean): Executor {
  return executeOnly(
    firstOnly((q: SQL) => {
      const { sql: text, params } = dialect.sqlToQuery(q);
      return held.exit(() => reads.read({ scope, text, params, serial }));
    }),
  );
}

/** PGlite's side of `oneStatement` (no round trips to save there): the same refusals. */
function oneStatementOnly(tx: Executor): Executor {
  return executeOnly(firstOnly((q: SQL) => tx.execute(q)));
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.url) {
    // Two pools: a small one as the connecting (owning) user for migrations and bootstrap, and the
    // application pool whose connections are switched to mwsp_app as soon as they open.
    const ownerPool = new pg.Pool({
      connectionString: opts.url,
      max: 2,
      connectionTimeoutMillis: 5000,
      idleTimeoutMillis: 30000,
    });
    const pool = new pg.Pool({
      connectionString: opts.url,
      max: opts.poolSize ?? 10,
      connectionTimeoutMillis: 5000,
      idleTimeoutMillis: 30000,
      Client: AppClient,
    });
    for (const p of [ownerPool, pool]) p.on('error', () => {}); // idle-client errors surface on the next query
    const app = drizzlePg(pool) as unknown as Executor;
    const reads = new ReadCoalescer(pool);
    const id = newDbId();
    let citus: Promise<boolean> | undefined;
    /** The answer once known: a scoped transaction then does not wait a turn of the event loop for it. */
    let citusKnown: boolean | undefined;
    const isCitus = () =>
      (citus ??= pool
        .query<{ c: boolean }>(`select exists (select 1 from pg_extension where extname = 'citus') as c`)
        .then((r) => (citusKnown = r.rows[0]?.c === true)) // no row (a proxy, a fake server): not Citus
        .catch((err: unknown) => {
          citus = undefined;
          throw err;
        }));
    return {
      kind: 'postgres',
      owner: guardOwner(id, drizzlePg(ownerPool) as unknown as Executor),
      pool,
      coalescedReads: reads.stats,
      inTransaction: () => !!heldBy(id),
      // BEGIN and the scope settings travel with the transaction's first statement, in one round trip (a simple
      // multi-statement query, its parameters inlined as literals: db/inline.ts); docs/REQUEST-PATH.md.
      scoped: (scope, fn, opts) =>
        acquire(
          id,
          'db.scoped',
          async () => {
            // On Citus a SET LOCAL is replayed on the workers as the whole text of its query: no statement may
            // share that text there, so BEGIN and the scope keep a round trip of their own.
            const merge = !(citusKnown ?? (await isCitus()));
            const h = held.getStore();
            if (h) h.citus = !merge;
            if (opts?.oneStatement && merge)
              return fn(coalescedExecutor(reads, scopeStatements(scope, false), !!opts.serial));
            const client = await pool.connect();
            const begin = ['BEGIN', ...scopeStatements(scope, false)].join('; ');
            const tx = transactionClient(client, merge ? begin : null, !!opts?.prepareFirst);
            let ok = false;
            try {
              if (!merge) await client.query(begin);
              const ex = opts?.oneStatement ? leanExecutor(tx.client) : (drizzlePg(tx.client) as unknown as Executor);
              // Hot statements prepared by their text per connection (prepared.ts; not on Citus: pglite-prepared.ts).
              if (merge && !opts?.oneStatement) registerPgExecutor(ex, tx.client, client, tx.begun);
              const result = await fn(ex);
              if (tx.begun()) await client.query('COMMIT');
              ok = true;
              return result;
            } finally {
              if (!ok && tx.begun()) await client.query('ROLLBACK').catch(() => {});
              client.release();
            }
          },
          scope,
        ),
      read: (q) => acquire(id, 'db.read', () => all(app, q)),
      copyIn: (table, columns, chunks) => acquire(id, 'db.copyIn', () => copyAsOwner(pool, table, columns, chunks)),
      execScript: (script) =>
        acquire(
          id,
          'db.execScript',
          async () => {
            await ownerPool.query(script);
          },
          undefined,
          true,
        ),
      onChange: (topic, listener) => onChange(id, topic, listener),
      close: async () => {
        openDbs.delete(id);
        await pool.end();
        await ownerPool.end();
      },
    };
  }
  let dir: string | undefined;
  if (opts.dataDir) {
    dir = path.join(opts.dataDir, 'pgdata');
    fs.mkdirSync(opts.dataDir, { recursive: true });
  }
  const client = new PGlite({
    ...(dir ? { dataDir: dir } : opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
    extensions: { pg_trgm },
  });
  await client.waitReady;
  const orm = drizzlePglite(client) as unknown as Executor;
  const id = newDbId();
  let copyTriggers = true;
  const transaction = <T>(scope: DbScope, fn: (tx: Executor) => Promise<T>, opts?: ScopedOptions) =>
    orm.transaction(async (tx) => {
      // One simple multi-statement query on PGlite's own transaction handle (Drizzle's session
      // client): as cheap as the single set_config was; five executes cost twice as much (SCALE.md).
      const handle = (tx as unknown as { session: { client: Pick<Transaction, 'exec'> } }).session.client;
      await handle.exec(scopeStatements(scope).join('; '));
      const ex = opts?.oneStatement ? oneStatementOnly(tx as unknown as Executor) : (tx as unknown as Executor);
      registerPgliteExecutor(ex, handle, client); // statements prepared by text (pglite-prepared.ts)
      return fn(ex);
    });
  return {
    kind: 'pglite',
    owner: guardOwner(id, orm),
    inTransaction: () => !!heldBy(id),
    scoped: (scope, fn, opts) => acquire(id, 'db.scoped', () => transaction(scope, fn, opts), scope),
    // In-process: a transaction costs no round trip here, and it gives the same role switch.
    read: (q) => acquire(id, 'db.read', () => transaction({ region: '' }, (tx) => all(tx, q))),
    copyIn: (table, columns, chunks) =>
      acquire(id, 'db.copyIn', async () => {
        // Session-level on the one connection, for this COPY only: nothing else runs while copyIn holds it.
        const replica = !copyTriggers;
        if (replica) await client.exec('SET session_replication_role = replica');
        try {
          for await (const chunk of chunks)
            if (chunk.length)
              await client.query(`COPY ${table} (${columns}) FROM '/dev/blob'`, [], { blob: new Blob([chunk]) });
        } finally {
          if (replica) await client.exec('RESET session_replication_role');
        }
      }),
    setCopyForeignKeyTriggers: (on) => {
      copyTriggers = on;
    },
    dumpDataDir: () => acquire(id, 'db.dumpDataDir', () => client.dumpDataDir('none'), undefined, true),
    execScript: (script) =>
      acquire(
        id,
        'db.execScript',
        async () => {
          await client.exec(script);
        },
        undefined,
        true,
      ),
    onChange: (topic, listener) => onChange(id, topic, listener),
    close: () => {
      openDbs.delete(id);
      return client.close();
    },
  };
}

/**
 * Drizzle's drivers hand timestamps of raw queries back as text. By convention every timestamp a
 * repository selects is aliased `…At`, `…Until` or `ts`; those become Date objects here. A calendar date under such
 * a name (a guarantee letter's `validUntil`, 保函有效期) stays the `YYYY-MM-DD` text the contracts expect: made a
 * Date, it failed the answer's schema (a 500 on the page of every project with a guarantee letter).
 */
const TIMESTAMP_FIELD = /(At|Until)$|^ts$/;
const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Column names that hold timestamps, by name (the names are the queries' own aliases: a bounded set). */
const timestampField = new Map<string, boolean>();
const isTimestampField = (k: string) => {
  let t = timestampField.get(k);
  if (t === undefined) {
    if (timestampField.size >= 4096) timestampField.clear(); // bounded, whatever a query names its columns
    timestampField.set(k, (t = TIMESTAMP_FIELD.test(k)));
  }
  return t;
};

function reviveTimestamps<T>(row: Record<string, unknown>): T {
  for (const k of Object.keys(row)) {
    const v = row[k];
    if (typeof v === 'string' && isTimestampField(k) && !CALENDAR_DATE.test(v)) row[k] = new Date(v);
  }
  return row as T;
}

/** Rows of a query. */
export async function all<T>(ex: Executor, q: SQL): Promise<T[]> {
  const r = (await ex.execute(q)) as unknown as { rows: Record<string, unknown>[] };
  return r.rows.map((row) => reviveTimestamps<T>(row));
}

/** First row of a query, or undefined. */
export async function one<T>(ex: Executor, q: SQL): Promise<T | undefined> {
  return (await all<T>(ex, q))[0];
}

/** Number of rows a statement affected. */
export async function run(ex: Executor, q: SQL): Promise<number> {
  const r = (await ex.execute(q)) as unknown as { rowCount?: number | null; affectedRows?: number };
  return r.rowCount ?? r.affectedRows ?? 0;
}

/**
 * Rows per multi-row INSERT with `columns` parameters each: PostgreSQL's wire protocol carries at most 65,535
 * parameters in one statement (PGlite fails beyond it too), so bulk inserts go in slices of at most 30,000.
 */
export function rowsPerStatement(columns: number): number {
  return Math.max(1, Math.floor(30_000 / columns));
}

/** `rows` in consecutive slices of at most `rowsPerStatement(columns)` rows. */
export function* statementSlices<T>(rows: readonly T[], columns: number): Generator<T[]> {
  const per = rowsPerStatement(columns);
  for (let i = 0; i < rows.length; i += per) yield rows.slice(i, i + per);
}

/** A text[] literal for a bound parameter (`${toPgArray(xs)}::text[]`): quotes and backslashes escaped. */
export function toPgArray(values: string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}

/** SQLSTATE of a database error; Drizzle wraps the driver's error as `cause`. */
export function pgErrorCode(err: unknown): string | undefined {
  for (
    let e = err as { code?: unknown; cause?: unknown } | undefined, i = 0;
    e && i < 5;
    e = e.cause as typeof e, i++
  ) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  }
  return undefined;
}

/** Message of the innermost database error (for logs and tests). */
export function pgErrorMessage(err: unknown): string {
  let e = err as { message?: string; cause?: unknown } | undefined;
  while (e?.cause) e = e.cause as typeof e;
  return e?.message ?? String(err);
}

/** A server setting as `SHOW <name>` reports it (e.g. fsync = 'on'); names are ours, never user input. */
export async function serverSetting(
  db: Database,
  name: 'fsync' | 'synchronous_commit' | 'full_page_writes',
): Promise<string> {
  const [row] = await all<Record<string, string>>(db.owner, sql.raw(`show ${name}`));
  return Object.values(row)[0];
}
