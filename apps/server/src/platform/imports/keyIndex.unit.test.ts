import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeyIndex } from './keyIndex.js';

describe('KeyIndex (in-file duplicates)', () => {
  it('answers as a Map of first holders would, through growth and rehashing', () => {
    fc.assert(
      fc.property(
        // few distinct keys (many repeats), of every length and script, some sharing prefixes
        fc.array(
          fc.oneof(
            fc.constantFrom('', 'a', 'ab', '中', '110101199003071234', '11010119900307123X'),
            fc.string({ maxLength: 300 }),
            fc.nat(40).map(String),
          ),
          { maxLength: 400 },
        ),
        fc.nat(5),
        (keys, expected) => {
          const index = new KeyIndex(expected);
          const ref = new Map<string, number>();
          keys.forEach((k, i) => {
            const rowNo = i + 2;
            expect(index.claim(k, rowNo)).toBe(ref.get(k));
            if (!ref.has(k)) ref.set(k, rowNo);
          });
          expect(index.count).toBe(ref.size);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('holds 200,000 ID numbers exactly', () => {
    const index = new KeyIndex(1000);
    const id = (i: number) => `5301${String(i).padStart(13, '0')}X`;
    let claimedBefore = 0;
    for (let i = 0; i < 200_000; i++) if (index.claim(id(i), i + 2) !== undefined) claimedBefore++;
    expect(claimedBefore).toBe(0);
    expect(index.count).toBe(200_000);
    expect(index.claim(id(123_456), 999_999)).toBe(123_458);
    expect(index.claim(id(5).slice(0, 17) + '9', 1)).toBeUndefined();
  });
});

describe('KeyIndex.release', () => {
  it('answers as a Map of holders would when rows give their keys up', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(30).map(String), fc.boolean()), { maxLength: 300 }),
        fc.nat(5),
        (ops, expected) => {
          const index = new KeyIndex(expected);
          const ref = new Map<string, number>();
          ops.forEach(([k, fails], i) => {
            const rowNo = i + 2;
            expect(index.claim(k, rowNo)).toBe(ref.get(k));
            if (!ref.has(k)) ref.set(k, rowNo);
            // a row that fails gives its key up; a release by a row that is not the holder changes nothing
            if (fails) {
              index.release(k, rowNo);
              if (ref.get(k) === rowNo) ref.delete(k);
            }
          });
          for (const [k, rowNo] of ref) expect(index.claim(k, 1_000_000)).toBe(rowNo);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('KeyIndex.wipe', () => {
  it('zeroes the stored keys and forgets them', () => {
    const index = new KeyIndex(4);
    index.claim('110101199003071234', 2);
    const arena = (index as unknown as { arena: Buffer }).arena;
    expect(arena.includes('110101199003071234')).toBe(true);
    index.wipe();
    expect(arena.every((b) => b === 0)).toBe(true);
    expect(index.count).toBe(0);
    expect(index.claim('110101199003071234', 3)).toBeUndefined();
  });
});
