import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CONTROL_CHARS, CONTROL_CHARS_MESSAGE } from '@mwsp/domain';
import { HttpError } from './errors.js';
import { problemBody } from './problem.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Milliseconds this route may take before the server answers 503 itself (default
     * DEFAULT_DEADLINE_MS, at most LONG_DEADLINE_MS). Multipart uploads have none: the socket-level
     * request timeout bounds them, and the handler answers as soon as the body ends.
     */
    deadlineMs?: number;
  }
}

/** Default per-request deadline: far above any normal request, short enough that nobody waits forever. */
export const DEFAULT_DEADLINE_MS = 60_000;
/** Longest route deadline (full warning scan, audit chain verification). */
export const LONG_DEADLINE_MS = 10 * 60_000;

/**
 * Socket-level limits handed to Fastify. `requestTimeout`: the whole request (headers and body) must
 * arrive within it — generous, a 200 MB upload over a slow link must fit. `connectionTimeout`: an
 * inactive socket is closed; above the longest deadline, so a long computation is not cut.
 * Node's own `headersTimeout` (60 s) bounds slow headers.
 */
export const SERVER_TIMEOUTS = {
  requestTimeout: 30 * 60_000,
  connectionTimeout: LONG_DEADLINE_MS + 60_000,
} as const;

const PROBLEM = 'application/problem+json; charset=utf-8';

function sendProblem(reply: FastifyReply, status: number, code: string, detail: string): FastifyReply {
  return reply
    .status(status)
    .type(PROBLEM)
    .header('cache-control', 'no-store')
    .send(problemBody(status, code, detail));
}

/**
 * The deadline: if nothing has been sent when it passes, the server answers 503 problem+json itself
 * (the handler's late result is then dropped with a warning). A response already streaming is left
 * alone. The first onRequest hook, so authentication and every later step are inside it.
 */
export function installDeadline(app: FastifyInstance, defaultMs = DEFAULT_DEADLINE_MS): void {
  app.addHook('onRequest', (req, reply, done) => {
    const configured = req.routeOptions.config?.deadlineMs;
    const ms = Math.min(configured ?? defaultMs, Math.max(defaultMs, LONG_DEADLINE_MS));
    const multipart = /^multipart\//i.test(req.headers['content-type'] ?? '');
    if (!req.routeOptions.url || multipart || !(ms > 0)) return done();
    const timer = setTimeout(() => {
      if (reply.sent || reply.raw.headersSent) return;
      req.log.error({ url: req.url, deadlineMs: ms }, 'request deadline passed; answered 503');
      sendProblem(
        reply,
        503,
        'TIMEOUT',
        `服务器在 ${Math.round(ms / 1000)} 秒内未能完成处理，请稍后重试；如持续出现请联系系统管理员`,
      );
    }, ms);
    timer.unref();
    // 'close' follows 'finish' on a completed answer and also comes when the connection is lost first
    reply.raw.once('close', () => clearTimeout(timer));
    done();
  });
}

/** Where a control character was found, e.g. `body.items.0.name`, or null. */
export function findControlChars(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return CONTROL_CHARS.test(value) ? path : null;
  if (value === null || typeof value !== 'object' || depth > 32) return null;
  if (Buffer.isBuffer(value)) return null;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const at = `${path}.${k}`;
    if (CONTROL_CHARS.test(k)) return at;
    const found = findControlChars(v, at, depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * One guard for every route: C0 control characters (NUL included; tab, CR and LF allowed) in the
 * query, the path parameters or a JSON body are refused with 400 before validation — PostgreSQL
 * cannot store a NUL, and no field of this API has a use for the others.
 */
export function installInputGuard(app: FastifyInstance): void {
  // a callback hook: no promise per request
  app.addHook('preValidation', (req: FastifyRequest, _reply, done) => {
    const where =
      findControlChars(req.params, 'params') ??
      findControlChars(req.query, 'query') ??
      findControlChars(req.body, 'body');
    if (!where) return done();
    const path = where.replace(/^(params|query|body)\.?/, '');
    const part = where.startsWith('params') ? '路径参数' : where.startsWith('query') ? '查询参数' : '请求内容';
    done(
      new HttpError(400, 'CONTROL_CHARACTER', `${part}${path ? ` ${path} ` : ''}${CONTROL_CHARS_MESSAGE}`, [
        { path, message: CONTROL_CHARS_MESSAGE },
      ]),
    );
  });
}

/** Errors Fastify's router raises before a route is found (bad percent-encoding, over-long parameter). */
export function frameworkErrors(error: FastifyError, _req: FastifyRequest, reply: FastifyReply): void {
  if (error.code === 'FST_ERR_BAD_URL') {
    sendProblem(reply, 400, 'BAD_URL', '请求地址包含无效的百分号编码');
  } else if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    sendProblem(reply, 414, 'PARAM_TOO_LONG', '请求地址中的路径参数过长');
  } else {
    sendProblem(reply, 400, 'BAD_REQUEST', '请求无效');
  }
}

const CLIENT_ERRORS: Record<string, [number, string, string, string]> = {
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout', 'REQUEST_TIMEOUT', '请求未在规定时间内发送完毕'],
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large', 'HEADERS_TOO_LARGE', '请求头过大'],
  HPE_CHUNK_EXTENSIONS_OVERFLOW: [413, 'Payload Too Large', 'BODY_TOO_LARGE', '请求体分块扩展过大'],
};

/**
 * Node's `clientError` (malformed HTTP, headers too large, request timeout): the connection is
 * answered with a problem+json document and closed, instead of Fastify's default English JSON.
 */
export function clientErrorHandler(err: Error & { code?: string }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, reason, code, detail] = CLIENT_ERRORS[err.code ?? ''] ?? [
    400,
    'Bad Request',
    'BAD_HTTP',
    '请求不符合 HTTP 协议格式',
  ];
  const body = JSON.stringify(problemBody(status, code, detail));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: ${PROBLEM}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Cache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}

/**
 * The headers a connect-style middleware sets, run once against a recording response. Refuses a middleware that
 * reads the request, answers asynchronously or sets a header per request (nothing of helmet's configuration above).
 */
export function staticHeaders(
  middleware: (req: never, res: never, next: (err?: unknown) => void) => void,
): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: unknown) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  const req = new Proxy(
    {},
    {
      get: () => {
        throw new Error('staticHeaders: the middleware reads the request; its headers are not static');
      },
    },
  );
  let done = false;
  middleware(req as never, res as never, (err) => {
    if (err) throw err instanceof Error ? err : new Error(String(err));
    done = true;
  });
  if (!done) throw new Error('staticHeaders: the middleware did not finish synchronously');
  return Object.freeze(headers) as Record<string, string>;
}
