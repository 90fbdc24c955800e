import type { FastifyInstance } from 'fastify';
import { shanghaiDate } from '@mwsp/domain';

/** What a module runs on the platform's schedule (the work itself; the timing is PeriodicTask's). */
export interface PeriodicWork {
  /** Logged with the error when a run fails. */
  failure: string;
  /**
   * The first run of each day (Asia/Shanghai). A failed one is retried at every tick until it succeeds;
   * it must be idempotent, since several server instances may run it side by side.
   */
  daily(today: string): Promise<void>;
  /** The other runs of the same day, every interval (none when absent). */
  between?(today: string): Promise<void>;
}

/** Where a failed run is reported. */
export type RunLog = (msg: string, err: unknown) => void;

/**
 * A periodic task: a tick every `intervalMinutes` (MWSP_SCAN_MINUTES, PlatformConfig.scanIntervalMinutes)
 * and one at start; the first successful tick of a Shanghai day runs `daily`, the others `between`.
 * A tick while a run is in progress joins it rather than starting a second one; a failure is logged,
 * never thrown, and the next tick tries again. `stop` clears the timer and waits for the run in progress.
 */
export class PeriodicTask {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private lastDaily: string | null = null;

  constructor(
    private readonly work: PeriodicWork,
    private readonly intervalMinutes: number,
    private readonly log: RunLog,
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
    try {
      const today = shanghaiDate(this.now());
      if (this.lastDaily !== today) {
        await this.work.daily(today);
        this.lastDaily = today;
      } else {
        await this.work.between?.(today);
      }
    } catch (err) {
      this.log(this.work.failure, err);
    }
  }
}

/**
 * Runs a module's periodic task while the server is up: started when the server is ready, stopped on close
 * (the run in progress awaited). Nothing is scheduled when `intervalMinutes` is 0 (tests, one-off CLI runs).
 */
export function scheduleWhileServing(
  app: FastifyInstance,
  intervalMinutes: number,
  create: (intervalMinutes: number, log: RunLog) => PeriodicTask,
): void {
  if (!intervalMinutes) return;
  const task = create(intervalMinutes, (msg, err) => app.log.error({ err }, msg));
  app.addHook('onReady', async () => task.start());
  app.addHook('onClose', async () => task.stop());
}
