/**
 * Shared Zod schemas with Chinese messages. Each one normalises its input with
 * `.overwrite()` (the output type stays `string`, so the schemas still convert
 * to JSON Schema / OpenAPI) and then reports the validator's own message.
 */
import { z } from 'zod';
import { checkCreditCode } from './creditCode.js';
import { parseIdNumber } from './idNumber.js';
import { parseMobile } from './phone.js';
import { normalizeRegionCode } from './regionCode.js';

type Parsed = { ok: true } | { ok: false; message: string };

function validatedString(
  required: string,
  description: string,
  normalize: (value: string) => string,
  check: (value: string) => Parsed,
) {
  return z
    .string({ error: required })
    .overwrite(normalize)
    .superRefine((value, ctx) => {
      const result = check(value);
      if (!result.ok) ctx.addIssue({ code: 'custom', message: result.message, input: value });
    })
    .describe(description);
}

/** Resident ID number; output is the 18-character form (15-digit numbers converted). */
export const idNumberSchema = validatedString(
  '请输入身份证号码',
  '公民身份号码（18位，15位旧号码自动升位）',
  (v) => {
    const r = parseIdNumber(v);
    return r.ok ? r.value : v;
  },
  parseIdNumber,
);

/** Mainland mobile number; output is the 11 digits. */
export const mobileSchema = validatedString(
  '请输入手机号码',
  '手机号码（11位）',
  (v) => {
    const r = parseMobile(v);
    return r.ok ? r.normalized : v;
  },
  parseMobile,
);

/** Region code; output is the canonical 2/4/6/9/12-digit form. */
export const regionCodeSchema = validatedString(
  '请选择行政区划',
  '行政区划代码（省2位、市4位、县6位、乡9位、村12位）',
  (v) => normalizeRegionCode(v) ?? v,
  (v) => (normalizeRegionCode(v) === null ? { ok: false, message: '行政区划代码无效' } : { ok: true }),
);

/**
 * Unified social credit code; output is upper case. A wrong check character is
 * accepted (real codes with one exist) — call checkCreditCode to show the warning.
 */
export const creditCodeSchema = validatedString(
  '请输入统一社会信用代码',
  '统一社会信用代码（18位）',
  (v) => {
    const r = checkCreditCode(v);
    return r.ok ? r.normalized : v;
  },
  checkCreditCode,
);
