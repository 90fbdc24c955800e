/**
 * The console's calls typed by path, in the style of openapi-fetch, over the platform client (client.ts):
 *   GET('/api/workers/{id}', { params: { path: { id } }, signal })
 *   POST('/api/workers', { body })
 * The path must be one the server's OpenAPI document declares for that method, its path parameters are
 * required, its query and JSON body are the contract's, and the answer is the contract's success body, all
 * read from the generated types (`npm run gen:api` → generated/schema.ts). A wrong path, method, parameter
 * or body is a compile error (typed.test.ts pins that under `npm run typecheck`).
 *
 * openapi-fetch itself is not used: it sends a `Request` object (our fetch stub and the deadline that also
 * covers reading the body would have to take it apart again) and answers `{ data, error }` instead of
 * throwing the ApiError every page handles. The behaviour (problem+json, global 401 / STAGE_REQUIRED
 * handlers, timeouts, uploads, downloads, query serialisation) is client.ts's, unchanged.
 */
import { api, apiBlob, buildUrl, type DownloadedFile, type RequestOptions } from './client';
import type { ApiPath, paths } from './openapi';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** The paths that declare `M`. */
export type PathsWith<M extends Method> = Extract<
  { [P in ApiPath]: [paths[P][M]] extends [undefined] ? never : P }[ApiPath],
  ApiPath
>;
type Op<P extends ApiPath, M extends Method> = NonNullable<paths[P][M]>;

/** 'true'/'false' flags of a query may be given as booleans (the client serialises them). */
type WithBooleanFlags<Q> = {
  [K in keyof Q]: [Extract<Q[K], 'true' | 'false'>] extends [never] ? Q[K] : Exclude<Q[K], 'true' | 'false'> | boolean;
};

type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];
/** `{ key: T }` when T has a required member, else `{ key?: T }`. */
type Member<K extends string, T> = [RequiredKeys<T>] extends [never] ? { [k in K]?: T } : { [k in K]: T };

type ParamsOf<O> = O extends { parameters: infer X } ? X : object;
type PathPart<X> = X extends { path: infer V } ? { path: V } : { path?: never };
type QueryPart<X> = X extends { query: infer Q }
  ? { query: WithBooleanFlags<Q> }
  : X extends { query?: infer Q }
    ? [NonNullable<Q>] extends [never]
      ? { query?: never }
      : { query?: WithBooleanFlags<NonNullable<Q>> }
    : { query?: never };
/** `params: { path, query }` of an operation. */
type ParamsInit<O> = Member<'params', PathPart<ParamsOf<O>> & QueryPart<ParamsOf<O>>>;

/** `body` of an operation: its JSON request body, or none. */
type BodyInit<O> = O extends { requestBody?: never }
  ? { body?: never }
  : O extends { requestBody: { content: { 'application/json': infer B } } }
    ? null extends B
      ? { body?: B } // a nullable body may be left out (sent without one)
      : { body: B }
    : O extends { requestBody?: { content: { 'application/json': infer B } } }
      ? { body?: B }
      : { body?: never };

/** What a call may say besides the contract: abort, session handling, timeout. */
export type CallOptions = Pick<RequestOptions, 'signal' | 'credentialCheck' | 'skipAuthHandlers' | 'timeoutMs'>;

export type InitOf<O> = ParamsInit<O> & BodyInit<O> & CallOptions;
/** The second argument: required when the operation has a required path parameter, query or body. */
type InitArg<I> = [RequiredKeys<I>] extends [never] ? [init?: I] : [init: I];

type SuccessStatus = 200 | 201 | 202 | 203 | 204 | 205 | 206;
type JsonOf<R> = R extends { content: { 'application/json': infer T } }
  ? T
  : R extends { content?: never }
    ? void
    : unknown;
/** The JSON body of the operation's success answers (void for 204). */
export type SuccessOf<O> = O extends { responses: infer R } ? JsonOf<R[Extract<keyof R, SuccessStatus>]> : never;

