/** An error that maps to an RFC 9457 problem response with a Chinese detail. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly fieldErrors?: { path: string; message: string }[],
    readonly headers?: Record<string, string>,
    /** Extra members of the problem document (e.g. the id of the record a duplicate collides with). */
    readonly extra?: Record<string, unknown>,
  ) {
    super(detail);
  }
}

/**
 * A refusal: an HttpError of the 4xx family (bad input, out of scope, a conflict …), which a caller running many
 * checks (a demo seed, a batch) may skip, unlike a fault (5xx, a database error), which must fail the whole.
 */
export const isRefusal = (err: unknown): err is HttpError =>
  err instanceof HttpError && err.status >= 400 && err.status < 500;

export const badRequest = (detail: string, fieldErrors?: { path: string; message: string }[]) =>
  new HttpError(400, 'BAD_REQUEST', detail, fieldErrors);
export const fieldError = (path: string, message: string) => badRequest(message, [{ path, message }]);
export const unauthenticated = (detail = '未登录或会话已过期，请重新登录') =>
  new HttpError(401, 'UNAUTHENTICATED', detail);
export const forbidden = (detail = '没有执行此操作的权限') => new HttpError(403, 'FORBIDDEN', detail);
export const stageRequired = (detail: string) => new HttpError(403, 'STAGE_REQUIRED', detail);
/** Out-of-scope records are reported exactly like missing ones. */
export const notFound = (detail = '记录不存在') => new HttpError(404, 'NOT_FOUND', detail);
export const conflict = (detail: string, code = 'CONFLICT', extra?: Record<string, unknown>) =>
  new HttpError(409, code, detail, undefined, undefined, extra);
export const locked = (detail: string) => new HttpError(423, 'LOCKED', detail);
export const tooManyRequests = (detail: string, retryAfterSeconds: number) =>
  new HttpError(429, 'TOO_MANY_REQUESTS', detail, undefined, { 'retry-after': String(retryAfterSeconds) });
export const unavailable = (detail: string) => new HttpError(503, 'UNAVAILABLE', detail);
