/**
 * Request and response contracts of the real-name registry (实名登记): workers (一人一档), employers,
 * employments and labour contracts, social insurance, the code tables and the worker export. The
 * Chinese names of the registry's enums live here too, once, for the server (exports, import
 * templates, timeline summaries) and the console alike.
 */
import { z } from 'zod';
import { EMPLOYER_SIZES, type EmployerSize } from '../codes/employerSizes.js';
import { INSURANCE_TYPES, type InsuranceType } from '../codes/insuranceTypes.js';
import type { Sex } from '../idNumber.js';
import { RELATION_BY_CODE } from '../codes/relations.js';
import { isoDateSchema, versionSchema } from '../input.js';
import { workerFiltersSchema, workerListQueryFilters } from '../registryFilters.js';
import { regionCodeSchema } from '../schemas.js';
import { fileDownload, pageOf, pageQuery, timestamp } from './common.js';

// ---------------------------------------------------------------- enums and their Chinese names

/** Chinese names keyed by code, as one `Record` per enum. */
type Labels<T extends string> = Readonly<Record<T, string>>;

const labelsOf = <T extends string>(items: readonly { code: T; name: string }[]): Labels<T> =>
  Object.fromEntries(items.map((i) => [i.code, i.name])) as Record<T, string>;

/** A Zod enum of a label table's codes, documented with the names ("male 男；female 女"). */
function labelledEnum<T extends string>(labels: Labels<T>, what: string, error?: string) {
  const codes = Object.keys(labels) as [T, ...T[]];
  return z
    .enum(codes, error ? { error } : undefined)
    .describe(`${what}：${codes.map((c) => `${c} ${labels[c]}`).join('；')}`);
}

export const SEX_LABELS: Labels<Sex> = { male: '男', female: '女' };
export const sexSchema = labelledEnum(SEX_LABELS, '性别（由身份证号得出）');

/** 本地 = employed inside the township of household registration; 外出 = outside it (NBS definition). */
export type MigrantType = 'local' | 'out';
export const MIGRANT_TYPE_LABELS: Labels<MigrantType> = { local: '本地', out: '外出' };
export const migrantTypeSchema = labelledEnum(MIGRANT_TYPE_LABELS, '本地/外出');

export type WorkerStatus = 'active' | 'merged';
export const WORKER_STATUS_LABELS: Labels<WorkerStatus> = { active: '正常', merged: '已合并' };
export const workerStatusSchema = labelledEnum(WORKER_STATUS_LABELS, '档案状态');

/** The left-behind (留守) family members the registry records: a subset of the relations table. */
export type LeftBehindRelation = 'child' | 'spouse' | 'parent';
export const LEFT_BEHIND_RELATION_LABELS: Labels<LeftBehindRelation> = {
  child: RELATION_BY_CODE.get('child')!.name,
  spouse: RELATION_BY_CODE.get('spouse')!.name,
  parent: RELATION_BY_CODE.get('parent')!.name,
};
export const leftBehindRelationSchema = labelledEnum(
  LEFT_BEHIND_RELATION_LABELS,
  '留守成员与本人关系',
  '留守成员关系只能是子女、配偶或父母',
);

export const EMPLOYER_SIZE_LABELS: Labels<EmployerSize> = labelsOf(EMPLOYER_SIZES);
export const employerSizeSchema = labelledEnum(EMPLOYER_SIZE_LABELS, '企业规模', '请选择企业规模');

export const INSURANCE_TYPE_LABELS: Labels<InsuranceType> = labelsOf(INSURANCE_TYPES);
export const insuranceTypeSchema = labelledEnum(INSURANCE_TYPE_LABELS, '险种', '险种不正确');

export type WageType = 'monthly' | 'daily' | 'piece';
export const WAGE_TYPE_LABELS: Labels<WageType> = { monthly: '月薪', daily: '日薪', piece: '计件' };
export const wageTypeSchema = labelledEnum(WAGE_TYPE_LABELS, '工资形式');

