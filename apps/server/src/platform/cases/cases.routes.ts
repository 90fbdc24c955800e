import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  caseCalendarGapsSchema,
  caseCommentBodySchema,
  caseDetailSchema,
  caseListQuerySchema,
  casePageSchema,
  caseReprojectionSchema,
  caseTransitionBodySchema,
  caseTypeListSchema,
  uuidParam,
} from '@mwsp/domain';
import { attachmentRoutes } from './attachments.routes.js';
import { CASES_READ, type CaseService } from './cases.service.js';

const tags = ['案件办理'];

export function casesRoutes(app: FastifyInstance, svc: CaseService) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // Attachments: multipart is registered in their own scope only.
  void app.register(attachmentRoutes(svc.attachments));

  r.get(
    '/api/case-types',
    {
      config: { permission: CASES_READ },
      schema: { tags, summary: '案件类型（状态、时限、操作）', response: { 200: caseTypeListSchema } },
    },
    async (req) => svc.typeList(req.principal!),
  );

  r.get(
    '/api/cases/calendar-gaps',
    {
      config: { permission: 'calendar:write' },
      schema: {
        tags,
        summary: '在办案件法定时限跨越的、尚未录入工作日历的年份（提醒系统管理员录入）',
        response: { 200: caseCalendarGapsSchema },
      },
    },
    async (req) => svc.calendarGaps(req.principal!),
  );

  r.get(
    '/api/cases/reprojection',
    {
      config: { permission: 'calendar:write' },
      schema: {
        tags,
        summary: '工作日历修改后在办案件法定时限的重新推算进度（后台任务）',
        response: { 200: caseReprojectionSchema },
      },
    },
    async (req) => svc.reprojectionStatus(req.principal!),
  );

  r.get(
    '/api/cases',
    {
      config: { permission: CASES_READ },
      schema: {
        tags,
        summary: '案件列表与待办队列（我的待办、待受理、即将到期、已超期）',
        querystring: caseListQuerySchema,
        response: { 200: casePageSchema },
      },
    },
    async (req) => svc.list(req.principal!, req.query),
  );

  r.get(
    '/api/cases/:id',
    {
      config: { permission: CASES_READ },
      schema: {
        tags,
        summary: '案件详情：法定时限、办理记录、可执行的操作',
        params: uuidParam,
        response: { 200: caseDetailSchema },
      },
    },
    async (req) => svc.get(req.principal!, req.params.id),
  );

  r.post(
    '/api/cases/:id/transitions',
    {
      config: { permission: CASES_READ },
      schema: {
        tags,
        summary: '执行案件操作（受理、延长、结案……；权限与必填项见案件类型）',
        params: uuidParam,
        body: caseTransitionBodySchema,
        response: { 200: caseDetailSchema },
      },
    },
    async (req) => svc.transition(req.principal!, req.params.id, req.body),
  );

  r.post(
    '/api/cases/:id/comments',
    {
      config: { permission: CASES_READ },
      schema: {
        tags,
        summary: '填写办理意见',
        params: uuidParam,
        body: caseCommentBodySchema,
        response: { 200: caseDetailSchema },
      },
    },
    async (req) => svc.comment(req.principal!, req.params.id, req.body.body),
  );
}
