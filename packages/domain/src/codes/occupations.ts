/**
 * 职业 — 《中华人民共和国职业分类大典（2022年版）》: the 8 大类 and a selection of about 60 细类
 * (occupations) that migrant workers commonly hold. Codes are written 大类-中类-小类-细类,
 * `D-DD-DD-DD`; a 细类 of `00` means the 小类 is not subdivided.
 *
 * How sure each code is (`source`):
 *   'dadian2022' — seen with the page number in a transcription of the 2022 edition (its 2022
 *                  public-comment draft, 社会公示稿) in a public research repository;
 *   'standard'   — printed on a national occupational (skill) standard (国家职业（技能）标准)
 *                  that gives the code (e.g. 焊工 GZB 6-18-02-04, 电工 6-31-01-03 (2018),
 *                  家政服务员 4-10-01-06 (2019), 网约配送员 4-02-07-10 (2021), 中式烹调师 4-03-02-01 (2025));
 *   'memory'     — from our knowledge of the 2015/2022 editions, not re-checked: verify against
 *                  the book before publishing.
 * Where we do not know the 细类 code with confidence the entry uses the 中类 code only
 * (`level: 'middle'`, e.g. '6-29' for 木工): the occupation is real, its exact code is not.
 * Replace those with the exact codes from the book when it is at hand.
 *
 * `certificate`: 'qualification' — a 准入类 certificate is required to do the work (特种作业操作证,
 * 建筑施工特种作业操作资格证书, 特种设备作业人员证, 道路运输从业资格证, 保安员证), and skill-level
 * certificates exist as well; 'skill' — 职业技能等级证书 (五级/初级工 … 一级/高级技师) are issued
 * under a national standard; null — neither known to us.
 */
import { indexByCode, indexByName, type CodeItem } from './codeTable.js';
import type { IndustryCode } from './industries.js';

export type OccupationMajorCode = '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8';

export interface OccupationMajor extends CodeItem {
  readonly code: OccupationMajorCode;
}

/**
 * The 8 大类. The 2022 edition renamed two 大类 relative to 2015; we believe 7 became 军队人员
 * (2015: 军人) — the other change is not known to us, so the names below are the 2015 ones otherwise.
 */
export const OCCUPATION_MAJORS: readonly OccupationMajor[] = [
  { code: '1', name: '党的机关、国家机关、群众团体和社会组织、企事业单位负责人' },
  { code: '2', name: '专业技术人员' },
  { code: '3', name: '办事人员和有关人员' },
  { code: '4', name: '社会生产服务和生活服务人员' },
  { code: '5', name: '农、林、牧、渔业生产及辅助人员' },
  { code: '6', name: '生产制造及有关人员' },
  { code: '7', name: '军队人员' },
  { code: '8', name: '不便分类的其他从业人员' },
];

export type OccupationCertificate = 'qualification' | 'skill' | null;

export interface Occupation extends CodeItem {
  readonly major: OccupationMajorCode;
  /** 'detail' = a 4-level 细类 code; 'middle' = only the 中类 code is given (see above). */
  readonly level: 'detail' | 'middle';
  readonly certificate: OccupationCertificate;
  /** For 'qualification': the licence needed. */
  readonly licence?: string;
  /** Sections (GB/T 4754) where the occupation is typical — used to keep synthetic data consistent. */
  readonly industries: readonly IndustryCode[];
  readonly source: 'dadian2022' | 'standard' | 'memory';
}

type Row = [
  code: string,
  name: string,
  certificate: OccupationCertificate,
  industries: string,
  source: Occupation['source'],
  licence?: string,
];

