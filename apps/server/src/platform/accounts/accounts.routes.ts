import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  apiTokenListSchema,
  assignRolesBodySchema,
  createdApiTokenSchema,
  createdUserSchema,
  createRoleBodySchema,
  createTokenBodySchema,
  createUserBodySchema,
  noContent,
  passwordResetSchema,
  permissionListSchema,
  roleListSchema,
  roleSchema,
  updateRoleBodySchema,
  updateUserBodySchema,
  userListQuerySchema,
  userPageSchema,
  userSchema,
  uuidParam,
  assignableUserListSchema,
  assignableUserQuerySchema,
} from '@mwsp/domain';
import type { Principal } from '../access/principal.js';
import type { AccountsService } from './accounts.service.js';
import type { TokenRow } from './accounts.repo.js';

const userTags = ['用户管理'];
const roleTags = ['角色权限'];

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
        querystring: userListQuerySchema,
        response: { 200: userPageSchema },
      },
    },
    async (req) => {
      const { items, total } = await svc.listUsers(me(req), req.query);
      return { items, total, page: req.query.page, pageSize: req.query.pageSize };
    },
  );

  r.get(
    '/api/users/assignable',
    {
      config: { permission: 'cases:read' },
      schema: {
        tags: userTags,
        summary: '可指派人员（本辖区在职业务人员，按姓名搜索；选择承办人、检查人员、网格员用）',
        querystring: assignableUserQuerySchema,
        response: { 200: assignableUserListSchema },
      },
    },
    async (req) =>
      svc.pickableUsers(me(req), { q: req.query.q, ids: req.query.ids?.split(','), limit: req.query.limit }),
  );

  r.post(
    '/api/users',
    {
      config: { permission: 'users:write' },
      schema: {
        tags: userTags,
        summary: '创建用户（返回一次性初始密码）',
        body: createUserBodySchema,
        response: { 201: createdUserSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createUser(me(req), req.body)),
  );

  r.get(
    '/api/users/:id',
    {
      config: { permission: 'users:read' },
      schema: { tags: userTags, summary: '用户详情', params: uuidParam, response: { 200: userSchema } },
    },
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
        body: updateUserBodySchema,
        response: { 200: userSchema },
      },
    },
    async (req) => svc.updateUser(me(req), req.params.id, req.body),
  );

  r.post(
    '/api/users/:id/reset-password',
    {
      config: { permission: 'users:write' },
      schema: {
        tags: userTags,
        summary: '重置密码（返回一次性密码）',
        params: uuidParam,
        response: { 200: passwordResetSchema },
      },
    },
    async (req) => svc.resetPassword(me(req), req.params.id),
  );

  r.post(
    '/api/users/:id/unlock',
    {
      config: { permission: 'users:unlock' },
      schema: { tags: userTags, summary: '解锁账号', params: uuidParam, response: { 204: noContent } },
    },
    async (req, reply) => {
      await svc.unlock(me(req), req.params.id);
      return reply.status(204).send(null);
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
        body: assignRolesBodySchema,
        response: { 200: userSchema },
      },
    },
    async (req) => svc.assignRoles(me(req), req.params.id, req.body.roleIds, req.body.dataScope),
  );

  r.get(
    '/api/users/:id/tokens',
    {
      config: { permission: 'tokens:write' },
      schema: { tags: userTags, summary: '用户的接口令牌', params: uuidParam, response: { 200: apiTokenListSchema } },
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
        body: createTokenBodySchema,
        response: { 201: createdApiTokenSchema },
      },
    },
    async (req, reply) => {
      const t = await svc.createToken(me(req), req.params.id, req.body.name, req.body.days, hashToken);
      return reply.status(201).send({ ...tokenDto(t), token: t.token });
    },
  );

  r.delete(
    '/api/tokens/:id',
    {
      config: { permission: 'tokens:write' },
      schema: { tags: userTags, summary: '吊销接口令牌', params: uuidParam, response: { 204: noContent } },
    },
    async (req, reply) => {
      await svc.revokeToken(me(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/permissions',
    {
      config: { permission: 'roles:read' },
      schema: { tags: roleTags, summary: '权限目录', response: { 200: permissionListSchema } },
    },
    async (req) => svc.listPermissions(me(req)),
  );

  r.get(
    '/api/roles',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: roleTags,
        summary: '角色列表（需 roles:read 或 roles:assign）',
        response: { 200: roleListSchema },
      },
    },
    async (req) => svc.listRoles(me(req)),
  );

  r.post(
    '/api/roles',
    {
      config: { permission: 'roles:write' },
      schema: { tags: roleTags, summary: '创建角色', body: createRoleBodySchema, response: { 201: roleSchema } },
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
        body: updateRoleBodySchema,
        response: { 200: roleSchema },
      },
    },
    async (req) => svc.updateRole(me(req), req.params.id, req.body),
  );

  r.delete(
    '/api/roles/:id',
    {
      config: { permission: 'roles:write' },
      schema: { tags: roleTags, summary: '删除自定义角色', params: uuidParam, response: { 204: noContent } },
    },
    async (req, reply) => {
      await svc.deleteRole(me(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
}
