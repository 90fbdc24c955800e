import { shanghaiDate } from '@mwsp/domain';

/**
 * 岗位有效期到期: once a day (the first run after midnight, Asia/Shanghai) the open postings whose validity ended
 * become 'expired' (JobsService.expireDue); a failed run is retried at the next tick. The work is idempotent —
 * a second run the same day marks nothing — so several server instances may run it side by side.
 */
export class JobsExpiryScheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private lastRun: string | null = null;

  constructor(
    private readonly jobs: { expireDue(): Promise<number> },
    private readonly intervalMinutes: number,
    private readonly log: (msg: string, err: unknown) => void,
    private readonly now: () => Date = () => new Date(),
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.tick(), this.intervalMinutes * 60_000);
    this.timer.unref();
    void this.tick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One run (a run in progress is joined, not doubled). */
  tick(): Promise<void> {
    this.running ??= this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async run(): Promise<void> {
    const today = shanghaiDate(this.now());
    if (this.lastRun === today) return;
    try {
      await this.jobs.expireDue();
      this.lastRun = today;
    } catch (err) {
      this.log('job posting expiry failed', err);
    }
  }
}
