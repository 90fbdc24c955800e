/**
 * The synthetic city's labour market for the matching benchmark and the offline evaluation (issue #12): job
 * postings, job seekers with LATENT preferences (how much each cares about distance, pay, housing — hidden from
 * the matcher), and simulated hires: each seeker accepts the postings of highest latent utility among those it
 * could take. Deterministic by seed.
 *
 * The latent utility is its own model, not the platform's scoring (packages/domain jobMatching.ts): an evaluation
 * against itself would prove nothing. It shares the facts a posting states (occupation, place, pay, housing,
 * licence) and adds per-seeker sensitivities and noise.
 */
import { OCCUPATIONS, type JobBenefits, type PlacePreference } from '@mwsp/domain';
import { hashString, Rng } from './random.js';
import { seededUuid } from './wages.js';

export interface SynthPosting {
  id: string;
  title: string;
  occupationCode: string;
  occupationName: string;
  /** A township (9 digits) of the city. */
  regionCode: string;
  wageMinFen: number;
  wageMaxFen: number;
  certificates: string[];
  benefits: JobBenefits;
  ageDays: number;
}

export interface SynthSeeker {
  id: string;
  occupations: string[];
  skills: { occupationCode: string; certificate: string | null }[];
  /** A village (12 digits) of the city. */
  regionCode: string;
  places: string[];
  preference: PlacePreference;
  minWageFen: number;
  /** Hidden sensitivities (the matcher never sees them). */
  latent: { distance: number; wage: number; housing: number };
}

export interface JobMarketOptions {
  seed: number;
  postings: number;
  seekers: number;
  /** Townships (9 digits) and villages (12 digits) of the city: readRegions() of the platform. */
  townships: readonly string[];
  villages: readonly string[];
}

/** The occupations of the market: the code table's, with a typical monthly pay (分) each. */
const MARKET_OCCUPATIONS = OCCUPATIONS.filter((o) => o.major === '4' || o.major === '5' || o.major === '6').map(
  (o) => ({
    code: o.code,
    name: o.name,
    licence: o.licence ?? null,
    basePay: 300_000 + (hashString(o.code) % 40) * 10_000,
  }),
);

const middle = (code: string) => code.split('-').slice(0, 2).join('-');
const affinity = (a: string, b: string) =>
  a.slice(0, 9) === b.slice(0, 9)
    ? 1
    : a.slice(0, 6) === b.slice(0, 6)
      ? 0.7
      : a.slice(0, 4) === b.slice(0, 4)
        ? 0.4
        : 0;

function posting(r: Rng, townships: readonly string[]): SynthPosting {
  const o = r.pick(MARKET_OCCUPATIONS);
  const min = Math.round((o.basePay * (0.85 + 0.2 * r.float())) / 10_000) * 10_000;
  const max = Math.round((min * (1.05 + 0.3 * r.float())) / 10_000) * 10_000;
  return {
    id: seededUuid(r),
    title: r.chance(0.3) ? `招聘${o.name}` : o.name,
    occupationCode: o.code,
    occupationName: o.name,
    regionCode: r.pick(townships),
    wageMinFen: min,
    wageMaxFen: Math.max(min, max),
    certificates: o.licence && r.chance(0.7) ? [o.licence] : [],
    benefits: { housing: r.chance(0.5), meals: r.chance(0.5), insurance: r.chance(0.6) },
    ageDays: r.float() * 60,
  };
}

function seeker(r: Rng, villages: readonly string[]): SynthSeeker {
  const o = r.pick(MARKET_OCCUPATIONS);
  const second = r.chance(0.4) ? r.pick(MARKET_OCCUPATIONS) : null;
  const roll = r.float();
  const preference: PlacePreference = roll < 0.5 ? 'local' : roll < 0.8 ? 'outbound' : 'any';
  const held = r.chance(0.6);
  return {
    id: seededUuid(r),
    occupations: second && second.code !== o.code ? [o.code, second.code] : [o.code],
    skills: held ? [{ occupationCode: o.code, certificate: o.licence && r.chance(0.6) ? o.licence : null }] : [],
    regionCode: r.pick(villages),
    places: [],
    preference,
    minWageFen: Math.round((o.basePay * (0.7 + 0.3 * r.float())) / 10_000) * 10_000,
    latent: {
      distance:
        preference === 'local' ? 2 + r.float() : preference === 'outbound' ? 0.5 * r.float() : 0.8 + 0.7 * r.float(),
      wage: 1 + 2 * r.float(),
      housing: preference === 'outbound' ? 0.8 + 0.7 * r.float() : 0.4 * r.float(),
    },
  };
}

export interface JobMarket {
  postings: SynthPosting[];
  seekers: SynthSeeker[];
}

export function generateJobMarket(opts: JobMarketOptions): JobMarket {
  const rp = new Rng(opts.seed, 'job-postings');
  const rs = new Rng(opts.seed, 'job-seekers');
  const postings = Array.from({ length: opts.postings }, () => posting(rp, opts.townships));
  const seekers = Array.from({ length: opts.seekers }, () => seeker(rs, opts.villages));
  return { postings, seekers };
}

/** Whether the seeker could take the posting at all (occupation, pay, and the county for 就地就近). */
export function acceptable(s: SynthSeeker, p: SynthPosting): boolean {
  if (p.wageMaxFen < s.minWageFen) return false;
  const middles = [...s.occupations, ...s.skills.map((k) => k.occupationCode)].map(middle);
  if (!middles.includes(middle(p.occupationCode))) return false;
  return s.preference !== 'local' || s.regionCode.slice(0, 6) === p.regionCode.slice(0, 6);
}

/** The seeker's hidden utility of a posting, with deterministic noise per pair. */
export function latentUtility(s: SynthSeeker, p: SynthPosting): number {
  const occ = s.occupations.includes(p.occupationCode)
    ? 3
    : s.occupations.some((o) => middle(o) === middle(p.occupationCode))
      ? 1.5
      : 0.8;
  const mid = (p.wageMinFen + p.wageMaxFen) / 2;
  const held = s.skills.map((k) => k.certificate).filter(Boolean);
  const licence = p.certificates.length === 0 ? 0 : p.certificates.every((c) => held.includes(c)) ? 0.5 : -2;
  const noise = (hashString(s.id + p.id) / 4294967296 - 0.5) * 0.6;
  return (
    occ +
    s.latent.distance * affinity(s.regionCode, p.regionCode) +
    s.latent.wage * ((mid - s.minWageFen) / s.minWageFen) +
    s.latent.housing * (p.benefits.housing ? 1 : 0) +
    licence -
    (p.ageDays / 60) * 0.3 +
    noise
  );
}

/**
 * Simulated hires: for each seeker, the `k` acceptable postings of highest latent utility (offers it would accept;
 * the first is the hire). Brute force over all postings: size the market for it (the evaluation uses thousands).
 */
export function simulatedHires(m: JobMarket, k = 5): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const s of m.seekers) {
    const ranked = m.postings
      .filter((p) => acceptable(s, p))
      .map((p) => ({ id: p.id, u: latentUtility(s, p) }))
      .sort((a, b) => b.u - a.u)
      .slice(0, k)
      .map((x) => x.id);
    if (ranked.length) out.set(s.id, ranked);
  }
  return out;
}
