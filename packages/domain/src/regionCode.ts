/**
 * Statistical division codes (统计用区划代码). A code's length gives its level:
 * province 2, city 4, county 6, township 9, village 12 digits. Records store the
 * short canonical form; the 6- and 12-digit zero-padded forms seen in the wild
 * are accepted by normalizeRegionCode.
 */
import { cleanInput } from './text.js';

export type RegionLevel = 1 | 2 | 3 | 4 | 5;

export const REGION_LEVEL_NAMES: Readonly<Record<RegionLevel, string>> = {
  1: '省',
  2: '市',
  3: '县',
  4: '乡',
  5: '村',
};

/** Code length at each level. */
const LEVEL_LENGTHS = [2, 4, 6, 9, 12] as const;
/** Length of the segment each level adds. */
const SEGMENT_LENGTHS = [2, 2, 2, 3, 3] as const;

/** Province-level codes (GB/T 2260), including 71 台湾, 81 香港, 82 澳门. */
export const PROVINCE_CODES: ReadonlySet<string> = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
]);

function splitSegments(code: string): string[] {
  const segments: string[] = [];
  let pos = 0;
  for (const len of SEGMENT_LENGTHS) {
    if (pos >= code.length) break;
    segments.push(code.slice(pos, pos + len));
    pos += len;
  }
  return segments;
}

const isZeros = (s: string) => /^0+$/.test(s);

/** True for a canonical code: 2/4/6/9/12 digits, a known province, no all-zero segment. */
export function isRegionCode(code: string): boolean {
  if (!/^\d+$/.test(code) || !(LEVEL_LENGTHS as readonly number[]).includes(code.length)) return false;
  if (!PROVINCE_CODES.has(code.slice(0, 2))) return false;
  return !splitSegments(code).some(isZeros);
}

/**
 * Canonical form of a region code, or null when it is not one. Trailing all-zero
 * segments are padding: '530100' → '5301' (昆明市), '530000' → '53' (云南省),
 * '530102000000' → '530102', '530102001000' → '530102001'; '530102' stays a county.
 */
export function normalizeRegionCode(input: string): string | null {
  const digits = cleanInput(input);
  if (!/^\d+$/.test(digits) || !(LEVEL_LENGTHS as readonly number[]).includes(digits.length)) return null;
  const segments = splitSegments(digits);
  while (segments.length > 0 && isZeros(segments[segments.length - 1])) segments.pop();
  const code = segments.join('');
  return isRegionCode(code) ? code : null;
}

/** Level of a canonical code (1 省 … 5 村). Throws RangeError for anything else. */
export function regionLevel(code: string): RegionLevel {
  if (!isRegionCode(code)) throw new RangeError(`无效的区划代码：${code}`);
  return (LEVEL_LENGTHS.indexOf(code.length as (typeof LEVEL_LENGTHS)[number]) + 1) as RegionLevel;
}

/** Parent of a canonical code; null for a province. */
export function parentRegionCode(code: string): string | null {
  const level = regionLevel(code);
  return level === 1 ? null : code.slice(0, LEVEL_LENGTHS[level - 2]);
}

/** The code's ancestors and itself, province first: '530102' → ['53', '5301', '530102']. */
export function regionPath(code: string): string[] {
  const level = regionLevel(code);
  return LEVEL_LENGTHS.slice(0, level).map((len) => code.slice(0, len));
}

/**
 * True when `code` lies inside (or equals) the region `scope`. Both are
 * normalised first; anything invalid is outside every scope.
 */
export function isWithinRegion(code: string, scope: string): boolean {
  const c = normalizeRegionCode(code);
  const s = normalizeRegionCode(scope);
  return c !== null && s !== null && c.startsWith(s);
}

/** The 12-digit zero-padded form used by the statistics bureau. */
export function padRegionCode(code: string): string {
  regionLevel(code);
  return code.padEnd(12, '0');
}

/**
 * The distribution key of a region-scoped row (docs/CONVENTIONS.md "Schema rules"): the county (区/县, the
 * first 6 digits) of its region code, or the code itself above the county level (a city's own records).
 */
export function countyCodeOf(regionCode: string): string {
  return regionCode.slice(0, LEVEL_LENGTHS[2]);
}
