import { describe, expect, it } from 'vitest';
import { DEFAULT_WAGE_PARAMS } from '@mwsp/domain';
import { WagesScheduler } from './wages.scheduler.js';

function fakes() {
  const calls: string[] = [];
  const s = {
    engine: {
      fullScan: async (o: { today?: string }) => void calls.push(`full ${o.today}`),
      scanQueued: async (o: { today?: string }) => void calls.push(`queued ${o.today}`),
    },
    warnings: { escalateOverdue: async () => void calls.push('escalate'), params: async () => DEFAULT_WAGE_PARAMS },
    arrears: { expireListings: async () => void calls.push('expire') },
  };
  return { calls, s: s as unknown as ConstructorParameters<typeof WagesScheduler>[0] };
}

describe('the warning scan schedule', () => {
  it('runs the full scan, escalation and expiry once a day, and incremental scans in between', async () => {
    const { calls, s } = fakes();
    let now = new Date('2026-11-21T15:50:00Z'); // 23:50 in Shanghai
    const sched = new WagesScheduler(
      s,
      5,
      () => {},
      () => now,
    );
    await sched.tick();
    await sched.tick();
    now = new Date('2026-11-21T16:05:00Z'); // 00:05 the next day in Shanghai
    await sched.tick();
    await sched.tick();
    expect(calls).toEqual([
      'full 2026-11-21',
      'escalate',
      'expire',
      'queued 2026-11-21',
      'full 2026-11-22',
      'escalate',
      'expire',
      'queued 2026-11-22',
    ]);
  });

  it('never runs two scans at once, and a failed scan is retried on the next tick', async () => {
    const { calls, s } = fakes();
    let fail = true;
    (s.engine as unknown as { fullScan: () => Promise<void> }).fullScan = async () => {
      calls.push('full');
      if (fail) throw new Error('database unavailable');
    };
    const errors: string[] = [];
    const sched = new WagesScheduler(
      s,
      5,
      (msg) => errors.push(msg),
      () => new Date('2026-11-22T02:00:00Z'),
    );
    await Promise.all([sched.tick(), sched.tick()]);
    expect(calls).toEqual(['full']);
    expect(errors).toEqual(['wage warning scan failed']);
    fail = false;
    await sched.tick();
    expect(calls).toEqual(['full', 'full', 'escalate', 'expire']);
  });
});
