/**
 * Rights protection (维权): the labels of complaints and reports (投诉举报), defined once for the server's
 * messages, the contracts and the console.
 */

/** Where a complaint came in (来源渠道). */
export const COMPLAINT_CHANNEL_LABELS = {
  hotline: '12333 热线',
  window: '服务窗口',
  web: '网上投诉',
  letter: '来信',
  grid: '网格员报告',
  national: '全国根治欠薪线索反映平台',
  transfer: '其他部门转办',
} as const satisfies Record<string, string>;
export type ComplaintChannel = keyof typeof COMPLAINT_CHANNEL_LABELS;
export const COMPLAINT_CHANNELS = Object.keys(COMPLAINT_CHANNEL_LABELS) as [ComplaintChannel, ...ComplaintChannel[]];

/** What is claimed (诉求类别). */
export const CLAIM_KIND_LABELS = {
  wages: '拖欠工资',
  contract: '劳动合同',
  insurance: '社会保险',
  hours: '工作时间与休息休假',
  child_labour: '使用童工',
  other: '其他',
} as const satisfies Record<string, string>;
export type ClaimKind = keyof typeof CLAIM_KIND_LABELS;
export const CLAIM_KINDS = Object.keys(CLAIM_KIND_LABELS) as [ClaimKind, ...ClaimKind[]];

/** The queues of the case console (待办队列). */
export const CASE_QUEUE_LABELS = {
  mine: '我的待办',
  pending: '待受理',
  due_soon: '即将到期',
  overdue: '已超期',
} as const satisfies Record<string, string>;
export type CaseQueue = keyof typeof CASE_QUEUE_LABELS;
export const CASE_QUEUES = Object.keys(CASE_QUEUE_LABELS) as [CaseQueue, ...CaseQueue[]];

/** Clock levels: 正常 / 即将到期 (amber, 80 %) / 已超期 (red). */
export const CLOCK_LEVEL_LABELS = { normal: '正常', amber: '即将到期', red: '已超期' } as const satisfies Record<
  string,
  string
>;
export type ClockLevel = keyof typeof CLOCK_LEVEL_LABELS;
export const CLOCK_LEVELS = Object.keys(CLOCK_LEVEL_LABELS) as [ClockLevel, ...ClockLevel[]];

/**
 * A complaint's receipt number (受理回执号): the county's 6-digit code, the filing date and six random
 * characters, e.g. 530102-20260302-K7M3Q9. The county in the number routes a public look-up to one shard and
 * makes the number unique nationally with a per-county unique key.
 */
export const RECEIPT_RE = /^(\d{6})-(\d{8})-([0-9A-HJ-NP-Z]{6})$/;
export function countyOfReceipt(receipt: string): string | null {
  const m = RECEIPT_RE.exec(receipt);
  return m ? m[1] : null;
}

/** Kinds of mediation organisation (调解组织), 劳动争议调解仲裁法 第十条. */
export const MEDIATION_ORG_KIND_LABELS = {
  enterprise: '企业劳动争议调解委员会',
  township: '乡镇街道劳动争议调解组织',
  union: '工会调解组织',
  chamber: '商会调解组织',
} as const satisfies Record<string, string>;
export type MediationOrgKind = keyof typeof MEDIATION_ORG_KIND_LABELS;
export const MEDIATION_ORG_KINDS = Object.keys(MEDIATION_ORG_KIND_LABELS) as [MediationOrgKind, ...MediationOrgKind[]];

/**
 * The small-claims final-award rule (终局裁决, 劳动争议调解仲裁法 第四十七条第一项): a claim for labour remuneration
 * (追索劳动报酬) not exceeding 12 months of the local monthly minimum wage is decided by a final award. Applied per
 * claim (劳动人事争议仲裁办案规则 第五十条: each item): the award is final when every claim is a wage claim with an
 * amount within the threshold. Pure: the caller supplies the minimum wage (the wage module's parameters).
 */
export function smallClaimsRule(
  claims: readonly { kind: string; amountFen?: number | null }[],
  minimumMonthlyFen: number,
): { thresholdFen: number; final: boolean } {
  const thresholdFen = minimumMonthlyFen * 12;
  const final =
    claims.length > 0 &&
    claims.every((c) => c.kind === 'wages' && typeof c.amountFen === 'number' && c.amountFen <= thresholdFen);
  return { thresholdFen, final };
}

/** Where a legal-aid application came in (法律援助申请渠道). */
export const LEGAL_AID_CHANNEL_LABELS = {
  hotline: '12348 热线',
  window: '法律援助窗口',
  transfer: '其他部门转交',
  remote: '异地协作（外地法律援助机构转来）',
} as const satisfies Record<string, string>;
export type LegalAidChannel = keyof typeof LEGAL_AID_CHANNEL_LABELS;
export const LEGAL_AID_CHANNELS = Object.keys(LEGAL_AID_CHANNEL_LABELS) as [LegalAidChannel, ...LegalAidChannel[]];

/** Who legal-aid cases are assigned to (承办主体). */
export const LEGAL_AID_PROVIDER_KIND_LABELS = {
  organisation: '法律援助机构',
  lawyer: '律师',
} as const satisfies Record<string, string>;
export type LegalAidProviderKind = keyof typeof LEGAL_AID_PROVIDER_KIND_LABELS;
export const LEGAL_AID_PROVIDER_KINDS = Object.keys(LEGAL_AID_PROVIDER_KIND_LABELS) as [
  LegalAidProviderKind,
  ...LegalAidProviderKind[],
];
