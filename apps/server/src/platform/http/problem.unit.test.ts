// The problem handler's answer to a database that cannot be reached: 503, Retry-After, a Chinese
// problem+json, an operational log line without query text, parameters or stack; other database errors
// keep their answers. The error objects have the shapes the app sees: pg's DatabaseError with the fields
// pg-protocol's parser sets, wrapped by Drizzle (DrizzleQueryError) and, for an audit write, by
// AuditWriteError (db/unavailable.unit.test.ts produces the same shapes from a live connection).
import { Writable } from 'node:stream';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditWriteError } from '../audit/audit.js';
import { DB_UNAVAILABLE_DETAIL, DB_UNAVAILABLE_RETRY_AFTER_SECONDS, installProblemHandler } from './problem.js';

/** A DatabaseError as pg-protocol's parseErrorMessage builds it from an ErrorResponse. */
function dbError(code: string, message: string, more: { where?: string; severity?: string } = {}): pg.DatabaseError {
  const e = new pg.DatabaseError(message, 120, 'error');
  e.severity = more.severity ?? 'ERROR';
  e.code = code;
  e.where = more.where;
  e.file = 'remote_commands.c';
  e.line = '319';
  e.routine = 'ReportResultError';
  return e;
}

/** Drizzle's wrapper: its message holds the query and the parameters (here an ID number). */
const ID_NUMBER = '53010219900307123X';
const inQuery = (cause: Error) =>
  new DrizzleQueryError('insert into workers (id_number) values ($1)', [ID_NUMBER], cause);

const refused = () =>
  dbError(
    '08006',
    'connection to the remote node mwsp_app@127.0.0.1:43331 failed with the following error: Connection refused',
  );

let app: FastifyInstance | undefined;
let logLines: Record<string, unknown>[] = [];

async function answerTo(err: unknown) {
  logLines = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean))
        logLines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  app = Fastify({ logger: { level: 'info', stream } });
  installProblemHandler(app);
  app.get('/api/x', () => Promise.reject(err as Error));
  await app.ready();
  return app.inject({ method: 'GET', url: '/api/x' });
}

afterEach(async () => {
  await app?.close();
  app = undefined;
});

const UNAVAILABLE = {
  type: 'https://mwsp.gov.cn/problems/db_unavailable',
  title: '服务暂不可用',
  status: 503,
  code: 'DB_UNAVAILABLE',
  detail: DB_UNAVAILABLE_DETAIL,
};

describe('a database that cannot be reached answers 503, never 500', () => {
  it.each([
    ['a Citus worker refused (08006), in a query', inQuery(refused())],
    [
      'a cached worker connection found dead (XX000)',
      inQuery(dbError('XX000', 'failure on connection marked as essential: 127.0.0.1:43331')),
    ],
    [
      'a worker lost before COMMIT (XX000, relayed libpq text)',
      dbError('XX000', 'SSL SYSCALL error: EOF detected\ninvalid socket', {
        where: 'while executing command on 127.0.0.1:43331',
      }),
    ],
    [
      'the server shutting down (57P01)',
      inQuery(dbError('57P01', 'terminating connection due to administrator command', { severity: 'FATAL' })),
    ],
    [
      'the server crashed (57P02)',
      inQuery(dbError('57P02', 'terminating connection because of crash of another server process')),
    ],
    ['the server starting up (57P03)', dbError('57P03', 'the database system is starting up', { severity: 'FATAL' })],
    ['too many connections (53300)', dbError('53300', 'sorry, too many clients already', { severity: 'FATAL' })],
    [
      'the pool cannot connect (ECONNREFUSED)',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
        code: 'ECONNREFUSED',
        errno: -111,
        syscall: 'connect',
        address: '127.0.0.1',
        port: 5432,
      }),
    ],
    ['the connection dropped', inQuery(new Error('Connection terminated unexpectedly'))],
    ['the pool timed out connecting', new Error('timeout exceeded when trying to connect')],
    ['the audit write lost the node (AuditWriteError)', new AuditWriteError(inQuery(refused()))],
  ])('%s', async (_what, err) => {
    const r = await answerTo(err);
    expect(r.statusCode).toBe(503);
    expect(r.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(r.headers['retry-after']).toBe(String(DB_UNAVAILABLE_RETRY_AFTER_SECONDS));
    expect(r.json()).toEqual(UNAVAILABLE);

    // logged once, as an operational error, without the query, its parameters or a stack
    const logged = logLines.filter((l) => l.level === 50);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ operational: true, msg: 'database unavailable, request not executed' });
    expect(logged[0].db).toMatchObject({ code: expect.any(String) as string, message: expect.any(String) as string });
    const text = JSON.stringify(logLines);
    expect(text).not.toContain(ID_NUMBER);
    expect(text).not.toContain('insert into');
    expect(text).not.toContain('"stack"');
  });
});

describe('other database errors keep their answers', () => {
  it('a unique violation is still 409, a bad value 400', async () => {
    expect((await answerTo(inQuery(dbError('23505', 'duplicate key value')))).statusCode).toBe(409);
    expect((await answerTo(inQuery(dbError('22P02', 'invalid input syntax')))).statusCode).toBe(400);
  });

  it('an internal error that is not a lost node is a 500 without Retry-After', async () => {
    for (const err of [
      inQuery(dbError('XX000', 'cache lookup failed for type 0', { where: 'while executing command on 127.0.0.1:1' })),
      inQuery(dbError('0A000', 'functions used in the DO UPDATE SET clause … must be marked IMMUTABLE')),
      new Error('Query read timeout'),
    ]) {
      const r = await answerTo(err);
      expect(r.statusCode).toBe(500);
      expect(r.headers['retry-after']).toBeUndefined();
      expect(r.json()).toMatchObject({ code: 'INTERNAL' });
    }
  });

  it('an audit write failing for another reason stays the audit 503', async () => {
    const r = await answerTo(new AuditWriteError(inQuery(dbError('42501', 'permission denied for table audit_log'))));
    expect(r.statusCode).toBe(503);
    expect(r.json()).toMatchObject({ code: 'UNAVAILABLE', detail: '审计日志暂时无法写入，操作未执行，请稍后重试' });
  });
});
