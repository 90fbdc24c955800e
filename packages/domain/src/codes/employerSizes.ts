/**
 * 企业规模 — 大型/中型/小型/微型 as in 《统计上大中小微型企业划分办法（2017）》 (国统字〔2017〕213号),
 * which follows 《中小企业划型标准规定》 (工信部联企业〔2011〕300号). The thresholds depend on the
 * industry (e.g. industry: large ≥ 1000 employees and ≥ 4亿元 revenue; micro < 20 employees or
 * < 300万元); the platform stores the class, not the thresholds.
 */
import { indexByCode, indexByName, type CodeItem } from './codeTable.js';

export type EmployerSize = 'micro' | 'small' | 'medium' | 'large';

export interface EmployerSizeItem extends CodeItem {
  readonly code: EmployerSize;
}

export const EMPLOYER_SIZES: readonly EmployerSizeItem[] = [
  { code: 'micro', name: '微型' },
  { code: 'small', name: '小型' },
  { code: 'medium', name: '中型' },
  { code: 'large', name: '大型' },
];

export const EMPLOYER_SIZE_BY_CODE = indexByCode(EMPLOYER_SIZES);
export const EMPLOYER_SIZE_BY_NAME = indexByName(EMPLOYER_SIZES, (s) => [s.name + '企业']);
