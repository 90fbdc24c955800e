/**
 * A bounded, seeded fuzz pass over every route of the OpenAPI file: malformed JSON, control
 * characters, impossible dates, huge numbers and strings, wrong types, hostile path and query values,
 * broken multipart. A fixed small number of cases per route; every answer must be a non-5xx, every
 * 4xx problem+json with a Chinese detail, and the server must stay healthy after each.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  cookieOf,
  multipartBody,
  NEW_PASSWORD,
  startTestPlatform,
  type TestPlatform,
} from '../../test/harness.js';
import {
  concreteUrl,
  expectHealthy,
  expectSafeAnswer,
  SESSION_CHANGING,
  signInAll,
  timed,
  type Accounts,
} from '../../test/sweep.js';

const CASES_PER_ROUTE = 6;

interface JsonSchema {
  type?: string;
  format?: string;
  pattern?: string;
  description?: string;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  minimum?: number;
  minLength?: number;
  minItems?: number;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
}
interface Operation {
  parameters?: { in: string; name: string; schema: JsonSchema }[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}

/** A plausible value of a schema, so that one hostile field is what the route has to deal with. */
function sample(s: JsonSchema | undefined, depth = 0): unknown {
  if (!s || depth > 6) return null;
  if (s.enum) return s.enum[0];
  if (s.const !== undefined) return s.const;
  if (s.default !== undefined) return s.default;
  const alt = s.anyOf ?? s.oneOf;
  if (alt) return sample(alt.find((x) => x.type !== 'null') ?? alt[0], depth + 1);
  switch (s.type) {
    case 'string':
      if (s.format === 'uuid') return randomUUID();
      if (s.pattern?.includes('\\d{4}-\\d{2}-\\d{2}')) return '2026-03-02';
      if (s.pattern?.includes('\\d{4}-\\d{2}')) return '2026-03';
      if (s.description?.includes('行政区划')) return '530102';
      return 'abc'.padEnd(s.minLength ?? 3, 'x');
    case 'integer':
    case 'number':
      return s.minimum ?? 1;
    case 'boolean':
      return true;
    case 'array':
      return s.minItems ? [sample(s.items, depth + 1)] : [];
    case 'object':
      return Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, sample(v, depth + 1)]));
    default:
      return 'abc';
  }
}

/** Paths (key lists) of the scalar leaves of a value, arrays entered at their first item. */
function leaves(value: unknown, at: string[] = []): string[][] {
  if (Array.isArray(value)) return value.length ? leaves(value[0], [...at, '0']) : [at];
  if (value !== null && typeof value === 'object') {
    const out = Object.entries(value).flatMap(([k, v]) => leaves(v, [...at, k]));
    return out.length ? out : [at];
  }
  return [at];
}

function setAt(value: unknown, at: string[], v: unknown): unknown {
  if (at.length === 0) return v;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string, unknown>;
  copy[at[0]] = setAt(copy[at[0]], at.slice(1), v);
  return copy;
}

const HOSTILE_STRINGS: unknown[] = [
  '\u0000',
  'a\u0000b',
  'x\u0007y',
  '\u001b[31m',
  '2026-13-01',
  '9999-99-99',
  '0000-00-00',
  '2026-02-30',
  '2026-00',
  'x'.repeat(100_000),
  '𠈌'.repeat(5000),
  '\ud800',
  "' or 1=1 --",
  '%00',
  '../../etc/passwd',
  '',
  ' ',
];
const HOSTILE_OTHERS: unknown[] = [
  9007199254740991,
  -9007199254740991,
  2 ** 31,
  -(2 ** 31) - 1,
  1e308,
  -1,
  0.5,
  0,
  null,
  true,
  {},
  [],
  [null],
  { a: { b: { c: {} } } },
  'a\u0000b',
];
const HOSTILE_QUERY = [
  '%00',
  'a%00b',
  '%1F',
  '%00',
  'x%00',
  '2026-13-01',
  '9999-99-99',
  '9'.repeat(400),
  '-1',
  '1e308',
  '%E0%A4%A',
  '%',
  'x'.repeat(5000),
  '%F0%A0%88%8C',
];
const HOSTILE_PARAM = [
  '%00',
  'a'.repeat(101),
  '%E0%A4%A',
  '..%2F..%2F',
  '0',
  '-1',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '9'.repeat(40),
];

const UPLOAD = /^\/api\/(imports|projects\/\{id\}\/(payrolls|bank-payments|attendance\/upload))$/;

function brokenMultipart(i: number): { payload: Buffer; headers: Record<string, string> } {
  const { payload, headers } = multipartBody(
    { kind: 'workers' },
    { name: 'w.csv', data: Buffer.from('姓名,公民身份号码\n张三,1\n') },
  );
  const text = payload.toString('latin1');
  switch (i % 6) {
    case 0:
      // no closing boundary
      return { payload: Buffer.from(text.slice(0, text.lastIndexOf('\r\n--')), 'latin1'), headers };
    case 1:
      return { payload: payload.subarray(0, 40), headers }; // cut inside the first part's headers
    case 2:
      return { payload, headers: { 'content-type': 'multipart/form-data' } }; // no boundary
    case 3:
      return { payload: Buffer.from('garbage without any boundary'), headers };
    case 4:
      // NUL in the file name
      return { payload: Buffer.from(text.replace('filename="w.csv"', 'filename="a\u0000b.csv"'), 'latin1'), headers };
    default:
      return { payload: Buffer.alloc(0), headers };
  }
}

let t: TestPlatform;
let who: Accounts;
let doc: { paths: Record<string, Record<string, Operation>> };

