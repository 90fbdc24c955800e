/**
 * 民族 — GB 3304-1991《中国各民族名称的罗马字母拼写法和代码》: the 56 groups with their
 * 2-digit numeric codes and 2-letter romanisation codes, plus 97 其他 (未识别民族) and
 * 98 外国血统中国籍人士. Current names are used for 36 毛南族 (formerly 毛难族) and 46 德昂族
 * (formerly 崩龙族); the old names are accepted as aliases by ETHNICITY_BY_NAME.
 * Note: public tables disagree on the codes of the last two entries (some use 57/58); 97/98
 * is what we believe the standard says — check against the standard text before relying on it.
 */
import { indexByCode, indexByName, type CodeItem } from './codeTable.js';

export interface Ethnicity extends CodeItem {
  /** GB 3304 letter code (romanisation), e.g. 'HA' 汉族; empty for 97/98. */
  readonly abbr: string;
}

const RAW: ReadonlyArray<readonly [string, string, string]> = [
  ['01', '汉族', 'HA'],
  ['02', '蒙古族', 'MG'],
  ['03', '回族', 'HU'],
  ['04', '藏族', 'ZA'],
  ['05', '维吾尔族', 'UG'],
  ['06', '苗族', 'MH'],
  ['07', '彝族', 'YI'],
  ['08', '壮族', 'ZH'],
  ['09', '布依族', 'BY'],
  ['10', '朝鲜族', 'CS'],
  ['11', '满族', 'MA'],
  ['12', '侗族', 'DO'],
  ['13', '瑶族', 'YA'],
  ['14', '白族', 'BA'],
  ['15', '土家族', 'TJ'],
  ['16', '哈尼族', 'HN'],
  ['17', '哈萨克族', 'KZ'],
  ['18', '傣族', 'DA'],
  ['19', '黎族', 'LI'],
  ['20', '傈僳族', 'LS'],
  ['21', '佤族', 'VA'],
  ['22', '畲族', 'SH'],
  ['23', '高山族', 'GS'],
  ['24', '拉祜族', 'LH'],
  ['25', '水族', 'SU'],
  ['26', '东乡族', 'DX'],
  ['27', '纳西族', 'NX'],
  ['28', '景颇族', 'JP'],
  ['29', '柯尔克孜族', 'KG'],
  ['30', '土族', 'TU'],
  ['31', '达斡尔族', 'DU'],
  ['32', '仫佬族', 'ML'],
  ['33', '羌族', 'QI'],
  ['34', '布朗族', 'BL'],
  ['35', '撒拉族', 'SL'],
  ['36', '毛南族', 'MN'],
  ['37', '仡佬族', 'GL'],
  ['38', '锡伯族', 'XB'],
  ['39', '阿昌族', 'AC'],
  ['40', '普米族', 'PM'],
  ['41', '塔吉克族', 'TA'],
  ['42', '怒族', 'NU'],
  ['43', '乌孜别克族', 'UZ'],
  ['44', '俄罗斯族', 'RS'],
  ['45', '鄂温克族', 'EW'],
  ['46', '德昂族', 'DE'],
  ['47', '保安族', 'BN'],
  ['48', '裕固族', 'YG'],
  ['49', '京族', 'GI'],
  ['50', '塔塔尔族', 'TT'],
  ['51', '独龙族', 'DR'],
  ['52', '鄂伦春族', 'OR'],
  ['53', '赫哲族', 'HZ'],
  ['54', '门巴族', 'MB'],
  ['55', '珞巴族', 'LB'],
  ['56', '基诺族', 'JN'],
  ['97', '其他', ''],
  ['98', '外国血统中国籍人士', ''],
];

export const ETHNICITIES: readonly Ethnicity[] = RAW.map(([code, name, abbr]) => ({ code, name, abbr }));

/** Code of 汉族. */
export const HAN_ETHNICITY_CODE = '01';

export const ETHNICITY_BY_CODE = indexByCode(ETHNICITIES);

const OLD_NAMES: Readonly<Record<string, string>> = { '36': '毛难族', '46': '崩龙族' };

/** Accepts '汉族' and '汉', the letter code 'HA', the old names 毛难族/崩龙族, and '其他未识别民族'. */
export const ETHNICITY_BY_NAME = indexByName(ETHNICITIES, (e) => {
  const aliases: string[] = [];
  if (e.name.endsWith('族') && e.name.length >= 2) aliases.push(e.name.slice(0, -1));
  if (e.abbr) aliases.push(e.abbr);
  if (OLD_NAMES[e.code]) aliases.push(OLD_NAMES[e.code], OLD_NAMES[e.code].slice(0, -1));
  if (e.code === '97') aliases.push('其他未识别民族', '未识别民族');
  return aliases;
});
