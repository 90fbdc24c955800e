/**
 * Contracts of the case engine (案件办理, platform/cases): the case list and its queues, a case with its
 * statutory clocks and history, transitions and comments, the registered case types.
 */
import { z } from 'zod';
import { regionCodeSchema } from '../schemas.js';
import { CASE_QUEUES, CLOCK_LEVELS } from '../rights.js';
import { pageOf, pageQuery, timestamp } from './common.js';

const code = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, '编码格式不正确');

export const caseListQuerySchema = z.strictObject({
  type: code.optional().describe('案件类型'),
  state: code.optional().describe('状态'),
  regionCode: regionCodeSchema.optional(),
  assignee: z.uuid({ error: '承办人编号格式不正确' }).optional(),
  queue: z.enum(CASE_QUEUES).optional().describe('mine 我的待办，pending 待受理，due_soon 即将到期，overdue 已超期'),
  ...pageQuery,
});
export type CaseListQuery = z.input<typeof caseListQuerySchema>;

export const caseSummarySchema = z.object({
  id: z.uuid(),
  type: z.string(),
  typeName: z.string(),
  state: z.string(),
  stateName: z.string(),
  title: z.string(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  assigneeId: z.uuid().nullable(),
  assigneeName: z.string().nullable(),
  escalated: z.boolean().describe('已升级督办'),
  groupSize: z.number().int().nullable().describe('群体性案件的人数'),
  tags: z
    .array(z.object({ code: z.string(), label: z.string(), priority: z.boolean() }))
    .describe('案件标记（如绿色通道）；priority 的案件排在列表前面'),
  createdAt: timestamp,
  closedAt: timestamp.nullable(),
});
export type CaseSummary = z.infer<typeof caseSummarySchema>;
export const casePageSchema = pageOf(caseSummarySchema);

export const caseClockSchema = z.object({
  code: z.string(),
  name: z.string(),
  unit: z.enum(['working', 'calendar']),
  budget: z.number().int(),
  maxExtension: z.number().int(),
  startedOn: z.string(),
  stoppedOn: z.string().nullable(),
  dueOn: z.string().nullable().describe('到期日（中止期间为空）'),
  amberOn: z.string().nullable(),
  extension: z.number().int(),
  total: z.number().int(),
  suspended: z.boolean(),
  stopped: z.boolean(),
  used: z.number().int(),
  remaining: z.number().int().describe('剩余天数（负数：超期天数）'),
  level: z.enum(CLOCK_LEVELS),
  missingYears: z.array(z.number().int()).describe('未录入工作日历的年份（仅按周末计算）'),
  rungs: z.array(z.string()),
});
export type CaseClock = z.infer<typeof caseClockSchema>;

export const caseHistorySchema = z.object({
  id: z.number().int(),
  kind: z.string(),
  event: z.string().nullable(),
  fromState: z.string().nullable(),
  toState: z.string().nullable(),
  actorId: z.uuid().nullable(),
  actorName: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
  at: timestamp,
});

export const caseTransitionFieldSchema = z.object({
  field: z.string(),
  label: z.string(),
  kind: z.enum(['text', 'date', 'fen', 'days', 'count', 'users', 'choice']),
  optional: z.boolean(),
  min: z.number().int().nullable(),
  options: z.array(z.string()).nullable(),
});

export const caseDetailSchema = caseSummarySchema.extend({
  escalationReason: z.string().nullable(),
  parties: z.array(z.object({ kind: z.string(), id: z.string(), name: z.string().optional() })),
  data: z.record(z.string(), z.unknown()),
  clocks: z.array(caseClockSchema),
  history: z.array(caseHistorySchema),
  links: z.array(z.object({ countyCode: z.string(), caseId: z.uuid(), kind: z.string() })),
  transitions: z
    .array(
      z.object({
        event: z.string(),
        name: z.string(),
        confirm: z.boolean(),
        fields: z.array(caseTransitionFieldSchema),
        documents: z
          .array(z.object({ kind: z.string(), label: z.string() }))
          .describe('执行前须已上传的材料（附件类别）'),
      }),
    )
    .describe('当前用户在当前状态下可执行的操作'),
});
export type CaseDetail = z.infer<typeof caseDetailSchema>;

export const caseTransitionBodySchema = z.strictObject({
  event: code.describe('操作（见案件类型）'),
  fields: z.record(z.string(), z.unknown()).default({}).describe('操作所需的字段'),
});
export type CaseTransitionBody = z.input<typeof caseTransitionBodySchema>;

export const caseCommentBodySchema = z.strictObject({
  body: z.string().trim().min(1, '请填写意见内容').max(2000, '意见不能超过 2000 字'),
});

export const caseTypeSchema = z.object({
  code: z.string(),
  name: z.string(),
  states: z.array(z.object({ code: z.string(), name: z.string(), initial: z.boolean(), final: z.boolean() })),
  clocks: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      unit: z.enum(['working', 'calendar']),
      budget: z.number().int(),
      maxExtension: z.number().int(),
    }),
  ),
  transitions: z.array(z.object({ event: z.string(), name: z.string(), from: z.array(z.string()), to: z.string() })),
  flags: z.array(z.object({ code: z.string(), label: z.string(), priority: z.boolean() })),
});
export const caseTypeListSchema = z.array(caseTypeSchema);

export const caseCalendarGapsSchema = z.object({
  years: z.array(z.number().int()).describe('未录入工作日历的年份'),
  clocks: z.number().int().describe('在办的法定时限数'),
});

/** The background re-projection of the running statutory clocks after a calendar edit (法定时限重新推算). */
export const caseReprojectionSchema = z.object({
  job: z
    .object({
      id: z.number().int(),
      status: z
        .enum(['pending', 'running', 'done', 'superseded'])
        .describe('排队中 / 推算中 / 已完成 / 已被新修改取代'),
      reason: z.string(),
      requestedAt: timestamp,
      startedAt: timestamp.nullable(),
      finishedAt: timestamp.nullable(),
      total: z.number().int().describe('在办的法定时限数'),
      done: z.number().int().describe('已推算'),
      changed: z.number().int().describe('到期日有变化的'),
      missingYears: z.array(z.number().int()).describe('未录入工作日历的年份'),
    })
    .nullable(),
});
export type CaseReprojection = z.infer<typeof caseReprojectionSchema>;
