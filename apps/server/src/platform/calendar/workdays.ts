/**
 * Working-day arithmetic for statutory deadlines, on plain 'YYYY-MM-DD' dates
 * (Asia/Shanghai calendar days; the host time zone is never consulted).
 *
 * Counting rules (民法典 第201条、第203条; 劳动保障监察条例 and 仲裁 practice):
 *  - The start day is not counted: a period of n days ends on the n-th day AFTER the start.
 *  - Working days: Monday–Friday that are not holidays, plus 调休 working Saturdays/Sundays.
 *  - Calendar days: if the last day is a rest day or holiday, the deadline moves to the next
 *    working day (`rollOverRestDays`, default true).
 *  - Years missing from the data are counted with weekends only; `coverage(year)` says so.
 */
import { fromDayNumber, shanghaiDate, toDayNumber } from '@mwsp/domain';
import type { CalendarDay, CalendarYear } from './holidays.data.js';

export type DeadlineUnit = 'working' | 'calendar';

/** A period when the clock is stopped (中止/暂停): days `from`..`to` inclusive do not count; `to` null = still stopped. */
export interface Pause {
  from: string;
  to: string | null;
}

export interface CalendarDaysOptions {
  /** Move a deadline that falls on a rest day or holiday to the next working day. Default true. */
  rollOverRestDays?: boolean;
}

export interface Coverage {
  year: number;
  /** official: from a published notice; provisional: derived, unconfirmed; missing: weekends only. */
  status: 'official' | 'provisional' | 'missing';
  source: string | null;
}

export interface DayInfo {
  date: string;
  working: boolean;
  kind: 'weekday' | 'weekend' | 'holiday' | 'workday';
  name: string | null;
}

/** Longest span the calendar will scan, as a guard against data that has no working days. */
const MAX_SCAN_DAYS = 100 * 366;

/** Today's date in Asia/Shanghai (UTC+8, no daylight saving). */
export function todayInShanghai(now: Date = new Date()): string {
  return shanghaiDate(now);
}

function checkCount(n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`天数必须是非负整数：${n}`);
}

export class WorkCalendar {
  private readonly days = new Map<number, CalendarDay>();
  private readonly years = new Map<number, CalendarYear>();

  constructor(years: readonly CalendarYear[]) {
    for (const y of years) {
      this.years.set(y.year, y);
      for (const d of y.days) this.days.set(toDayNumber(d.date), d);
    }
  }

  /** Whether the data covers a year, so callers can warn about weekend-only counting. */
  coverage(year: number): Coverage {
    const y = this.years.get(year);
    if (!y) return { year, status: 'missing', source: null };
    return { year, status: y.provisional ? 'provisional' : 'official', source: y.source };
  }

  dayInfo(date: string): DayInfo {
    const day = toDayNumber(date);
    const entry = this.days.get(day);
    if (entry) return { date, working: entry.kind === 'workday', kind: entry.kind, name: entry.name };
    const weekend = isWeekend(day);
    return { date, working: !weekend, kind: weekend ? 'weekend' : 'weekday', name: null };
  }

  isWorkingDay(date: string): boolean {
    return this.working(toDayNumber(date));
  }

  /** The date itself if it is a working day, otherwise the next working day. */
  onOrNextWorkingDay(date: string): string {
    return fromDayNumber(this.rollForward(toDayNumber(date)));
  }

  /** The n-th working day after `start` (start itself not counted); n = 0 returns `start`. */
  addWorkingDays(start: string, n: number): string {
    return this.deadlineWithPauses(start, n, 'working', []) as string;
  }

  /** `start` + n days; by default a deadline on a rest day or holiday moves to the next working day. */
  addCalendarDays(start: string, n: number, options: CalendarDaysOptions = {}): string {
    return this.deadlineWithPauses(start, n, 'calendar', [], options) as string;
  }

  /** Working days d with a < d ≤ b (negated when b is before a); workingDaysBetween(a, addWorkingDays(a, n)) === n. */
  workingDaysBetween(a: string, b: string): number {
    const from = toDayNumber(a);
    const to = toDayNumber(b);
    const [lo, hi, sign] = from <= to ? [from, to, 1] : [to, from, -1];
    let count = 0;
    for (let d = lo + 1; d <= hi; d++) if (this.working(d)) count++;
    return sign * count;
  }

  /**
   * Deadline of n working or calendar days after `start`, where days inside a pause do not
   * count. Returns null when the clock is still stopped (an open pause) before the period
   * runs out — the deadline is unknown until the pause ends.
   */
  deadlineWithPauses(
    start: string,
    n: number,
    unit: DeadlineUnit,
    pauses: readonly Pause[],
    options: CalendarDaysOptions = {},
  ): string | null {
    checkCount(n);
    const ranges = pauses.map((p) => {
      const from = toDayNumber(p.from);
      const to = p.to === null ? Infinity : toDayNumber(p.to);
      if (to < from) throw new RangeError(`暂停区间无效：${p.from} 至 ${p.to}`);
      return { from, to };
    });
    const first = toDayNumber(start);
    let day = first;
    for (let counted = 0; counted < n;) {
      day++;
      if (day - first > MAX_SCAN_DAYS) throw new RangeError('期限超出可计算范围');
      const pause = ranges.find((r) => day >= r.from && day <= r.to);
      if (pause) {
        if (pause.to === Infinity) return null;
        continue;
      }
      if (unit === 'calendar' || this.working(day)) counted++;
    }
    if (unit === 'calendar' && options.rollOverRestDays !== false) day = this.rollForward(day);
    return fromDayNumber(day);
  }

  private working(day: number): boolean {
    const entry = this.days.get(day);
    return entry ? entry.kind === 'workday' : !isWeekend(day);
  }

  private rollForward(day: number): number {
    const first = day;
    while (!this.working(day)) {
      if (++day - first > MAX_SCAN_DAYS) throw new RangeError('期限超出可计算范围');
    }
    return day;
  }
}

/** 1970-01-01 (day 0) was a Thursday. */
function isWeekend(day: number): boolean {
  const dow = (((day + 4) % 7) + 7) % 7; // 0 = Sunday
  return dow === 0 || dow === 6;
}
