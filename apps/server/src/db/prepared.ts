import pg from 'pg';

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