export type ContractType = 'fixed' | 'open' | 'task' | 'none';
export const CONTRACT_TYPE_LABELS: Labels<ContractType> = {
  fixed: '固定期限',
  open: '无固定期限',
  task: '以完成一定工作任务为期限',
  none: '未订立书面合同',
};
/** The import template's names (a short form people type in a spreadsheet); the import accepts the labels too. */
export const CONTRACT_TYPE_IMPORT_NAMES: Labels<ContractType> = { ...CONTRACT_TYPE_LABELS, none: '未签订' };
export const contractTypeSchema = labelledEnum(CONTRACT_TYPE_LABELS, '劳动合同类型');

export type FilingStatus = 'filed' | 'pending' | 'none';
export const FILING_STATUS_LABELS: Labels<FilingStatus> = { filed: '已备案', pending: '待备案', none: '未备案' };
/** The import template's names; the import accepts the labels too. */
export const FILING_STATUS_IMPORT_NAMES: Labels<FilingStatus> = { ...FILING_STATUS_LABELS, pending: '备案中' };
export const filingStatusSchema = labelledEnum(FILING_STATUS_LABELS, '用工备案状态');

export type EmploymentStatus = 'active' | 'ended';
export const EMPLOYMENT_STATUS_LABELS: Labels<EmploymentStatus> = { active: '在职', ended: '已结束' };
export const employmentStatusSchema = labelledEnum(EMPLOYMENT_STATUS_LABELS, '用工状态');

// ---------------------------------------------------------------- shared pieces

const text = (max: number) => z.string().trim().max(max);
const birthYear = z.number().int().min(1900, '出生年份不合理').max(2100, '出生年份不合理');
const id = z.uuid();
const masked = (what: string) => z.string().describe(`${what}（已脱敏）`);
/** Non-blocking remarks on a saved record (e.g. a wrong check digit kept as typed). */
const warnings = z.array(z.string()).describe('提示（不影响保存，如校验位不符）');

/** GET /api/code-tables: each table as code and name. */
const codeItemSchema = z.object({ code: z.string(), name: z.string().describe('中文名称') });
export const codeTablesSchema = z.object({
  ethnicities: z.array(codeItemSchema).describe('民族（GB 3304）'),
  educations: z.array(codeItemSchema).describe('文化程度'),
  industries: z.array(codeItemSchema).describe('行业门类（GB/T 4754-2017）'),
  occupations: z.array(codeItemSchema).describe('职业工种（职业分类大典 2022）'),
  employerSizes: z.array(codeItemSchema).describe('企业规模'),
  schoolStages: z.array(codeItemSchema).describe('就学阶段'),
  insuranceTypes: z.array(codeItemSchema).describe('险种'),
  relations: z.array(codeItemSchema).describe('家庭关系'),
});
export type CodeTables = z.infer<typeof codeTablesSchema>;
export type CodeTableItem = z.infer<typeof codeItemSchema>;

// ---------------------------------------------------------------- workers

export const workerBody = {
  name: z.string().max(100),
  idNumber: z.string().max(30),
  ethnicity: z.string().max(4),
  education: z.string().max(4),
  phone: z.string().max(30).nullish(),
  hukouRegionCode: regionCodeSchema,
  residenceRegionCode: regionCodeSchema,
  skills: z
    .array(
      z.strictObject({
        occupationCode: z.string().max(20),
        certificate: text(50).nullish(),
        level: text(20).nullish(),
      }),
    )
    .max(10)
    .optional(),
  bankCard: z.string().max(40).nullish(),
  bankName: text(50).nullish(),
  emergencyContact: z
    .strictObject({ name: z.string().max(100), relation: z.string().max(20), phone: z.string().max(30) })
    .nullish(),
  accompanyingChildren: z
    .array(z.strictObject({ name: z.string().max(100), birthYear, schoolStage: z.string().max(20) }))
    .max(10)
    .optional(),
  leftBehind: z
    .array(z.strictObject({ relation: leftBehindRelationSchema, name: z.string().max(100), birthYear }))
    .max(10)
    .optional(),
};
export const workerCreateSchema = z.strictObject(workerBody);
export type WorkerCreate = z.infer<typeof workerCreateSchema>;
export const workerPatchSchema = workerCreateSchema.partial().extend({ version: versionSchema });
export type WorkerPatch = z.infer<typeof workerPatchSchema>;

