import { describe, expect, it } from 'vitest';
import {
  CODE_TABLES,
  EDUCATIONS,
  EDUCATION_BY_NAME,
  EMPLOYER_SIZES,
  ETHNICITIES,
  ETHNICITY_BY_CODE,
  ETHNICITY_BY_NAME,
  HAN_ETHNICITY_CODE,
  INDUSTRIES,
  INDUSTRY_BY_NAME,
  INSURANCE_TYPES,
  NBS_EDUCATION_GROUPS,
  OCCUPATIONS,
  OCCUPATION_BY_NAME,
  OCCUPATION_CODE_RE,
  OCCUPATION_MAJORS,
  RELATIONS,
  RELATION_BY_NAME,
  SCHOOL_STAGES,
  indexByCode,
  industryOfDivision,
} from './index.js';

describe('code tables', () => {
  it('every table has unique, non-empty codes and names', () => {
    for (const [table, items] of Object.entries(CODE_TABLES)) {
      const codes = items.map((i) => i.code);
      const names = items.map((i) => i.name);
      expect(new Set(codes).size, `${table} codes`).toBe(items.length);
      expect(new Set(names).size, `${table} names`).toBe(items.length);
      for (const i of items) expect(i.code.length > 0 && i.name.length > 0, `${table} ${i.code}`).toBe(true);
    }
    expect(() =>
      indexByCode([
        { code: '1', name: 'a' },
        { code: '1', name: 'b' },
      ]),
    ).toThrow('重复代码');
  });

  it('民族: the 56 groups 01–56 (GB 3304-1991) plus 97 其他 and 98 外国血统中国籍人士', () => {
    const groups = ETHNICITIES.filter((e) => /^(0[1-9]|[1-4]\d|5[0-6])$/.test(e.code));
    expect(groups).toHaveLength(56);
    expect(groups.map((e) => Number(e.code))).toEqual(Array.from({ length: 56 }, (_, i) => i + 1));
    expect(groups.every((e) => e.name.endsWith('族') && /^[A-Z]{2}$/.test(e.abbr))).toBe(true);
    expect(new Set(groups.map((e) => e.abbr)).size).toBe(56);
    expect(ETHNICITIES).toHaveLength(58);
    expect(ETHNICITY_BY_CODE.get('01')?.name).toBe('汉族');
    expect(ETHNICITY_BY_CODE.get(HAN_ETHNICITY_CODE)?.name).toBe('汉族');
    expect(ETHNICITY_BY_CODE.get('56')?.name).toBe('基诺族');
    expect(ETHNICITY_BY_CODE.get('17')?.name).toBe('哈萨克族');
    expect(ETHNICITY_BY_CODE.get('97')?.name).toBe('其他');
    expect(ETHNICITY_BY_CODE.get('98')?.name).toBe('外国血统中国籍人士');
    expect(ETHNICITY_BY_NAME.get('彝')?.code).toBe('07');
    expect(ETHNICITY_BY_NAME.get('彝族')?.code).toBe('07');
    expect(ETHNICITY_BY_NAME.get('毛难族')?.code).toBe('36');
    expect(ETHNICITY_BY_NAME.get('崩龙族')?.code).toBe('46');
    expect(ETHNICITY_BY_NAME.get('UG')?.code).toBe('05');
    // '土' must find 土族, not 土家族.
    expect(ETHNICITY_BY_NAME.get('土')?.code).toBe('30');
  });

  it('文化程度: ordered codes, NBS buckets', () => {
    expect(EDUCATIONS.map((e) => e.code)).toEqual(['10', '20', '30', '40', '50', '60', '70']);
    expect(new Set(EDUCATIONS.map((e) => e.nbsGroup))).toEqual(new Set(NBS_EDUCATION_GROUPS));
    expect(EDUCATION_BY_NAME.get('中专')?.code).toBe('50');
    expect(EDUCATION_BY_NAME.get('中专')?.nbsGroup).toBe('高中');
  });

  it('行业: the 20 sections A–T of GB/T 4754-2017, divisions 01–97 without gaps', () => {
    expect(INDUSTRIES).toHaveLength(20);
    expect(INDUSTRIES.map((i) => i.code).join('')).toBe('ABCDEFGHIJKLMNOPQRST');
    let next = 1;
    for (const i of INDUSTRIES) {
      expect(Number(i.divisions[0])).toBe(next);
      next = Number(i.divisions[1]) + 1;
    }
    expect(next).toBe(98);
    expect(INDUSTRIES.find((i) => i.code === 'O')?.name).toBe('居民服务、修理和其他服务业');
    expect(INDUSTRY_BY_NAME.get('交通运输仓储和邮政业')?.code).toBe('G');
    expect(industryOfDivision('48')).toBe('E');
    expect(industryOfDivision('13')).toBe('C');
    expect(industryOfDivision('98')).toBeNull();
  });

  it('职业: 8 大类; about 60 occupations, well-formed codes under their 大类', () => {
    expect(OCCUPATION_MAJORS.map((m) => m.code)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    expect(OCCUPATIONS.length).toBeGreaterThanOrEqual(55);
    for (const o of OCCUPATIONS) {
      expect(o.code, o.name).toMatch(OCCUPATION_CODE_RE);
      expect(o.code.startsWith(o.major + '-')).toBe(true);
      expect(o.level).toBe(o.code.length === 10 ? 'detail' : 'middle');
      expect(o.industries.length).toBeGreaterThan(0);
      expect(o.certificate === 'qualification').toBe(Boolean(o.licence));
    }
    // Every section that employs migrant workers in numbers has at least one occupation.
    for (const section of 'ABCDEFGHKLNOQ')
      expect(
        OCCUPATIONS.some((o) => o.industries.includes(section as never)),
        section,
      ).toBe(true);
    // The trades named in the brief.
    for (const name of [
      '砌筑工',
      '钢筋工',
      '混凝土工',
      '架子工',
      '木工',
      '防水工',
      '电焊工',
      '电工',
      '装饰装修工',
      '管工',
      '快递员',
      '网约配送员',
      '道路客运汽车驾驶员',
      '道路货运汽车驾驶员',
      '中式烹调师',
      '餐厅服务员',
      '家政服务员',
      '育婴员',
      '养老护理员',
      '保安员',
      '保洁员',
      '营业员',
    ]) {
      expect(OCCUPATION_BY_NAME.get(name), name).toBeDefined();
    }
  });

  it('small tables', () => {
    expect(EMPLOYER_SIZES.map((s) => s.code)).toEqual(['micro', 'small', 'medium', 'large']);
    expect(SCHOOL_STAGES.map((s) => s.name)).toEqual(['学前', '小学', '初中', '高中', '中职']);
    expect(RELATIONS.map((r) => r.name)).toEqual(['配偶', '父母', '子女', '兄弟姐妹', '其他']);
    expect(RELATION_BY_NAME.get('妻子')?.code).toBe('spouse');
    expect(INSURANCE_TYPES.map((t) => t.code)).toEqual(['pension', 'medical', 'injury', 'unemployment', 'maternity']);
  });
});
