import { PeriodicTask, type RunLog } from '../../platform/schedule/periodic.js';
import type { ArrearsService } from './arrears.service.js';
import type { WarningEngine } from './warnings.engine.js';
import type { WarningsService } from './warnings.service.js';

/**
 * The warning engine's schedule: every few minutes the projects whose data changed are rescanned;
 * once a day (the first run after midnight, Asia/Shanghai) a full scan picks up what the date alone
 * changes (months falling due), overdue warnings escalate and expired defaulter listings end.
 * The timing, retry and shutdown are the platform's PeriodicTask.
 */
export class WagesScheduler extends PeriodicTask {
  constructor(
    s: { engine: WarningEngine; warnings: WarningsService; arrears: ArrearsService },
    intervalMinutes: number,
    log: RunLog,
    now: () => Date = () => new Date(),
  ) {
    super(
      {
        failure: 'wage warning scan failed',
        daily: async (today) => {
          await s.engine.fullScan({ today });
          await s.warnings.escalateOverdue(await s.warnings.params());
          await s.arrears.expireListings();
        },
        between: async (today) => void (await s.engine.scanQueued({ today })),
      },
      intervalMinutes,
      log,
      now,
    );
  }
}
