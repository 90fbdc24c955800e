/**
 * 文化程度 (highest completed education). Codes are the platform's own, ordered so that
 * a larger code means more schooling ('30' 初中 and above is `code >= '30'`):
 *
 *   10 未上过学 · 20 小学 · 30 初中 · 40 高中 · 50 中专/职高/技校 · 60 大专 · 70 本科及以上
 *
 * `nbsGroup` is the bucket used by the NBS 农民工监测调查报告 (which counts 中专 under 高中 and
 * publishes only 大专及以上), so survey tables can be reproduced. `gb4658` is the nearest
 * GB/T 4658-2006《学历代码》 code for exchange with systems that use it (that standard has no
 * code for "never attended school"; 90 其他 is the closest).
 */
import { indexByCode, indexByName, type CodeItem } from './codeTable.js';

export type NbsEducationGroup = '未上过学' | '小学' | '初中' | '高中' | '大专及以上';

export interface Education extends CodeItem {
  readonly nbsGroup: NbsEducationGroup;
  readonly gb4658: string;
}

export const EDUCATIONS: readonly Education[] = [
  { code: '10', name: '未上过学', nbsGroup: '未上过学', gb4658: '90' },
  { code: '20', name: '小学', nbsGroup: '小学', gb4658: '80' },
  { code: '30', name: '初中', nbsGroup: '初中', gb4658: '70' },
  { code: '40', name: '高中', nbsGroup: '高中', gb4658: '60' },
  { code: '50', name: '中专/职高/技校', nbsGroup: '高中', gb4658: '40' },
  { code: '60', name: '大专', nbsGroup: '大专及以上', gb4658: '30' },
  { code: '70', name: '本科及以上', nbsGroup: '大专及以上', gb4658: '20' },
];

/** The NBS report's five buckets, in order. */
export const NBS_EDUCATION_GROUPS: readonly NbsEducationGroup[] = ['未上过学', '小学', '初中', '高中', '大专及以上'];

export const EDUCATION_BY_CODE = indexByCode(EDUCATIONS);

const ALIASES: Readonly<Record<string, readonly string[]>> = {
  '10': ['文盲', '文盲或半文盲', '无'],
  '40': ['普通高中', '高中毕业'],
  '50': ['中专', '职高', '技校', '中职', '中等职业教育', '中专或中技'],
  '60': ['大学专科', '专科', '高职'],
  '70': ['本科', '大学本科', '研究生', '硕士', '博士'],
};

export const EDUCATION_BY_NAME = indexByName(EDUCATIONS, (e) => ALIASES[e.code] ?? []);
