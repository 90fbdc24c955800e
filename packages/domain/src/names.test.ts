import { describe, expect, it } from 'vitest';
import { checkPersonName, NAME_DOT, normalizeName, sameName } from './names.js';

/** Every middle-dot variant people type for the 间隔号 of 维吾尔/哈萨克 names. */
const DOT_VARIANTS = [
  '\u00B7',
  '\u30FB',
  '\u2022',
  '\u2027',
  '\u2219',
  '\u22C5',
  '\uFF65',
  '\uFF0E',
  '\u0387',
  '\u2E31',
];

describe('normalizeName: one normal form for every comparison of names', () => {
  it('unifies every middle-dot variant to U+00B7', () => {
    for (const dot of DOT_VARIANTS) {
      expect(normalizeName(`阿依古丽${dot}吐尔逊`), `U+${dot.codePointAt(0)!.toString(16)}`).toBe('阿依古丽·吐尔逊');
      expect(sameName(`阿依古丽${dot}吐尔逊`, '阿依古丽·吐尔逊')).toBe(true);
    }
    expect(NAME_DOT).toBe('·');
  });

  it('keeps characters outside the BMP (𠈌) and compares them', () => {
    expect(normalizeName(' 𠈌・阿依古丽 ')).toBe('𠈌·阿依古丽');
    expect(sameName('𠈌•阿依古丽', '𠈌·阿依古丽')).toBe(true);
    expect(sameName('𠈌', '𠈌')).toBe(true);
    expect(sameName('𠈌', '𠈍')).toBe(false);
  });

  it('trims, collapses white space (also the ideographic space) and drops spaces around the dot', () => {
    expect(normalizeName('  买买提 ・ 艾力 ')).toBe('买买提·艾力');
    expect(normalizeName('Ali\u3000\u3000Khan')).toBe('Ali Khan');
    expect(normalizeName('王\t建国')).toBe('王 建国');
  });

  it('turns full-width letters into half-width and composes decomposed characters (NFKC)', () => {
    expect(normalizeName('ＡＬＩ')).toBe('ALI');
    expect(normalizeName('Jose\u0301')).toBe('José');
    expect(normalizeName('\u2F08')).toBe('人'); // Kangxi radical copied from a PDF
  });

  it('is idempotent and tells different names apart', () => {
    for (const n of ['阿依古丽・吐尔逊', '𠈌・阿依古丽', 'ＡＬＩ ・ khan', '张三'])
      expect(normalizeName(normalizeName(n))).toBe(normalizeName(n));
    expect(sameName('王建国', '王建')).toBe(false);
    expect(sameName(null, '王建国')).toBe(false);
  });

  it('checkPersonName answers the normal form, and refuses digits, control characters and empty names', () => {
    expect(checkPersonName('阿依古丽・吐尔逊')).toEqual({ ok: true, value: '阿依古丽·吐尔逊' });
    expect(checkPersonName('   ').ok).toBe(false);
    expect(checkPersonName('张3').ok).toBe(false);
    expect(checkPersonName('张\u200B三').ok).toBe(false);
    expect(checkPersonName('·').ok).toBe(false);
    expect(checkPersonName('阿'.repeat(51)).ok).toBe(false);
  });
});
