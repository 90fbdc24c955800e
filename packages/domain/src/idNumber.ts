/**
 * Citizen identification number (公民身份号码, GB 11643-1999):
 * 6-digit origin region + 8-digit birth date + 3-digit sequence (odd = male) + check character.
 * Legacy 15-digit numbers (YYMMDD birth date, no check character) are converted.
 */
import { isIsoDate, isValidYmd, shanghaiDate } from './dates.js';
import { PROVINCE_CODES } from './regionCode.js';
import { cleanInput } from './text.js';

export type Sex = 'male' | 'female';

export type IdNumberErrorCode =
  'EMPTY' | 'LENGTH' | 'FORMAT' | 'REGION' | 'BIRTH_DATE' | 'BIRTH_FUTURE' | 'CHECK_DIGIT';

export type IdNumberResult =
  | {
      ok: true;
      /** 18 characters, check character 'X' in upper case. */
      value: string;
      birthDate: string;
      sex: Sex;
      /** The 6-digit origin region (may be a county that no longer exists). */
      regionCode: string;
      /** True when the input was a legacy 15-digit number. */
      converted15: boolean;
    }
  | { ok: false; code: IdNumberErrorCode; message: string };

export interface ParseIdNumberOptions {
  /** 'YYYY-MM-DD' used to reject future births; defaults to today in Asia/Shanghai. */
  today?: string;
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';
/** The standard's own example is born in 1880; nothing plausible is older. */
const MIN_BIRTH_YEAR = 1850;

/** The check character for the first 17 digits of an ID number. */
export function idCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('需要17位数字');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

const fail = (code: IdNumberErrorCode, message: string): IdNumberResult => ({ ok: false, code, message });

/** Parse and validate an ID number. Never throws. */
export function parseIdNumber(input: string, options: ParseIdNumberOptions = {}): IdNumberResult {
  const raw = cleanInput(String(input ?? '')).toUpperCase();
  if (raw === '') return fail('EMPTY', '请输入身份证号码');
  if (raw.length !== 18 && raw.length !== 15) {
    return fail('LENGTH', `身份证号码长度应为18位（当前${[...raw].length}位）`);
  }
  const converted15 = raw.length === 15;
  if (converted15 ? !/^\d{15}$/.test(raw) : !/^\d{17}[\dX]$/.test(raw)) {
    return fail('FORMAT', converted15 ? '15位身份证号码只能由数字组成' : '身份证号码前17位应为数字，末位为数字或X');
  }
  const first17 = converted15 ? raw.slice(0, 6) + '19' + raw.slice(6) : raw.slice(0, 17);

  if (!PROVINCE_CODES.has(first17.slice(0, 2))) return fail('REGION', '身份证号码前两位省份代码无效');

  const year = Number(first17.slice(6, 10));
  const month = Number(first17.slice(10, 12));
  const day = Number(first17.slice(12, 14));
  if (!isValidYmd(year, month, day) || year < MIN_BIRTH_YEAR) {
    return fail(
      'BIRTH_DATE',
      `出生日期无效：${first17.slice(6, 10)}年${first17.slice(10, 12)}月${first17.slice(12, 14)}日`,
    );
  }
  const birthDate = `${first17.slice(6, 10)}-${first17.slice(10, 12)}-${first17.slice(12, 14)}`;
  if (birthDate > (options.today ?? shanghaiDate())) return fail('BIRTH_FUTURE', '出生日期晚于今天，号码有误');

  const check = idCheckChar(first17);
  if (!converted15 && raw[17] !== check) return fail('CHECK_DIGIT', '身份证号码校验码错误，请核对');

  return {
    ok: true,
    value: first17 + check,
    birthDate,
    sex: Number(first17[16]) % 2 === 1 ? 'male' : 'female',
    regionCode: first17.slice(0, 6),
    converted15,
  };
}

/** True when parseIdNumber accepts the input. */
export function isValidIdNumber(input: string, options?: ParseIdNumberOptions): boolean {
  return parseIdNumber(input, options).ok;
}

/**
 * Age in full years (周岁) on a date. The age goes up on the birthday; someone
 * born on 29 February gets older on 1 March in common years.
 */
export function ageOn(birthDate: string, onDate: string): number {
  if (!isIsoDate(birthDate) || !isIsoDate(onDate)) throw new RangeError('日期格式无效（应为 YYYY-MM-DD）');
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [oy, om, od] = onDate.split('-').map(Number);
  const beforeBirthday = om < bm || (om === bm && od < bd);
  return oy - by - (beforeBirthday ? 1 : 0);
}
