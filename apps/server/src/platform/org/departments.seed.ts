/**
 * The departments and organisations the two policy documents name as lead (牵头) or
 * responsible (负责 / 参加) units, and the platform modules each one works in.
 *
 *  - 5301 昆明市: 昆明市人民政府《关于进一步做好为农民工服务工作的实施意见》(2015-08-21)
 *  - 6543 阿勒泰地区: 《阿勒泰地区2013年农民工工作要点》(阿地就培字〔2013〕5号)
 *
 * POLICY_MEASURES transcribes, measure by measure, which units each document names; a
 * department's modules are derived from the measures that name it (measure → module table in
 * shared/docs/DOMAIN.md), plus `supervision` for everyone: every named unit reports progress
 * on its measures (Kunming 四(一): 领导小组各成员单位负责; Altay (二十三)).
 * Units renamed or merged since (2018 党和国家机构改革, and 2021 for 扶贫办 → 乡村振兴局) are
 * seeded under the current successor's name, the document's name kept as a former name (原名) —
 * so a measure still maps to a department that exists, and searching the old name finds it.
 * REFORMS lists them; `departmentOfUnit` maps a unit the documents name to its department.
 */

import { BUSINESS_MODULE_LABELS, type BusinessModule } from '@mwsp/domain';

export type ModuleCode = BusinessModule;

const MODULE_NAMES: Record<ModuleCode, string> = BUSINESS_MODULE_LABELS;

/** The platform's business modules (capabilities a department can work in), in display order. */
export const MODULES: { code: string; name: string }[] = Object.entries(MODULE_NAMES).map(([code, name]) => ({
  code,
  name,
}));

export type DeploymentCity = '5301' | '6543';

export interface DepartmentSeed {
  /** Stable ASCII code, the same in every deployment. */
  code: string;
  /** The current name (Kunming's form, or Altay's for units only Altay names). */
  name: string;
  /** The names the policy documents use where they differ from the current one (原名), per city. */
  formerNamesByCity?: Partial<Record<DeploymentCity, string[]>>;
  shortName: string;
  kind: 'government' | 'court' | 'mass_org' | 'other';
  /** Codes from MODULES. */
  modules: string[];
  /** Which deployment city's document names the unit. */
  cities: DeploymentCity[];
  sort: number;
  note?: string;
  /** The name in a city's document where it differs from `name`. */
  nameByCity?: Partial<Record<DeploymentCity, string>>;
  /** The short name in a city where it differs from `shortName`. */
  shortNameByCity?: Partial<Record<DeploymentCity, string>>;
}

type Unit = Omit<DepartmentSeed, 'name' | 'modules' | 'cities' | 'sort' | 'nameByCity'> & {
  /** Name per document; a missing city means that document does not name the unit. */
  names: Partial<Record<DeploymentCity, string>>;
};

