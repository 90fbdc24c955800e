/**
 * Masking for display, logs and exports (masked by default). Each function
 * reveals a fixed, small part of the value and masks everything else; values
 * too short to mask safely are masked completely. null/undefined pass through,
 * so `maskPhone(user.phone)` keeps a nullable column nullable.
 */

type Nullable = string | null | undefined;

function mask(fn: (value: string) => string) {
  function masked(value: string): string;
  function masked(value: Nullable): string | null;
  function masked(value: Nullable): string | null {
    if (value === null || value === undefined) return null;
    return value === '' ? '' : fn(value);
  }
  return masked;
}

const stars = (n: number) => '*'.repeat(Math.max(n, 0));

/** '110105194912310021' → '110105********0021' (first 6 + last 4). */
export const maskIdNumber = mask((value) => {
  const chars = [...value.trim()];
  if (chars.length < 15) return stars(chars.length);
  return chars.slice(0, 6).join('') + stars(chars.length - 10) + chars.slice(-4).join('');
});

/** '13812341234' → '138****1234'; other numbers keep at most their last 4 digits. */
export const maskPhone = mask((value) => {
  const chars = [...value.trim()];
  if (chars.length === 11) return chars.slice(0, 3).join('') + '****' + chars.slice(-4).join('');
  if (chars.length < 8) return stars(chars.length);
  return stars(chars.length - 4) + chars.slice(-4).join('');
});

/** '6222021234567890123' → '****0123'. */
export const maskBankCard = mask((value) => {
  const chars = [...value.replace(/\s/g, '')];
  return chars.length < 8 ? '****' : '****' + chars.slice(-4).join('');
});

/** '张三丰' → '张*丰', '张三' → '张*', '张' → '*'. Counts code points, so '𠈌' is one character. */
export const maskName = mask((value) => {
  const chars = [...value.trim()];
  if (chars.length <= 1) return stars(chars.length);
  if (chars.length === 2) return chars[0] + '*';
  return chars[0] + stars(chars.length - 2) + chars[chars.length - 1];
});

/** Query parameters that carry personal data (ID number, phone, names searched for, card and account numbers). */
const PERSONAL_QUERY_KEYS = new Set(['idnumber', 'phone', 'q', 'name', 'bankcard', 'accountno', 'purpose']);

/**
 * A request URL as it may appear in a log line: the values of personal query parameters are replaced
 * by `***`, and so is any other value holding 11 or more digits in a row (an ID number, a phone or a
 * card number pasted into another filter). The path is kept: routes carry ids, never personal data.
 */
export function maskUrlForLog(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const masked = url
    .slice(at + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair;
      const key = pair.slice(0, eq);
      let name = key;
      try {
        name = decodeURIComponent(key);
      } catch {
        // keep the raw key
      }
      const value = pair.slice(eq + 1);
      let plain = value;
      try {
        plain = decodeURIComponent(value.replace(/\+/g, ' '));
      } catch {
        // keep the raw value
      }
      return PERSONAL_QUERY_KEYS.has(name.toLowerCase()) || /\d{11,}/.test(plain.replace(/[\s-]/g, ''))
        ? `${key}=***`
        : pair;
    })
    .join('&');
  return `${url.slice(0, at)}?${masked}`;
}
