/**
 * Personal names as people type, paste and scan them. One normal form, used wherever a name is stored
 * or compared (the registry, wage sheets, attendance, bank results, the worker's own wage lookup,
 * arrears): a 维吾尔/哈萨克 name written with a Japanese middle dot (・, U+30FB) from one input method and
 * with U+00B7 from another is one and the same name.
 */

/** The middle dot of transliterated names (间隔号, GB/T 15834): U+00B7. */
export const NAME_DOT = '\u00B7';

/**
 * Every character used in place of the 间隔号: · (U+00B7) itself, ・ (U+30FB, Japanese IMEs), • (U+2022),
 * ‧ (U+2027), ∙ (U+2219), ⋅ (U+22C5), ･ (U+FF65, half-width katakana), ． (U+FF0E, full-width full stop
 * that Chinese IMEs produce), · (U+0387, Greek ano teleia), ⸱ (U+2E31), ᛫ (U+16EB).
 */
const DOT_VARIANTS = /[\u00B7\u30FB\u2022\u2027\u2219\u22C5\uFF65\uFF0E\u0387\u2E31\u16EB]/gu;

/**
 * The normal form of a name: NFKC (full-width letters, digits and spaces become half-width; CJK
 * compatibility ideographs and Kangxi radicals copied from PDFs become the unified ideograph; characters
 * outside the BMP such as 𠈌 are kept), every middle-dot variant → U+00B7 with no space around it,
 * runs of white space → one space, trimmed. Idempotent.
 */
export function normalizeName(raw: string): string {
  return raw
    .replace(DOT_VARIANTS, NAME_DOT)
    .normalize('NFKC')
    .replace(DOT_VARIANTS, NAME_DOT)
    .replace(/\s+/gu, ' ')
    .replace(/ ?\u00B7 ?/gu, NAME_DOT)
    .trim();
}

/** Whether two written names are the same name (after normalisation on both sides). */
export function sameName(a: string | null | undefined, b: string | null | undefined): boolean {
  if (a == null || b == null) return false;
  return normalizeName(a) === normalizeName(b);
}

/**
 * Checks a name for registration: any script (including 𠈌 outside the BMP and the middle dot of
 * 维吾尔/哈萨克 names), at most 50 characters, no digits or control characters, at least one letter.
 * Answers the normal form.
 */
export function checkPersonName(raw: string): { ok: true; value: string } | { ok: false; message: string } {
  const value = normalizeName(raw);
  if (!value) return { ok: false, message: '请输入姓名' };
  if ([...value].length > 50) return { ok: false, message: '姓名最多 50 个字' };
  if (/[\p{Cc}\p{Cf}\d]/u.test(value)) return { ok: false, message: '姓名不能包含数字或控制字符' };
  if (!/\p{L}/u.test(value)) return { ok: false, message: '姓名应包含文字' };
  return { ok: true, value };
}
