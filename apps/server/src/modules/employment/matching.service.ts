import {
  countyCodeOf,
  DEFAULT_MATCH_WEIGHTS,
  MATCH_FEATURE_LABELS,
  MATCH_FEATURES,
  occupationMiddle,
  queryGrams,
  queryTerms,
  rankBy,
  scoreMatch,
  SEEKER_STALE_DAYS,
  shanghaiDate,
  type GeoPoint,
  type MatchScore,
  type MatchWeights,
  type PostingFacts,
  type SeekerFacts,
} from '@mwsp/domain';
import type { Database } from '../../db/client.js';
import { access } from '../../platform/access/access.js';
import { dbScopeOf, type Principal } from '../../platform/access/principal.js';
import { notFound } from '../../platform/http/errors.js';
import * as jobs from './jobs.repo.js';
import { occupationName } from './jobs.service.js';
import * as repo from './matching.repo.js';
import * as regions from './regions.repo.js';
import { otherCodesPlan, seekerCodes } from './postingTiers.js';
import {
  KIND_CERTIFICATE,
  KIND_PREFERENCE,
  KIND_SKILLS,
  seekerTiers,
  tierPlan,
  type TierWhere,
} from './seekerTiers.js';
import type { SeekersService } from './seekers.service.js';

const DAY_MS = 86_400_000;
export const SEEKER_TOP = 20;
export const JOB_TOP = 50;
/** The first page of candidates by bound (each further page is 4× larger); the tests shrink it (MatchingService). */
export const FIRST_PAGE = 200;
/** The first page of the postings of a seeker's own codes (postingTiers.ts tier 1): 3 × SEEKER_TOP. */
export const CODES_FIRST_PAGE = 3 * SEEKER_TOP;
/** The seekers' pilot (matching.repo.ts seekerPilot): a few times the top 50. */
export const SEEKER_PILOT = 3 * JOB_TOP;
/**
 * The kinds of the seekers' pilot (seekerTiers.ts seekerKind): 就地就近 with skills, without and with a certificate
 * (4, 7). The certificate holders are the top of a posting that asks for a certificate: skills alone left such a
 * posting's floor 0.1–0.75 under its final 50th, and its one tiers statement read thousands of rows (match11). In the
 * posting's county a 就地就近 seeker's preference is 1 against an 外出 one's 0.3 (0065 tells them apart; until then the
 * pilot read both, as kinds 3 and 5).
 */
export const PILOT_KINDS = [KIND_SKILLS + KIND_PREFERENCE.local, KIND_CERTIFICATE + KIND_PREFERENCE.local];
/** MatchingService.capSlack on PostgreSQL: kinds whose wage caps are within 25 % share an arm. */
export const CAP_SLACK = 0.25;
/**
 * MatchingService.fixedSlots on PostgreSQL without Citus: arms per tier of the seekers' statement of a fixed shape
 * (kinds beyond them share the last arm, under the largest of their caps).
 */
export const FIXED_SLOTS = 3;
/**
 * MatchingService.fixedSlots on PGlite (match12): one arm per tier — its capSlack (Infinity) puts every kind of a
 * tier in one arm anyway. PGlite's texts already repeated (db/pglite-prepared.ts); the fixed shape's generic plan is
 * what gained there: p50 −7 to −17 %, candidate SQL p95 −19 to −47 % in three same-process A/Bs (docs/MATCHING.md).
 */
export const PGLITE_FIXED_SLOTS = 1;
/** Slack for float summation order and scoreMatch's rounding to 1e-6. */
const BOUND_EPS = 1e-5;

/**
 * What one ranking examined (returned with it; the benchmark and the tests read it): candidates fetched and scored
 * exactly, SQL pages and their time, `proven`: a read (of a tier) stopped on the bound before its candidates ran
 * out; for the seekers of a posting the tiers read and skipped (seekerTiers.ts).
 */
export interface RankingStats {
  fetched: number;
  pages: number;
  proven: boolean;
  sqlMs: number;
  tiers: number;
  skipped: number;
  /** Each candidate statement: what it read (a tier label), its time and rows (the benchmark's tail listing). */
  steps: { label: string; ms: number; rows: number }[];
}

