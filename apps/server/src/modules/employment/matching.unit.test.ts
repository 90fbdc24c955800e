/**
 * exactTop (matching.service.ts) on made-up candidates: whatever the bounds (as long as each is at least its
 * score), the top N equals ranking every candidate; it stops as soon as the N-th score beats the next bound.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rankBy, type MatchScore } from '@mwsp/domain';
import { exactTop, lastRanking, matchingTuning } from './matching.service.js';

interface Row {
  id: string;
  score: number;
  bound: number;
}

const score = (r: Row): MatchScore => ({ score: r.score, features: [], explanation: [] });

async function top(rows: Row[], n: number) {
  const ordered = [...rows].sort((a, b) => b.bound - a.bound || (a.id < b.id ? -1 : 1));
  const got = await exactTop(async (p) => ordered.slice(p.offset, p.offset + p.limit), score, n);
  return got.map((x) => x.c.id);
}

describe('exactTop', () => {
  it('equals ranking every candidate, for any bounds at least the scores (fuzz)', async () => {
    const saved = matchingTuning.firstPage;
    matchingTuning.firstPage = 3;
    try {
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
            expect(await top(rows, n)).toEqual(want);
          },
        ),
      );
    } finally {
      matchingTuning.firstPage = saved;
    }
  });

  it('stops after the first page when the bounds are exact', async () => {
    const saved = matchingTuning.firstPage;
    matchingTuning.firstPage = 5;
    try {
      const rows = Array.from({ length: 100 }, (_, i) => ({ id: `r${i}`, score: 100 - i, bound: 100 - i }));
      expect(await top(rows, 3)).toEqual(['r0', 'r1', 'r2']);
      expect(lastRanking).toMatchObject({ pages: 1, fetched: 5, proven: true });
    } finally {
      matchingTuning.firstPage = saved;
    }
  });
});