beforeAll(async () => {
  t = await startTestPlatform();
  who = await signInAll(t, 'fuzz');
  doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
}, 120_000);
afterAll(async () => t?.close());

function seedOf(s: string): number {
  let h = 2166136261;
  for (const c of s) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return h >>> 0;
}

describe('fuzz: every route of the OpenAPI file', () => {
  it('answers hostile input with a 4xx problem (never a 5xx) and stays healthy', { timeout: 240_000 }, async () => {
    const ops = Object.entries(doc.paths).flatMap(([p, methods]) =>
      Object.entries(methods).map(([m, op]) => ({ path: p, method: m.toUpperCase(), op })),
    );
    expect(ops.length).toBeGreaterThan(80);
    let throwaway: string | null = null;
    const sessionFor = async () => {
      throwaway ??= cookieOf(
        await api(t, 'POST', '/api/auth/login', { body: { username: 'fuzz_officer', password: NEW_PASSWORD } }),
      );
      return throwaway;
    };
    let cases = 0;
    for (const { path: p, method, op } of ops) {
      const pattern = p.replace(/\{(\w+)\}/g, ':$1');
      const key = `${method} ${pattern}`;
      const bodySchema = op.requestBody?.content['application/json']?.schema;
      const base = bodySchema ? sample(bodySchema) : undefined;
      const query = (op.parameters ?? []).filter((x) => x.in === 'query');
      const pathParams = (op.parameters ?? []).filter((x) => x.in === 'path');
      // An account that may use the route (so the cases reach validation and the handler).
      let cookie: string | undefined;
      if (SESSION_CHANGING.has(key)) cookie = await sessionFor();
      else {
        for (const c of [who.officer, who.sysadmin, who.secadmin, who.auditor]) {
          const probe = await timed(
            t,
            {
              method: method as 'GET',
              url: concreteUrl(pattern),
              headers: { cookie: c },
              ...(base !== undefined ? { payload: base as object } : {}),
            },
            `${key} probe`,
          );
          expectSafeAnswer(probe, `${key} probe`);
          cookie = c;
          if (probe.statusCode !== 403) break;
        }
      }
      // Each route gets the same mix of case kinds; fast-check picks the field and the value (seeded).
      const kinds =
        UPLOAD.test(p) && method === 'POST'
          ? ['multipart', 'multipart', 'query', 'param', 'multipart', 'multipart']
          : base !== undefined
            ? ['query', 'string', 'other', 'json', 'param', 'string']
            : ['query', 'query', 'param', 'query', 'param', 'query'];
      const arb = fc.record({ pick: fc.nat(), value: fc.nat({ max: 1000 }) });
      const samples = fc.sample(arb, { seed: seedOf(key), numRuns: CASES_PER_ROUTE });
      for (const [i, c] of samples.entries()) {
        const s = { ...c, kind: kinds[i] };
        let url = concreteUrl(pattern);
        const headers: Record<string, string> = cookie ? { cookie } : {};
        let opts: InjectOptions = { method: method as 'GET', url, headers };
        let label = s.kind;
        if ((s.kind === 'string' || s.kind === 'other') && base !== undefined) {
          const all = leaves(base);
          const at = all[s.pick % all.length];
          const pool = s.kind === 'string' ? HOSTILE_STRINGS : HOSTILE_OTHERS;
          const v = pool[s.value % pool.length];
          opts = { ...opts, payload: setAt(base, at, v) as object };
          label = `field ${at.join('.')} = ${JSON.stringify(v)?.slice(0, 40)}`;
        } else if (s.kind === 'json') {
          const raw = [
            '{"a": ',
            '{"a":1,}',
            '[',
            '{"__proto__": {"isAdmin": true}}',
            '{"constructor": {"prototype": {}}}',
            '"\\u0000"',
            '{'.repeat(5000),
            'null',
            '1e999',
          ][s.pick % 9];
          opts = { ...opts, payload: raw, headers: { ...headers, 'content-type': 'application/json' } };
          label = `json ${raw.slice(0, 30)}`;
        } else if (s.kind === 'query') {
          const name = query.length ? query[s.pick % query.length].name : 'q';
          const v = HOSTILE_QUERY[s.value % HOSTILE_QUERY.length];
          url += `${url.includes('?') ? '&' : '?'}${name}=${v}${s.pick % 3 === 0 ? `&${name}=${v}` : ''}`;
          opts = { ...opts, url, ...(base !== undefined ? { payload: base as object } : {}) };
          label = `query ${name}=${v.slice(0, 30)}`;
        } else if (s.kind === 'param') {
          const v = HOSTILE_PARAM[s.value % HOSTILE_PARAM.length];
          const name = pathParams.length ? pathParams[s.pick % pathParams.length].name : null;
          url = name
            ? pattern.replace(/:(\w+)/g, (_m, n: string) =>
                n === name ? v : encodeURIComponent(concreteUrl(`:${n}`).slice(0)),
              )
            : `${url}/${v}`;
          opts = { ...opts, url, ...(base !== undefined ? { payload: base as object } : {}) };
          label = `param ${name ?? '(extra segment)'}=${v.slice(0, 30)}`;
        } else if (s.kind === 'multipart') {
          const mp = brokenMultipart(s.value + i);
          opts = { ...opts, payload: mp.payload, headers: { ...headers, ...mp.headers } };
          label = `broken multipart #${(s.value + i) % 6}`;
        }
        const what = `${key} [${label}]`;
        const r = await timed(t, opts, what);
        expectSafeAnswer(r, what);
        await expectHealthy(t, what);
        if (SESSION_CHANGING.has(key) && r.statusCode === 401) throwaway = null;
        cases++;
      }
    }
    expect(cases).toBe(ops.length * CASES_PER_ROUTE);
  });
});
