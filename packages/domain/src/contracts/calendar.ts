// Request and response contracts of the calendar routes (see common.ts).
import { z } from 'zod';
import { isoDateSchema } from '../input.js';

/** Kinds of calendar day and their Chinese names. */
export const CALENDAR_DAY_KIND_LABELS = { holiday: '放假', workday: '调休上班' } as const satisfies Record<
  string,
  string
>;
export type CalendarDayKind = keyof typeof CALENDAR_DAY_KIND_LABELS;
export const CALENDAR_DAY_KINDS = Object.keys(CALENDAR_DAY_KIND_LABELS) as [CalendarDayKind, ...CalendarDayKind[]];

/** Units of a deadline: working days (holidays and 调休 respected) or calendar days. */
export const DEADLINE_UNIT_LABELS = { working: '工作日', calendar: '自然日' } as const satisfies Record<string, string>;
export type DeadlineUnit = keyof typeof DEADLINE_UNIT_LABELS;
const DEADLINE_UNITS = Object.keys(DEADLINE_UNIT_LABELS) as [DeadlineUnit, ...DeadlineUnit[]];

export const calendarYearParamSchema = z.strictObject({
  year: z.coerce.number().int().min(2000, '年份应在 2000–2100 之间').max(2100, '年份应在 2000–2100 之间'),
});

export const deadlineQuerySchema = z.strictObject({
  start: isoDateSchema,
  amount: z.coerce.number().int().min(0).max(3650),
  unit: z.enum(DEADLINE_UNITS).default('working').describe('working 工作日（遇节假日顺延），calendar 自然日'),
});
export type DeadlineQuery = z.infer<typeof deadlineQuerySchema>;

export const calendarDaySchema = z.strictObject({
  date: isoDateSchema,
  kind: z
    .enum(CALENDAR_DAY_KINDS, { error: '类型只能是 holiday（放假）或 workday（调休上班）' })
    .describe('holiday 放假，workday 调休上班'),
  name: z.string().trim().min(1, '请填写名称').max(30),
});

export const replaceCalendarYearBodySchema = z.strictObject({
  provisional: z.boolean(),
  source: z.string().trim().max(200).default('系统管理员维护'),
  days: z.array(calendarDaySchema).max(120),
});
export type ReplaceCalendarYearBody = z.infer<typeof replaceCalendarYearBodySchema>;

// ---- answers

export const deadlineSchema = z.object({ due: z.string().describe('到期日（YYYY-MM-DD）') });
export type Deadline = z.infer<typeof deadlineSchema>;

export const calendarYearSchema = z.object({
  year: z.number().int(),
  provisional: z.boolean().describe('true：该年放假安排尚未公布，按推算或仅按周末计算'),
  source: z.string().describe('安排的来源（通知文号或维护人）'),
  days: z.array(
    z.object({
      date: z.string().describe('日期（YYYY-MM-DD）'),
      kind: z.enum(CALENDAR_DAY_KINDS).describe('holiday 放假，workday 调休上班'),
      name: z.string(),
    }),
  ),
});
export type CalendarYear = z.infer<typeof calendarYearSchema>;
