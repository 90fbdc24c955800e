import Fastify from 'fastify';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PeriodicTask, scheduleWhileServing, type PeriodicWork } from './periodic.js';

function recorder(over: Partial<PeriodicWork> = {}) {
  const calls: string[] = [];
  const work: PeriodicWork = {
    failure: 'the work failed',
    daily: async (today) => void calls.push(`daily ${today}`),
    between: async (today) => void calls.push(`between ${today}`),
    ...over,
  };
  return { calls, work };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('PeriodicTask', () => {
  /** Ticks once at each instant and returns what ran. */
  async function ticksAt(work: PeriodicWork, calls: string[], instants: string[]): Promise<string[]> {
    let i = 0;
    const task = new PeriodicTask(
      work,
      5,
      () => {},
      () => new Date(instants[i]),
    );
    for (; i < instants.length; i++) await task.tick();
    return calls;
  }

  it('runs the daily work on the first tick of each Shanghai day and the in-between work on the others', async () => {
    const { calls, work } = recorder();
    // 23:58 and 23:59 in Shanghai, then 00:00 and 00:05 the next day (still the 5th in UTC)
    const instants = ['2026-12-05T15:58:00Z', '2026-12-05T15:59:00Z', '2026-12-05T16:00:00Z', '2026-12-05T16:05:00Z'];
    expect(await ticksAt(work, calls, instants)).toEqual([
      'daily 2026-12-05',
      'between 2026-12-05',
      'daily 2026-12-06',
      'between 2026-12-06',
    ]);
  });

  it('without in-between work, nothing runs until the next day', async () => {
    const { calls, work } = recorder({ between: undefined });
    const instants = ['2026-12-05T02:00:00Z', '2026-12-05T09:00:00Z', '2026-12-06T02:00:00Z'];
    expect(await ticksAt(work, calls, instants)).toEqual(['daily 2026-12-05', 'daily 2026-12-06']);
  });

  it('joins a run in progress, logs a failure without throwing, retries the daily work until it succeeds', async () => {
    const calls: string[] = [];
    let fail = true;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const errors: Array<[string, unknown]> = [];
    const task = new PeriodicTask(
      {
        failure: 'expiry failed',
        daily: async () => {
          calls.push('daily');
          await gate;
          if (fail) throw new Error('database unavailable');
        },
        between: async () => void calls.push('between'),
      },
      5,
      (msg, err) => errors.push([msg, err]),
      () => new Date('2026-12-05T02:00:00Z'),
    );
    const first = task.tick();
    const second = task.tick();
    expect(second).toBe(first);
    release();
    await Promise.all([first, second]);
    expect(calls).toEqual(['daily']);
    expect(errors).toHaveLength(1);
    expect(errors[0][0]).toBe('expiry failed');
    expect((errors[0][1] as Error).message).toBe('database unavailable');
    await task.tick(); // still failing: retried, not skipped
    expect(calls).toEqual(['daily', 'daily']);
    fail = false;
    await task.tick();
    await task.tick();
    expect(calls).toEqual(['daily', 'daily', 'daily', 'between']);
    expect(errors).toHaveLength(2);
  });

  it('ticks at start and every interval, and stop waits for the run in progress and ends the ticks', async () => {
    vi.useFakeTimers();
    const calls: string[] = [];
    let finish!: () => void;
    let slow = false;
    const task = new PeriodicTask(
      {
        failure: 'failed',
        daily: async () => void calls.push('daily'),
        between: async () => {
          calls.push('between');
          if (slow) await new Promise<void>((r) => (finish = r));
        },
      },
      5,
      () => {},
      () => new Date('2026-12-05T02:00:00Z'),
    );
    task.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toEqual(['daily']);
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(calls).toEqual(['daily', 'between']);
    slow = true;
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(calls).toEqual(['daily', 'between', 'between']);
    let stopped = false;
    const stopping = task.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false); // the run in progress is awaited
    finish();
    await stopping;
    expect(stopped).toBe(true);
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(calls).toEqual(['daily', 'between', 'between']);
  });
});

describe('scheduleWhileServing', () => {
  it('starts the task when the server is ready, stops it on close, reports failures to the server log', async () => {
    const app = Fastify({ logger: false });
    const logged: unknown[] = [];
    vi.spyOn(app.log, 'error').mockImplementation((...args: unknown[]) => void logged.push(args));
    const { calls, work } = recorder({
      daily: async () => {
        calls.push('daily');
        throw new Error('down');
      },
    });
    let task: PeriodicTask | null = null;
    scheduleWhileServing(app, 5, (minutes, log) => {
      expect(minutes).toBe(5);
      task = new PeriodicTask(work, minutes, log);
      return task;
    });
    expect(calls).toEqual([]);
    await app.ready();
    await task!.tick();
    expect(calls.length).toBeGreaterThanOrEqual(1);
    expect(logged[0]).toEqual([{ err: expect.objectContaining({ message: 'down' }) }, 'the work failed']);
    const stop = vi.spyOn(task!, 'stop');
    await app.close();
    expect(stop).toHaveBeenCalledOnce();
  });

  it('schedules nothing when the interval is 0', async () => {
    const app = Fastify({ logger: false });
    const create = vi.fn();
    scheduleWhileServing(app, 0, create);
    await app.ready();
    await app.close();
    expect(create).not.toHaveBeenCalled();
  });
});
