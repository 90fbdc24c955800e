/**
 * Unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters —
 * registering authority, organisation type, 6-digit region, 9-character
 * organisation code, check character. Real registered codes with a wrong check
 * character exist, so a failing check is reported as a warning, not an error.
 */
import { cleanInput, stripSeparators } from './text.js';

export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const FORMAT_RE = new RegExp(`^[${CREDIT_CODE_CHARSET}]{2}\\d{6}[${CREDIT_CODE_CHARSET}]{10}$`);

export type CreditCodeResult =
  | {
      ok: true;
      normalized: string;
      checkDigitValid: boolean;
      /** Present when checkDigitValid is false: a warning to show, not a refusal. */
      message?: string;
    }
  | { ok: false; message: string };

/** The check character for the first 17 characters (assumed to be in the charset). */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CODE_CHARSET.indexOf(first17[i]) * WEIGHTS[i];
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31];
}

/** Validate a unified social credit code. Never throws. */
export function checkCreditCode(input: string): CreditCodeResult {
  const code = stripSeparators(cleanInput(String(input ?? ''))).toUpperCase();
  if (code === '') return { ok: false, message: '请输入统一社会信用代码' };
  if (code.length !== 18) return { ok: false, message: `统一社会信用代码应为18位（当前${[...code].length}位）` };
  if (!FORMAT_RE.test(code)) {
    return {
      ok: false,
      message: /[IOZSV]/.test(code)
        ? '统一社会信用代码不使用字母 I、O、Z、S、V，请核对'
        : '统一社会信用代码格式错误：应由数字和大写字母组成，第3至8位为行政区划码',
    };
  }
  const checkDigitValid = creditCodeCheckChar(code) === code[17];
  return checkDigitValid
    ? { ok: true, normalized: code, checkDigitValid }
    : { ok: true, normalized: code, checkDigitValid, message: '统一社会信用代码校验位不符，请核对（已按原样保存）' };
}
