/**
 * Shared input schemas of the HTTP API, with Chinese messages: what every route may accept before a
 * value reaches the database. PostgreSQL refuses a NUL character in text (22021) and in jsonb
 * (22P05), a date that does not exist (22008) and an integer beyond its column (22003); these schemas
 * refuse them first with a precise 400.
 */
import { z } from 'zod';
import { isValidYmd } from './dates.js';

/** C0 control characters other than tab, line feed and carriage return (NUL included). */
export const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;

export function hasControlChars(value: string): boolean {
  return CONTROL_CHARS.test(value);
}

export const CONTROL_CHARS_MESSAGE = '不能包含控制字符（如 NUL）';

/** Trimmed text of at most `max` characters without control characters. */
export function plainText(max: number) {
  return z
    .string({ error: '应为文本' })
    .trim()
    .max(max, `不能超过 ${max} 个字`)
    .refine((v) => !hasControlChars(v), CONTROL_CHARS_MESSAGE);
}

/** Earliest and latest calendar date the API accepts (birth dates of the oldest workers … far plans). */
export const MIN_DATE = '1900-01-01';
export const MAX_DATE = '2100-12-31';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_RE = /^(\d{4})-(\d{2})(-01)?$/;

/** True for an existing 'YYYY-MM-DD' date between MIN_DATE and MAX_DATE. */
export function isSaneDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  return m !== null && isValidYmd(Number(m[1]), Number(m[2]), Number(m[3])) && value >= MIN_DATE && value <= MAX_DATE;
}

/** A real calendar date 'YYYY-MM-DD' (2026-02-30, 2026-13-01 and 0000-00-00 are refused). */
export const isoDateSchema = z
  .string({ error: '日期格式应为 YYYY-MM-DD' })
  .regex(DATE_RE, '日期格式应为 YYYY-MM-DD')
  .refine(isSaneDate, `日期不存在或超出范围（${MIN_DATE} 至 ${MAX_DATE}）`)
  .describe('日期 YYYY-MM-DD');

/** A month 'YYYY-MM' (or its first day 'YYYY-MM-01'), between 1900-01 and 2100-12. */
export const monthSchema = z
  .string({ error: '月份格式应为 YYYY-MM' })
  .regex(MONTH_RE, '月份格式应为 YYYY-MM')
  .refine((v) => isSaneDate(`${v.slice(0, 7)}-01`), '月份不存在或超出范围（1900-01 至 2100-12）')
  .describe('月份 YYYY-MM');

/** Largest value of a PostgreSQL `integer` column. */
export const INT4_MAX = 2 ** 31 - 1;

/** An integer within [min, max] (default: a PostgreSQL integer, 0 … 2^31-1). */
export function boundedInt(min = 0, max = INT4_MAX) {
  return z.number({ error: '应为整数' }).int('应为整数').min(min, `不能小于 ${min}`).max(max, `不能大于 ${max}`);
}

/** Optimistic-lock version of a record, as read with it. */
export const versionSchema = boundedInt(0, INT4_MAX).describe('版本号（读取记录时得到的 version）');
