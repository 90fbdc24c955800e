import { PeriodicTask, type RunLog } from '../../platform/schedule/periodic.js';

/**
 * 岗位有效期到期: once a day (the first run after midnight, Asia/Shanghai) the open postings whose validity ended
 * become 'expired' (JobsService.expireDue); a failed run is retried at the next tick. The work is idempotent —
 * a second run the same day marks nothing — so several server instances may run it side by side.
 * The timing, retry and shutdown are the platform's PeriodicTask.
 */
export class JobsExpiryScheduler extends PeriodicTask {
  constructor(
    jobs: { expireDue(): Promise<number> },
    intervalMinutes: number,
    log: RunLog,
    now: () => Date = () => new Date(),
  ) {
    super(
      { failure: 'job posting expiry failed', daily: async () => void (await jobs.expireDue()) },
      intervalMinutes,
      log,
      now,
    );
  }
}
