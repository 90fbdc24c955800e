import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isoDateSchema } from '@mwsp/domain';
import type { CalendarService } from './calendar.service.js';

const tags = ['工作日历'];
const isoDate = isoDateSchema;
const yearParam = z.strictObject({
  year: z.coerce.number().int().min(2000, '年份应在 2000–2100 之间').max(2100, '年份应在 2000–2100 之间'),
});

export function calendarRoutes(app: FastifyInstance, svc: CalendarService) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/calendar/deadline',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: '期限计算：起算日后第 N 个工作日 / 自然日（遇节假日顺延）',
        querystring: z.strictObject({
          start: isoDate,
          amount: z.coerce.number().int().min(0).max(3650),
          unit: z.enum(['working', 'calendar']).default('working'),
        }),
      },
    },
    async (req) => {
      const cal = await svc.calendar();
      const { start, amount, unit } = req.query;
      return { due: unit === 'working' ? cal.addWorkingDays(start, amount) : cal.addCalendarDays(start, amount) };
    },
  );

  r.get(
    '/api/calendar/:year',
    {
      config: { permission: 'authenticated' },
      schema: { tags, summary: '某年的法定节假日与调休上班日', params: yearParam },
    },
    async (req) => svc.year(req.params.year),
  );

  r.put(
    '/api/calendar/:year',
    {
      config: { permission: 'calendar:write' },
      schema: {
        tags,
        summary: '维护某年的节假日安排',
        params: yearParam,
        body: z.strictObject({
          provisional: z.boolean(),
          source: z.string().trim().max(200).default('系统管理员维护'),
          days: z
            .array(
              z.strictObject({
                date: isoDate,
                kind: z.enum(['holiday', 'workday'], { error: '类型只能是 holiday（放假）或 workday（调休上班）' }),
                name: z.string().trim().min(1, '请填写名称').max(30),
              }),
            )
            .max(120),
        }),
      },
    },
    async (req) => svc.replaceYear(req.principal!, { year: req.params.year, ...req.body }),
  );
}
