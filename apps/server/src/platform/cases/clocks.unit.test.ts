import { addDays } from '@mwsp/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CALENDAR_YEARS } from '../calendar/holidays.data.js';
import { WorkCalendar } from '../calendar/workdays.js';
import {
  amberDays,
  extensionProblem,
  pausesOf,
  projectClock,
  rungsReached,
  type ClockEntry,
  type ClockFacts,
} from './clocks.js';

const cal = new WorkCalendar(CALENDAR_YEARS);
const clock = (over: Partial<ClockFacts> = {}): ClockFacts => ({
  unit: 'working',
  budget: 5,
  maxExtension: 0,
  amberPercent: 80,
  startedOn: '2026-03-02', // a Monday
  stoppedOn: null,
  entries: [],
  ...over,
});

/** Brute force: walk day by day, counting days outside the pauses, as the statute reads. */
function bruteDue(c: ClockFacts): string | null {
  const pauses = pausesOf(c.entries);
  const total = c.budget + c.entries.reduce((s, e) => s + (e.kind === 'extend' ? e.days! : 0), 0);
  let day = c.startedOn;
  for (let n = 0; n < total;) {
    day = addDays(day, 1);
    const p = pauses.find((x) => day >= x.from && (x.to === null || day <= x.to));
    if (p) {
      if (p.to === null) return null;
      continue;
    }
    if (c.unit === 'calendar' || cal.isWorkingDay(day)) n++;
  }
  if (c.unit === 'calendar') while (!cal.isWorkingDay(day)) day = addDays(day, 1);
  return day;
}

