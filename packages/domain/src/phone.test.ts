import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidMobile, parseMobile } from './phone.js';
import { anyText } from './testArbitraries.js';

describe('parseMobile', () => {
  it.each([
    '13812341234',
    ' 138 1234 1234 ',
    '138-1234-1234',
    '+86 138 1234 1234',
    '+8613812341234',
    '008613812341234',
    '8613812341234',
    '(+86)13812341234',
    '１３８１２３４１２３４',
    '138—1234—1234',
  ])('accepts %j', (input) => {
    expect(parseMobile(input)).toEqual({ ok: true, normalized: '13812341234' });
  });

  it.each([
    ['', '请输入'],
    ['1381234123', '应为11位'],
    ['138123412345', '应为11位'],
    ['12812341234', '格式不正确'],
    ['23812341234', '格式不正确'],
    ['138l2341234', '只能包含数字'],
    ['+85213812341234', '只能包含数字'],
  ])('rejects %j', (input, message) => {
    const r = parseMobile(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(message);
  });

  it('property: every 1[3-9]xxxxxxxxx number is accepted unchanged, also with +86', () => {
    const mobile = fc
      .tuple(
        fc.constantFrom(...'3456789'),
        fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 9, maxLength: 9 }),
      )
      .map(([a, b]) => `1${a}${b}`);
    fc.assert(
      fc.property(mobile, (m) => {
        expect(parseMobile(m)).toEqual({ ok: true, normalized: m });
        expect(parseMobile(`+86 ${m.slice(0, 3)} ${m.slice(3, 7)} ${m.slice(7)}`)).toEqual({ ok: true, normalized: m });
      }),
    );
  });

  it('property: never throws; the output is always 11 digits', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const r = parseMobile(s);
        if (r.ok) expect(r.normalized).toMatch(/^1[3-9]\d{9}$/);
      }),
    );
    expect(isValidMobile(undefined as unknown as string)).toBe(false);
  });
});