export const workerListQuerySchema = z.strictObject({
  ...workerListQueryFilters,
  sort: workerListQueryFilters.sort.unwrap().default('-createdAt'),
  ...pageQuery,
});
export type WorkerListQuery = z.input<typeof workerListQuerySchema>;

export const UNMASK_FIELDS = ['idNumber', 'phone', 'bankCard', 'emergencyContact', 'birthDate'] as const;
export type UnmaskField = (typeof UNMASK_FIELDS)[number];
export const unmaskRequestSchema = z.strictObject({
  fields: z.array(z.enum(UNMASK_FIELDS)).min(1, '请选择要查看的信息').max(5),
  purpose: z.string().trim().min(4, '请说明用途（至少 4 个字）').max(200),
});
export type UnmaskRequest = z.infer<typeof unmaskRequestSchema>;

export const mergeRequestSchema = z.strictObject({ duplicateId: z.uuid({ error: '请选择要合并的重复档案' }) });

const skillSchema = z.object({
  occupationCode: z.string().describe('职业工种代码'),
  certificate: z.string().nullable().describe('证书名称'),
  level: z.string().nullable().describe('技能等级'),
});
export type WorkerSkill = z.infer<typeof skillSchema>;

export const insuranceItemSchema = z.object({
  type: insuranceTypeSchema,
  enrolled: z.boolean().describe('是否参保'),
  since: z.string().nullable().describe('参保时间 YYYY-MM-DD'),
  placeRegionCode: z.string().nullable().describe('参保地区划代码'),
});
export type InsuranceItem = z.infer<typeof insuranceItemSchema>;

/** A worker as answered: every personal field masked (the clear values come from the audited unmask). */
export const workerSchema = z.object({
  id,
  name: z.string(),
  idNumber: masked('公民身份号码，如 110105********0021'),
  sex: sexSchema,
  birthDate: z
    .null()
    .describe('出生日期：脱敏应答中恒为 null（与脱敏身份证号合起来即为完整号码）；须经审计的 unmask 查看'),
  age: z.number().int().describe('周岁年龄'),
  ethnicity: z.string().describe('民族代码（见代码表 ethnicities）'),
  education: z.string().describe('文化程度代码（见代码表 educations）'),
  phone: masked('手机号码，如 138****1234').nullable(),
  hukouRegionCode: z.string().describe('户籍地区划代码'),
  hukouRegionName: z.string().nullable(),
  residenceRegionCode: z.string().describe('现居住地区划代码'),
  residenceRegionName: z.string().nullable(),
  migrantType: migrantTypeSchema,
  crossProvince: z.boolean().describe('是否跨省流动'),
  skills: z.array(skillSchema),
  bankCard: masked('工资卡号，如 ****1234').nullable(),
  bankName: z.string().nullable(),
  bankCardLuhnOk: z.boolean().nullable().describe('卡号校验位是否正确（无卡为 null）'),
  emergencyContact: z
    .object({ name: masked('姓名'), relation: z.string(), phone: masked('电话') })
    .nullable()
    .describe('紧急联系人（姓名、电话已脱敏；列表中恒为 null）'),
  accompanyingChildren: z
    .array(z.object({ name: masked('姓名'), birthYear: z.number().int(), schoolStage: z.string() }))
    .describe('随迁子女（姓名已脱敏；列表中为空）'),
  leftBehind: z
    .array(z.object({ relation: leftBehindRelationSchema, name: masked('姓名'), birthYear: z.number().int() }))
    .describe('留守家庭成员（姓名已脱敏；列表中为空）'),
  status: workerStatusSchema,
  mergedInto: z.uuid().nullable().describe('已合并时，保留档案的编号'),
  currentEmployment: z
    .object({ id, employerId: id, employerName: z.string(), position: z.string().nullable() })
    .nullable()
    .describe('当前在职的用工关系'),
  createdAt: timestamp,
  updatedAt: timestamp,
  version: z.number().int().describe('版本号（修改时带回）'),
});
export type Worker = z.infer<typeof workerSchema>;
/** GET /api/workers/:id: the profile with its insurance. */
export const workerProfileSchema = workerSchema.extend({ insurance: z.array(insuranceItemSchema) });
export type WorkerProfile = z.infer<typeof workerProfileSchema>;
/** POST and PATCH /api/workers answer the saved worker and the non-blocking warnings. */
export const workerSavedSchema = workerSchema.extend({ warnings });
export type WorkerSaved = z.infer<typeof workerSavedSchema>;
export const workerPageSchema = pageOf(workerSchema).extend({
  totalCapped: z.boolean().describe('为 true 时 total 为下限：符合条件的超过 10,000 人'),
});
export type WorkerPage = z.infer<typeof workerPageSchema>;

