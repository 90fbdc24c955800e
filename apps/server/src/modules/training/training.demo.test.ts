/**
 * The demo year of training (demo.ts loadDemoTraining) through the module's own use cases: classes with
 * trainees, certificates, claims approved level by level and paid in batches, targets with progress.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { one } from '../../db/client.js';
import { loadDemoCity, loadDemoTraining } from '../../demo.js';
import { CITY, startTestPlatform, type TestPlatform } from '../../test/harness.js';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
  await loadDemoCity(t.db, t.services, { cityCode: CITY, workers: 1500, seed: 7 });
}, 240_000);
afterAll(async () => t?.close());

describe('demo training', () => {
  it('loads a year of classes, trainees, certificates, paid and pending claims and targets', async () => {
    const r = await loadDemoTraining(t.db, t.services, { cityCode: CITY, classes: 6, today: '2026-03-02', seed: 7 });
    expect(r.classes).toBe(6);
    expect(r.enrolments).toBeGreaterThan(20);
    expect(r.certificates).toBeGreaterThan(10);
    expect(r.claims).toBeGreaterThan(5);
    const claims = await one<{ paid: number; pending: number }>(
      t.db.owner,
      sql`select count(*) filter (where status = 'paid')::int as paid,
          count(*) filter (where status like 'pending_%')::int as pending
        from training_subsidy_claims`,
    );
    expect(claims!.paid).toBeGreaterThan(0);
    expect(claims!.pending).toBeGreaterThan(0);
    const targets = await one<{ n: number }>(t.db.owner, sql`select count(*)::int as n from training_targets`);
    expect(targets!.n).toBeGreaterThan(0);
  });
});
