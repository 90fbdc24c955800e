/** Contracts of complaints and reports (投诉举报, modules/rights): staff registration and the public pages. */
import { z } from 'zod';
import { mobileSchema, regionCodeSchema } from '../schemas.js';
import {
  CLAIM_KINDS,
  COMPLAINT_CHANNELS,
  LEGAL_AID_CHANNELS,
  LEGAL_AID_PROVIDER_KINDS,
  MEDIATION_ORG_KINDS,
  RECEIPT_RE,
} from '../rights.js';
import { caseDetailSchema } from './cases.js';
import { pageOf, pageQuery, timestamp } from './common.js';

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

// ---------------------------------------------------------------- statistics (维权统计)

export const rightsStatsQuerySchema = z.strictObject({
  year: z.coerce
    .number({ error: '年份应为数字' })
    .int('年份应为整数')
    .min(2000, '年份应在 2000–2100 之间')
    .max(2100, '年份应在 2000–2100 之间')
    .optional()
    .describe('统计年度（默认本年）'),
  regionCode: regionCodeSchema.optional().describe('统计区划（默认本人辖区；须在辖区内）'),
});
export type RightsStatsQuery = z.input<typeof rightsStatsQuerySchema>;

const int = z.number().int();
const fen = z.number().describe('金额（分）');

export const rightsStatsSchema = z.object({
  year: int,
  today: z.string(),
  region: z.object({ code: z.string(), name: z.string(), level: int }),
  totals: z.object({
    filed: int.describe('本年登记案件'),
    closed: int.describe('本年办结案件'),
    workers: int.describe('涉及劳动者人数'),
    escalated: int.describe('升级督办案件'),
    overdue: int.describe('当前超期未办结'),
  }),
  amounts: z.object({
    claimedFen: fen.describe('投诉请求金额'),
    orderedFen: fen.describe('责令支付金额'),
    recoveredFen: fen.describe('追回金额'),
    workersHelped: int.describe('追回工资涉及劳动者人数'),
  }),
  byType: z.array(
    z.object({ type: z.string(), name: z.string(), filed: int, closed: int, workers: int, escalated: int }),
  ),
  byOutcome: z.array(
    z.object({
      type: z.string(),
      typeName: z.string(),
      state: z.string(),
      name: z.string(),
      final: z.boolean(),
      cases: int,
    }),
  ),
  byRegion: z.array(z.object({ code: z.string(), name: z.string(), filed: int, closed: int, open: int, overdue: int })),
  byChannel: z.array(
    z.object({ channel: z.string(), name: z.string(), complaints: int, workers: int, groups: int, claimedFen: fen }),
  ),
  byClaim: z.array(z.object({ kind: z.string(), name: z.string(), claims: int, amountFen: fen })),
  timeliness: z.array(
    z.object({
      type: z.string(),
      typeName: z.string(),
      code: z.string(),
      clockName: z.string(),
      met: int.describe('按期办结'),
      late: int.describe('逾期办结'),
      overdue: int.describe('超期在办'),
      running: int.describe('期限内在办'),
      onTimeRate: z.number().nullable().describe('按期率（按期办结 / 已办结）'),
    }),
  ),
  overdue: z.array(
    z.object({
      caseId: z.uuid(),
      type: z.string(),
      typeName: z.string(),
      state: z.string(),
      stateName: z.string(),
      title: z.string(),
      regionCode: z.string(),
      regionName: z.string().nullable(),
      clock: z.string(),
      clockName: z.string(),
      dueOn: z.string(),
      daysOverdue: int,
      escalated: z.boolean(),
    }),
  ),
  annual: z
    .object({
      complaintsReceived: int.describe('受理投诉举报（登记）'),
      complaintsAccepted: int.describe('受理（立案调查）'),
      casesFiled: int.describe('立案查处劳动保障监察案件'),
      casesClosed: int.describe('结案'),
      workersInvolved: int.describe('涉及劳动者'),
      workersHelped: int.describe('为劳动者追回工资的人数'),
      recoveredFen: fen.describe('追回工资等待遇'),
      employersOrdered: int.describe('责令改正（支付）的用人单位'),
      orderedFen: fen.describe('责令支付金额'),
      policeTransfers: int.describe('移送公安机关'),
    })
    .describe('年度劳动保障监察情况'),
});
export type RightsStats = z.infer<typeof rightsStatsSchema>;

