import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fenToCapitals, fenToYuan, isValidFen, parseYuan, yuanToFen } from './money.js';
import { anyText } from './testArbitraries.js';

describe('yuanToFen', () => {
  it.each([
    ['0', 0],
    ['0.01', 1],
    ['0.1', 10],
    ['19.99', 1999],
    ['1234.5', 123450],
    ['1,234.50', 123450],
    ['12,345,678.9', 1234567890],
    ['¥ 2170', 217000],
    ['￥2,170.00', 217000],
    ['2170元', 217000],
    ['１２３４．５', 123450],
    ['12.', 1200],
    ['0.29', 29],
    ['1.15', 115],
    ['4.35', 435],
  ])('%j → %d 分', (input, fen) => {
    expect(yuanToFen(input)).toBe(fen);
  });

  it('accepts numbers without floating-point errors', () => {
    expect(yuanToFen(19.99)).toBe(1999);
    expect(yuanToFen(1.15)).toBe(115);
    expect(yuanToFen(0.29)).toBe(29);
    expect(yuanToFen(2170)).toBe(217000);
    expect(() => yuanToFen(0.1 + 0.2)).toThrow('两位小数');
    expect(() => yuanToFen(Number.NaN)).toThrow(RangeError);
  });

  it.each([
    ['', '请输入'],
    ['1.234', '两位小数'],
    ['abc', '格式不正确'],
    ['1,23.00', '格式不正确'],
    ['.5', '格式不正确'],
    ['1e5', '格式不正确'],
    ['-5', '不能为负数'],
    ['99999999999999999', '超出'],
  ])('rejects %j', (input, message) => {
    const r = parseYuan(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(message);
  });

  it('allows negatives on request', () => {
    expect(yuanToFen('-12.30', { allowNegative: true })).toBe(-1230);
    expect(yuanToFen('-0', { allowNegative: true })).toBe(0);
    expect(Object.is(yuanToFen('-0', { allowNegative: true }), -0)).toBe(false);
  });
});

describe('fenToYuan', () => {
  it('formats with grouping and two decimals', () => {
    expect(fenToYuan(0)).toBe('0.00');
    expect(fenToYuan(5)).toBe('0.05');
    expect(fenToYuan(123450)).toBe('1,234.50');
    expect(fenToYuan(100000000)).toBe('1,000,000.00');
    expect(fenToYuan(-123450)).toBe('-1,234.50');
    expect(fenToYuan(123450, { grouping: false })).toBe('1234.50');
    expect(() => fenToYuan(1.5)).toThrow(RangeError);
  });

  it('property: fenToYuan and yuanToFen are inverse', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (fen) => {
        expect(yuanToFen(fenToYuan(fen), { allowNegative: true })).toBe(fen);
        expect(yuanToFen(fenToYuan(fen, { grouping: false }), { allowNegative: true })).toBe(fen);
      }),
    );
  });

  it('property: parseYuan never throws and only returns safe integers', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, fc.double().map(String)), (s) => {
        const r = parseYuan(s, { allowNegative: true });
        if (r.ok) expect(isValidFen(r.fen, { allowNegative: true })).toBe(true);
      }),
    );
  });

  it('isValidFen', () => {
    expect(isValidFen(100)).toBe(true);
    expect(isValidFen(-1)).toBe(false);
    expect(isValidFen(-1, { allowNegative: true })).toBe(true);
    expect(isValidFen(1.5)).toBe(false);
    expect(isValidFen('100')).toBe(false);
  });
});

describe('fenToCapitals', () => {
  it.each([
    [0, '零元整'],
    [6_000_000, '陆万元整'],
    [100_550, '壹仟零伍元伍角整'],
    [10_005, '壹佰元零伍分'],
    [5, '伍分'],
    [123_456_789, '壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分'],
    [10_001_000_00, '壹仟万壹仟元整'],
    [1_000_000_000_00, '壹拾亿元整'],
    [1_000_010_00, '壹佰万零壹拾元整'],
    [20_000_000, '贰拾万元整'],
  ])('%i fen → %s', (fen, text) => expect(fenToCapitals(fen)).toBe(text));

  it('refuses a negative or fractional amount', () => {
    expect(() => fenToCapitals(-1)).toThrow(RangeError);
    expect(() => fenToCapitals(1.5)).toThrow(RangeError);
  });
});
