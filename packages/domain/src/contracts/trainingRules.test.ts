/** 补贴标准 form validation: the Altay cap, validity order, code formats and bounds, each with its Chinese message. */
import { describe, expect, it } from 'vitest';
import { trainingSubsidyRuleCreateSchema } from './training.js';

const base = {
  name: '就业技能培训补贴（焊工）',
  occupationPrefix: '6-18',
  trainingType: 'employment_skill',
  amountFen: 150_000,
  validFrom: '2026-01-01',
};
const messages = (v: unknown) => {
  const r = trainingSubsidyRuleCreateSchema.safeParse(v);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('trainingSubsidyRuleCreateSchema', () => {
  it('accepts a standard and fills the defaults (certificate required, attendance ≥ 80 %, paid to the person)', () => {
    expect(trainingSubsidyRuleCreateSchema.parse(base)).toMatchObject({
      requireCertificate: true,
      minAttendancePct: 80,
      payee: 'person',
      sharePct: 100,
    });
  });

  it('caps what an enterprise receives at 50 % of the standard (Altay 二)', () => {
    expect(messages({ ...base, payee: 'enterprise', sharePct: 51 })).toEqual([
      'sharePct: 拨付企业的补贴不得超过现行标准的 50%',
    ]);
    expect(
      messages({ ...base, payee: 'enterprise', sharePct: 50, minContractMonths: 12, originProvince: '65' }),
    ).toEqual([]);
    expect(messages({ ...base, payee: 'person', sharePct: 80 })).toEqual([]);
  });

  it('refuses a validity that ends before it starts', () => {
    expect(messages({ ...base, validTo: '2025-12-31' })).toEqual(['validTo: 有效期止不能早于有效期起']);
    expect(messages({ ...base, validTo: '2026-01-01' })).toEqual([]);
  });

  it('checks codes and bounds', () => {
    expect(messages({ ...base, occupationPrefix: '6-1' })[0]).toContain('职业代码（前缀）格式应为');
    expect(messages({ ...base, originProvince: '6' })[0]).toContain('籍贯省份代码应为 2 位数字');
    expect(messages({ ...base, minAttendancePct: 101 })).toHaveLength(1);
    expect(messages({ ...base, employedWithinMonths: 0 })).toHaveLength(1);
    expect(messages({ ...base, amountFen: -1 })).toHaveLength(1);
    expect(messages({ ...base, trainingType: 'cooking' })[0]).toContain('培训类型无效');
    expect(messages({ ...base, extra: 1 })).toHaveLength(1);
  });
});
