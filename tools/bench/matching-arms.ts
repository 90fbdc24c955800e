/**
 * Where the seekers' candidate statement's heap rows come from (docs/MATCHING.md, match9): for the tail script's
 * sample of postings, rank each (for its floor), then read every tier above that floor through its own arm (its own
 * wage cap) and through the arm it shares with the tier's other kinds (the largest cap, MatchingService.mergeCaps),
 * counting the rows each returns and those whose bound reaches the floor. The rows a tier returns that fall under
 * the floor are read and thrown away by the real statement's bound filter. `npx tsx tools/bench/matching-arms.ts`
 * with BENCH_MATCH_PG_URL of a loaded database; BENCH_ARMS_RUNS (42) postings.
 */
import { sql } from 'drizzle-orm';
import { occupationMiddle, SEEKER_STALE_DAYS } from '@mwsp/domain';
import { all, openDatabase } from '../../apps/server/src/db/client.js';
import { dbScopeOf } from '../../apps/server/src/platform/access/principal.js';
import * as jobs from '../../apps/server/src/modules/employment/jobs.repo.js';
import * as repo from '../../apps/server/src/modules/employment/matching.repo.js';
import { postingFacts } from '../../apps/server/src/modules/employment/matching.service.js';
import { seekerTiers, tierPlan } from '../../apps/server/src/modules/employment/seekerTiers.js';
import { DEFAULT_MATCH_WEIGHTS } from '@mwsp/domain';
import { matchingServices, PRINCIPAL } from './matching.js';

const URL = process.env.BENCH_MATCH_PG_URL;
const RUNS = Number(process.env.BENCH_ARMS_RUNS ?? 42);
const db = URL ? await openDatabase({ url: URL, poolSize: 2 }) : await openDatabase({});
const services = await matchingServices(db);
const postings = await all<{ id: string }>(
  db.owner,
  sql`select id from job_postings order by hashtext(id::text) limit ${RUNS}`,
);
const DAY_MS = 86_400_000;
const byTier = new Map<string, { own: number; ownKept: number; merged: number; mergedKept: number; n: number }>();
for (const { id } of postings) {
  const r = await services.matching.forJob(PRINCIPAL, id, {});
  const label = r.ranking.steps.find((s) => s.label.startsWith('pilot'))?.label ?? '';
  const floor = Number(/floor ([0-9.-]+)/.exec(label)?.[1]);
  if (!Number.isFinite(floor)) continue;
  await db.scoped(dbScopeOf(PRINCIPAL), async (tx) => {
    const j = (await jobs.findJob(tx, id))!;
    const now = new Date();
    const posting = postingFacts({ ...j, certificates: j.requirements.certificates ?? [] }, now);
    const w = DEFAULT_MATCH_WEIGHTS;
    const where = {
      middle: occupationMiddle(j.occupationCode),
      wageMaxFen: j.wageMaxFen,
      freshSince: new Date(now.getTime() - SEEKER_STALE_DAYS * DAY_MS),
      jobCounty: j.countyCode,
      posting,
      weights: w,
    };
    const tiers = seekerTiers(posting);
    const plans = tiers.map((t) => ({ t, plan: tierPlan(t, posting, w, floor) }));
    // The merged arm's cap per tier: the largest of its kinds' caps, none when one has none.
    const largest = new Map<string, { capped: boolean; cap: number }>();
    for (const { t, plan } of plans) {
      if (plan.skip) continue;
      const base = t.name.split('/')[0]!;
      const cap = plan.maxMinWage !== undefined && plan.maxMinWage < j.wageMaxFen ? plan.maxMinWage : undefined;
      const got = largest.get(base);
      if (!got) largest.set(base, { capped: cap !== undefined, cap: cap ?? 0 });
      else if (cap === undefined) got.capped = false;
      else got.cap = Math.max(got.cap, cap);
    }
    for (const { t, plan } of plans) {
      if (plan.skip) continue;
      const base = t.name.split('/')[0]!;
      const cap = plan.maxMinWage !== undefined && plan.maxMinWage < j.wageMaxFen ? plan.maxMinWage : undefined;
      const { kind, ...w0 } = t.where;
      const read = async (maxMinWage: number | undefined) => {
        const rows = await repo.seekerCandidates(tx, {
          ...where,
          offset: 0,
          limit: 1_000_000,
          arms: [kind === undefined ? { ...w0, maxMinWage } : { ...w0, kinds: [kind], maxMinWage }],
        });
        return [rows.length, rows.filter((x) => x.bound >= floor).length] as const;
      };
      const [own, ownKept] = await read(cap);
      const m = largest.get(base)!;
      const mcap = m.capped ? m.cap : undefined;
      const [merged, mergedKept] = mcap === cap ? [own, ownKept] : await read(mcap);
      const s = byTier.get(t.name) ?? { own: 0, ownKept: 0, merged: 0, mergedKept: 0, n: 0 };
      s.own += own;
      s.ownKept += ownKept;
      s.merged += merged;
      s.mergedKept += mergedKept;
      s.n++;
      byTier.set(t.name, s);
    }
  });
}
console.log(`per ${postings.length} postings: tier, times read, rows own cap (kept), rows merged cap (kept)`);
for (const [name, s] of [...byTier].sort((a, b) => b[1].merged - a[1].merged))
  console.log(
    `${name.padEnd(20)} ${String(s.n).padStart(3)} ${String(s.own).padStart(8)} (${s.ownKept}) ` +
      `${String(s.merged).padStart(8)} (${s.mergedKept})`,
  );
await db.close();
process.exit(0);
