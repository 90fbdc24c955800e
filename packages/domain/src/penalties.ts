/**
 * Administrative penalties of labour inspection (劳动保障监察行政处罚): the violations an inspector records, the
 * penalty kinds of a decision (行政处罚决定书) and the catalogue of legal bases, defined once for the server's rules
 * and messages, the contracts, the exports and the console.
 *
 * The catalogue cites article numbers with a short neutral title only (what the article is about, not its text):
 * the texts are in the laws themselves (shared/reference/wage_realname.md §1.2 and §5 summarise those of
 * 《保障农民工工资支付条例》 and 《劳动保障监察条例》).
 */

/** Violations found by an inspection (违法行为), as codes. */
export const VIOLATION_KIND_LABELS = {
  wage_arrears: '拖欠工资',
  no_contract: '未签劳动合同',
  no_insurance: '未缴社保',
  overtime: '超时加班',
  child_labour: '使用童工',
  wage_institutions: '未按规定设专用账户/实名制',
  wage_records: '未编制工资支付台账等',
  obstruction: '拒绝、阻挠劳动保障监察',
  special_protection: '违反女职工和未成年工特殊劳动保护',
} as const satisfies Record<string, string>;
export type ViolationKind = keyof typeof VIOLATION_KIND_LABELS;
export const VIOLATION_KINDS = Object.keys(VIOLATION_KIND_LABELS) as [ViolationKind, ...ViolationKind[]];

/** Kinds of administrative penalty and handling decision (处罚种类). */
export const PENALTY_KIND_LABELS = {
  warning: '警告',
  fine: '罚款',
  rectify: '责令改正',
  confiscate: '没收违法所得',
  revoke: '吊销许可',
} as const satisfies Record<string, string>;
export type PenaltyKind = keyof typeof PENALTY_KIND_LABELS;
export const PENALTY_KINDS = Object.keys(PENALTY_KIND_LABELS) as [PenaltyKind, ...PenaltyKind[]];

export interface PenaltyBasis {
  code: string;
  /** The law or regulation (法律依据). */
  law: string;
  /** The article, as the law numbers it. */
  article: string;
  /** A short neutral title of what the article is about. */
  title: string;
  /** The violations this article applies to. */
  violations: readonly ViolationKind[];
  /** The penalty kinds a decision on this basis may impose. */
  kinds: readonly PenaltyKind[];
}

const LSSR = '《劳动保障监察条例》';
const WAGE = '《保障农民工工资支付条例》';

/** The legal bases a penalty decision is chosen from (法律依据目录). */
export const PENALTY_BASES: readonly PenaltyBasis[] = [
  {
    code: 'lssr_26',
    law: LSSR,
    article: '第二十六条',
    title: '拖欠、克扣工资等',
    violations: ['wage_arrears'],
    kinds: ['rectify'],
  },
  {
    code: 'lssr_25',
    law: LSSR,
    article: '第二十五条',
    title: '违法延长工作时间',
    violations: ['overtime'],
    kinds: ['warning', 'rectify', 'fine'],
  },
  {
    code: 'lssr_24',
    law: LSSR,
    article: '第二十四条',
    title: '不依法订立劳动合同',
    violations: ['no_contract'],
    kinds: ['rectify'],
  },
  {
    code: 'lssr_23',
    law: LSSR,
    article: '第二十三条',
    title: '违反女职工和未成年工特殊劳动保护规定',
    violations: ['special_protection'],
    kinds: ['rectify', 'fine'],
  },
  {
    code: 'lssr_27',
    law: LSSR,
    article: '第二十七条',
    title: '社会保险费申报缴纳',
    violations: ['no_insurance'],
    kinds: ['rectify', 'fine'],
  },
  {
    code: 'lssr_30',
    law: LSSR,
    article: '第三十条',
    title: '拒绝、阻挠劳动保障监察等',
    violations: ['obstruction'],
    kinds: ['rectify', 'fine'],
  },
  {
    code: 'wage_54',
    law: WAGE,
    article: '第五十四条',
    title: '以实物支付工资、未编制工资支付台账等',
    violations: ['wage_records', 'wage_arrears'],
    kinds: ['rectify', 'fine'],
  },
  {
    code: 'wage_55',
    law: WAGE,
    article: '第五十五条',
    title: '未开设专用账户、未存储工资保证金、未实行实名制管理等',
    violations: ['wage_institutions'],
    kinds: ['rectify', 'fine', 'revoke'],
  },
  {
    code: 'wage_56',
    law: WAGE,
    article: '第五十六条',
    title: '未按月考核工作量、未代发工资、未设维权信息告示牌等',
    violations: ['wage_institutions', 'wage_records'],
    kinds: ['rectify', 'fine'],
  },
  {
    code: 'wage_57',
    law: WAGE,
    article: '第五十七条',
    title: '建设单位未提供工程款支付担保、未按约定拨付人工费用等',
    violations: ['wage_institutions', 'wage_arrears'],
    kinds: ['rectify', 'fine'],
  },
  {
    code: 'wage_58',
    law: WAGE,
    article: '第五十八条',
    title: '不依法配合查询专用账户等',
    violations: ['obstruction'],
    kinds: ['rectify', 'fine'],
  },
  {
    code: 'wage_59',
    law: WAGE,
    article: '第五十九条',
    title: '政府投资项目等导致拖欠的责任（约谈、问责）',
    violations: ['wage_arrears'],
    kinds: ['rectify'],
  },
  {
    code: 'wage_60',
    law: WAGE,
    article: '第六十条',
    title: '政府投资项目等导致拖欠的责任（约谈、问责）',
    violations: ['wage_arrears'],
    kinds: ['rectify'],
  },
  {
    code: 'wage_61',
    law: WAGE,
    article: '第六十一条',
    title: '政府投资项目等导致拖欠的责任（约谈、问责）',
    violations: ['wage_arrears'],
    kinds: ['rectify'],
  },
  {
    code: 'child_6',
    law: '《禁止使用童工规定》',
    article: '第六条',
    title: '使用童工',
    violations: ['child_labour'],
    kinds: ['fine', 'revoke'],
  },
];

