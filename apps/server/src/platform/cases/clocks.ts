/**
 * Statutory clocks (法定时限), pure: a clock is a budget of days plus a ledger of suspensions (中止) and approved
 * extensions (延长). Its due date is DERIVED from the working-day calendar every time — the stored due date on
 * a clock row is only a projection for queues and sweeps, rewritten whenever the ledger or the calendar changes.
 *
 * Counting (platform/calendar/workdays.ts): the start day is not counted. A suspension entered on day S stops
 * the clock from S+1 (S itself was spent); a resumption entered on day R counts again from R+1. While suspended,
 * the due date is unknown (null).
 */
import { addDays, toDayNumber } from '@mwsp/domain';
import type { DeadlineUnit, Pause, WorkCalendar } from '../calendar/workdays.js';

export interface ClockEntry {
  kind: 'suspend' | 'resume' | 'extend';
  on: string;
  /** extend: the approved days. */
  days?: number;
}

export interface ClockFacts {
  unit: DeadlineUnit;
  budget: number;
  maxExtension: number;
  amberPercent: number;
  startedOn: string;
  /** The day the clock was stopped (its stage done), or null while running. */
  stoppedOn: string | null;
  /** The ledger, in the order it was written. */
  entries: readonly ClockEntry[];
}

export type ClockLevel = 'normal' | 'amber' | 'red';

export interface ClockProjection {
  /** The due date, or null while suspended. */
  dueOn: string | null;
  /** The day the amber rung is due (80 % of the days used), null while suspended. */
  amberOn: string | null;
  extension: number;
  /** budget + extension. */
  total: number;
  suspended: boolean;
  stopped: boolean;
  /** Days used up to today (or to the stop), suspensions excluded. */
  used: number;
  /** total − used (negative: overdue by so many days). */
  remaining: number;
  level: ClockLevel;
  /** Years the clock runs through with no calendar loaded (counted with weekends only: warn the administrators). */
  missingYears: number[];
}

/** The suspension ranges of a ledger, as calendar pauses. Throws on a ledger out of order. */
export function pausesOf(entries: readonly ClockEntry[]): Pause[] {
  const out: Pause[] = [];
  let open: string | null = null;
  for (const e of entries) {
    if (e.kind === 'suspend') {
      if (open !== null) throw new RangeError('时限已中止，不能重复中止');
      open = addDays(e.on, 1);
    } else if (e.kind === 'resume') {
      if (open === null) throw new RangeError('时限未中止，不能恢复');
      // Resumed on the day it was suspended: nothing was paused.
      if (e.on >= open) out.push({ from: open, to: e.on });
      open = null;
    }
  }
  if (open !== null) out.push({ from: open, to: null });
  return out;
}

export function extensionOf(entries: readonly ClockEntry[]): number {
  return entries.reduce((s, e) => s + (e.kind === 'extend' ? (e.days ?? 0) : 0), 0);
}

export function isSuspended(entries: readonly ClockEntry[]): boolean {
  let open = false;
  for (const e of entries)
    if (e.kind === 'suspend') open = true;
    else if (e.kind === 'resume') open = false;
  return open;
}

/** Why an extension of `days` cannot be approved, or null when it can (statutory maximum, in total). */
export function extensionProblem(
  c: Pick<ClockFacts, 'maxExtension' | 'entries' | 'unit'>,
  days: number,
): string | null {
  const unit = c.unit === 'working' ? '个工作日' : '天';
  if (c.maxExtension === 0) return '该时限依法不得延长';
  const already = extensionOf(c.entries);
  if (already + days > c.maxExtension)
    return `延长后共 ${already + days}${unit}，超过法定最长延长 ${c.maxExtension}${unit}（已延长 ${already}${unit}）`;
  return null;
}

/** Days counted by the clock after `start` up to and including `until`, skipping pauses. */
export function daysUsed(cal: WorkCalendar, unit: DeadlineUnit, start: string, until: string, pauses: Pause[]): number {
  const first = toDayNumber(start);
  const last = toDayNumber(until);
  const ranges = pauses.map((p) => ({ from: toDayNumber(p.from), to: p.to === null ? Infinity : toDayNumber(p.to) }));
  let n = 0;
  for (let d = first + 1; d <= last; d++) {
    if (ranges.some((r) => d >= r.from && d <= r.to)) continue;
    if (unit === 'calendar' || cal.isWorkingDay(addDays(start, d - first))) n++;
  }
  return n;
}

/** The amber threshold in days: the first day count at or above `percent` of the total. */
export function amberDays(total: number, percent: number): number {
  return Math.max(1, Math.ceil((total * percent) / 100));
}

/** Projects a clock onto the calendar as of `today`. */
export function projectClock(cal: WorkCalendar, c: ClockFacts, today: string): ClockProjection {
  const pauses = pausesOf(c.entries);
  const extension = extensionOf(c.entries);
  const total = c.budget + extension;
  const suspended = pauses.some((p) => p.to === null);
  const dueOn = cal.deadlineWithPauses(c.startedOn, total, c.unit, pauses);
  const amberOn = cal.deadlineWithPauses(c.startedOn, amberDays(total, c.amberPercent), c.unit, pauses, {
    rollOverRestDays: false,
  });
  const until = c.stoppedOn !== null && c.stoppedOn < today ? c.stoppedOn : today;
  const used = until > c.startedOn ? daysUsed(cal, c.unit, c.startedOn, until, pauses) : 0;
  let level: ClockLevel = 'normal';
  if (dueOn !== null && until > dueOn) level = 'red';
  else if (used >= amberDays(total, c.amberPercent)) level = 'amber';
  const lastYear = Number((dueOn ?? today).slice(0, 4));
  const missingYears: number[] = [];
  for (let y = Number(c.startedOn.slice(0, 4)); y <= Math.max(lastYear, Number(today.slice(0, 4))); y++)
    if (cal.coverage(y).status === 'missing') missingYears.push(y);
  return {
    dueOn,
    amberOn,
    extension,
    total,
    suspended,
    stopped: c.stoppedOn !== null,
    used,
    remaining: total - used,
    level,
    missingYears,
  };
}

/**
 * The escalation rungs a running clock has reached as of `today` (each fires exactly once: the service claims it
 * with a unique insert in the transaction of its effect). amber: 80 % used; red: past the due date; escalate: to the
 * supervisor, reached together with red (a sweep that claimed red but crashed before escalate claims it next time).
 */
export type Rung = 'amber' | 'red' | 'escalate';

export function rungsReached(p: ClockProjection): Rung[] {
  if (p.stopped || p.suspended) return [];
  if (p.level === 'red') return ['amber', 'red', 'escalate'];
  if (p.level === 'amber') return ['amber'];
  return [];
}
