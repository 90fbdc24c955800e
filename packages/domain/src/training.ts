/**
 * Vocational training (职业技能培训, modules/training): the labels of institutions, classes, enrolments,
 * certificates and subsidy claims, defined once; the subsidy computation (培训补贴) as a pure function over
 * rules held as data; the approval levels.
 */
import { addMonthsToDate } from './wages.js';

/** 培训机构类别. */
export const INSTITUTION_KIND_LABELS = {
  designated: '定点培训机构',
  technical_school: '技工院校',
  enterprise: '企业（自主培训）',
} as const satisfies Record<string, string>;
export type InstitutionKind = keyof typeof INSTITUTION_KIND_LABELS;
export const INSTITUTION_KINDS = Object.keys(INSTITUTION_KIND_LABELS) as [InstitutionKind, ...InstitutionKind[]];

/** 认定状态 of an institution. */
export const INSTITUTION_STATUS_LABELS = {
  pending: '待认定',
  approved: '已认定',
  revoked: '已撤销',
} as const satisfies Record<string, string>;
export type InstitutionStatus = keyof typeof INSTITUTION_STATUS_LABELS;
export const INSTITUTION_STATUSES = Object.keys(INSTITUTION_STATUS_LABELS) as [
  InstitutionStatus,
  ...InstitutionStatus[],
];

/** 培训类型. */
export const TRAINING_TYPE_LABELS = {
  employment_skill: '就业技能培训',
  job_upgrade: '岗位技能提升培训',
  entrepreneurship: '创业培训',
  national_language: '国家通用语言培训',
  work_safety: '安全生产培训',
  new_citizen: '新市民培训',
} as const satisfies Record<string, string>;
export type TrainingType = keyof typeof TRAINING_TYPE_LABELS;
export const TRAINING_TYPES = Object.keys(TRAINING_TYPE_LABELS) as [TrainingType, ...TrainingType[]];

/** 培训模式: with an employer (订单式、定岗、定向) or open (普通). */
export const TRAINING_MODE_LABELS = {
  open: '普通培训',
  order: '订单式培训',
  post: '定岗培训',
  directed: '定向培训',
} as const satisfies Record<string, string>;
export type TrainingMode = keyof typeof TRAINING_MODE_LABELS;
export const TRAINING_MODES = Object.keys(TRAINING_MODE_LABELS) as [TrainingMode, ...TrainingMode[]];

/** 学员状态. */
export const ENROLMENT_STATUS_LABELS = {
  enrolled: '在训',
  completed: '已结业',
  failed: '未通过',
  withdrawn: '已退出',
} as const satisfies Record<string, string>;
export type EnrolmentStatus = keyof typeof ENROLMENT_STATUS_LABELS;
export const ENROLMENT_STATUSES = Object.keys(ENROLMENT_STATUS_LABELS) as [EnrolmentStatus, ...EnrolmentStatus[]];

/** 考核结果. */
export const EXAM_RESULT_LABELS = { pass: '合格', fail: '不合格', absent: '缺考' } as const satisfies Record<
  string,
  string
>;
export type ExamResult = keyof typeof EXAM_RESULT_LABELS;
export const EXAM_RESULTS = Object.keys(EXAM_RESULT_LABELS) as [ExamResult, ...ExamResult[]];

/** 证书种类. */
export const CERTIFICATE_KIND_LABELS = {
  qualification: '职业资格证书',
  skill_level: '职业技能等级证书',
  special_ability: '专项职业能力证书',
  training: '培训合格证书',
} as const satisfies Record<string, string>;
export type CertificateKind = keyof typeof CERTIFICATE_KIND_LABELS;
export const CERTIFICATE_KINDS = Object.keys(CERTIFICATE_KIND_LABELS) as [CertificateKind, ...CertificateKind[]];

/** 职业技能等级 (五级/初级工 … 一级/高级技师; the code table SKILL_LEVELS of codes/occupations.ts), as an enum. */
export const SKILL_LEVEL_LABELS = {
  '5': '五级/初级工',
  '4': '四级/中级工',
  '3': '三级/高级工',
  '2': '二级/技师',
  '1': '一级/高级技师',
} as const satisfies Record<string, string>;
export type SkillLevel = keyof typeof SKILL_LEVEL_LABELS;
export const SKILL_LEVEL_CODES = Object.keys(SKILL_LEVEL_LABELS) as [SkillLevel, ...SkillLevel[]];

