/** Contracts of complaints and reports (投诉举报, modules/rights): staff registration and the public pages. */
import { z } from 'zod';
import { mobileSchema, regionCodeSchema } from '../schemas.js';
import { CLAIM_KINDS, COMPLAINT_CHANNELS, RECEIPT_RE } from '../rights.js';
import { caseDetailSchema } from './cases.js';

const text = (max: number, label: string) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}不能超过 ${max} 字`);

export const complaintClaimSchema = z.strictObject({
  kind: z.enum(CLAIM_KINDS, { error: '诉求类别无效' }),
  amountFen: z
    .number({ error: '金额须为整数（单位：分）' })
    .int('金额须为整数（单位：分）')
    .min(0, '金额不能为负数')
    .max(1e13, '金额过大')
    .nullish()
    .describe('诉求金额（分）'),
  description: z.string().trim().max(500, '诉求说明不能超过 500 字').default(''),
});

const claimsSchema = z.array(complaintClaimSchema).min(1, '请至少填写一项诉求').max(10, '诉求不能超过 10 项');
const groupSchema = z
  .number({ error: '人数须为整数' })
  .int('人数须为整数')
  .min(2, '群体性投诉的人数至少为 2 人')
  .max(100000, '人数过大');

/** Registered by staff (窗口、12333、来信、网格、转办 …). */
export const complaintCreateSchema = z.strictObject({
  channel: z.enum(COMPLAINT_CHANNELS, { error: '来源渠道无效' }),
  regionCode: regionCodeSchema.describe('被投诉单位或项目所在地'),
  workerId: z.uuid({ error: '务工人员编号格式不正确' }).nullish().describe('投诉人：实名制登记的务工人员'),
  complainantName: text(50, '投诉人姓名'),
  phone: mobileSchema,
  groupSize: groupSchema.nullish().describe('群体性投诉的人数'),
  employerId: z.uuid({ error: '用工单位编号格式不正确' }).nullish(),
  employerName: text(100, '被投诉单位名称'),
  projectName: z.string().trim().max(100, '项目名称不能超过 100 字').nullish(),
  claims: claimsSchema,
  summary: text(2000, '投诉事项'),
});
export type ComplaintCreateInput = z.input<typeof complaintCreateSchema>;

/** Filed by the public on the web form (no account). */
export const publicComplaintSchema = z.strictObject({
  regionCode: regionCodeSchema,
  complainantName: text(50, '姓名'),
  phone: mobileSchema,
  groupSize: groupSchema.nullish(),
  employerName: text(100, '被投诉单位名称'),
  projectName: z.string().trim().max(100, '项目名称不能超过 100 字').nullish(),
  claims: claimsSchema,
  summary: text(2000, '投诉事项'),
  website: z.string().max(0, '提交失败').optional().describe('留空（防机器人）'),
});
export type PublicComplaintInput = z.input<typeof publicComplaintSchema>;

export const complaintReceiptSchema = z.object({
  receiptNo: z.string().describe('受理回执号：凭回执号和手机号查询进度'),
  caseId: z.uuid().optional(),
  decideBy: z.string().nullable().describe('作出是否受理决定的期限'),
});

export const complaintCreatedSchema = caseDetailSchema.extend({ receiptNo: z.string() });

export const publicComplaintLookupParams = z.strictObject({
  receipt: z.string().trim().toUpperCase().regex(RECEIPT_RE, '回执号格式不正确'),
});
export const publicComplaintLookupQuery = z.strictObject({ phone: mobileSchema });

export const publicComplaintStatusSchema = z.object({
  receiptNo: z.string(),
  filedOn: z.string(),
  stateName: z.string(),
  closed: z.boolean(),
  decideBy: z.string().nullable(),
  steps: z.array(z.object({ at: z.string(), text: z.string() })),
});

export const publicCountyListSchema = z.array(z.object({ code: z.string(), name: z.string() }));
