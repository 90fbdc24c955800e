import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { campaignParams, matchWeightsAnswerSchema, matchWeightsBodySchema } from '@mwsp/domain';
import type { MatchWeightsService } from './match-weights.service.js';

const tags = ['就业服务'];

/** 人岗匹配权重: the default set and one per campaign (changing them: city level, audited). */
export function matchWeightRoutes(app: FastifyInstance, weights: MatchWeightsService) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/match-weights/default',
    {
      config: { permission: 'employment:read' },
      schema: { tags, summary: '人岗匹配的默认权重', response: { 200: matchWeightsAnswerSchema } },
    },
    async (req) => weights.getDefault(req.principal!),
  );
  r.put(
    '/api/match-weights/default',
    {
      config: { permission: 'employment:handle' },
      schema: {
        tags,
        summary: '调整人岗匹配的默认权重（市级；记审计）',
        body: matchWeightsBodySchema,
        response: { 200: matchWeightsAnswerSchema },
      },
    },
    async (req) => weights.putDefault(req.principal!, req.body.weights),
  );
  r.get(
    '/api/campaigns/:id/match-weights',
    {
      config: { permission: 'employment:read' },
      schema: {
        tags,
        summary: '招聘活动的人岗匹配权重（未单独设置时为默认权重）',
        params: campaignParams,
        response: { 200: matchWeightsAnswerSchema },
      },
    },
    async (req) => weights.getForCampaign(req.principal!, req.params.id),
  );
  r.put(
    '/api/campaigns/:id/match-weights',
    {
      config: { permission: 'employment:handle' },
      schema: {
        tags,
        summary: '设置招聘活动的人岗匹配权重（市级；记审计）',
        params: campaignParams,
        body: matchWeightsBodySchema,
        response: { 200: matchWeightsAnswerSchema },
      },
    },
    async (req) => weights.putForCampaign(req.principal!, req.params.id, req.body.weights),
  );
  r.delete(
    '/api/campaigns/:id/match-weights',
    {
      config: { permission: 'employment:handle' },
      schema: {
        tags,
        summary: '招聘活动恢复使用默认权重（市级；记审计）',
        params: campaignParams,
        response: { 200: matchWeightsAnswerSchema },
      },
    },
    async (req) => weights.putForCampaign(req.principal!, req.params.id, null),
  );
}
