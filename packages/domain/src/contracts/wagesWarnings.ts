/**
 * Contracts of the wage warnings (欠薪预警): rules, the list and the handling workflow, the manual
 * scan, the dashboard (驾驶舱) and the local parameters (WageParams). Shared pieces in wages.ts.
 */
import { z } from 'zod';
import { pageOf } from './common.js';
import { regionCodeSchema } from '../schemas.js';
import { WARNING_ACTIONS, WARNING_LEVELS, WARNING_STATUSES, type WageParams } from '../wages.js';
import { fenSchema, projectListItemSchema, storedEnum, wagesPageQuery, wagesText } from './wages.js';

const levelSchema = z.enum(['yellow', 'orange', 'red']).describe('预警等级（WARNING_LEVEL_NAMES）');
const fen = (description: string) => z.number().int().describe(description);

// ---------------------------------------------------------------- rules
export const warningRulesSchema = z.array(
  z.object({
    id: z.string().describe('规则编号，如 wages_unpaid'),
    name: z.string(),
    description: z.string(),
    levels: z.array(levelSchema).describe('该规则可能产生的预警等级'),
  }),
);
export type WarningRuleInfo = z.output<typeof warningRulesSchema>[number];

// ---------------------------------------------------------------- list and detail
export const warningListQuerySchema = z.strictObject({
  regionCode: regionCodeSchema.optional(),
  level: z.enum(WARNING_LEVELS).optional(),
  status: z.enum([...WARNING_STATUSES, 'live']).optional(),
  rule: z.string().max(40).optional(),
  projectId: z.uuid().optional(),
  overdue: z.enum(['true', 'false']).optional(),
  ...wagesPageQuery,
});
export type WarningListQuery = z.input<typeof warningListQuerySchema>;

export const warningSchema = z.object({
  id: z.guid(),
  seq: z.number().int().describe('预警序号（#）'),
  rule: z.string(),
  ruleName: z.string(),
  projectId: z.guid(),
  projectCode: z.string(),
  projectName: z.string(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  month: z.string().nullable().describe('所属月份（YYYY-MM-01）；null 即针对项目整体'),
  level: levelSchema,
  status: storedEnum(WARNING_STATUSES, '预警状态（WARNING_STATUS_NAMES）'),
  summary: z.string(),
  workersAffected: z.number().int().describe('涉及人数'),
  amountFen: fen('涉及金额（分）'),
  assigneeName: z.string().nullable().describe('承办人'),
  departmentCode: z.string().nullable(),
  departmentName: z.string().nullable().describe('承办部门'),
  dueOn: z.string().nullable().describe('办理时限'),
  overdue: z.boolean().describe('已超过办理时限'),
  escalation: z.number().int().describe('升级督办次数'),
  firstDetectedAt: z.string().describe('首次发现时间（ISO 8601）'),
  lastDetectedAt: z.string().describe('最近一次发现时间（ISO 8601）'),
  clearedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  result: z.string().nullable().describe('办结结果'),
});
export type WarningItem = z.output<typeof warningSchema>;
export const warningPageSchema = pageOf(warningSchema);

export const warningDetailSchema = warningSchema.extend({
  ruleDescription: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()).describe('规则给出的明细（因规则而异）'),
  workers: z.array(
    z.object({
      projectWorkerId: z.guid(),
      name: z.string(),
      idMasked: z.string(),
      netFen: fen('应发实发（分）'),
      paidFen: fen('到账（分）'),
      days: z.number().int(),
    }),
  ),
  actions: z.array(
    z.object({
      id: z.number().int(),
      ts: z.string().describe('时间（ISO 8601）'),
      action: storedEnum(WARNING_ACTIONS, '处置环节（WARNING_ACTION_NAMES）'),
      actorName: z.string().nullable(),
      note: z.string().nullable(),
    }),
  ),
});
export type WarningDetail = z.output<typeof warningDetailSchema>;

// ---------------------------------------------------------------- workflow
export const warningAssigneesQuerySchema = z.strictObject({ q: z.string().trim().max(30).optional() });
export const warningAssigneesSchema = z.array(
  z.object({
    id: z.guid(),
    username: z.string(),
    displayName: z.string(),
    departmentName: z.string().nullable(),
    regionCode: z.string(),
  }),
);
export const warningAssignSchema = z.strictObject({
  assigneeId: z.uuid().nullish(),
  departmentCode: z.string().max(40).nullish(),
  note: wagesText(500).nullish(),
});
export type WarningAssignInput = z.input<typeof warningAssignSchema>;
export const warningActSchema = z.strictObject({ note: wagesText(1000) });
export const warningCloseSchema = z.strictObject({ result: wagesText(1000) });

export const scanReportSchema = z.object({
  projects: z.number().int().describe('扫描的项目数'),
  findings: z.number().int(),
  created: z.number().int().describe('新产生的预警'),
  updated: z.number().int(),
  cleared: z.number().int().describe('自动消除的预警'),
  unchanged: z.number().int(),
  ms: z.number().describe('耗时（毫秒）'),
  byRule: z.record(z.string(), z.object({ findings: z.number().int(), ms: z.number() })),
});
export type ScanReport = z.output<typeof scanReportSchema>;

