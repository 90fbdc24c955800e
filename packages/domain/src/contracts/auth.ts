// Request and response contracts of the auth routes (see common.ts).
import { z } from 'zod';
import { timestamp } from './common.js';
import { dataScopeSchema } from './accounts.js';

/** The steps of signing in; `done` is a full session. */
export const LOGIN_STAGES = ['password_change', 'totp_enroll', 'totp', 'done'] as const;
export type LoginStage = (typeof LOGIN_STAGES)[number];
export const loginStageSchema = z
  .enum(LOGIN_STAGES)
  .describe('登录阶段：password_change 须修改密码，totp_enroll 须绑定动态口令，totp 须输入动态口令，done 已完成');

export const loginBodySchema = z.strictObject({
  username: z.string().trim().min(1, '请输入用户名').max(64),
  password: z.string().min(1, '请输入密码').max(128),
});
export type LoginBody = z.infer<typeof loginBodySchema>;

export const changePasswordBodySchema = z.strictObject({
  oldPassword: z.string().min(1, '请输入原密码').max(128),
  newPassword: z.string().min(1, '请输入新密码').max(128),
});
export type ChangePasswordBody = z.infer<typeof changePasswordBodySchema>;

export const totpEnrollBodySchema = z
  .strictObject({ regenerate: z.boolean({ error: 'regenerate 应为 true 或 false' }).default(false) })
  .nullish();
export type TotpEnrollBody = z.infer<typeof totpEnrollBodySchema>;

export const totpCodeBodySchema = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, '动态口令为 6 位数字'),
});
export type TotpCodeBody = z.infer<typeof totpCodeBodySchema>;

/** The signed-in user as the console needs it (roles, permissions, password and second-factor state). */
export const currentUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  department: z.object({ id: z.string(), code: z.string().nullable(), name: z.string().nullable() }).nullable(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  dataScope: dataScopeSchema,
  roles: z.array(z.object({ code: z.string(), name: z.string() })),
  permissions: z.array(z.string()).describe('持有的权限编码（已排序）'),
  permissionNames: z.record(z.string(), z.string()).describe('每个持有权限的中文名称'),
  totpEnabled: z.boolean(),
  totpRequired: z.boolean().describe('是否必须使用动态口令（三员等特权账号）'),
  mustChangePassword: z.boolean(),
  passwordExpiresAt: timestamp.describe('密码到期时间（ISO 8601，UTC）'),
});
export type CurrentUser = z.infer<typeof currentUserSchema>;

export const loginResultSchema = z.object({
  stage: loginStageSchema,
  user: currentUserSchema.nullable().describe('登录已完成时为当前用户，否则为空'),
});
export type LoginResult = z.infer<typeof loginResultSchema>;

export const sessionStateSchema = z.object({
  stage: loginStageSchema,
  user: currentUserSchema,
  idleTimeoutSeconds: z.number().describe('无操作多少秒后会话失效'),
});
export type SessionState = z.infer<typeof sessionStateSchema>;

export const stageResultSchema = z.object({ stage: loginStageSchema });
export type StageResult = z.infer<typeof stageResultSchema>;

export const totpEnrollmentSchema = z.object({
  secret: z.string().describe('动态口令密钥（Base32），仅在绑定时返回'),
  otpauthUrl: z.string().describe('otpauth:// 地址（生成二维码用）'),
  pending: z.boolean().describe('true：返回的是此前生成、尚未确认的密钥'),
});
export type TotpEnrollment = z.infer<typeof totpEnrollmentSchema>;
