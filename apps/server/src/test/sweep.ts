/**
 * Helpers of the route-table sweeps (failure paths, fuzz): concrete URLs for route patterns, a
 * request with a time limit, and the invariants every answer must keep.
 */
import { randomUUID } from 'node:crypto';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { provisionUser } from '../bootstrap.js';
import { signIn, type TestPlatform } from './harness.js';

export interface Accounts {
  officer: string;
  sysadmin: string;
  secadmin: string;
  auditor: string;
}

/** A city-wide officer (every business permission, data scope all) and the three administrators. */
export async function signInAll(t: TestPlatform, prefix: string): Promise<Accounts> {
  const password = 'Sweep#Kunming-2026x';
  await provisionUser(t.db, t.services, {
    username: `${prefix}_officer`,
    displayName: '全市经办员',
    roles: ['officer', 'leader'],
    regionCode: '5301',
    password,
    dataScope: 'all',
  });
  return {
    officer: (await signIn(t, `${prefix}_officer`, { password })).cookie,
    sysadmin: (await signIn(t, 'sysadmin')).cookie,
    secadmin: (await signIn(t, 'secadmin')).cookie,
    auditor: (await signIn(t, 'auditor')).cookie,
  };
}

/** A plausible value for a path parameter, so the request reaches the handler. */
export function paramValue(name: string): string {
  if (/id$/i.test(name)) return randomUUID();
  if (name === 'kind') return 'workers';
  if (name === 'month') return '2026-03';
  if (name === 'year') return '2026';
  if (name === 'code') return 'NOPE-0001';
  return 'x';
}

export function concreteUrl(pattern: string, value: (name: string) => string = paramValue): string {
  return pattern.replace(/:(\w+)/g, (_m, name: string) => encodeURIComponent(value(name)));
}

/** Routes of the API worth sweeping: no HEAD twins, no docs or static files. */
export function apiRoutes(t: TestPlatform): { method: string; url: string; permission: string }[] {
  const out: { method: string; url: string; permission: string }[] = [];
  for (const r of t.routes) {
    if (!r.url.startsWith('/api/') || r.url.startsWith('/api/docs')) continue;
    for (const m of Array.isArray(r.method) ? r.method : [r.method]) {
      if (m === 'HEAD' || m === 'OPTIONS') continue;
      out.push({ method: m, url: r.url, permission: String(r.config?.permission ?? '') });
    }
  }
  return out;
}

/** Routes that end or change the caller's own session: swept with a throwaway session only. */
export const SESSION_CHANGING = new Set([
  'POST /api/auth/logout',
  'POST /api/auth/password',
  'POST /api/auth/totp/enroll',
  'POST /api/auth/totp/confirm',
  'POST /api/auth/totp/verify',
  'POST /api/auth/login',
]);

export const LIMIT_MS = 20_000;

/** inject, failing the test instead of hanging when no answer comes within LIMIT_MS. */
export async function timed(t: TestPlatform, opts: InjectOptions, what: string): Promise<LightMyRequestResponse> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_r, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${LIMIT_MS} ms: ${what}`)), LIMIT_MS);
  });
  try {
    return await Promise.race([t.app.inject(opts), limit]);
  } finally {
    clearTimeout(timer);
  }
}

/** Never a 5xx; every 4xx is problem+json with a Chinese detail. */
export function expectSafeAnswer(r: LightMyRequestResponse, what: string): void {
  expect(r.statusCode, `${what} → ${r.statusCode} ${r.body.slice(0, 300)}`).toBeLessThan(500);
  if (r.statusCode >= 400) {
    expect(String(r.headers['content-type']), `${what}: content-type`).toContain('application/problem+json');
    expect((r.json() as { detail?: string }).detail, `${what}: detail`).toMatch(/[\u4e00-\u9fa5]/);
  }
}

export async function expectHealthy(t: TestPlatform, after: string): Promise<void> {
  const h = await timed(t, { method: 'GET', url: '/api/health' }, `health after ${after}`);
  expect(h.statusCode, `health after ${after}`).toBe(200);
}
