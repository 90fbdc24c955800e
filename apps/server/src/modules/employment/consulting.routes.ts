import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  consultationCreateSchema,
  consultationListQuery,
  consultationPageSchema,
  consultationSchema,
  consultationStatsSchema,
} from '@mwsp/domain';
import type { ConsultingService } from './consulting.service.js';
import { listAndCreate } from './programs.routes.js';

const tags = ['政策咨询'];

export function consultingRoutes(app: FastifyInstance, consulting: ConsultingService) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  listAndCreate(app, '/api/consulting', {
    tags,
    list: {
      summary: '政策咨询记录（按主题、渠道、区划查询）',
      query: consultationListQuery,
      response: consultationPageSchema,
      run: (p, q) => consulting.list(p, q),
    },
    create: {
      summary: '登记政策咨询及答复',
      body: consultationCreateSchema,
      response: consultationSchema,
      run: (p, b) => consulting.log(p, b),
    },
  });
  r.get(
    '/api/consulting/stats',
    {
      config: { permission: 'employment:read' },
      schema: {
        tags,
        summary: '政策咨询统计（按主题、渠道、区县）',
        querystring: consultationListQuery.omit({ page: true, pageSize: true, q: true }),
        response: { 200: consultationStatsSchema },
      },
    },
    async (req) => consulting.stats(req.principal!, { ...req.query, page: 1, pageSize: 1 }),
  );
}
