import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  complaintCreatedSchema,
  complaintCreateSchema,
  complaintReceiptSchema,
  fileDownload,
  publicComplaintLookupParams,
  publicComplaintLookupQuery,
  publicComplaintSchema,
  publicComplaintStatusSchema,
  publicCountyListSchema,
  rightsStatsQuerySchema,
  rightsStatsSchema,
  XLSX_MEDIA_TYPE,
} from '@mwsp/domain';
import type { ComplaintsService } from './complaints.service.js';
import type { RightsStatsService } from './rightsStats.service.js';

const tags = ['投诉举报'];

export function rightsRoutes(app: FastifyInstance, complaints: ComplaintsService, stats: RightsStatsService) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/rights/stats',
    {
      config: { permission: 'rights:read' },
      schema: {
        tags: ['维权统计'],
        summary: '维权统计：按类型、渠道、区划、诉求、结果；追回金额；按期办结率；超期清单；年度劳动保障监察情况',
        querystring: rightsStatsQuerySchema,
        response: { 200: rightsStatsSchema },
      },
    },
    async (req) => stats.stats(req.principal!, req.query),
  );

  r.get(
    '/api/rights/stats.xlsx',
    {
      config: { permission: 'rights:read' },
      schema: {
        tags: ['维权统计'],
        summary: '导出维权统计（Excel）',
        querystring: rightsStatsQuerySchema,
        response: { 200: fileDownload('维权统计（xlsx）', XLSX_MEDIA_TYPE) },
      },
    },
    async (req, reply) => {
      const { buffer, filename } = await stats.workbook(req.principal!, req.query);
      return (
        reply
          .header('content-type', XLSX_MEDIA_TYPE)
          .header(
            'content-disposition',
            `attachment; filename="rights-stats.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`,
          )
          // The contract documents the bytes as a binary string; the Buffer itself bypasses serialisation.
          .send(buffer as unknown as string)
      );
    },
  );

  r.post(
    '/api/complaints',
    {
      config: { permission: 'rights:handle' },
      schema: {
        tags,
        summary: '登记投诉举报（12333、窗口、来信、网格、转办……）',
        body: complaintCreateSchema,
        response: { 201: complaintCreatedSchema },
      },
    },
    async (req, reply) => {
      reply.code(201);
      return complaints.create(req.principal!, req.body);
    },
  );

  // ---------------------------------------------------------------- public (no sign-in)
  r.post(
    '/api/public/complaints',
    {
      config: { permission: 'public', rateLimit: { max: 5, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: '公开：劳动者网上投诉（无需账号；返回回执号）',
        body: publicComplaintSchema,
        response: { 201: complaintReceiptSchema },
      },
    },
    async (req, reply) => {
      reply.code(201);
      return complaints.filePublic(req.body, req.ip);
    },
  );

  r.get(
    '/api/public/complaint-regions',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '公开：投诉表单可选的区（县）',
        response: { 200: publicCountyListSchema },
      },
    },
    async () => complaints.publicCounties(),
  );

  r.get(
    '/api/public/complaints/:receipt',
    {
      config: { permission: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: '公开：凭回执号和投诉时留的手机号查询办理进度',
        params: publicComplaintLookupParams,
        querystring: publicComplaintLookupQuery,
        response: { 200: publicComplaintStatusSchema },
      },
    },
    async (req) => complaints.lookup(req.params.receipt, req.query.phone as string),
  );
}
