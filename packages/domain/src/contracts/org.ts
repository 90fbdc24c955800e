// Request and response contracts of the org routes (regions and departments; see common.ts).
import { z } from 'zod';
import { regionCodeSchema } from '../schemas.js';

/** Kinds of department and their Chinese names. */
export const DEPARTMENT_KIND_LABELS = {
  government: '政府部门',
  court: '司法机关',
  mass_org: '群团组织',
  other: '其他',
} as const satisfies Record<string, string>;
export type DepartmentKind = keyof typeof DEPARTMENT_KIND_LABELS;
export const DEPARTMENT_KINDS = Object.keys(DEPARTMENT_KIND_LABELS) as [DepartmentKind, ...DepartmentKind[]];
export const departmentKindSchema = z
  .enum(DEPARTMENT_KINDS, { error: '部门类型不正确' })
  .describe('部门类型：government 政府部门，court 司法机关，mass_org 群团组织，other 其他');

/** Region levels as detail views name them (1 省 … 5 村; see also REGION_LEVEL_NAMES). */
export const REGION_LEVEL_LABELS: Readonly<Record<number, string>> = {
  1: '省级',
  2: '地市级',
  3: '县级',
  4: '乡镇级',
  5: '村级',
};
/** Region levels as charts of the 四级 grid name them. */
export const REGION_LEVEL_SHORT_LABELS: Readonly<Record<number, string>> = {
  1: '省',
  2: '市',
  3: '县（区）',
  4: '乡（镇、街道）',
  5: '村（社区）',
};

/** The platform's business modules (capabilities a department can work in), in display order. */
export const BUSINESS_MODULE_LABELS = {
  registry: '实名登记',
  employment: '就业服务',
  training: '技能培训',
  wages: '工资支付保障',
  cases: '维权执法',
  services: '公共服务',
  care: '关爱服务',
  stats: '监测统计',
  supervision: '督查考核',
} as const satisfies Record<string, string>;
export type BusinessModule = keyof typeof BUSINESS_MODULE_LABELS;

export const regionQuerySchema = z.strictObject({
  parent: regionCodeSchema.optional(),
  q: z.string().trim().min(1, '请输入要搜索的名称').max(30).optional(),
});
export type RegionQuery = z.infer<typeof regionQuerySchema>;

export const regionCodeParamSchema = z.strictObject({ code: regionCodeSchema });

export const departmentListQuerySchema = z.strictObject({
  q: z.string().trim().max(30).optional(),
  active: z.enum(['true', 'false']).optional(),
});
export type DepartmentListQuery = z.infer<typeof departmentListQuerySchema>;

const departmentFields = {
  name: z.string().trim().min(2, '部门名称至少 2 个字').max(60),
  shortName: z.string().trim().min(1, '请输入简称').max(20),
  kind: departmentKindSchema,
  regionCode: regionCodeSchema,
  modules: z.array(z.string().max(32)).max(20),
  active: z.boolean(),
  sort: z.number().int().min(0).max(9999),
  note: z.string().trim().max(200).nullable(),
  formerNames: z.array(z.string().trim().min(2, '原名至少 2 个字').max(60)).max(10, '原名最多 10 个'),
};
export const createDepartmentBodySchema = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{1,31}$/, '部门编码为 2–32 位小写字母、数字或下划线'),
  ...departmentFields,
  active: departmentFields.active.default(true),
  sort: departmentFields.sort.default(100),
  note: departmentFields.note.default(null),
  formerNames: departmentFields.formerNames.default([]),
});
export type CreateDepartmentBody = z.infer<typeof createDepartmentBodySchema>;

export const updateDepartmentBodySchema = z.strictObject(
  Object.fromEntries(Object.entries(departmentFields).map(([k, v]) => [k, v.optional()])) as {
    [K in keyof typeof departmentFields]: z.ZodOptional<(typeof departmentFields)[K]>;
  },
);
export type UpdateDepartmentBody = z.infer<typeof updateDepartmentBodySchema>;

// ---- answers

export const regionSchema = z.object({
  code: z.string().describe('统计用区划代码（省2位、市4位、县6位、乡9位、村12位）'),
  name: z.string(),
  level: z.number().int().describe('级别：1 省，2 市，3 县，4 乡（镇、街道），5 村（社区）'),
  parentCode: z.string().nullable(),
  fullName: z.string().describe('含上级的全称'),
  hasChildren: z.boolean(),
});
export type Region = z.infer<typeof regionSchema>;

export const regionDetailSchema = regionSchema.extend({
  ancestors: z.array(regionSchema).describe('各级上级，自省级起'),
});
export type RegionDetail = z.infer<typeof regionDetailSchema>;

export const businessModuleSchema = z.object({ code: z.string(), name: z.string() });
export type BusinessModuleEntry = z.infer<typeof businessModuleSchema>;

export const departmentSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  shortName: z.string(),
  kind: departmentKindSchema,
  regionCode: z.string(),
  modules: z.array(z.string()).describe('所参与的业务模块编码'),
  active: z.boolean(),
  sort: z.number().int(),
  note: z.string().nullable(),
  formerNames: z.array(z.string()).describe('机构改革前的名称（原名）'),
});
export type Department = z.infer<typeof departmentSchema>;

export const regionListSchema = z.array(regionSchema);
export const businessModuleListSchema = z.array(businessModuleSchema);
export const departmentListSchema = z.array(departmentSchema);
