import { SYSTEM_SCOPE, type Database, type Executor } from '../../db/client.js';
import { access } from '../access/access.js';
import type { Principal } from '../access/principal.js';
import { actorOf, type AuditLog } from '../audit/audit.js';
import { badRequest } from '../http/errors.js';
import * as repo from './calendar.repo.js';
import { CALENDAR_YEARS, type CalendarYear } from './holidays.data.js';
import { WorkCalendar } from './workdays.js';

/**
 * The working-day calendar every statutory deadline uses (wage warnings, inspection, arbitration,
 * service applications): holidays and 调休 as editable data per year, arithmetic in Asia/Shanghai.
 */
export class CalendarService {
  private cached: WorkCalendar | null = null;
  private readonly changeListeners: (() => Promise<void>)[] = [];
  private readonly editListeners: ((tx: Executor, p: Principal, year: number) => Promise<void>)[] = [];

  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
  ) {}

  /** Seeds the shipped years that the database does not have yet (edits made by staff are kept). */
  async seed(): Promise<void> {
    await this.db.scoped(SYSTEM_SCOPE, async (tx) => {
      for (const y of CALENDAR_YEARS) if (!(await repo.hasYear(tx, y.year))) await repo.replaceYear(tx, y);
    });
    this.cached = null;
  }

  /** Called after every edit of a year, once it is committed (e.g. re-project every running statutory clock). */
  onChange(listener: () => Promise<void>): void {
    this.changeListeners.push(listener);
  }

  /**
   * Called inside the transaction of every edit of a year (e.g. queue the re-projection of the running clocks
   * as a durable marker: it commits with the edit or not at all).
   */
  onEdit(listener: (tx: Executor, p: Principal, year: number) => Promise<void>): void {
    this.editListeners.push(listener);
  }

  /** The calendar as stored, read in the caller's transaction, bypassing the cache (another process's edit). */
  async fresh(tx: Executor): Promise<WorkCalendar> {
    return new WorkCalendar(await repo.loadYears(tx));
  }

  async calendar(): Promise<WorkCalendar> {
    if (!this.cached) this.cached = new WorkCalendar(await this.db.scoped(SYSTEM_SCOPE, (tx) => repo.loadYears(tx)));
    return this.cached;
  }

  /** The calendar, read inside the caller's transaction when not cached (a reference table, readable in any scope). */
  async calendarIn(tx: Executor): Promise<WorkCalendar> {
    if (!this.cached) this.cached = new WorkCalendar(await repo.loadYears(tx));
    return this.cached;
  }

  async year(year: number): Promise<CalendarYear> {
    const years = await this.db.scoped(SYSTEM_SCOPE, (tx) => repo.loadYears(tx));
    return years.find((y) => y.year === year) ?? { year, provisional: true, source: '未录入：仅按周末计算', days: [] };
  }

  async replaceYear(p: Principal, y: CalendarYear): Promise<CalendarYear> {
    access(p, 'calendar:write');
    const seen = new Set<string>();
    for (const d of y.days) {
      if (!d.date.startsWith(`${y.year}-`))
        throw badRequest(`日期 ${d.date} 不属于 ${y.year} 年`, [
          { path: 'days', message: `日期 ${d.date} 不属于 ${y.year} 年` },
        ]);
      if (seen.has(d.date)) throw badRequest(`日期 ${d.date} 重复`, [{ path: 'days', message: `日期 ${d.date} 重复` }]);
      seen.add(d.date);
    }
    await this.db.scoped(SYSTEM_SCOPE, async (tx) => {
      await repo.replaceYear(tx, y);
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'calendar.update',
        outcome: 'success',
        objectType: 'calendar_year',
        objectId: String(y.year),
        detail: { days: y.days.length, provisional: y.provisional },
      });
      for (const l of this.editListeners) await l(tx, p, y.year);
    });
    this.cached = null;
    // Whoever derives dates from the calendar re-projects them (the case engine's statutory clocks: in the
    // background, from the job the edit's transaction queued).
    for (const l of this.changeListeners) await l();
    return this.year(y.year);
  }
}
