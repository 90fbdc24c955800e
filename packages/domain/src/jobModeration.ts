/**
 * Moderation of job postings (招聘信息审核): requirements that discriminate are found in the structured fields
 * and in the free text, and block publication with the reason in Chinese; wage ranges that are reversed or below
 * the local minimum wage, reversed age ranges and ages below the legal working age are refused.
 *
 * The legal basis of each kind (the message names it):
 *   hukou      户籍 — 就业促进法 第31条 (no discriminatory limits on rural workers taking jobs in towns); the
 *              Kunming measures, policy (三), order such rules cleared.
 *   sex        性别 — 就业促进法 第27条, 妇女权益保障法 第43条 (no "men only", no "men preferred"). The one lawful
 *              limit: work forbidden to women (女职工劳动保护特别规定 附录, e.g. 矿山井下作业) may ask for men.
 *   ethnicity  民族 — 就业促进法 第28条.
 *   marital    婚育 — 妇女权益保障法 第43条 (no marriage or childbirth conditions, no questions about them).
 *   health     乙肝 and other pathogen carriers — 就业促进法 第30条; 人社部发〔2010〕12号 (no hepatitis B tests).
 *   age        劳动法 第15条: nobody under 16 may be hired (a lower limit under 16 blocks). An UPPER limit is not
 *              unlawful as such (Chinese law names no age ground), so it does not block: an upper limit below
 *              the lowest statutory retirement age (50, female workers) excludes people of working age only for
 *              their age and is reported as a warning, for the reviewer to ask the employer why; a limit at or
 *              above it (or none) is not mentioned — past retirement age the work is a 劳务 relation, still lawful.
 *
 * Free-text detection strips the negated phrases first (不限户籍, 男女不限, 民族不限 …, and 生育保险, a benefit).
 */
import { ETHNICITIES } from './codes/ethnicities.js';
import { type SexRequirement } from './employment.js';

export const MODERATION_KINDS = [
  'hukou',
  'sex',
  'ethnicity',
  'marital',
  'health',
  'age',
  'ageReversed',
  'wageReversed',
  'wageBelowMinimum',
] as const;
export type ModerationKind = (typeof MODERATION_KINDS)[number];
export const MODERATION_KIND_LABELS: Record<ModerationKind, string> = {
  hukou: '户籍歧视',
  sex: '性别歧视',
  ethnicity: '民族歧视',
  marital: '婚育歧视',
  health: '健康状况歧视（乙肝等）',
  age: '年龄要求',
  ageReversed: '年龄范围颠倒',
  wageReversed: '工资范围颠倒',
  wageBelowMinimum: '低于最低工资标准',
};

export const MIN_WORKING_AGE = 16; // 劳动法 第15条
/** The lowest statutory retirement age today (female workers, 50, rising to 55 under the 2024 decision). */
export const LOWEST_RETIREMENT_AGE = 50;

export interface ModerationFinding {
  kind: ModerationKind;
  /** 'block' refuses publication; 'warn' is shown to the reviewer and allows it. */
  severity: 'block' | 'warn';
  /** The field it was found in (`description`, `requirements.sex`, `requirements.skills.0` …). */
  field: string;
  /** The offending words, when found in text. */
  match?: string;
  message: string;
}

export interface PostingForModeration {
  title: string;
  description?: string | null;
  occupationCode: string;
  wageMinFen: number;
  wageMaxFen: number;
  requirements: {
    sex?: SexRequirement | null;
    ageMin?: number | null;
    ageMax?: number | null;
    skills?: readonly string[];
    certificates?: readonly string[];
    other?: string | null;
  };
}

/** Occupations forbidden to women (女职工劳动保护特别规定 附录 一): a 'male' requirement is lawful for them. */
const WOMEN_FORBIDDEN_OCCUPATIONS = ['6-16-01-05']; // 井下采矿工 (矿山井下作业)

/** 汉族|回族|… and 少数民族: the names the ethnicity rule looks for (longest first). */
const ETHNIC_NAMES = [...ETHNICITIES.map((e) => e.name).filter((n) => n.endsWith('族')), '少数民族', '汉人']
  .sort((a, b) => b.length - a.length)
  .join('|');

