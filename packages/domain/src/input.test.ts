import { describe, expect, it } from 'vitest';
import { boundedInt, hasControlChars, isoDateSchema, monthSchema, plainText, versionSchema } from './input.js';

describe('shared input schemas', () => {
  it('text refuses C0 control characters but keeps tab, CR and LF', () => {
    expect(hasControlChars('a\u0000b')).toBe(true);
    expect(hasControlChars('\u001f')).toBe(true);
    expect(hasControlChars('一行\n二行\t\r')).toBe(false);
    expect(plainText(10).safeParse('a\u0000b').success).toBe(false);
    expect(plainText(10).safeParse(' 张三 ').data).toBe('张三');
    expect(plainText(3).safeParse('abcd').success).toBe(false);
  });

  it('dates must exist and lie between 1900 and 2100', () => {
    for (const bad of [
      '2026-13-01',
      '9999-99-99',
      '0000-00-00',
      '2026-02-30',
      '2026-00-10',
      '1899-12-31',
      '2101-01-01',
      '2026-1-1',
      '20260101',
    ]) {
      expect(isoDateSchema.safeParse(bad).success, bad).toBe(false);
    }
    for (const ok of ['2024-02-29', '1900-01-01', '2100-12-31', '2026-03-02'])
      expect(isoDateSchema.safeParse(ok).success, ok).toBe(true);
    const msg = isoDateSchema.safeParse('2026-13-01').error!.issues[0].message;
    expect(msg).toMatch(/日期/);
  });

  it('months are YYYY-MM (or the first day) of a real month', () => {
    expect(monthSchema.safeParse('2026-03').success).toBe(true);
    expect(monthSchema.safeParse('2026-03-01').success).toBe(true);
    for (const bad of ['2026-13', '2026-00', '0000-01', '2026-03-02', '9999-99'])
      expect(monthSchema.safeParse(bad).success, bad).toBe(false);
  });

  it('versions and bounded integers fit a database integer', () => {
    expect(versionSchema.safeParse(2 ** 31 - 1).success).toBe(true);
    for (const bad of [2 ** 31, 9007199254740991, -1, 1.5, '1'])
      expect(versionSchema.safeParse(bad).success, String(bad)).toBe(false);
    expect(boundedInt(1, 28).safeParse(29).success).toBe(false);
  });
});
