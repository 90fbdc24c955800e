import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  codeTablesSchema,
  contractRateSchema,
  contractRatesQuerySchema,
  employerCreateSchema,
  employerListQuerySchema,
  employerPageSchema,
  employerPatchSchema,
  employerSavedSchema,
  employerSchema,
  employmentCreateSchema,
  employmentListQuerySchema,
  employmentPageSchema,
  employmentPatchSchema,
  employmentSchema,
  insuranceItemSchema,
  insuranceReplaceSchema,
  mergeRequestSchema,
  timelineEntrySchema,
  transferCreateSchema,
  transferSchema,
  unmaskRequestSchema,
  unmaskResultSchema,
  uuidParam,
  workerCreateSchema,
  workerListQuerySchema,
  workerPageSchema,
  workerPatchSchema,
  workerProfileSchema,
  workerSavedSchema,
  workerSchema,
  type CodeTables,
} from '@mwsp/domain';
import type { Principal } from '../../platform/access/principal.js';
import type { RegistryService } from './registry.service.js';

const workerTags = ['实名登记'];

export function registryRoutes(app: FastifyInstance, svc: RegistryService, codeTables: () => CodeTables) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const me = (req: { principal: Principal | null }) => req.principal!;

  r.get(
    '/api/code-tables',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: workerTags,
        summary: '代码表：民族、文化程度、行业、职业等',
        response: { 200: codeTablesSchema },
      },
    },
    async () => codeTables(),
  );

  r.get(
    '/api/workers',
    {
      config: { permission: 'registry:read' },
      schema: {
        tags: workerTags,
        summary: '务工人员查询（姓名模糊；身份证号、手机号精确）',
        querystring: workerListQuerySchema,
        response: { 200: workerPageSchema },
      },
    },
    async (req) => {
      const q = req.query;
      const res = await svc.listWorkers(me(req), {
        ...q,
        crossProvince: q.crossProvince === undefined ? undefined : q.crossProvince === 'true',
      });
      return { ...res, page: q.page, pageSize: q.pageSize };
    },
  );

  r.post(
    '/api/workers',
    {
      config: { permission: 'registry:write' },
      schema: {
        tags: workerTags,
        summary: '登记务工人员',
        body: workerCreateSchema,
        response: { 201: workerSavedSchema },
      },
    },
    async (req, reply) => {
      const { worker, warnings } = await svc.createWorker(me(req), req.body);
      return reply.status(201).send({ ...worker, warnings });
    },
  );

  r.get(
    '/api/workers/:id',
    {
      config: { permission: 'registry:read' },
      schema: {
        tags: workerTags,
        summary: '一人一档：务工人员详情（脱敏）',
        params: uuidParam,
        response: { 200: workerProfileSchema },
      },
    },
    async (req) => svc.getWorker(me(req), req.params.id),
  );

  r.patch(
    '/api/workers/:id',
    {
      config: { permission: 'registry:write' },
      schema: {
        tags: workerTags,
        summary: '修改务工人员信息（需带 version）',
        params: uuidParam,
        body: workerPatchSchema,
        response: { 200: workerSavedSchema },
      },
    },
    async (req) => {
      const { worker, warnings } = await svc.updateWorker(me(req), req.params.id, req.body);
      return { ...worker, warnings };
    },
  );

  r.post(
    '/api/workers/:id/unmask',
    {
      config: { permission: 'pii:unmask' },
      schema: {
        tags: workerTags,
        summary: '查看完整个人信息（须说明用途，先审计后返回，每小时限次）',
        params: uuidParam,
        body: unmaskRequestSchema,
        response: { 200: unmaskResultSchema },
      },
    },
    async (req) => svc.unmask(me(req), req.params.id, req.body.fields, req.body.purpose),
  );

  r.get(
    '/api/workers/:id/timeline',
    {
      config: { permission: 'registry:read' },
      schema: {
        tags: workerTags,
        summary: '一人一档时间线',
        params: uuidParam,
        response: { 200: z.array(timelineEntrySchema) },
      },
    },
    async (req) => svc.timeline(me(req), req.params.id),
  );

  r.post(
    '/api/workers/:id/merge',
    {
      config: { permission: 'registry:merge' },
      schema: {
        tags: workerTags,
        summary: '合并重复档案（保留本档案）',
        params: uuidParam,
        body: mergeRequestSchema,
        response: { 200: workerSchema },
      },
    },
    async (req) => svc.merge(me(req), req.params.id, req.body.duplicateId),
  );

  r.put(
    '/api/workers/:id/insurance',
    {
      config: { permission: 'registry:write' },
      schema: {
        tags: workerTags,
        summary: '社会保险参保状态',
        params: uuidParam,
        body: insuranceReplaceSchema,
        response: { 200: z.array(insuranceItemSchema) },
      },
    },
    async (req) => svc.replaceInsurance(me(req), req.params.id, req.body.items),
  );

  r.get(
    '/api/workers/:id/insurance/transfers',
    {
      config: { permission: 'registry:read' },
      schema: {
        tags: workerTags,
        summary: '社保关系转移接续记录',
        params: uuidParam,
        response: { 200: z.array(transferSchema) },
      },
    },
    async (req) => svc.transfers(me(req), req.params.id),
  );
  r.post(
    '/api/workers/:id/insurance/transfers',
    {
      config: { permission: 'registry:write' },
      schema: {
        tags: workerTags,
        summary: '登记社保关系转移接续',
        params: uuidParam,
        body: transferCreateSchema,
        response: { 201: z.array(transferSchema) },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.addTransfer(me(req), req.params.id, req.body)),
  );

  r.get(
    '/api/employers',
    {
      config: { permission: 'registry:read' },
      schema: {
        tags: ['用工单位'],
        summary: '用工单位查询',
        querystring: employerListQuerySchema,
        response: { 200: employerPageSchema },
      },
    },
    async (req) => ({
      ...(await svc.listEmployers(me(req), req.query)),
      page: req.query.page,
      pageSize: req.query.pageSize,
    }),
  );
  r.post(
    '/api/employers',
    {
      config: { permission: 'registry:write' },
      schema: {
        tags: ['用工单位'],
        summary: '登记用工单位',
        body: employerCreateSchema,
        response: { 201: employerSavedSchema },
      },
    },
    async (req, reply) => {
      const { employer, warnings } = await svc.createEmployer(me(req), req.body);
      return reply.status(201).send({ ...employer, warnings });
    },
  );
  r.get(
    '/api/employers/:id',
    {
      config: { permission: 'registry:read' },
      schema: {
        tags: ['用工单位'],
        summary: '用工单位详情',
        params: uuidParam,
        response: { 200: employerSchema },
      },
    },
    async (req) => svc.getEmployer(me(req), req.params.id),
  );
  r.patch(
    '/api/employers/:id',
    {
      config: { permission: 'registry:write' },
      schema: {
        tags: ['用工单位'],
        summary: '修改用工单位',
        params: uuidParam,
        body: employerPatchSchema,
        response: { 200: employerSavedSchema },
      },
    },
    async (req) => {
      const { employer, warnings } = await svc.updateEmployer(me(req), req.params.id, req.body);
      return { ...employer, warnings };
    },
  );

  r.get(
    '/api/employments',
    {
      config: { permission: 'registry:read' },
      schema: {
        tags: ['用工关系'],
        summary: '用工关系与劳动合同',
        querystring: employmentListQuerySchema,
        response: { 200: employmentPageSchema },
      },
    },
    async (req) => ({
      ...(await svc.listEmployments(me(req), req.query)),
      page: req.query.page,
      pageSize: req.query.pageSize,
    }),
  );
  r.get(
    '/api/employments/contract-rates',
    {
      config: { permission: 'registry:read' },
      schema: {
        tags: ['用工关系'],
        summary: '劳动合同签订率（按下级区划）',
        querystring: contractRatesQuerySchema,
        response: { 200: z.array(contractRateSchema) },
      },
    },
    async (req) => svc.contractRates(me(req), req.query.parent),
  );
  r.post(
    '/api/employments',
    {
      config: { permission: 'registry:write' },
      schema: {
        tags: ['用工关系'],
        summary: '登记用工关系',
        body: employmentCreateSchema,
        response: { 201: employmentSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createEmployment(me(req), req.body)),
  );
  r.patch(
    '/api/employments/:id',
    {
      config: { permission: 'registry:write' },
      schema: {
        tags: ['用工关系'],
        summary: '修改用工关系（离职、备案、合同）',
        params: uuidParam,
        body: employmentPatchSchema,
        response: { 200: employmentSchema },
      },
    },
    async (req) => svc.updateEmployment(me(req), req.params.id, req.body),
  );
}
