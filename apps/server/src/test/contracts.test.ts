/**
 * Contract coverage (issue #9, item 1): every API route declares the body of each success answer,
 * so the OpenAPI file other departments' systems integrate against documents every response. The
 * routes come from the route table (`t.routes`), as in the scope matrix: a new route without a
 * response schema fails here unless EXEMPT names it with a reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from './harness.js';

/** Routes that need not declare a success body, each with its reason. */
const EXEMPT: Record<string, string> = {};

interface RouteWithSchema {
  method: string | string[];
  url: string;
  schema?: { hide?: boolean; response?: Record<string, unknown> };
}

interface Operation {
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(async () => t?.close());

const key = (method: string, url: string) => `${method} ${url}`;

describe('response contracts', () => {
  it('every API route declares a response schema for a success status (or is exempt with a reason)', () => {
    const routes = (t.routes as RouteWithSchema[]).filter((r) => r.url.startsWith('/api/') && !r.schema?.hide);
    expect(routes.length).toBeGreaterThan(100);
    const keys = routes.flatMap((r) =>
      [r.method]
        .flat()
        .filter((m) => m !== 'HEAD')
        .map((m) => ({ key: key(m, r.url), route: r })),
    );
    const missing = keys
      .filter(({ route }) => !Object.keys(route.schema?.response ?? {}).some((status) => /^2\d\d$/.test(status)))
      .map((k) => k.key)
      .filter((k) => !EXEMPT[k]);
    expect(missing, 'routes without a response schema for their success status').toEqual([]);
    const known = new Set(keys.map((k) => k.key));
    expect(
      Object.keys(EXEMPT).filter((k) => !known.has(k)),
      'exemptions for routes that no longer exist',
    ).toEqual([]);
  });

  it('the OpenAPI file documents a success body and the problem+json errors of every operation', () => {
    const doc = t.app.swagger() as { openapi: string; paths: Record<string, Record<string, Operation>> };
    expect(doc.openapi).toMatch(/^3\./);
    const faults: string[] = [];
    let operations = 0;
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (!['get', 'put', 'post', 'delete', 'patch'].includes(method)) continue;
        operations++;
        const name = `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`; // the route table's form
        if (EXEMPT[name]) continue;
        const responses = op.responses ?? {};
        const success = Object.entries(responses).filter(([status]) => /^2\d\d$/.test(status));
        // 204 answers nothing (and must not claim a body); every other success documents its body.
        const documented = success.some(([status, r]) =>
          status === '204' ? !r.content : Object.values(r.content ?? {}).some((media) => media.schema),
        );
        if (!documented) faults.push(`${name}: no success response with a body schema`);
        for (const status of ['4XX', '5XX'])
          if (!responses[status]?.content?.['application/problem+json']?.schema)
            faults.push(`${name}: no ${status} problem+json response`);
      }
    }
    expect(operations).toBeGreaterThan(100);
    expect(faults).toEqual([]);
  });
});
