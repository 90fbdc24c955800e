import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  approvalLevelOf,
  computeSubsidy,
  firstClaimStatus,
  periodsOverlap,
  subsidyPeriodKey,
  TRAINING_TYPES,
  type SubsidyFacts,
  type SubsidyRule,
} from './training.js';

const base: SubsidyRule = {
  id: 'r-general',
  name: '就业技能培训补贴（通用）',
  occupationPrefix: null,
  trainingType: 'employment_skill',
  certificateKind: null,
  amountFen: 80_000,
  requireCertificate: true,
  employedWithinMonths: null,
  minAttendancePct: 80,
  payee: 'person',
  sharePct: 100,
  minContractMonths: null,
  originProvince: null,
  validFrom: '2020-01-01',
  validTo: null,
};
const welder: SubsidyRule = {
  ...base,
  id: 'r-welder',
  name: '焊工职业技能等级证书补贴',
  occupationPrefix: '6-18',
  certificateKind: 'skill_level',
  amountFen: 150_000,
  employedWithinMonths: 6,
};
const altay: SubsidyRule = {
  ...base,
  id: 'r-altay',
  name: '企业新招用新疆籍劳动者培训补贴',
  trainingType: null,
  payee: 'enterprise',
  sharePct: 50,
  minContractMonths: 12,
  originProvince: '65',
};
const rules = [base, welder, altay];

const facts: SubsidyFacts = {
  occupationCode: '6-18-02-04',
  trainingType: 'employment_skill',
  classEndDate: '2026-06-30',
  sessions: 20,
  attendedSessions: 18,
  completed: true,
  certificates: [{ kind: 'skill_level', issuedOn: '2026-07-10' }],
  employedOn: '2026-09-01',
  payee: 'person',
  originProvince: '53',
  contractMonths: null,
};

describe('computeSubsidy', () => {
  it('applies the most specific rule and says why', () => {
    const r = computeSubsidy(rules, facts);
    expect(r).toMatchObject({ ok: true, ruleId: 'r-welder', amountFen: 150_000, payee: 'person' });
    if (r.ok) expect(r.basis.join('；')).toContain('出勤 18/20 次');
  });

  it('refuses with the conditions that are not met, in Chinese', () => {
    const r = computeSubsidy(rules, { ...facts, attendedSessions: 15, employedOn: '2027-02-01' });
    expect(r).toEqual({
      ok: false,
      ruleId: 'r-welder',
      reasons: ['出勤率 75% 低于 80%', '结业后 6 个月内（2026-12-30 前）未就业'],
    });
    const noCert = computeSubsidy(rules, { ...facts, occupationCode: '4-10-01-06', certificates: [] });
    expect(noCert).toEqual({ ok: false, ruleId: 'r-general', reasons: ['未取得证书'] });
    expect(computeSubsidy(rules, { ...facts, completed: false })).toMatchObject({ reasons: ['未结业（考核合格）'] });
    expect(computeSubsidy([], facts)).toMatchObject({ ok: false, ruleId: null });
  });

  it('pays an enterprise at most half the standard for new hires from Xinjiang on ≥ 1-year contracts (Altay)', () => {
    const ent = { ...facts, payee: 'enterprise' as const, originProvince: '65', contractMonths: 12 };
    expect(computeSubsidy(rules, ent)).toMatchObject({ ok: true, ruleId: 'r-altay', amountFen: 40_000 });
    expect(computeSubsidy(rules, { ...ent, contractMonths: 11 })).toMatchObject({
      ok: false,
      reasons: ['与企业签订的劳动合同不足 12 个月'],
    });
    expect(computeSubsidy(rules, { ...ent, originProvince: '53' })).toMatchObject({ reasons: ['学员非新疆籍'] });
  });

  it('never pays more than the standard, never a negative amount, and only when every condition holds', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 1, max: 100 }),
        fc.constantFrom(...TRAINING_TYPES),
        fc.boolean(),
        (attended, sessions, minPct, amountFen, sharePct, type, withCert) => {
          const rule: SubsidyRule = { ...base, trainingType: null, minAttendancePct: minPct, amountFen, sharePct };
          const f: SubsidyFacts = {
            ...facts,
            trainingType: type,
            sessions,
            attendedSessions: Math.min(attended, sessions),
            certificates: withCert ? facts.certificates : [],
          };
          const r = computeSubsidy([rule], f);
          const attendanceOk = Math.min(attended, sessions) * 100 >= minPct * sessions;
          expect(r.ok).toBe(attendanceOk && withCert);
          if (r.ok) {
            expect(r.amountFen).toBeGreaterThanOrEqual(0);
            expect(r.amountFen).toBeLessThanOrEqual(amountFen);
          }
        },
      ),
    );
  });
});

describe('approval levels and periods', () => {
  it('knows the level from the length of the scope region', () => {
    expect(approvalLevelOf('530102001')).toBe('township');
    expect(approvalLevelOf('530102')).toBe('county');
    expect(approvalLevelOf('5301')).toBe('city');
    expect(approvalLevelOf('530102001001')).toBeNull();
    expect(approvalLevelOf('530102', 'all')).toBe('city');
    expect(firstClaimStatus('530102001')).toBe('pending_township');
    expect(firstClaimStatus('530102')).toBe('pending_county');
  });

  it('keys the one-subsidy rule by year or once ever, and overlaps ranges symmetrically', () => {
    expect(subsidyPeriodKey('2026-06-30', 'year')).toBe(2026);
    expect(subsidyPeriodKey('2026-06-30', 'once')).toBe(0);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), (a, b) => {
        const d = (n: number) => `2026-01-${String((n % 28) + 1).padStart(2, '0')}`;
        expect(periodsOverlap(d(a), d(a + 3), d(b), d(b + 3))).toBe(periodsOverlap(d(b), d(b + 3), d(a), d(a + 3)));
      }),
    );
  });
});
