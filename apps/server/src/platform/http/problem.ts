import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AuditWriteError } from '../audit/audit.js';
import { IntegrityError } from '../crypto/index.js';
import { problemSchema } from '@mwsp/domain';
import { HttpError } from './errors.js';
import { pgErrorCode } from '../../db/client.js';
import { databaseUnavailable } from '../../db/unavailable.js';

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: { path: string; message: string }[];
}

const TITLES: Record<number, string> = {
  400: '请求无效',
  401: '未认证',
  403: '禁止访问',
  404: '未找到',
  405: '方法不允许',
  406: '不可接受',
  409: '冲突',
  413: '请求体过大',
  415: '不支持的媒体类型',
  423: '已锁定',
  429: '请求过于频繁',
  408: '请求超时',
  414: '请求地址过长',
  431: '请求头过大',
  500: '服务器内部错误',
  503: '服务暂不可用',
};

function problem(status: number, code: string, detail: string, errors?: Problem['errors']): Problem {
  return {
    type: `https://mwsp.gov.cn/problems/${code.toLowerCase()}`,
    title: TITLES[status] ?? '错误',
    status,
    detail,
    code,
    ...(errors ? { errors } : {}),
  };
}

/** PostgreSQL error codes that mean the request was wrong, not the server. */
const PG_CLIENT_ERRORS: Record<string, [number, string, string]> = {
  '23505': [409, 'CONFLICT', '记录已存在（唯一性冲突）'],
  '23503': [400, 'BAD_REFERENCE', '引用的记录不存在'],
  '23514': [400, 'CHECK_VIOLATION', '数据不符合约束'],
  '22P02': [400, 'BAD_VALUE', '参数格式不正确'],
  '22001': [400, 'VALUE_TOO_LONG', '内容过长'],
  // Data exceptions the route schemas should already refuse; a safety net, logged as a warning.
  '22003': [400, 'OUT_OF_RANGE', '数值超出允许范围'],
  '22007': [400, 'BAD_DATE', '日期或时间格式不正确'],
  '22008': [400, 'BAD_DATE', '日期或时间不存在或超出范围'],
  '22021': [400, 'CONTROL_CHARACTER', '内容包含无法保存的字符（如 NUL 控制字符）'],
  '22P05': [400, 'CONTROL_CHARACTER', '内容包含无法保存的字符（如 NUL 控制字符）'],
  '2201W': [400, 'BAD_VALUE', '分页参数不正确'],
  '2201X': [400, 'BAD_VALUE', '分页参数不正确'],
};

/**
 * The database (or a Citus worker node) cannot be reached: the request did nothing (its transaction
 * rolled back or never began) and may be sent again once the node is back.
 */
export const DB_UNAVAILABLE_DETAIL = '数据库节点暂时不可用，操作未执行，请稍后重试';
/** Seconds a client should wait before retrying after a database outage (the Retry-After header). */
export const DB_UNAVAILABLE_RETRY_AFTER_SECONDS = 10;

/** Fastify's own client errors, with a Chinese detail each. */
const FASTIFY_ERRORS: Record<string, [number, string, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'INVALID_JSON', '请求体不是有效的 JSON'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'EMPTY_BODY', '请求体不能为空'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'BODY_TOO_LARGE', '请求体过大'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'UNSUPPORTED_MEDIA_TYPE', '不支持的内容类型，请使用 application/json'],
  FST_ERR_CTP_INVALID_TYPE: [415, 'UNSUPPORTED_MEDIA_TYPE', '请求的内容类型（Content-Type）无效'],
  FST_ERR_CTP_EMPTY_TYPE: [415, 'UNSUPPORTED_MEDIA_TYPE', '请求缺少内容类型（Content-Type）'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'BAD_CONTENT_LENGTH', '请求体长度与 Content-Length 不符'],
  FST_ERR_BAD_URL: [400, 'BAD_URL', '请求地址包含无效的百分号编码'],
  FST_ERR_MAX_PARAM_LENGTH: [414, 'PARAM_TOO_LONG', '请求地址中的路径参数过长'],
  FST_ERR_VALIDATION: [400, 'VALIDATION', '请求校验失败'],
  FST_ERR_HANDLER_TIMEOUT: [503, 'TIMEOUT', '服务器未能在规定时间内完成处理，请稍后重试'],
};

/**
 * Every API route documents its errors: 4XX and 5XX answer problem+json (the OpenAPI file says so
 * for each operation; routes declare only their success bodies).
 */
