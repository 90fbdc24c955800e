// The network of a console test, stubbed at `fetch`: routes answer by "METHOD /path", every request is
// recorded (method, path, query, JSON body or FormData) so tests can assert what was sent.
import { vi } from 'vitest';

export interface ApiCall {
  method: string;
  path: string;
  query: URLSearchParams;
  /** Parsed JSON body, the FormData of an upload, or undefined. */
  body: unknown;
}

type Answer = Response | object | null;
export type Route = Answer | ((call: ApiCall, signal: AbortSignal | undefined) => Answer | Promise<Answer>);

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

export function problem(
  status: number,
  fields: { detail?: string; code?: string; errors?: { path: string; message: string }[]; [k: string]: unknown },
): Response {
  return new Response(JSON.stringify({ status, ...fields }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });
}

/**
 * Stub `fetch` with `routes` ("GET /api/code-tables": body | Response | (call) => …). A plain object
 * answers 200 JSON; an unknown route answers 404 and is listed in `unhandled`.
 */
export function mockApi(routes: Record<string, Route> = {}) {
  const calls: ApiCall[] = [];
  const unhandled: string[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input), 'http://localhost');
    const method = (init?.method ?? 'GET').toUpperCase();
    const raw = init?.body;
    const body = typeof raw === 'string' ? (JSON.parse(raw) as unknown) : (raw ?? undefined);
    const call: ApiCall = { method, path: url.pathname, query: url.searchParams, body };
    calls.push(call);
    const key = `${method} ${url.pathname}`;
    const route = routes[key];
    if (route === undefined) {
      unhandled.push(key);
      return problem(404, { detail: `未模拟的接口：${key}` });
    }
    const answer = typeof route === 'function' ? await route(call, init?.signal ?? undefined) : route;
    if (answer instanceof Response) return answer;
    if (answer === null) return new Response(null, { status: 204 });
    return json(answer);
  });
  vi.stubGlobal('fetch', fetchMock);
  return {
    fetch: fetchMock,
    calls,
    unhandled,
    /** The requests made to `METHOD /path`. */
    callsTo: (key: string) => calls.filter((c) => `${c.method} ${c.path}` === key),
    /** Add or replace routes. */
    on: (more: Record<string, Route>) => Object.assign(routes, more),
  };
}