/** The label of a basis as offered and printed: 《劳动保障监察条例》第二十六条（拖欠、克扣工资等）. */
export const penaltyBasisLabel = (b: PenaltyBasis): string => `${b.law}${b.article}（${b.title}）`;

export const PENALTY_BASIS_CODES = PENALTY_BASES.map((b) => b.code) as [string, ...string[]];

export function penaltyBasisOf(code: string): PenaltyBasis | undefined {
  return PENALTY_BASES.find((b) => b.code === code);
}

/**
 * The fine from which the party must be told of its right to a hearing (听证告知): 《行政处罚法》(2021) 第六十三条
 * names 较大数额罚款, whose figure the province sets. LOCAL CONFIGURATION of this deployment (10,000 元) until the
 * province's figure is entered; revocation of a licence (吊销许可) always requires it (same article).
 */
export const HEARING_FINE_THRESHOLD_FEN = 1_000_000;

/** Whether the prior notice (事先告知) must include the right to a hearing (听证告知). */
export function hearingRequired(kind: PenaltyKind, amountFen: number | null | undefined): boolean {
  if (kind === 'revoke') return true;
  return kind === 'fine' && (amountFen ?? 0) >= HEARING_FINE_THRESHOLD_FEN;
}

/**
 * 《行政处罚法》第六十四条: a party asks for a hearing within five days of being told; a decision that required the
 * hearing notice is therefore taken at least this many days after the notice.
 */
export const HEARING_REQUEST_DAYS = 5;

/**
 * Why a penalty (violation, kind, basis, amount) does not hold together, or null: the basis must apply to the
 * violation and allow the kind; a fine has a positive amount; no other kind carries one.
 */
export function penaltyProblem(p: {
  violation: ViolationKind;
  kind: PenaltyKind;
  basis: string;
  amountFen: number | null | undefined;
}): { field: 'basis' | 'kind' | 'amountFen'; message: string } | null {
  const b = penaltyBasisOf(p.basis);
  if (!b) return { field: 'basis', message: `法律依据无效：${p.basis}` };
  const label = penaltyBasisLabel(b);
  if (!b.violations.includes(p.violation))
    return { field: 'basis', message: `${label}不适用于违法行为“${VIOLATION_KIND_LABELS[p.violation]}”` };
  if (!b.kinds.includes(p.kind)) {
    const allowed = b.kinds.map((k) => PENALTY_KIND_LABELS[k]).join('、');
    return { field: 'kind', message: `依据${label}不能作出“${PENALTY_KIND_LABELS[p.kind]}”（可作出：${allowed}）` };
  }
  if (p.kind === 'fine' && !(p.amountFen && p.amountFen > 0))
    return { field: 'amountFen', message: '罚款须填写罚款金额（分）' };
  if (p.kind !== 'fine' && p.kind !== 'confiscate' && p.amountFen)
    return { field: 'amountFen', message: `“${PENALTY_KIND_LABELS[p.kind]}”不填写金额` };
  return null;
}

/**
 * The violations that count in the employer integrity grade (wages.ts integrityGrade): those of wage payment —
 * arrears and the wage-payment institutions of 《保障农民工工资支付条例》 (account, real-name, ledger). Others (hours,
 * contracts, insurance, child labour) are labour-law violations that the wage grade does not measure.
 */
export const INTEGRITY_VIOLATIONS: readonly ViolationKind[] = ['wage_arrears', 'wage_institutions', 'wage_records'];

/** The event the rights module emits when a violation is recorded (a penalty decision or a closure's finding). */
export const VIOLATION_RECORDED_EVENT = 'rights.violation_recorded';

/** The data of that event: what the wage module keeps of it (its own table) for the integrity grade. */
export interface ViolationRecordedData {
  employerId: string;
  countyCode: string;
  regionCode: string;
  /** The day of the decision or the closure. */
  on: string;
  kind: ViolationKind;
  /** The penalty imposed, or null when the violation was confirmed at closure without one. */
  penaltyKind: PenaltyKind | null;
  caseId: string;
  /** Unique per violation recorded: the penalty's id, or `close:<caseId>`. */
  ref: string;
  ownerId: string | null;
  departmentId: string | null;
}
