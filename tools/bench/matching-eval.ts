/**
 * `npm run bench -- matching-eval`: offline evaluation of the matching model (issue #12, item 5). The synthetic
 * labour market (@mwsp/synth jobMarket.ts) gives seekers latent preferences and simulated hires (the offers each
 * seeker would accept, by a hidden utility); the ranking of the platform's linear model (packages/domain
 * jobMatching.ts, default weights) and a rule baseline (occupation + region filter, sorted by wage) are replayed
 * over the same candidates, and precision@10 and recall@20 against the simulated hires are reported.
 *
 * BENCH_EVAL_POSTINGS (default 5,000), BENCH_EVAL_SEEKERS (1,000), BENCH_EVAL_SEED (20261206), BENCH_EVAL_K
 * (accepted offers per seeker, 5). No database: pure replay, deterministic by seed.
 */
import { DEFAULT_MATCH_WEIGHTS, rankBy, scoreMatch, type MatchWeights } from '@mwsp/domain';
import { acceptable, generateJobMarket, simulatedHires, type SynthPosting, type SynthSeeker } from '@mwsp/synth';
import { readRegions } from '../../apps/server/src/platform/org/regions.source.js';

const CITY = '5301';

export async function cityPlaces(cityCode = CITY): Promise<{ townships: string[]; villages: string[] }> {
  const townships: string[] = [];
  const villages: string[] = [];
  for await (const batch of readRegions(cityCode))
    for (const r of batch) {
      if (r.level === 4) townships.push(r.code);
      if (r.level === 5) villages.push(r.code);
    }
  return { townships, villages };
}

export const postingFactsOf = (p: SynthPosting) => ({
  occupationCode: p.occupationCode,
  certificates: p.certificates,
  regionCode: p.regionCode,
  wageMinFen: p.wageMinFen,
  wageMaxFen: p.wageMaxFen,
  benefits: p.benefits,
  ageDays: p.ageDays,
});

export interface EvalResult {
  seekers: number;
  model: { precisionAt10: number; recallAt20: number };
  baseline: { precisionAt10: number; recallAt20: number };
}

/** Replays the rankings of the model (with `weights`) and of the rule baseline against the simulated hires. */
export function evaluate(
  postings: SynthPosting[],
  seekers: SynthSeeker[],
  hires: Map<string, string[]>,
  weights: MatchWeights = DEFAULT_MATCH_WEIGHTS,
): EvalResult {
  const sum = { mp: 0, mr: 0, bp: 0, br: 0, n: 0 };
  for (const s of seekers) {
    const relevant = new Set(hires.get(s.id) ?? []);
    if (relevant.size === 0) continue;
    const candidates = postings.filter((p) => acceptable(s, p)); // the SQL candidate predicates
    const model = rankBy(
      candidates,
      (p) => scoreMatch(s, postingFactsOf(p), weights).score,
      (p) => p.id,
      20,
    );
    const baseline = rankBy(
      candidates,
      (p) => p.wageMaxFen,
      (p) => p.id,
      20,
    );
    const hits = (ranked: SynthPosting[], n: number) => ranked.slice(0, n).filter((p) => relevant.has(p.id)).length;
    sum.mp += hits(model, 10) / 10;
    sum.mr += hits(model, 20) / relevant.size;
    sum.bp += hits(baseline, 10) / 10;
    sum.br += hits(baseline, 20) / relevant.size;
    sum.n++;
  }
  const avg = (x: number) => (sum.n ? x / sum.n : 0);
  return {
    seekers: sum.n,
    model: { precisionAt10: avg(sum.mp), recallAt20: avg(sum.mr) },
    baseline: { precisionAt10: avg(sum.bp), recallAt20: avg(sum.br) },
  };
}

export async function benchMatchingEval() {
  const postingsN = Number(process.env.BENCH_EVAL_POSTINGS ?? 5_000);
  const seekersN = Number(process.env.BENCH_EVAL_SEEKERS ?? 1_000);
  const seed = Number(process.env.BENCH_EVAL_SEED ?? 20261206);
  const k = Number(process.env.BENCH_EVAL_K ?? 5);
  const places = await cityPlaces();
  const t0 = performance.now();
  const m = generateJobMarket({ seed, postings: postingsN, seekers: seekersN, ...places });
  const hires = simulatedHires(m, k);
  const r = evaluate(m.postings, m.seekers, hires);
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : '∞');
  console.log(`匹配离线评估 / matching offline evaluation (seed ${seed}; ${postingsN} postings, ${seekersN} seekers)`);
  console.log(`seekers with simulated hires: ${r.seekers}; accepted offers per seeker ≤ ${k}`);
  console.log('ranking | precision@10 | recall@20');
  console.log(`linear model (default weights) | ${pct(r.model.precisionAt10)} | ${pct(r.model.recallAt20)}`);
  console.log(
    `rule baseline (occupation + region, by wage) | ${pct(r.baseline.precisionAt10)} | ${pct(r.baseline.recallAt20)}`,
  );
  console.log(
    `ratio | ${ratio(r.model.precisionAt10, r.baseline.precisionAt10)} | ` +
      `${ratio(r.model.recallAt20, r.baseline.recallAt20)}` +
      ` (aim ≥ 1.2×) — ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
}
