import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { regionCodeSchema } from '@mwsp/domain';
import type { Principal } from '../access/principal.js';
import { uuidParam } from '../http/schemas.js';
import type { OrgService } from './org.service.js';

const kind = z.enum(['government', 'court', 'mass_org', 'other'], { error: '部门类型不正确' });

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
        querystring: z.strictObject({
          parent: regionCodeSchema.optional(),
          q: z.string().trim().min(1, '请输入要搜索的名称').max(30).optional(),
        }),
      },
    },
    async (req) => (req.query.q ? org.search(me(req), req.query.q) : org.children(me(req), req.query.parent ?? null)),
  );

  r.get(
    '/api/regions/:code',
    {
      config: { permission: 'regions:read' },
      schema: { tags: ['行政区划'], summary: '区划详情及其上级', params: z.strictObject({ code: regionCodeSchema }) },
    },
    async (req) => org.region(me(req), req.params.code),
  );

  r.get(
    '/api/modules',
    { config: { permission: 'departments:read' }, schema: { tags: ['部门管理'], summary: '业务模块目录' } },
    async () => org.modules(),
  );

  r.get(
    '/api/departments',
    {
      config: { permission: 'departments:read' },
      schema: {
        tags: ['部门管理'],
        summary: '部门列表',
        querystring: z.strictObject({
          q: z.string().trim().max(30).optional(),
          active: z.enum(['true', 'false']).optional(),
        }),
      },
    },
    async (req) =>
      org.departments(me(req), {
        q: req.query.q,
        active: req.query.active === undefined ? undefined : req.query.active === 'true',
      }),
  );

  const body = {
    name: z.string().trim().min(2, '部门名称至少 2 个字').max(60),
    shortName: z.string().trim().min(1, '请输入简称').max(20),
    kind,
    regionCode: regionCodeSchema,
    modules: z.array(z.string().max(32)).max(20),
    active: z.boolean(),
    sort: z.number().int().min(0).max(9999),
    note: z.string().trim().max(200).nullable(),
    formerNames: z.array(z.string().trim().min(2, '原名至少 2 个字').max(60)).max(10, '原名最多 10 个'),
  };
  r.post(
    '/api/departments',
    {
      config: { permission: 'departments:write' },
      schema: {
        tags: ['部门管理'],
        summary: '新增部门',
        body: z.strictObject({
          code: z
            .string()
            .trim()
            .regex(/^[a-z][a-z0-9_]{1,31}$/, '部门编码为 2–32 位小写字母、数字或下划线'),
          ...body,
          active: body.active.default(true),
          sort: body.sort.default(100),
          note: body.note.default(null),
          formerNames: body.formerNames.default([]),
        }),
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
        body: z.strictObject(
          Object.fromEntries(Object.entries(body).map(([k, v]) => [k, v.optional()])) as {
            [K in keyof typeof body]: z.ZodOptional<(typeof body)[K]>;
          },
        ),
      },
    },
    async (req) => org.updateDepartment(me(req), req.params.id, req.body),
  );
}
