import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  campaignCreateSchema,
  campaignDetailSchema,
  campaignPageSchema,
  campaignParams,
  fairCreateSchema,
  fairParams,
  fairResultsSchema,
  fairSchema,
  programListQuery,
  regionResultsSchema,
} from '@mwsp/domain';
import type { CampaignsService } from './campaigns.service.js';

const tags = ['招聘活动'];

export function campaignRoutes(app: FastifyInstance, campaigns: CampaignsService) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/campaigns',
    {
      config: { permission: 'employment:read' },
      schema: {
        tags,
        summary: '招聘活动列表（春风行动、民营企业招聘周、招聘会……）',
        querystring: programListQuery,
        response: { 200: campaignPageSchema },
      },
    },
    async (req) => campaigns.list(req.principal!, req.query),
  );

  r.post(
    '/api/campaigns',
    {
      config: { permission: 'employment:handle' },
      schema: {
        tags,
        summary: '登记招聘活动',
        body: campaignCreateSchema,
        response: { 201: campaignDetailSchema },
      },
    },
    async (req, reply) => {
      reply.code(201);
      return campaigns.create(req.principal!, req.body);
    },
  );

  r.get(
    '/api/campaigns/results',
    {
      config: { permission: 'employment:read' },
      schema: {
        tags,
        summary: '招聘会成效（按区县汇总）',
        querystring: z.strictObject({ campaignId: z.uuid({ error: '活动编号格式不正确' }).optional() }),
        response: { 200: regionResultsSchema },
      },
    },
    async (req) => campaigns.results(req.principal!, req.query.campaignId),
  );

  r.get(
    '/api/campaigns/:id',
    {
      config: { permission: 'employment:read' },
      schema: {
        tags,
        summary: '招聘活动详情（含招聘会）',
        params: campaignParams,
        response: { 200: campaignDetailSchema },
      },
    },
    async (req) => campaigns.detail(req.principal!, req.params.id),
  );

  r.post(
    '/api/campaigns/:id/fairs',
    {
      config: { permission: 'employment:handle' },
      schema: {
        tags,
        summary: '登记活动中的招聘会（日期、地点、参会单位与展位）',
        params: campaignParams,
        body: fairCreateSchema,
        response: { 201: fairSchema },
      },
    },
    async (req, reply) => {
      reply.code(201);
      return campaigns.addFair(req.principal!, req.params.id, req.body);
    },
  );

  r.put(
    '/api/campaigns/:id/fairs/:fairId/results',
    {
      config: { permission: 'employment:handle' },
      schema: {
        tags,
        summary: '登记招聘会成效（入场、推荐、达成意向人数）',
        params: fairParams,
        body: fairResultsSchema,
        response: { 200: fairSchema },
      },
    },
    async (req) => campaigns.recordResults(req.principal!, req.params.id, req.params.fairId, req.body),
  );
}
