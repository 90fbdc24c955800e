import http from 'node:http';
import net from 'node:net';
import helmet from 'helmet';
import { describe, expect, it } from 'vitest';
import { staticHeaders } from './hardening.js';

/** helmet's headers taken once (app.ts): exactly what its middleware sets on a real response. */
describe('staticHeaders', () => {
  it('equals the headers helmet sets on a Node response', () => {
    const middleware = helmet({
      contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], frameAncestors: ["'none'"] } },
      hsts: false,
    });
    const res = new http.ServerResponse(new http.IncomingMessage(new net.Socket()));
    res.setHeader('X-Powered-By', 'x'); // helmet removes it
    let done = false;
    middleware({} as never, res as never, () => (done = true));
    expect(done).toBe(true);
    const expected = Object.fromEntries(Object.entries(res.getHeaders()).map(([k, v]) => [k, String(v)]));
    expect(staticHeaders(middleware)).toEqual(expected);
    expect(expected['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(expected['x-powered-by']).toBeUndefined();
  });

  it('refuses a middleware that reads the request or does not finish at once', () => {
    expect(() =>
      staticHeaders((req: { headers: unknown }, _res, next) => {
        void req.headers;
        next();
      }),
    ).toThrow(/reads the request/);
    expect(() => staticHeaders((_req, _res, next) => void setTimeout(next, 0))).toThrow(/synchronously/);
    expect(() => staticHeaders((_req, _res, next) => next(new Error('bad directive')))).toThrow(/bad directive/);
  });
});
