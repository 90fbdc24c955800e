/**
 * Password policy (等保 2.0 身份鉴别 a; see shared/reference/security.md SEC-IA-2),
 * shared by the server (authoritative) and the browser (instant feedback).
 */
import { parseIdNumber } from './idNumber.js';
import { KEYBOARD_SEQUENCES, WEAK_BASE_WORDS, WEAK_PASSWORDS } from './weakPasswords.js';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

export const PASSWORD_POLICY_TEXT =
  `密码长度为${PASSWORD_MIN_LENGTH}至${PASSWORD_MAX_LENGTH}位，须包含大写字母、小写字母、数字、特殊字符中的至少3类；` +
  '不得包含用户名，不得包含手机号、身份证号、出生日期等个人信息；' +
  '不得使用常见弱密码（如 Admin@123456、P@ssw0rd、键盘连续字符、姓名拼音或地名加数字）。';

export const PASSWORD_MESSAGES = {
  tooShort: `密码长度不能少于${PASSWORD_MIN_LENGTH}位`,
  tooLong: `密码长度不能超过${PASSWORD_MAX_LENGTH}位`,
  classes: '密码须包含大写字母、小写字母、数字、特殊字符中的至少3类',
  username: '密码不能包含用户名',
  personal: '密码不能包含手机号、身份证号、出生日期等个人信息',
  weak: '密码过于常见或容易被猜到，请更换',
} as const;

export interface PasswordPolicyContext {
  username: string;
  /** The user's phone, ID number, birth date … An ID number also forbids its birth date and last 6 characters. */
  personalValues?: readonly (string | null | undefined)[];
}

/** Chinese messages for every rule the password breaks; empty when it is acceptable. */
export function checkPasswordPolicy(password: string, context: PasswordPolicyContext): string[] {
  const violations: string[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) violations.push(PASSWORD_MESSAGES.tooShort);
  if (length > PASSWORD_MAX_LENGTH) violations.push(PASSWORD_MESSAGES.tooLong);
  if (characterClasses(password) < 3) violations.push(PASSWORD_MESSAGES.classes);

  const lower = password.toLowerCase();
  const username = context.username.trim().toLowerCase();
  // Names shorter than 3 characters would forbid too many ordinary passwords.
  if (username.length >= 3 && lower.includes(username)) violations.push(PASSWORD_MESSAGES.username);
  if (personalTokens(context.personalValues ?? []).some((t) => lower.includes(t))) {
    violations.push(PASSWORD_MESSAGES.personal);
  }
  if (isWeakPassword(password)) violations.push(PASSWORD_MESSAGES.weak);
  return violations;
}

/** Number of character classes present: upper, lower, digit, other (symbols, Chinese …). */
export function characterClasses(password: string): number {
  const classes = new Set<string>();
  for (const ch of password) {
    classes.add(/[A-Z]/.test(ch) ? 'upper' : /[a-z]/.test(ch) ? 'lower' : /[0-9]/.test(ch) ? 'digit' : 'other');
  }
  return classes.size;
}

function personalTokens(values: readonly (string | null | undefined)[]): string[] {
  const tokens: string[] = [];
  for (const value of values) {
    const v = (value ?? '').replace(/[\s-]/g, '').toLowerCase();
    if (v.length < 4) continue;
    tokens.push(v);
    const id = parseIdNumber(v);
    if (id.ok) tokens.push(id.value.toLowerCase(), id.birthDate.replace(/-/g, ''), id.value.slice(-6).toLowerCase());
  }
  return tokens;
}

const LONG_WEAK_PASSWORDS = [...WEAK_PASSWORDS].filter((w) => w.length >= 8);

/**
 * Deterministic weak-password test on the lower-cased password:
 *  - it is on the weak list, a keyboard walk, or a short unit repeated ('Aa1!Aa1!Aa1!');
 *  - its base (trailing digits/symbols removed, with common l33t substitutions
 *    undone) is a weak base word or a keyboard walk ('Kunming2024!', 'P@ssw0rd123');
 *  - a base of at most 3 letters followed by a trivial digit run ('Ab123456789!');
 *  - it contains a listed weak password of 8+ characters ('woaini1314@A').
 */
export function isWeakPassword(password: string): boolean {
  const lower = password.toLowerCase();
  if (WEAK_PASSWORDS.has(lower) || isKeyboardWalk(lower) || isRepetition(lower)) return true;

  const base = lower.replace(/[^a-z]+$/, '');
  for (const candidate of new Set([base, undoLeet(base), undoLeet(base).replace(/[^a-z]+$/, '')])) {
    if (WEAK_BASE_WORDS.has(candidate) || WEAK_PASSWORDS.has(candidate)) return true;
    if (isKeyboardWalk(candidate) || isRepetition(candidate)) return true;
  }
  const tailDigits = lower.slice(base.length).replace(/\D/g, '');
  if (
    /^[a-z]{1,3}$/.test(base) &&
    (isKeyboardWalk(tailDigits) || isRepetition(tailDigits) || WEAK_PASSWORDS.has(tailDigits))
  ) {
    return true;
  }
  return LONG_WEAK_PASSWORDS.some((w) => lower.includes(w));
}

function undoLeet(s: string): string {
  const map: Record<string, string> = {
    '@': 'a',
    '4': 'a',
    '0': 'o',
    '1': 'i',
    '!': 'i',
    '3': 'e',
    $: 's',
    '5': 's',
    '7': 't',
  };
  return s.replace(/[@4013!$57]/g, (ch) => map[ch]);
}

/** 4+ characters running along a keyboard row or an alphabetic/numeric sequence, either direction. */
function isKeyboardWalk(s: string): boolean {
  if (s.length < 4) return false;
  const reversed = [...s].reverse().join('');
  return KEYBOARD_SEQUENCES.some((seq) => seq.includes(s) || seq.includes(reversed));
}

/** A unit repeated at least twice ('aaaa', 'abab', 'aa1!aa1!'); needs 4+ characters. */
function isRepetition(s: string): boolean {
  if (s.length < 4) return false;
  for (let p = 1; p <= s.length / 2; p++) {
    let repeated = true;
    for (let i = p; i < s.length && repeated; i++) repeated = s[i] === s[i - p];
    if (repeated) return true;
  }
  return false;
}
