// Request and response contracts of the system routes (health, platform info, overview; see common.ts).
import { z } from 'zod';
import { USER_STATUS_BUCKET_LABELS, type UserStatusBucket } from './accounts.js';

export const healthSchema = z.object({
  status: z.literal('ok'),
  database: z.enum(['pglite', 'postgres']).describe('数据库类型'),
  migration: z.number().int().describe('已执行的最新数据库迁移编号'),
  version: z.string().describe('平台版本'),
});
export type Health = z.infer<typeof healthSchema>;

export const systemInfoSchema = z.object({
  name: z.string().describe('平台名称'),
  city: z.object({ code: z.string().describe('部署城市的区划代码'), name: z.string() }),
  mode: z.enum(['demo', 'production']).describe('运行模式：demo 演示，production 生产'),
  demoData: z.boolean().describe('是否载入了演示数据（合成数据，非真实人员）'),
});
export type SystemInfo = z.infer<typeof systemInfoSchema>;

const userStatusBuckets = Object.keys(USER_STATUS_BUCKET_LABELS) as [UserStatusBucket, ...UserStatusBucket[]];

/** The home page's overview; parts the caller has no permission for are left out. */
export const overviewSchema = z.object({
  regions: z
    .array(z.object({ level: z.number().int(), count: z.number().int() }))
    .describe('本市县、乡、村各级区划数量（level 3 县，4 乡，5 村）'),
  departments: z.number().int().describe('启用的部门数'),
  users: z
    .array(
      z.object({
        status: z.enum(userStatusBuckets).describe('active 正常，disabled 停用，locked 已锁定'),
        count: z.number().int(),
      }),
    )
    .optional()
    .describe('各状态的账号数（需 users:read）'),
  logins: z
    .array(
      z.object({
        date: z.string().describe('日期（YYYY-MM-DD，北京时间）'),
        success: z.number().int(),
        failure: z.number().int(),
      }),
    )
    .optional()
    .describe('近 7 天每日登录成功与失败次数（需 audit:read）'),
});
export type Overview = z.infer<typeof overviewSchema>;