/** Who a subsidy is paid to (补贴对象). */
export const SUBSIDY_PAYEE_LABELS = { person: '个人', enterprise: '企业' } as const satisfies Record<string, string>;
export type SubsidyPayee = keyof typeof SUBSIDY_PAYEE_LABELS;
export const SUBSIDY_PAYEES = Object.keys(SUBSIDY_PAYEE_LABELS) as [SubsidyPayee, ...SubsidyPayee[]];

/** 补贴申请状态: approval by level (乡镇 → 区县 → 市), then a payment batch. */
export const CLAIM_STATUS_LABELS = {
  pending_township: '待乡镇（街道）审核',
  pending_county: '待区（县）审核',
  pending_city: '待市级审批',
  approved: '已审批待拨付',
  paid: '已拨付',
  rejected: '已退回',
} as const satisfies Record<string, string>;
export type ClaimStatus = keyof typeof CLAIM_STATUS_LABELS;
export const CLAIM_STATUSES = Object.keys(CLAIM_STATUS_LABELS) as [ClaimStatus, ...ClaimStatus[]];

/** The approval levels (审批层级), lowest first. */
export const APPROVAL_LEVEL_LABELS = { township: '乡镇（街道）', county: '区（县）', city: '市' } as const;
export type ApprovalLevel = keyof typeof APPROVAL_LEVEL_LABELS;

/**
 * The level a user approves at is the length of its scope region (the region it is bound to): 9 digits a
 * township (乡镇/街道), 6 a county (区/县), 4 or fewer (or 全部) the city. A village user (12 digits) approves
 * nothing: null. One rule, no extra field to keep in step with the account.
 */
export function approvalLevelOf(scopeRegion: string, dataScope?: string): ApprovalLevel | null {
  if (dataScope === 'all' || scopeRegion === '*' || scopeRegion.length <= 4) return 'city';
  if (scopeRegion.length === 6) return 'county';
  if (scopeRegion.length === 9) return 'township';
  return null;
}

/** The first pending status of a claim on a class of this region: a township class starts at the township. */
export function firstClaimStatus(classRegion: string): ClaimStatus {
  return classRegion.length >= 9 ? 'pending_township' : classRegion.length >= 6 ? 'pending_county' : 'pending_city';
}

/** The level a pending status waits for, and the status an approval at that level leads to. */
export const CLAIM_STEP: Record<
  'pending_township' | 'pending_county' | 'pending_city',
  { level: ApprovalLevel; next: ClaimStatus }
> = {
  pending_township: { level: 'township', next: 'pending_county' },
  pending_county: { level: 'county', next: 'pending_city' },
  pending_city: { level: 'city', next: 'approved' },
};

/** The province of Xinjiang (新疆维吾尔自治区) in the region code: the Altay rule's "新疆籍". */
export const XINJIANG_PROVINCE = '65';

/**
 * A subsidy rule (培训补贴标准) as data: which trainings it covers (occupation code prefix, type, certificate kind;
 * null = any), the standard amount per person, the conditions, and — for the Altay rule (阿勒泰 二) — an
 * enterprise training its new hires from Xinjiang on contracts of at least `minContractMonths` receives
 * `sharePct` % (≤ 50) of the standard, paid to the enterprise.
 */
export interface SubsidyRule {
  id: string;
  name: string;
  occupationPrefix: string | null;
  trainingType: TrainingType | null;
  certificateKind: CertificateKind | null;
  amountFen: number;
  requireCertificate: boolean;
  employedWithinMonths: number | null;
  minAttendancePct: number;
  payee: SubsidyPayee;
  sharePct: number;
  minContractMonths: number | null;
  originProvince: string | null;
  validFrom: string;
  validTo: string | null;
}

/** What the computation knows of one trainee's training. */
export interface SubsidyFacts {
  occupationCode: string;
  trainingType: TrainingType;
  /** The class's last day: the rule in force then applies; employment is counted from it. */
  classEndDate: string;
  sessions: number;
  attendedSessions: number;
  completed: boolean;
  certificates: { kind: CertificateKind; issuedOn: string }[];
  employedOn: string | null;
  payee: SubsidyPayee;
  /** For the enterprise rule: the trainee's province of origin (ID number or residence) and contract length. */
  originProvince: string | null;
  contractMonths: number | null;
}

