import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isoDateSchema, regionCodeSchema, versionSchema, workerListQueryFilters } from '@mwsp/domain';
import type { Principal } from '../../platform/access/principal.js';
import { pageQuery, uuidParam } from '../../platform/http/schemas.js';
import type { RegistryService } from './registry.service.js';

const workerTags = ['实名登记'];
const text = (max: number) => z.string().trim().max(max);
const birthYear = z.number().int().min(1900, '出生年份不合理').max(2100, '出生年份不合理');

const workerBody = {
  name: z.string().max(100),
  idNumber: z.string().max(30),
  ethnicity: z.string().max(4),
  education: z.string().max(4),
  phone: z.string().max(30).nullish(),
  hukouRegionCode: regionCodeSchema,
  residenceRegionCode: regionCodeSchema,
  skills: z
    .array(
      z.strictObject({
        occupationCode: z.string().max(20),
        certificate: text(50).nullish(),
        level: text(20).nullish(),
      }),
    )
    .max(10)
    .optional(),
  bankCard: z.string().max(40).nullish(),
  bankName: text(50).nullish(),
  emergencyContact: z
    .strictObject({ name: z.string().max(100), relation: z.string().max(20), phone: z.string().max(30) })
    .nullish(),
  accompanyingChildren: z
    .array(z.strictObject({ name: z.string().max(100), birthYear, schoolStage: z.string().max(20) }))
    .max(10)
    .optional(),
  leftBehind: z
    .array(
      z.strictObject({
        relation: z.enum(['child', 'spouse', 'parent'], { error: '留守成员关系只能是子女、配偶或父母' }),
        name: z.string().max(100),
        birthYear,
      }),
    )
    .max(10)
    .optional(),
};

const employerBody = {
  creditCode: z.string().max(30),
  name: z.string().max(100),
  legalRep: text(50).nullish(),
  industry: z.string().max(2),
  size: z.enum(['micro', 'small', 'medium', 'large'], { error: '请选择企业规模' }),
  regionCode: regionCodeSchema,
  address: text(200).nullish(),
  contactName: text(50).nullish(),
  contactPhone: z.string().max(30).nullish(),
};

const isoDate = isoDateSchema;
const employmentBody = {
  workerId: z.uuid({ error: '请选择务工人员' }),
  employerId: z.uuid({ error: '请选择用工单位' }),
  startDate: isoDate,
  endDate: isoDate.nullish(),
  position: text(50).nullish(),
  occupationCode: z.string().max(20).nullish(),
  wageFen: z.number().int('工资以分为单位，应为整数').nullish(),
  wageType: z.enum(['monthly', 'daily', 'piece']).optional(),
  contractType: z.enum(['fixed', 'open', 'task', 'none']).optional(),
  contractSigned: z.boolean().optional(),
  contractTermMonths: z.number().int().min(1).max(600).nullish(),
  filingStatus: z.enum(['filed', 'pending', 'none']).optional(),
  dispatch: z.boolean().optional(),
};

const insuranceType = z.enum(['pension', 'medical', 'injury', 'unemployment', 'maternity'], { error: '险种不正确' });

export function registryRoutes(app: FastifyInstance, svc: RegistryService, codeTables: () => unknown) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const me = (req: { principal: Principal | null }) => req.principal!;

  r.get(
    '/api/code-tables',
    {
      config: { permission: 'authenticated' },
      schema: { tags: workerTags, summary: '代码表：民族、文化程度、行业、职业等' },
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
        querystring: z.strictObject({
          ...workerListQueryFilters,
          sort: workerListQueryFilters.sort.unwrap().default('-createdAt'),
          ...pageQuery,
        }),
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
      schema: { tags: workerTags, summary: '登记务工人员', body: z.strictObject(workerBody) },
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
      schema: { tags: workerTags, summary: '一人一档：务工人员详情（脱敏）', params: uuidParam },
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
        body: z.strictObject({
          ...Object.fromEntries(Object.entries(workerBody).map(([k, v]) => [k, v.optional()])),
          version: versionSchema,
        }),
      },
    },
    async (req) => {
      const { worker, warnings } = await svc.updateWorker(me(req), req.params.id, req.body as never);
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
        body: z.strictObject({
          fields: z
            .array(z.enum(['idNumber', 'phone', 'bankCard', 'emergencyContact', 'birthDate']))
            .min(1, '请选择要查看的信息')
            .max(5),
          purpose: z.string().trim().min(4, '请说明用途（至少 4 个字）').max(200),
        }),
      },
    },
    async (req) => svc.unmask(me(req), req.params.id, req.body.fields, req.body.purpose),
  );

  r.get(
    '/api/workers/:id/timeline',
    {
      config: { permission: 'registry:read' },
      schema: { tags: workerTags, summary: '一人一档时间线', params: uuidParam },
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
        body: z.strictObject({ duplicateId: z.uuid({ error: '请选择要合并的重复档案' }) }),
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
        body: z.strictObject({
          items: z
            .array(
              z.strictObject({
                type: insuranceType,
                enrolled: z.boolean(),
                since: isoDate.nullable(),
                placeRegionCode: regionCodeSchema.nullable(),
              }),
            )
            .max(5),
        }),
      },
    },
    async (req) => svc.replaceInsurance(me(req), req.params.id, req.body.items),
  );

  r.get(
    '/api/workers/:id/insurance/transfers',
    {
      config: { permission: 'registry:read' },
      schema: { tags: workerTags, summary: '社保关系转移接续记录', params: uuidParam },
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
        body: z.strictObject({
          type: insuranceType,
          fromRegionCode: regionCodeSchema,
          toRegionCode: regionCodeSchema,
          date: isoDate,
        }),
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
        querystring: z.strictObject({
          q: z.string().trim().min(1).max(50).optional(),
          creditCode: z.string().max(30).optional(),
          regionCode: regionCodeSchema.optional(),
          industry: z.string().max(2).optional(),
          ...pageQuery,
        }),
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
      schema: { tags: ['用工单位'], summary: '登记用工单位', body: z.strictObject(employerBody) },
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
      schema: { tags: ['用工单位'], summary: '用工单位详情', params: uuidParam },
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
        body: z.strictObject(Object.fromEntries(Object.entries(employerBody).map(([k, v]) => [k, v.optional()]))),
      },
    },
    async (req) => {
      const { employer, warnings } = await svc.updateEmployer(me(req), req.params.id, req.body as never);
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
        querystring: z.strictObject({
          workerId: z.uuid().optional(),
          employerId: z.uuid().optional(),
          status: z.enum(['active', 'ended']).optional(),
          ...pageQuery,
        }),
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
        querystring: z.strictObject({ parent: regionCodeSchema }),
      },
    },
    async (req) => svc.contractRates(me(req), req.query.parent),
  );
  r.post(
    '/api/employments',
    {
      config: { permission: 'registry:write' },
      schema: { tags: ['用工关系'], summary: '登记用工关系', body: z.strictObject(employmentBody) },
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
        body: z.strictObject(
          Object.fromEntries(
            Object.entries(employmentBody)
              .filter(([k]) => !['workerId', 'employerId', 'startDate'].includes(k))
              .map(([k, v]) => [k, v.optional()]),
          ),
        ),
      },
    },
    async (req) => svc.updateEmployment(me(req), req.params.id, req.body as never),
  );
}
