import { addDays } from '@mwsp/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CALENDAR_YEARS } from './holidays.data.js';
import { todayInShanghai, WorkCalendar } from './workdays.js';

const cal = new WorkCalendar(CALENDAR_YEARS);

describe('WorkCalendar.isWorkingDay', () => {
  it('counts 调休 Saturdays and Sundays as working days', () => {
    for (const d of ['2026-02-14', '2026-02-28', '2025-02-08', '2026-01-04', '2024-02-18', '2025-09-28']) {
      expect(cal.isWorkingDay(d), d).toBe(true);
    }
  });

  it('treats holidays, including weekend days inside a range, as rest days', () => {
    for (const d of ['2026-02-15', '2026-02-23', '2025-10-06', '2025-10-08', '2024-02-17', '2026-01-02']) {
      expect(cal.isWorkingDay(d), d).toBe(false);
    }
    expect(cal.dayInfo('2025-10-06')).toEqual({
      date: '2025-10-06',
      working: false,
      kind: 'holiday',
      name: '国庆节、中秋节',
    });
    expect(cal.dayInfo('2026-02-14')).toMatchObject({ working: true, kind: 'workday', name: '春节调休上班' });
    expect(cal.dayInfo('2026-03-07')).toMatchObject({ working: false, kind: 'weekend', name: null });
    expect(cal.dayInfo('2026-03-09')).toMatchObject({ working: true, kind: 'weekday' });
  });

  it('falls back to weekends only for years without data, and says so', () => {
    expect(cal.coverage(2025)).toMatchObject({ status: 'official' });
    expect(cal.coverage(2027)).toMatchObject({ status: 'provisional' });
    expect(cal.coverage(2030)).toEqual({ year: 2030, status: 'missing', source: null });
    expect(cal.isWorkingDay('2030-10-01')).toBe(true); // a Tuesday; no data for 2030
    expect(cal.isWorkingDay('2030-10-05')).toBe(false); // Saturday
  });

  it('rejects malformed dates', () => {
    expect(() => cal.isWorkingDay('2026-02-30')).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2026/02/01', 1)).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2026-02-01', -1)).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2026-02-01', 1.5)).toThrow(RangeError);
  });
});

describe('WorkCalendar.addWorkingDays (start day not counted)', () => {
  it('Spring Festival 2026: 5 working days from Thu 2026-02-12 end on 2026-02-26', () => {
    // 02-13 Fri (1), 02-14 Sat 调休 (2), 02-15…02-23 off, 02-24 (3), 02-25 (4), 02-26 (5)
    expect(cal.addWorkingDays('2026-02-12', 5)).toBe('2026-02-26');
    expect(cal.addWorkingDays('2026-02-13', 1)).toBe('2026-02-14');
    expect(cal.addWorkingDays('2025-02-07', 1)).toBe('2025-02-08');
  });

  it('National Day 2025: the 8 days off together with 中秋 are skipped', () => {
    expect(cal.addWorkingDays('2025-09-30', 1)).toBe('2025-10-09');
    expect(cal.workingDaysBetween('2025-09-30', '2025-10-08')).toBe(0);
    expect(cal.addWorkingDays('2025-09-26', 2)).toBe('2025-09-29'); // 09-28 Sun is a working day
  });

  it('labour inspection: decide within 5 working days of a complaint on 2026-04-30', () => {
    // 05-01…05-05 off, 05-06 (1), 05-07 (2), 05-08 (3), 05-09 Sat 调休 (4), 05-11 Mon (5)
    expect(cal.addWorkingDays('2026-04-30', 5)).toBe('2026-05-11');
  });

  it('crosses year boundaries', () => {
    expect(cal.addWorkingDays('2025-12-31', 1)).toBe('2026-01-04'); // 01-01…03 off, 01-04 Sun 调休
    expect(cal.addWorkingDays('2026-12-31', 1)).toBe('2027-01-04'); // provisional 2027-01-01, weekend
    expect(cal.addWorkingDays('2023-12-29', 1)).toBe('2024-01-02'); // 2023 has no data: weekend, then 元旦
    expect(cal.addWorkingDays('2026-12-31', 60)).toBe('2027-03-30'); // Jan 20 + Feb 18 + Mar 22
  });

  it('n = 0 returns the start itself', () => {
    expect(cal.addWorkingDays('2026-02-15', 0)).toBe('2026-02-15');
  });

  it('property: the n-th working day is a working day exactly n working days later', () => {
    const start = fc.integer({ min: 0, max: 4 * 366 }).map((n) => addDays('2023-12-01', n));
    fc.assert(
      fc.property(start, fc.integer({ min: 1, max: 300 }), (s, n) => {
        const due = cal.addWorkingDays(s, n);
        expect(cal.isWorkingDay(due)).toBe(true);
        expect(cal.workingDaysBetween(s, due)).toBe(n);
        expect(cal.workingDaysBetween(due, s)).toBe(-n);
        expect(cal.addWorkingDays(s, n + 1) > due).toBe(true);
      }),
    );
  });
});

