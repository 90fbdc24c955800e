/** The programme rules, pure: fairs within their campaign, fair results, surveys, groups, model sites, loans. */
import { describe, expect, it } from 'vitest';
import { checkFairResults, checkFairWithinCampaign } from './campaigns.rules.js';
import { checkGroupDate, checkModelSiteLevel } from './cooperation.rules.js';
import { checkLoanApplication, checkLoanDecision } from './startup.rules.js';
import { checkOutboundIncome, checkSurveyDate } from './surveys.rules.js';

const now = new Date('2026-03-02T02:00:00Z'); // 2026-03-02 in Shanghai

describe('campaign rules', () => {
  const c = { startDate: '2026-02-01', endDate: '2026-03-31', regionCode: '5301', regions: ['530102'] };
  it('keeps a fair within the campaign’s dates and regions', () => {
    expect(checkFairWithinCampaign(c, { heldOn: '2026-02-01', regionCode: '530102001' })).toBeNull();
    expect(checkFairWithinCampaign(c, { heldOn: '2026-01-31', regionCode: '530102' })?.path).toBe('heldOn');
    expect(checkFairWithinCampaign(c, { heldOn: '2026-03-01', regionCode: '530103' })?.path).toBe('regionCode');
    expect(checkFairWithinCampaign({ ...c, regions: [] }, { heldOn: '2026-03-01', regionCode: '530103' })).toBeNull();
  });
  it('takes results after the fair, each count within the attendees', () => {
    expect(checkFairResults({ heldOn: '2026-03-02' }, { attendees: 5, referrals: 5, hires: 5 }, now)).toBeNull();
    expect(checkFairResults({ heldOn: '2026-03-03' }, { attendees: 5, referrals: 0, hires: 0 }, now)?.message).toBe(
      '招聘会尚未举办，不能登记成效',
    );
    expect(checkFairResults({ heldOn: '2026-03-01' }, { attendees: 5, referrals: 6, hires: 0 }, now)?.path).toBe(
      'referrals',
    );
    expect(checkFairResults({ heldOn: '2026-03-01' }, { attendees: 5, referrals: 0, hires: 6 }, now)?.path).toBe(
      'hires',
    );
  });
});

describe('survey and cooperation rules', () => {
  it('refuses future survey dates and income of people without work', () => {
    expect(checkSurveyDate('2026-03-02', now)).toBeNull();
    expect(checkSurveyDate('2026-03-03', now)?.message).toBe('调查日期不能晚于今天');
    expect(checkOutboundIncome('employed', 500_000)).toBeNull();
    expect(checkOutboundIncome('returned', null)).toBeNull();
    expect(checkOutboundIncome('seeking', 1)?.path).toBe('incomeFen');
  });
  it('dates a group within its agreement and not in the future', () => {
    const a = { startDate: '2026-01-01', endDate: '2026-12-31' };
    expect(checkGroupDate('2026-02-01', a, now)).toBeNull();
    expect(checkGroupDate('2025-12-31', a, now)?.message).toBe('出发日期须在协议期限（2026-01-01 至 2026-12-31）内');
    expect(checkGroupDate('2026-03-03', null, now)?.path).toBe('departedOn');
  });
  it('puts a model township on a township and a model village on a village', () => {
    expect(checkModelSiteLevel('township', 4)).toBeNull();
    expect(checkModelSiteLevel('village', 5)).toBeNull();
    expect(checkModelSiteLevel('township', 5)?.message).toBe('示范乡镇须选择乡镇（街道）');
    expect(checkModelSiteLevel('village', 3)?.message).toBe('示范村须选择村（社区）');
  });
});

describe('startup loan rules', () => {
  it('holds an application to the cap it is given', () => {
    expect(checkLoanApplication({ amountFen: 30_000_000, appliedOn: '2026-03-01' }, 30_000_000, now)).toBeNull();
    expect(checkLoanApplication({ amountFen: 30_000_001, appliedOn: '2026-03-01' }, 30_000_000, now)?.message).toBe(
      '申请金额超过个人创业担保贷款最高额度 300,000.00 元',
    );
    expect(checkLoanApplication({ amountFen: 1, appliedOn: '2026-03-03' }, 30_000_000, now)?.path).toBe('appliedOn');
  });
  it('allows submitted → approved/rejected → (approved) disbursed, and nothing after', () => {
    const loan = { status: 'submitted', appliedOn: '2026-02-01', amountFen: 100, approvedFen: null };
    const d = { decidedOn: '2026-02-10' };
    expect(checkLoanDecision(loan, { ...d, decision: 'approved', approvedFen: 100 }, now)).toBeNull();
    expect(checkLoanDecision(loan, { ...d, decision: 'rejected' }, now)).toBeNull();
    expect(checkLoanDecision(loan, { ...d, decision: 'disbursed' }, now)?.path).toBe('decision');
    expect(checkLoanDecision(loan, { ...d, decision: 'approved' }, now)?.message).toBe('请填写批准金额');
    expect(checkLoanDecision(loan, { ...d, decision: 'rejected', approvedFen: 5 }, now)?.path).toBe('approvedFen');
    const approved = { ...loan, status: 'approved', approvedFen: 100 };
    expect(checkLoanDecision(approved, { ...d, decision: 'disbursed' }, now)).toBeNull();
    expect(checkLoanDecision(approved, { ...d, decision: 'rejected' }, now)?.message).toBe('已批准的贷款只能登记放款');
    expect(checkLoanDecision({ ...loan, status: 'rejected' }, { ...d, decision: 'approved' }, now)?.message).toBe(
      '该申请已办结，不能再登记审批结果',
    );
  });
});
