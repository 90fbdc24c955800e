import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isBlocked, moderatePosting, scanText, type PostingForModeration } from './jobModeration.js';

const base: PostingForModeration = {
  title: '电焊工',
  description: '负责钢结构焊接，包吃住，缴纳五险（含生育保险）。',
  occupationCode: '6-18-02-04',
  wageMinFen: 480_000,
  wageMaxFen: 550_000,
  requirements: { sex: 'any', ageMin: 18, ageMax: 60, skills: ['二氧化碳保护焊'], certificates: ['焊工证'] },
};
const MIN = 217_000;
const kinds = (p: PostingForModeration) => moderatePosting(p, MIN).map((f) => `${f.kind}:${f.severity}`);
const withText = (description: string) => ({ ...base, description });

describe('moderatePosting', () => {
  it('passes a lawful posting', () => {
    expect(moderatePosting(base, MIN)).toEqual([]);
  });

  it.each([
    ['限本地户口', 'hukou'],
    ['本地人优先', 'hukou'],
    ['限本地人', 'hukou'],
    ['仅限昆明籍', 'hukou'],
    ['户籍要求：五华区', 'hukou'],
    ['外地人勿扰', 'hukou'],
    ['限男', 'sex'],
    ['限女', 'sex'],
    ['男性优先', 'sex'],
    ['女士优先', 'sex'],
    ['只招男工', 'sex'],
    ['性别：男', 'sex'],
    ['女性勿扰', 'sex'],
    ['限汉族', 'ethnicity'],
    ['汉族优先', 'ethnicity'],
    ['不招维吾尔族', 'ethnicity'],
    ['民族：汉', 'ethnicity'],
    ['已婚已育', 'marital'],
    ['未婚优先', 'marital'],
    ['两年内无生育计划', 'marital'],
    ['孕妇勿扰', 'marital'],
    ['乙肝携带者勿扰', 'health'],
    ['入职查乙肝五项', 'health'],
    ['HBV阴性', 'health'],
    ['乙肝', 'health'],
  ])('blocks %s in the free text (%s)', (phrase, kind) => {
    const findings = moderatePosting(withText(`工作认真负责，${phrase}。`), MIN);
    expect(findings.map((f) => f.kind)).toContain(kind);
    const f = findings.find((x) => x.kind === kind)!;
    expect(f.severity).toBe('block');
    expect(f.field).toBe('description');
    expect(f.message).toMatch(/[\u4e00-\u9fff]/);
    expect(isBlocked(findings)).toBe(true);
  });

  it.each([
    '不限户籍',
    '户籍不限',
    '男女不限',
    '男女均可',
    '民族不限',
    '婚否不限',
    '缴纳生育保险',
    '不查乙肝',
    '不限性别',
  ])('does not flag the negation %s', (phrase) => {
    expect(moderatePosting(withText(`招聘普工，${phrase}，包住。`), MIN)).toEqual([]);
  });

  it('scans the title, the skills, the certificates and the other requirements', () => {
    const p: PostingForModeration = {
      ...base,
      title: '保安（限男）',
      requirements: { ...base.requirements, skills: ['本地户口'], certificates: ['无乙肝'], other: '已婚' },
    };
    const found = moderatePosting(p, MIN).map((f) => `${f.field}:${f.kind}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'title:sex',
        'requirements.skills.0:hukou',
        'requirements.certificates.0:health',
        'requirements.other:marital',
      ]),
    );
  });

  it('blocks a structured sex requirement, except for work forbidden to women (矿山井下)', () => {
    expect(kinds({ ...base, requirements: { ...base.requirements, sex: 'male' } })).toEqual(['sex:block']);
    expect(kinds({ ...base, requirements: { ...base.requirements, sex: 'female' } })).toEqual(['sex:block']);
    const mine = {
      ...base,
      occupationCode: '6-16-01-05',
      requirements: { ...base.requirements, sex: 'male' as const },
    };
    expect(kinds(mine)).toEqual([]);
  });

  it('refuses ages under 16 and reversed ranges; warns on an upper limit below retirement age', () => {
    const r = base.requirements;
    expect(kinds({ ...base, requirements: { ...r, ageMin: 15 } })).toEqual(['age:block']);
    expect(kinds({ ...base, requirements: { ...r, ageMin: 40, ageMax: 30 } })).toEqual(['ageReversed:block']);
    expect(kinds({ ...base, requirements: { ...r, ageMin: 18, ageMax: 35 } })).toEqual(['age:warn']);
    expect(kinds({ ...base, requirements: { ...r, ageMin: 18, ageMax: 50 } })).toEqual([]);
    expect(kinds({ ...base, requirements: { ...r, ageMin: null, ageMax: null } })).toEqual([]);
    expect(kinds({ ...base, requirements: { ...r, ageMin: null, ageMax: 65 } })).toEqual([]);
    expect(kinds(withText('年龄14-20岁'))).toEqual(['age:block']);
    expect(kinds(withText('35周岁以下'))).toEqual(['age:warn']);
    expect(kinds(withText('年龄18-55岁'))).toEqual([]);
    expect(isBlocked(moderatePosting({ ...base, requirements: { ...r, ageMax: 35 } }, MIN))).toBe(false);
  });

  it('refuses a reversed wage range and one below the local minimum wage', () => {
    const reversed = moderatePosting({ ...base, wageMinFen: 600_000, wageMaxFen: 500_000 }, MIN);
    expect(reversed).toEqual([expect.objectContaining({ kind: 'wageReversed', field: 'wageMinFen' })]);
    expect(reversed[0].message).toBe('工资范围颠倒：下限 6,000 元高于上限 5,000 元');
    const low = moderatePosting({ ...base, wageMinFen: 150_000 }, MIN);
    expect(low[0].message).toBe('月工资下限 1,500 元低于当地最低工资标准 2,170 元');
    expect(moderatePosting({ ...base, wageMinFen: 150_000 }, null)).toEqual([]);
    expect(moderatePosting({ ...base, wageMinFen: MIN }, MIN)).toEqual([]);
  });
});

describe('scanText (fuzz)', () => {
  it('never throws and always answers findings with a Chinese message', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (s) => {
        for (const f of scanText(s, 'x')) expect(f.message).toMatch(/[\u4e00-\u9fff]/);
      }),
      { numRuns: 500 },
    );
  });

  it('finds a discriminatory phrase wherever it is embedded', () => {
    const phrases = ['限本地户口', '男性优先', '限汉族', '已婚已育', '乙肝携带者勿扰'];
    const filler = fc.string({
      unit: fc.constantFrom(...'工作认真负责吃苦耐劳有经验者包住月休四天，。 '),
      maxLength: 30,
    });
    fc.assert(
      fc.property(filler, fc.constantFrom(...phrases), filler, (a, p, b) => {
        expect(scanText(a + p + b, 'x').some((f) => f.severity === 'block')).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('does not flag innocent text made of ordinary posting words', () => {
    const words = [
      '电焊工',
      '保洁',
      '包吃住',
      '月休四天',
      '缴纳五险',
      '多劳多得',
      '有经验者优先',
      '持证上岗',
      '男女不限',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words), { maxLength: 8 }), (ws) => {
        expect(scanText(ws.join('，'), 'x')).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('wage and age checks agree with plain comparisons', () => {
    fc.assert(
      fc.property(fc.nat(2_000_000), fc.nat(2_000_000), fc.nat(2_000_000), (lo, hi, min) => {
        const f = moderatePosting({ ...base, wageMinFen: lo, wageMaxFen: hi }, min).map((x) => x.kind);
        expect(f.includes('wageReversed')).toBe(lo > hi);
        expect(f.includes('wageBelowMinimum')).toBe(lo <= hi && lo < min);
      }),
    );
  });
});