/** A pattern from named alternatives (each a regular-expression source), joined by `|`. */
const anyOf = (parts: string[], flags = 'u') => new RegExp(parts.join('|'), flags);
const SUBJECTS = '户籍|户口|籍贯|地域|性别|男女|民族|婚否|婚姻状况?|婚育';
const REFUSE = '勿扰|不要|不招|免谈|除外';

/** Negated or harmless phrases removed before the patterns run. */
const NEGATED = anyOf(
  [
    `(不限|不论|不分|无|没有)(${SUBJECTS}|学历)(要求|限制)?`,
    `(${SUBJECTS})(不限|均可|皆可|不论|无要求|无限制)`,
    '男女(不限|均可|皆可|都可)',
    '生育保险',
    '(不查|不检查|不检测|不歧视|不限)(乙肝|HBV|携带者)',
  ],
  'giu',
);

const PATTERNS: {
  kind: Exclude<ModerationKind, 'age' | 'ageReversed' | 'wageReversed' | 'wageBelowMinimum'>;
  re: RegExp;
}[] = [
  {
    kind: 'hukou',
    re: anyOf([
      '本地(户口|户籍|人|籍)',
      '(限|仅限|只限|只招|仅招|要求|须为|须是|必须是)\\p{Script=Han}{0,6}(户口|户籍|籍贯|籍人员|籍)',
      '(户口|户籍|籍贯)(要求|限制|优先|须|必须)',
      `外地(人|户口|户籍)(${REFUSE})`,
      '非本地',
    ]),
  },
  {
    kind: 'sex',
    re: anyOf([
      '(限|仅限|只限|只招|仅招|只要|要求|招聘?)(男|女)(性|士|生|工)?(?!女)',
      '(男|女)(性|士|生)?优先',
      '性别[:：\\s]*(男|女)',
      `(男|女)(性|士)?(${REFUSE}|不考虑)`,
      '(男|女)性(员工|工人)?(即可|为宜)',
    ]),
  },
  {
    kind: 'ethnicity',
    re: new RegExp(
      `(限|仅限|只限|只招|仅招|要求|须为|须是)(${ETHNIC_NAMES})|(${ETHNIC_NAMES})(优先|勿扰|不要|不招|除外|免谈)` +
        `|民族[:：\\s]*(汉|限)|不招(${ETHNIC_NAMES})`,
      'u',
    ),
  },
  {
    kind: 'marital',
    re: anyOf([
      '已婚|未婚|已育|未育|婚育|婚否|生育计划|离异|单身(优先|者)',
      `(不|无|未)(生育|怀孕)|(孕妇|怀孕|孕期)(${REFUSE})`,
    ]),
  },
  {
    kind: 'health',
    re: anyOf(['乙肝|HBV|HBsAg|大三阳|小三阳|澳抗|两对半|病原携带者', `携带者(${REFUSE})|艾滋|HIV`], 'iu'),
  },
];

const TEXT_MESSAGES: Record<(typeof PATTERNS)[number]['kind'], string> = {
  hukou: '不得设置户籍限制（如“限本地户口”“本地人优先”）：就业促进法第三十一条，昆明措施（三）要求清理',
  sex: '不得限定性别或规定某一性别优先（如“限男”“男性优先”）：就业促进法第二十七条、妇女权益保障法第四十三条',
  ethnicity: '不得以民族为录用条件（如“限汉族”）：就业促进法第二十八条',
  marital: '不得以婚姻、生育状况为录用条件（如“已婚已育”）：妇女权益保障法第四十三条',
  health: '不得以乙肝等传染病病原携带为由拒绝录用或要求检测：就业促进法第三十条',
};

/** Age ranges written in the text: "18-45岁", "45周岁以下", "16岁以上". */
const AGE_RANGE_RE = /(\d{1,2})\s*(?:周岁|岁)?\s*(?:-|—|–|~|～|至|到)\s*(\d{1,2})\s*(?:周岁|岁)/gu;
const AGE_MAX_RE = /(\d{1,2})\s*(?:周岁|岁)\s*(?:以下|以内|之内)/gu;
const AGE_MIN_RE = /(\d{1,2})\s*(?:周岁|岁)\s*以上/gu;

function normalise(text: string): string {
  return text.normalize('NFKC').replace(NEGATED, ' ');
}