interface AnyInit extends CallOptions {
  params?: { path?: Record<string, string | number>; query?: RequestOptions['query'] };
  body?: unknown;
}

/**
 * The URL of a path with its parameters filled in, each percent-encoded. The types make every parameter
 * required; a value missing anyway is sent as it comes (the server answers 404), never thrown here, so
 * that every failure of a call stays a rejected promise.
 */
function fillPath(path: string, values: Record<string, string | number> = {}): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(values[name])));
}

function send<T>(method: Uppercase<Method>, path: string, init: AnyInit = {}): Promise<T> {
  const { params, body, ...options } = init;
  return api<T>(fillPath(path, params?.path), { ...options, method, body, query: params?.query });
}

export function GET<P extends PathsWith<'get'>>(
  path: P,
  ...init: InitArg<InitOf<Op<P, 'get'>>>
): Promise<SuccessOf<Op<P, 'get'>>> {
  return send('GET', path, init[0] as AnyInit | undefined);
}

export function POST<P extends PathsWith<'post'>>(
  path: P,
  ...init: InitArg<InitOf<Op<P, 'post'>>>
): Promise<SuccessOf<Op<P, 'post'>>> {
  return send('POST', path, init[0] as AnyInit | undefined);
}

export function PUT<P extends PathsWith<'put'>>(
  path: P,
  ...init: InitArg<InitOf<Op<P, 'put'>>>
): Promise<SuccessOf<Op<P, 'put'>>> {
  return send('PUT', path, init[0] as AnyInit | undefined);
}

export function PATCH<P extends PathsWith<'patch'>>(
  path: P,
  ...init: InitArg<InitOf<Op<P, 'patch'>>>
): Promise<SuccessOf<Op<P, 'patch'>>> {
  return send('PATCH', path, init[0] as AnyInit | undefined);
}

export function DELETE<P extends PathsWith<'delete'>>(
  path: P,
  ...init: InitArg<InitOf<Op<P, 'delete'>>>
): Promise<SuccessOf<Op<P, 'delete'>>> {
  return send('DELETE', path, init[0] as AnyInit | undefined);
}

/**
 * A multipart/form-data upload (POST). The contracts do not describe multipart bodies, so the form is not
 * checked; the path, its parameters and the answer are. No timeout unless given (client.ts).
 */
export function UPLOAD<P extends PathsWith<'post'>>(
  path: P,
  init: ParamsInit<Op<P, 'post'>> & CallOptions & { body: FormData },
): Promise<SuccessOf<Op<P, 'post'>>> {
  return send('POST', path, init as AnyInit);
}

/** A file download (apiBlob) of a GET route. */
export function GET_FILE<P extends PathsWith<'get'>>(
  path: P,
  ...init: InitArg<InitOf<Op<P, 'get'>>>
): Promise<DownloadedFile> {
  return download('GET', path, init[0] as AnyInit | undefined);
}

/** A file download (apiBlob) of a POST route (e.g. an export built from a JSON body). */
export function POST_FILE<P extends PathsWith<'post'>>(
  path: P,
  ...init: InitArg<InitOf<Op<P, 'post'>>>
): Promise<DownloadedFile> {
  return download('POST', path, init[0] as AnyInit | undefined);
}

function download(method: 'GET' | 'POST', path: string, init: AnyInit = {}): Promise<DownloadedFile> {
  const { params, body, ...options } = init;
  return apiBlob(fillPath(path, params?.path), { ...options, method, body, query: params?.query });
}

/** The URL of a GET route (for a link or a new window, e.g. a print-ready page), typed like GET. */
export function urlOf<P extends PathsWith<'get'>>(path: P, ...init: InitArg<ParamsInit<Op<P, 'get'>>>): string {
  const params = (init[0] as AnyInit | undefined)?.params;
  return buildUrl(fillPath(path, params?.path), params?.query);
}
