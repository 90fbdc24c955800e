/**
 * Resolves what a clerk types for a region — a code, a full name (云南省昆明市五华区华山街道) or any
 * part of the path ending at the region (五华区华山街道, 昆明市华山街道, 华山街道) — against the region
 * tree, in memory. Ambiguity is reported with the candidates, never guessed.
 */
export interface RegionEntry {
  code: string;
  name: string;
  level: number;
  parentCode: string | null;
  fullName: string;
}

export type RegionResolution =
  | { ok: true; code: string; level: number; fullName: string }
  | { ok: false; reason: 'not_found' | 'too_coarse' | 'ambiguous' | 'outside'; candidates?: RegionEntry[] };

/** Names that carry nothing (municipalities' placeholder cities). */
const PLACEHOLDER = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);
/** What people put between the levels of a path. */
const SEPARATORS = /[\s/\\>＞|｜,，、·・\-－—_]+/g;

export class RegionNameIndex {
  private readonly byCode = new Map<string, RegionEntry>();
  private readonly byName = new Map<string, RegionEntry[]>();
  private maxNameLength = 0;

  constructor(regions: Iterable<RegionEntry>) {
    for (const r of regions) {
      this.byCode.set(r.code, r);
      const n = clean(r.name);
      const list = this.byName.get(n);
      if (list) list.push(r);
      else this.byName.set(n, [r]);
      this.maxNameLength = Math.max(this.maxNameLength, n.length);
    }
  }

  get size(): number {
    return this.byCode.size;
  }

  all(): IterableIterator<RegionEntry> {
    return this.byCode.values();
  }

  get(code: string): RegionEntry | undefined {
    return this.byCode.get(code);
  }

  /**
   * A code or a name. `minLevel`: the coarsest level accepted (3 county … 5 village); `within`: a
   * code prefix the region must lie under (e.g. the deployment's city).
   */
  resolve(input: string, opts: { minLevel: number; within?: string }): RegionResolution {
    const text = clean(input);
    if (!text) return { ok: false, reason: 'not_found' };
    const inside = (r: RegionEntry) => !opts.within || r.code.startsWith(opts.within);
    if (/^\d+$/.test(text)) {
      const r = this.byCode.get(text);
      if (!r) return { ok: false, reason: 'not_found' };
      if (!inside(r)) return { ok: false, reason: 'outside', candidates: [r] };
      if (r.level < opts.minLevel) return { ok: false, reason: 'too_coarse', candidates: [r] };
      return { ok: true, code: r.code, level: r.level, fullName: r.fullName };
    }
    const matches = this.matchPath(text);
    if (matches.length === 0) return { ok: false, reason: 'not_found' };
    const here = matches.filter(inside);
    if (here.length === 0) return { ok: false, reason: 'outside', candidates: matches.slice(0, 5) };
    const fine = here.filter((r) => r.level >= opts.minLevel);
    if (fine.length === 0) return { ok: false, reason: 'too_coarse', candidates: here.slice(0, 5) };
    if (fine.length > 1)
      return { ok: false, reason: 'ambiguous', candidates: fine.sort((a, b) => a.code.localeCompare(b.code)) };
    const r = fine[0];
    return { ok: true, code: r.code, level: r.level, fullName: r.fullName };
  }

  /** Regions whose own name ends the text and whose ancestors' names, in order, make up the rest. */
  private matchPath(text: string): RegionEntry[] {
    const out: RegionEntry[] = [];
    for (let len = Math.min(text.length, this.maxNameLength); len >= 1; len--) {
      const list = this.byName.get(text.slice(text.length - len));
      if (!list) continue;
      const rest = text.slice(0, text.length - len);
      for (const r of list) if (this.ancestorsSpell(rest, r.parentCode)) out.push(r);
    }
    return out;
  }

  /** Does `rest` consist of names of the ancestors from `code` upwards (levels may be skipped)? */
  private ancestorsSpell(rest: string, code: string | null): boolean {
    if (rest === '') return true;
    for (let c = code; c; c = this.byCode.get(c)?.parentCode ?? null) {
      const a = this.byCode.get(c);
      if (!a) return false;
      const n = clean(a.name);
      if (PLACEHOLDER.has(a.name)) continue;
      if (rest.endsWith(n) && this.ancestorsSpell(rest.slice(0, rest.length - n.length), a.parentCode)) return true;
    }
    return false;
  }
}

function clean(s: string): string {
  return s.normalize('NFKC').replace(SEPARATORS, '');
}

/** "华山街道" → "…对应多个区划：A（code）、B（code）" style list. */
export function describeCandidates(candidates: RegionEntry[], max = 5): string {
  const shown = candidates.slice(0, max).map((c) => `${c.fullName}（${c.code}）`);
  return shown.join('、') + (candidates.length > max ? ` 等 ${candidates.length} 处` : '');
}