export const newRankingStats = (): RankingStats => ({
  fetched: 0,
  pages: 0,
  proven: false,
  sqlMs: 0,
  tiers: 0,
  skipped: 0,
  steps: [],
});

/**
 * The exact top `n` by scoreMatch of candidates fetched in pages ordered by an upper bound of their score: stops
 * when the n-th exact score is above the bound of the last fetched row (every unfetched row's bound, hence score,
 * is at most that), or when the candidates run out. The same list as scoring every candidate (rankBy, ties by id).
 * `seed`: rows already scored (another tier's): merged (by id), the n-th score of the union decides the stop.
 */
export async function exactTop<R extends { id: string; bound: number }>(
  fetch: (page: repo.Page) => Promise<R[]>,
  score: (r: R) => MatchScore,
  n: number,
  opts: { firstPage?: number; seed?: readonly { c: R; m: MatchScore }[]; stats?: RankingStats; label?: string } = {},
): Promise<{ top: { c: R; m: MatchScore }[]; stats: RankingStats }> {
  const stats = opts.stats ?? newRankingStats();
  const seen = new Map<string, { c: R; m: MatchScore }>();
  for (const x of opts.seed ?? []) seen.set(x.c.id, x);
  let offset = 0;
  let limit = opts.firstPage ?? FIRST_PAGE;
  for (;;) {
    const t0 = performance.now();
    const rows = await fetch({ offset, limit });
    const ms = performance.now() - t0;
    stats.sqlMs += ms;
    stats.steps.push({ label: opts.label ?? '', ms, rows: rows.length });
    stats.pages++;
    stats.fetched += rows.length;
    offset += rows.length;
    for (const c of rows) if (!seen.has(c.id)) seen.set(c.id, { c, m: score(c) });
    const top = rankBy(
      [...seen.values()],
      (x) => x.m.score,
      (x) => x.c.id,
      n,
    );
    if (rows.length < limit) return { top, stats };
    const next = rows[rows.length - 1]!.bound;
    if (top.length === n && top[n - 1]!.m.score > next + BOUND_EPS) {
      stats.proven = true;
      return { top, stats };
    }
    limit *= 4;
  }
}

export function postingFacts(c: repo.PostingCandidate, now: Date): PostingFacts {
  return {
    occupationCode: c.occupationCode,
    certificates: c.certificates,
    regionCode: c.regionCode,
    wageMinFen: c.wageMinFen,
    wageMaxFen: c.wageMaxFen,
    benefits: { housing: c.housing, meals: c.meals, insurance: c.insurance },
    ageDays: (now.getTime() - new Date(c.publishedAt).getTime()) / DAY_MS,
  };
}

/** The counties a seeker who wants to stay near home is matched in (own county, wanted places'); null = the city. */
export function countiesFor(s: Pick<SeekerFacts, 'preference' | 'regionCode' | 'places'>): string[] | null {
  if (s.preference !== 'local') return null;
  return [...new Set([s.regionCode, ...s.places.filter((p) => p.length >= 6)].map(countyCodeOf))];
}

function featuresOut(m: MatchScore) {
  return m.features.map((f) => ({
    feature: f.feature,
    label: MATCH_FEATURE_LABELS[f.feature],
    value: Math.round(f.value * 1000) / 1000,
    contribution: Math.round(f.contribution * 1000) / 1000,
    tag: f.tag,
  }));
}

const townOf = (code: string) => code.slice(0, 9);

/**
 * The explanation with the kilometres between the seeker's home township (its residence's, 户籍地 of a returning
 * worker) and the posting's, when the platform knows both centres (region_centres): the same score, one more
 * figure in the distance tag ("距户籍地 12 公里"); unchanged when a centre is unknown.
 */
