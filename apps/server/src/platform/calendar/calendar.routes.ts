import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  calendarYearParamSchema,
  calendarYearSchema,
  deadlineQuerySchema,
  deadlineSchema,
  replaceCalendarYearBodySchema,
} from '@mwsp/domain';
import type { CalendarService } from './calendar.service.js';

const tags = ['工作日历'];

export function calendarRoutes(app: FastifyInstance, svc: CalendarService) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/calendar/deadline',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: '期限计算：起算日后第 N 个工作日 / 自然日（遇节假日顺延）',
        querystring: deadlineQuerySchema,
        response: { 200: deadlineSchema },
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
      schema: {
        tags,
        summary: '某年的法定节假日与调休上班日',
        params: calendarYearParamSchema,
        response: { 200: calendarYearSchema },
      },
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
        params: calendarYearParamSchema,
        body: replaceCalendarYearBodySchema,
        response: { 200: calendarYearSchema },
      },
    },
    async (req) => svc.replaceYear(req.principal!, { year: req.params.year, ...req.body }),
  );
}
