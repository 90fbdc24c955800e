/**
 * Contracts of vocational training (职业技能培训, modules/training): institutions, classes, enrolments with
 * attendance, results and certificates, subsidy rules and claims, payment batches, targets.
 */
import { z } from 'zod';
import { OCCUPATION_CODE_RE } from '../codes/occupations.js';
import { isoDateSchema, plainText } from '../input.js';
import { idNumberSchema, regionCodeSchema } from '../schemas.js';
import {
  CERTIFICATE_KINDS,
  CLAIM_STATUSES,
  ENROLMENT_STATUSES,
  EXAM_RESULTS,
  INSTITUTION_KINDS,
  INSTITUTION_STATUSES,
  SKILL_LEVEL_CODES,
  SUBSIDY_PAYEES,
  TRAINING_MODES,
  TRAINING_TYPES,
} from '../training.js';
import { fileDownload, pageOf, pageQuery, timestamp } from './common.js';

const text = (max: number, label: string) =>
  plainText(max).pipe(z.string().min(1, `请填写${label}`).max(max, `${label}不能超过 ${max} 字`));
const optText = (max: number) => plainText(max).nullish();
const occupationCode = z
  .string({ error: '请选择职业（工种）' })
  .trim()
  .regex(OCCUPATION_CODE_RE, '职业（工种）代码格式应为 6-18 或 6-18-02-04（职业分类大典 2022）');
const uuid = (label: string) => z.uuid({ error: `${label}编号格式不正确` });
const count = (min: number, max: number, label: string) =>
  z
    .number({ error: `${label}须为整数` })
    .int(`${label}须为整数`)
    .min(min, `${label}不能小于 ${min}`)
    .max(max, `${label}不能大于 ${max}`);

// ---------------------------------------------------------------- institutions (培训机构)
export const trainingInstitutionCreateSchema = z.strictObject({
  name: text(100, '机构名称'),
  kind: z.enum(INSTITUTION_KINDS, { error: '机构类别无效' }),
  creditCode: optText(18),
  employerId: uuid('用工单位').nullish().describe('企业自主培训：实名制登记的用工单位'),
  regionCode: regionCodeSchema,
  validFrom: isoDateSchema.nullish().describe('认定有效期起'),
  validTo: isoDateSchema.nullish().describe('认定有效期止'),
  occupations: z
    .array(occupationCode)
    .min(1, '请至少选择一个可培训的职业（工种）')
    .max(100, '职业（工种）不能超过 100 个'),
  contact: optText(100),
});
export type TrainingInstitutionCreateInput = z.input<typeof trainingInstitutionCreateSchema>;

export const trainingInstitutionUpdateSchema = z.strictObject({
  status: z.enum(INSTITUTION_STATUSES, { error: '认定状态无效' }).optional(),
  validFrom: isoDateSchema.nullish(),
  validTo: isoDateSchema.nullish(),
  occupations: z.array(occupationCode).min(1, '请至少选择一个可培训的职业（工种）').max(100).optional(),
  contact: optText(100),
});
export type TrainingInstitutionUpdateInput = z.input<typeof trainingInstitutionUpdateSchema>;

export const trainingInstitutionSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(INSTITUTION_KINDS),
  creditCode: z.string().nullable(),
  employerId: z.string().nullable(),
  status: z.enum(INSTITUTION_STATUSES),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  occupations: z.array(z.string()),
  contact: z.string().nullable(),
  regionCode: z.string(),
  createdAt: timestamp,
});
export const trainingInstitutionListQuery = z.strictObject({
  ...pageQuery,
  q: plainText(50).optional(),
  status: z.enum(INSTITUTION_STATUSES, { error: '认定状态无效' }).optional(),
});
export const trainingInstitutionPageSchema = pageOf(trainingInstitutionSchema);

