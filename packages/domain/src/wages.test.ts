import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addMonths,
  addMonthsToDate,
  arrearsAgeLevel,
  criminalThreshold,
  DEFAULT_WAGE_PARAMS,
  defaulterTerm,
  depositDecision,
  earlyRemovalAllowed,
  integrityGrade,
  minimumWageFor,
  missingInstitutionsLevel,
  monthEnd,
  monthsBetween,
  monthStart,
  wageDueDate,
} from './wages.js';

describe('wage months', () => {
  it('parses YYYY-MM strictly and knows month ends and due dates', () => {
    expect(monthStart('2026-02')).toBe('2026-02-01');
    expect(monthStart('2026-13')).toBeNull();
    expect(monthStart('26-02')).toBeNull();
    expect(monthEnd('2024-02-01')).toBe('2024-02-29');
    expect(wageDueDate('2026-01-01')).toBe('2026-02-28'); // paid through the account by the end of the next month
    expect(addMonthsToDate('2026-01-31', 1)).toBe('2026-02-28');
  });
  it('adds months both ways without drift', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1990, max: 2100 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: -500, max: 500 }),
        (y, m, n) => {
          const start = `${y}-${String(m).padStart(2, '0')}-01`;
          expect(addMonths(addMonths(start, n), -n)).toBe(start);
          if (n >= 0) expect(monthsBetween(start, addMonths(start, n))).toHaveLength(n + 1);
        },
      ),
    );
  });
});

describe('local parameters', () => {
  it('takes the minimum wage of the longest matching region prefix', () => {
    expect(minimumWageFor(DEFAULT_WAGE_PARAMS, '530102001')).toMatchObject({ monthlyFen: 217_000 }); // 五华区: tier 1
    expect(minimumWageFor(DEFAULT_WAGE_PARAMS, '530124001')).toMatchObject({ monthlyFen: 202_000 }); // 富民县: tier 2
    // elsewhere in Yunnan
    expect(minimumWageFor(DEFAULT_WAGE_PARAMS, '532301001')).toMatchObject({ monthlyFen: 187_000 });
    expect(minimumWageFor(DEFAULT_WAGE_PARAMS, '110101001')).toBeNull();
  });
});

describe('levels', () => {
  it('colours arrears by age and missing institutions by count', () => {
    expect([0, 30, 31, 61, 62].map(arrearsAgeLevel)).toEqual(['yellow', 'yellow', 'orange', 'orange', 'red']);
    expect([0, 1, 2, 3, 4, 6].map(missingInstitutionsLevel)).toEqual([
      null,
      'yellow',
      'orange',
      'orange',
      'red',
      'red',
    ]);
  });
});

describe('integrity grade and the wage deposit (人社部发〔2021〕65号)', () => {
  const today = '2026-11-22';
  it('grades by clean years and the defaulter list', () => {
    expect(integrityGrade({ today, arrearsDates: [], listed: false, since: '2020-01-01' })).toBe('A');
    expect(integrityGrade({ today, arrearsDates: ['2024-03-01'], listed: false, since: '2020-01-01' })).toBe('B');
    expect(integrityGrade({ today, arrearsDates: ['2025-06-01'], listed: false, since: '2020-01-01' })).toBe('C');
    // no clean history yet
    expect(integrityGrade({ today, arrearsDates: [], listed: false, since: '2025-06-01' })).toBe('C');
    expect(integrityGrade({ today, arrearsDates: [], listed: true, since: '2020-01-01' })).toBe('D');
  });
  it('sets the rate within 1–3 % and never below 0.5 %, with the exemptions and the differentiated rates', () => {
    const base = {
      contractFen: 10_000_000_000,
      arrearsLastYear: false,
      otherLiveProjects: 0,
      params: DEFAULT_WAGE_PARAMS,
    };
    expect(depositDecision({ ...base, contractFen: 200_000_000, grade: 'C' })).toMatchObject({
      exempt: true,
      requiredFen: 0,
    }); // < 3,000,000 元, no arrears last year
    expect(depositDecision({ ...base, contractFen: 200_000_000, grade: 'C', arrearsLastYear: true }).exempt).toBe(
      false,
    );
    expect(depositDecision({ ...base, grade: 'A' })).toMatchObject({ exempt: true });
    expect(depositDecision({ ...base, grade: 'B' })).toMatchObject({ rateBp: 100, requiredFen: 100_000_000 });
    expect(depositDecision({ ...base, grade: 'C' })).toMatchObject({ rateBp: 300 });
    expect(depositDecision({ ...base, grade: 'D' })).toMatchObject({ rateBp: 400 });
    fc.assert(
      fc.property(
        fc.constantFrom('B', 'C', 'D' as const),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 300_000_000, max: 1e12 }),
        (grade, others, contractFen) => {
          const d = depositDecision({
            ...base,
            grade: grade as 'B' | 'C' | 'D',
            otherLiveProjects: others,
            contractFen,
          });
          expect(d.rateBp).toBeGreaterThanOrEqual(50);
          expect(d.requiredFen).toBe(Math.round((contractFen * d.rateBp) / 10_000));
          expect(d.basis.length).toBeGreaterThan(0);
        },
      ),
    );
  });
});

describe('criminal threshold (法释〔2013〕3号) and the defaulter list (人社部令第45号)', () => {
  it('needs ≥ 3 months and the per-worker figure, or ≥ 10 workers and the total', () => {
    const p = DEFAULT_WAGE_PARAMS;
    expect(criminalThreshold(p, '530102', [{ months: 3, unpaidFen: 500_000 }]).met).toBe(true);
    expect(criminalThreshold(p, '530102', [{ months: 2, unpaidFen: 5_000_000 }]).met).toBe(false);
    expect(
      criminalThreshold(
        p,
        '530102',
        Array.from({ length: 10 }, () => ({ months: 1, unpaidFen: 300_000 })),
      ).met,
    ).toBe(true);
    expect(
      criminalThreshold(
        p,
        '530102',
        Array.from({ length: 9 }, () => ({ months: 1, unpaidFen: 400_000 })),
      ).met,
    ).toBe(false);
    expect(criminalThreshold(p, '110101', [{ months: 6, unpaidFen: 9_000_000 }])).toMatchObject({
      met: false,
      threshold: null,
    });
  });
  it('lists for 3 years and removes early only 6 months after full payment with an undertaking', () => {
    expect(defaulterTerm('2026-03-01').expiresOn).toBe('2029-03-01');
    expect(defaulterTerm('2024-02-29').expiresOn).toBe('2027-02-28');
    expect(earlyRemovalAllowed({ today: '2026-08-31', correctedOn: '2026-03-01', undertaking: true }).allowed).toBe(
      false,
    );
    expect(earlyRemovalAllowed({ today: '2026-09-01', correctedOn: '2026-03-01', undertaking: true }).allowed).toBe(
      true,
    );
    expect(earlyRemovalAllowed({ today: '2027-09-01', correctedOn: '2026-03-01', undertaking: false }).allowed).toBe(
      false,
    );
    expect(earlyRemovalAllowed({ today: '2027-09-01', correctedOn: null, undertaking: true }).allowed).toBe(false);
  });
});