// ---------------------------------------------------------------- mediation and arbitration (调解、仲裁)

const mediatorsSchema = z
  .array(z.string().trim().min(1, '调解员姓名不能为空').max(20, '调解员姓名不能超过 20 字'))
  .max(50, '调解员不能超过 50 名')
  .describe('调解员姓名');

export const mediationOrgCreateSchema = z.strictObject({
  kind: z.enum(MEDIATION_ORG_KINDS, { error: '调解组织类别无效' }),
  name: text(100, '调解组织名称'),
  regionCode: regionCodeSchema.describe('所在地（区县或更下级）'),
  contact: z.string().trim().max(100, '联系方式不能超过 100 字').nullish(),
  mediators: mediatorsSchema.default([]),
});
export type MediationOrgCreateInput = z.input<typeof mediationOrgCreateSchema>;

export const mediationOrgUpdateSchema = z.strictObject({
  kind: z.enum(MEDIATION_ORG_KINDS, { error: '调解组织类别无效' }).optional(),
  name: text(100, '调解组织名称').optional(),
  contact: z.string().trim().max(100, '联系方式不能超过 100 字').nullish(),
  mediators: mediatorsSchema.optional(),
});
export type MediationOrgUpdateInput = z.input<typeof mediationOrgUpdateSchema>;

export const mediationOrgListQuerySchema = z.strictObject({
  q: z.string().trim().max(50, '搜索词不能超过 50 字').optional().describe('名称包含'),
  kind: z.enum(MEDIATION_ORG_KINDS, { error: '调解组织类别无效' }).optional(),
  regionCode: regionCodeSchema.optional(),
  active: z.enum(['true', 'false'], { error: '状态无效' }).optional().describe('true 在用，false 已停用'),
  ...pageQuery,
});
export type MediationOrgListQuery = z.input<typeof mediationOrgListQuerySchema>;

