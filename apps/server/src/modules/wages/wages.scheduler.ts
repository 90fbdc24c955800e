import { shanghaiDate } from '@mwsp/domain';
import type { ArrearsService } from './arrears.service.js';
import type { WarningEngine } from './warnings.engine.js';
import type { WarningsService } from './warnings.service.js';

/**
 * The warning engine's schedule: every few minutes the projects whose data changed are rescanned;
 * once a day (the first run after midnight, Asia/Shanghai) a full scan picks up what the date alone
 * changes (months falling due), overdue warnings escalate and expired defaulter listings end.
 */
export class WagesScheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private lastFullScan: string | null = null;

  constructor(
    private readonly s: { engine: WarningEngine; warnings: WarningsService; arrears: ArrearsService },
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

  tick(): Promise<void> {
    this.running ??= this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async run(): Promise<void> {
    try {
      const today = shanghaiDate(this.now());
      if (this.lastFullScan !== today) {
        await this.s.engine.fullScan({ today });
        await this.s.warnings.escalateOverdue(await this.s.warnings.params());
        await this.s.arrears.expireListings();
        this.lastFullScan = today;
      } else {
        await this.s.engine.scanQueued({ today });
      }
    } catch (err) {
      this.log('wage warning scan failed', err);
    }
  }
}
