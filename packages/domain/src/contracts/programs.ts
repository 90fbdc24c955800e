/**
 * Contracts of the employment programmes (modules/employment: campaigns.*, surveys.*, cooperation.*, startup.*,
 * consulting.*): 招聘活动与招聘会, 用工调查, 劳务协作, 创业扶持, 政策咨询.
 */
import { z } from 'zod';
import { boundedInt, isoDateSchema, plainText } from '../input.js';
import { OCCUPATION_CODE_RE } from '../codes/occupations.js';
import {
  CAMPAIGN_KINDS,
  CONSULT_CHANNELS,
  CONSULT_TOPICS,
  INCUBATOR_KINDS,
  LOAN_DECISIONS,
  LOAN_STATUSES,
  MODEL_SITE_KINDS,
  OUTBOUND_STATUSES,
} from '../programs.js';
import { regionCodeSchema } from '../schemas.js';
import { pageOf, pageQuery, timestamp } from './common.js';

const text = (max: number, label: string) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}不能超过 ${max} 字`);
const optText = (max: number, label: string) =>
  z
    .string({ error: `${label}应为文本` })
    .trim()
    .max(max, `${label}不能超过 ${max} 字`)
    .default('');
const count = (label: string, max = 10_000_000) =>
  z
    .number({ error: `${label}须为整数` })
    .int(`${label}须为整数`)
    .min(0, `${label}不能为负数`)
    .max(max, `${label}过大`);
const fen = (label: string) =>
  z
    .number({ error: `${label}须为整数（单位：分）` })
    .int(`${label}须为整数（单位：分）`)
    .min(0, `${label}不能为负数`)
    .max(1e12, `${label}过大`)
    .describe(`${label}（分）`);
const occupation = z
  .string({ error: '请选择职业（工种）' })
  .trim()
  .regex(OCCUPATION_CODE_RE, '职业代码格式不正确（职业分类大典代码，如 6-31-01-03）');
const workerId = z.uuid({ error: '务工人员编号格式不正确' });
const date = z.string().describe('日期 YYYY-MM-DD');
const owned = {
  id: z.uuid(),
  regionCode: z.string(),
  regionName: z.string(),
  createdAt: timestamp,
};

/** Query of every programme list: text search, region prefix, pagination. */
export const programListQuery = z.strictObject({
  q: plainText(50).optional().describe('名称、单位或内容包含'),
  regionCode: regionCodeSchema.optional().describe('区划（含下级）'),
  ...pageQuery,
});
export type ProgramListQuery = z.output<typeof programListQuery>;

/** Results by region: one row per county (or the city itself for city-level records), with named numbers. */
export const regionResultsSchema = z.object({
  rows: z.array(
    z.object({
      regionCode: z.string(),
      regionName: z.string(),
      values: z.record(z.string(), z.number()),
    }),
  ),
  columns: z.array(z.object({ key: z.string(), label: z.string() })).describe('values 的各列及其中文名'),
});
export type RegionResults = z.infer<typeof regionResultsSchema>;

// ---------------------------------------------------------------- campaigns and job fairs

export const campaignCreateSchema = z
  .strictObject({
    kind: z.enum(CAMPAIGN_KINDS, { error: '活动类型无效' }),
    name: text(100, '活动名称'),
    startDate: isoDateSchema,
    endDate: isoDateSchema,
    regionCode: regionCodeSchema.describe('组织单位所在区划（市级活动填市代码）'),
    regions: z.array(regionCodeSchema).max(50, '覆盖区域不能超过 50 个').default([]).describe('活动覆盖的区划'),
    organiser: text(100, '组织单位'),
    postingIds: z
      .array(z.uuid({ error: '岗位编号格式不正确' }))
      .max(2000, '岗位不能超过 2000 个')
      .default([])
      .describe('纳入活动的招聘岗位编号'),
    summary: optText(2000, '活动说明'),
  })
  .refine((v) => v.endDate >= v.startDate, { message: '结束日期不能早于开始日期', path: ['endDate'] });
export type CampaignCreateInput = z.input<typeof campaignCreateSchema>;

export const fairEmployerSchema = z.strictObject({
  employerId: z.uuid({ error: '用工单位编号格式不正确' }).nullish(),
  name: text(100, '参会单位名称'),
  booths: count('展位数', 100).default(1),
  positions: count('提供岗位数', 100_000).default(0),
});

export const fairCreateSchema = z.strictObject({
  heldOn: isoDateSchema,
  venue: text(200, '举办地点'),
  regionCode: regionCodeSchema.describe('举办地所在区划（到区县或更下级）'),
  employers: z.array(fairEmployerSchema).max(1000, '参会单位不能超过 1000 家').default([]),
});
export type FairCreateInput = z.input<typeof fairCreateSchema>;

export const fairResultsSchema = z.strictObject({
  attendees: count('入场人数'),
  referrals: count('推荐人数'),
  hires: count('达成就业意向人数'),
});
export type FairResultsInput = z.input<typeof fairResultsSchema>;

export const fairSchema = z.object({
  ...owned,
  campaignId: z.uuid(),
  heldOn: date,
  venue: z.string(),
  employers: z.array(
    z.object({ employerId: z.string().nullable(), name: z.string(), booths: z.number(), positions: z.number() }),
  ),
  booths: z.number().int(),
  positions: z.number().int(),
  attendees: z.number().int(),
  referrals: z.number().int(),
  hires: z.number().int(),
  resultsAt: timestamp.nullable(),
});

export const campaignSchema = z.object({
  ...owned,
  kind: z.enum(CAMPAIGN_KINDS),
  kindName: z.string(),
  name: z.string(),
  startDate: date,
  endDate: date,
  regions: z.array(z.object({ code: z.string(), name: z.string() })),
  organiser: z.string(),
  postingIds: z.array(z.string()),
  summary: z.string(),
  fairs: z.number().int().describe('招聘会场次'),
  attendees: z.number().int(),
  referrals: z.number().int(),
  hires: z.number().int(),
  /** A campaign of the caller's superior region (city or county): readable, not changeable (no fairs added). */
  readOnly: z.boolean(),
});
export const campaignDetailSchema = campaignSchema.extend({ fairList: z.array(fairSchema) });
export const campaignPageSchema = pageOf(campaignSchema);
export const campaignParams = z.strictObject({ id: z.uuid({ error: '编号格式不正确' }) });
export const fairParams = z.strictObject({
  id: z.uuid({ error: '编号格式不正确' }),
  fairId: z.uuid({ error: '编号格式不正确' }),
});

// ---------------------------------------------------------------- surveys

export const demandSurveyCreateSchema = z.strictObject({
  period: text(30, '调查期次'),
  surveyedOn: isoDateSchema,
  regionCode: regionCodeSchema.describe('企业所在区划（到区县或更下级）'),
  employerId: z.uuid({ error: '用工单位编号格式不正确' }).nullish(),
  employerName: text(100, '企业名称'),
  occupation,
  headcount: count('需求人数', 1_000_000).min(1, '需求人数至少为 1'),
  wageFen: fen('月工资').min(1, '请填写拟支付月工资'),
});
export type DemandSurveyCreateInput = z.input<typeof demandSurveyCreateSchema>;

export const demandSurveySchema = z.object({
  ...owned,
  period: z.string(),
  surveyedOn: date,
  employerId: z.string().nullable(),
  employerName: z.string(),
  occupation: z.string(),
  occupationName: z.string(),
  headcount: z.number().int(),
  wageFen: z.number().int(),
});
export const demandSurveyPageSchema = pageOf(demandSurveySchema);

export const outboundSurveyCreateSchema = z.strictObject({
  period: text(30, '调查期次'),
  surveyedOn: isoDateSchema,
  workerId: workerId.describe('被调查人（实名制登记的务工人员）'),
  destination: text(100, '务工地'),
  destinationRegionCode: regionCodeSchema.nullish(),
  occupation: occupation.nullish(),
  incomeFen: fen('月收入').nullish(),
  status: z.enum(OUTBOUND_STATUSES, { error: '就业状态无效' }),
});
export type OutboundSurveyCreateInput = z.input<typeof outboundSurveyCreateSchema>;

export const outboundSurveySchema = z.object({
  ...owned,
  period: z.string(),
  surveyedOn: date,
  workerId: z.string(),
  destination: z.string(),
  destinationRegionCode: z.string().nullable(),
  occupation: z.string().nullable(),
  occupationName: z.string().nullable(),
  incomeFen: z.number().int().nullable(),
  status: z.enum(OUTBOUND_STATUSES),
  statusName: z.string(),
});
export const outboundSurveyPageSchema = pageOf(outboundSurveySchema);
export const surveyKindParams = z.strictObject({
  kind: z.enum(['demand', 'outbound'], { error: '调查类型无效（demand 或 outbound）' }),
});
export const surveyResultsQuery = z.strictObject({ period: plainText(30).optional() });

// ---------------------------------------------------------------- labour cooperation

export const agreementCreateSchema = z
  .strictObject({
    regionCode: regionCodeSchema.describe('输出地（本市的市、区县或乡镇）'),
    destination: text(100, '输入地'),
    destinationRegionCode: regionCodeSchema.nullish(),
    originParty: text(100, '输出地协议方'),
    destinationParty: text(100, '输入地协议方'),
    startDate: isoDateSchema,
    endDate: isoDateSchema,
    terms: optText(4000, '协议内容'),
    targetCount: count('目标输出人数'),
  })
  .refine((v) => v.endDate >= v.startDate, { message: '协议结束日期不能早于开始日期', path: ['endDate'] });
export type AgreementCreateInput = z.input<typeof agreementCreateSchema>;
export const agreementSchema = z.object({
  ...owned,
  destination: z.string(),
  destinationRegionCode: z.string().nullable(),
  originParty: z.string(),
  destinationParty: z.string(),
  startDate: date,
  endDate: date,
  terms: z.string(),
  targetCount: z.number().int(),
  sent: z.number().int().describe('按协议已有组织输出的人数'),
});
export const agreementPageSchema = pageOf(agreementSchema);

const staffSchema = z.strictObject({
  name: text(50, '工作人员姓名'),
  phone: z.string().trim().max(20, '电话不能超过 20 字').default(''),
  duty: z.string().trim().max(50, '职责不能超过 50 字').default(''),
});
export const stationCreateSchema = z.strictObject({
  regionCode: regionCodeSchema.describe('设站的输出地（本市区县或乡镇）'),
  name: text(100, '工作站名称'),
  agreementId: z.uuid({ error: '协议编号格式不正确' }).nullish(),
  destination: text(100, '所在输入地'),
  address: optText(200, '地址'),
  establishedOn: isoDateSchema,
  staff: z.array(staffSchema).max(50, '工作人员不能超过 50 人').default([]),
  workerIds: z.array(workerId).max(5000, '服务人员不能超过 5000 人').default([]).describe('服务的务工人员'),
});
export type StationCreateInput = z.input<typeof stationCreateSchema>;
export const stationSchema = z.object({
  ...owned,
  name: z.string(),
  agreementId: z.string().nullable(),
  destination: z.string(),
  address: z.string(),
  establishedOn: date,
  staff: z.array(z.object({ name: z.string(), phone: z.string(), duty: z.string() })),
  workersServed: z.number().int(),
  /** The first STATION_WORKERS_SHOWN workers served, masked (null: outside the caller's scope or gone). */
  workers: z.array(z.object({ workerId: z.string(), name: z.string().nullable(), idMasked: z.string().nullable() })),
});
/** How many of a station's served workers its list row names (the count is workersServed). */
export const STATION_WORKERS_SHOWN = 200;
export const stationPageSchema = pageOf(stationSchema);

export const groupCreateSchema = z.strictObject({
  regionCode: regionCodeSchema.describe('组织输出的区划'),
  departedOn: isoDateSchema,
  destination: text(100, '输出目的地'),
  agreementId: z.uuid({ error: '协议编号格式不正确' }).nullish(),
  members: z
    .array(z.strictObject({ workerId, workplace: text(100, '就业单位') }))
    .min(1, '请至少添加一名输出人员')
    .max(2000, '一批输出人员不能超过 2000 人'),
});
export type GroupCreateInput = z.input<typeof groupCreateSchema>;
export const groupSchema = z.object({
  ...owned,
  departedOn: date,
  destination: z.string(),
  agreementId: z.string().nullable(),
  people: z.number().int(),
  /** name and idMasked: the worker's masked name and ID number (null: outside the caller's scope or gone). */
  members: z.array(
    z.object({
      workerId: z.string(),
      workplace: z.string(),
      name: z.string().nullable(),
      idMasked: z.string().nullable(),
    }),
  ),
});
export const groupPageSchema = pageOf(groupSchema);

export const brandCreateSchema = z.strictObject({
  regionCode: regionCodeSchema,
  name: text(50, '品牌名称'),
  occupation: occupation.nullish(),
  description: optText(2000, '品牌介绍'),
  workerIds: z.array(workerId).max(10_000, '成员不能超过 10000 人').default([]),
});
export type BrandCreateInput = z.input<typeof brandCreateSchema>;
export const brandSchema = z.object({
  ...owned,
  name: z.string(),
  occupation: z.string().nullable(),
  occupationName: z.string().nullable(),
  description: z.string(),
  members: z.number().int(),
});
export const brandPageSchema = pageOf(brandSchema);

export const modelSiteCreateSchema = z.strictObject({
  regionCode: regionCodeSchema.describe('示范乡镇或村本身的区划代码'),
  kind: z.enum(MODEL_SITE_KINDS, { error: '示范类型无效' }),
  year: boundedInt(2000, 2100),
  transferred: count('转移就业人数'),
  notes: optText(2000, '说明'),
});
export type ModelSiteCreateInput = z.input<typeof modelSiteCreateSchema>;
export const modelSiteSchema = z.object({
  ...owned,
  kind: z.enum(MODEL_SITE_KINDS),
  kindName: z.string(),
  name: z.string(),
  year: z.number().int(),
  transferred: z.number().int(),
  notes: z.string(),
});
export const modelSitePageSchema = pageOf(modelSiteSchema);

// ---------------------------------------------------------------- entrepreneurship

export const loanCreateSchema = z.strictObject({
  workerId: workerId.describe('申请人（实名制登记的务工人员）'),
  regionCode: regionCodeSchema.describe('创业项目所在区划（到区县或更下级）'),
  business: text(200, '创业项目'),
  amountFen: fen('申请金额').min(1, '申请金额须大于 0'),
  bank: text(100, '经办银行'),
  appliedOn: isoDateSchema,
});
export type LoanCreateInput = z.input<typeof loanCreateSchema>;
export const loanDecisionSchema = z.strictObject({
  decision: z.enum(LOAN_DECISIONS, { error: '银行审批结果无效' }),
  decidedOn: isoDateSchema,
  approvedFen: fen('批准金额').min(1, '批准金额须大于 0').nullish(),
  note: optText(500, '审批意见'),
  version: boundedInt(),
});
export type LoanDecisionInput = z.input<typeof loanDecisionSchema>;
export const loanSchema = z.object({
  ...owned,
  workerId: z.string(),
  business: z.string(),
  amountFen: z.number().int(),
  bank: z.string(),
  appliedOn: date,
  status: z.enum(LOAN_STATUSES),
  statusName: z.string(),
  decidedOn: z.string().nullable(),
  approvedFen: z.number().int().nullable(),
  decisionNote: z.string().nullable(),
  version: z.number().int(),
});
export const loanPageSchema = pageOf(loanSchema);
export const loanCapSchema = z.object({ capFen: z.number().int().describe('个人创业担保贷款最高额度（分）') });
export const loanListQuery = programListQuery.extend({
  status: z.enum(LOAN_STATUSES, { error: '状态无效' }).optional(),
});

export const incubatorCreateSchema = z.strictObject({
  regionCode: regionCodeSchema.describe('所在区划（到区县或更下级）'),
  kind: z.enum(INCUBATOR_KINDS, { error: '类型无效' }),
  name: text(100, '名称'),
  operator: text(100, '运营单位'),
  address: optText(200, '地址'),
  openedOn: isoDateSchema,
  businesses: z
    .array(
      z.strictObject({
        name: text(100, '入驻企业（项目）名称'),
        founderWorkerId: workerId.nullish(),
        jobs: count('带动就业人数', 100_000),
        since: isoDateSchema.nullish(),
      }),
    )
    .max(1000, '入驻企业不能超过 1000 家')
    .default([]),
});
export type IncubatorCreateInput = z.input<typeof incubatorCreateSchema>;
export const incubatorSchema = z.object({
  ...owned,
  kind: z.enum(INCUBATOR_KINDS),
  kindName: z.string(),
  name: z.string(),
  operator: z.string(),
  address: z.string(),
  openedOn: date,
  businesses: z.array(
    z.object({
      name: z.string(),
      founderWorkerId: z.string().nullable(),
      jobs: z.number(),
      since: z.string().nullable(),
    }),
  ),
  jobsCreated: z.number().int(),
});
export const incubatorPageSchema = pageOf(incubatorSchema);

// ---------------------------------------------------------------- policy consulting

export const consultationCreateSchema = z.strictObject({
  regionCode: regionCodeSchema.describe('受理咨询的区划（任一层级）'),
  askedOn: isoDateSchema,
  topic: z.enum(CONSULT_TOPICS, { error: '咨询主题无效' }),
  channel: z.enum(CONSULT_CHANNELS, { error: '咨询渠道无效' }),
  asker: optText(50, '咨询人'),
  question: text(2000, '咨询内容'),
  answer: text(2000, '答复摘要'),
});
export type ConsultationCreateInput = z.input<typeof consultationCreateSchema>;
export const consultationSchema = z.object({
  ...owned,
  askedOn: date,
  topic: z.enum(CONSULT_TOPICS),
  topicName: z.string(),
  channel: z.enum(CONSULT_CHANNELS),
  channelName: z.string(),
  asker: z.string(),
  question: z.string(),
  answer: z.string(),
});
export const consultationPageSchema = pageOf(consultationSchema);
export const consultationListQuery = programListQuery.extend({
  topic: z.enum(CONSULT_TOPICS, { error: '咨询主题无效' }).optional(),
  channel: z.enum(CONSULT_CHANNELS, { error: '咨询渠道无效' }).optional(),
});
export const consultationStatsSchema = z.object({
  total: z.number().int(),
  byTopic: z.array(z.object({ key: z.string(), label: z.string(), count: z.number().int() })),
  byChannel: z.array(z.object({ key: z.string(), label: z.string(), count: z.number().int() })),
  byRegion: z.array(z.object({ regionCode: z.string(), regionName: z.string(), count: z.number().int() })),
});

// ---------------------------------------------------------------- exports

/** The programme registers the console exports to Excel (the surveys have their own export). */
export const PROGRAM_REGISTERS = [
  'campaigns',
  'agreements',
  'stations',
  'groups',
  'brands',
  'model-sites',
  'loans',
  'incubators',
  'consulting',
] as const;
export type ProgramRegister = (typeof PROGRAM_REGISTERS)[number];
export const programExportParams = z.strictObject({
  register: z.enum(PROGRAM_REGISTERS, { error: '登记簿无效' }),
});
export const programExportQuery = programListQuery.omit({ page: true, pageSize: true });
