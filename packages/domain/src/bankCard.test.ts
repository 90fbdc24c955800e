import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { luhnValid, parseBankCard } from './bankCard.js';
import { anyText } from './testArbitraries.js';

/** Append the Luhn check digit. */
function withCheckDigit(body: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(body + d)) return body + d;
  throw new Error('unreachable');
}

describe('luhnValid', () => {
  it('matches known numbers', () => {
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('79927398710')).toBe(false);
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('6222021234567890128')).toBe(true);
    expect(luhnValid('')).toBe(false);
    expect(luhnValid('4111 1111')).toBe(false);
  });

  it('property: detects every single-digit error', () => {
    const body = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 11, maxLength: 18 });
    fc.assert(
      fc.property(body, fc.nat(), fc.integer({ min: 1, max: 9 }), (b, p, delta) => {
        const card = withCheckDigit(b);
        expect(luhnValid(card)).toBe(true);
        const pos = p % card.length;
        const changed = card.slice(0, pos) + ((Number(card[pos]) + delta) % 10) + card.slice(pos + 1);
        expect(luhnValid(changed)).toBe(false);
      }),
    );
  });
});

describe('parseBankCard', () => {
  it('normalises separators and full-width digits', () => {
    expect(parseBankCard('6222 0212 3456 7890 128')).toEqual({
      ok: true,
      normalized: '6222021234567890128',
      luhnValid: true,
    });
    expect(parseBankCard('６２２２-０２１２-３４５６-７８９０-１２８')).toMatchObject({ ok: true, luhnValid: true });
  });

  it('a Luhn failure is a warning', () => {
    expect(parseBankCard('6222021234567890123')).toMatchObject({
      ok: true,
      luhnValid: false,
      message: expect.stringContaining('校验'),
    });
  });

  it.each([
    ['', '请输入'],
    ['12345678901', '12至19位'],
    ['12345678901234567890', '12至19位'],
    ['6222a21234567890128', '只能包含数字'],
  ])('rejects %j', (input, message) => {
    const r = parseBankCard(input);
    expect(r.ok).toBe(false);
    expect(r.message).toContain(message);
  });

  it('property: never throws', () => {
    fc.assert(fc.property(anyText, (s) => void parseBankCard(s)));
  });
});
