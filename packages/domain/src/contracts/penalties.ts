/** Contracts of the administrative penalty register (行政处罚决定, modules/rights). */
import { z } from 'zod';
import { isoDateSchema } from '../input.js';
import { PENALTY_BASIS_CODES, PENALTY_KINDS, VIOLATION_KINDS } from '../penalties.js';
import { regionCodeSchema } from '../schemas.js';
import { pageOf, pageQuery, timestamp } from './common.js';

export const penaltyListQuerySchema = z.strictObject({
  regionCode: regionCodeSchema.optional().describe('区划（须在辖区内）'),
  caseId: z.uuid({ error: '案件编号格式不正确' }).optional().describe('监察案件'),
  employerId: z.uuid({ error: '用人单位编号格式不正确' }).optional(),
  violationKind: z.enum(VIOLATION_KINDS, { error: '违法行为类别无效' }).optional(),
  penaltyKind: z.enum(PENALTY_KINDS, { error: '处罚种类无效' }).optional(),
  basisCode: z.enum(PENALTY_BASIS_CODES, { error: '法律依据无效' }).optional(),
  from: isoDateSchema.optional().describe('决定日期起'),
  to: isoDateSchema.optional().describe('决定日期止'),
  q: z.string().trim().max(50, '关键字不能超过 50 字').optional().describe('决定书文号或用人单位名称'),
  ...pageQuery,
});
export type PenaltyListQuery = z.output<typeof penaltyListQuerySchema>;

/** Which printable document of a decision: 行政处罚决定书 (default) or the 行政处罚事先告知书 before it. */
export const penaltyDocumentQuerySchema = z.strictObject({
  kind: z
    .enum(['decision', 'notice'], { error: '文书类别无效：decision（决定书）或 notice（事先告知书）' })
    .optional()
    .describe('decision：行政处罚决定书；notice：行政处罚事先告知书'),
});

export const penaltySchema = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  employerId: z.uuid().nullable(),
  employerName: z.string(),
  violationKind: z.string(),
  violationName: z.string(),
  penaltyKind: z.string(),
  penaltyName: z.string(),
  basisCode: z.string(),
  basisName: z.string().describe('法律依据：法规名称、条款及简称'),
  amountFen: z.number().nullable().describe('罚款金额（分）'),
  decisionNo: z.string().describe('行政处罚决定书文号'),
  noticeNo: z.string().describe('行政处罚告知书文号'),
  noticedOn: z.string().describe('事先告知日期'),
  hearingNotified: z.boolean().describe('是否告知听证权利'),
  decidedOn: z.string().describe('决定日期'),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  createdAt: timestamp,
});
export type Penalty = z.output<typeof penaltySchema>;

export const penaltyPageSchema = pageOf(penaltySchema).extend({
  finesFen: z.number().describe('符合条件的罚款金额合计（分）'),
});
