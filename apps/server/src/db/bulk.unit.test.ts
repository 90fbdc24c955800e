import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arrayLiteral, type BulkValue } from './bulk.js';

/** PostgreSQL's array_in for a one-dimensional literal of quoted elements and NULLs (what arrayLiteral writes). */
function parseArrayLiteral(text: string): (string | null)[] {
  expect(text.startsWith('{') && text.endsWith('}')).toBe(true);
  const out: (string | null)[] = [];
  let i = 1;
  if (text[i] === '}') return out;
  for (;;) {
    if (text.startsWith('NULL', i)) {
      out.push(null);
      i += 4;
    } else {
      expect(text[i]).toBe('"');
      let s = '';
      for (i++; text[i] !== '"'; i++) {
        if (text[i] === '\\') i++;
        expect(i).toBeLessThan(text.length);
        s += text[i];
      }
      out.push(s);
      i++;
    }
    if (text[i] === '}') break;
    expect(text[i]).toBe(',');
    i++;
  }
  expect(i).toBe(text.length - 1);
  return out;
}

describe('arrayLiteral', () => {
  it('reads back as the values (as text), whatever quotes, backslashes, braces and commas they hold', () => {
    const value = fc.oneof(
      fc.string({ unit: fc.constantFrom('a', '"', '\\', ',', '{', '}', ' ', 'N', '王', '\u{10FFFF}') }),
      fc.string(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
    );
    fc.assert(
      fc.property(fc.array(value as fc.Arbitrary<BulkValue>), (values) => {
        expect(parseArrayLiteral(arrayLiteral(values))).toEqual(
          values.map((v) => (v === null || v === undefined ? null : String(v))),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('quotes the text "NULL" (an element, not a null)', () => {
    expect(arrayLiteral(['NULL', null, 'a"b\\c'])).toBe('{"NULL",NULL,"a\\"b\\\\c"}');
  });
});
