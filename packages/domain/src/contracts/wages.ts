/**
 * Request and response contracts of the wage-payment guarantee (根治欠薪): projects, the real-name
 * workforce, attendance, the wage ledger, bank payments, the dedicated account and the deposit.
 * Warnings, the dashboard and the parameters are in wagesWarnings.ts; arrears cases, defaulters, the
 * public look-ups and a worker's wages in wagesArrears.ts. Money is integer 分 (`…Fen`); dates are
 * 'YYYY-MM-DD'; months are sent as 'YYYY-MM' and answered as 'YYYY-MM-01'.
 */
import { z } from 'zod';
import { isoDateSchema, monthSchema, versionSchema } from '../input.js';
import { regionCodeSchema } from '../schemas.js';
import {
  ACCOUNT_STATUSES,
  ACCOUNT_TXN_KINDS,
  DEPOSIT_FORMS,
  DEPOSIT_MOVEMENT_KINDS,
  DEPOSIT_STATUSES,
  LEDGER_ENTRIES,
  PROJECT_CATEGORIES,
  PROJECT_LEVELS,
  PROJECT_STATUSES,
  SITE_INSTITUTIONS,
  UNIT_ROLES,
} from '../wages.js';
import { pageOf, pageQuery, timestamp, uuidParam } from './common.js';
import { importJobSchema } from './imports.js';

