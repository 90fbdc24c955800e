import { describe, expect, it } from 'vitest';
import {
  hearingRequired,
  PENALTY_BASES,
  penaltyBasisLabel,
  penaltyProblem,
  VIOLATION_KIND_LABELS,
  PENALTY_KIND_LABELS,
} from './penalties.js';
import { integrityGrade } from './wages.js';

describe('the legal-basis catalogue', () => {
  it('has unique codes, known violations and kinds, and a neutral label', () => {
    expect(new Set(PENALTY_BASES.map((b) => b.code)).size).toBe(PENALTY_BASES.length);
    for (const b of PENALTY_BASES) {
      for (const v of b.violations) expect(VIOLATION_KIND_LABELS[v]).toBeTruthy();
      for (const k of b.kinds) expect(PENALTY_KIND_LABELS[k]).toBeTruthy();
      expect(penaltyBasisLabel(b)).toMatch(/^《.+》第.+条（.+）$/);
    }
    const lssr = PENALTY_BASES.filter((b) => b.law === '《劳动保障监察条例》').map((b) => b.article);
    expect(lssr).toEqual(expect.arrayContaining(['第二十三条', '第二十四条', '第二十五条', '第二十六条', '第三十条']));
    const wage = PENALTY_BASES.filter((b) => b.law === '《保障农民工工资支付条例》').map((b) => b.article);
    expect(wage).toEqual([
      '第五十四条',
      '第五十五条',
      '第五十六条',
      '第五十七条',
      '第五十八条',
      '第五十九条',
      '第六十条',
      '第六十一条',
    ]);
    expect(PENALTY_BASES.find((b) => b.code === 'child_6')?.article).toBe('第六条');
  });

  it('refuses a basis that does not fit the violation or the kind, and checks the amount', () => {
    expect(
      penaltyProblem({ violation: 'child_labour', kind: 'fine', basis: 'child_6', amountFen: 500_000 }),
    ).toBeNull();
    expect(penaltyProblem({ violation: 'wage_arrears', kind: 'fine', basis: 'child_6', amountFen: 1 })?.field).toBe(
      'basis',
    );
    expect(
      penaltyProblem({ violation: 'no_contract', kind: 'fine', basis: 'lssr_24', amountFen: 1 })?.message,
    ).toContain('不能作出“罚款”');
    expect(penaltyProblem({ violation: 'overtime', kind: 'fine', basis: 'lssr_25', amountFen: 0 })?.field).toBe(
      'amountFen',
    );
    expect(penaltyProblem({ violation: 'overtime', kind: 'warning', basis: 'lssr_25', amountFen: 100 })?.field).toBe(
      'amountFen',
    );
    expect(penaltyProblem({ violation: 'overtime', kind: 'warning', basis: 'nope', amountFen: null })?.field).toBe(
      'basis',
    );
  });

  it('requires the hearing notice for a large fine and a revocation', () => {
    expect(hearingRequired('fine', 999_999)).toBe(false);
    expect(hearingRequired('fine', 1_000_000)).toBe(true);
    expect(hearingRequired('revoke', null)).toBe(true);
    expect(hearingRequired('warning', null)).toBe(false);
  });
});

describe('integrity grade with labour-inspection violations', () => {
  const today = '2026-03-01';
  const since = '2020-01-01';
  it('counts a wage-payment violation within the look-back window like an arrears case', () => {
    expect(integrityGrade({ today, arrearsDates: [], listed: false, since })).toBe('A');
    // a penalty for wage arrears last year: C, exactly as an arrears case on that day
    const recent = [{ on: '2025-06-01', kind: 'wage_arrears' }];
    expect(integrityGrade({ today, arrearsDates: [], listed: false, since, violations: recent })).toBe('C');
    expect(integrityGrade({ today, arrearsDates: ['2025-06-01'], listed: false, since })).toBe('C');
    // 2–3 years ago: B; older than 3 years: no effect
    expect(
      integrityGrade({
        today,
        arrearsDates: [],
        listed: false,
        since,
        violations: [{ on: '2023-09-01', kind: 'wage_institutions' }],
      }),
    ).toBe('B');
    expect(
      integrityGrade({
        today,
        arrearsDates: [],
        listed: false,
        since,
        violations: [{ on: '2022-09-01', kind: 'wage_arrears' }],
      }),
    ).toBe('A');
  });
  it('ignores violations the wage grade does not measure, and the defaulter list still wins', () => {
    const other = [
      { on: '2026-01-01', kind: 'overtime' },
      { on: '2026-01-01', kind: 'child_labour' },
    ];
    expect(integrityGrade({ today, arrearsDates: [], listed: false, since, violations: other })).toBe('A');
    expect(
      integrityGrade({
        today,
        arrearsDates: [],
        listed: true,
        since,
        violations: [{ on: '2026-01-01', kind: 'wage_arrears' }],
      }),
    ).toBe('D');
  });
});
