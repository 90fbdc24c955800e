import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OCCUPATIONS } from './codes/occupations.js';
import {
  applyCodeRules,
  occupationSimilarity,
  occupationSimilarityRules,
  rankBy,
  regionAffinity,
  scoreMatch,
  type PostingFacts,
  type SeekerFacts,
} from './jobMatching.js';
import { queryGrams, queryTerms, textGrams } from './jobText.js';

describe('textGrams / queryGrams', () => {
  it('answers two-character queries through bigrams, one-character ones through unigrams', () => {
    const doc = textGrams('招聘电工、焊工，保洁员若干', 'CNC 操作工');
    for (const q of ['电工', '焊工', '保洁', '工', 'cnc', 'CNC', '保洁员'])
      expect(
        queryGrams(q).every((g) => doc.includes(g)),
        q,
      ).toBe(true);
    expect(queryGrams('木工').every((g) => doc.includes(g))).toBe(false);
    expect(queryTerms(' 电工  焊工 ')).toEqual(['电工', '焊工']);
  });

  it('every substring of a Han text is found (fuzz)', () => {
    const han = fc.string({ unit: fc.constantFrom(...'电工焊保洁木瓦钢筋普家政服务员'), minLength: 1, maxLength: 20 });
    fc.assert(
      fc.property(han, fc.nat(), fc.nat(), (s, a, b) => {
        const chars = [...s];
        const i = a % chars.length;
        const j = i + 1 + (b % (chars.length - i));
        const doc = new Set(textGrams(s));
        expect(queryGrams(chars.slice(i, j).join('')).every((g) => doc.has(g))).toBe(true);
      }),
    );
  });
});

const seeker: SeekerFacts = {
  occupations: ['6-18-02-04'],
  skills: [{ occupationCode: '6-18-02-04', certificate: '特种作业操作证（焊接与热切割作业）' }],
  regionCode: '530102001001',
  places: [],
  preference: 'local',
  minWageFen: 400_000,
};
const posting: PostingFacts = {
  occupationCode: '6-18-02-04',
  certificates: ['焊接与热切割作业'],
  regionCode: '530102001',
  wageMinFen: 480_000,
  wageMaxFen: 550_000,
  benefits: { housing: true, meals: false, insurance: true },
  ageDays: 2,
};

describe('scoreMatch', () => {
  it('explains each contributing feature in Chinese, most important first', () => {
    const m = scoreMatch(seeker, posting);
    expect(m.explanation[0]).toBe('工种匹配');
    expect(m.explanation).toEqual(
      expect.arrayContaining([
        '距居住地：同乡镇（街道）',
        '月薪 4,800–5,500 元',
        '提供住宿、缴纳社保',
        '就地就近',
        '持有焊接与热切割作业',
        '2 天内发布',
      ]),
    );
    expect(m.score).toBeCloseTo(
      m.features.reduce((s, f) => s + f.contribution, 0),
      5,
    );
  });

  it('ranks a matching occupation nearby above a different one', () => {
    const other = { ...posting, occupationCode: '4-09', certificates: [] };
    const far = { ...posting, regionCode: '532301001' };
    expect(scoreMatch(seeker, posting).score).toBeGreaterThan(scoreMatch(seeker, other).score);
    expect(scoreMatch(seeker, posting).score).toBeGreaterThan(scoreMatch(seeker, far).score);
    expect(scoreMatch(seeker, other).explanation).not.toContain('工种匹配');
  });

  it('weights are data: a zero weight removes the feature from the score and the explanation', () => {
    const w = { occupation: 4, skills: 0, distance: 0, wage: 0, preference: 0, benefits: 0, freshness: 0 };
    const m = scoreMatch(seeker, posting, w);
    expect(m.score).toBe(4);
    expect(m.explanation).toEqual(['工种匹配']);
  });

  it('similarities and features stay in [0, 1] (fuzz)', () => {
    const code = fc.constantFrom('6-18-02-04', '6-18-01-01', '6-18', '6-29-01-01', '4-09', '4-10-01-06', '5-01-02-01');
    const region = fc.constantFrom('530102001001', '530102002', '530103001', '532301001', '650100001');
    fc.assert(
      fc.property(code, code, region, region, fc.nat(1_000_000), fc.nat(60_000), (a, b, ra, rb, min, extra) => {
        expect(occupationSimilarity(a, b)).toBe(occupationSimilarity(b, a));
        expect(regionAffinity(ra, rb)).toBe(regionAffinity(rb, ra));
        const m = scoreMatch(
          { ...seeker, occupations: [a], regionCode: ra, minWageFen: min },
          { ...posting, occupationCode: b, regionCode: rb, wageMinFen: min, wageMaxFen: min + extra },
        );
        for (const f of m.features) expect(f.value >= 0 && f.value <= 1, f.feature).toBe(true);
      }),
    );
  });

  it('rankBy orders by score and breaks ties by key', () => {
    const r = rankBy(
      [
        { k: 'b', s: 1 },
        { k: 'a', s: 1 },
        { k: 'c', s: 2 },
      ],
      (x) => x.s,
      (x) => x.k,
      2,
    );
    expect(r.map((x) => x.k)).toEqual(['c', 'a']);
  });
});

describe('occupationSimilarityRules', () => {
  it('gives occupationSimilarity over the whole code table, its prefixes and odd codes', () => {
    const codes = new Set<string>(['6', '6-18', '6-18-02', '6-18-02-04-01', '6-180-02-04', '4-09']);
    for (const o of OCCUPATIONS) {
      const seg = o.code.split('-');
      for (let n = 1; n <= seg.length; n++) codes.add(seg.slice(0, n).join('-'));
    }
    for (const a of codes) {
      const rules = occupationSimilarityRules(a);
      for (const b of codes) expect(applyCodeRules(rules, b), `${a} ~ ${b}`).toBe(occupationSimilarity(a, b));
    }
  });
});