// ---------------------------------------------------------------- building blocks (shared by the wage contracts)
/** The common page query and id parameter, under the names the wage contracts use. */
export const wagesPageQuery = pageQuery;
export const wagesIdParam = uuidParam;
export const fenSchema = z.number({ error: '金额应为以分为单位的整数' }).int('金额应为以分为单位的整数');
export const wagesText = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字`);
/**
 * An enum the server reads from a text column (typed `string` there): documented and checked on the
 * way out as the enum, accepted from the service as any value.
 */
export function storedEnum<const T extends readonly [string, ...string[]]>(values: T, description: string) {
  return z.preprocess((v) => v, z.enum(values)).describe(description);
}
/** Money in 分 as answered. */
const fen = (description: string) => z.number().int().describe(description);
const date = z.string().describe('日期 YYYY-MM-DD');
const monthStart = z.string().describe('月份（该月 1 日，YYYY-MM-01）');

export const projectCategorySchema = storedEnum(PROJECT_CATEGORIES, '工程类别（PROJECT_CATEGORY_NAMES）');
export const projectStatusSchema = storedEnum(PROJECT_STATUSES, '项目状态（PROJECT_STATUS_NAMES）');
export const projectLevelSchema = z
  .enum(PROJECT_LEVELS)
  .describe('项目颜色：green 无在办预警，否则为最高在办预警等级（PROJECT_LEVEL_NAMES）');

// ---------------------------------------------------------------- projects: requests
export const projectListQuerySchema = z.strictObject({
  q: z.string().trim().min(1).max(50).optional(),
  regionCode: regionCodeSchema.optional(),
  status: z.enum(PROJECT_STATUSES).optional(),
  level: z.enum(PROJECT_LEVELS).optional(),
  ...wagesPageQuery,
});
export type ProjectListQuery = z.input<typeof projectListQuerySchema>;

export const projectCreateSchema = z.strictObject({
  code: z.string().trim().max(40).nullish(),
  name: wagesText(100).min(1, '请填写项目名称'),
  regionCode: regionCodeSchema,
  category: z.enum(PROJECT_CATEGORIES, { error: '请选择工程类别' }),
  clientId: z.uuid({ error: '请选择建设单位' }),
  contractorId: z.uuid({ error: '请选择施工总承包单位' }),
  permitNo: wagesText(50).nullish(),
  fundingInPlace: z.boolean(),
  paymentGuarantee: z.boolean(),
  contractAmountFen: fenSchema,
  labourShareBp: z.number().int('人工费用占比应为整数（万分比）').describe('人工费用占比（万分比，1–10000）'),
  allocationDay: z.number().int().describe('每月人工费用拨付日（1–28）'),
  payDay: z.number().int().describe('每月工资支付日（1–28）'),
  contractSignedOn: isoDateSchema,
  startDate: isoDateSchema,
  plannedEndDate: isoDateSchema,
  labourOfficerName: wagesText(50).nullish(),
  labourOfficerPhone: z.string().max(30).nullish(),
});
export type ProjectCreateInput = z.input<typeof projectCreateSchema>;

export const projectPatchSchema = z.strictObject({
  version: versionSchema,
  name: wagesText(100).optional(),
  status: z.enum(PROJECT_STATUSES).optional(),
  permitNo: wagesText(50).nullish(),
  fundingInPlace: z.boolean().optional(),
  paymentGuarantee: z.boolean().optional(),
  plannedEndDate: isoDateSchema.optional(),
  completedOn: isoDateSchema.nullish(),
  labourOfficerName: wagesText(50).nullish(),
  labourOfficerPhone: z.string().max(30).nullish(),
  noticeBoardPostedOn: isoDateSchema.nullish(),
  payDay: z.number().int().optional(),
  allocationDay: z.number().int().optional(),
});
export type ProjectPatchInput = z.input<typeof projectPatchSchema>;

export const projectUnitCreateSchema = z.strictObject({
  employerId: z.uuid({ error: '请选择分包单位' }),
  role: z.enum(UNIT_ROLES, { error: '请选择分包类型' }),
});
export type ProjectUnitInput = z.input<typeof projectUnitCreateSchema>;

export const projectTeamCreateSchema = z.strictObject({
  name: wagesText(50),
  unitId: z.uuid().nullish(),
  leaderName: wagesText(50).nullish(),
});
export type ProjectTeamInput = z.input<typeof projectTeamCreateSchema>;

// ---------------------------------------------------------------- projects: responses
export const institutionFlagsSchema = z
  .object(
    Object.fromEntries(SITE_INSTITUTIONS.map((k) => [k, z.boolean()])) as Record<
      (typeof SITE_INSTITUTIONS)[number],
      z.ZodBoolean
    >,
  )
  .describe('六项制度是否落实（SITE_INSTITUTION_NAMES）');

export const projectListItemSchema = z.object({
  id: z.guid(),
  code: z.string().describe('项目编号'),
  name: z.string(),
  regionCode: z.string(),
  regionName: z.string().nullable().describe('所在地全称'),
  category: projectCategorySchema,
  status: projectStatusSchema,
  clientName: z.string().describe('建设单位'),
  contractorName: z.string().describe('施工总承包单位'),
  contractAmountFen: fen('合同金额（分）'),
  workersOnSite: z.number().int().describe('在场人数'),
  warningLevel: projectLevelSchema,
  openWarnings: z.number().int().describe('在办预警数'),
  institutions: institutionFlagsSchema,
  startDate: date,
  plannedEndDate: date,
});
export type ProjectListItem = z.output<typeof projectListItemSchema>;
export const projectPageSchema = pageOf(projectListItemSchema);

export const projectUnitSchema = z.object({
  id: z.guid(),
  employerId: z.guid(),
  employerName: z.string(),
  role: storedEnum(UNIT_ROLES, '分包类型（UNIT_ROLE_NAMES）'),
});
export type ProjectUnit = z.output<typeof projectUnitSchema>;

export const projectTeamSchema = z.object({
  id: z.guid(),
  name: z.string(),
  unitId: z.guid().nullable(),
  leaderName: z.string().nullable(),
  workers: z.number().int().describe('班组人数'),
});
export type ProjectTeam = z.output<typeof projectTeamSchema>;

export const wageAccountSchema = z.object({
  id: z.guid(),
  bankName: z.string(),
  accountName: z.string(),
  accountMasked: z.string().describe('账号（脱敏）'),
  openedOn: date,
  status: z.enum(ACCOUNT_STATUSES).describe('账户状态（ACCOUNT_STATUS_NAMES）'),
  closureNoticeFrom: z.string().nullable().describe('销户公示开始日'),
  closedOn: z.string().nullable(),
  balanceFen: fen('余额（分）'),
  openedLate: z.boolean().describe('超过合同签订后 30 日开户'),
});
export type WageAccount = z.output<typeof wageAccountSchema>;

export const depositMovementSchema = z.object({
  id: z.number().int(),
  kind: storedEnum(DEPOSIT_MOVEMENT_KINDS, '变动类型（DEPOSIT_MOVEMENT_KIND_NAMES）'),
  amountFen: fen('金额（分）'),
  onDate: date,
  note: z.string().nullable(),
});
export type DepositMovement = z.output<typeof depositMovementSchema>;

export const wageDepositSchema = z.object({
  id: z.guid(),
  form: storedEnum(DEPOSIT_FORMS, '存储形式（DEPOSIT_FORM_NAMES）'),
  rateBp: z.number().int().describe('比例（万分比）'),
  requiredFen: fen('应存金额（分）'),
  balanceFen: fen('余额（分）'),
  basis: z.string().describe('比例的依据'),
  bankName: z.string().nullable(),
  letterNo: z.string().nullable().describe('保函（保单）编号'),
  validUntil: z.string().nullable().describe('保函有效期'),
  depositedOn: z.string().nullable(),
  topupDueOn: z.string().nullable().describe('动用后须补足的日期'),
  status: storedEnum(DEPOSIT_STATUSES, '保证金状态（DEPOSIT_STATUS_NAMES）'),
  returnedOn: z.string().nullable(),
  movements: z.array(depositMovementSchema),
});
export type WageDeposit = z.output<typeof wageDepositSchema>;

export const institutionDetailSchema = z.object({
  key: z.enum(SITE_INSTITUTIONS),
  name: z.string(),
  ok: z.boolean(),
  note: z.string(),
});

export const projectSchema = projectListItemSchema.extend({
  clientId: z.guid(),
  contractorId: z.guid(),
  permitNo: z.string().nullable().describe('施工许可证号'),
  fundingInPlace: z.boolean().describe('建设资金已落实'),
  paymentGuarantee: z.boolean().describe('已提供工程款支付担保'),
  labourShareBp: z.number().int().describe('人工费用占比（万分比）'),
  allocationDay: z.number().int(),
  payDay: z.number().int(),
  contractSignedOn: date,
  completedOn: z.string().nullable(),
  labourOfficerName: z.string().nullable().describe('劳资专管员'),
  labourOfficerPhone: z.string().nullable().describe('劳资专管员手机号（脱敏）'),
  noticeBoardPostedOn: z.string().nullable().describe('维权信息告示牌设置日期'),
  version: z.number().int(),
  units: z.array(projectUnitSchema),
  teams: z.array(projectTeamSchema),
  account: wageAccountSchema.nullable(),
  deposit: wageDepositSchema.nullable(),
  institutionsDetail: z.array(institutionDetailSchema),
});
export type Project = z.output<typeof projectSchema>;

export const createdIdSchema = z.object({ id: z.guid() });

// ---------------------------------------------------------------- real-name workforce
export const projectWorkerListQuerySchema = z.strictObject({
  q: z.string().trim().min(1).max(20).optional(),
  onSite: z.enum(['true', 'false']).optional(),
  teamId: z.uuid().optional(),
  ...wagesPageQuery,
});
export type ProjectWorkerListQuery = z.input<typeof projectWorkerListQuerySchema>;

export const projectWorkerEnrolSchema = z.strictObject({
  idNumber: z.string().max(30).optional(),
  workerId: z.uuid().optional(),
  teamId: z.uuid().nullish(),
  entryDate: isoDateSchema,
});
export type ProjectWorkerEnrolInput = z.input<typeof projectWorkerEnrolSchema>;

export const projectWorkerParams = z.strictObject({
  id: z.uuid({ error: '编号格式不正确' }),
  pwId: z.uuid({ error: '编号格式不正确' }),
});
export const projectWorkerPatchSchema = z.strictObject({
  teamId: z.uuid().nullish(),
  exitDate: isoDateSchema.nullish(),
  settledOn: isoDateSchema.nullish(),
});
export type ProjectWorkerPatchInput = z.input<typeof projectWorkerPatchSchema>;

export const projectWorkerSchema = z.object({
  id: z.guid(),
  workerId: z.guid(),
  name: z.string().describe('姓名（脱敏）'),
  idMasked: z.string().describe('身份证号（脱敏）'),
  teamId: z.guid().nullable(),
  teamName: z.string().nullable(),
  entryDate: date,
  exitDate: z.string().nullable(),
  contractPresent: z.boolean().describe('已签劳动合同；false 即未签劳动合同，不得进场'),
  settledOn: z.string().nullable().describe('离场结算日期'),
  lastMonth: z.string().nullable(),
  lastNetFen: z.number().int().nullable(),
  lastPaidFen: z.number().int().nullable(),
});
export type ProjectWorker = z.output<typeof projectWorkerSchema>;
export const projectWorkerPageSchema = pageOf(projectWorkerSchema);
/** The enrolment's answer adds the warning raised, e.g. 未签劳动合同，不得进场. */
export const projectWorkerEnrolledSchema = projectWorkerSchema.extend({
  warning: z.string().nullable().describe('进场时的提示，如未签劳动合同'),
});

// ---------------------------------------------------------------- attendance
export const attendanceQuerySchema = z.strictObject({ month: monthSchema });
export const attendanceSaveSchema = z.strictObject({
  month: monthSchema,
  entries: z.array(z.strictObject({ projectWorkerId: z.uuid(), days: z.number().int() })).max(5000),
});
export type AttendanceSaveInput = z.input<typeof attendanceSaveSchema>;
export const attendanceSheetSchema = z.object({
  month: monthStart,
  items: z.array(
    z.object({
      projectWorkerId: z.guid(),
      name: z.string(),
      idMasked: z.string(),
      days: z.number().int().nullable().describe('出勤天数；null 即本月尚未登记'),
    }),
  ),
});
export type AttendanceSheet = z.output<typeof attendanceSheetSchema>;
export const attendanceSavedSchema = z.object({ month: monthStart, saved: z.number().int() });

// ---------------------------------------------------------------- wage ledger
export const payrollMonthParams = z.strictObject({ id: z.uuid(), month: monthSchema });
export const payrollSummariesSchema = z.object({
  items: z.array(
    z.object({
      month: monthStart,
      lines: z.number().int(),
      attendees: z.number().int(),
      payableFen: fen('应发（分）'),
      deductionsFen: fen('扣款（分）'),
      netFen: fen('实发（分）'),
      paidFen: fen('银行代发到账（分）'),
      paidWorkers: z.number().int(),
      failedPayments: z.number().int(),
      unconfirmed: z.number().int(),
      adjustments: z.number().int(),
    }),
  ),
});
export type PayrollMonthSummary = z.output<typeof payrollSummariesSchema>['items'][number];

export const payrollLineSchema = z.object({
  lineId: z.number().int(),
  adjustsLineId: z.number().int().nullable().describe('调整分录所调整的原记录'),
  projectWorkerId: z.guid(),
  name: z.string(),
  idMasked: z.string(),
  days: z.number().int(),
  payableFen: fen('应发（分）'),
  deductionsFen: fen('扣款（分）'),
  netFen: fen('实发（分）'),
  payDate: z.string().nullable(),
  confirmed: z.boolean().describe('劳动者已确认'),
  entry: storedEnum(LEDGER_ENTRIES, 'original 原记录，adjustment 调整分录'),
  reason: z.string().nullable(),
  paidFen: fen('银行代发到账（分）'),
});
export type PayrollLine = z.output<typeof payrollLineSchema>;
export const payrollMonthSchema = z.object({ month: monthStart, items: z.array(payrollLineSchema) });

export const manualPayrollSchema = z.strictObject({
  month: monthSchema,
  teamId: z.uuid().nullish(),
  lines: z
    .array(
      z.strictObject({
        projectWorkerId: z.uuid(),
        days: z.number().int(),
        payableFen: fenSchema,
        deductionsFen: fenSchema,
        netFen: fenSchema,
        payDate: isoDateSchema.nullish(),
        confirmed: z.boolean(),
      }),
    )
    .max(5000),
});
export type ManualPayrollInput = z.input<typeof manualPayrollSchema>;
export const manualPayrollResultSchema = z.object({
  month: monthStart,
  lines: z.number().int().describe('新记入台账的行数'),
  unchanged: z.number().int().describe('台账中已有、未改变的行数'),
});

export const payrollAdjustmentSchema = z.strictObject({
  lineId: z.number().int(),
  payableFen: fenSchema,
  deductionsFen: fenSchema,
  netFen: fenSchema,
  reason: wagesText(200),
});
export type PayrollAdjustmentInput = z.input<typeof payrollAdjustmentSchema>;
export const payrollAdjustedSchema = z.object({ lineId: z.number().int().describe('调整分录的编号') });

// ---------------------------------------------------------------- bank payments
export const bankPaymentQuerySchema = z.strictObject({
  month: monthSchema.optional(),
  succeeded: z.enum(['true', 'false']).optional(),
  ...wagesPageQuery,
});
export const bankPaymentSchema = z.object({
  id: z.number().int(),
  month: monthStart,
  name: z.string(),
  idMasked: z.string(),
  amountFen: fen('金额（分）'),
  succeeded: z.boolean(),
  failureReason: z.string().nullable(),
  bankRef: z.string().describe('银行流水号'),
  paidOn: date,
});
export type BankPayment = z.output<typeof bankPaymentSchema>;
export const bankPaymentPageSchema = pageOf(bankPaymentSchema);

/** The import job a project-bound upload (工资表、银行代发结果、考勤表) starts: the imports contract's job. */
export const wageImportJobSchema = importJobSchema;

// ---------------------------------------------------------------- dedicated account
export const accountTxnSchema = z.object({
  id: z.number().int(),
  kind: storedEnum(ACCOUNT_TXN_KINDS, '收支类型（ACCOUNT_TXN_KIND_NAMES）'),
  month: z.string().nullable().describe('所属月份（人工费用拨付）'),
  amountFen: fen('金额（分）'),
  txnDate: date,
  ref: z.string().nullable(),
});
export type AccountTxn = z.output<typeof accountTxnSchema>;
export const accountViewSchema = z.object({
  account: wageAccountSchema.nullable(),
  txns: z.object({ items: z.array(accountTxnSchema), total: z.number().int() }),
});
export type AccountView = z.output<typeof accountViewSchema>;
export const accountPageQuerySchema = z.strictObject(wagesPageQuery);
export const accountOpenSchema = z.strictObject({
  bankName: wagesText(50),
  accountNo: z.string().max(40),
  openedOn: isoDateSchema,
});
export type AccountOpenInput = z.input<typeof accountOpenSchema>;
export const accountTxnCreateSchema = z.strictObject({
  kind: z.enum(['allocation', 'refund', 'other_in']),
  month: monthSchema.nullish(),
  amountFen: fenSchema,
  txnDate: isoDateSchema,
  ref: wagesText(60).nullish(),
});
export type AccountTxnInput = z.input<typeof accountTxnCreateSchema>;
export const accountClosureSchema = z.strictObject({ action: z.enum(['notice', 'close']) });

// ---------------------------------------------------------------- deposit
export const depositQuoteSchema = z.object({
  grade: z.enum(['A', 'B', 'C', 'D']).describe('总包单位守法诚信等级'),
  gradeName: z.string(),
  rateBp: z.number().int().describe('应存比例（万分比）'),
  requiredFen: fen('应存金额（分）'),
  exempt: z.boolean(),
  basis: z.string().describe('比例的依据'),
});
export type DepositQuote = z.output<typeof depositQuoteSchema>;
export const depositSaveSchema = z.strictObject({
  form: z.enum(DEPOSIT_FORMS),
  amountFen: fenSchema.nullish(),
  bankName: wagesText(50).nullish(),
  letterNo: wagesText(60).nullish(),
  validUntil: isoDateSchema.nullish(),
  depositedOn: isoDateSchema,
});
export type DepositSaveInput = z.input<typeof depositSaveSchema>;
export const depositMovementCreateSchema = z.strictObject({
  kind: z.enum(['drawdown', 'topup', 'return']),
  amountFen: fenSchema,
  onDate: isoDateSchema,
  note: wagesText(200).nullish(),
});
export type DepositMovementInput = z.input<typeof depositMovementCreateSchema>;

// ---------------------------------------------------------------- timeline, notice board
export const projectTimelineSchema = z.array(
  z.object({
    id: z.number().int(),
    ts: timestamp,
    type: z.string().describe('事件类型，如 project.registered'),
    summary: z.string(),
    actor: z.string().nullable(),
    data: z.record(z.string(), z.unknown()),
  }),
);
export const noticeBoardQuerySchema = z.strictObject({ size: z.enum(['A4', 'A3']).default('A4') });
