/**
 * 国民经济行业分类 GB/T 4754-2017: the 20 sections (门类) A–T with their official names and
 * the range of 2-digit divisions (大类) each covers. `sector` is the section's 三次产业 under the
 * NBS rule (《三次产业划分规定》): primary = A except 05 (农林牧渔专业及辅助性活动, tertiary);
 * secondary = B except 11 (开采专业及辅助性活动), C except 43 (金属制品、机械和设备修理业), D, E;
 * tertiary = the rest. The exceptions are divisions, so `sector` is the section's main sector.
 */
import { indexByCode, indexByName, type CodeItem } from './codeTable.js';

export type IndustryCode =
  'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G' | 'H' | 'I' | 'J' | 'K' | 'L' | 'M' | 'N' | 'O' | 'P' | 'Q' | 'R' | 'S' | 'T';

export interface Industry extends CodeItem {
  readonly code: IndustryCode;
  /** First and last 2-digit division (大类) of the section. */
  readonly divisions: readonly [string, string];
  readonly sector: 1 | 2 | 3;
}

export const INDUSTRIES: readonly Industry[] = [
  { code: 'A', name: '农、林、牧、渔业', divisions: ['01', '05'], sector: 1 },
  { code: 'B', name: '采矿业', divisions: ['06', '12'], sector: 2 },
  { code: 'C', name: '制造业', divisions: ['13', '43'], sector: 2 },
  { code: 'D', name: '电力、热力、燃气及水生产和供应业', divisions: ['44', '46'], sector: 2 },
  { code: 'E', name: '建筑业', divisions: ['47', '50'], sector: 2 },
  { code: 'F', name: '批发和零售业', divisions: ['51', '52'], sector: 3 },
  { code: 'G', name: '交通运输、仓储和邮政业', divisions: ['53', '60'], sector: 3 },
  { code: 'H', name: '住宿和餐饮业', divisions: ['61', '62'], sector: 3 },
  { code: 'I', name: '信息传输、软件和信息技术服务业', divisions: ['63', '65'], sector: 3 },
  { code: 'J', name: '金融业', divisions: ['66', '69'], sector: 3 },
  { code: 'K', name: '房地产业', divisions: ['70', '70'], sector: 3 },
  { code: 'L', name: '租赁和商务服务业', divisions: ['71', '72'], sector: 3 },
  { code: 'M', name: '科学研究和技术服务业', divisions: ['73', '75'], sector: 3 },
  { code: 'N', name: '水利、环境和公共设施管理业', divisions: ['76', '79'], sector: 3 },
  { code: 'O', name: '居民服务、修理和其他服务业', divisions: ['80', '82'], sector: 3 },
  { code: 'P', name: '教育', divisions: ['83', '83'], sector: 3 },
  { code: 'Q', name: '卫生和社会工作', divisions: ['84', '85'], sector: 3 },
  { code: 'R', name: '文化、体育和娱乐业', divisions: ['86', '90'], sector: 3 },
  { code: 'S', name: '公共管理、社会保障和社会组织', divisions: ['91', '96'], sector: 3 },
  { code: 'T', name: '国际组织', divisions: ['97', '97'], sector: 3 },
];

export const INDUSTRY_CODES: readonly IndustryCode[] = INDUSTRIES.map((i) => i.code);

export const INDUSTRY_BY_CODE = indexByCode(INDUSTRIES) as ReadonlyMap<string, Industry>;

/** Also accepts the names without the enumeration comma ('交通运输仓储和邮政业', as the NBS reports write them). */
export const INDUSTRY_BY_NAME = indexByName(INDUSTRIES, (i) =>
  i.name.includes('、') ? [i.name.replace(/、/g, '')] : [],
);

/** The section of a 2-digit division code ('48' → 'E'), or null. */
export function industryOfDivision(division: string): IndustryCode | null {
  if (!/^\d{2}$/.test(division)) return null;
  return INDUSTRIES.find((i) => division >= i.divisions[0] && division <= i.divisions[1])?.code ?? null;
}
