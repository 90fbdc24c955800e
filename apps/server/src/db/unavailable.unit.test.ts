// The errors are real: node-postgres' own, produced by connecting to a closed port or to a minimal
// PostgreSQL wire-protocol server in this file that answers what a down, starting or full server (or a
// Citus coordinator that lost a worker) answers; through openDatabase, db.scoped and Drizzle where the
// app's requests go, so the cause chain is the one the HTTP layer sees.
import net from 'node:net';
import { sql } from 'drizzle-orm';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './client.js';
import { databaseUnavailable } from './unavailable.js';

type Fields = Record<string, string>;

/** A backend message: type byte, int32 length (itself included), body. */
function message(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

/** ErrorResponse: S(everity), C(ode), M(essage), W(here) … each a NUL-terminated string, then NUL. */
function errorResponse(fields: Fields): Buffer {
  const parts = Object.entries(fields).map(([k, v]) => Buffer.from(`${k}${v}\0`, 'utf8'));
  return message('E', Buffer.concat([...parts, Buffer.from([0])]));
}
const int32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};
const authOk = message('R', int32(0));
const ready = message('Z', Buffer.from('I'));
const commandComplete = (tag: string) => message('C', Buffer.from(`${tag}\0`));

interface FakeServer {
  url: string;
  close(): Promise<void>;
}

/**
 * A PostgreSQL server that does one thing:
 * - 'refuse-startup': answers the startup packet with a FATAL error (`fields`), as a server that is
 *   starting up (57P03) or full (53300) does;
 * - 'hang-up': closes the socket as soon as the client connects (the server died);
 * - 'fail-query': accepts the session, answers every statement, and any query containing `boom`
 *   (simple or extended protocol) with the error `fields`, as a Citus coordinator relays a lost worker.
 */
async function fakeServer(mode: 'refuse-startup' | 'hang-up' | 'fail-query', fields: Fields = {}): Promise<FakeServer> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    if (mode === 'hang-up') {
      socket.destroy();
      return;
    }
    let buf = Buffer.alloc(0);
    let started = false;
    let failing = false;
    socket.on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      for (;;) {
        if (!started) {
          if (buf.length < 4 || buf.length < buf.readInt32BE(0)) return;
          buf = buf.subarray(buf.readInt32BE(0));
          started = true;
          if (mode === 'refuse-startup') {
            socket.end(errorResponse({ S: 'FATAL', V: 'FATAL', ...fields }));
            return;
          }
          socket.write(Buffer.concat([authOk, ready]));
          continue;
        }
        if (buf.length < 5 || buf.length < 1 + buf.readInt32BE(1)) return;
        const type = String.fromCharCode(buf[0]);
        const body = buf.subarray(5, 1 + buf.readInt32BE(1));
        buf = buf.subarray(1 + buf.readInt32BE(1));
        const text = body.toString('utf8');
        if (type === 'X') {
          socket.end();
          return;
        }
        if (type === 'Q') {
          const reply = text.includes('boom')
            ? errorResponse({ S: 'ERROR', V: 'ERROR', ...fields })
            : commandComplete('SET');
          socket.write(Buffer.concat([reply, ready]));
        } else if (type === 'P' && text.includes('boom')) {
          failing = true;
        } else if (type === 'S') {
          // extended protocol: the whole batch answered at Sync
          const reply = failing
            ? errorResponse({ S: 'ERROR', V: 'ERROR', ...fields })
            : Buffer.concat([
                message('1', Buffer.alloc(0)),
                message('2', Buffer.alloc(0)),
                commandComplete('SELECT 0'),
              ]);
          failing = false;
          socket.write(Buffer.concat([reply, ready]));
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/mwsp`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on (it was free a moment ago). */
async function closedPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

/** The error a client connect rejects with. */
async function connectError(url: string): Promise<unknown> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  client.on('error', () => {});
  return client.connect().then(
    () => {
      void client.end();
      throw new Error('connected');
    },
    (err: unknown) => err,
  );
}

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function serve(mode: Parameters<typeof fakeServer>[0], fields?: Fields): Promise<string> {
  const s = await fakeServer(mode, fields);
  cleanup.push(() => s.close());
  return s.url;
}

async function open(url: string): Promise<Database> {
  const db = await openDatabase({ url, poolSize: 1 });
  cleanup.push(() => db.close());
  return db;
}

/** The error a request's transaction fails with (db.scoped + Drizzle, as the services call it). */
async function scopedError(db: Database, statement = sql`select ${'boom'}::text as x, 'boom'`): Promise<unknown> {
  return db
    .scoped({ region: '5301' }, (tx) => tx.execute(statement))
    .then(
      () => {
        throw new Error('succeeded');
      },
      (err: unknown) => err,
    );
}

const CITUS_REFUSED =
  'connection to the remote node mwsp_app@127.0.0.1:43331 failed with the following error: Connection refused\n' +
  '\tIs the server running on that host and accepting TCP/IP connections?';

describe('databaseUnavailable: the database cannot be reached', () => {
  it('connection refused (nothing listens): the socket error, also through the pool and db.scoped', async () => {
    const url = `postgres://postgres@127.0.0.1:${await closedPort()}/mwsp`;
    const direct = await connectError(url);
    expect(direct).toMatchObject({ code: 'ECONNREFUSED' });
    expect(databaseUnavailable(direct)).toMatchObject({ code: 'ECONNREFUSED' });
    const viaPool = await scopedError(await open(url));
    expect(databaseUnavailable(viaPool)).toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('the server hangs up: "Connection terminated unexpectedly"', async () => {
    const err = await connectError(await serve('hang-up'));
    expect((err as Error).message).toBe('Connection terminated unexpectedly');
    expect(databaseUnavailable(err)).toEqual({ code: 'CONNECTION', message: 'Connection terminated unexpectedly' });
    expect(databaseUnavailable(await scopedError(await open(await serve('hang-up'))))).toMatchObject({
      code: 'CONNECTION',
    });
  });

  it.each([
    ['57P03', 'the database system is starting up'],
    ['57P03', 'the database system is in recovery mode'],
    ['53300', 'sorry, too many clients already'],
    ['57P01', 'terminating connection due to administrator command'],
  ])('the server refuses the session: %s %s (pg DatabaseError)', async (code, text) => {
    const err = await connectError(await serve('refuse-startup', { C: code, M: text }));
    expect(err).toBeInstanceOf(pg.DatabaseError);
    expect(err).toMatchObject({ code, severity: 'FATAL', message: text });
    expect(databaseUnavailable(err)).toEqual({ code, message: text });
  });

  it.each([
    ['08006', CITUS_REFUSED, undefined],
    ['08001', 'could not establish any connections to the node 127.0.0.1:43331 after 30000 ms', undefined],
    ['XX000', 'failure on connection marked as essential: 127.0.0.1:43331', undefined],
    ['XX000', 'could not connect to any active placements', undefined],
    ['XX000', 'SSL SYSCALL error: EOF detected\ninvalid socket', 'while executing command on 127.0.0.1:43331'],
    [
      'XX000',
      'server closed the connection unexpectedly\n\tThis probably means the server terminated abnormally',
      'while executing command on 127.0.0.1:43331',
    ],
    ['57P01', 'terminating connection due to administrator command', 'while executing command on 127.0.0.1:43331'],
    ['57P02', 'terminating connection because of crash of another server process', undefined],
  ])('a statement fails on a lost Citus worker: %s %s', async (code, text, where) => {
    const url = await serve('fail-query', { C: code, M: text, ...(where ? { W: where } : {}) });
    const err = await scopedError(await open(url));
    // Drizzle wraps the driver's error: its message carries the query and its parameters
    expect(err).toBeInstanceOf(DrizzleQueryError);
    expect((err as Error).cause).toBeInstanceOf(pg.DatabaseError);
    expect((err as Error).cause).toMatchObject({ code, message: text, ...(where ? { where } : {}) });
    const found = databaseUnavailable(err);
    expect(found).toEqual({ code, message: text });
    expect(JSON.stringify(found)).not.toContain('boom'); // neither query text nor parameters
  });
});

