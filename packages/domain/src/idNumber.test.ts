import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageOn, idCheckChar, isValidIdNumber, parseIdNumber } from './idNumber.js';
import { anyText, TODAY, validIdNumber } from './testArbitraries.js';

const parse = (s: string) => parseIdNumber(s, { today: TODAY });

describe('parseIdNumber', () => {
  it('accepts the examples of GB 11643', () => {
    expect(parse('11010519491231002X')).toEqual({
      ok: true,
      value: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: 'female',
      regionCode: '110105',
      converted15: false,
    });
    expect(parse('440524188001010014')).toMatchObject({ ok: true, birthDate: '1880-01-01', sex: 'male' });
  });

  it('normalises lower-case x, full-width characters and surrounding spaces', () => {
    for (const input of [
      '11010519491231002x',
      ' 11010519491231002X ',
      '１１０１０５１９４９１２３１００２Ｘ',
      '\u300011010519491231002ｘ\t',
    ]) {
      expect(parse(input)).toMatchObject({ ok: true, value: '11010519491231002X' });
    }
  });

  it('converts 15-digit legacy numbers', () => {
    expect(parse('110105491231002')).toMatchObject({
      ok: true,
      value: '11010519491231002X',
      birthDate: '1949-12-31',
      converted15: true,
    });
  });

  it('accepts origins of abolished counties (only the province is checked)', () => {
    // 110103 崇文区 was merged into 东城区 in 2010.
    const first17 = '11010319800101001';
    expect(parse(first17 + idCheckChar(first17))).toMatchObject({ ok: true, regionCode: '110103' });
  });

  it.each([
    ['', 'EMPTY', '请输入身份证号码'],
    ['1101051949123100', 'LENGTH', '长度应为18位'],
    ['1101051949123100211', 'LENGTH', '长度应为18位'],
    ['11010519491231002A', 'FORMAT', '末位为数字或X'],
    ['1101051949123X002X', 'FORMAT', '前17位应为数字'],
    ['11010549123100X', 'FORMAT', '只能由数字组成'],
    ['110105194912310021', 'CHECK_DIGIT', '校验码错误'],
    ['990105194912310021', 'REGION', '省份代码无效'],
    ['110105194902300021', 'BIRTH_DATE', '出生日期无效'],
    ['110105190002290021', 'BIRTH_DATE', '出生日期无效'], // 1900 is not a leap year
    ['110105184912310021', 'BIRTH_DATE', '出生日期无效'],
    ['110105491331002', 'BIRTH_DATE', '出生日期无效'],
  ])('rejects %j with %s', (input, code, message) => {
    const r = parse(input);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe(code);
      expect(r.message).toContain(message);
    }
  });

  it('rejects births after today (Asia/Shanghai by default)', () => {
    const first17 = '11010520301231002';
    const id = first17 + idCheckChar(first17);
    expect(parse(id)).toMatchObject({ ok: false, code: 'BIRTH_FUTURE' });
    expect(parseIdNumber(id, { today: '2031-01-01' }).ok).toBe(true);
    expect(parseIdNumber(id).ok).toBe(false);
  });

  it('property: every generated valid ID round-trips', () => {
    fc.assert(
      fc.property(validIdNumber, ({ id, birth, region, male }) => {
        const r = parse(id);
        expect(r).toEqual({
          ok: true,
          value: id,
          birthDate: birth,
          sex: male ? 'male' : 'female',
          regionCode: region,
          converted15: false,
        });
        expect(parse(id.toLowerCase())).toEqual(r);
      }),
    );
  });

  it('property: a 15-digit number converts to a valid 18-digit one', () => {
    fc.assert(
      fc.property(
        validIdNumber.filter((v) => v.birth.startsWith('19')),
        ({ id }) => {
          const legacy = id.slice(0, 6) + id.slice(8, 17);
          expect(parse(legacy)).toMatchObject({ ok: true, value: id, converted15: true });
        },
      ),
    );
  });

  it('property: changing one character of a valid ID is always detected', () => {
    fc.assert(
      fc.property(validIdNumber, fc.nat(17), fc.constantFrom(...'0123456789X'), ({ id }, pos, ch) => {
        fc.pre(id[pos] !== ch && !(pos < 17 && ch === 'X'));
        expect(parse(id.slice(0, pos) + ch + id.slice(pos + 1)).ok).toBe(false);
      }),
    );
  });

  it('property: never throws on arbitrary input', () => {
    fc.assert(fc.property(anyText, (s) => void parseIdNumber(s)));
    expect(isValidIdNumber(null as unknown as string)).toBe(false);
  });
});

describe('ageOn', () => {
  it('counts full years, going up on the birthday', () => {
    expect(ageOn('2010-06-15', '2026-06-14')).toBe(15);
    expect(ageOn('2010-06-15', '2026-06-15')).toBe(16);
    expect(ageOn('1949-12-31', '2026-01-01')).toBe(76);
    expect(ageOn('2026-01-01', '2026-01-01')).toBe(0);
  });

  it('treats 29 February birthdays as 1 March in common years', () => {
    expect(ageOn('2008-02-29', '2024-02-28')).toBe(15);
    expect(ageOn('2008-02-29', '2024-02-29')).toBe(16);
    expect(ageOn('2008-02-29', '2025-02-28')).toBe(16);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
  });

  it('rejects malformed dates', () => {
    expect(() => ageOn('2010-02-30', '2026-01-01')).toThrow(RangeError);
    expect(() => ageOn('2010-6-1', '2026-01-01')).toThrow(RangeError);
  });
});
