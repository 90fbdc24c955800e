/**
 * Plausible Chinese personal names. Surnames by frequency (approximate shares in % from the
 * 公安部 household-register name reports, 2019–2020, rounded — general knowledge, not a
 * table we could cite exactly), given names from common characters by sex, and
 * ethnicity-specific styles: Uyghur/Kazakh/Kyrgyz/Uzbek/Tatar/Russian names as
 * 本名·父名 with the middle dot U+00B7 (as on resident ID cards), Tibetan and Mongolian names
 * without a surname, Dai names with 岩/玉, Hui surnames 马/纳/沙…, Yi/Bai/Hani/Miao surname
 * preferences. A small share of given names carries a character outside the BMP (𠈌, 𠮷 …).
 */
import { Rng, WeightedTable } from './random.js';

type Sex = 'male' | 'female';

const SURNAMES_RAW = `
王7.1 李7.0 张6.4 刘5.3 陈4.5 杨3.1 黄2.0 赵2.0 吴1.8 周1.7 徐1.4 孙1.4 马1.2 朱1.2 胡1.1 郭1.1 何1.0 林0.9 高0.9 罗0.9
郑0.8 梁0.8 谢0.7 宋0.7 唐0.7 许0.6 韩0.6 邓0.6 冯0.6 曹0.6 彭0.6 曾0.5 肖0.5 田0.5 董0.5 潘0.4 袁0.4 蔡0.4 蒋0.4 余0.4
于0.4 杜0.4 叶0.4 程0.4 魏0.4 苏0.4 吕0.3 丁0.3 任0.3 卢0.3 姚0.3 沈0.3 钟0.3 姜0.3 崔0.3 谭0.3 陆0.3 范0.3 汪0.3 廖0.3
石0.3 金0.3 韦0.3 贾0.3 夏0.2 付0.2 方0.2 邹0.2 熊0.2 白0.2 孟0.2 秦0.2 邱0.2 侯0.2 江0.2 尹0.2 薛0.2 闫0.2 段0.2 雷0.2
龙0.2 黎0.2 史0.2 陶0.2 贺0.2 毛0.2 郝0.2 顾0.2 龚0.2 邵0.2 万0.2 覃0.2 武0.2 钱0.2 戴0.2 严0.2 莫0.2 孔0.2 向0.2 常0.2
汤0.1 康0.1 易0.1 乔0.1 赖0.1 文0.1 施0.1 洪0.1 牛0.1 樊0.1 葛0.1 邢0.1 安0.1 齐0.1 庞0.1 倪0.1 聂0.1
欧阳0.02 上官0.005 司马0.005 诸葛0.003 皇甫0.003`;

function parseWeights(raw: string): WeightedTable<string> {
  const entries: [string, number][] = [];
  for (const token of raw.split(/\s+/).filter(Boolean)) {
    const m = /^(\D+)([\d.]+)$/.exec(token);
    if (!m) throw new Error(`bad weight token ${token}`);
    entries.push([m[1], Number(m[2])]);
  }
  return new WeightedTable(entries);
}

const HAN_SURNAMES = parseWeights(SURNAMES_RAW);

/** Surname preferences of some ethnic groups (GB 3304 code → weighted surnames), mixed with the general table. */
const ETHNIC_SURNAMES: Readonly<Record<string, WeightedTable<string>>> = {
  '03': parseWeights('马30 王6 杨5 李5 张4 白3 丁3 沙3 纳3 撒2 哈2 海2 兰2 冯2 余2 保1 锁1 苏2 韩3 金2 穆1'), // 回
  '07': parseWeights('李15 杨8 王5 张5 罗5 普5 毕4 沙3 者3 龙3 阿2 何3 鲁2 陆2 起2 自2'), // 彝
  '14': parseWeights('杨20 段8 赵8 李10 张8 王5 何5 苏3 尹3 施2 字2 董2'), // 白
  '16': parseWeights('李15 白8 马5 王5 朱5 卢5 杨5 张4 陈3 高3'), // 哈尼
  '06': parseWeights('王10 杨10 陶6 项5 熊5 马5 侯4 张5 龙4 吴5 石4 李4'), // 苗
  '08': parseWeights('韦15 黄12 覃8 陆5 蒙5 农5 梁5 莫5 李5 王4 卢3'), // 壮
  '20': parseWeights('余10 李10 和6 熊5 蜂3 胡3 杨3'), // 傈僳
  '27': parseWeights('和30 木5 杨8 李5 王5 赵3'), // 纳西
  '15': parseWeights('向10 田10 彭8 覃5 张5 王5 李5 杨5'), // 土家
};

