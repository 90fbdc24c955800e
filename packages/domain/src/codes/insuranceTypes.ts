/**
 * The five social insurances (五险): 养老 (basic pension), 医疗 (basic medical), 工伤 (work injury),
 * 失业 (unemployment), 生育 (maternity — merged into medical insurance administration since 2019,
 * still reported as its own type).
 */
import { indexByCode, indexByName, type CodeItem } from './codeTable.js';

export type InsuranceType = 'pension' | 'medical' | 'injury' | 'unemployment' | 'maternity';

export interface InsuranceTypeItem extends CodeItem {
  readonly code: InsuranceType;
}

export const INSURANCE_TYPES: readonly InsuranceTypeItem[] = [
  { code: 'pension', name: '养老保险' },
  { code: 'medical', name: '医疗保险' },
  { code: 'injury', name: '工伤保险' },
  { code: 'unemployment', name: '失业保险' },
  { code: 'maternity', name: '生育保险' },
];

export const INSURANCE_TYPE_BY_CODE = indexByCode(INSURANCE_TYPES);
export const INSURANCE_TYPE_BY_NAME = indexByName(INSURANCE_TYPES, (t) => [
  t.name.replace('保险', ''),
  '基本' + t.name,
]);
