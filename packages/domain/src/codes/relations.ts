/** Family relations (emergency contacts, 留守 family members), as seen from the worker. */
import { indexByCode, indexByName, type CodeItem } from './codeTable.js';

export type RelationCode = 'spouse' | 'parent' | 'child' | 'sibling' | 'other';

export interface Relation extends CodeItem {
  readonly code: RelationCode;
}

export const RELATIONS: readonly Relation[] = [
  { code: 'spouse', name: '配偶' },
  { code: 'parent', name: '父母' },
  { code: 'child', name: '子女' },
  { code: 'sibling', name: '兄弟姐妹' },
  { code: 'other', name: '其他' },
];

export const RELATION_BY_CODE = indexByCode(RELATIONS);
export const RELATION_BY_NAME = indexByName(
  RELATIONS,
  (r) =>
    (
      ({
        spouse: ['夫妻', '丈夫', '妻子', '爱人'],
        parent: ['父亲', '母亲', '父', '母'],
        child: ['儿子', '女儿', '子', '女'],
        sibling: ['兄弟', '姐妹', '哥哥', '姐姐', '弟弟', '妹妹'],
        other: ['朋友', '同事', '亲戚', '工友'],
      }) as Record<string, string[]>
    )[r.code] ?? [],
);