// ---------------------------------------------------------------- classes (培训班)
export const trainingClassCreateSchema = z.strictObject({
  name: text(100, '班级名称'),
  institutionId: uuid('培训机构'),
  occupationCode,
  trainingType: z.enum(TRAINING_TYPES, { error: '培训类型无效' }),
  mode: z.enum(TRAINING_MODES, { error: '培训模式无效' }).default('open'),
  employerId: uuid('用工单位').nullish().describe('订单式、定岗、定向培训的用人单位'),
  startDate: isoDateSchema,
  endDate: isoDateSchema,
  sessions: count(1, 1000, '课时（次）数'),
  capacity: count(1, 10000, '计划人数'),
  regionCode: regionCodeSchema,
  teacher: optText(50),
  subsidised: z.boolean().default(true).describe('是否为政府补贴性培训'),
  payee: z.enum(SUBSIDY_PAYEES, { error: '补贴对象无效' }).default('person'),
});
export type TrainingClassCreateInput = z.input<typeof trainingClassCreateSchema>;

export const trainingClassSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  institutionId: z.string(),
  institutionName: z.string(),
  occupationCode: z.string(),
  occupationName: z.string(),
  trainingType: z.enum(TRAINING_TYPES),
  mode: z.enum(TRAINING_MODES),
  employerId: z.string().nullable(),
  employerName: z.string().nullable(),
  startDate: z.string(),
  endDate: z.string(),
  sessions: z.number().int(),
  capacity: z.number().int(),
  enrolled: z.number().int(),
  teacher: z.string().nullable(),
  subsidised: z.boolean(),
  payee: z.enum(SUBSIDY_PAYEES),
  status: z.enum(['open', 'closed']),
  regionCode: z.string(),
  createdAt: timestamp,
});
export const trainingClassListQuery = z.strictObject({
  ...pageQuery,
  q: plainText(50).optional(),
  year: z.coerce.number().int().min(2000, '年份无效').max(2100, '年份无效').optional(),
  trainingType: z.enum(TRAINING_TYPES, { error: '培训类型无效' }).optional(),
  regionCode: regionCodeSchema.optional(),
});
export const trainingClassPageSchema = pageOf(trainingClassSchema);

// ---------------------------------------------------------------- enrolments (学员)
export const trainingEnrolSchema = z
  .strictObject({
    workerId: uuid('务工人员').nullish().describe('实名制登记的务工人员'),
    idNumber: idNumberSchema.nullish().describe('或：身份证号（须已实名制登记）'),
    contractMonths: count(0, 600, '劳动合同期限（月）').nullish(),
  })
  .refine((v) => !!v.workerId || !!v.idNumber, { message: '请选择务工人员或填写身份证号', path: ['workerId'] });
export type TrainingEnrolInput = z.input<typeof trainingEnrolSchema>;

export const trainingCertificateSchema = z.object({
  id: z.uuid(),
  enrolmentId: z.string(),
  workerId: z.string(),
  kind: z.enum(CERTIFICATE_KINDS),
  level: z.enum(SKILL_LEVEL_CODES).nullable(),
  number: z.string(),
  issuedOn: z.string(),
  occupationCode: z.string(),
});

export const trainingEnrolmentSchema = z.object({
  id: z.uuid(),
  classId: z.string(),
  workerId: z.string(),
  workerName: z.string(),
  idMasked: z.string(),
  status: z.enum(ENROLMENT_STATUSES),
  examResult: z.enum(EXAM_RESULTS).nullable(),
  examScore: z.number().nullable(),
  completedOn: z.string().nullable(),
  employedOn: z.string().nullable(),
  contractMonths: z.number().int().nullable(),
  attended: z.number().int(),
  certificates: z.array(trainingCertificateSchema),
  claimStatus: z.enum(CLAIM_STATUSES).nullable().describe('补贴申请状态（未申请为 null）'),
});
export const trainingEnrolmentListSchema = z.object({ items: z.array(trainingEnrolmentSchema) });
export const trainingEnrolmentParams = z.strictObject({
  id: uuid('培训班'),
  enrolmentId: uuid('学员'),
});

export const trainingResultSchema = z.strictObject({
  status: z.enum(ENROLMENT_STATUSES, { error: '学员状态无效' }).optional(),
  examResult: z.enum(EXAM_RESULTS, { error: '考核结果无效' }).nullish(),
  examScore: z.number({ error: '成绩须为数字' }).min(0, '成绩不能为负数').max(1000, '成绩过大').nullish(),
  completedOn: isoDateSchema.nullish(),
  employedOn: isoDateSchema.nullish().describe('就业日期（结业后就业的补贴条件）'),
  contractMonths: count(0, 600, '劳动合同期限（月）').nullish(),
});
export type TrainingResultInput = z.input<typeof trainingResultSchema>;

