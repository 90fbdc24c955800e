/**
 * Bank card numbers (12–19 digits). Most Chinese UnionPay debit cards pass the
 * Luhn check, but some issuers' cards and passbook-linked accounts do not, so a
 * failed check is a warning.
 */
import { cleanInput, stripSeparators } from './text.js';

export type BankCardResult =
  { ok: true; normalized: string; luhnValid: boolean; message?: string } | { ok: false; message: string };

/** Luhn (mod 10) check over a string of digits; false for anything else. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Parse a bank card number. Never throws. */
export function parseBankCard(input: string): BankCardResult {
  const digits = stripSeparators(cleanInput(String(input ?? '')));
  if (digits === '') return { ok: false, message: '请输入银行卡号' };
  if (!/^\d+$/.test(digits)) return { ok: false, message: '银行卡号只能包含数字' };
  if (digits.length < 12 || digits.length > 19) {
    return { ok: false, message: `银行卡号应为12至19位数字（当前${digits.length}位）` };
  }
  return luhnValid(digits)
    ? { ok: true, normalized: digits, luhnValid: true }
    : { ok: true, normalized: digits, luhnValid: false, message: '银行卡号校验未通过，请核对卡号' };
}