const GIVEN_MALE = [
  ...'伟刚勇毅俊峰强军平保东文辉力明永健世广志义兴良海山仁波宁贵福生龙元全国胜学祥才发武新利清飞彬富顺信杰涛昌成康星光天达安中茂进林有坚和彪博诚先',
  ...'敬震振壮会思群豪心邦承乐绍功松善厚庆磊民友裕河哲江超浩亮政谦奇固翰朗伯宏言鸣朋斌梁栋维启克伦翔旭鹏泽晨辰建家致树德行时泰盛雄钧冠策腾楠航弘宇轩睿涵红华金云春',
];
const GIVEN_FEMALE = [
  ...'秀娟英华慧巧美娜静淑惠珠翠雅芝玉萍红娥玲芬芳燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月媛艳瑞凡佳嘉琼勤珍贞莉桂娣叶璐娅琦晶妍',
  ...'茜秋珊莎锦青倩婷婉娴瑾颖露瑶怡雁蓓仪荷丹蓉君琴蕊薇菁梦岚婕馨韵艺欣悦冰爽羽希宁晓欢芸菲伊亚宜可舒丽阳妮宝敏',
];
/** Characters outside the BMP seen in real names (CJK Ext. B and E). */
export const RARE_CHARS = ['𠈌', '𠮷', '𡒄', '𨚕', '𪚥', '𬌗', '𬍛', '𬭚', '𬘡', '𬳵', '𬇙', '𫖯'];

const KAZAKH_MALE = [
  '叶尔兰',
  '努尔兰',
  '别克',
  '阿斯哈尔',
  '达吾列提',
  '叶尔波拉提',
  '马合沙提',
  '阿依登',
  '哈那提',
  '加那尔别克',
  '木拉提',
  '波拉提',
  '叶尔江',
  '塔力哈提',
  '巴合提',
  '叶尔肯',
  '赛力克',
  '阿曼',
  '加尔肯',
  '努尔波拉提',
];
const KAZAKH_FEMALE = [
  '阿依古丽',
  '古丽米拉',
  '阿依达娜',
  '加娜尔',
  '古丽娜尔',
  '阿合丽',
  '哈丽恰',
  '努尔古丽',
  '沙吾列',
  '阿依努尔',
  '古丽巴哈',
  '阿依夏',
  '玛依拉',
  '加米拉',
];
const KAZAKH_FATHER = [
  '努尔兰',
  '别克',
  '吐尔逊',
  '哈力木',
  '木哈买提',
  '卡德尔',
  '加尔肯',
  '叶尔肯',
  '赛力克',
  '托合塔尔',
  '马汗',
  '哈孜',
  '阿不都拉',
  '吾拉孜',
  '巴合提别克',
  '阿布力孜',
  '达列力汗',
  '库万',
];
const UYGHUR_MALE = [
  '艾力',
  '买买提',
  '阿卜杜拉',
  '艾尔肯',
  '吐尔逊',
  '阿迪力',
  '麦麦提',
  '努尔买买提',
  '伊力哈木',
  '艾合买提',
  '库尔班',
  '热合曼',
  '亚森',
  '吾斯曼',
  '阿布都热合曼',
];
const UYGHUR_FEMALE = [
  '古丽',
  '阿依古丽',
  '热依拉',
  '帕提古丽',
  '迪丽努尔',
  '米热古丽',
  '努尔古丽',
  '布合丽且姆',
  '再努尔',
  '阿依努尔',
  '祖丽胡玛尔',
  '阿孜古丽',
  '茹克亚',
];
const UYGHUR_FATHER = [
  '艾力',
  '买买提',
  '吐尔洪',
  '阿不都热依木',
  '依明',
  '克里木',
  '热合曼',
  '卡地尔',
  '司马义',
  '玉素甫',
  '阿不力克木',
  '肉孜',
  '吾买尔',
  '斯拉木',
];
const TIBETAN = {
  male: ['扎西', '次仁', '多吉', '顿珠', '平措', '尼玛', '达瓦', '格桑', '旺堆', '索朗'],
  female: ['卓玛', '拉姆', '央金', '措姆', '德吉', '曲珍', '白玛', '次仁', '尼玛', '央宗'],
};
const MONGOL = {
  male: ['巴特尔', '额尔敦', '苏和', '那仁', '孟和', '宝音', '朝鲁', '哈斯', '布和', '特木尔'],
  female: ['乌兰', '其其格', '萨仁', '斯琴', '娜仁', '高娃', '图雅', '格日勒', '塔娜', '乌云'],
};
const DAI = {
  male: ['岩温', '岩罕', '岩香', '岩丙', '岩光', '岩应', '岩叫', '岩保', '岩庄', '岩峰'],
  female: ['玉香', '玉罕', '玉应', '玉叫', '玉旺', '玉光', '玉儿', '玉波', '玉喃', '玉燕'],
};