export function withKm(
  m: MatchScore,
  s: SeekerFacts,
  p: PostingFacts,
  w: MatchWeights,
  centres: ReadonlyMap<string, GeoPoint>,
): MatchScore {
  const home = centres.get(townOf(s.regionCode));
  const centre = centres.get(townOf(p.regionCode));
  if (!home || !centre) return m;
  return { ...scoreMatch({ ...s, hukouCentre: home }, { ...p, centre }, w), score: m.score };
}

/**
 * 人岗匹配: the candidates the database returns for indexed predicates, ordered there by an upper bound of their
 * score and scored exactly here by the linear model of packages/domain (jobMatching.ts) with the weights of the
 * campaign (or the default row) until the top N is proven (exactTop); the top N with their explanations; every
 * list shown is logged as one impression row.
 */
export class MatchingService {
  constructor(
    private readonly db: Database,
    private readonly seekers: SeekersService,
    private readonly now: () => Date,
  ) {
    this.pilot = db.kind === 'pglite' ? 0 : SEEKER_PILOT;
    this.preparedSeekers = db.kind === 'pglite';
    this.preparedPostings = db.kind === 'pglite';
    this.capSlack = db.kind === 'pglite' ? Infinity : CAP_SLACK;
    this.fixedSlots = db.kind === 'pglite' ? PGLITE_FIXED_SLOTS : FIXED_SLOTS;
  }

  /** The first page of candidates by bound (exactTop); the tests shrink it to get several pages on a small market. */
  firstPage = FIRST_PAGE;
  /** The first page of the postings' tier 1 (the seeker's own codes): a few times the top 20, not FIRST_PAGE. */
  codesFirstPage = CODES_FIRST_PAGE;
  /** The seekers' 中类 tiers split by kind (seekerTiers.ts, 0058); off only for the benchmark's A/B. */
  splitKinds = true;
  /** The seekers' codes-in-county tiers split by township (seekerTiers.ts, 0061); off for A/Bs. */
  splitTowns = true;
  /**
   * Rows of the seekers' pilot (repo.seekerPilot; 0: none, the first tier gives the floor). None on PGlite: there
   * the pilot is one more statement to plan for a lower floor (the smaller market), and its A/B at 20,000 / 100,000
   * was slower at both percentiles (docs/MATCHING.md, sixth session; again in match12, and in match13 with its
   * ordered plan); the tests and the benchmark's A/B set it.
   */
  pilot: number;
  /** The kinds the pilot reads, each by its own ordered range of at most `pilot` rows (PILOT_KINDS). */
  pilotKinds = PILOT_KINDS;
  /** The pilot's generic plan without bitmap scans (its rows in index order: repo.seekerPilot); off for A/Bs. */
  pilotOrdered = true;
  /** The seekers' full bound computed once per row (matching.repo.ts seekerCandidates); off only for A/Bs. */
  boundOnce = true;
  /**
   * Candidate rows as one json value each where the JavaScript parses the rows (matching.repo.ts packedRows:
   * PGlite); off only for A/Bs.
   */
  packRows = true;
  /**
   * The postings' tier 2 read above the floor in SQL (matching.repo.ts postingCandidates `floor`): only the rows that
   * can still make the list come back. Where the postings' statements are prepared (PGlite); off only for A/Bs.
   */
  postingsFloor = true;
  /** The kinds of a tier with the same wage cap read by one arm; off only for the benchmark's A/B. */
  shareArms = true;
  /**
   * Every kind of a tier read by one arm, under the largest of their wage caps (a superset of their rows; the
   * floor's bound filter drops the extra ones): fewer arms to plan. Off only for the benchmark's A/B.
   */
  mergeCaps = true;
  /**
   * With mergeCaps, how far under the largest cap of a tier's kinds (a fraction of it) a kind's cap may be and still
   * share its arm; Infinity: every kind of the tier (all caps merged). CAP_SLACK on PostgreSQL (docs/MATCHING.md,
   * match9: a quarter fewer heap blocks, at about the same number of arms to plan); Infinity on PGlite, where
   * planning an arm costs more than its rows (sixth session).
   */
  capSlack: number;
  /** The seekers' bound from the slot columns, not the skills' text (matching.repo.ts); the benchmark's A/B. */
  slotBound = true;
  /**
   * The candidate statements by statements prepared by their text (db/pglite-prepared.ts on PGlite, db/prepared.ts on
   * PostgreSQL without Citus: parsed and planned once per distinct text, a generic plan); off only for the
   * benchmark's A/B.
   */
  preparedCandidates = true;
  /**
   * The seekers' OR-of-arms statement prepared too (with preparedCandidates): on PGlite; on PostgreSQL only in its
   * fixed shape (fixedSlots, match10). Its variable shape's text
   * rarely repeats (the arms and caps follow the posting's floor), so each PREPARE plans once anyway, and its generic
   * plan ANDs job_seekers_pool on `reconfirmed_at >= $n` (estimated a third of the rows, every row in fact: 67 ms
   * of a full index scan at 1,000,000 seekers); the pilot and the postings' statements repeat and keep theirs
   * (docs/MATCHING.md, match7).
   */
  preparedSeekers: boolean;
  /**
   * The postings' statements prepared too (with preparedCandidates): on PGlite only. On PostgreSQL they plan in
   * ~0.4 ms, and their A/B gained nothing measurable (docs/MATCHING.md, match7); only the pilot is prepared there.
   */
  preparedPostings: boolean;
  /**
   * The seekers' statement of a fixed shape, prepared by its text with a generic plan (PostgreSQL without Citus,
   * PGlite; docs/MATCHING.md, match10, match12): every tier of the posting's list gets this many arms whatever the
   * floor (a tier split by kind; one without kinds one arm), the unused ones off (matching.repo.ts SeekerArm `off`:
   * an empty wage range, no kinds), so that its text repeats across postings and PostgreSQL plans it once per
   * connection instead of at every ranking (planning was half of that statement's time, match9). A tier whose kinds
   * need more arms than this puts the rest in its last arm under the largest of their caps (a superset: the floor's
   * bound filter drops the extra rows). 0: the arms follow the floor (unprepared there; Citus). On PGlite (match12)
   * one arm per tier (PGLITE_FIXED_SLOTS).
   */
  fixedSlots: number;

