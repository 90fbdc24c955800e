/**
 * Contracts of arrears cases (欠薪案件), the defaulter list (失信联合惩戒对象名单, 人社部令第45号),
 * employer integrity, the public look-ups (no sign-in) and a worker's wages. Shared pieces in wages.ts.
 */
import { z } from 'zod';
import { pageOf } from './common.js';
import { isoDateSchema, monthSchema } from '../input.js';
import { regionCodeSchema } from '../schemas.js';
import { ARREARS_PAYMENT_SOURCES, ARREARS_STATUSES, DEFAULTER_STATUSES } from '../wages.js';
import { fenSchema, storedEnum, wagesPageQuery, wagesText } from './wages.js';

const fen = (description: string) => z.number().int().describe(description);
const projectCodeSchema = z.string().regex(/^[A-Za-z0-9-]{4,40}$/, '项目编号不正确');

// ---------------------------------------------------------------- arrears cases: requests
export const arrearsListQuerySchema = z.strictObject({
  status: z.enum(ARREARS_STATUSES).optional(),
  regionCode: regionCodeSchema.optional(),
  q: z.string().trim().min(1).max(50).optional(),
  ...wagesPageQuery,
});
export type ArrearsListQuery = z.input<typeof arrearsListQuerySchema>;

export const arrearsCreateSchema = z.strictObject({
  projectId: z.uuid({ error: '请选择项目' }),
  employerId: z.uuid({ error: '请选择欠薪单位' }),
  warningId: z.uuid().nullish(),
  summary: wagesText(500),
  items: z.array(z.strictObject({ projectWorkerId: z.uuid(), month: monthSchema, amountFen: fenSchema })).max(2000),
});
export type ArrearsCreateInput = z.input<typeof arrearsCreateSchema>;

export const arrearsOrderSchema = z.strictObject({
  orderNo: wagesText(60),
  orderedOn: isoDateSchema,
  dueWorkingDays: z
    .number({ error: '支付期限应为 1–30 个工作日' })
    .int('支付期限应为 1–30 个工作日')
    .min(1, '支付期限应为 1–30 个工作日')
    .max(30, '支付期限应为 1–30 个工作日'),
});
export type ArrearsOrderInput = z.input<typeof arrearsOrderSchema>;

export const arrearsPaymentCreateSchema = z.strictObject({
  source: z.enum(ARREARS_PAYMENT_SOURCES, { error: '请选择资金来源' }),
  amountFen: fenSchema,
  onDate: isoDateSchema,
  note: wagesText(200).nullish(),
});
export type ArrearsPaymentInput = z.input<typeof arrearsPaymentCreateSchema>;
export const arrearsTransferSchema = z.strictObject({ note: wagesText(1000) });
export const arrearsCloseSchema = z.strictObject({ note: wagesText(500) });

// ---------------------------------------------------------------- arrears cases: responses
export const arrearsListItemSchema = z.object({
  id: z.guid(),
  seq: z.number().int().describe('案件序号'),
  projectId: z.guid().nullable(),
  projectName: z.string().nullable(),
  employerId: z.guid(),
  employerName: z.string().describe('欠薪单位'),
  status: storedEnum(ARREARS_STATUSES, '案件状态（ARREARS_STATUS_NAMES）'),
  statusName: z.string().describe('案件状态的中文名'),
  summary: z.string(),
  workers: z.number().int().describe('涉及人数'),
  months: z.number().int().describe('涉及月数'),
  amountFen: fen('欠薪金额（分）'),
  paidFen: fen('已清偿（分）'),
  outstandingFen: fen('未清偿（分）'),
  orderDueOn: z.string().nullable().describe('限期支付令的支付期限'),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  createdAt: z.string().describe('立案时间（ISO 8601）'),
});
export type ArrearsListItem = z.output<typeof arrearsListItemSchema>;
export const arrearsPageSchema = pageOf(arrearsListItemSchema);

export const arrearsDetailSchema = arrearsListItemSchema.extend({
  warningId: z.guid().nullable().describe('由之立案的预警'),
  orderNo: z.string().nullable().describe('限期支付令文号'),
  orderedOn: z.string().nullable(),
  transferredOn: z.string().nullable().describe('移送公安日期'),
  transferNote: z.string().nullable(),
  items: z.array(
    z.object({
      id: z.number().int(),
      workerId: z.guid(),
      name: z.string(),
      idMasked: z.string(),
      month: z.string().describe('所属月份（YYYY-MM-01）'),
      amountFen: fen('欠薪（分）'),
      paidFen: fen('已清偿（分）'),
    }),
  ),
  payments: z.array(
    z.object({
      id: z.number().int(),
      source: z.enum(ARREARS_PAYMENT_SOURCES).describe('资金来源（ARREARS_PAYMENT_SOURCE_NAMES）'),
      sourceName: z.string(),
      amountFen: fen('金额（分）'),
      onDate: z.string(),
      note: z.string().nullable(),
    }),
  ),
  criminal: z
    .object({ met: z.boolean(), explanation: z.string() })
    .describe('是否达到拒不支付劳动报酬罪“数额较大”标准'),
  advances: z
    .object({
      emergencyFen: fen('应急周转金垫付（分）'),
      recoveredFen: fen('已追偿（分）'),
      outstandingAdvanceFen: fen('待追偿（分）'),
      contractorAdvanceFen: fen('总承包单位先行清偿（分）'),
      clientAdvanceFen: fen('建设单位垫付（分）'),
    })
    .describe('先行清偿、垫付与追偿'),
});
export type ArrearsDetail = z.output<typeof arrearsDetailSchema>;
export const arrearsCreatedSchema = z.object({ id: z.guid() });