/** GB 3304 codes of groups named 本名·父名. */
const DOT_NAME_GROUPS = new Set(['05', '17', '29', '43', '50', '44', '41']);

export type NameStyle = 'han' | 'dot' | 'single';

export interface PersonName {
  name: string;
  style: NameStyle;
  /** Han style: the surname; dot style: the personal (first) part; single: the whole name. */
  surname: string;
  given: string;
}

function hanGiven(rng: Rng, sex: Sex, rare: boolean): string {
  const pool = sex === 'male' ? GIVEN_MALE : GIVEN_FEMALE;
  let given = rng.chance(0.18) ? rng.pick(pool) : rng.pick(pool) + rng.pick(pool);
  if (given.length === 2 && given[0] === given[1] && rng.chance(0.7)) given = given[0] + rng.pick(pool); // fewer 叠字
  if (rare) given = given.length === 1 ? rng.pick(RARE_CHARS) : given[0] + rng.pick(RARE_CHARS);
  return given;
}

function pickSurname(rng: Rng, ethnicity: string): string {
  const special = ETHNIC_SURNAMES[ethnicity];
  return special && rng.chance(0.75) ? special.draw(rng) : HAN_SURNAMES.draw(rng);
}

/** Names a person. `rare` forces a character outside the BMP into a Han-style given name. */
export function personName(rng: Rng, sex: Sex, ethnicity: string, rare = false, surname?: string): PersonName {
  if (DOT_NAME_GROUPS.has(ethnicity)) {
    const uyghur = ethnicity === '05' || ethnicity === '43';
    const first = rng.pick(
      uyghur ? (sex === 'male' ? UYGHUR_MALE : UYGHUR_FEMALE) : sex === 'male' ? KAZAKH_MALE : KAZAKH_FEMALE,
    );
    const father = surname ?? rng.pick(uyghur ? UYGHUR_FATHER : KAZAKH_FATHER);
    return { name: `${first}·${father}`, style: 'dot', surname: first, given: father };
  }
  const singles =
    ethnicity === '04' ? TIBETAN : ethnicity === '02' ? MONGOL : ethnicity === '18' && rng.chance(0.8) ? DAI : null;
  if (singles && !surname) {
    const pool = singles[sex];
    const name = ethnicity === '04' && rng.chance(0.5) ? rng.pick(TIBETAN.male) + rng.pick(pool) : rng.pick(pool);
    return { name, style: 'single', surname: name, given: name };
  }
  const s = surname ?? pickSurname(rng, ethnicity);
  const given = hanGiven(rng, sex, rare);
  return { name: s + given, style: 'han', surname: s, given };
}

/**
 * A relative's name consistent with the worker's: children and siblings take the father's
 * surname (Han style) or, in 本名·父名 style, the father's personal name as second part.
 */
export function relativeName(
  rng: Rng,
  worker: PersonName,
  workerSex: Sex,
  relation: 'spouse' | 'parent' | 'child' | 'sibling' | 'other',
  relativeSex: Sex,
  ethnicity: string,
): string {
  if (worker.style === 'dot') {
    if (relation === 'child')
      return personName(rng, relativeSex, ethnicity, false, workerSex === 'male' ? worker.surname : undefined).name;
    if (relation === 'sibling') return personName(rng, relativeSex, ethnicity, false, worker.given).name;
    if (relation === 'parent' && relativeSex === 'male')
      return `${worker.given}·${personName(rng, 'male', ethnicity).given}`;
    return personName(rng, relativeSex, ethnicity).name;
  }
  if (worker.style === 'single') return personName(rng, relativeSex, ethnicity).name;
  const inherits =
    relation === 'sibling' ||
    (relation === 'parent' && relativeSex === 'male') ||
    (relation === 'child' && (workerSex === 'male' || rng.chance(0.1)));
  return personName(rng, relativeSex, ethnicity, false, inherits ? worker.surname : undefined).name;
}

/** True when the string contains a code point outside the BMP. */
export function hasAstral(s: string): boolean {
  return /[\u{10000}-\u{10FFFF}]/u.test(s);
}