  /** The weights: a campaign's row, else the default row, over the code's defaults (repo.weightsColumn). */
  private weights(w: Record<string, number> | null | undefined): MatchWeights {
    const out = { ...DEFAULT_MATCH_WEIGHTS };
    for (const f of MATCH_FEATURES) if (typeof w?.[f] === 'number') out[f] = w[f];
    return out;
  }

  /** The top 20 open postings for a seeker. */
  async forSeeker(p: Principal, seekerId: string, q: { q?: string; campaignId?: string }) {
    access(p, 'employment:read');
    const now = this.now();
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      // The weights in the seeker's statement: one round trip fewer.
      const s = await this.seekers.load<repo.WithWeights>(tx, p, seekerId, repo.weightsColumn(q.campaignId ?? null));
      const facts: SeekerFacts = {
        occupations: s.occupations,
        skills: s.skills,
        regionCode: s.regionCode,
        places: s.places,
        preference: s.preference,
        minWageFen: s.minWageFen,
      };
      const w = this.weights(s.matchWeights);
      const text = q.q ?? '';
      const where = {
        middles: [...new Set([...s.occupations, ...s.skills.map((k) => k.occupationCode)].map(occupationMiddle))],
        minWageFen: s.minWageFen,
        today: shanghaiDate(now),
        counties: countiesFor(facts),
        grams: queryGrams(text),
        terms: queryTerms(text),
        seeker: facts,
        weights: w,
        now,
      };
      // Two tiers (postingTiers.ts): the postings of the seeker's own codes, then the others above the floor.
      const codes = seekerCodes(facts);
      const score = (c: repo.PostingCandidate & repo.Bounded) => scoreMatch(facts, postingFacts(c, now), w);
      const first = await exactTop(
        (page) =>
          repo.postingCandidates(tx, {
            ...where,
            ...page,
            codes,
            prepared: this.preparedCandidates && this.preparedPostings,
            packed: this.packRows && repo.packedRows(tx),
          }),
        score,
        SEEKER_TOP,
        { firstPage: Math.min(this.firstPage, this.codesFirstPage), label: 'codes' },
      );
      let { top } = first;
      const ranking = first.stats;
      ranking.tiers = 1;
      const floor = top.length === SEEKER_TOP ? top[SEEKER_TOP - 1]!.m.score - BOUND_EPS : undefined;
      const county = countyCodeOf(s.regionCode);
      const parts: repo.PostingPart[] = [];
      for (const part of ['county', 'elsewhere'] as const) {
        const plan = otherCodesPlan(facts, part, w, floor);
        if (plan.skip) ranking.skipped++;
        else parts.push({ ...(part === 'county' ? { county } : { notCounty: county }), minWageMax: plan.minWageMax });
      }
      if (parts.length) {
        ranking.tiers += parts.length;
        ({ top } = await exactTop(
          (page) =>
            repo.postingCandidates(tx, {
              ...where,
              ...page,
              notCodes: codes,
              parts,
              prepared: this.preparedCandidates && this.preparedPostings,
              packed: this.packRows && repo.packedRows(tx),
              floor: this.postingsFloor && this.preparedPostings ? floor : undefined,
            }),
          score,
          SEEKER_TOP,
          {
            firstPage: this.firstPage,
            seed: top,
            stats: ranking,
            label: parts
              .map((x) => (x.county ? 'county' : 'elsewhere') + (x.minWageMax ? '≥' + x.minWageMax : ''))
              .join('+'),
          },
        ));
      }
      // Names of the page's places only, not of every candidate's; the centres in the same statement.
      const { names, centres } = await regions.regionNamesAndCentres(
        tx,
        top.map((x) => x.c.regionCode),
        [s.regionCode, ...top.map((x) => x.c.regionCode)].map(townOf),
      );
      const explained = top.map(({ c, m }) => ({ c, m: withKm(m, facts, postingFacts(c, now), w, centres) }));
      const impressionId = await repo.insertImpression(tx, {
        countyCode: s.countyCode,
        subjectKind: 'seeker',
        subjectId: s.id,
        campaignId: q.campaignId ?? null,
        query: text || null,
        resultIds: top.map((x) => x.c.id),
        scores: top.map((x) => x.m.score),
        regionCode: s.regionCode,
        ownerId: p.userId,
        departmentId: p.departmentId,
        at: now,
      });
      return {
        impressionId,
        /** What the ranking examined (not in the API's response schema: the benchmark and the tests read it). */
        ranking,
        stale: this.seekers.isStale(s),
        items: explained.map(({ c, m }) => ({
          jobId: c.id,
          title: c.title,
          employerName: c.employerName,
          occupationCode: c.occupationCode,
          occupationName: occupationName(c.occupationCode),
          regionCode: c.regionCode,
          regionName: names.get(c.regionCode) ?? null,
          wageMinFen: c.wageMinFen,
          wageMaxFen: c.wageMaxFen,
          score: m.score,
          explanation: m.explanation,
          features: featuresOut(m),
        })),
      };
    });
  }

  /** The top 50 seekers in the caller's scope for a posting (stale seekers are out of the pool). */
  async forJob(p: Principal, jobId: string, q: { campaignId?: string }) {
    access(p, 'employment:read');
    const now = this.now();
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      // The weights in the posting's statement: one round trip fewer.
      const j = await jobs.findJob<repo.WithWeights>(tx, jobId, undefined, repo.weightsColumn(q.campaignId ?? null));
      if (!j) throw notFound('岗位不存在');
      const w = this.weights(j.matchWeights);
      const posting = postingFacts({ ...j, certificates: j.requirements.certificates ?? [] }, now);
      const where = {
        middle: occupationMiddle(j.occupationCode),
        wageMaxFen: j.wageMaxFen,
        freshSince: new Date(now.getTime() - SEEKER_STALE_DAYS * DAY_MS),
        jobCounty: j.countyCode,
        posting,
        weights: w,
      };
      // The first tier (the posting's codes in its county: few rows, the best) read alone: its N-th exact score is
      // the floor of the others (seekerTiers.ts). Each of those is skipped when its static bound is under the
      // floor, else capped on the minimum wage; they are read together, one statement ordered by bound (an OR of
      // their index-served predicates), every tier's rows merged into one top N.
      type Scored = { c: repo.SeekerCandidate & repo.Bounded; m: MatchScore };
      const ranking = newRankingStats();
      let top: Scored[] = [];
      // The fixed shape where statements are prepared by text with a generic plan (fixedSlots).
      const fixed = this.fixedSlots > 0 && this.preparedCandidates && this.shareArms && repo.plansOnce(tx);
      const read = async (arms: repo.SeekerArm[], floor: number | undefined, label: string) => {
        ranking.tiers += arms.filter((a) => !a.off).length;
        ({ top } = await exactTop(
          (page) =>
            repo.seekerCandidates(tx, {
              ...where,
              ...page,
              arms,
              floor,
              slots: this.slotBound,
              prepared: (this.preparedCandidates && this.preparedSeekers) || fixed,
              fixed: fixed ? { wageMaxFen: j.wageMaxFen } : undefined,
              boundOnce: this.boundOnce,
              packed: this.packRows && repo.packedRows(tx),
            }),
          (c) => scoreMatch(c, posting, w),
          JOB_TOP,
          { firstPage: this.firstPage, seed: top, stats: ranking, label },
        ));
      };
      const tiers = seekerTiers(posting, { kinds: this.splitKinds, towns: this.splitTowns });
      // The pilot floor: the N-th exact score of a few pool seekers found by an ordered index range (seekerPilot)
      // bounds the final N-th from below, so every tier, the first included, is read above it by one statement.
      // Too few pilot rows: the first tier is read alone and its N-th score is the floor of the others.
      const nth = () => (top.length === JOB_TOP ? top[JOB_TOP - 1]!.m.score - BOUND_EPS : undefined);
      let floor: number | undefined;
      if (this.pilot > 0) {
        const t0 = performance.now();
        const rows = await repo.seekerPilot(tx, {
          ...where,
          kinds: this.pilotKinds,
          limit: this.pilot,
          prepared: this.preparedCandidates,
          ordered: this.pilotOrdered,
        });
        const ms = performance.now() - t0;
        ranking.sqlMs += ms;
        ranking.pages++;
        ranking.fetched += rows.length;
        ranking.steps.push({ label: 'pilot', ms, rows: rows.length });
        top = rankBy(
          rows.map((c) => ({ c, m: scoreMatch(c, posting, w) })),
          (x) => x.m.score,
          (x) => x.c.id,
          JOB_TOP,
        );
        floor = nth();
        ranking.steps[ranking.steps.length - 1]!.label = `pilot (floor ${floor?.toFixed(3) ?? '-'})`;
      }
      // The kinds of one tier with the same cap (none, or one at least the pool's own wage filter) share an arm,
      // match_kind = any(…): the same rows, fewer arms to plan and scan (the smaller markets' lower floors leave
      // many kinds uncapped). mergeCaps: kinds of a tier whose caps are within capSlack of the largest among them
      // share one arm under that largest cap (a superset of their rows, the bound filter of the floor drops the
      // extra ones; PGlite plans an arm in ~0.3 ms); capSlack Infinity: every kind of the tier.
      const armsOf = (list: typeof tiers, floor: number | undefined) => {
        type Kind = { kind: number | undefined; cap: number | undefined; name: string };
        const byTier = new Map<string, { where: Omit<TierWhere, 'kind'>; kinds: Kind[]; kinded: boolean }>();
        for (const tier of list) {
          const { kind, ...where } = tier.where;
          const key = kind === undefined || !this.shareArms ? tier.name : JSON.stringify(where);
          const got = byTier.get(key) ?? { where, kinds: [], kinded: kind !== undefined };
          byTier.set(key, got); // a skipped tier keeps its place (the fixed shape's arms off)
          const plan = tierPlan(tier, posting, w, floor);
          if (plan.skip) {
            ranking.skipped++;
            continue;
          }
          const cap = plan.maxMinWage !== undefined && plan.maxMinWage < j.wageMaxFen ? plan.maxMinWage : undefined;
          got.kinds.push({ kind, cap, name: tier.name });
        }
        const out: { arm: repo.SeekerArm; names: string[] }[] = [];
        const fits = (largest: number | undefined, cap: number | undefined) =>
          largest === cap ||
          (this.mergeCaps &&
            (this.capSlack === Infinity ||
              (largest !== undefined && cap !== undefined && cap >= largest * (1 - this.capSlack))));
        for (const { where, kinds, kinded } of byTier.values()) {
          // The largest cap first (none is the largest).
          kinds.sort((a, b) => (b.cap ?? Infinity) - (a.cap ?? Infinity));
          const mine: typeof out = [];
          let cur: { arm: repo.SeekerArm; names: string[] } | undefined;
          for (const k of kinds) {
            if (k.kind === undefined) mine.push({ arm: { ...where, maxMinWage: k.cap }, names: [k.name] });
            else if (cur && (fits(cur.arm.maxMinWage, k.cap) || (fixed && mine.length >= this.fixedSlots))) {
              // (The fixed shape's last arm takes the kinds left: its cap, the largest of theirs, admits their rows.)
              cur.arm.kinds!.push(k.kind);
              cur.names.push(k.name);
            } else mine.push((cur = { arm: { ...where, kinds: [k.kind], maxMinWage: k.cap }, names: [k.name] }));
          }
          // The fixed shape: every tier its arms, skipped or not, the unused ones off.
          if (fixed)
            for (let n = kinded ? this.fixedSlots : 1; mine.length < n;)
              mine.push({ arm: { ...where, ...(kinded ? { kinds: [] } : {}), off: true }, names: [] });
          out.push(...mine);
        }
        return out;
      };
      let rest = tiers;
      if (floor === undefined) {
        const head = armsOf(
          tiers.filter((t) => t.head),
          undefined,
        );
        await read(
          head.map((x) => x.arm),
          undefined,
          head
            .filter((x) => !x.arm.off)
            .map((x) => x.names.join('+'))
            .join(' '),
        );
        floor = nth();
        rest = tiers.filter((t) => !t.head);
      }
      const arms = armsOf(rest, floor);
      if (arms.some((x) => !x.arm.off))
        await read(
          arms.map((x) => x.arm),
          floor,
          arms
            .filter((x) => !x.arm.off)
            .map((x) => x.names.join('+'))
            .join(' '),
        );
      // Names of the page's places only, not of every candidate's; the centres in the same statement.
      const { names, centres } = await regions.regionNamesAndCentres(
        tx,
        top.map((x) => x.c.regionCode),
        [j.regionCode, ...top.map((x) => x.c.regionCode)].map(townOf),
      );
      const explained = top.map(({ c, m }) => ({ c, m: withKm(m, c, posting, w, centres) }));
      // Logged where the caller may see it: the posting's place when inside the caller's region, else the caller's.
      const inside = p.dataScope === 'all' || j.regionCode.startsWith(p.regionCode);
      const regionCode = inside ? j.regionCode : p.regionCode;
      const impressionId = await repo.insertImpression(tx, {
        countyCode: regionCode.length >= 6 ? countyCodeOf(regionCode) : j.countyCode,
        subjectKind: 'job',
        subjectId: j.id,
        campaignId: q.campaignId ?? null,
        query: null,
        resultIds: top.map((x) => x.c.id),
        scores: top.map((x) => x.m.score),
        regionCode,
        ownerId: p.userId,
        departmentId: p.departmentId,
        at: now,
      });
      return {
        impressionId,
        /** What the ranking examined (not in the API's response schema: the benchmark and the tests read it). */
        ranking,
        items: explained.map(({ c, m }) => ({
          seekerId: c.id,
          name: c.name,
          regionCode: c.regionCode,
          regionName: names.get(c.regionCode) ?? null,
          minWageFen: c.minWageFen,
          score: m.score,
          explanation: m.explanation,
          features: featuresOut(m),
        })),
      };
    });
  }
}
