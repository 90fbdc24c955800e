import { cleanInput, parseIdNumber, parseMobile, stripSeparators } from '@mwsp/domain';

export type ExactLookup =
  | { kind: 'empty' }
  | { kind: 'idNumber'; value: string }
  | { kind: 'phone'; value: string }
  | { kind: 'error'; message: string };

/**
 * The "精确查找" box takes either an ID number (18 characters, or a legacy 15-digit one) or an 11-digit
 * mobile number. ID numbers are sent in their 18-character form, phones as 11 digits.
 */
export function parseExactLookup(input: string): ExactLookup {
  const compact = stripSeparators(cleanInput(input ?? '')).toUpperCase();
  if (compact === '') return { kind: 'empty' };
  if (/^\d{17}[\dX]$/.test(compact) || /^\d{15}$/.test(compact)) {
    const r = parseIdNumber(compact);
    return r.ok ? { kind: 'idNumber', value: r.value } : { kind: 'error', message: r.message };
  }
  if (/^(?:\+?86|0086)?\d{11}$/.test(compact)) {
    const r = parseMobile(compact);
    return r.ok ? { kind: 'phone', value: r.normalized } : { kind: 'error', message: r.message };
  }
  return { kind: 'error', message: '请输入18位（或15位）身份证号码，或11位手机号码' };
}