/** The clear values asked for (a field not asked for is absent). */
export const unmaskResultSchema = z
  .object({
    idNumber: z.string().describe('完整公民身份号码'),
    birthDate: z.string().describe('出生日期 YYYY-MM-DD'),
    phone: z.string().nullable().describe('完整手机号码'),
    bankCard: z.string().nullable().describe('完整工资卡号'),
    emergencyContactPhone: z.string().nullable().describe('紧急联系人完整电话（请求 emergencyContact 时）'),
  })
  .partial()
  .describe('明文（仅含所请求的字段；已先记入审计日志）');
export type UnmaskResult = z.infer<typeof unmaskResultSchema>;

export const timelineEntrySchema = z.object({
  id: z.number().int(),
  ts: timestamp,
  type: z.string().describe('事件类型，如 worker.registered、employment.started'),
  summary: z.string().describe('中文摘要'),
  actor: z.string().nullable().describe('经办人姓名'),
  data: z.record(z.string(), z.unknown()).describe('事件数据'),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

export const insuranceReplaceSchema = z.strictObject({
  items: z
    .array(
      z.strictObject({
        type: insuranceTypeSchema,
        enrolled: z.boolean(),
        since: isoDateSchema.nullable(),
        placeRegionCode: regionCodeSchema.nullable(),
      }),
    )
    .max(5),
});
export type InsuranceReplace = z.infer<typeof insuranceReplaceSchema>;

export const transferCreateSchema = z.strictObject({
  type: insuranceTypeSchema,
  fromRegionCode: regionCodeSchema,
  toRegionCode: regionCodeSchema,
  date: isoDateSchema,
});
export type TransferCreate = z.infer<typeof transferCreateSchema>;
export const transferSchema = z.object({
  id,
  type: insuranceTypeSchema,
  fromRegionCode: z.string().describe('转出地区划代码'),
  toRegionCode: z.string().describe('转入地区划代码'),
  date: z.string().describe('转移日期 YYYY-MM-DD'),
});
export type Transfer = z.infer<typeof transferSchema>;

// ---------------------------------------------------------------- employers

export const employerBody = {
  creditCode: z.string().max(30),
  name: z.string().max(100),
  legalRep: text(50).nullish(),
  industry: z.string().max(2),
  size: employerSizeSchema,
  regionCode: regionCodeSchema,
  address: text(200).nullish(),
  contactName: text(50).nullish(),
  contactPhone: z.string().max(30).nullish(),
};
export const employerCreateSchema = z.strictObject(employerBody);
export type EmployerCreate = z.infer<typeof employerCreateSchema>;
export const employerPatchSchema = employerCreateSchema.partial();
export type EmployerPatch = z.infer<typeof employerPatchSchema>;

export const employerListQuerySchema = z.strictObject({
  q: z.string().trim().min(1).max(50).optional(),
  creditCode: z.string().max(30).optional(),
  regionCode: regionCodeSchema.optional(),
  industry: z.string().max(2).optional(),
  ...pageQuery,
});
export type EmployerListQuery = z.input<typeof employerListQuerySchema>;

/**
 * An employer as answered. The company register is readable city-wide; `editable` says whether this
 * caller may change it.
 */
export const employerSchema = z.object({
  editable: z.boolean().describe('当前用户能否修改（有登记权限且单位在其管辖/数据范围内）'),
  id,
  creditCode: z.string().describe('统一社会信用代码'),
  creditCodeValid: z.boolean().describe('校验位是否正确（不正确时按原样保存）'),
  name: z.string(),
  legalRep: masked('法定代表人').nullable(),
  industry: z.string().describe('行业门类代码（见代码表 industries）'),
  size: employerSizeSchema,
  regionCode: z.string(),
  regionName: z.string().nullable(),
  address: z.string().nullable(),
  contactName: masked('联系人').nullable(),
  contactPhone: masked('联系电话').nullable(),
  workerCount: z.number().int().describe('在职人数（当前用户可见范围内）'),
  contractRate: z.number().nullable().describe('劳动合同签订率 0–1（无在职人员为 null）'),
  createdAt: timestamp,
});
export type Employer = z.infer<typeof employerSchema>;
export const employerSavedSchema = employerSchema.extend({ warnings });
export type EmployerSaved = z.infer<typeof employerSavedSchema>;
export const employerPageSchema = pageOf(employerSchema);

// ---------------------------------------------------------------- employments

export const employmentBody = {
  workerId: z.uuid({ error: '请选择务工人员' }),
  employerId: z.uuid({ error: '请选择用工单位' }),
  startDate: isoDateSchema,
  endDate: isoDateSchema.nullish(),
  position: text(50).nullish(),
  occupationCode: z.string().max(20).nullish(),
  wageFen: z.number().int('工资以分为单位，应为整数').nullish(),
  wageType: wageTypeSchema.optional(),
  contractType: contractTypeSchema.optional(),
  contractSigned: z.boolean().optional(),
  contractTermMonths: z.number().int().min(1).max(600).nullish(),
  filingStatus: filingStatusSchema.optional(),
  dispatch: z.boolean().optional(),
};
export const employmentCreateSchema = z.strictObject(employmentBody);
export type EmploymentCreate = z.infer<typeof employmentCreateSchema>;
/** A change keeps the natural key (worker, employer, start date). */
export const employmentPatchSchema = employmentCreateSchema
  .omit({ workerId: true, employerId: true, startDate: true })
  .partial();
export type EmploymentPatch = z.infer<typeof employmentPatchSchema>;

export const employmentListQuerySchema = z.strictObject({
  workerId: z.uuid().optional(),
  employerId: z.uuid().optional(),
  status: employmentStatusSchema.optional(),
  ...pageQuery,
});
export type EmploymentListQuery = z.input<typeof employmentListQuerySchema>;

export const employmentSchema = z.object({
  id,
  workerId: id,
  workerName: z.string(),
  employerId: id,
  employerName: z.string(),
  startDate: z.string().describe('入职日期 YYYY-MM-DD'),
  endDate: z.string().nullable().describe('离职日期 YYYY-MM-DD'),
  position: z.string().nullable(),
  occupationCode: z.string().nullable(),
  wageFen: z.number().int().nullable().describe('工资（分）'),
  wageType: wageTypeSchema,
  contractType: contractTypeSchema,
  contractSigned: z.boolean().describe('是否签订劳动合同'),
  contractTermMonths: z.number().int().nullable().describe('合同期限（月）'),
  filingStatus: filingStatusSchema,
  dispatch: z.boolean().describe('是否劳务派遣'),
  status: employmentStatusSchema,
});
export type Employment = z.infer<typeof employmentSchema>;
export const employmentPageSchema = pageOf(employmentSchema);

export const contractRatesQuerySchema = z.strictObject({ parent: regionCodeSchema });
export const contractRateSchema = z.object({
  regionCode: z.string().describe('下级区划代码'),
  regionName: z.string().nullable(),
  employed: z.number().int().describe('在职人数'),
  signed: z.number().int().describe('已签订劳动合同人数'),
  rate: z.number().nullable().describe('签订率 0–1（无在职人员为 null）'),
});
export type ContractRate = z.infer<typeof contractRateSchema>;

// ---------------------------------------------------------------- export

export const exportRequestSchema = z.strictObject({
  kind: z.literal('workers', { error: '目前支持导出：workers（务工人员）' }),
  // The same filters as the list (registryFilters), sort included: the console exports exactly what it shows.
  filters: workerFiltersSchema.default({}),
  unmask: z.boolean().default(false),
  purpose: z.string().trim().max(200).optional(),
});
export type ExportRequest = z.input<typeof exportRequestSchema>;
export const workersExportFile = fileDownload(
  'Excel 文件（xlsx）；应答头 x-export-rows 为行数。默认脱敏，明文须 pii:export 并说明用途',
);