// ---------------------------------------------------------------- dashboard
export const dashboardQuerySchema = z.strictObject({ regionCode: regionCodeSchema.optional() });
const levelCounts = z.object({
  green: z.number().int(),
  yellow: z.number().int(),
  orange: z.number().int(),
  red: z.number().int(),
});
const dashboardFigures = {
  projects: z.number().int(),
  byLevel: levelCounts.describe('按项目颜色计的项目数'),
  arrearsFen: fen('未清偿欠薪（分）'),
  arrearsWorkers: z.number().int(),
  openWarnings: z.number().int(),
  overdueWarnings: z.number().int(),
};
export const wagesDashboardSchema = z.object({
  region: z.object({ code: z.string(), name: z.string(), level: z.number().int() }),
  children: z.array(
    z.object({ code: z.string(), name: z.string(), level: z.number().int().describe('区划级别'), ...dashboardFigures }),
  ),
  totals: z.object(dashboardFigures),
  trend: z.array(
    z.object({
      month: z.string(),
      opened: z.number().int(),
      closed: z.number().int(),
      cleared: z.number().int(),
    }),
  ),
  deposit: z.object({
    projects: z.number().int(),
    held: z.number().int(),
    exempt: z.number().int(),
    missing: z.number().int(),
    requiredFen: fen('应存（分）'),
    balanceFen: fen('余额（分）'),
  }),
  projects: z.array(projectListItemSchema).describe('乡镇（街道）及以下：本区划的项目'),
});
export type WagesDashboard = z.output<typeof wagesDashboardSchema>;

// ---------------------------------------------------------------- parameters
export const wageParamsSchema = z.strictObject({
  minimumWage: z
    .array(z.strictObject({ prefix: z.string().max(12), tier: wagesText(20), monthlyFen: fenSchema }))
    .max(500)
    .describe('最低工资标准（按区划代码前缀，最长匹配）'),
  paidDaysPerMonth: z.number().min(20).max(23).describe('月计薪天数'),
  monthlyPayCapFen: fenSchema,
  yearlyPayCapFen: fenSchema,
  missingWageShare: z.number(),
  settlementGraceDays: z.number().int().min(0).max(90),
  institutionsGraceDays: z.number().int().min(0).max(180),
  handlingDays: z
    .strictObject({ yellow: z.number().int(), orange: z.number().int(), red: z.number().int() })
    .describe('各等级预警的办理时限（工作日）'),
  criminalThresholds: z
    .array(
      z.strictObject({
        province: z.string().regex(/^\d{2}$/, '省级代码应为 2 位数字'),
        perWorkerFen: fenSchema.min(500_000, '不低于 5000 元').max(2_000_000, '不高于 2 万元'),
        totalFen: fenSchema.min(3_000_000, '不低于 3 万元').max(10_000_000, '不高于 10 万元'),
        note: wagesText(200),
      }),
    )
    .max(40)
    .describe('拒不支付劳动报酬罪“数额较大”标准（按省）'),
  deposit: z.strictObject({
    baseRateBp: z.number().int().min(100, '基准比例不低于 1%').max(300, '基准比例不高于 3%'),
    floorRateBp: z.number().int().min(50, '不低于 0.5%').max(300),
    capFen: fenSchema.nullable(),
    smallContractExemptFen: fenSchema,
  }),
});
export type WageParamsInput = z.input<typeof wageParamsSchema>;

/** The parameters as answered: the request's document without its bounds (a stored value is shown as it is). */
export const wageParamsAnswerSchema = z.object({
  minimumWage: z.array(z.object({ prefix: z.string(), tier: z.string(), monthlyFen: fen('月最低工资（分）') })),
  paidDaysPerMonth: z.number().describe('月计薪天数'),
  monthlyPayCapFen: fen('单人单月工资异常上限（分）'),
  yearlyPayCapFen: fen('单人全年工资异常上限（分）'),
  missingWageShare: z.number().describe('有考勤无工资人数占比的预警阈值（0–1）'),
  settlementGraceDays: z.number().int().describe('离场后结算期限（日）'),
  institutionsGraceDays: z.number().int().describe('开工后六项制度落实期限（日）'),
  handlingDays: z
    .object({ yellow: z.number().int(), orange: z.number().int(), red: z.number().int() })
    .describe('各等级预警的办理时限（工作日）'),
  criminalThresholds: z.array(
    z.object({ province: z.string(), perWorkerFen: fen('单人（分）'), totalFen: fen('累计（分）'), note: z.string() }),
  ),
  deposit: z.object({
    baseRateBp: z.number().int().describe('基准比例（万分比）'),
    floorRateBp: z.number().int().describe('最低比例（万分比）'),
    capFen: z.number().int().nullable().describe('单个项目上限（分）；null 即不设上限'),
    smallContractExemptFen: fen('免缴的合同额上限（分）'),
  }),
});

/** Compile-time check: the contracts and the rules' parameter type (WageParams) must not drift apart. */
export const wageParamsMatchRules: [z.output<typeof wageParamsSchema>] extends [WageParams]
  ? [WageParams] extends [z.output<typeof wageParamsAnswerSchema>]
    ? true
    : false
  : false = true;