describe('projectClock', () => {
  it('derives the due date from the working-day calendar, the start day not counted', () => {
    const p = projectClock(cal, clock(), '2026-03-02');
    expect(p).toMatchObject({ dueOn: '2026-03-09', total: 5, used: 0, remaining: 5, level: 'normal' });
    expect(p.amberOn).toBe('2026-03-06'); // 4 of 5 working days = 80 %
  });

  it('skips holidays and counts 调休 working weekends (Spring Festival 2026)', () => {
    // 2026-02-13 Friday; 2026-02-14 Saturday is a 调休 working day; 02-15..02-23 holiday.
    expect(projectClock(cal, clock({ startedOn: '2026-02-13' }), '2026-02-13').dueOn).toBe('2026-02-27');
  });

  it('turns amber at 80 % and red after the due date', () => {
    expect(projectClock(cal, clock(), '2026-03-05').level).toBe('normal'); // 3 of 5
    expect(projectClock(cal, clock(), '2026-03-06')).toMatchObject({ used: 4, level: 'amber' });
    expect(projectClock(cal, clock(), '2026-03-09')).toMatchObject({ used: 5, remaining: 0, level: 'amber' });
    expect(projectClock(cal, clock(), '2026-03-10')).toMatchObject({ used: 6, remaining: -1, level: 'red' });
  });

  it('does not count days while suspended; the due date is unknown until resumed', () => {
    const suspended = clock({ entries: [{ kind: 'suspend', on: '2026-03-03' }] });
    const p = projectClock(cal, suspended, '2026-03-20');
    expect(p).toMatchObject({ dueOn: null, amberOn: null, suspended: true, used: 1, level: 'normal' });
    expect(rungsReached(p)).toEqual([]);
    // Resumed on 03-13: 03-04..03-13 did not count; 4 more working days from 03-16.
    const resumed = clock({
      entries: [
        { kind: 'suspend', on: '2026-03-03' },
        { kind: 'resume', on: '2026-03-13' },
      ],
    });
    expect(projectClock(cal, resumed, '2026-03-13')).toMatchObject({ dueOn: '2026-03-19', used: 1 });
  });

  it('adds approved extensions to the budget', () => {
    const c = clock({ budget: 60, maxExtension: 30, entries: [{ kind: 'extend', on: '2026-04-01', days: 30 }] });
    const p = projectClock(cal, c, '2026-04-01');
    expect(p.total).toBe(90);
    expect(p.dueOn).toBe(cal.addWorkingDays('2026-03-02', 90));
  });

  it('counts calendar-day clocks and moves a due date on a rest day to the next working day', () => {
    // 45 calendar days from 2026-03-02 = 2026-04-16 (Thursday).
    expect(projectClock(cal, clock({ unit: 'calendar', budget: 45 }), '2026-03-02').dueOn).toBe('2026-04-16');
    // 5 calendar days from Monday 03-02 … but 03-07 is Saturday → Monday 03-09.
    expect(projectClock(cal, clock({ unit: 'calendar', budget: 5 }), '2026-03-02').dueOn).toBe('2026-03-09');
  });

  it('stops counting when the clock is stopped (met), and reaches no rung after', () => {
    const p = projectClock(cal, clock({ stoppedOn: '2026-03-04' }), '2026-04-30');
    expect(p).toMatchObject({ used: 2, level: 'normal', stopped: true });
    expect(rungsReached(p)).toEqual([]);
  });

  it('names the years it runs through with no calendar loaded', () => {
    const p = projectClock(cal, clock({ startedOn: '2035-12-20', budget: 20 }), '2035-12-20');
    expect(p.missingYears).toEqual(expect.arrayContaining([2035, 2036]));
    expect(projectClock(cal, clock(), '2026-03-02').missingYears).toEqual([]);
  });

  it('agrees with a brute-force day-by-day count (random clocks and ledgers)', () => {
    const entries = fc
      .array(
        fc.tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 20 }), fc.integer({ min: 1, max: 10 })),
        {
          maxLength: 3,
        },
      )
      .map((xs) => {
        const out: ClockEntry[] = [];
        let at = '2025-01-10';
        for (const [gap, len, ext] of xs) {
          at = addDays(at, gap);
          out.push({ kind: 'suspend', on: at });
          at = addDays(at, len);
          out.push({ kind: 'resume', on: at });
          out.push({ kind: 'extend', on: at, days: ext });
        }
        return out;
      });
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 1, max: 90 }),
        fc.constantFrom('working' as const, 'calendar' as const),
        entries,
        (offset, budget, unit, es) => {
          const c = clock({
            startedOn: addDays('2025-01-01', offset % 9),
            budget,
            unit,
            maxExtension: 99,
            entries: es,
          });
          expect(projectClock(cal, c, '2025-01-01').dueOn).toBe(bruteDue(c));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('rungsReached', () => {
  it('amber, then amber + red + escalate when overdue', () => {
    expect(rungsReached(projectClock(cal, clock(), '2026-03-03'))).toEqual([]);
    expect(rungsReached(projectClock(cal, clock(), '2026-03-06'))).toEqual(['amber']);
    expect(rungsReached(projectClock(cal, clock(), '2026-03-10'))).toEqual(['amber', 'red', 'escalate']);
  });
});

describe('extensionProblem', () => {
  it('refuses extensions beyond the statutory maximum, in total', () => {
    const c = clock({ budget: 60, maxExtension: 30 });
    expect(extensionProblem(c, 30)).toBeNull();
    expect(extensionProblem(c, 31)).toBe('延长后共 31个工作日，超过法定最长延长 30个工作日（已延长 0个工作日）');
    const once = { ...c, entries: [{ kind: 'extend' as const, on: '2026-04-01', days: 20 }] };
    expect(extensionProblem(once, 10)).toBeNull();
    expect(extensionProblem(once, 11)).toBe('延长后共 31个工作日，超过法定最长延长 30个工作日（已延长 20个工作日）');
    expect(extensionProblem(clock(), 1)).toBe('该时限依法不得延长');
    expect(extensionProblem(clock({ unit: 'calendar', maxExtension: 15 }), 16)).toBe(
      '延长后共 16天，超过法定最长延长 15天（已延长 0天）',
    );
  });
});

describe('pausesOf', () => {
  it('refuses a ledger out of order', () => {
    expect(() => pausesOf([{ kind: 'resume', on: '2026-01-05' }])).toThrow('时限未中止，不能恢复');
    expect(() =>
      pausesOf([
        { kind: 'suspend', on: '2026-01-05' },
        { kind: 'suspend', on: '2026-01-06' },
      ]),
    ).toThrow('时限已中止，不能重复中止');
  });
  it('amber threshold is at least one day', () => {
    expect(amberDays(1, 80)).toBe(1);
    expect(amberDays(60, 80)).toBe(48);
    expect(amberDays(90, 80)).toBe(72);
  });
});
