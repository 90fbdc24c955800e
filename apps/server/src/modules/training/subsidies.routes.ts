import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  trainingBatchCreateSchema,
  trainingBatchFile,
  trainingBatchListSchema,
  trainingBatchSchema,
  trainingClaimCreateSchema,
  trainingClaimDecisionSchema,
  trainingClaimExportQuery,
  trainingClaimListQuery,
  trainingClaimPageSchema,
  trainingClaimRejectSchema,
  trainingClaimSchema,
  trainingClaimsFile,
  trainingSubsidyRuleCreateSchema,
  trainingSubsidyRuleListSchema,
  trainingSubsidyRuleSchema,
  trainingSubsidyRuleUpdateSchema,
  uuidParam,
  XLSX_MEDIA_TYPE,
} from '@mwsp/domain';
import type { SubsidiesService } from './subsidies.service.js';

const tags = ['培训补贴'];

/** Subsidy rules, claims with their approval by level, payment batches and the bank's workbook. */
export function subsidiesRoutes(app: FastifyInstance, subsidies: SubsidiesService) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/training/subsidies/rules',
    {
      config: { permission: 'training:read' },
      schema: { tags, summary: '培训补贴标准', response: { 200: trainingSubsidyRuleListSchema } },
    },
    async (req) => subsidies.rules(req.principal!),
  );
  r.post(
    '/api/training/subsidies/rules',
    {
      config: { permission: 'training:rules' },
      schema: {
        tags,
        summary: '新增补贴标准（市级）',
        body: trainingSubsidyRuleCreateSchema,
        response: { 201: trainingSubsidyRuleSchema },
      },
    },
    async (req, reply) => {
      reply.code(201);
      return subsidies.createRule(req.principal!, req.body);
    },
  );
  r.put(
    '/api/training/subsidies/rules/:id',
    {
      config: { permission: 'training:rules' },
      schema: {
        tags,
        summary: '修改补贴标准（市级；已计算的补贴不变）',
        params: uuidParam,
        body: trainingSubsidyRuleCreateSchema,
        response: { 200: trainingSubsidyRuleSchema },
      },
    },
    async (req) => subsidies.updateRule(req.principal!, req.params.id, req.body),
  );
  r.patch(
    '/api/training/subsidies/rules/:id',
    {
      config: { permission: 'training:rules' },
      schema: {
        tags,
        summary: '启用或停用补贴标准（市级）',
        params: uuidParam,
        body: trainingSubsidyRuleUpdateSchema,
        response: { 200: trainingSubsidyRuleSchema },
      },
    },
    async (req) => subsidies.setRuleActive(req.principal!, req.params.id, req.body.active),
  );

  r.get(
    '/api/training/subsidies',
    {
      config: { permission: 'training:read' },
      schema: {
        tags,
        summary: '补贴申请列表（queue=mine：待本层级审核）',
        querystring: trainingClaimListQuery,
        response: { 200: trainingClaimPageSchema },
      },
    },
    async (req) => subsidies.listClaims(req.principal!, req.query),
  );
  r.get(
    '/api/training/subsidies/export',
    {
      config: { permission: 'training:read' },
      schema: {
        tags,
        summary: '导出补贴申请名单（xlsx，账号脱敏，导出留痕）',
        querystring: trainingClaimExportQuery,
        response: { 200: trainingClaimsFile },
      },
    },
    async (req, reply) => {
      const { buffer, filename } = await subsidies.exportClaims(req.principal!, req.query);
      return (
        reply
          .header('content-type', XLSX_MEDIA_TYPE)
          .header(
            'content-disposition',
            `attachment; filename="subsidies.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`,
          )
          // The contract documents the bytes as a binary string; the Buffer itself bypasses serialisation.
          .send(buffer as unknown as string)
      );
    },
  );
  r.post(
    '/api/training/subsidies',
    {
      config: { permission: 'training:handle' },
      schema: {
        tags,
        summary: '申报培训补贴（按标准计算；同一人同一职业同一年度只能申领一次）',
        body: trainingClaimCreateSchema,
        response: { 201: trainingClaimSchema },
      },
    },
    async (req, reply) => {
      reply.code(201);
      return subsidies.createClaim(req.principal!, req.body);
    },
  );
  r.post(
    '/api/training/subsidies/:id/approve',
    {
      config: { permission: 'training:approve' },
      schema: {
        tags,
        summary: '审核通过（按本人层级：乡镇、区县、市）',
        params: uuidParam,
        body: trainingClaimDecisionSchema,
        response: { 200: trainingClaimSchema },
      },
    },
    async (req) => subsidies.decide(req.principal!, req.params.id, 'approve', req.body.note ?? null),
  );
  r.post(
    '/api/training/subsidies/:id/reject',
    {
      config: { permission: 'training:approve' },
      schema: {
        tags,
        summary: '退回补贴申请（须说明理由）',
        params: uuidParam,
        body: trainingClaimRejectSchema,
        response: { 200: trainingClaimSchema },
      },
    },
    async (req) => subsidies.decide(req.principal!, req.params.id, 'reject', req.body.note),
  );

  r.get(
    '/api/training/subsidies/batches',
    {
      config: { permission: 'training:read' },
      schema: { tags, summary: '补贴拨付批次', response: { 200: trainingBatchListSchema } },
    },
    async (req) => subsidies.batches(req.principal!),
  );
  r.post(
    '/api/training/subsidies/batches',
    {
      config: { permission: 'training:approve' },
      schema: {
        tags,
        summary: '生成拨付批次（一个区县已审批的申请）',
        body: trainingBatchCreateSchema,
        response: { 201: trainingBatchSchema },
      },
    },
    async (req, reply) => {
      reply.code(201);
      return subsidies.createBatch(req.principal!, req.body.countyCode);
    },
  );
  r.get(
    '/api/training/subsidies/batches/:id/export',
    {
      config: { permission: 'training:approve' },
      schema: {
        tags,
        summary: '导出银行代发文件（xlsx，含完整账号，导出留痕）',
        params: uuidParam,
        response: { 200: trainingBatchFile },
      },
    },
    async (req, reply) => {
      const { buffer, filename } = await subsidies.exportBatch(req.principal!, req.params.id);
      return (
        reply
          .header('content-type', XLSX_MEDIA_TYPE)
          .header(
            'content-disposition',
            `attachment; filename="batch.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`,
          )
          // The contract documents the bytes as a binary string; the Buffer itself bypasses serialisation.
          .send(buffer as unknown as string)
      );
    },
  );
}