/** Every unit named in either document, in order of first mention (Kunming first). */
const UNITS: Unit[] = [
  {
    code: 'hrss',
    names: { '5301': '市人力资源社会保障局', '6543': '地区人力资源和社会保障局' },
    shortName: '人社局',
    kind: 'government',
    note: '农民工工作领导小组办公室所在单位',
  },
  {
    code: 'drc',
    names: { '5301': '市发展和改革委员会', '6543': '地区发展改革委' },
    shortName: '发改委',
    kind: 'government',
  },
  { code: 'edu', names: { '5301': '市教育局', '6543': '地区教育局' }, shortName: '教育局', kind: 'government' },
  { code: 'sci', names: { '5301': '市科学技术局', '6543': '地区科技局' }, shortName: '科技局', kind: 'government' },
  { code: 'finance', names: { '5301': '市财政局', '6543': '地区财政局' }, shortName: '财政局', kind: 'government' },
  {
    code: 'housing',
    names: { '5301': '市住房和城乡建设局', '6543': '地区建设局' },
    shortName: '住建局',
    shortNameByCity: { '6543': '建设局' },
    kind: 'government',
  },
  {
    code: 'agri',
    names: { '5301': '市农业局', '6543': '地区农业局' },
    shortName: '农业局',
    kind: 'government',
    note: '2018年机构改革后为农业农村局',
  },
  {
    code: 'safety',
    names: { '5301': '市安全生产监督管理局', '6543': '地区安全生产监督管理局' },
    shortName: '安监局',
    kind: 'government',
    note: '2018年机构改革后职责划入应急管理局（职业健康监管划入卫生健康委）',
  },
  { code: 'stats', names: { '5301': '市统计局', '6543': '地区统计局' }, shortName: '统计局', kind: 'government' },
  {
    code: 'poverty',
    names: { '5301': '市人民政府扶贫开发办公室', '6543': '地区扶贫办' },
    shortName: '扶贫办',
    kind: 'government',
    note: '扶贫办已改为乡村振兴局，现多并入农业农村部门（待核实）',
  },
  {
    code: 'union',
    names: { '5301': '市总工会', '6543': '地区工会' },
    shortName: '总工会',
    shortNameByCity: { '6543': '工会' },
    kind: 'mass_org',
  },
  {
    code: 'youth',
    names: { '5301': '共青团昆明市委', '6543': '地区团委' },
    shortName: '团市委',
    shortNameByCity: { '6543': '团委' },
    kind: 'mass_org',
  },
  { code: 'women', names: { '5301': '市妇女联合会', '6543': '地区妇联' }, shortName: '妇联', kind: 'mass_org' },
  {
    code: 'rural_office',
    names: { '5301': '市委农村工作领导小组办公室' },
    shortName: '市委农办',
    kind: 'other',
    note: '党委工作机构',
  },
  { code: 'civil', names: { '5301': '市民政局', '6543': '地区民政局' }, shortName: '民政局', kind: 'government' },
  { code: 'commerce', names: { '5301': '市商务局', '6543': '地区商务局' }, shortName: '商务局', kind: 'government' },
  {
    code: 'tourism',
    names: { '5301': '市旅游发展委员会' },
    shortName: '旅发委',
    kind: 'government',
    note: '2018年机构改革后与文化部门合并为文化和旅游局',
  },
  {
    code: 'pbc',
    names: { '5301': '人民银行昆明中心支行', '6543': '人民银行阿勒泰地区中心支行' },
    shortName: '人民银行',
    kind: 'government',
    note: '中央垂直管理机构；2023年人民银行机构改革后名称已调整（待核实）',
  },
  {
    code: 'tax',
    names: { '5301': '市地方税务局', '6543': '地区地税局' },
    shortName: '地税局',
    kind: 'government',
    note: '2018年国税地税征管体制改革后并入国家税务总局所属税务局',
  },
  {
    code: 'aic',
    names: { '5301': '市工商行政管理局', '6543': '地区工商局' },
    shortName: '工商局',
    kind: 'government',
    note: '2018年机构改革后为市场监督管理局',
  },
  {
    code: 'culture',
    names: { '5301': '市文化广播电视体育局', '6543': '地区文化体育广播影视局' },
    shortName: '文广体局',
    shortNameByCity: { '6543': '文体广电局' },
    kind: 'government',
    note: '2018年机构改革后调整为文化和旅游局等部门',
  },
  {
    code: 'health',
    names: { '5301': '市卫生和计划生育委员会', '6543': '地区卫生局' },
    shortName: '卫计委',
    shortNameByCity: { '6543': '卫生局' },
    kind: 'government',
    note: '2018年机构改革后为卫生健康委员会',
  },
  {
    code: 'industry',
    names: { '5301': '市工业和信息化委员会' },
    shortName: '工信委',
    kind: 'government',
    note: '2018年机构改革后为工业和信息化局',
  },
  { code: 'transport', names: { '5301': '市交通运输局' }, shortName: '交通运输局', kind: 'government' },
  {
    code: 'court',
    names: { '5301': '市中级人民法院', '6543': '地区中级人民法院' },
    shortName: '中级法院',
    kind: 'court',
  },
  {
    code: 'legal_affairs',
    names: { '5301': '市人民政府法制办公室' },
    shortName: '法制办',
    kind: 'government',
    note: '文中亦作“市政府法制办”；2018年机构改革后职责划入司法局',
  },
  { code: 'police', names: { '5301': '市公安局', '6543': '地区公安局' }, shortName: '公安局', kind: 'government' },
  {
    code: 'sasac',
    names: { '5301': '市人民政府国有资产监督管理委员会', '6543': '地区国资委' },
    shortName: '国资委',
    kind: 'government',
  },
  {
    code: 'forestry',
    names: { '5301': '市林业局' },
    shortName: '林业局',
    kind: 'government',
    note: '2018年机构改革后为林业和草原局',
  },
  {
    code: 'land',
    names: { '5301': '市国土资源局', '6543': '地区国土资源局' },
    shortName: '国土局',
    kind: 'government',
    note: '2018年机构改革后为自然资源（和规划）局',
  },
  { code: 'justice', names: { '5301': '市司法局', '6543': '地区司法局' }, shortName: '司法局', kind: 'government' },
  { code: 'publicity', names: { '5301': '市委宣传部' }, shortName: '宣传部', kind: 'other', note: '党委工作机构' },
  {
    code: 'leading_group',
    names: { '5301': '市农民工工作领导小组办公室', '6543': '地区统筹城乡就业和培训领导小组办公室' },
    shortName: '领导小组办公室',
    kind: 'other',
    note: '议事协调机构，办公室设在人力资源社会保障局；在措施中代表“领导小组各成员单位”',
  },
  {
    code: 'nbs_survey',
    names: { '5301': '国家统计局昆明调查总队' },
    shortName: '调查总队',
    kind: 'government',
    note: '国家统计局派出机构',
  },
  {
    code: 'family_planning',
    names: { '6543': '地区人口计生委' },
    shortName: '人口计生委',
    kind: 'government',
    note: '人口和计划生育委员会；2013年后与卫生部门合并',
  },
];

