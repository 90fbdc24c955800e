import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  arbitrationApplySchema,
  caseDetailSchema,
  mediationApplySchema,
  mediationOrgCreateSchema,
  mediationOrgIdParams,
  mediationOrgListQuerySchema,
  mediationOrgPageSchema,
  mediationOrgSchema,
  mediationOrgUpdateSchema,
} from '@mwsp/domain';
import type { ArbitrationService } from './arbitration.service.js';
import type { MediationService } from './mediation.service.js';

const tags = ['调解仲裁'];

/** Mediation organisations, mediation and arbitration applications (调解组织、调解申请、仲裁申请). */
export function disputeRoutes(app: FastifyInstance, mediation: MediationService, arbitration: ArbitrationService) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/rights/mediation-orgs',
    {
      config: { permission: 'rights:read' },
      schema: {
        tags,
        summary: '调解组织列表（名称搜索、类别、所在地、是否在用）',
        querystring: mediationOrgListQuerySchema,
        response: { 200: mediationOrgPageSchema },
      },
    },
    async (req) => mediation.list(req.principal!, req.query),
  );

  r.post(
    '/api/rights/mediation-orgs',
    {
      config: { permission: 'rights:handle' },
      schema: {
        tags,
        summary: '登记调解组织',
        body: mediationOrgCreateSchema,
        response: { 201: mediationOrgSchema },
      },
    },
    async (req, reply) => {
      reply.code(201);
      return mediation.create(req.principal!, req.body);
    },
  );

  r.put(
    '/api/rights/mediation-orgs/:id',
    {
      config: { permission: 'rights:handle' },
      schema: {
        tags,
        summary: '修改调解组织',
        params: mediationOrgIdParams,
        body: mediationOrgUpdateSchema,
        response: { 200: mediationOrgSchema },
      },
    },
    async (req) => mediation.update(req.principal!, req.params.id, req.body),
  );

  r.post(
    '/api/rights/mediation-orgs/:id/deactivate',
    {
      config: { permission: 'rights:handle' },
      schema: {
        tags,
        summary: '停用调解组织（不再接受新的调解申请）',
        params: mediationOrgIdParams,
        response: { 200: mediationOrgSchema },
      },
    },
    async (req) => mediation.update(req.principal!, req.params.id, { active: false }),
  );

  r.post(
    '/api/rights/mediation-orgs/:id/activate',
    {
      config: { permission: 'rights:handle' },
      schema: {
        tags,
        summary: '恢复启用调解组织',
        params: mediationOrgIdParams,
        response: { 200: mediationOrgSchema },
      },
    },
    async (req) => mediation.update(req.principal!, req.params.id, { active: true }),
  );

  r.post(
    '/api/rights/mediations',
    {
      config: { permission: 'rights:handle' },
      schema: {
        tags,
        summary: '登记调解申请（15 日调解期限）',
        body: mediationApplySchema,
        response: { 201: caseDetailSchema },
      },
    },
    async (req, reply) => {
      reply.code(201);
      return mediation.apply(req.principal!, req.body);
    },
  );

  r.post(
    '/api/rights/arbitrations',
    {
      config: { permission: 'rights:handle' },
      schema: {
        tags,
        summary: '登记劳动人事争议仲裁申请（农民工追索劳动报酬走绿色通道；小额案件终局裁决）',
        body: arbitrationApplySchema,
        response: { 201: caseDetailSchema },
      },
    },
    async (req, reply) => {
      reply.code(201);
      return arbitration.apply(req.principal!, req.body);
    },
  );
}
