import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startTestPlatform, type TestPlatform } from '../../test/harness.js';

/** helmet's security headers (built once in app.ts) on answers, refusals and unknown routes alike. */
let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(async () => t?.close());

describe('security headers', () => {
  it('are on every answer: a refusal, an unknown route, a public page', async () => {
    for (const url of ['/api/auth/me', '/api/no-such-route', '/api/openapi.json']) {
      const r = await api(t, 'GET', url);
      expect(r.headers['content-security-policy'], url).toContain("frame-ancestors 'none'");
      expect(r.headers['content-security-policy'], url).toContain("script-src 'self'");
      expect(r.headers['x-content-type-options'], url).toBe('nosniff');
      expect(r.headers['x-frame-options'], url).toBe('SAMEORIGIN');
      expect(r.headers['strict-transport-security'], url).toBeUndefined(); // no HSTS without secure cookies
      expect(r.headers['x-powered-by'], url).toBeUndefined();
    }
  });
});