export const mediationOrgSchema = z.object({
  id: z.uuid(),
  kind: z.enum(MEDIATION_ORG_KINDS),
  kindName: z.string(),
  name: z.string(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  contact: z.string().nullable(),
  mediators: z.array(z.string()),
  active: z.boolean(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

// ---------------------------------------------------------------- legal aid (法律援助)
const optionalText = (max: number, label: string) => z.string().trim().max(max, `${label}不能超过 ${max} 字`).nullish();

/** A legal-aid provider as written (律师或法律援助机构). */
export const legalAidProviderInputSchema = z
  .strictObject({
    kind: z.enum(LEGAL_AID_PROVIDER_KINDS, { error: '类别无效（法律援助机构或律师）' }),
    name: text(100, '名称或姓名'),
    organisation: optionalText(100, '执业机构').describe('律师的执业机构（律师事务所、法律援助中心）'),
    practiceNo: z
      .string()
      .trim()
      .max(40, '执业证号不能超过 40 位')
      .regex(/^[0-9A-Za-z-]*$/, '执业证号只能包含数字、字母和连字符')
      .nullish()
      .describe('律师执业证号（律师必填）'),
    phone: z
      .string()
      .trim()
      .max(20, '联系电话不能超过 20 位')
      .regex(/^[0-9-]*$/, '联系电话只能包含数字和连字符')
      .nullish(),
    regionCode: regionCodeSchema.describe('所在地（区县或更下级）'),
    active: z.boolean({ error: '是否在用须为是或否' }).default(true),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'lawyer' && !v.practiceNo)
      ctx.addIssue({ code: 'custom', path: ['practiceNo'], message: '律师须填写执业证号' });
  });
export type LegalAidProviderInput = z.input<typeof legalAidProviderInputSchema>;

export const legalAidProviderSchema = z.object({
  id: z.uuid(),
  kind: z.enum(LEGAL_AID_PROVIDER_KINDS),
  name: z.string(),
  organisation: z.string().nullable(),
  practiceNo: z.string().nullable(),
  phone: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  active: z.boolean(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type MediationOrg = z.infer<typeof mediationOrgSchema>;
export const mediationOrgPageSchema = pageOf(mediationOrgSchema);
export const mediationOrgIdParams = z.strictObject({ id: z.uuid({ error: '调解组织编号格式不正确' }) });

/** The applicant and the dispute, common to a mediation and an arbitration application. */
const disputeApplication = {
  workerId: z.uuid({ error: '务工人员编号格式不正确' }).nullish().describe('申请人：实名制登记的务工人员'),
  applicantName: text(50, '申请人姓名'),
  phone: mobileSchema.nullish(),
  migrantWorker: z.boolean().default(false).describe('申请人声明为农民工'),
  employerId: z.uuid({ error: '用工单位编号格式不正确' }).nullish(),
  employerName: text(100, '被申请人（用人单位）名称'),
  claims: claimsSchema,
  summary: text(2000, '请求事项与事实理由'),
};

/** 劳动人事争议仲裁申请 (filed at the committee of the region). */
export const arbitrationApplySchema = z.strictObject({
  regionCode: regionCodeSchema.describe('劳动合同履行地或用人单位所在地'),
  ...disputeApplication,
});
export type ArbitrationApplyInput = z.input<typeof arbitrationApplySchema>;

/** 调解申请 (at a mediation organisation: the case lies in its region). */
export const mediationApplySchema = z.strictObject({
  orgId: z.uuid({ error: '调解组织编号格式不正确' }),
  ...disputeApplication,
});
export type MediationApplyInput = z.input<typeof mediationApplySchema>;

export type LegalAidProvider = z.infer<typeof legalAidProviderSchema>;
export const legalAidProviderPageSchema = pageOf(legalAidProviderSchema);

export const legalAidProviderQuerySchema = z.strictObject({
  q: z.string().trim().max(50, '关键字不能超过 50 字').optional().describe('名称、执业机构或执业证号'),
  kind: z.enum(LEGAL_AID_PROVIDER_KINDS, { error: '类别无效' }).optional(),
  active: z.enum(['true', 'false'], { error: '是否在用无效' }).optional(),
  regionCode: regionCodeSchema.optional(),
  ...pageQuery,
});

/** A legal-aid application registered directly (12348, window, transfer, 异地协作). */
export const legalAidCreateSchema = z
  .strictObject({
    channel: z.enum(LEGAL_AID_CHANNELS, { error: '申请渠道无效' }),
    regionCode: regionCodeSchema.describe('受理地（区县或更下级）'),
    workerId: z.uuid({ error: '务工人员编号格式不正确' }).describe('申请人：实名制登记的务工人员'),
    employerId: z.uuid({ error: '用工单位编号格式不正确' }).nullish(),
    employerName: text(100, '对方当事人（用人单位）名称'),
    matter: text(2000, '申请事项'),
    claimedFen: z
      .number({ error: '金额须为整数（单位：分）' })
      .int('金额须为整数（单位：分）')
      .min(0, '金额不能为负数')
      .max(1e13, '金额过大')
      .nullish()
      .describe('请求支付的劳动报酬（分）'),
    originCity: optionalText(50, '原申请地').describe('异地协作：原受理的城市'),
    originRef: optionalText(50, '原受理编号').describe('异地协作：原法律援助机构的受理编号'),
    transferFrom: optionalText(100, '转交单位').describe('其他部门转交：转交单位'),
  })
  .superRefine((v, ctx) => {
    if (v.channel === 'remote') {
      if (!v.originCity) ctx.addIssue({ code: 'custom', path: ['originCity'], message: '异地协作须填写原申请地' });
      if (!v.originRef) ctx.addIssue({ code: 'custom', path: ['originRef'], message: '异地协作须填写原受理编号' });
    }
    if (v.channel === 'transfer' && !v.transferFrom)
      ctx.addIssue({ code: 'custom', path: ['transferFrom'], message: '其他部门转交须填写转交单位' });
  });
export type LegalAidCreateInput = z.input<typeof legalAidCreateSchema>;
