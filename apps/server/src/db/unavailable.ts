/**
 * Is this error the database being unreachable (a node down, restarting, out of connections, the
 * connection lost) rather than the request or the code being wrong? Such a request did nothing (its
 * transaction was rolled back or never began) and may be retried once the node is back: the HTTP
 * layer answers 503 with Retry-After (platform/http/problem.ts), never 500.
 *
 * Recognised, anywhere in the `cause` chain (Drizzle wraps the driver's error) or in an
 * AggregateError's `errors` (Node's connect to several addresses):
 * - PostgreSQL SQLSTATEs (pg's DatabaseError `code`): class 08 (connection exception; Citus raises
 *   08006 "connection to the remote node user@host:port failed …" when a worker cannot be reached,
 *   "could not establish any connections to the node …", "connection establishment for node … failed"),
 *   57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up, in recovery;
 *   Citus forwards a worker's), 53300 too_many_connections.
 * - Citus' errors without a SQLSTATE of their own (XX000) when a worker is lost inside a transaction:
 *   "failure on connection marked as essential: host:port" (a cached connection found dead),
 *   "could not connect to any active placements" (COPY), and libpq's own text for a lost connection
 *   ("server closed the connection unexpectedly", "SSL SYSCALL error: EOF detected", …) that Citus
 *   reports as XX000 with the context "while executing command on host:port" (e.g. at COMMIT, when
 *   the node died in the middle of the transaction; measured, tools/test/citus-node-down.citus.test.ts).
 * - node-postgres / pg-pool errors without a SQLSTATE: socket errors (ECONNREFUSED, ECONNRESET,
 *   ETIMEDOUT, EPIPE, EHOSTUNREACH, ENETUNREACH, EAI_AGAIN, ENOTFOUND) and the driver's own
 *   "Connection terminated unexpectedly", "Connection terminated due to connection timeout",
 *   "timeout exceeded when trying to connect", "… is not queryable", "Cannot use a pool after calling end".
 */

/** What was recognised: for the operational log, holds no query text, parameters or row data. */
export interface Unavailability {
  /** The SQLSTATE, the socket error code, or 'CONNECTION' for the driver's own messages. */
  code: string;
  /** The recognised error's own message (the server's or the driver's, never Drizzle's query text). */
  message: string;
}

const SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ENOTFOUND',
]);
/** Citus' "a worker is gone" errors raised with the default SQLSTATE XX000 (13.2 source). */
const CITUS_INTERNAL = [/^failure on connection marked as essential: /, /^could not connect to any active placements/];
/** Citus' context of a worker's answer it relays (ReportResultError, remote_commands.c). */
const CITUS_REMOTE_CONTEXT = /(^|\n)while executing command on \S+:\d+$/;
/** libpq's messages (PQerrorMessage) for a connection lost or never there; relayed by Citus as XX000. */
const LIBPQ_LOST = [
  /server closed the connection unexpectedly/,
  /SSL SYSCALL error/,
  /SSL connection has been closed unexpectedly/,
  /could not (receive data from|send data to) server/,
  /no connection to the server/,
  /^connection not open$/,
  /^invalid socket$/m,
];
/** node-postgres 8 and pg-pool 3 messages for a lost or impossible connection. */
const DRIVER_MESSAGES = [
  /^Connection terminated( unexpectedly| due to connection timeout)?$/,
  /^timeout exceeded when trying to connect$/,
  /^timeout expired$/,
  /^Client has encountered a connection error and is not queryable$/,
  /^Client was closed and is not queryable$/,
  /^Cannot use a pool after calling end on the pool$/,
];

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  /** pg's DatabaseError: the error's context (PG_DIAG_CONTEXT) */
  where?: unknown;
  cause?: unknown;
  errors?: unknown;
}

function classifyOne(e: ErrorLike): Unavailability | null {
  const code = typeof e.code === 'string' ? e.code : '';
  const message = typeof e.message === 'string' ? e.message : '';
  // a PostgreSQL SQLSTATE is five digits or capitals; socket codes are longer ('EPIPE' is both: checked below)
  if (/^08[0-9A-Z]{3}$/.test(code) || SQLSTATES.has(code)) return { code, message };
  if (code === 'XX000' && CITUS_INTERNAL.some((re) => re.test(message))) return { code, message };
  const where = typeof e.where === 'string' ? e.where : '';
  if (code === 'XX000' && CITUS_REMOTE_CONTEXT.test(where) && LIBPQ_LOST.some((re) => re.test(message))) {
    return { code, message };
  }
  if (SOCKET_CODES.has(code)) return { code, message };
  if (!code && e instanceof Error && DRIVER_MESSAGES.some((re) => re.test(message))) {
    return { code: 'CONNECTION', message };
  }
  return null;
}

/** The unavailability this error reports, or null when it is some other error. */
export function databaseUnavailable(err: unknown): Unavailability | null {
  const queue: unknown[] = [err];
  // bounded: a cause chain or an AggregateError of a handful of addresses, never a cycle
  for (let seen = 0; queue.length > 0 && seen < 16; seen++) {
    const e = queue.shift();
    if (!e || typeof e !== 'object') continue;
    const found = classifyOne(e as ErrorLike);
    if (found) return { code: found.code, message: found.message.slice(0, 300) };
    const { cause, errors } = e as ErrorLike;
    if (cause) queue.push(cause);
    if (Array.isArray(errors)) queue.push(...(errors as unknown[]));
  }
  return null;
}
