import { describe, expect, it } from 'vitest';
import { EMPLOYER_SIZES, INSURANCE_TYPES, RELATION_BY_CODE } from '../codes/index.js';
import {
  CONTRACT_TYPE_IMPORT_NAMES,
  CONTRACT_TYPE_LABELS,
  EMPLOYER_SIZE_LABELS,
  FILING_STATUS_IMPORT_NAMES,
  FILING_STATUS_LABELS,
  INSURANCE_TYPE_LABELS,
  LEFT_BEHIND_RELATION_LABELS,
  contractTypeSchema,
  employerCreateSchema,
  employerSizeSchema,
  employmentPatchSchema,
  filingStatusSchema,
  insuranceTypeSchema,
  leftBehindRelationSchema,
  workerPatchSchema,
} from './registry.js';

const messageOf = (r: { success: boolean; error?: { issues: { message: string }[] } }) => r.error?.issues[0]?.message;

describe('registry labels', () => {
  it('name every code of their enum, and agree with the code tables', () => {
    expect(contractTypeSchema.options).toEqual(Object.keys(CONTRACT_TYPE_LABELS));
    expect(filingStatusSchema.options).toEqual(Object.keys(FILING_STATUS_LABELS));
    expect(employerSizeSchema.options).toEqual(EMPLOYER_SIZES.map((s) => s.code));
    expect(Object.values(EMPLOYER_SIZE_LABELS)).toEqual(EMPLOYER_SIZES.map((s) => s.name));
    expect(Object.values(INSURANCE_TYPE_LABELS)).toEqual(INSURANCE_TYPES.map((t) => t.name));
    for (const [code, name] of Object.entries(LEFT_BEHIND_RELATION_LABELS))
      expect(RELATION_BY_CODE.get(code as 'child')?.name).toBe(name);
  });

  it('keep the import templates’ short names for the same codes', () => {
    expect(Object.keys(CONTRACT_TYPE_IMPORT_NAMES)).toEqual(Object.keys(CONTRACT_TYPE_LABELS));
    expect(Object.values(CONTRACT_TYPE_IMPORT_NAMES)).toEqual([
      '固定期限',
      '无固定期限',
      '以完成一定工作任务为期限',
      '未签订',
    ]);
    expect(Object.values(FILING_STATUS_IMPORT_NAMES)).toEqual(['已备案', '备案中', '未备案']);
  });
});

describe('registry request contracts', () => {
  it('keep their Chinese messages', () => {
    expect(messageOf(employerSizeSchema.safeParse('huge'))).toBe('请选择企业规模');
    expect(messageOf(insuranceTypeSchema.safeParse('dental'))).toBe('险种不正确');
    expect(messageOf(leftBehindRelationSchema.safeParse('cousin'))).toBe('留守成员关系只能是子女、配偶或父母');
  });

  it('stay strict when partial: an unknown or key field is refused', () => {
    expect(workerPatchSchema.safeParse({ version: 1, extra: 1 }).success).toBe(false);
    expect(workerPatchSchema.safeParse({ version: 1 }).success).toBe(true);
    expect(workerPatchSchema.safeParse({}).success).toBe(false);
    expect(employmentPatchSchema.safeParse({ workerId: '00000000-0000-4000-8000-000000000000' }).success).toBe(false);
    expect(employmentPatchSchema.safeParse({ endDate: '2026-01-31' }).success).toBe(true);
    expect(employerCreateSchema.partial().safeParse({ nope: true }).success).toBe(false);
  });
});
