/** Mainland China mobile numbers (11 digits starting 13–19). */
import { cleanInput, stripSeparators } from './text.js';

export type MobileResult = { ok: true; normalized: string } | { ok: false; message: string };

const MOBILE_RE = /^1[3-9]\d{9}$/;

/** Parse a mobile number, accepting spaces, dashes, full-width digits and a +86 / 0086 / 86 prefix. Never throws. */
export function parseMobile(input: string): MobileResult {
  let digits = stripSeparators(cleanInput(String(input ?? ''))).replace(/^\((\+?86)\)/, '$1');
  if (digits === '') return { ok: false, message: '请输入手机号码' };
  const prefixed = /^(?:\+86|0086|86)(\d{11})$/.exec(digits);
  if (prefixed) digits = prefixed[1];
  if (!/^\d+$/.test(digits)) return { ok: false, message: '手机号码只能包含数字' };
  if (digits.length !== 11) return { ok: false, message: `手机号码应为11位（当前${digits.length}位）` };
  if (!MOBILE_RE.test(digits)) return { ok: false, message: '手机号码格式不正确（应以13至19开头）' };
  return { ok: true, normalized: digits };
}

export function isValidMobile(input: string): boolean {
  return parseMobile(input).ok;
}
