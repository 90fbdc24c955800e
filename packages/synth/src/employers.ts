/**
 * Synthetic employers: unified social credit codes (GB 32100, with the GB 11714 organisation
 * code inside), plausible names by industry and registration type, legal representative,
 * registered township and address, contact.
 */
import { CREDIT_CODE_CHARSET, creditCodeCheckChar, type EmployerSize, type IndustryCode } from '@mwsp/domain';
import { mobile } from './banks.js';
import type { EthnicityModel } from './ethnicity.js';
import { shortName, type CityGeography } from './geo.js';
import { personName } from './names.js';
import { Rng, WeightedTable } from './random.js';
import { CREDIT_CODE_INVALID_SHARE, EMPLOYER_SIZE_MIX } from './rates.js';
import type { SynthEmployer } from './types.js';

const BRAND = [
  ...'鑫盛华宏泰恒瑞丰达兴隆源顺通嘉德祥安宇辉诚信金博创立新天宝润昌荣福凯捷联众汇鼎益和永鸿晟峰骏耀锦海茂发圣腾远景阳森越弘',
];

const COMPANY_WORDS: Readonly<Record<IndustryCode, readonly string[]>> = {
  A: ['农业开发', '生态农业', '种植', '养殖', '农牧', '林业开发'],
  B: ['矿业', '矿产开发', '石材'],
  C: [
    '机械制造',
    '食品',
    '电子科技',
    '建材',
    '塑胶制品',
    '服饰',
    '家具',
    '包装材料',
    '汽车零部件',
    '新材料科技',
    '钢铁',
    '纸业',
    '印务',
    '制药',
    '纺织',
    '乳业',
  ],
  D: ['电力', '燃气', '水务', '新能源', '热力'],
  E: [
    '建筑工程',
    '建设工程',
    '建筑劳务',
    '市政工程',
    '建筑安装工程',
    '装饰工程',
    '路桥工程',
    '水电安装工程',
    '钢结构工程',
  ],
  F: ['商贸', '贸易', '超市', '百货', '农产品', '五金建材'],
  G: ['物流', '运输', '快递服务', '货运', '客运', '供应链管理', '仓储'],
  H: ['餐饮管理', '酒店管理', '餐饮服务', '大酒店', '食府'],
  I: ['信息技术', '网络科技', '通信技术'],
  J: ['融资担保', '典当', '小额贷款'],
  K: ['物业服务', '物业管理', '房地产开发'],
  L: ['保安服务', '劳务派遣', '人力资源服务', '企业管理咨询', '商务服务', '会展服务'],
  M: ['工程检测', '勘察设计', '技术服务'],
  N: ['环境卫生管理', '园林绿化工程', '保洁服务', '环保科技', '市政设施管理'],
  O: ['家政服务', '养老服务', '汽车维修服务', '美容美发', '洗涤服务', '家电维修'],
  P: ['教育咨询', '职业技能培训'],
  Q: ['医院管理', '健康管理', '护理服务'],
  R: ['文化传媒', '体育发展', '文化旅游', '娱乐'],
  S: ['社区服务'],
  T: ['咨询服务'],
};
const SHOP_WORDS: Partial<Record<IndustryCode, readonly string[]>> = {
  F: ['便利店', '超市', '五金店', '建材经营部', '水果店', '副食店'],
  H: ['小吃店', '饭店', '餐馆', '面馆', '烧烤店'],
  O: ['理发店', '汽车修理部', '家电维修部', '洗衣店', '美容店'],
};
const LOCAL_SHOP_WORDS: Readonly<Record<string, readonly string[]>> = {
  '53': ['米线店', '饵丝店'],
  '65': ['拉面馆', '抓饭馆', '馕店'],
};
const COOP_WORDS: Readonly<Record<string, readonly string[]>> = {
  '53': ['蔬菜种植', '花卉种植', '果蔬', '中药材种植', '生猪养殖', '农机'],
  '65': ['牧业', '养殖', '饲草料种植', '农机', '果蔬'],
};
const NPO_WORDS: Partial<Record<IndustryCode, readonly string[]>> = {
  P: ['职业培训学校', '技能培训学校'],
  Q: ['护理院', '康复中心', '颐养院'],
  S: ['社会工作服务中心', '社区服务中心'],
};
const ROADS = [
  '人民路',
  '建设路',
  '解放路',
  '中山路',
  '北京路',
  '新华路',
  '和平路',
  '文化路',
  '学府路',
  '东风路',
  '青年路',
  '幸福路',
  '光明路',
  '团结路',
  '兴业路',
  '创业路',
  '工业路',
  '环城南路',
  '环城北路',
  '迎宾路',
  '滨河路',
  '友谊路',
];

type RegType = '91' | '92' | '93' | '52';

function registrationType(rng: Rng, industry: IndustryCode): RegType {
  if (industry === 'A') return rng.chance(0.5) ? '93' : '91';
  if (industry === 'F' || industry === 'H' || industry === 'O') return rng.chance(0.35) ? '92' : '91';
  if (industry === 'P' || industry === 'Q') return rng.chance(0.5) ? '52' : '91';
  if (industry === 'S') return '52';
  return '91';
}

const ORG_CHARS = CREDIT_CODE_CHARSET; // digits and the letters GB 32100 allows

