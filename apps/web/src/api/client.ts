import type { Problem, ProblemFieldError } from './types';

/** Error thrown for every failed API call (HTTP error or network failure). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string | undefined;
  readonly detail: string;
  readonly errors: ProblemFieldError[];
  readonly title: string | undefined;
  /** The whole problem document (extension members such as `existingId` included). */
  readonly problem: Problem;
  /** Set when a global handler (session lost / sign-in stage required) already dealt with it. */
  handledGlobally = false;

  constructor(status: number, problem: Problem, fallbackDetail: string) {
    const detail = problem.detail?.trim() || fallbackDetail;
    super(detail);
    this.name = 'ApiError';
    this.status = status;
    this.code = problem.code;
    this.detail = detail;
    this.errors = Array.isArray(problem.errors) ? problem.errors : [];
    this.title = problem.title;
    this.problem = problem;
  }

  get isUnauthenticated(): boolean {
    return this.status === 401;
  }

  get isStageRequired(): boolean {
    return this.status === 403 && this.code === 'STAGE_REQUIRED';
  }
}

export function isApiError(err: unknown): err is ApiError {
  return err instanceof ApiError;
}

type QueryScalar = string | number | boolean | null | undefined;
/** An array is sent as the key repeated (`a=1&a=2`), which Fastify's query parser reads back as an array. */
export type QueryValue = QueryScalar | readonly QueryScalar[];

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** JSON-serialised, except FormData which is sent as multipart/form-data. */
  body?: unknown;
  query?: Record<string, QueryValue>;
  signal?: AbortSignal;
  /**
   * `true` for calls whose 401 answer means "wrong credentials" rather than
   * "session gone" (login). Such a 401 is not routed to the sign-in page.
   */
  credentialCheck?: boolean;
  /** Do not run the global 401 / STAGE_REQUIRED handlers at all (used for GET /api/auth/me). */
  skipAuthHandlers?: boolean;
  /**
   * Give up after this many ms (0: never) with 请求超时. Default 30 s; uploads (FormData bodies),
   * which may legitimately take minutes on a slow line, have none unless given.
   */
  timeoutMs?: number;
}

/** Default client timeout of an API call. */
export const REQUEST_TIMEOUT_MS = 30_000;
/** Files (exports up to 50,000 rows) are built before the first byte: they get longer. */
export const DOWNLOAD_TIMEOUT_MS = 180_000;
const TIMEOUT_MESSAGE = '请求超时，请稍后重试';

/**
 * An AbortSignal that fires after `ms` or when the caller's signal does; `timedOut()` tells the
 * two apart. `clear()` stops the timer once the body is read.
 */
function deadline(ms: number, outer?: AbortSignal) {
  const controller = new AbortController();
  let fired = false;
  const onAbort = () => controller.abort(outer?.reason);
  if (outer) {
    if (outer.aborted) controller.abort(outer.reason);
    else outer.addEventListener('abort', onAbort, { once: true });
  }
  const timer =
    ms > 0
      ? setTimeout(() => {
          fired = true;
          controller.abort(new DOMException(TIMEOUT_MESSAGE, 'TimeoutError'));
        }, ms)
      : undefined;
  return {
    signal: controller.signal,
    timedOut: () => fired,
    clear: () => {
      if (timer !== undefined) clearTimeout(timer);
      outer?.removeEventListener('abort', onAbort);
    },
  };
}

function timeoutError(): ApiError {
  return new ApiError(0, { code: 'TIMEOUT' }, TIMEOUT_MESSAGE);
}

/** Reads the body under the request's deadline: a stalled body times out like a stalled answer. */
async function withinDeadline<T>(d: ReturnType<typeof deadline>, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (err) {
    if (d.timedOut()) throw timeoutError();
    throw err;
  } finally {
    d.clear();
  }
}

export interface AuthHandlers {
  onUnauthorized: (err: ApiError) => void;
  onStageRequired: (err: ApiError) => void;
}

let authHandlers: AuthHandlers | null = null;
let lastRequestAt = Date.now();

/** Time (ms since epoch) of the last API request; every request keeps the server session alive. */
export function getLastRequestAt(): number {
  return lastRequestAt;
}

export function setAuthHandlers(handlers: AuthHandlers): void {
  authHandlers = handlers;
}

const statusFallback: Record<number, string> = {
  400: '请求参数有误',
  401: '未登录或会话已失效',
  403: '没有执行此操作的权限',
  404: '请求的资源不存在',
  409: '数据冲突，请刷新后重试',
  413: '请求内容过大',
  422: '提交的数据无法处理',
  423: '账户已锁定',
  429: '操作过于频繁，请稍后再试',
  500: '服务器内部错误，请稍后再试',
  502: '服务暂不可用，请稍后再试',
  503: '服务暂不可用，请稍后再试',
  504: '服务响应超时，请稍后再试',
};

function fallbackFor(status: number): string {
  return statusFallback[status] ?? `请求失败（${status}）`;
}

/** `path` with the query appended; empty values (undefined, null, '') are left out, arrays repeat the key. */
export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (v === undefined || v === null || v === '') continue;
      params.append(key, String(v));
    }
  }
  const qs = params.toString();
  return qs ? `${path}${path.includes('?') ? '&' : '?'}${qs}` : path;
}

async function readProblem(res: Response): Promise<Problem> {
  const type = res.headers.get('content-type') ?? '';
  try {
    if (type.includes('json')) {
      const body: unknown = await res.json();
      if (body && typeof body === 'object') return body as Problem;
      return {};
    }
    const text = await res.text();
    return text && text.length < 300 && !text.trimStart().startsWith('<') ? { detail: text } : {};
  } catch {
    return {};
  }
}

