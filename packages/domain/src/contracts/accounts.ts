// Request and response contracts of the accounts routes (users, roles, API tokens; see common.ts).
import { z } from 'zod';
import { regionCodeSchema } from '../schemas.js';
import { pageOf, pageQuery, timestamp } from './common.js';

/** Data scopes (数据范围) and their Chinese names, for the server and the console alike. */
export const DATA_SCOPE_LABELS = {
  self: '本人',
  department: '本部门',
  region: '本辖区及下级',
  all: '全部',
} as const satisfies Record<string, string>;
export type DataScope = keyof typeof DATA_SCOPE_LABELS;
export const DATA_SCOPES = Object.keys(DATA_SCOPE_LABELS) as [DataScope, ...DataScope[]];
export const dataScopeSchema = z
  .enum(DATA_SCOPES, { error: '数据范围只能是 本人/本部门/本辖区及下级/全部' })
  .describe('数据范围：self 本人，department 本部门，region 本辖区及下级，all 全部');

/** Account statuses. */
export const USER_STATUS_LABELS = { active: '正常', disabled: '停用' } as const satisfies Record<string, string>;
export type UserStatus = keyof typeof USER_STATUS_LABELS;
export const USER_STATUSES = Object.keys(USER_STATUS_LABELS) as [UserStatus, ...UserStatus[]];
export const userStatusSchema = z.enum(USER_STATUSES).describe('账号状态：active 正常，disabled 停用');

/** Buckets of the overview's account count: the statuses, and `locked` (locked out now). */
export const USER_STATUS_BUCKET_LABELS = { ...USER_STATUS_LABELS, locked: '已锁定' } as const;

const username = z
  .string()
  .trim()
  .min(3, '用户名至少 3 个字符')
  .max(32, '用户名最多 32 个字符')
  .regex(/^[a-zA-Z][a-zA-Z0-9_.-]*$/, '用户名以字母开头，只能包含字母、数字、点、下划线和短横线');
const displayName = z.string().trim().min(1, '请输入姓名').max(50);

export const userListQuerySchema = z.strictObject({
  q: z.string().trim().max(50).optional(),
  departmentId: z.uuid().optional(),
  regionCode: regionCodeSchema.optional(),
  status: userStatusSchema.optional(),
  ...pageQuery,
});
export type UserListQuery = z.infer<typeof userListQuerySchema>;

export const createUserBodySchema = z.strictObject({
  username,
  displayName,
  departmentId: z.uuid({ error: '请选择部门' }).nullable(),
  regionCode: regionCodeSchema,
  phone: z.string().max(20).nullish(),
});
export type CreateUserBody = z.infer<typeof createUserBodySchema>;

export const updateUserBodySchema = z.strictObject({
  displayName: displayName.optional(),
  departmentId: z.uuid().nullable().optional(),
  regionCode: regionCodeSchema.optional(),
  phone: z.string().max(20).nullable().optional(),
  status: userStatusSchema.optional(),
});
export type UpdateUserBody = z.infer<typeof updateUserBodySchema>;

export const assignRolesBodySchema = z.strictObject({ roleIds: z.array(z.uuid()).max(20), dataScope: dataScopeSchema });
export type AssignRolesBody = z.infer<typeof assignRolesBodySchema>;

export const createTokenBodySchema = z.strictObject({
  name: z.string().trim().min(1, '请输入令牌名称').max(50),
  days: z.number().int().min(1, '有效期至少 1 天').max(366, '有效期最长 366 天'),
});
export type CreateTokenBody = z.infer<typeof createTokenBodySchema>;

const roleFields = {
  name: z.string().trim().min(1, '请输入角色名称').max(50),
  description: z.string().trim().max(200).default(''),
  permissions: z.array(z.string().max(64)).max(200),
};
export const createRoleBodySchema = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{1,31}$/, '角色编码为 2–32 位小写字母、数字或下划线，以字母开头'),
  ...roleFields,
});
export type CreateRoleBody = z.infer<typeof createRoleBodySchema>;

export const updateRoleBodySchema = z.strictObject({
  name: roleFields.name.optional(),
  description: z.string().trim().max(200).optional(),
  permissions: roleFields.permissions.optional(),
});
export type UpdateRoleBody = z.infer<typeof updateRoleBodySchema>;

// ---- answers

export const roleRefSchema = z.object({ id: z.string(), code: z.string(), name: z.string() });

/** An account as administrators see it. */
export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  departmentId: z.string().nullable(),
  departmentName: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  phone: z.string().nullable().describe('手机号码（已脱敏，如 138****5678）'),
  dataScope: dataScopeSchema,
  roles: z.array(roleRefSchema),
  status: userStatusSchema,
  locked: z.boolean().describe('是否因多次登录失败而被锁定'),
  lockedUntil: timestamp.nullable().describe('锁定到期时间（未锁定时为空）'),
  mustChangePassword: z.boolean(),
  totpEnabled: z.boolean(),
  lastLoginAt: timestamp.nullable(),
  createdAt: timestamp,
});
export type User = z.infer<typeof userSchema>;

export const userPageSchema = pageOf(userSchema);

export const createdUserSchema = z.object({
  user: userSchema,
  initialPassword: z.string().describe('一次性初始密码（仅此一次返回，首次登录须修改）'),
});
export type CreatedUser = z.infer<typeof createdUserSchema>;

export const passwordResetSchema = z.object({
  initialPassword: z.string().describe('一次性密码（仅此一次返回，登录后须修改）'),
});
export type PasswordReset = z.infer<typeof passwordResetSchema>;

/** An API token of another department's system (the token itself is never stored in clear). */
export const apiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: timestamp,
  expiresAt: timestamp,
  revokedAt: timestamp.nullable().describe('吊销时间（未吊销时为空）'),
  lastUsedAt: timestamp.nullable(),
});
export type ApiToken = z.infer<typeof apiTokenSchema>;

export const createdApiTokenSchema = apiTokenSchema.extend({
  token: z.string().describe('接口令牌明文（仅此一次返回，请妥善保存）'),
});
export type CreatedApiToken = z.infer<typeof createdApiTokenSchema>;

export const permissionSchema = z.object({
  code: z.string().describe('权限编码（模块:操作）'),
  name: z.string(),
  module: z.string(),
  admin: z.boolean().describe('三员专用的管理权限，不能放入自定义角色'),
  sensitive: z.boolean().describe('涉及个人信息明文（查看完整信息、导出），持有者须使用双因素认证'),
});
export type Permission = z.infer<typeof permissionSchema>;

export const roleSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  description: z.string(),
  permissions: z.array(z.string()),
  builtin: z.boolean().describe('内置角色（不可删除）'),
  adminRole: z.boolean().describe('三员角色（不可修改，只能用 mwsp 命令分配）'),
  userCount: z.number().int().describe('持有该角色的用户数'),
});
export type Role = z.infer<typeof roleSchema>;

export const apiTokenListSchema = z.array(apiTokenSchema);
export const permissionListSchema = z.array(permissionSchema);
export const roleListSchema = z.array(roleSchema);
export type UserStatusBucket = keyof typeof USER_STATUS_BUCKET_LABELS;
