/** fast-check generators shared by the domain tests (not exported from index.ts). */
import fc from 'fast-check';
import { fromDayNumber, toDayNumber } from './dates.js';
import { idCheckChar } from './idNumber.js';
import { PROVINCE_CODES } from './regionCode.js';

export const TODAY = '2026-11-20';

const digits = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });

/** A date between 1900-01-01 and `max` as 'YYYY-MM-DD'. */
export const isoDate = (min = '1900-01-01', max = TODAY) =>
  fc.integer({ min: toDayNumber(min), max: toDayNumber(max) }).map(fromDayNumber);

/** A valid 18-character ID number together with its parts. */
export const validIdNumber = fc
  .record({
    province: fc.constantFrom(...PROVINCE_CODES),
    rest: digits(4),
    birth: isoDate(),
    seq: digits(3),
  })
  .map(({ province, rest, birth, seq }) => {
    const first17 = province + rest + birth.replace(/-/g, '') + seq;
    return { id: first17 + idCheckChar(first17), birth, region: province + rest, male: Number(seq[2]) % 2 === 1 };
  });

/** Arbitrary text including full-width, astral and control characters. */
export const anyText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: fc.constantFrom(...'0123456789Xx１２３４５６７８９０Ｘ -+.,¥元') }),
);
