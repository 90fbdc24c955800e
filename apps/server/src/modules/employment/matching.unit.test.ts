/**
 * exactTop (matching.service.ts) on made-up candidates: whatever the bounds (as long as each is at least its
 * score), the top N equals ranking every candidate; it stops as soon as the N-th score beats the next bound.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rankBy, type MatchScore } from '@mwsp/domain';
import { exactTop } from './matching.service.js';

interface Row {
  id: string;
  score: number;
  bound: number;
}

const score = (r: Row): MatchScore => ({ score: r.score, features: [], explanation: [] });

async function ranked(rows: Row[], n: number, firstPage: number) {
  const ordered = [...rows].sort((a, b) => b.bound - a.bound || (a.id < b.id ? -1 : 1));
  return exactTop(async (p) => ordered.slice(p.offset, p.offset + p.limit), score, n, { firstPage });
}

async function top(rows: Row[], n: number, firstPage: number) {
  return (await ranked(rows, n, firstPage)).top.map((x) => x.c.id);
}

describe('exactTop', () => {
  it('equals ranking every candidate, for any bounds at least the scores (fuzz)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 8 })), { maxLength: 80 }),
        fc.integer({ min: 1, max: 10 }),
        async (xs, n) => {
          const rows = xs.map(([s, slack], i) => ({
            id: `r${String(i).padStart(3, '0')}`,
            score: s,
            bound: s + slack,
          }));
          const want = rankBy(
            rows,
            (r) => r.score,
            (r) => r.id,
            n,
          ).map((r) => r.id);
          expect(await top(rows, n, 3)).toEqual(want);
        },
      ),
    );
  });

  it('stops after the first page when the bounds are exact', async () => {
    const rows = Array.from({ length: 100 }, (_, i) => ({ id: `r${i}`, score: 100 - i, bound: 100 - i }));
    const got = await ranked(rows, 3, 5);
    expect(got.top.map((x) => x.c.id)).toEqual(['r0', 'r1', 'r2']);
    expect(got.stats).toMatchObject({ pages: 1, fetched: 5, proven: true });
  });
});
