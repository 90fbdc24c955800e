import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { regionCodeSchema } from '@mwsp/domain';
import type { Principal } from '../access/principal.js';
import { pageQuery, uuidParam } from '../http/schemas.js';
import type { AccountsService } from './accounts.service.js';
import type { TokenRow } from './accounts.repo.js';

const userTags = ['用户管理'];
const roleTags = ['角色权限'];
const dataScope = z.enum(['self', 'department', 'region', 'all'], {
  error: '数据范围只能是 本人/本部门/本辖区及下级/全部',
});
const username = z
  .string()
  .trim()
  .min(3, '用户名至少 3 个字符')
  .max(32, '用户名最多 32 个字符')
  .regex(/^[a-zA-Z][a-zA-Z0-9_.-]*$/, '用户名以字母开头，只能包含字母、数字、点、下划线和短横线');
const displayName = z.string().trim().min(1, '请输入姓名').max(50);

function tokenDto(t: TokenRow) {
  return {
    id: t.id,
    name: t.name,
    createdAt: t.createdAt,
    expiresAt: t.expiresAt,
    revokedAt: t.revokedAt,
    lastUsedAt: t.lastUsedAt,
  };
}

export function accountsRoutes(app: FastifyInstance, svc: AccountsService, hashToken: (t: string) => string) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const me = (req: { principal: Principal | null }) => req.principal!;

  r.get(
    '/api/users',
    {
      config: { permission: 'users:read' },
      schema: {
        tags: userTags,
        summary: '用户列表（本辖区）',
        querystring: z.strictObject({
          q: z.string().trim().max(50).optional(),
          departmentId: z.uuid().optional(),
          regionCode: regionCodeSchema.optional(),
          status: z.enum(['active', 'disabled']).optional(),
          ...pageQuery,
        }),
      },
    },
    async (req) => {
      const { items, total } = await svc.listUsers(me(req), req.query);
      return { items, total, page: req.query.page, pageSize: req.query.pageSize };
    },
  );

  r.post(
    '/api/users',
    {
      config: { permission: 'users:write' },
      schema: {
        tags: userTags,
        summary: '创建用户（返回一次性初始密码）',
        body: z.strictObject({
          username,
          displayName,
          departmentId: z.uuid({ error: '请选择部门' }).nullable(),
          regionCode: regionCodeSchema,
          phone: z.string().max(20).nullish(),
        }),
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createUser(me(req), req.body)),
  );

  r.get(
    '/api/users/:id',
    { config: { permission: 'users:read' }, schema: { tags: userTags, summary: '用户详情', params: uuidParam } },
    async (req) => svc.getUser(me(req), req.params.id),
  );

  r.patch(
    '/api/users/:id',
    {
      config: { permission: 'users:write' },
      schema: {
        tags: userTags,
        summary: '修改用户资料或停用/启用',
        params: uuidParam,
        body: z.strictObject({
          displayName: displayName.optional(),
          departmentId: z.uuid().nullable().optional(),
          regionCode: regionCodeSchema.optional(),
          phone: z.string().max(20).nullable().optional(),
          status: z.enum(['active', 'disabled']).optional(),
        }),
      },
    },
    async (req) => svc.updateUser(me(req), req.params.id, req.body),
  );

  r.post(
    '/api/users/:id/reset-password',
    {
      config: { permission: 'users:write' },
      schema: { tags: userTags, summary: '重置密码（返回一次性密码）', params: uuidParam },
    },
    async (req) => svc.resetPassword(me(req), req.params.id),
  );

  r.post(
    '/api/users/:id/unlock',
    { config: { permission: 'users:unlock' }, schema: { tags: userTags, summary: '解锁账号', params: uuidParam } },
    async (req, reply) => {
      await svc.unlock(me(req), req.params.id);
      return reply.status(204).send();
    },
  );

  r.put(
    '/api/users/:id/roles',
    {
      config: { permission: 'roles:assign' },
      schema: {
        tags: roleTags,
        summary: '为用户授予角色和数据范围',
        params: uuidParam,
        body: z.strictObject({ roleIds: z.array(z.uuid()).max(20), dataScope }),
      },
    },
    async (req) => svc.assignRoles(me(req), req.params.id, req.body.roleIds, req.body.dataScope),
  );

  r.get(
    '/api/users/:id/tokens',
    {
      config: { permission: 'tokens:write' },
      schema: { tags: userTags, summary: '用户的接口令牌', params: uuidParam },
    },
    async (req) => (await svc.listTokens(me(req), req.params.id)).map(tokenDto),
  );

  r.post(
    '/api/users/:id/tokens',
    {
      config: { permission: 'tokens:write' },
      schema: {
        tags: userTags,
        summary: '创建接口令牌（令牌只显示一次）',
        params: uuidParam,
        body: z.strictObject({
          name: z.string().trim().min(1, '请输入令牌名称').max(50),
          days: z.number().int().min(1, '有效期至少 1 天').max(366, '有效期最长 366 天'),
        }),
      },
    },
    async (req, reply) => {
      const t = await svc.createToken(me(req), req.params.id, req.body.name, req.body.days, hashToken);
      return reply.status(201).send({ ...tokenDto(t), token: t.token });
    },
  );

  r.delete(
    '/api/tokens/:id',
    { config: { permission: 'tokens:write' }, schema: { tags: userTags, summary: '吊销接口令牌', params: uuidParam } },
    async (req, reply) => {
      await svc.revokeToken(me(req), req.params.id);
      return reply.status(204).send();
    },
  );

  r.get(
    '/api/permissions',
    { config: { permission: 'roles:read' }, schema: { tags: roleTags, summary: '权限目录' } },
    async (req) => svc.listPermissions(me(req)),
  );

  r.get(
    '/api/roles',
    {
      config: { permission: 'authenticated' },
      schema: { tags: roleTags, summary: '角色列表（需 roles:read 或 roles:assign）' },
    },
    async (req) => svc.listRoles(me(req)),
  );

  const roleBody = {
    name: z.string().trim().min(1, '请输入角色名称').max(50),
    description: z.string().trim().max(200).default(''),
    permissions: z.array(z.string().max(64)).max(200),
  };
  r.post(
    '/api/roles',
    {
      config: { permission: 'roles:write' },
      schema: {
        tags: roleTags,
        summary: '创建角色',
        body: z.strictObject({
          code: z
            .string()
            .trim()
            .regex(/^[a-z][a-z0-9_]{1,31}$/, '角色编码为 2–32 位小写字母、数字或下划线，以字母开头'),
          ...roleBody,
        }),
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createRole(me(req), req.body)),
  );

  r.patch(
    '/api/roles/:id',
    {
      config: { permission: 'roles:write' },
      schema: {
        tags: roleTags,
        summary: '修改角色',
        params: uuidParam,
        body: z.strictObject({
          name: roleBody.name.optional(),
          description: z.string().trim().max(200).optional(),
          permissions: roleBody.permissions.optional(),
        }),
      },
    },
    async (req) => svc.updateRole(me(req), req.params.id, req.body),
  );

  r.delete(
    '/api/roles/:id',
    { config: { permission: 'roles:write' }, schema: { tags: roleTags, summary: '删除自定义角色', params: uuidParam } },
    async (req, reply) => {
      await svc.deleteRole(me(req), req.params.id);
      return reply.status(204).send();
    },
  );
}
