// Request and response contracts of the audit routes (see common.ts).
import { z } from 'zod';
import { MAX_DATE, MIN_DATE, plainText } from '../input.js';
import { pageOf, pageQuery, timestamp } from './common.js';

/** Outcomes of an audited event and their Chinese names. */
export const AUDIT_OUTCOME_LABELS = {
  success: '成功',
  failure: '失败',
  denied: '拒绝',
} as const satisfies Record<string, string>;
export type AuditOutcome = keyof typeof AUDIT_OUTCOME_LABELS;
export const AUDIT_OUTCOMES = Object.keys(AUDIT_OUTCOME_LABELS) as [AuditOutcome, ...AuditOutcome[]];
export const auditOutcomeSchema = z.enum(AUDIT_OUTCOMES).describe('结果：success 成功，failure 失败，denied 拒绝');

/** The format tag of an audit chain anchor file. */
export const AUDIT_ANCHOR_FORMAT = 'mwsp-audit-anchor/1';

/** A point in time the database can hold, between MIN_DATE and MAX_DATE. */
/** A point in time in the query string (documented as a date-time string; read as a Date). */
const instant = (label: string) =>
  z
    .string({ error: `${label}格式不正确` })
    .meta({ format: 'date-time', description: `${label}（ISO 8601，如 2026-03-01 或 2026-03-01T08:00:00+08:00）` })
    .transform((v) => new Date(v))
    .pipe(
      z
        .date({ error: `${label}格式不正确` })
        .refine(
          (d) => d.toISOString().slice(0, 10) >= MIN_DATE && d.toISOString().slice(0, 10) <= MAX_DATE,
          `${label}超出范围（${MIN_DATE} 至 ${MAX_DATE}）`,
        ),
    );

export const auditQuerySchema = z.strictObject({
  from: instant('开始时间').optional(),
  to: instant('结束时间').optional(),
  username: plainText(64).optional(),
  action: plainText(64).optional().describe('动作编码或其前缀，如 auth.'),
  outcome: auditOutcomeSchema.optional(),
  ...pageQuery,
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, '校验值应为 64 位十六进制');

export const auditAnchorSchema = z
  .strictObject({
    format: z.literal(AUDIT_ANCHOR_FORMAT, { error: `锚点格式应为 ${AUDIT_ANCHOR_FORMAT}` }),
    seq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).describe('锚定时的链头序号'),
    mac: z.union([hex64, z.literal('')]).describe('该序号记录的链式校验值'),
    ts: z.string().max(40).describe('锚定时间'),
    kid: z.string().max(64).describe('审计密钥编号'),
    anchorMac: hex64.describe('锚点本身的 HMAC-SM3'),
  })
  .describe('审计链锚点');
export type AuditAnchorFile = z.infer<typeof auditAnchorSchema>;

export const auditVerifyBodySchema = z.strictObject({ anchor: auditAnchorSchema });
export type AuditVerifyBody = z.infer<typeof auditVerifyBodySchema>;

// ---- answers

export const auditVerifyResultSchema = z.object({
  ok: z.boolean(),
  checked: z.number().int().describe('已校验的记录数'),
  firstBrokenSeq: z.number().int().nullable().describe('第一条异常记录的序号'),
  reason: z.string().nullable(),
  anchorSeq: z.number().int().nullable().describe('对照的锚点序号（未提交锚点时为空）'),
});
export type AuditVerifyResult = z.infer<typeof auditVerifyResultSchema>;

/** One entry of the audit log (its chain MAC and key id stay on the server). */
export const auditEntrySchema = z.object({
  seq: z.number().int().describe('链上序号'),
  id: z.string(),
  ts: timestamp,
  userId: z.string().nullable(),
  username: z.string().nullable(),
  department: z.string().nullable(),
  regionCode: z.string().nullable(),
  ip: z.string().nullable(),
  action: z.string().describe('动作编码，如 auth.login（中文名称见 AUDIT_ACTION_LABELS）'),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  outcome: auditOutcomeSchema,
  detail: z.record(z.string(), z.unknown()).describe('事件的事实（不含个人信息、密码或令牌）'),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditPageSchema = pageOf(auditEntrySchema);
