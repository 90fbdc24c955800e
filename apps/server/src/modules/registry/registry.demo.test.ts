/**
 * The demo city of the first start (demo.ts loadDemoCity through `registrySeed.loadCity`, issue #11 item 5): the
 * bulk COPY leaves what the per-row path left — every worker with an employment and insurance, the list totals
 * (worker_counts) exact, the 一人一档 timeline (registration, employment) and an audit chain that verifies.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { one } from '../../db/client.js';
import { DEMO_PRINCIPAL, loadDemoCity } from '../../demo.js';
import { CITY, startTestPlatform, type TestPlatform } from '../../test/harness.js';

let t: TestPlatform;
let loaded: number;
beforeAll(async () => {
  t = await startTestPlatform();
  loaded = await loadDemoCity(t.db, t.services, { cityCode: CITY, workers: 300, seed: 5 });
}, 240_000);
afterAll(async () => t?.close());

describe('demo city', () => {
  it('registers every generated worker with an employment, insurance and exact totals', async () => {
    expect(loaded).toBe(300);
    const c = await one<{ workers: number; employed: number; employments: number; insured: number; counted: number }>(
      t.db.owner,
      sql`select (select count(*)::int from workers) as workers,
          (select count(distinct worker_id)::int from employments) as employed,
          (select count(*)::int from employments) as employments,
          (select count(distinct worker_id)::int from worker_insurance) as insured,
          (select coalesce(sum(n), 0)::int from worker_counts) as counted`,
    );
    expect(c).toEqual({ workers: 300, employed: 300, employments: 300, insured: c!.insured, counted: 300 });
    expect(c!.insured).toBeGreaterThan(0);
    const reader = { ...DEMO_PRINCIPAL, permissions: new Set(['registry:read']) };
    const list = await t.services.registry.listWorkers(reader, { sort: 'name', page: 1, pageSize: 5 });
    expect(list.total).toBe(300);
  });

  it('writes the timeline of each worker: registration, then the employment', async () => {
    const w = await one<{ id: string }>(t.db.owner, sql`select id from workers order by id limit 1`);
    const timeline = await t.services.events.timeline(DEMO_PRINCIPAL, 'worker', w!.id);
    const types = timeline.map((e) => e.type);
    expect(types).toContain('worker.registered');
    expect(types).toContain('employment.started');
  });

  it('keeps the audit chain valid, with the load audited once', async () => {
    expect((await t.services.audit.verify()).ok).toBe(true);
    const n = await one<{ n: number }>(
      t.db.owner,
      sql`select count(*)::int as n from audit_log where action = 'demo.load'`,
    );
    expect(n!.n).toBe(1);
  });
});
