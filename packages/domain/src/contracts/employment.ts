/**
 * Contracts of employment services (就业服务, modules/employment): job postings (岗位信息) with moderation, job
 * seekers (求职登记), explainable matches (人岗匹配) and referrals (职业介绍) with outcomes and follow-ups.
 */
import { z } from 'zod';
import {
  FOLLOW_UP_DAYS,
  JOB_STATUSES,
  OUTCOME_SOURCES,
  PLACE_PREFERENCES,
  REFERRAL_OUTCOMES,
  SEEKER_STATUSES,
  SEX_REQUIREMENTS,
} from '../employment.js';
import { MATCH_FEATURE_LABELS, MATCH_FEATURES, type MatchFeature } from '../jobMatching.js';
import { MODERATION_KINDS } from '../jobModeration.js';
import { isoDateSchema } from '../input.js';
import { regionCodeSchema } from '../schemas.js';
import { pageOf, pageQuery, timestamp } from './common.js';

const text = (max: number, label: string) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}不能超过 ${max} 字`);
const optText = (max: number, label: string) => z.string().trim().max(max, `${label}不能超过 ${max} 字`).nullish();
const fen = (label: string) =>
  z
    .number({ error: `${label}须为整数（单位：分）` })
    .int(`${label}须为整数（单位：分）`)
    .min(0, `${label}不能为负数`)
    .max(100_000_000, `${label}过大`);
const age = (label: string) =>
  z
    .number({ error: `${label}须为整数` })
    .int(`${label}须为整数`)
    .min(0, `${label}不能为负数`)
    .max(99, `${label}过大`);
const occupationCode = z
  .string({ error: '请选择职业（工种）' })
  .regex(/^[1-8](-\d{2}){1,3}$/, '职业（工种）代码格式应为 6-18-02-04');

// ---------------------------------------------------------------- postings

export const jobRequirementsSchema = z.strictObject({
  skills: z.array(text(50, '技能要求')).max(10, '技能要求不能超过 10 项').default([]),
  certificates: z.array(text(50, '证书要求')).max(10, '证书要求不能超过 10 项').default([]),
  ageMin: age('年龄下限').nullish(),
  ageMax: age('年龄上限').nullish(),
  education: z.string().max(4).nullish().describe('最低文化程度代码'),
  sex: z
    .enum(SEX_REQUIREMENTS, { error: '性别要求无效' })
    .default('any')
    .describe('性别要求（除法定禁忌岗位外须为不限）'),
  other: optText(500, '其他要求'),
});

export const jobBenefitsSchema = z.strictObject({
  housing: z.boolean().default(false).describe('提供住宿'),
  meals: z.boolean().default(false).describe('提供餐食'),
  insurance: z.boolean().default(false).describe('缴纳社会保险'),
});

export const jobBodySchema = z.strictObject({
  employerId: z.uuid({ error: '请选择用工单位' }),
  title: text(50, '岗位名称'),
  occupationCode,
  headcount: z
    .number({ error: '招聘人数须为整数' })
    .int('招聘人数须为整数')
    .min(1, '招聘人数至少 1 人')
    .max(10000, '招聘人数过大'),
  wageMinFen: fen('月工资下限'),
  wageMaxFen: fen('月工资上限'),
  regionCode: regionCodeSchema.describe('工作地点（到乡镇/街道）'),
  address: text(200, '工作地址'),
  requirements: jobRequirementsSchema.default({ skills: [], certificates: [], sex: 'any' }),
  benefits: jobBenefitsSchema.default({ housing: false, meals: false, insurance: false }),
  contractTermMonths: z.number().int('合同期限须为整数月').min(0).max(240, '合同期限过长').nullish(),
  validUntil: isoDateSchema.describe('有效期至'),
  householdService: z.boolean().default(false).describe('家庭服务业岗位'),
  description: optText(2000, '岗位描述'),
});
export type JobBody = z.input<typeof jobBodySchema>;
export const jobUpdateSchema = jobBodySchema.extend({ version: z.number().int().min(1) });

export const moderationFindingSchema = z.object({
  kind: z.enum(MODERATION_KINDS),
  kindName: z.string(),
  severity: z.enum(['block', 'warn']),
  field: z.string(),
  match: z.string().optional(),
  message: z.string(),
});
export const moderationResultSchema = z.object({
  blocked: z.boolean(),
  findings: z.array(moderationFindingSchema),
});

export const jobSchema = z.object({
  id: z.uuid(),
  employerId: z.uuid(),
  employerName: z.string(),
  title: z.string(),
  occupationCode: z.string(),
  occupationName: z.string(),
  headcount: z.number().int(),
  wageMinFen: z.number().int(),
  wageMaxFen: z.number().int(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  address: z.string(),
  requirements: z.object({
    skills: z.array(z.string()),
    certificates: z.array(z.string()),
    ageMin: z.number().int().nullable(),
    ageMax: z.number().int().nullable(),
    education: z.string().nullable(),
    sex: z.enum(SEX_REQUIREMENTS),
    other: z.string().nullable(),
  }),
  benefits: z.object({ housing: z.boolean(), meals: z.boolean(), insurance: z.boolean() }),
  contractTermMonths: z.number().int().nullable(),
  validUntil: z.string(),
  householdService: z.boolean(),
  description: z.string().nullable(),
  status: z.enum(JOB_STATUSES),
  statusName: z.string(),
  withdrawReason: z.string().nullable(),
  warnings: z.array(moderationFindingSchema).describe('不阻止发布的审核提示'),
  createdAt: timestamp,
  updatedAt: timestamp,
  version: z.number().int(),
});
export type Job = z.infer<typeof jobSchema>;

export const jobListQuerySchema = z.strictObject({
  ...pageQuery,
  q: z
    .string()
    .trim()
    .max(50, '关键词不能超过 50 字')
    .optional()
    .describe('关键词（岗位、工种、单位、技能；两个字即可）'),
  status: z.enum(JOB_STATUSES, { error: '状态无效' }).optional(),
  occupationCode: z.string().max(20).optional().describe('职业代码或其前缀（如 6-18）'),
  regionCode: z
    .string()
    .regex(/^\d{2,12}$/, '行政区划代码无效')
    .optional(),
  employerId: z.uuid({ error: '用工单位编号格式不正确' }).optional(),
  householdService: z.enum(['true', 'false']).optional(),
  wageAtLeastFen: z.coerce.number().int().min(0).max(100_000_000).optional(),
});
export type JobListQuery = z.input<typeof jobListQuerySchema>;
export const jobPageSchema = pageOf(jobSchema);

export const jobWithdrawSchema = z.strictObject({
  confirm: z.literal(true, { error: '撤回岗位须确认（confirm: true）' }),
  reason: text(200, '撤回原因'),
});

// ---------------------------------------------------------------- seekers

export const seekerBodySchema = z.strictObject({
  workerId: z.uuid({ error: '请选择务工人员' }),
  occupations: z.array(occupationCode).min(1, '请至少选择一个求职意向工种').max(5, '意向工种不能超过 5 个'),
  places: z.array(regionCodeSchema).max(5, '意向工作地不能超过 5 个').default([]),
  preference: z.enum(PLACE_PREFERENCES, { error: '就业意向无效' }).describe('就地就近 / 外出 / 均可'),
  minWageFen: fen('期望月薪'),
  availableFrom: isoDateSchema.nullish().describe('可到岗日期'),
  note: optText(500, '备注'),
});
export type SeekerBody = z.input<typeof seekerBodySchema>;
export const seekerUpdateSchema = seekerBodySchema.omit({ workerId: true }).extend({
  status: z.enum(SEEKER_STATUSES, { error: '状态无效' }).optional(),
  version: z.number().int().min(1),
});

export const seekerSchema = z.object({
  id: z.uuid(),
  workerId: z.uuid(),
  name: z.string(),
  sex: z.string(),
  age: z.number().int(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  occupations: z.array(z.object({ code: z.string(), name: z.string() })),
  places: z.array(z.string()),
  preference: z.enum(PLACE_PREFERENCES),
  preferenceName: z.string(),
  minWageFen: z.number().int(),
  availableFrom: z.string().nullable(),
  skills: z.array(z.object({ occupationCode: z.string(), certificate: z.string().nullable() })),
  note: z.string().nullable(),
  status: z.enum(SEEKER_STATUSES),
  statusName: z.string(),
  stale: z.boolean().describe('超过 90 天未确认，暂不参与匹配'),
  reconfirmedAt: timestamp,
  registeredBy: z.string().nullable().describe('登记层级的行政区划'),
  createdAt: timestamp,
  version: z.number().int(),
});
export type Seeker = z.infer<typeof seekerSchema>;
export const seekerPageSchema = pageOf(seekerSchema);
export const seekerListQuerySchema = z.strictObject({
  ...pageQuery,
  q: z.string().trim().max(50).optional().describe('姓名'),
  status: z.enum(SEEKER_STATUSES, { error: '状态无效' }).optional(),
  stale: z.enum(['true', 'false']).optional(),
  occupationCode: z.string().max(20).optional(),
  regionCode: z
    .string()
    .regex(/^\d{2,12}$/, '行政区划代码无效')
    .optional(),
});
export type SeekerListQuery = z.input<typeof seekerListQuerySchema>;

// ---------------------------------------------------------------- matches

export const matchFeatureSchema = z.object({
  feature: z.enum(MATCH_FEATURES),
  label: z.string(),
  value: z.number(),
  contribution: z.number(),
  tag: z.string().nullable(),
});
const matchCommon = {
  score: z.number(),
  explanation: z.array(z.string()).describe('推荐理由（中文）'),
  features: z.array(matchFeatureSchema),
};
export const jobMatchSchema = z.object({
  jobId: z.uuid(),
  title: z.string(),
  employerName: z.string(),
  occupationCode: z.string(),
  occupationName: z.string(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  wageMinFen: z.number().int(),
  wageMaxFen: z.number().int(),
  ...matchCommon,
});
export const seekerMatchSchema = z.object({
  seekerId: z.uuid(),
  name: z.string(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  minWageFen: z.number().int(),
  ...matchCommon,
});
export const matchQuerySchema = z.strictObject({
  q: z.string().trim().max(50).optional().describe('关键词（可选）'),
  campaignId: z.uuid({ error: '活动编号格式不正确' }).optional().describe('按活动的权重排序'),
});
export const jobMatchesSchema = z.object({
  impressionId: z.uuid(),
  stale: z.boolean(),
  items: z.array(jobMatchSchema),
});
export const seekerMatchesSchema = z.object({ impressionId: z.uuid(), items: z.array(seekerMatchSchema) });

// ---------------------------------------------------------------- referrals

export const referralCreateSchema = z.strictObject({
  seekerId: z.uuid({ error: '请选择求职人员' }),
  jobId: z.uuid({ error: '请选择岗位' }),
  impressionId: z.uuid().nullish().describe('推荐来自哪次匹配结果（记录用）'),
  campaignId: z.uuid().nullish(),
  note: optText(500, '备注'),
});
export const referralOutcomeSchema = z.strictObject({
  outcome: z.enum(['interviewed', 'hired', 'refused', 'no_show'], { error: '结果无效' }),
  source: z.enum(OUTCOME_SOURCES, { error: '反馈来源无效' }).default('staff'),
  date: isoDateSchema.optional().describe('结果日期（默认今天）'),
  note: optText(500, '备注'),
});
export const referralFollowUpSchema = z.strictObject({
  day: z.union([z.literal(30), z.literal(90)], { error: '回访节点须为 30 或 90 天' }),
  stillEmployed: z.boolean({ error: '请填写是否仍在岗' }),
  note: optText(500, '回访记录'),
});
export const referralSchema = z.object({
  id: z.uuid(),
  seekerId: z.uuid(),
  seekerName: z.string(),
  workerId: z.uuid(),
  jobId: z.uuid(),
  jobTitle: z.string(),
  employerName: z.string(),
  jobRegionCode: z.string(),
  regionCode: z.string(),
  campaignId: z.uuid().nullable(),
  outcome: z.enum(REFERRAL_OUTCOMES),
  outcomeName: z.string(),
  outcomeSource: z.enum(OUTCOME_SOURCES).nullable(),
  outcomeOn: z.string().nullable(),
  hiredOn: z.string().nullable(),
  doublePlacement: z.boolean().describe('同一人同时在两个岗位就业'),
  followUps: z.array(
    z.object({
      day: z.union([z.literal(30), z.literal(90)]),
      dueOn: z.string(),
      doneAt: timestamp.nullable(),
      stillEmployed: z.boolean().nullable(),
      note: z.string().nullable(),
    }),
  ),
  note: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: timestamp,
});
export type Referral = z.infer<typeof referralSchema>;
export const referralPageSchema = pageOf(referralSchema);
export const referralListQuerySchema = z.strictObject({
  ...pageQuery,
  outcome: z.enum(REFERRAL_OUTCOMES, { error: '结果无效' }).optional(),
  seekerId: z.uuid().optional(),
  jobId: z.uuid().optional(),
  followUpDue: z.enum(['30', '90'], { error: '回访节点须为 30 或 90' }).optional().describe('到期未回访的名单'),
  doublePlacement: z.enum(['true', 'false']).optional(),
});
export type ReferralListQuery = z.input<typeof referralListQuerySchema>;
export const referralStatsQuerySchema = z.strictObject({
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
});
export const referralStatsSchema = z.object({
  byRegion: z.array(
    z.object({ regionCode: z.string(), regionName: z.string().nullable(), referrals: z.number(), hires: z.number() }),
  ),
  byStaff: z.array(
    z.object({ userId: z.string().nullable(), name: z.string(), referrals: z.number(), hires: z.number() }),
  ),
});

export const FOLLOW_UP_DAY_VALUES = FOLLOW_UP_DAYS;

// ---------------------------------------------------------------- exports (岗位、求职登记、职业介绍 as xlsx)

export const jobExportQuerySchema = jobListQuerySchema.omit({ page: true, pageSize: true });
export const seekerExportQuerySchema = seekerListQuerySchema.omit({ page: true, pageSize: true });
export const referralExportQuerySchema = referralListQuerySchema.omit({ page: true, pageSize: true });

// ---------------------------------------------------------------- match weights (人岗匹配权重, per campaign)

/** The largest weight a feature may have (the default model's largest is 4). */
export const MATCH_WEIGHT_MAX = 20;
const weight = (label: string) =>
  z
    .number({ error: `“${label}”的权重须为数字` })
    .min(0, `“${label}”的权重不能为负数`)
    .max(MATCH_WEIGHT_MAX, `“${label}”的权重不能超过 ${MATCH_WEIGHT_MAX}`);
export const matchWeightsSchema = z
  .strictObject(
    Object.fromEntries(MATCH_FEATURES.map((f) => [f, weight(MATCH_FEATURE_LABELS[f])])) as Record<
      MatchFeature,
      ReturnType<typeof weight>
    >,
  )
  .refine((w) => Object.values(w).some((v) => v > 0), { message: '权重不能全部为 0' })
  .describe('各特征的权重（0–20）');
export const matchWeightsBodySchema = z.strictObject({ weights: matchWeightsSchema });
export const matchWeightsAnswerSchema = z.object({
  campaignId: z.uuid().nullable().describe('招聘活动（空：默认权重）'),
  weights: matchWeightsSchema,
  defaults: matchWeightsSchema.describe('默认权重'),
  custom: z.boolean().describe('本活动已单独设置权重'),
  labels: z.record(z.string(), z.string()).describe('特征的中文名'),
});
export type MatchWeightsAnswer = z.infer<typeof matchWeightsAnswerSchema>;
