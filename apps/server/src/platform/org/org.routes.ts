import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  businessModuleListSchema,
  createDepartmentBodySchema,
  departmentListQuerySchema,
  departmentListSchema,
  departmentSchema,
  regionCodeParamSchema,
  regionDetailSchema,
  regionListSchema,
  regionQuerySchema,
  updateDepartmentBodySchema,
  uuidParam,
} from '@mwsp/domain';
import type { Principal } from '../access/principal.js';
import type { OrgService } from './org.service.js';

export function orgRoutes(app: FastifyInstance, org: OrgService) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const me = (req: { principal: Principal | null }) => req.principal!;

  r.get(
    '/api/regions',
    {
      config: { permission: 'regions:read' },
      schema: {
        tags: ['行政区划'],
        summary: '下级区划（parent）或按名称搜索（q）；都不给时返回各省',
        querystring: regionQuerySchema,
        response: { 200: regionListSchema },
      },
    },
    async (req) => (req.query.q ? org.search(me(req), req.query.q) : org.children(me(req), req.query.parent ?? null)),
  );

  r.get(
    '/api/regions/:code',
    {
      config: { permission: 'regions:read' },
      schema: {
        tags: ['行政区划'],
        summary: '区划详情及其上级',
        params: regionCodeParamSchema,
        response: { 200: regionDetailSchema },
      },
    },
    async (req) => org.region(me(req), req.params.code),
  );

  r.get(
    '/api/modules',
    {
      config: { permission: 'departments:read' },
      schema: { tags: ['部门管理'], summary: '业务模块目录', response: { 200: businessModuleListSchema } },
    },
    async () => org.modules(),
  );

  r.get(
    '/api/departments',
    {
      config: { permission: 'departments:read' },
      schema: {
        tags: ['部门管理'],
        summary: '部门列表',
        querystring: departmentListQuerySchema,
        response: { 200: departmentListSchema },
      },
    },
    async (req) =>
      org.departments(me(req), {
        q: req.query.q,
        active: req.query.active === undefined ? undefined : req.query.active === 'true',
      }),
  );

  r.post(
    '/api/departments',
    {
      config: { permission: 'departments:write' },
      schema: {
        tags: ['部门管理'],
        summary: '新增部门',
        body: createDepartmentBodySchema,
        response: { 201: departmentSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await org.createDepartment(me(req), req.body)),
  );

  r.patch(
    '/api/departments/:id',
    {
      config: { permission: 'departments:write' },
      schema: {
        tags: ['部门管理'],
        summary: '修改部门',
        params: uuidParam,
        body: updateDepartmentBodySchema,
        response: { 200: departmentSchema },
      },
    },
    async (req) => org.updateDepartment(me(req), req.params.id, req.body),
  );
}
