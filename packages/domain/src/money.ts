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

const CAPITAL_DIGITS = '零壹贰叁肆伍陆柒捌玖';
const CAPITAL_UNITS = ['', '拾', '佰', '仟'];
const CAPITAL_GROUPS = ['', '万', '亿', '万亿'];

/** A whole number of yuan in capital numerals (大写), 0 as 零. */
function integerCapitals(n: number): string {
  if (n === 0) return '零';
  const groups: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 10_000)) groups.push(v % 10_000);
  let out = '';
  let zero = false;
  for (let gi = groups.length - 1; gi >= 0; gi--) {
    const g = groups[gi]!;
    if (g === 0) {
      if (out) zero = true;
      continue;
    }
    if (out && (zero || g < 1000)) out += '零';
    zero = false;
    let s = '';
    let z = false;
    for (let k = 3; k >= 0; k--) {
      const d = Math.floor(g / 10 ** k) % 10;
      if (d === 0) {
        if (s) z = true;
      } else {
        if (z) s += '零';
        z = false;
        s += CAPITAL_DIGITS[d]! + CAPITAL_UNITS[k]!;
      }
    }
    out += s + CAPITAL_GROUPS[gi]!;
  }
  return out;
}

/**
 * An amount in fen written in Chinese capital numerals (金额大写) as on payment documents: 6 000 000 fen →
 * 陆万元整, 100 550 → 壹仟零伍元伍角整, 10 005 → 壹佰元零伍分. Without the 人民币 prefix.
 */
export function fenToCapitals(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError('amount must be a non-negative whole number of fen');
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const cent = fen % 10;
  if (jiao === 0 && cent === 0) return `${integerCapitals(yuan)}元整`;
  let out = yuan > 0 ? `${integerCapitals(yuan)}元` : '';
  if (jiao > 0) out += `${CAPITAL_DIGITS[jiao]}角`;
  else if (yuan > 0) out += '零';
  out += cent > 0 ? `${CAPITAL_DIGITS[cent]}分` : '整';
  return out;
}