/**
 * Send a request and return the successful response with its deadline (the caller reads the body
 * within it); failures become ApiError (global handlers run here).
 */
async function send(
  path: string,
  options: RequestOptions,
  accept: string,
  defaultTimeout = REQUEST_TIMEOUT_MS,
): Promise<{ res: Response; d: ReturnType<typeof deadline> }> {
  const { method = 'GET', body, query, signal, credentialCheck = false, skipAuthHandlers = false } = options;
  const d = deadline(options.timeoutMs ?? (body instanceof FormData ? 0 : defaultTimeout), signal);
  const headers: Record<string, string> = { Accept: accept };
  const init: RequestInit = { method, credentials: 'same-origin', headers, signal: d.signal };
  if (body instanceof FormData) {
    // The browser sets multipart/form-data with its boundary.
    init.body = body;
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }

  let res: Response;
  lastRequestAt = Date.now();
  try {
    res = await fetch(buildUrl(path, query), init);
  } catch (err) {
    const timedOut = d.timedOut();
    d.clear();
    if (timedOut) throw timeoutError();
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, { code: 'NETWORK_ERROR' }, '无法连接服务器，请检查网络后重试');
  }

  if (!res.ok) {
    const problem = await withinDeadline(d, () => readProblem(res));
    const error = new ApiError(res.status, problem, fallbackFor(res.status));
    if (!skipAuthHandlers && authHandlers) {
      const sessionLost = error.status === 401 && (!credentialCheck || error.code === 'UNAUTHENTICATED');
      if (sessionLost) {
        error.handledGlobally = true;
        authHandlers.onUnauthorized(error);
      } else if (error.isStageRequired) {
        error.handledGlobally = true;
        authHandlers.onStageRequired(error);
      }
    }
    throw error;
  }
  return { res, d };
}

/** Typed fetch wrapper for the platform API. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { res, d } = await send(path, options, 'application/json, application/problem+json');
  return withinDeadline(d, async () => {
    if (res.status === 204 || res.status === 205) return undefined as T;
    const type = res.headers.get('content-type') ?? '';
    if (!type.includes('json')) {
      const text = await res.text();
      return (text ? text : undefined) as T;
    }
    return (await res.json()) as T;
  });
}

/** A downloaded file: the body and the file name the server suggested (null when none). */
export interface DownloadedFile {
  blob: Blob;
  filename: string | null;
}

/** Decode a percent-encoded RFC 5987 value; null when it is malformed. */
function decodeExtValue(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

/**
 * The file name of a Content-Disposition header: `filename*=UTF-8''…` (RFC 6266) is preferred over
 * `filename="…"`. Any directory part is dropped.
 */
export function filenameFromDisposition(header: string | null): string | null {
  if (!header) return null;
  let name: string | null = null;
  const ext = /filename\*\s*=\s*([^;]+)/i.exec(header);
  if (ext) {
    const raw = ext[1].trim().replace(/^"(.*)"$/, '$1');
    const m = /^([\w!#$%&+^`{}~-]+)'[^']*'(.*)$/.exec(raw);
    name = decodeExtValue(m ? m[2] : raw);
  }
  if (!name) {
    const plain = /filename\s*=\s*("((?:\\.|[^"\\])*)"|[^;]+)/i.exec(header);
    if (plain) {
      const value = plain[2] !== undefined ? plain[2].replace(/\\(.)/g, '$1') : plain[1].trim();
      // Some servers percent-encode the plain parameter as well.
      name = /%[0-9A-Fa-f]{2}/.test(value) ? (decodeExtValue(value) ?? value) : value;
    }
  }
  if (!name) return null;
  const base = name.split(/[\\/]/).pop()?.trim() ?? '';
  return base || null;
}

/** Fetch a file (xlsx template, export, error report). Errors are parsed like every other call. */
export async function apiBlob(path: string, options: RequestOptions = {}): Promise<DownloadedFile> {
  const { res, d } = await send(
    path,
    options,
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, application/octet-stream;q=0.9, ' +
      'application/problem+json;q=0.8, */*;q=0.5',
    DOWNLOAD_TIMEOUT_MS,
  );
  const blob = await withinDeadline(d, () => res.blob());
  return { blob, filename: filenameFromDisposition(res.headers.get('content-disposition')) };
}

/**
 * Calls by URL string, untyped. The console's calls go through typed.ts (typed by path); this stays for
 * the client's own tests and the two components not yet moved over (ImportErrorsTable, UserPicker).
 */
export const http = {
  get: <T>(path: string, query?: Record<string, QueryValue>, signal?: AbortSignal) => api<T>(path, { query, signal }),
  post: <T>(path: string, body?: unknown, extra?: Omit<RequestOptions, 'method' | 'body'>) =>
    api<T>(path, { ...extra, method: 'POST', body }),
  put: <T>(path: string, body?: unknown) => api<T>(path, { method: 'PUT', body }),
  patch: <T>(path: string, body?: unknown) => api<T>(path, { method: 'PATCH', body }),
  delete: <T = void>(path: string) => api<T>(path, { method: 'DELETE' }),
  /** multipart/form-data upload. */
  upload: <T>(path: string, form: FormData, extra?: Omit<RequestOptions, 'method' | 'body'>) =>
    api<T>(path, { ...extra, method: 'POST', body: form }),
};