export type SubsidyResult =
  | { ok: true; ruleId: string; ruleName: string; amountFen: number; payee: SubsidyPayee; basis: string[] }
  | { ok: false; ruleId: string | null; reasons: string[] };

function specificity(r: SubsidyRule): number {
  return (r.occupationPrefix?.length ?? 0) * 100 + (r.certificateKind ? 10 : 0) + (r.trainingType ? 1 : 0);
}

/** The rules covering this training, most specific first (longest occupation prefix, then certificate, type). */
export function matchingRules(rules: readonly SubsidyRule[], f: SubsidyFacts): SubsidyRule[] {
  return rules
    .filter(
      (r) =>
        r.payee === f.payee &&
        (r.occupationPrefix === null || f.occupationCode.startsWith(r.occupationPrefix)) &&
        (r.trainingType === null || r.trainingType === f.trainingType) &&
        (r.certificateKind === null || f.certificates.some((c) => c.kind === r.certificateKind)) &&
        r.validFrom <= f.classEndDate &&
        (r.validTo === null || f.classEndDate <= r.validTo),
    )
    .sort((a, b) => specificity(b) - specificity(a) || a.id.localeCompare(b.id));
}

/** Chinese reasons this rule's conditions are not met (empty: all met). */
export function unmetConditions(r: SubsidyRule, f: SubsidyFacts): string[] {
  const reasons: string[] = [];
  if (!f.completed) reasons.push('未结业（考核合格）');
  if (f.sessions > 0 && f.attendedSessions * 100 < r.minAttendancePct * f.sessions) {
    const pct = Math.floor((f.attendedSessions * 100) / f.sessions);
    reasons.push(`出勤率 ${pct}% 低于 ${r.minAttendancePct}%`);
  }
  if (r.requireCertificate && f.certificates.length === 0) reasons.push('未取得证书');
  if (r.employedWithinMonths !== null) {
    const by = addMonthsToDate(f.classEndDate, r.employedWithinMonths);
    if (!f.employedOn || f.employedOn > by) reasons.push(`结业后 ${r.employedWithinMonths} 个月内（${by} 前）未就业`);
  }
  if (r.originProvince !== null && f.originProvince !== r.originProvince)
    reasons.push(r.originProvince === XINJIANG_PROVINCE ? '学员非新疆籍' : `学员籍贯不属于 ${r.originProvince}`);
  if (r.minContractMonths !== null && (f.contractMonths ?? 0) < r.minContractMonths)
    reasons.push(`与企业签订的劳动合同不足 ${r.minContractMonths} 个月`);
  return reasons;
}

/**
 * The subsidy of one trainee: the most specific rule covering the training, its amount (the standard times
 * the share, rounded down to the 分) and the conditions it was granted on; or the reasons it is not due, from
 * the most specific rule (a less specific rule is never a fallback for a failed condition of a more specific one).
 */
export function computeSubsidy(rules: readonly SubsidyRule[], f: SubsidyFacts): SubsidyResult {
  const rule = matchingRules(rules, f)[0];
  if (!rule) return { ok: false, ruleId: null, reasons: ['没有适用的补贴标准（职业、培训类型或证书不符）'] };
  const reasons = unmetConditions(rule, f);
  if (reasons.length > 0) return { ok: false, ruleId: rule.id, reasons };
  const amountFen = Math.floor((rule.amountFen * rule.sharePct) / 100);
  const basis = [`适用标准：${rule.name}`, `标准 ${rule.amountFen} 分 × ${rule.sharePct}%`];
  if (rule.minAttendancePct > 0) basis.push(`出勤 ${f.attendedSessions}/${f.sessions} 次`);
  if (rule.requireCertificate) basis.push(`已取得${CERTIFICATE_KIND_LABELS[f.certificates[0].kind]}`);
  if (rule.employedWithinMonths !== null) basis.push(`${f.employedOn} 就业`);
  return { ok: true, ruleId: rule.id, ruleName: rule.name, amountFen, payee: rule.payee, basis };
}

/** The year key of the one-subsidy-per-occupation rule: the class's end year, or 0 when configured "once ever". */
export function subsidyPeriodKey(classEndDate: string, period: 'year' | 'once'): number {
  return period === 'once' ? 0 : Number(classEndDate.slice(0, 4));
}

/** Whether two inclusive date ranges overlap. */
export function periodsOverlap(aStart: string, aEnd: string, bStart: string, bEnd: string): boolean {
  return aStart <= bEnd && bStart <= aEnd;
}
