import { SYSTEM_SCOPE, type Database, type Executor } from '../../db/client.js';
import type { WorkCalendar } from '../calendar/workdays.js';
import { todayInShanghai } from '../calendar/workdays.js';
import { projectClock } from './clocks.js';
import * as repo from './reprojection.repo.js';

export type { ReprojectionJob } from './reprojection.repo.js';

/**
 * The background re-projection of every running statutory clock after a calendar edit (重新推算法定时限).
 * The edit's transaction queues a job (`request`, a durable marker); `kick()` starts the worker loop after the
 * commit, and the app starts it on every start-up, so a job a crash interrupted resumes where its last committed
 * batch left it. Each batch — a page of running clocks in (county, id) order — is projected by the pure clock
 * function, written back with one statement per county, and moves the job's cursor, all in one transaction.
 */
export class ClockReprojection {
  private worker: Promise<void> | null = null;
  private again = false;
  private stopping = false;
  /** Where a failure of the background loop is reported (the app sets its logger). */
  log: (msg: string, err: unknown) => void = () => {};

  constructor(
    private readonly db: Database,
    /** The calendar as stored now (not a cache another process may hold from before the edit). */
    private readonly freshCalendar: (tx: Executor) => Promise<WorkCalendar>,
    private readonly now: () => Date,
    readonly batchSize = 2000,
  ) {}

  /** Queues a re-projection in the caller's transaction (the calendar edit's), superseding an unfinished one. */
  async request(tx: Executor, reason: string, by: string | null): Promise<number> {
    return repo.requestJob(tx, reason, by, this.now());
  }

  /** The newest job, for the administrators' progress bar. */
  async latest(): Promise<repo.ReprojectionJob | null> {
    return (await this.db.scoped(SYSTEM_SCOPE, (tx) => repo.latestJob(tx))) ?? null;
  }

  /**
   * Starts the worker loop unless it runs (then it looks for work once more when done). Never rejects: a failure
   * is logged and the job stays queued for the next kick or start-up.
   */
  kick(): Promise<void> {
    if (this.worker) {
      this.again = true;
      return this.worker;
    }
    this.stopping = false;
    this.worker = (async () => {
      do {
        this.again = false;
        try {
          await this.run();
        } catch (err) {
          this.log('clock re-projection failed', err);
          return;
        }
      } while (this.again && !this.stopping);
    })().finally(() => {
      this.worker = null;
    });
    return this.worker;
  }

  /** Lets the loop finish its batch and stop (server shutdown); the job stays queued. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.worker;
  }

  /** Resolves when the loop is idle (tests). */
  async idle(): Promise<void> {
    while (this.worker) await this.worker;
  }

  /**
   * Works through the open job, batch after batch, until it is done, superseded by a newer one (then the newer
   * one), or `maxBatches` have run (a crash in tests). Returns the last job it touched.
   */
  async run(opts: { maxBatches?: number; batch?: number } = {}): Promise<repo.ReprojectionJob | null> {
    const size = opts.batch ?? this.batchSize;
    let last: repo.ReprojectionJob | null = null;
    let cal: { job: number; cal: WorkCalendar } | null = null;
    for (let n = 0; opts.maxBatches === undefined || n < opts.maxBatches; n++) {
      if (this.stopping) break;
      const step = await this.db.scoped(SYSTEM_SCOPE, async (tx) => {
        const job = await repo.lockOpenJob(tx);
        if (!job) return null;
        if (cal?.job !== job.id) cal = { job: job.id, cal: await this.freshCalendar(tx) };
        if (job.status === 'pending') {
          job.total = await repo.countRunningClocks(tx);
          await repo.startJob(tx, job.id, job.total, this.now());
        }
        const after = job.cursorCounty && job.cursorId ? { countyCode: job.cursorCounty, id: job.cursorId } : null;
        const r = await this.batch(tx, cal.cal, after, size);
        const finished = r.clocks < size;
        await repo.advanceJob(tx, job.id, {
          cursor: r.cursor,
          done: r.clocks,
          changed: r.changed,
          missingYears: r.missingYears,
          finishedAt: finished ? this.now() : null,
        });
        return { ...job, status: finished ? ('done' as const) : ('running' as const) };
      });
      if (!step) break;
      last = step;
    }
    return last;
  }

  /** Re-projects one page of running clocks; the page's last clock is the next cursor. */
  private async batch(tx: Executor, cal: WorkCalendar, after: { countyCode: string; id: string } | null, size: number) {
    const rows = await repo.runningClockFacts(tx, after, size);
    const today = todayInShanghai(this.now());
    const missing = new Set<number>();
    const byCounty = new Map<string, Parameters<typeof repo.setProjections>[2]>();
    for (const k of rows) {
      const p = projectClock(cal, k, today);
      for (const y of p.missingYears) missing.add(y);
      if (p.dueOn === k.dueOn && p.amberOn === k.amberOn) continue;
      const list = byCounty.get(k.countyCode) ?? [];
      list.push({ id: k.id, due: p.dueOn, amber: p.amberOn, wasDue: k.dueOn, wasAmber: k.amberOn });
      byCounty.set(k.countyCode, list);
    }
    let changed = 0;
    for (const [county, list] of byCounty) changed += await repo.setProjections(tx, county, list);
    const tail = rows.at(-1);
    return {
      clocks: rows.length,
      changed,
      missingYears: [...missing],
      cursor: tail ? { countyCode: tail.countyCode, id: tail.id } : null,
    };
  }
}