/** GB 11714 check character of an 8-character organisation code body. */
export function orgCodeCheckChar(body: string): string {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = body.charCodeAt(i);
    sum += (c <= 57 ? c - 48 : c - 55) * weights[i];
  }
  const r = 11 - (sum % 11);
  return r === 10 ? 'X' : r === 11 ? '0' : String(r);
}

function orgCode(rng: Rng, type: RegType, legacy: boolean): string {
  let body: string;
  if (legacy) body = rng.digits(8);
  else {
    body = type === '52' ? 'MJ' : 'MA';
    for (let i = 0; i < 6; i++) body += ORG_CHARS[rng.int(ORG_CHARS.length)];
  }
  return body + orgCodeCheckChar(body);
}

export interface EmployerPlan {
  records: SynthEmployer[];
  /** Per industry: employers (indices into records) weighted by how many workers they take. */
  byIndustry: Map<IndustryCode, WeightedTable<number>>;
}

export function planEmployers(
  rng: Rng,
  geo: CityGeography,
  ethnicity: EthnicityModel,
  count: number,
  shares: Readonly<Record<IndustryCode, number>>,
): EmployerPlan {
  const records: SynthEmployer[] = [];
  const weights = new Map<IndustryCode, [number, number][]>();
  const codes = new Set<string>();
  const names = new Set<string>();
  const cityShort = shortName(geo.cityName);
  const provinceShort = shortName(geo.provinceName);
  const sizeTable = new WeightedTable(
    Object.entries(EMPLOYER_SIZE_MIX).map(([size, [share]]) => [size as EmployerSize, share] as const),
  );

  for (const [industry, share] of Object.entries(shares) as [IndustryCode, number][]) {
    if (share <= 0) continue;
    const n = Math.max(1, Math.round(count * share));
    for (let i = 0; i < n; i++) {
      const type = registrationType(rng, industry);
      const township = geo.township(rng);
      const countyCode = township.slice(0, 6);
      const countyName = geo.name(countyCode);
      const size: EmployerSize =
        type === '92' ? 'micro' : type === '93' ? (rng.chance(0.8) ? 'micro' : 'small') : sizeTable.draw(rng);

      let creditCode: string;
      let valid: boolean;
      do {
        const first17 = type + countyCode + orgCode(rng, type, type === '91' && size !== 'micro' && rng.chance(0.3));
        const check = creditCodeCheckChar(first17);
        valid = !rng.chance(CREDIT_CODE_INVALID_SHARE);
        const wrong = valid
          ? check
          : ORG_CHARS[(ORG_CHARS.indexOf(check) + 1 + rng.int(ORG_CHARS.length - 1)) % ORG_CHARS.length];
        creditCode = first17 + wrong;
      } while (codes.has(creditCode));
      codes.add(creditCode);

      let name = '';
      for (let attempt = 0; attempt < 20; attempt++) {
        const brand = rng.pick(BRAND) + rng.pick(BRAND) + (attempt >= 8 ? rng.pick(BRAND) : '');
        if (type === '92') {
          const words = [
            ...(SHOP_WORDS[industry] ?? ['经营部']),
            ...(industry === 'H' ? (LOCAL_SHOP_WORDS[geo.provinceCode] ?? []) : []),
          ];
          name = `${countyName}${brand}${rng.pick(words)}`;
        } else if (type === '93') {
          name = `${countyName}${brand}${rng.pick(COOP_WORDS[geo.provinceCode] ?? COOP_WORDS['53'])}专业合作社`;
        } else if (type === '52') {
          name = `${geo.cityName}${countyName}${brand}${rng.pick(NPO_WORDS[industry] ?? ['服务中心'])}`;
        } else {
          const prefix = (size === 'medium' || size === 'large') && rng.chance(0.5) ? provinceShort : cityShort;
          const suffix =
            size === 'large' && rng.chance(0.3) ? '股份有限公司' : rng.chance(0.85) ? '有限公司' : '有限责任公司';
          name = `${prefix}${brand}${rng.pick(COMPANY_WORDS[industry])}${suffix}`;
        }
        if (!names.has(name)) break;
      }
      names.add(name);

      const repEth = ethnicity.draw(rng, countyCode);
      const township_ = geo.name(township);
      const street = /街道/.test(township_)
        ? `${rng.pick(ROADS)}${rng.range(1, 899)}号`
        : `${rng.pick(['集镇', '工业园区', '农贸市场旁', '村委会旁'])}${rng.range(1, 99)}号`;
      const key = 'E' + String(records.length + 1).padStart(6, '0');
      records.push({
        kind: 'employer',
        key,
        creditCode,
        creditCodeValid: valid,
        name,
        legalRep: personName(rng, rng.chance(0.8) ? 'male' : 'female', repEth).name,
        industry,
        size,
        regionCode: township,
        address: `${geo.provinceName}${geo.cityName}${countyName}${township_}${street}`,
        contactName: personName(rng, rng.chance(0.5) ? 'male' : 'female', ethnicity.draw(rng, countyCode)).name,
        contactPhone: mobile(rng),
      });
      let list = weights.get(industry);
      if (!list) weights.set(industry, (list = []));
      list.push([records.length - 1, EMPLOYER_SIZE_MIX[size][1] * rng.logNormal(1, 0.5)]);
    }
  }
  return { records, byIndustry: new Map([...weights].map(([k, v]) => [k, new WeightedTable(v)])) };
}