/** A unit the documents name that was renamed, or merged into another unit (`into`), since. */
export interface Reform {
  /** Current name per city; omitted when merged (the successor's names apply). */
  names?: Partial<Record<DeploymentCity, string>>;
  shortName?: string;
  shortNameByCity?: Partial<Record<DeploymentCity, string>>;
  /** Code of the unit it was merged into. */
  into?: string;
  note: string;
}

/** The 2018 institutional reform (and later renamings) as they touch the units above. */
export const REFORMS: Record<string, Reform> = {
  agri: {
    names: { '5301': '市农业农村局', '6543': '地区农业农村局' },
    shortName: '农业农村局',
    note: '2018年机构改革由农业局组建为农业农村局',
  },
  safety: {
    names: { '5301': '市应急管理局', '6543': '地区应急管理局' },
    shortName: '应急管理局',
    note: '2018年机构改革安全生产监督管理局职责划入应急管理局（职业健康监管划入卫生健康委）',
  },
  poverty: {
    names: { '5301': '市乡村振兴局', '6543': '地区乡村振兴局' },
    shortName: '乡村振兴局',
    note: '2021年扶贫开发办公室改为乡村振兴局；部分地方已并入农业农村部门（待核实）',
  },
  tax: {
    names: { '5301': '国家税务总局昆明市税务局', '6543': '国家税务总局阿勒泰地区税务局' },
    shortName: '税务局',
    note: '2018年国税地税征管体制改革，地方税务局并入国家税务总局所属税务局',
  },
  aic: {
    names: { '5301': '市市场监督管理局', '6543': '地区市场监督管理局' },
    shortName: '市场监管局',
    note: '2018年机构改革工商行政管理局（与食品药品监督管理局等）组建为市场监督管理局',
  },
  health: {
    names: { '5301': '市卫生健康委员会', '6543': '地区卫生健康委员会' },
    shortName: '卫健委',
    note: '2018年机构改革卫生和计划生育委员会（卫生局）组建为卫生健康委员会',
  },
  family_planning: { into: 'health', note: '人口和计划生育委员会；与卫生部门合并，2018年后为卫生健康委员会' },
  land: {
    names: { '5301': '市自然资源和规划局', '6543': '地区自然资源局' },
    shortName: '自然资源局',
    note: '2018年机构改革国土资源局组建为自然资源（和规划）局',
  },
  forestry: {
    names: { '5301': '市林业和草原局' },
    shortName: '林草局',
    note: '2018年机构改革林业局组建为林业和草原局',
  },
  industry: {
    names: { '5301': '市工业和信息化局' },
    shortName: '工信局',
    note: '2018年机构改革工业和信息化委员会改为工业和信息化局',
  },
  culture: {
    names: { '5301': '市文化和旅游局', '6543': '地区文化体育广播电视和旅游局' },
    shortName: '文旅局',
    shortNameByCity: { '6543': '文体广旅局' },
    note: '2018年机构改革文化、旅游部门合并组建文化和旅游局',
  },
  tourism: { into: 'culture', note: '2018年机构改革旅游发展委员会并入文化和旅游局' },
  legal_affairs: { into: 'justice', note: '2018年机构改革政府法制办公室职责划入司法局' },
};

