import { isIsoDate, isoWeekday } from '@mwsp/domain';
import { describe, expect, it } from 'vitest';
import { CALENDAR_YEARS } from './holidays.data.js';
import { WorkCalendar } from './workdays.js';

const byYear = new Map(CALENDAR_YEARS.map((y) => [y.year, y]));
const holidays = (year: number, name: string) =>
  byYear
    .get(year)!
    .days.filter((d) => d.kind === 'holiday' && d.name === name)
    .map((d) => d.date);
const workdays = (year: number) =>
  byYear
    .get(year)!
    .days.filter((d) => d.kind === 'workday')
    .map((d) => d.date);

/** 法定 days derived in local_facts.md §1.2–1.5: each must be a day off in the data. */
const STATUTORY: Record<number, string[]> = {
  2024: ['01-01', '02-10', '02-11', '02-12', '04-04', '05-01', '06-10', '09-17', '10-01', '10-02', '10-03'],
  2025: [
    '01-01',
    '01-28',
    '01-29',
    '01-30',
    '01-31',
    '04-04',
    '05-01',
    '05-02',
    '05-31',
    '10-01',
    '10-02',
    '10-03',
    '10-06',
  ],
  2026: [
    '01-01',
    '02-16',
    '02-17',
    '02-18',
    '02-19',
    '04-05',
    '05-01',
    '05-02',
    '06-19',
    '09-25',
    '10-01',
    '10-02',
    '10-03',
  ],
  2027: [
    '01-01',
    '02-05',
    '02-06',
    '02-07',
    '02-08',
    '04-05',
    '05-01',
    '05-02',
    '06-09',
    '09-15',
    '10-01',
    '10-02',
    '10-03',
  ],
};

describe('holiday data', () => {
  it('covers 2024–2026 officially and 2027 provisionally', () => {
    expect(CALENDAR_YEARS.map((y) => [y.year, y.provisional])).toEqual([
      [2024, false],
      [2025, false],
      [2026, false],
      [2027, true],
    ]);
    for (const y of CALENDAR_YEARS) expect(y.source.length).toBeGreaterThan(10);
    expect(workdays(2027)).toEqual([]);
  });

  it('lists valid, sorted, unique dates inside their year, with short names', () => {
    for (const y of CALENDAR_YEARS) {
      const dates = y.days.map((d) => d.date);
      expect(dates.every(isIsoDate)).toBe(true);
      expect(dates.every((d) => d.startsWith(`${y.year}-`))).toBe(true);
      expect(new Set(dates).size).toBe(dates.length);
      expect([...dates].sort()).toEqual(dates);
      for (const d of y.days) expect(d.name.length).toBeLessThanOrEqual(30);
    }
  });

  it('only weekend days are adjusted working days', () => {
    for (const y of CALENDAR_YEARS) {
      for (const d of y.days.filter((d) => d.kind === 'workday')) {
        expect([6, 7], d.date).toContain(isoWeekday(d.date));
        expect(d.name).toMatch(/调休上班$/);
      }
    }
  });

  it('matches the ranges of the notices', () => {
    expect(holidays(2024, '春节')).toHaveLength(8);
    expect(workdays(2024)).toEqual([
      '2024-02-04',
      '2024-02-18',
      '2024-04-07',
      '2024-04-28',
      '2024-05-11',
      '2024-09-14',
      '2024-09-29',
      '2024-10-12',
    ]);
    expect(holidays(2025, '春节')).toEqual([
      '2025-01-28',
      '2025-01-29',
      '2025-01-30',
      '2025-01-31',
      '2025-02-01',
      '2025-02-02',
      '2025-02-03',
      '2025-02-04',
    ]);
    expect(holidays(2025, '国庆节、中秋节')).toHaveLength(8);
    expect(workdays(2025)).toEqual(['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11']);
    expect(holidays(2026, '春节')).toHaveLength(9);
    expect(holidays(2026, '春节')[0]).toBe('2026-02-15');
    expect(workdays(2026)).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
    expect(byYear.get(2026)!.days.find((d) => d.date === '2026-09-20')!.name).toBe('国庆节调休上班');
  });

  it('gives every statutory day off', () => {
    for (const [year, days] of Object.entries(STATUTORY)) {
      const off = new Set(
        byYear
          .get(Number(year))!
          .days.filter((d) => d.kind === 'holiday')
          .map((d) => d.date),
      );
      for (const md of days) expect(off.has(`${year}-${md}`), `${year}-${md}`).toBe(true);
    }
    expect(byYear.get(2027)!.days.map((d) => d.date.slice(5))).toEqual(STATUTORY[2027]);
  });

  it('yields the known number of working days per year', () => {
    const cal = new WorkCalendar(CALENDAR_YEARS);
    const count = (y: number) => cal.workingDaysBetween(`${y - 1}-12-31`, `${y}-12-31`);
    expect(count(2024)).toBe(251); // 262 weekdays − 19 days off on weekdays + 8 adjusted working days
    expect(count(2025)).toBe(248); // 261 − 18 + 5 (= 365 − 104 weekend days − 13 statutory days)
    expect(count(2026)).toBe(248); // 261 − 19 + 6
  });

  it('from 2025 never asks for more than 6 working days in a row (办法 第七条)', () => {
    const cal = new WorkCalendar(CALENDAR_YEARS);
    let run = 0;
    let longest = 0;
    for (
      let d = '2025-01-01';
      d <= '2026-12-31';
      d = new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
    ) {
      run = cal.isWorkingDay(d) ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    expect(longest).toBeLessThanOrEqual(6);
  });
});
