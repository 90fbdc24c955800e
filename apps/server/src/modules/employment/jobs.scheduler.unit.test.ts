import { describe, expect, it } from 'vitest';
import { JobsExpiryScheduler } from './jobs.scheduler.js';

describe('JobsExpiryScheduler', () => {
  it('expires once a Shanghai day, retries after a failure and joins a run in progress', async () => {
    let clock = new Date('2026-12-05T15:30:00Z'); // 23:30 in Shanghai
    let calls = 0;
    let fail = false;
    const logged: string[] = [];
    const s = new JobsExpiryScheduler(
      {
        expireDue: async () => {
          calls++;
          if (fail) throw new Error('down');
          return 1;
        },
      },
      5,
      (msg) => logged.push(msg),
      () => clock,
    );
    await Promise.all([s.tick(), s.tick()]);
    expect(calls).toBe(1);
    await s.tick();
    expect(calls).toBe(1); // same day: nothing more
    clock = new Date('2026-12-05T16:10:00Z'); // 00:10 the next day in Shanghai
    fail = true;
    await s.tick();
    expect(calls).toBe(2);
    expect(logged).toEqual(['job posting expiry failed']);
    fail = false;
    await s.tick(); // the failed day is retried
    expect(calls).toBe(3);
    await s.tick();
    expect(calls).toBe(3);
    await s.stop();
  });
});