const ROWS: readonly Row[] = [
  // 4 社会生产服务和生活服务人员
  ['4-01-02-03', '商品营业员', 'skill', 'F', 'dadian2022'],
  ['4-02-02-01', '道路客运汽车驾驶员', 'qualification', 'G', 'memory', '道路运输从业资格证'],
  ['4-02-02-02', '道路货运汽车驾驶员', 'qualification', 'GFC', 'dadian2022', '道路运输从业资格证'],
  ['4-02-05-01', '装卸搬运工', null, 'GFC', 'dadian2022'],
  ['4-02-06-01', '仓储管理员', 'skill', 'GFC', 'dadian2022'],
  ['4-02-06-02', '理货员', 'skill', 'GF', 'dadian2022'],
  ['4-02-07-08', '快递员', 'skill', 'G', 'dadian2022'],
  ['4-02-07-09', '快件处理员', 'skill', 'G', 'dadian2022'],
  ['4-02-07-10', '网约配送员', 'skill', 'GHO', 'standard'],
  ['4-03-02-01', '中式烹调师', 'skill', 'HPQS', 'standard'],
  ['4-03-02-02', '中式面点师', 'skill', 'H', 'memory'],
  ['4-03-02-05', '餐厅服务员', 'skill', 'H', 'memory'],
  ['4-03', '客房服务员', 'skill', 'H', 'memory'],
  ['4-07-05-01', '保安员', 'qualification', 'LKJPQRSIM', 'dadian2022', '保安员证'],
  ['4-09', '保洁员', null, 'NKLQPSIJMR', 'memory'],
  ['4-10-01-02', '育婴员', 'skill', 'O', 'memory'],
  ['4-10-01-03', '保育师', 'skill', 'OP', 'memory'],
  ['4-10-01-05', '养老护理员', 'skill', 'OQ', 'memory'],
  ['4-10-01-06', '家政服务员', 'skill', 'O', 'standard'],
  ['4-12-01-01', '汽车维修工', 'skill', 'O', 'memory'],
  // 5 农、林、牧、渔业生产及辅助人员
  ['5-01-02-01', '农艺工', 'skill', 'A', 'dadian2022'],
  ['5-01-02-02', '园艺工', 'skill', 'AN', 'dadian2022'],
  ['5-01-02-03', '食用菌生产工', 'skill', 'A', 'dadian2022'],
  ['5-02-02-00', '造林更新工', 'skill', 'A', 'dadian2022'],
  ['5-03-02-01', '家畜饲养员', 'skill', 'A', 'dadian2022'],
  ['5-03-02-02', '家禽饲养员', 'skill', 'A', 'dadian2022'],
  ['5-04-02-01', '水生动物饲养工', 'skill', 'A', 'dadian2022'],
  ['5-05-05-01', '农机驾驶操作员', 'skill', 'A', 'dadian2022'],
  // 6 生产制造及有关人员
  ['6-02', '食品加工工', null, 'C', 'memory'],
  ['6-05', '缝纫工', null, 'C', 'memory'],
  ['6-06-04-00', '家具制作工', 'skill', 'C', 'dadian2022'],
  ['6-07-02-00', '纸箱纸盒制作工', null, 'C', 'dadian2022'],
  ['6-14-02-00', '塑料制品成型制作工', null, 'C', 'dadian2022'],
  ['6-16-01-05', '井下采矿工', 'qualification', 'B', 'dadian2022', '特种作业操作证'],
  ['6-17-02-02', '炼钢工', 'skill', 'C', 'dadian2022'],
  ['6-18-01-01', '车工', 'skill', 'C', 'memory'],
  ['6-18-01-02', '铣工', 'skill', 'C', 'memory'],
  ['6-18-02-01', '铸造工', 'skill', 'C', 'dadian2022'],
  ['6-18-02-04', '焊工', 'qualification', 'CE', 'standard', '特种作业操作证（焊接与热切割作业）'],
  ['6-22-02-01', '汽车装调工', 'skill', 'C', 'dadian2022'],
  ['6-25', '电子产品装配工', null, 'C', 'memory'],
  ['6-25-01-13', '印制电路制作工', null, 'C', 'dadian2022'],
  ['6-28-02-01', '燃气储运工', 'skill', 'D', 'dadian2022'],
  ['6-28-03-03', '工业废水处理工', 'skill', 'DN', 'dadian2022'],
  ['6-29', '木工', 'skill', 'E', 'memory'],
  ['6-29-01-01', '砌筑工', 'skill', 'E', 'dadian2022'],
  ['6-29-01-03', '混凝土工', 'skill', 'E', 'dadian2022'],
  ['6-29-01-04', '钢筋工', 'skill', 'E', 'dadian2022'],
  ['6-29-01-05', '架子工', 'qualification', 'E', 'dadian2022', '建筑施工特种作业操作资格证书（建筑架子工）'],
  ['6-29-01-06', '装配式建筑施工员', null, 'E', 'dadian2022'],
  ['6-29-01-07', '乡村建设工匠', null, 'E', 'dadian2022'],
  ['6-29-02-08', '防水工', 'skill', 'E', 'dadian2022'],
  ['6-29-03-01', '机械设备安装工', 'skill', 'E', 'dadian2022'],
  ['6-29-03-02', '电气设备安装工', 'skill', 'E', 'dadian2022'],
  ['6-29-03-04', '管工', 'skill', 'E', 'dadian2022'],
  ['6-29-04-01', '装饰装修工', 'skill', 'E', 'dadian2022'],
  ['6-29-04-02', '建筑门窗幕墙安装工', null, 'E', 'dadian2022'],
  ['6-30-05-01', '起重装卸机械操作工', 'qualification', 'EGC', 'dadian2022', '特种设备作业人员证'],
  ['6-30-05-05', '挖掘铲运和桩工机械司机', 'skill', 'EB', 'dadian2022'],
  ['6-31-01-03', '电工', 'qualification', 'ECKDB', 'standard', '特种作业操作证（电工作业）'],
  // 8 不便分类的其他从业人员
  ['8-00-00-00', '不便分类的其他从业人员', null, 'ACEFGHKLNO', 'memory'],
];

export const OCCUPATIONS: readonly Occupation[] = ROWS.map(
  ([code, name, certificate, industries, source, licence]) => ({
    code,
    name,
    major: code[0] as OccupationMajorCode,
    level: code.length === 10 ? 'detail' : 'middle',
    certificate,
    ...(licence ? { licence } : {}),
    industries: [...industries] as IndustryCode[],
    source,
  }),
);

export const OCCUPATION_MAJOR_BY_CODE = indexByCode(OCCUPATION_MAJORS);
export const OCCUPATION_BY_CODE = indexByCode(OCCUPATIONS);
/** 电焊工 is a 工种 of 焊工; 营业员 of 商品营业员; 外卖骑手/外卖员 are 网约配送员. */
export const OCCUPATION_BY_NAME = indexByName(
  OCCUPATIONS,
  (o) =>
    (
      ({
        焊工: ['电焊工'],
        商品营业员: ['营业员'],
        网约配送员: ['外卖骑手', '外卖员', '骑手'],
        保洁员: ['清洁工'],
      }) as Record<string, string[]>
    )[o.name] ?? [],
);

/** Occupation code format: a 细类 'D-DD-DD-DD' or a 中类 'D-DD'. */
export const OCCUPATION_CODE_RE = /^[1-8]-\d{2}(?:-\d{2}-\d{2})?$/;

/** Skill levels of 职业技能等级证书, lowest first. */
export const SKILL_LEVELS: readonly CodeItem[] = [
  { code: '5', name: '五级/初级工' },
  { code: '4', name: '四级/中级工' },
  { code: '3', name: '三级/高级工' },
  { code: '2', name: '二级/技师' },
  { code: '1', name: '一级/高级技师' },
];