export const trainingCertificateCreateSchema = z
  .strictObject({
    kind: z.enum(CERTIFICATE_KINDS, { error: '证书种类无效' }),
    level: z.enum(SKILL_LEVEL_CODES, { error: '技能等级无效' }).nullish(),
    number: text(50, '证书编号'),
    issuedOn: isoDateSchema,
  })
  .refine((v) => v.kind !== 'skill_level' || !!v.level, {
    message: '职业技能等级证书须填写等级',
    path: ['level'],
  });
export type TrainingCertificateInput = z.input<typeof trainingCertificateCreateSchema>;

export const trainingAttendanceSheetSchema = z.object({
  sessions: z.number().int(),
  rows: z.array(
    z.object({
      enrolmentId: z.string(),
      workerName: z.string(),
      present: z.array(z.number().int()).describe('出勤的课次'),
    }),
  ),
});
export const trainingAttendanceInputSchema = z.strictObject({
  session: count(1, 1000, '课次'),
  present: z.array(uuid('学员')).max(10000).describe('本课次出勤的学员；其余记为缺勤'),
});
export type TrainingAttendanceInput = z.input<typeof trainingAttendanceInputSchema>;

// ---------------------------------------------------------------- subsidies (培训补贴)
export const trainingSubsidyRuleCreateSchema = z
  .strictObject({
    name: text(100, '标准名称'),
    occupationPrefix: z
      .string()
      .trim()
      .regex(/^[1-8](-\d{2}){0,3}$/, '职业代码（前缀）格式应为 6 或 6-18 或 6-18-02-04')
      .nullish(),
    trainingType: z.enum(TRAINING_TYPES, { error: '培训类型无效' }).nullish(),
    certificateKind: z.enum(CERTIFICATE_KINDS, { error: '证书种类无效' }).nullish(),
    amountFen: count(0, 10_000_000, '补贴标准（分）'),
    requireCertificate: z.boolean().default(true),
    employedWithinMonths: count(1, 60, '就业期限（月）').nullish(),
    minAttendancePct: count(0, 100, '出勤率下限（%）').default(80),
    payee: z.enum(SUBSIDY_PAYEES, { error: '补贴对象无效' }).default('person'),
    sharePct: count(1, 100, '补贴比例（%）').default(100),
    minContractMonths: count(1, 600, '劳动合同期限下限（月）').nullish(),
    originProvince: z
      .string()
      .regex(/^\d{2}$/, '籍贯省份代码应为 2 位数字')
      .nullish(),
    validFrom: isoDateSchema,
    validTo: isoDateSchema.nullish(),
  })
  .refine((v) => v.payee === 'person' || v.sharePct <= 50, {
    message: '拨付企业的补贴不得超过现行标准的 50%',
    path: ['sharePct'],
  })
  .refine((v) => !v.validTo || v.validTo >= v.validFrom, {
    message: '有效期止不能早于有效期起',
    path: ['validTo'],
  });
export type TrainingSubsidyRuleInput = z.input<typeof trainingSubsidyRuleCreateSchema>;

export const trainingSubsidyRuleSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  occupationPrefix: z.string().nullable(),
  trainingType: z.enum(TRAINING_TYPES).nullable(),
  certificateKind: z.enum(CERTIFICATE_KINDS).nullable(),
  amountFen: z.number().int(),
  requireCertificate: z.boolean(),
  employedWithinMonths: z.number().int().nullable(),
  minAttendancePct: z.number().int(),
  payee: z.enum(SUBSIDY_PAYEES),
  sharePct: z.number().int(),
  minContractMonths: z.number().int().nullable(),
  originProvince: z.string().nullable(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  active: z.boolean(),
});
export const trainingSubsidyRuleListSchema = z.object({ items: z.array(trainingSubsidyRuleSchema) });
export const trainingSubsidyRuleUpdateSchema = z.strictObject({ active: z.boolean({ error: '请选择是否启用' }) });

export const trainingSubsidyPreviewSchema = z.object({
  ok: z.boolean(),
  ruleId: z.string().nullable(),
  ruleName: z.string().nullable(),
  amountFen: z.number().int().nullable(),
  payee: z.enum(SUBSIDY_PAYEES).nullable(),
  basis: z.array(z.string()),
  reasons: z.array(z.string()).describe('不符合条件的原因'),
});