describe('WorkCalendar.addCalendarDays (民法典 第203条: a last day on a rest day moves on)', () => {
  it('a deadline falling on a holiday rolls to the next working day', () => {
    expect(cal.addCalendarDays('2025-09-30', 1)).toBe('2025-10-09');
    expect(cal.addCalendarDays('2026-01-05', 45)).toBe('2026-02-24'); // 45-day arbitration award: 02-19 is 春节
    expect(cal.addCalendarDays('2025-09-30', 1, { rollOverRestDays: false })).toBe('2025-10-01');
  });

  it('a deadline on an ordinary weekend moves to Monday; on a 调休 Saturday it stays', () => {
    expect(cal.addCalendarDays('2025-03-07', 2)).toBe('2025-03-10');
    expect(cal.addCalendarDays('2026-02-13', 1)).toBe('2026-02-14');
    expect(cal.addCalendarDays('2026-02-01', 13)).toBe('2026-02-14');
  });

  it('counts across years, 30-day and 60-day periods', () => {
    expect(cal.addCalendarDays('2025-12-02', 30)).toBe('2026-01-04'); // 01-01 is off, 01-04 Sun 调休
    expect(cal.addCalendarDays('2025-12-01', 30)).toBe('2025-12-31');
    expect(cal.addCalendarDays('2024-12-31', 60)).toBe('2025-03-03'); // 03-01 Sat → Mon
  });

  it('onOrNextWorkingDay', () => {
    expect(cal.onOrNextWorkingDay('2026-02-16')).toBe('2026-02-24');
    expect(cal.onOrNextWorkingDay('2026-02-24')).toBe('2026-02-24');
  });

  it('property: the result is a working day no earlier than start + n', () => {
    const start = fc.integer({ min: 0, max: 4 * 366 }).map((n) => addDays('2023-12-01', n));
    fc.assert(
      fc.property(start, fc.integer({ min: 0, max: 400 }), (s, n) => {
        const due = cal.addCalendarDays(s, n);
        expect(cal.isWorkingDay(due)).toBe(true);
        expect(due >= addDays(s, n)).toBe(true);
        expect(cal.onOrNextWorkingDay(addDays(s, n))).toBe(due);
      }),
    );
  });
});

describe('WorkCalendar.deadlineWithPauses (paused clock)', () => {
  it('a pause spanning National Day 2025', () => {
    // Without the pause: 09-23…26 (4), 09-28 Sun 调休 (5), 09-29 (6), 09-30 (7), 10-09 (8), 10-10 (9), 10-11 Sat 调休 (10)
    expect(cal.deadlineWithPauses('2025-09-22', 10, 'working', [])).toBe('2025-10-11');
    // Paused 09-29…10-10: 4 + 09-28, then 10-11 (6), 10-13 … 10-16 (10)
    expect(cal.deadlineWithPauses('2025-09-22', 10, 'working', [{ from: '2025-09-29', to: '2025-10-10' }])).toBe(
      '2025-10-16',
    );
  });

  it('calendar days: paused days are added, then the rest-day rule applies', () => {
    // 09-15 + 30 = 10-15; 10 paused days → 10-25 (Sat) → Mon 10-27
    expect(cal.deadlineWithPauses('2025-09-15', 30, 'calendar', [{ from: '2025-09-29', to: '2025-10-08' }])).toBe(
      '2025-10-27',
    );
    expect(
      cal.deadlineWithPauses('2025-09-15', 30, 'calendar', [{ from: '2025-09-29', to: '2025-10-08' }], {
        rollOverRestDays: false,
      }),
    ).toBe('2025-10-25');
  });

  it('several pauses, overlapping pauses and pauses before the start', () => {
    const pauses = [
      { from: '2026-03-02', to: '2026-03-03' },
      { from: '2026-03-03', to: '2026-03-04' },
      { from: '2026-01-01', to: '2026-02-27' },
    ];
    // From Fri 02-27: 02-28 Sat 调休 (1), 03-02…04 paused, 03-05 (2), 03-06 (3)
    expect(cal.deadlineWithPauses('2026-02-27', 3, 'working', pauses)).toBe('2026-03-06');
  });

  it('an open pause stops the clock; one that starts after the deadline does not matter', () => {
    expect(cal.deadlineWithPauses('2026-03-02', 5, 'working', [{ from: '2026-03-04', to: null }])).toBeNull();
    expect(cal.deadlineWithPauses('2026-03-02', 5, 'working', [{ from: '2026-03-20', to: null }])).toBe('2026-03-09');
  });

  it('no pauses = addWorkingDays / addCalendarDays', () => {
    expect(cal.deadlineWithPauses('2026-02-12', 5, 'working', [])).toBe(cal.addWorkingDays('2026-02-12', 5));
    expect(cal.deadlineWithPauses('2025-09-30', 1, 'calendar', [])).toBe('2025-10-09');
  });

  it('rejects a pause that ends before it starts', () => {
    expect(() =>
      cal.deadlineWithPauses('2026-03-02', 5, 'working', [{ from: '2026-03-04', to: '2026-03-03' }]),
    ).toThrow('暂停区间无效');
  });

  it('property: a pause delays a working-day deadline by exactly its working days', () => {
    const start = fc.integer({ min: 0, max: 3 * 366 }).map((n) => addDays('2024-01-01', n));
    fc.assert(
      fc.property(
        start,
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 0, max: 30 }),
        (s, n, offset, len) => {
          const from = addDays(s, offset);
          const to = addDays(from, len);
          const plain = cal.addWorkingDays(s, n);
          const paused = cal.deadlineWithPauses(s, n, 'working', [{ from, to }])!;
          if (from > plain) expect(paused).toBe(plain);
          else expect(cal.workingDaysBetween(s, paused) - cal.workingDaysBetween(addDays(from, -1), to)).toBe(n);
        },
      ),
    );
  });
});

describe('todayInShanghai', () => {
  it('uses UTC+8 regardless of the host time zone', () => {
    expect(todayInShanghai(new Date('2026-02-14T15:59:59.999Z'))).toBe('2026-02-14');
    expect(todayInShanghai(new Date('2026-02-14T16:00:00Z'))).toBe('2026-02-15');
    expect(todayInShanghai(new Date('2026-02-15T07:00:00-08:00'))).toBe('2026-02-15');
    expect(todayInShanghai()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