export function declareProblemResponses(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || (route.schema as { hide?: boolean } | undefined)?.hide) return;
    const schema = (route.schema ?? {}) as { response?: Record<string, unknown> };
    route.schema = { ...schema, response: { '4XX': problemSchema, '5XX': problemSchema, ...(schema.response ?? {}) } };
  });
}

/** Every error leaves as RFC 9457 application/problem+json with a Chinese detail; no stack traces. */
export function installProblemHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError & { cause?: unknown }, req, reply) => {
    let p: Problem;
    let headers: Record<string, string> | undefined;
    const down = databaseUnavailable(err);
    if (err instanceof HttpError) {
      p = { ...problem(err.status, err.code, err.detail, err.fieldErrors), ...(err.extra ?? {}) };
      headers = err.headers;
    } else if (hasZodFastifySchemaValidationErrors(err)) {
      const where =
        err.validationContext === 'querystring'
          ? '查询参数'
          : err.validationContext === 'params'
            ? '路径参数'
            : '请求内容';
      const errors = err.validation.map((v) => {
        const params = v.params as { keys?: string[] };
        const unknownKeys = v.keyword === 'unrecognized_keys' ? (params.keys ?? []) : null;
        return {
          path: v.instancePath.replace(/^\//, '').replace(/\//g, '.') || (unknownKeys ? unknownKeys.join(',') : ''),
          message: unknownKeys ? `不允许的字段：${unknownKeys.join('、')}` : (v.message ?? '格式不正确'),
        };
      });
      p = problem(
        400,
        'VALIDATION',
        `${where}校验失败：${errors.map((e) => (e.path ? `${e.path} ${e.message}` : e.message)).join('；')}`,
        errors,
      );
    } else if (down) {
      // Operational, not a bug: no stack, no query text or parameters (Drizzle's message holds both).
      req.log.error({ operational: true, db: down }, 'database unavailable, request not executed');
      p = problem(503, 'DB_UNAVAILABLE', DB_UNAVAILABLE_DETAIL);
      headers = { 'retry-after': String(DB_UNAVAILABLE_RETRY_AFTER_SECONDS) };
    } else if (err instanceof AuditWriteError && ['22021', '22P05'].includes(pgErrorCode(err.cause) ?? '')) {
      // The request carried text the audit entry cannot hold: the client's fault, nothing was done.
      req.log.warn({ err: err.cause?.message }, 'audit entry refused the request text');
      p = problem(400, 'CONTROL_CHARACTER', '内容包含无法保存的字符（如 NUL 控制字符），操作未执行');
    } else if (err instanceof AuditWriteError) {
      req.log.error({ err: err.cause?.message }, 'audit write failed');
      const h = err.toHttp();
      p = problem(h.status, h.code, h.detail);
    } else if (err instanceof IntegrityError) {
      req.log.error('integrity check failed on stored data');
      p = problem(500, 'INTEGRITY', '存储数据完整性校验失败，已记录，请联系安全管理员');
    } else if (PG_CLIENT_ERRORS[pgErrorCode(err) ?? '']) {
      const [status, code, detail] = PG_CLIENT_ERRORS[pgErrorCode(err)!];
      if (/^22/.test(pgErrorCode(err)!)) req.log.warn({ err }, 'data exception reached the database');
      p = problem(status, code, detail);
    } else if (FASTIFY_ERRORS[err.code ?? '']) {
      const [status, code, detail] = FASTIFY_ERRORS[err.code];
      p = problem(status, code, detail);
    } else if (err.statusCode === 400 && err instanceof SyntaxError) {
      p = problem(
        400,
        'INVALID_JSON',
        /prototype|constructor/i.test(err.message)
          ? '请求体包含不允许的属性名（__proto__ 或 constructor）'
          : '请求体不是有效的 JSON',
      );
    } else if (err.statusCode === 429) {
      p = problem(429, 'TOO_MANY_REQUESTS', '请求过于频繁，请稍后再试');
    } else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      p = problem(
        err.statusCode,
        /^[A-Z_]+$/.test(err.code ?? '') ? err.code : 'BAD_REQUEST',
        `请求无效（${TITLES[err.statusCode] ?? err.statusCode}）`,
      );
    } else {
      req.log.error({ err }, 'unhandled error');
      p = problem(500, 'INTERNAL', '服务器内部错误，请稍后重试；如持续出现请联系系统管理员');
    }
    if (headers) void reply.headers(headers);
    return reply.status(p.status).type('application/problem+json; charset=utf-8').send(p);
  });
}

export function problemBody(status: number, code: string, detail: string): Problem {
  return problem(status, code, detail);
}