export const trainingClaimCreateSchema = z.strictObject({
  enrolmentId: uuid('学员'),
  payeeName: text(100, '收款人（单位）名称'),
  account: plainText(40).pipe(z.string().min(1, '请输入收款账号')),
  bankName: text(100, '开户行'),
});
export type TrainingClaimCreateInput = z.input<typeof trainingClaimCreateSchema>;

export const trainingClaimStepSchema = z.object({
  at: z.string(),
  level: z.string().nullable(),
  action: z.string(),
  by: z.string().nullable(),
  note: z.string().nullable(),
});
export const trainingClaimSchema = z.object({
  id: z.uuid(),
  enrolmentId: z.string(),
  classId: z.string(),
  workerName: z.string(),
  occupationCode: z.string(),
  periodKey: z.number().int(),
  ruleId: z.string(),
  ruleName: z.string(),
  basis: z.array(z.string()),
  amountFen: z.number().int(),
  payee: z.enum(SUBSIDY_PAYEES),
  payeeName: z.string(),
  accountMasked: z.string(),
  bankName: z.string(),
  status: z.enum(CLAIM_STATUSES),
  steps: z.array(trainingClaimStepSchema),
  batchId: z.string().nullable(),
  regionCode: z.string(),
  createdAt: timestamp,
  canApprove: z.boolean().describe('当前用户可在本层级审核'),
});
export const trainingClaimListQuery = z.strictObject({
  ...pageQuery,
  status: z.enum(CLAIM_STATUSES, { error: '申请状态无效' }).optional(),
  queue: z.enum(['mine'], { error: '队列无效' }).optional().describe('mine：待本层级审核'),
});
export const trainingClaimPageSchema = pageOf(trainingClaimSchema);
export const trainingClaimDecisionSchema = z.strictObject({
  note: plainText(500).optional(),
  confirm: z.literal(true, { error: '请确认审核意见' }),
});
export const trainingClaimRejectSchema = z.strictObject({ note: text(500, '退回理由') });

export const trainingBatchCreateSchema = z.strictObject({
  countyCode: z.string().regex(/^\d{6}$/, '请选择区（县）'),
  confirm: z.literal(true, { error: '请确认生成拨付批次' }),
});
export const trainingBatchSchema = z.object({
  id: z.uuid(),
  batchNo: z.string(),
  claims: z.number().int(),
  totalFen: z.number().int(),
  regionCode: z.string(),
  createdAt: timestamp,
});
export const trainingBatchListSchema = z.object({ items: z.array(trainingBatchSchema) });
export const trainingBatchFile = fileDownload('银行代发文件（xlsx）');
export const trainingClaimExportQuery = z.strictObject({
  status: z.enum(CLAIM_STATUSES, { error: '申请状态无效' }).optional(),
});
export const trainingClaimsFile = fileDownload('补贴申请名单（xlsx，账号脱敏）');

// ---------------------------------------------------------------- targets (培训目标)
export const trainingTargetInputSchema = z.strictObject({
  regionCode: regionCodeSchema,
  year: count(2000, 2100, '年度'),
  trainingType: z.enum(TRAINING_TYPES, { error: '培训类型无效' }).nullish(),
  personTimes: count(1, 100_000_000, '目标人次'),
});
export type TrainingTargetInput = z.input<typeof trainingTargetInputSchema>;
export const trainingTargetSchema = z.object({
  id: z.uuid(),
  regionCode: z.string(),
  regionName: z.string(),
  year: z.number().int(),
  trainingType: z.enum(TRAINING_TYPES).nullable(),
  personTimes: z.number().int(),
  completed: z.number().int().describe('已结业人次'),
  progressPct: z.number(),
  byMonth: z.array(z.object({ month: z.string(), completed: z.number().int() })),
});
export const trainingTargetListSchema = z.object({ items: z.array(trainingTargetSchema) });
export const trainingTargetQuery = z.strictObject({
  year: z.coerce.number().int().min(2000, '年份无效').max(2100, '年份无效').optional(),
});
export const trainingEnrolmentsFile = fileDownload('学员名单（xlsx，身份证号脱敏）');
export const trainingCompletionDocument = fileDownload('培训结业名册和培训合格证书（可打印 HTML）');
