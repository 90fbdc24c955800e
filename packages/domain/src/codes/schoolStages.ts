/** 学段 of accompanying (随迁) and left-behind (留守) children. 中职 = secondary vocational school. */
import { indexByCode, indexByName, type CodeItem } from './codeTable.js';

export type SchoolStage = 'preschool' | 'primary' | 'junior' | 'senior' | 'vocational';

export interface SchoolStageItem extends CodeItem {
  readonly code: SchoolStage;
  /** Usual ages (周岁) at the start of the school year. */
  readonly ages: readonly [number, number];
}

export const SCHOOL_STAGES: readonly SchoolStageItem[] = [
  { code: 'preschool', name: '学前', ages: [3, 5] },
  { code: 'primary', name: '小学', ages: [6, 11] },
  { code: 'junior', name: '初中', ages: [12, 14] },
  { code: 'senior', name: '高中', ages: [15, 17] },
  { code: 'vocational', name: '中职', ages: [15, 17] },
];

export const SCHOOL_STAGE_BY_CODE = indexByCode(SCHOOL_STAGES);
export const SCHOOL_STAGE_BY_NAME = indexByName(
  SCHOOL_STAGES,
  (s) =>
    (
      ({
        preschool: ['学前教育', '幼儿园'],
        vocational: ['中等职业教育', '中专', '职高', '技校'],
        senior: ['普通高中'],
      }) as Record<string, string[]>
    )[s.code] ?? [],
);
