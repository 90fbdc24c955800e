import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCreditCode, CREDIT_CODE_CHARSET, creditCodeCheckChar } from './creditCode.js';
import { anyText } from './testArbitraries.js';

const validCode = fc
  .tuple(
    fc.string({ unit: fc.constantFrom(...CREDIT_CODE_CHARSET), minLength: 2, maxLength: 2 }),
    fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 6, maxLength: 6 }),
    fc.string({ unit: fc.constantFrom(...CREDIT_CODE_CHARSET), minLength: 9, maxLength: 9 }),
  )
  .map(([a, b, c]) => a + b + c + creditCodeCheckChar(a + b + c));

describe('checkCreditCode', () => {
  it('accepts the GB 32100 example', () => {
    expect(checkCreditCode('91350100M000100Y43')).toEqual({
      ok: true,
      normalized: '91350100M000100Y43',
      checkDigitValid: true,
    });
  });

  it('normalises case, spaces and full-width characters', () => {
    expect(checkCreditCode(' 91350100m000100y43 ')).toMatchObject({ ok: true, normalized: '91350100M000100Y43' });
    expect(checkCreditCode('９１３５０１００Ｍ０００１００Ｙ４３')).toMatchObject({ ok: true, checkDigitValid: true });
    expect(checkCreditCode('9135 0100 M000 100Y 43')).toMatchObject({ ok: true, checkDigitValid: true });
  });

  it('maps a check sum of 31 to 0', () => {
    // Find a body whose weighted sum is ≡ 0 (mod 31): its check character must be '0'.
    const body =
      '91350100M000100Y' + [...CREDIT_CODE_CHARSET].find((c) => creditCodeCheckChar('91350100M000100Y' + c) === '0');
    expect(creditCodeCheckChar(body)).toBe('0');
    expect(checkCreditCode(body + '0')).toMatchObject({ ok: true, checkDigitValid: true });
  });

  it('a wrong check character is a warning, not a rejection', () => {
    const r = checkCreditCode('91350100M000100Y44');
    expect(r).toMatchObject({ ok: true, normalized: '91350100M000100Y44', checkDigitValid: false });
    expect(r.message).toContain('校验位');
  });

  it.each([
    ['', '请输入'],
    ['91350100M000100Y4', '应为18位'],
    ['91350100M000100Y433', '应为18位'],
    ['91350100M0001O0Y43', '不使用字母'],
    ['9135A100M000100Y43', '行政区划码'],
    ['91350100M000100Y4#', '格式错误'],
  ])('rejects %j', (input, message) => {
    const r = checkCreditCode(input);
    expect(r.ok).toBe(false);
    expect(r.message).toContain(message);
  });

  it('property: generated codes pass, and one changed character is caught', () => {
    fc.assert(
      fc.property(validCode, fc.nat(17), fc.constantFrom(...CREDIT_CODE_CHARSET), (code, pos, ch) => {
        expect(checkCreditCode(code)).toEqual({ ok: true, normalized: code, checkDigitValid: true });
        fc.pre(code[pos] !== ch && !(pos >= 2 && pos < 8 && !/\d/.test(ch)));
        expect(checkCreditCode(code.slice(0, pos) + ch + code.slice(pos + 1))).toMatchObject({
          ok: true,
          checkDigitValid: false,
        });
      }),
    );
  });

  it('property: never throws', () => {
    fc.assert(fc.property(anyText, (s) => void checkCreditCode(s)));
  });
});