/** The department a unit named by a document now is (itself, or the unit it was merged into). */
export function departmentOfUnit(unitCode: string): string {
  let code = unitCode;
  for (let i = 0; i < 5 && REFORMS[code]?.into; i++) code = REFORMS[code].into!;
  return code;
}

export interface PolicyMeasure {
  city: DeploymentCity;
  /** The measure's number in the document, e.g. '三(七)' (Kunming) or '(五)' (Altay). */
  ref: string;
  title: string;
  modules: ModuleCode[];
  lead: string[];
  responsible: string[];
}

const m = (
  city: DeploymentCity,
  ref: string,
  title: string,
  modules: ModuleCode[],
  lead: string,
  responsible: string,
): PolicyMeasure => ({
  city,
  ref,
  title,
  modules,
  lead: lead.split(' '),
  responsible: responsible ? responsible.split(' ') : [],
});

/** Every measure of both documents with the units it names (unit codes, in the document's order). */
export const POLICY_MEASURES: PolicyMeasure[] = [
  // 昆明市 2015 — 三、具体措施
  m(
    '5301',
    '三(一)',
    '强化农民工职业技能培训',
    ['training'],
    'hrss',
    'drc edu sci finance housing agri safety stats poverty union youth women',
  ),
  m('5301', '三(二)', '发展农村新成长劳动力职业教育', ['training'], 'edu', 'hrss drc finance poverty'),
  m(
    '5301',
    '三(三)',
    '促进农民工就业创业',
    ['employment'],
    'hrss rural_office',
    'drc edu civil finance housing agri commerce tourism pbc tax aic poverty union youth women',
  ),
  m('5301', '三(四)', '扶持特色劳务品牌', ['employment'], 'hrss', 'drc finance agri commerce culture tourism poverty'),
  m(
    '5301',
    '三(五)',
    '发展家庭服务业',
    ['employment'],
    'commerce civil health',
    'hrss drc industry finance tax aic union youth women',
  ),
  m('5301', '三(六)', '规范劳动用工管理', ['registry'], 'hrss', 'housing transport commerce tax aic court union'),
  m('5301', '三(七)', '保障工资报酬权益', ['wages'], 'hrss', 'police housing pbc court union'),
  m('5301', '三(八)', '扩大社会保险覆盖面', ['registry', 'stats'], 'hrss', 'drc finance aic legal_affairs union'),
  m(
    '5301',
    '三(九)',
    '安全生产和职业健康保护',
    ['care'],
    'safety health',
    'edu police civil finance hrss housing transport sasac legal_affairs union',
  ),
  m('5301', '三(十)', '保障农村“三权”', ['services'], 'agri forestry land', 'rural_office hrss court'),
  m('5301', '三(十一)', '畅通维权渠道', ['cases'], 'hrss', 'drc police justice industry sasac court union'),
  m(
    '5301',
    '三(十二)',
    '法律援助和法律服务',
    ['cases'],
    'justice',
    'hrss finance edu publicity court union youth women',
  ),
  m(
    '5301',
    '三(十三)',
    '平等享受城镇基本公共服务',
    ['services'],
    'hrss',
    'drc edu police civil finance housing health legal_affairs',
  ),
  m('5301', '三(十四)', '随迁子女平等接受教育', ['services'], 'edu', 'drc police finance hrss culture youth women'),
  m('5301', '三(十五)', '医疗卫生和计划生育服务', ['services'], 'health', 'civil publicity drc finance youth women'),
  m('5301', '三(十六)', '改善居住条件', ['services'], 'housing', 'drc finance land tax'),
  m(
    '5301',
    '三(十七)',
    '有序推进城镇落户',
    ['services'],
    'police',
    'drc hrss edu civil finance agri health stats legal_affairs rural_office',
  ),
  m('5301', '三(十八)', '保障民主政治权利', ['services'], 'civil', 'hrss industry sasac union'),
  m(
    '5301',
    '三(十九)',
    '丰富精神文化生活',
    ['services'],
    'culture',
    'publicity hrss drc tourism civil finance union youth women',
  ),
  m('5301', '三(二十)', '加强人文关怀', ['services'], 'hrss', 'publicity edu culture health union youth women'),
  m('5301', '三(二十一)', '农村留守人员关爱服务', ['care'], 'youth women', 'drc edu police finance hrss civil'),
  // 昆明市 2015 — 四、组织保障
  m('5301', '四(一)', '完善农民工工作协调机制', ['supervision'], 'hrss', 'leading_group'),
  m(
    '5301',
    '四(二)',
    '加大公共服务经费投入',
    ['supervision'],
    'finance hrss',
    'edu civil housing culture health poverty agri',
  ),
  m('5301', '四(三)', '工青妇组织服务农民工', ['services', 'care'], 'union youth women', 'leading_group'),
  m(
    '5301',
    '四(四)',
    '发挥社会组织作用',
    ['services'],
    'civil',
    'drc edu police justice finance hrss culture health aic union',
  ),
  m('5301', '四(五)', '农民工监测调查', ['stats'], 'hrss nbs_survey', 'leading_group'),
  m('5301', '四(六)', '营造关心关爱农民工的社会氛围', ['services'], 'publicity hrss', 'leading_group'),
  // 阿勒泰地区 2013 工作要点
  m(
    '6543',
    '(一)',
    '稳定和扩大农村富余劳动力转移就业',
    ['employment', 'training'],
    'hrss drc',
    'finance agri commerce pbc tax union youth women',
  ),
  m(
    '6543',
    '(二)',
    '农村富余劳动力转移就业培训',
    ['training'],
    'hrss',
    'drc edu sci finance housing agri poverty union youth women',
  ),
  m('6543', '(三)', '扶持农民工创业', ['employment'], 'hrss', 'drc finance sci agri pbc tax aic poverty youth women'),
  m('6543', '(四)', '加强劳动用工管理', ['registry'], 'hrss', 'housing commerce sasac aic union'),
  m('6543', '(五)', '维护劳动报酬权益', ['wages'], 'hrss', 'drc housing police union'),
  m('6543', '(六)', '加强安全生产工作', ['care'], 'safety', 'housing sasac union'),
  m('6543', '(七)', '维护职业健康权益', ['care'], 'health safety', 'civil hrss housing sasac union'),
  m('6543', '(八)', '扩大社会保险覆盖面', ['registry', 'stats'], 'hrss', 'drc finance health union'),
  m('6543', '(九)', '提高劳动争议处理效能', ['cases'], 'hrss', 'justice union'),
  m('6543', '(十)', '加强劳动保障监察执法', ['cases'], 'hrss', 'police housing sasac aic union'),
  m('6543', '(十一)', '法律服务和法律援助', ['cases'], 'justice', 'court union'),
  m('6543', '(十二)', '子女平等接受教育', ['services'], 'edu', 'drc police finance hrss'),
  m('6543', '(十三)', '医疗卫生服务', ['services'], 'health', 'civil finance hrss'),
  m('6543', '(十四)', '计划生育基本公共服务均等化', ['services'], 'family_planning', 'drc finance'),
  m('6543', '(十五)', '改善居住条件', ['services'], 'housing', 'drc finance land'),
  m('6543', '(十六)', '基层农民工综合服务', ['services'], 'hrss', 'finance drc civil health youth women union'),
  m(
    '6543',
    '(十七)',
    '加快改革户籍制度',
    ['services'],
    'police',
    'drc edu civil finance hrss land housing agri family_planning',
  ),
  m('6543', '(十八)', '维护土地承包权益', ['services'], 'agri', 'justice land court'),
  m('6543', '(十九)', '保障民主政治权利', ['services'], 'leading_group', 'civil sasac union youth'),
  m('6543', '(二十)', '丰富精神文化生活', ['services'], 'culture', 'civil union youth women'),
  m('6543', '(二十一)', '社会组织培育扶持和规范管理', ['services'], 'civil', 'edu justice finance hrss culture health'),
  m('6543', '(二十二)', '关爱留守儿童、妇女和老人', ['care'], 'women edu', 'drc police civil finance land'),
  m('6543', '(二十三)', '加强对农民工工作的领导', ['supervision'], 'leading_group', 'leading_group'),
  m('6543', '(二十四)', '农民工统计监测', ['stats'], 'stats hrss', 'drc edu police finance agri family_planning'),
  m('6543', '(二十五)', '营造公平对待的社会氛围', ['services'], 'hrss', ''),
];

