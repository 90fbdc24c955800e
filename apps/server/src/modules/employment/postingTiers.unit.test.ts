/**
 * postingTiers (the tiers of a seeker's postings): for any seeker, any candidate posting not of the seeker's codes
 * (tier 2) and any weights, the plan of a floor at most the posting's score neither skips tier 2 nor caps the
 * posting out: a posting left out scores below the floor. With matching.test.ts (the whole list equals brute
 * force) this is the proof that the tiers keep the ranking exact.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countyCodeOf, eligible, scoreMatch, type PostingFacts, type SeekerFacts } from '@mwsp/domain';
import { otherCodesPlan, seekerCodes } from './postingTiers.js';

const code = fc.constantFrom('6-18-02-04', '6-18-02-05', '6-18-03-01', '6-18', '6-18-02', '6-18-02-04-01', '6-18-99');
const region = fc.constantFrom('530102001', '530102002', '530102001003', '530103001', '530103002004', '530201001');
const weight = fc.double({ min: -3, max: 5, noNaN: true });

describe('postingTiers', () => {
  it('a posting of tier 2 left out by the plan scores below the floor (fuzz)', () => {
    fc.assert(
      fc.property(
        fc.record({
          occupations: fc.array(code, { minLength: 1, maxLength: 4 }),
          skills: fc.array(
            fc.record({ occupationCode: code, certificate: fc.constantFrom(null, '焊工证', '电工证') }),
            {
              maxLength: 3,
            },
          ),
          regionCode: region,
          places: fc.constantFrom([], ['5301'], ['530102'], ['530103002']),
          preference: fc.constantFrom('local' as const, 'outbound' as const, 'any' as const),
          minWageFen: fc.integer({ min: 0, max: 1_000_000 }),
        }),
        fc.record({
          occupationCode: code,
          certificates: fc.array(fc.constantFrom('焊工证', '电工证'), { maxLength: 2 }),
          regionCode: fc.constantFrom('530102001', '530102', '530103002', '530102001003', '530201001'),
          wageMinFen: fc.integer({ min: 0, max: 800_000 }),
          wageMaxFen: fc.integer({ min: 0, max: 1_000_000 }),
          benefits: fc.record({ housing: fc.boolean(), meals: fc.boolean(), insurance: fc.boolean() }),
          ageDays: fc.double({ min: -1, max: 90, noNaN: true }),
        }),
        fc.record({
          occupation: weight,
          skills: weight,
          distance: weight,
          wage: weight,
          preference: weight,
          benefits: weight,
          freshness: weight,
        }),
        // A floor at the score itself too (the edge of the wage cap), of a flat wage range at times (mid = max).
        fc.oneof(fc.constant(0), fc.double({ min: 0, max: 2, noNaN: true })),
        fc.boolean(),
        (s: SeekerFacts, p0: PostingFacts, w, below, flat) => {
          const p = flat ? { ...p0, wageMinFen: p0.wageMaxFen } : p0;
          fc.pre(p.wageMinFen <= p.wageMaxFen && eligible(s, p));
          fc.pre(!seekerCodes(s).includes(p.occupationCode)); // tier 2
          const floor = scoreMatch(s, p, w).score - below - 1e-5; // the service's slack for rounding
          // The part of record: the seeker's county or the others.
          const part = countyCodeOf(p.regionCode) === countyCodeOf(s.regionCode) ? 'county' : 'elsewhere';
          const plan = otherCodesPlan(s, part, w, floor);
          expect(plan.skip, `tier 2 (${part}) skipped`).toBe(false);
          if (!plan.skip && plan.minWageMax !== undefined) expect(p.wageMaxFen).toBeGreaterThanOrEqual(plan.minWageMax);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
