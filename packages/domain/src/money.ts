/**
 * Money is stored and computed as integer 分 (fen). Conversion from 元 strings
 * is done on the decimal text, never through floating-point multiplication.
 */
import { cleanInput } from './text.js';

export type YuanResult = { ok: true; fen: number } | { ok: false; message: string };

export interface ParseYuanOptions {
  /** Allow a leading minus sign (refunds, deductions). Default false. */
  allowNegative?: boolean;
}

/** Largest amount accepted: the largest safe integer number of 分. */
export const MAX_FEN = Number.MAX_SAFE_INTEGER;

const YUAN_RE = /^(-)?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d*))?$/;

/**
 * Parse a 元 amount: '1234.5', '1,234.50', '¥12', '12元', or a number. More than
 * two decimals is an error rather than a silent rounding. Never throws.
 */
export function parseYuan(input: string | number, options: ParseYuanOptions = {}): YuanResult {
  if (typeof input === 'number' && !Number.isFinite(input)) return { ok: false, message: '金额必须是有限数字' };
  const text = cleanInput(String(input ?? ''))
    .replace(/^[¥￥]\s*/, '')
    .replace(/\s*元$/, '');
  if (text === '') return { ok: false, message: '请输入金额' };
  const m = YUAN_RE.exec(text);
  if (!m) return { ok: false, message: '金额格式不正确（示例：1234.50）' };
  const [, minus, intPart, decimals = ''] = m;
  if (decimals.length > 2) return { ok: false, message: '金额最多保留两位小数（精确到分）' };
  if (minus && !options.allowNegative) return { ok: false, message: '金额不能为负数' };
  const digits = intPart.replace(/,/g, '') + decimals.padEnd(2, '0');
  const fen = Number(digits);
  if (!Number.isSafeInteger(fen)) return { ok: false, message: '金额超出允许范围' };
  return { ok: true, fen: minus && fen !== 0 ? -fen : fen };
}

/** Like parseYuan, but throws RangeError with the Chinese message. */
export function yuanToFen(input: string | number, options?: ParseYuanOptions): number {
  const r = parseYuan(input, options);
  if (!r.ok) throw new RangeError(r.message);
  return r.fen;
}

/** True for an integer number of 分 within the safe range. */
export function isValidFen(value: unknown, options: ParseYuanOptions = {}): value is number {
  return Number.isSafeInteger(value) && (options.allowNegative || (value as number) >= 0);
}

/** 123450 → '1,234.50'; `{ grouping: false }` → '1234.50' (for CSV and bank files). */
export function fenToYuan(fen: number, options: { grouping?: boolean } = {}): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError('金额（分）必须是安全范围内的整数');
  const abs = Math.abs(fen);
  let yuan = String(Math.floor(abs / 100));
  if (options.grouping !== false) yuan = yuan.replace(/\B(?=(\d{3})+$)/g, ',');
  return `${fen < 0 ? '-' : ''}${yuan}.${String(abs % 100).padStart(2, '0')}`;
}