const MODULE_ORDER = Object.keys(MODULE_NAMES) as ModuleCode[];

function buildSeeds(): DepartmentSeed[] {
  const cityList = ['5301', '6543'] as const;
  return UNITS.filter((u) => !REFORMS[u.code]?.into).map(({ names: docNames, ...unit }, i) => {
    // The unit and every unit merged into it.
    const merged = UNITS.filter((u) => u.code !== unit.code && departmentOfUnit(u.code) === unit.code);
    const units = [unit.code, ...merged.map((u) => u.code)];
    const measures = POLICY_MEASURES.filter((x) => [...x.lead, ...x.responsible].some((c) => units.includes(c)));
    const modules = new Set<ModuleCode>(['supervision', ...measures.flatMap((x) => x.modules)]);
    const reform = REFORMS[unit.code];
    const cities = cityList.filter((c) => docNames[c] !== undefined || merged.some((u) => u.names[c] !== undefined));
    // Current names: the reform's, else the document's; a city naming only a merged unit takes the generic name.
    const current: Partial<Record<DeploymentCity, string>> = {};
    for (const c of cities)
      current[c] = reform?.names?.[c] ?? docNames[c] ?? reform?.names?.['5301'] ?? docNames['5301'] ?? docNames['6543'];
    const name = current['5301'] ?? current['6543']!;
    const formerNamesByCity: Partial<Record<DeploymentCity, string[]>> = {};
    for (const c of cities) {
      const former = [docNames[c], ...merged.map((u) => u.names[c])].filter(
        (n): n is string => !!n && n !== current[c],
      );
      if (former.length > 0) formerNamesByCity[c] = [...new Set(former)];
    }
    const notes = [unit.note, reform?.note, ...merged.map((u) => REFORMS[u.code]?.note)].filter(
      (n): n is string => !!n,
    );
    const shortNameByCity = reform ? reform.shortNameByCity : unit.shortNameByCity;
    const seed: DepartmentSeed = {
      code: unit.code,
      name,
      shortName: reform?.shortName ?? unit.shortName,
      kind: unit.kind,
      modules: MODULE_ORDER.filter((c) => modules.has(c)),
      cities: [...cities],
      sort: (i + 1) * 10,
    };
    if (cities.some((c) => current[c] !== name)) seed.nameByCity = current;
    if (shortNameByCity) seed.shortNameByCity = shortNameByCity;
    if (Object.keys(formerNamesByCity).length > 0) seed.formerNamesByCity = formerNamesByCity;
    if (notes.length > 0) seed.note = notes.join('；');
    return seed;
  });
}

export const DEPARTMENT_SEEDS: DepartmentSeed[] = buildSeeds();

/**
 * A seed's current name, short name and former names (原名) in the given city; a city without a
 * document of its own gets the generic (Kunming) forms.
 */
export function departmentNames(
  seed: DepartmentSeed,
  city: string,
): { name: string; shortName: string; formerNames: string[] } {
  const c = city as DeploymentCity;
  return {
    name: seed.nameByCity?.[c] ?? seed.name,
    shortName: seed.shortNameByCity?.[c] ?? seed.shortName,
    formerNames: seed.formerNamesByCity?.[c] ?? seed.formerNamesByCity?.[seed.cities[0]] ?? [],
  };
}

/** Units merged into another department: codes whose rows an older database may still hold. */
export const MERGED_UNITS: { code: string; into: string; note: string }[] = Object.entries(REFORMS)
  .filter(([, r]) => r.into)
  .map(([code, r]) => ({ code, into: departmentOfUnit(code), note: r.note }));