/** The discriminatory phrases in one text. */
export function scanText(text: string, field: string): ModerationFinding[] {
  const out: ModerationFinding[] = [];
  const clean = normalise(text);
  for (const p of PATTERNS) {
    const m = p.re.exec(clean);
    if (m) out.push({ kind: p.kind, severity: 'block', field, match: m[0], message: TEXT_MESSAGES[p.kind] });
  }
  for (const f of ageFindings(agesInText(clean), field)) out.push(f);
  return out;
}

function agesInText(text: string): { min: number | null; max: number | null }[] {
  const out: { min: number | null; max: number | null }[] = [];
  for (const m of text.matchAll(AGE_RANGE_RE)) out.push({ min: Number(m[1]), max: Number(m[2]) });
  for (const m of text.matchAll(AGE_MAX_RE)) out.push({ min: null, max: Number(m[1]) });
  for (const m of text.matchAll(AGE_MIN_RE)) out.push({ min: Number(m[1]), max: null });
  return out;
}

function ageFindings(ranges: { min: number | null; max: number | null }[], field: string): ModerationFinding[] {
  const out: ModerationFinding[] = [];
  for (const { min, max } of ranges) {
    if (min !== null && max !== null && min > max) {
      out.push({
        kind: 'ageReversed',
        severity: 'block',
        field,
        message: `年龄范围颠倒：下限 ${min} 岁大于上限 ${max} 岁`,
      });
      continue;
    }
    if ((min !== null && min < MIN_WORKING_AGE) || (max !== null && max < MIN_WORKING_AGE))
      out.push({
        kind: 'age',
        severity: 'block',
        field,
        message: `不得招用未满 ${MIN_WORKING_AGE} 周岁的未成年人：年龄要求须不低于 ${MIN_WORKING_AGE} 岁（劳动法第十五条）`,
      });
    else if (max !== null && max < LOWEST_RETIREMENT_AGE)
      out.push({
        kind: 'age',
        severity: 'warn',
        field,
        message:
          `年龄上限 ${max} 岁低于法定退休年龄，会仅因年龄排除劳动年龄内的求职者，` +
          '请核实岗位确有需要，否则建议取消年龄上限',
      });
  }
  return out;
}

/** Every finding of a posting; `minimumWageFen` is the local minimum wage at the posting's region (null: none). */
export function moderatePosting(p: PostingForModeration, minimumWageFen: number | null): ModerationFinding[] {
  const out: ModerationFinding[] = [];
  const r = p.requirements;
  if (r.sex && r.sex !== 'any' && !(r.sex === 'male' && WOMEN_FORBIDDEN_OCCUPATIONS.includes(p.occupationCode)))
    out.push({ kind: 'sex', severity: 'block', field: 'requirements.sex', message: TEXT_MESSAGES.sex });
  out.push(...ageFindings([{ min: r.ageMin ?? null, max: r.ageMax ?? null }], 'requirements.ageMin'));
  out.push(...scanText(p.title, 'title'));
  if (p.description) out.push(...scanText(p.description, 'description'));
  if (r.other) out.push(...scanText(r.other, 'requirements.other'));
  (r.skills ?? []).forEach((s, i) => out.push(...scanText(s, `requirements.skills.${i}`)));
  (r.certificates ?? []).forEach((s, i) => out.push(...scanText(s, `requirements.certificates.${i}`)));
  if (p.wageMinFen > p.wageMaxFen)
    out.push({
      kind: 'wageReversed',
      severity: 'block',
      field: 'wageMinFen',
      message: `工资范围颠倒：下限 ${yuan(p.wageMinFen)} 元高于上限 ${yuan(p.wageMaxFen)} 元`,
    });
  else if (minimumWageFen !== null && p.wageMinFen < minimumWageFen)
    out.push({
      kind: 'wageBelowMinimum',
      severity: 'block',
      field: 'wageMinFen',
      message: `月工资下限 ${yuan(p.wageMinFen)} 元低于当地最低工资标准 ${yuan(minimumWageFen)} 元`,
    });
  return out;
}

/** Whether any finding blocks publication. */
export function isBlocked(findings: readonly ModerationFinding[]): boolean {
  return findings.some((f) => f.severity === 'block');
}

function yuan(fen: number): string {
  return (fen / 100).toLocaleString('zh-CN', { maximumFractionDigits: 2 });
}
