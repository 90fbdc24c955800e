import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  countyCodeOf,
  isRegionCode,
  isWithinRegion,
  normalizeRegionCode,
  padRegionCode,
  parentRegionCode,
  PROVINCE_CODES,
  REGION_LEVEL_NAMES,
  regionLevel,
  regionPath,
} from './regionCode.js';
import { anyText } from './testArbitraries.js';

/** A canonical code at a random level: segments are never all zeros. */
const segment = (len: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: len, maxLength: len }).filter((s) => !/^0+$/.test(s));
const canonicalCode = fc
  .tuple(
    fc.constantFrom(...PROVINCE_CODES),
    segment(2),
    segment(2),
    segment(3),
    segment(3),
    fc.integer({ min: 1, max: 5 }),
  )
  .map(([p, c, a, s, v, level]) => [p, c, a, s, v].slice(0, level).join(''));

describe('region codes', () => {
  it('knows the level of each length', () => {
    expect(regionLevel('53')).toBe(1);
    expect(regionLevel('5301')).toBe(2);
    expect(regionLevel('530102')).toBe(3);
    expect(regionLevel('530102001')).toBe(4);
    expect(regionLevel('530102001001')).toBe(5);
    expect(REGION_LEVEL_NAMES[regionLevel('530102')]).toBe('县');
    expect(() => regionLevel('530100')).toThrow(RangeError);
    expect(() => regionLevel('53010')).toThrow(RangeError);
  });

  it('normalises padded forms without confusing cities and counties', () => {
    expect(normalizeRegionCode('530100')).toBe('5301'); // 昆明市
    expect(normalizeRegionCode('530000')).toBe('53'); // 云南省
    expect(normalizeRegionCode('530102')).toBe('530102'); // 五华区
    expect(normalizeRegionCode('530100000000')).toBe('5301');
    expect(normalizeRegionCode('530102000000')).toBe('530102');
    expect(normalizeRegionCode('530102001000')).toBe('530102001');
    expect(normalizeRegionCode('530102001001')).toBe('530102001001');
    expect(normalizeRegionCode('530102000')).toBe('530102');
    expect(normalizeRegionCode(' ５３０１ ')).toBe('5301');
  });

  it.each(['', '5', '530', '53010', '000000', '990100', '530002', '530100001000', '53a1', '5301020010010'])(
    'rejects %j',
    (input) => {
      expect(normalizeRegionCode(input)).toBeNull();
      expect(isRegionCode(input)).toBe(false);
    },
  );

  it('finds parents and paths', () => {
    expect(parentRegionCode('53')).toBeNull();
    expect(parentRegionCode('5301')).toBe('53');
    expect(parentRegionCode('530102')).toBe('5301');
    expect(parentRegionCode('530102001')).toBe('530102');
    expect(parentRegionCode('530102001001')).toBe('530102001');
    expect(regionPath('530102001001')).toEqual(['53', '5301', '530102', '530102001', '530102001001']);
    expect(padRegionCode('5301')).toBe('530100000000');
  });

  it('scopes by prefix, normalising both sides', () => {
    expect(isWithinRegion('530102001001', '5301')).toBe(true);
    expect(isWithinRegion('5301', '5301')).toBe(true);
    expect(isWithinRegion('530102', '530100')).toBe(true);
    expect(isWithinRegion('5301', '530102')).toBe(false);
    expect(isWithinRegion('654301', '5301')).toBe(false);
    expect(isWithinRegion('530102', '530')).toBe(false);
    expect(isWithinRegion('bad', '53')).toBe(false);
  });

  it('property: canonical codes are fixed points; padding round-trips; parents contain children', () => {
    fc.assert(
      fc.property(canonicalCode, (code) => {
        expect(normalizeRegionCode(code)).toBe(code);
        expect(normalizeRegionCode(padRegionCode(code))).toBe(code);
        expect(regionPath(code)).toHaveLength(regionLevel(code));
        const parent = parentRegionCode(code);
        if (parent !== null) {
          expect(regionLevel(parent)).toBe(regionLevel(code) - 1);
          expect(isWithinRegion(code, parent)).toBe(true);
          expect(isWithinRegion(parent, code)).toBe(false);
        }
      }),
    );
  });

  it('property: normalize never throws and returns canonical codes only', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: 13 })), (s) => {
        const code = normalizeRegionCode(s);
        if (code !== null) expect(isRegionCode(code)).toBe(true);
      }),
    );
  });
});

describe('countyCodeOf (the distribution key)', () => {
  it('is the county of a township or village, the code itself at or above the county', () => {
    expect(countyCodeOf('530102001')).toBe('530102');
    expect(countyCodeOf('530102001001')).toBe('530102');
    expect(countyCodeOf('530102')).toBe('530102');
    expect(countyCodeOf('5301')).toBe('5301');
    expect(countyCodeOf('53')).toBe('53');
  });
});
