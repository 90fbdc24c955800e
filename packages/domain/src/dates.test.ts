import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, fromDayNumber, isIsoDate, isoWeekday, shanghaiDate, toDayNumber } from './dates.js';
import { isoDate } from './testArbitraries.js';

describe('dates', () => {
  it('validates YYYY-MM-DD strictly', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-2-1')).toBe(false);
    expect(isIsoDate('2025-13-01')).toBe(false);
    expect(() => toDayNumber('2025-02-30')).toThrow('日期格式无效');
  });

  it('adds days across months, years and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(isoWeekday('2026-02-14')).toBe(6);
    expect(isoWeekday('2025-10-01')).toBe(3);
  });

  it('takes the date in Asia/Shanghai, whatever the host time zone', () => {
    expect(shanghaiDate(new Date('2025-12-31T15:59:59Z'))).toBe('2025-12-31');
    expect(shanghaiDate(new Date('2025-12-31T16:00:00Z'))).toBe('2026-01-01');
    expect(shanghaiDate(new Date('2026-01-01T00:30:00+08:00'))).toBe('2026-01-01');
  });

  it('property: day numbers round-trip', () => {
    fc.assert(
      fc.property(isoDate('1900-01-01', '2100-12-31'), (d) => {
        expect(fromDayNumber(toDayNumber(d))).toBe(d);
      }),
    );
  });
});
