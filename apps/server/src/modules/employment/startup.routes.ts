import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  incubatorCreateSchema,
  incubatorPageSchema,
  incubatorSchema,
  loanCapSchema,
  loanCreateSchema,
  loanDecisionSchema,
  loanListQuery,
  loanPageSchema,
  loanSchema,
  programListQuery,
  uuidParam,
} from '@mwsp/domain';
import { listAndCreate } from './programs.routes.js';
import type { StartupService } from './startup.service.js';

const tags = ['创业扶持'];

export function startupRoutes(app: FastifyInstance, startup: StartupService) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  listAndCreate(app, '/api/startup/loans', {
    tags,
    list: {
      summary: '创业担保贷款申请列表',
      query: loanListQuery,
      response: loanPageSchema,
      run: (p, q) => startup.loans(p, q),
    },
    create: {
      summary: '登记创业担保贷款申请（金额不超过个人最高额度）',
      body: loanCreateSchema,
      response: loanSchema,
      run: (p, b) => startup.apply(p, b),
    },
  });

  r.get(
    '/api/startup/loan-cap',
    {
      config: { permission: 'employment:read' },
      schema: { tags, summary: '个人创业担保贷款最高额度（本市参数）', response: { 200: loanCapSchema } },
    },
    async (req) => startup.capOf(req.principal!),
  );

  r.post(
    '/api/startup/loans/:id/decision',
    {
      config: { permission: 'employment:handle' },
      schema: {
        tags,
        summary: '登记银行审批结果（批准、不批准、放款）',
        params: uuidParam,
        body: loanDecisionSchema,
        response: { 200: loanSchema },
      },
    },
    async (req) => startup.decide(req.principal!, req.params.id, req.body),
  );

  listAndCreate(app, '/api/startup/incubators', {
    tags,
    list: {
      summary: '创业孵化基地、创业园区列表',
      query: programListQuery,
      response: incubatorPageSchema,
      run: (p, q) => startup.incubators(p, q),
    },
    create: {
      summary: '登记创业孵化基地（园区）及入驻企业、带动就业',
      body: incubatorCreateSchema,
      response: incubatorSchema,
      run: (p, b) => startup.createIncubator(p, b),
    },
  });
}