describe('databaseUnavailable: other errors are not unavailability', () => {
  it.each([
    ['23505', 'duplicate key value violates unique constraint "workers_pkey"', undefined],
    ['42P01', 'relation "nothing" does not exist', undefined],
    [
      '0A000',
      'functions used in the DO UPDATE SET clause of INSERTs on distributed tables must be marked IMMUTABLE',
      undefined,
    ],
    ['XX000', 'could not find shard placement', undefined],
    // a worker's own internal error relayed by Citus is a bug, not an outage
    ['XX000', 'cache lookup failed for type 0', 'while executing command on 127.0.0.1:43331'],
    // libpq-like words without Citus' relay context
    ['XX000', 'server closed the connection unexpectedly', undefined],
  ])('%s %s', async (code, text, where) => {
    const url = await serve('fail-query', { C: code, M: text, ...(where ? { W: where } : {}) });
    const err = await scopedError(await open(url));
    expect((err as Error).cause).toMatchObject({ code });
    expect(databaseUnavailable(err)).toBeNull();
  });

  it('plain errors, HTTP errors and non-errors', () => {
    expect(databaseUnavailable(new Error('boom'))).toBeNull();
    expect(databaseUnavailable(Object.assign(new Error('记录不存在'), { code: 'NOT_FOUND' }))).toBeNull();
    expect(databaseUnavailable(Object.assign(new Error('x'), { code: 'ERR_INVALID_ARG_TYPE' }))).toBeNull();
    expect(databaseUnavailable(undefined)).toBeNull();
    expect(databaseUnavailable('Connection terminated unexpectedly')).toBeNull();
    // the driver's words are recognised on an Error without a code only
    expect(databaseUnavailable({ message: 'Connection terminated unexpectedly' })).toBeNull();
  });

  it('looks through causes and AggregateErrors, boundedly (a cycle ends)', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED ::1:5432'), { code: 'ECONNREFUSED' });
    const aggregate = new AggregateError([new Error('other'), refused], '');
    expect(databaseUnavailable(new Error('outer', { cause: aggregate }))).toMatchObject({ code: 'ECONNREFUSED' });
    const a = new Error('a') as Error & { cause?: unknown };
    const b = new Error('b', { cause: a });
    a.cause = b;
    expect(databaseUnavailable(a)).toBeNull();
  });
});
