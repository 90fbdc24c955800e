/**
 * Employment programmes (issue #12 items 5–8): campaigns and job fairs (招聘活动), the two surveys, labour
 * cooperation (劳务对接), entrepreneurship support (创业扶持) and policy consulting (政策咨询). Labels defined once,
 * for the server's messages, the contracts and the console.
 */

/** 招聘活动的类型. */
export const CAMPAIGN_KIND_LABELS = {
  spring_breeze: '春风行动',
  private_week: '民营企业招聘周',
  job_fair: '专场招聘会',
  other: '其他就业服务活动',
} as const satisfies Record<string, string>;
export type CampaignKind = keyof typeof CAMPAIGN_KIND_LABELS;
export const CAMPAIGN_KINDS = Object.keys(CAMPAIGN_KIND_LABELS) as [CampaignKind, ...CampaignKind[]];

/** 外出务工人员就业状态 (the outbound-worker survey). */
export const OUTBOUND_STATUS_LABELS = {
  employed: '务工就业',
  self_employed: '自主创业/灵活就业',
  seeking: '求职中',
  returned: '已返乡',
} as const satisfies Record<string, string>;
export type OutboundStatus = keyof typeof OUTBOUND_STATUS_LABELS;
export const OUTBOUND_STATUSES = Object.keys(OUTBOUND_STATUS_LABELS) as [OutboundStatus, ...OutboundStatus[]];

/** 示范乡镇/村. */
export const MODEL_SITE_KIND_LABELS = {
  township: '农村劳动力转移就业示范乡镇',
  village: '农村劳动力转移就业示范村',
} as const satisfies Record<string, string>;
export type ModelSiteKind = keyof typeof MODEL_SITE_KIND_LABELS;
export const MODEL_SITE_KINDS = Object.keys(MODEL_SITE_KIND_LABELS) as [ModelSiteKind, ...ModelSiteKind[]];

/** 创业担保贷款的状态. */
export const LOAN_STATUS_LABELS = {
  submitted: '已申请（待银行审批）',
  approved: '银行已批准',
  rejected: '银行未批准',
  disbursed: '已放款',
} as const satisfies Record<string, string>;
export type LoanStatus = keyof typeof LOAN_STATUS_LABELS;
export const LOAN_STATUSES = Object.keys(LOAN_STATUS_LABELS) as [LoanStatus, ...LoanStatus[]];
/** What a bank may decide on a loan application (the decision route). */
export const LOAN_DECISIONS = ['approved', 'rejected', 'disbursed'] as const;

/**
 * The individual cap of a startup guaranteed loan (创业担保贷款个人最高额度) in 分, when the city has set none:
 * 30万元. Nationally the cap was 20万 (财金〔2020〕21号); to our knowledge it was raised to 30万 in 2024 — not
 * verified against the document here, and the seeds do not state it. Hence a city parameter: settings key
 * `startup.loanCapFen` overrides this default (read on every application), so the local rule or a later
 * national change needs no release.
 */
export const DEFAULT_LOAN_CAP_FEN = 30_000_000;
export const LOAN_CAP_SETTING = 'startup.loanCapFen';

/** 创业孵化基地 / 创业园区. */
export const INCUBATOR_KIND_LABELS = {
  incubator: '创业孵化基地',
  park: '创业园区',
} as const satisfies Record<string, string>;
export type IncubatorKind = keyof typeof INCUBATOR_KIND_LABELS;
export const INCUBATOR_KINDS = Object.keys(INCUBATOR_KIND_LABELS) as [IncubatorKind, ...IncubatorKind[]];

/** 政策咨询的渠道. */
export const CONSULT_CHANNEL_LABELS = {
  hotline: '12333 热线',
  window: '服务窗口',
  phone: '电话',
  online: '网上咨询',
} as const satisfies Record<string, string>;
export type ConsultChannel = keyof typeof CONSULT_CHANNEL_LABELS;
export const CONSULT_CHANNELS = Object.keys(CONSULT_CHANNEL_LABELS) as [ConsultChannel, ...ConsultChannel[]];

/** 政策咨询的主题. */
export const CONSULT_TOPIC_LABELS = {
  employment: '就业服务',
  training: '职业技能培训',
  startup: '创业扶持',
  wages: '工资支付',
  insurance: '社会保险',
  contract: '劳动合同',
  settlement: '落户与居住证',
  education: '随迁子女入学',
  housing: '住房保障',
  other: '其他',
} as const satisfies Record<string, string>;
export type ConsultTopic = keyof typeof CONSULT_TOPIC_LABELS;
export const CONSULT_TOPICS = Object.keys(CONSULT_TOPIC_LABELS) as [ConsultTopic, ...ConsultTopic[]];
