/**
 * seekerTiers / tierPlan (the tiers of a posting's seekers): for any seeker of a tier, any posting and any weights,
 * no seeker is left out by the plan (tier skipped, or minimum wage above the cap) of a floor at most its score:
 * a seeker left out scores below the floor. With matching.test.ts (the whole list equals brute force) this is the
 * proof that the tiers keep the ranking exact.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countyCodeOf, occupationMiddle, scoreMatch, type PostingFacts, type SeekerFacts } from '@mwsp/domain';
import { seekerKind, seekerTiers, tierPlan, type TierWhere } from './seekerTiers.js';

const code = fc.constantFrom('6-18-02-04', '6-18-02-05', '6-18-03-01', '6-18', '6-18-02', '6-18-02-04-01', '6-18-99');
const region = fc.constantFrom('530102001', '530102002', '530102001003', '530103001', '530103002004', '530201001');
const weight = fc.double({ min: -3, max: 5, noNaN: true });

/** Whether a seeker is in a tier's WHERE (matching.repo.ts seekerCandidates), the pool's filters aside. */
function inTier(s: SeekerFacts, w: TierWhere): boolean {
  const county = countyCodeOf(s.regionCode);
  if (w.county && county !== w.county) return false;
  if (w.notCounty && county === w.notCounty) return false;
  if (w.township && !s.regionCode.startsWith(w.township)) return false;
  if (w.places === 'some' && !s.places.length) return false;
  if (w.places === 'none' && s.places.length) return false;
  const later = [...s.occupations.slice(1), ...s.skills.map((k) => k.occupationCode)];
  if (w.laterCodes && !later.some((c) => w.laterCodes!.includes(c))) return false;
  if (w.firstCode && !w.firstCode.includes(s.occupations[0]!)) return false;
  if (w.kind !== undefined && seekerKind(s) !== w.kind) return false;
  return true;
}

describe('seekerTiers', () => {
  it('a seeker left out by a tier plan scores below the floor; every pool seeker is in a tier (fuzz)', () => {
    fc.assert(
      fc.property(
        fc.record({
          occupations: fc.array(code, { minLength: 1, maxLength: 4 }),
          skills: fc.array(
            fc.record({ occupationCode: code, certificate: fc.constantFrom(null, '', '焊工证', '电工证') }),
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
          regionCode: fc.constantFrom('530102001', '530102', '530103002', '530102001003'),
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
        fc.double({ min: 0, max: 2, noNaN: true }),
        (s: SeekerFacts, p: PostingFacts, w, below) => {
          // The pool (matching.repo.ts seekerCandidates): the 中类, the wage, 就地就近 in the posting's county only.
          const middle = occupationMiddle(p.occupationCode);
          const codes = [...s.occupations, ...s.skills.map((k) => k.occupationCode)];
          fc.pre(codes.some((c) => occupationMiddle(c) === middle) && s.minWageFen <= p.wageMaxFen);
          fc.pre(s.preference !== 'local' || countyCodeOf(s.regionCode) === countyCodeOf(p.regionCode));
          const tiers = seekerTiers(p);
          // The tier of record: the first whose WHERE holds (the earlier tiers overlap the later ones).
          const tier = tiers.find((t) => inTier(s, t.where));
          expect(tier, 'every seeker of the pool is in a tier').toBeDefined();
          // A floor at most the seeker's score (the N-th score of a list it belongs in): never left out.
          const floor = scoreMatch(s, p, w).score - below - 1e-5; // the service's slack for rounding
          const plan = tierPlan(tier!, p, w, floor);
          expect(plan.skip, `${tier!.name} skipped`).toBe(false);
          if (!plan.skip && plan.maxMinWage !== undefined) expect(s.minWageFen).toBeLessThanOrEqual(plan.maxMinWage);
        },
      ),
      { numRuns: 10000 },
    );
    // 10,000 cases take 4–16 s on the shared 2-core machine: more than the default 10 s under load.
  }, 60_000);
});