// ---------------------------------------------------------------- defaulters
export const defaulterListQuerySchema = z.strictObject({
  status: z.enum(DEFAULTER_STATUSES).optional(),
  q: z.string().trim().min(1).max(50).optional(),
  ...wagesPageQuery,
});
export type DefaulterListQuery = z.input<typeof defaulterListQuerySchema>;

export const defaulterSchema = z.object({
  id: z.guid(),
  employerId: z.guid(),
  employerName: z.string(),
  creditCode: z.string().describe('统一社会信用代码'),
  basis: z.string().describe('列入依据'),
  reason: z.string().describe('列入事由'),
  responsiblePersons: z.string().nullable().describe('法定代表人及负有直接责任的人员'),
  decisionNo: z.string().describe('列入决定书文号'),
  listedOn: z.string(),
  expiresOn: z.string().describe('期满移出日期（列入 3 年）'),
  status: storedEnum(DEFAULTER_STATUSES, '名单状态（DEFAULTER_STATUS_NAMES）'),
  correctedOn: z.string().nullable().describe('改正（清偿）日期'),
  undertaking: z.boolean().describe('已作出信用承诺'),
  removedOn: z.string().nullable(),
  regionCode: z.string(),
});
export type Defaulter = z.output<typeof defaulterSchema>;
export const defaulterPageSchema = pageOf(defaulterSchema);

export const defaulterCreateSchema = z.strictObject({
  employerId: z.uuid({ error: '请选择用人单位' }),
  caseId: z.uuid().nullish(),
  basis: wagesText(200),
  reason: wagesText(500),
  responsiblePersons: wagesText(200).nullish(),
  decisionNo: wagesText(60),
  listedOn: isoDateSchema,
});
export type DefaulterCreateInput = z.input<typeof defaulterCreateSchema>;
export const defaulterListedSchema = z.object({ id: z.guid(), expiresOn: z.string().describe('期满移出日期') });

export const defaulterRemoveSchema = z.strictObject({
  correctedOn: isoDateSchema,
  undertaking: z.boolean(),
  note: wagesText(500),
});
export type DefaulterRemoveInput = z.input<typeof defaulterRemoveSchema>;
export const defaulterRemovedSchema = z.object({ status: storedEnum(DEFAULTER_STATUSES, '移出后的名单状态') });

export const employerIntegritySchema = z.object({
  grade: z.enum(['A', 'B', 'C', 'D']).describe('守法诚信等级'),
  gradeName: z.string(),
  arrearsCases: z.number().int().describe('欠薪案件数'),
  listed: z.boolean().describe('在失信联合惩戒名单内'),
  lastArrearsOn: z.string().nullable().describe('最近一次欠薪的日期'),
  inspectionViolations: z.number().int().describe('劳动保障监察认定的工资支付违法行为数（计入等级，近 3 年）'),
  lastViolationOn: z.string().nullable().describe('最近一次计入等级的监察违法行为的日期'),
});
export type EmployerIntegrity = z.output<typeof employerIntegritySchema>;

// ---------------------------------------------------------------- public (no sign-in)
export const publicDefaulterQuerySchema = z.strictObject({
  q: z.string().trim().min(1).max(50).optional(),
  ...wagesPageQuery,
});
export const publicDefaulterSchema = z.object({
  employerName: z.string(),
  creditCode: z.string(),
  basis: z.string().describe('列入依据（第五条的项）'),
  reason: z.string().describe('由公开事实组成的列入事由'),
  listedOn: z.string(),
  expiresOn: z.string(),
});
export type PublicDefaulter = z.output<typeof publicDefaulterSchema>;
export const publicDefaulterPageSchema = pageOf(publicDefaulterSchema);

export const publicProjectParams = z.strictObject({ code: projectCodeSchema });
export const publicProjectSchema = z.object({
  code: z.string(),
  name: z.string(),
  contractorName: z.string(),
  payDay: z.number().int().describe('每月工资支付日'),
});
export type PublicProject = z.output<typeof publicProjectSchema>;

export const wageLookupSchema = z.strictObject({
  projectCode: projectCodeSchema,
  idNumber: z.string().max(30),
  name: z.string().trim().min(1, '请填写姓名').max(50),
});
export type WageLookupInput = z.input<typeof wageLookupSchema>;
export const wageLookupResultSchema = z.object({
  project: z.object({ code: z.string(), name: z.string() }),
  months: z.array(
    z.object({
      month: z.string().describe('月份（YYYY-MM-01）'),
      days: z.number().int(),
      payableFen: fen('应发（分）'),
      deductionsFen: fen('扣款（分）'),
      netFen: fen('实发（分）'),
      paidFen: fen('银行代发到账（分）'),
      payDate: z.string().nullable(),
    }),
  ),
});
export type WageLookupResult = z.output<typeof wageLookupResultSchema>;

// ---------------------------------------------------------------- a worker's wages
export const workerWagesSchema = z.array(
  z.object({
    projectId: z.guid(),
    projectName: z.string(),
    month: z.string().describe('月份（YYYY-MM-01）'),
    days: z.number().int(),
    payableFen: fen('应发（分）'),
    netFen: fen('实发（分）'),
    paidFen: fen('银行代发到账（分）'),
    payDate: z.string().nullable(),
  }),
);
export type WorkerWageRow = z.output<typeof workerWagesSchema>[number];
