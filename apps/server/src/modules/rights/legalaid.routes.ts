import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  caseDetailSchema,
  fileDownload,
  legalAidCreateSchema,
  legalAidProviderInputSchema,
  legalAidProviderPageSchema,
  legalAidProviderQuerySchema,
  legalAidProviderSchema,
  uuidParam,
} from '@mwsp/domain';
import { DOCUMENT_CSP } from '../wages/index.js';
import type { LegalAidService } from './legalaid.service.js';
import type { PoliceTransferService } from './police.service.js';

const aid = ['法律援助'];
const police = ['行刑衔接'];

/** Legal aid (法律援助: providers, applications) and the transfer to the police's printable package (行刑衔接). */
export function legalAidRoutes(app: FastifyInstance, legalAid: LegalAidService, transfers: PoliceTransferService) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/rights/legal-aid-providers',
    {
      config: { permission: 'rights:read' },
      schema: {
        tags: aid,
        summary: '法律援助机构和律师（按名称、执业机构或执业证号查询）',
        querystring: legalAidProviderQuerySchema,
        response: { 200: legalAidProviderPageSchema },
      },
    },
    async (req) => legalAid.listProviders(req.principal!, req.query),
  );

  r.get(
    '/api/rights/legal-aid-providers/:id',
    {
      config: { permission: 'rights:read' },
      schema: {
        tags: aid,
        summary: '法律援助机构或律师',
        params: uuidParam,
        response: { 200: legalAidProviderSchema },
      },
    },
    async (req) => legalAid.getProvider(req.principal!, req.params.id),
  );

  r.post(
    '/api/rights/legal-aid-providers',
    {
      config: { permission: 'rights:handle' },
      schema: {
        tags: aid,
        summary: '登记法律援助机构或律师',
        body: legalAidProviderInputSchema,
        response: { 201: legalAidProviderSchema },
      },
    },
    async (req, reply) => {
      reply.code(201);
      return legalAid.createProvider(req.principal!, req.body);
    },
  );

  r.put(
    '/api/rights/legal-aid-providers/:id',
    {
      config: { permission: 'rights:handle' },
      schema: {
        tags: aid,
        summary: '修改法律援助机构或律师（含停用）',
        params: uuidParam,
        body: legalAidProviderInputSchema,
        response: { 200: legalAidProviderSchema },
      },
    },
    async (req) => legalAid.updateProvider(req.principal!, req.params.id, req.body),
  );

  r.post(
    '/api/rights/legal-aid',
    {
      config: { permission: 'rights:handle' },
      schema: {
        tags: aid,
        summary: '登记法律援助申请（12348、窗口、转交、异地协作）',
        body: legalAidCreateSchema,
        response: { 201: caseDetailSchema },
      },
    },
    async (req, reply) => {
      reply.code(201);
      return legalAid.apply(req.principal!, req.body);
    },
  );

  r.get(
    '/api/rights/police-transfers/:id/evidence',
    {
      config: { permission: 'rights:read' },
      schema: {
        tags: police,
        summary: '涉嫌拒不支付劳动报酬案件移送材料（可打印 HTML，当事人信息脱敏）',
        params: uuidParam,
        produces: ['text/html'],
        response: { 200: fileDownload('移送材料（可打印 HTML）') },
      },
    },
    async (req, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .header('content-security-policy', DOCUMENT_CSP)
        .send(await transfers.evidence(req.principal!, req.params.id)),
  );
}
