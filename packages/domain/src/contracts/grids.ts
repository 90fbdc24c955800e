/**
 * Contracts of labour inspection on a grid (劳动保障监察 两网化, modules/rights): grids (网格) with their inspectors,
 * grid reports (网格员上报线索 → a complaint, channel 'grid'), inspection activities (日常巡查、专项检查、书面审查);
 * the case engine's attachments (附件, platform/cases); the user picker (可指派人员, platform/accounts).
 */
import { z } from 'zod';
import { isoDateSchema } from '../input.js';
import { regionCodeSchema } from '../schemas.js';
import { complaintCreateSchema } from './rights.js';
import { pageOf, pageQuery, timestamp } from './common.js';

const text = (max: number, label: string) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}不能超过 ${max} 字`);

// ---------------------------------------------------------------- user picker (platform/accounts)

export const assignableUserQuerySchema = z.strictObject({
  q: z.string().trim().max(50, '搜索内容不能超过 50 字').optional().describe('按姓名或用户名搜索'),
  ids: z
    .string()
    .max(2000)
    .regex(/^[0-9a-fA-F-]{36}(,[0-9a-fA-F-]{36})*$/, '人员编号格式不正确')
    .optional()
    .describe('按编号取（逗号分隔，最多 50 个）：已选人员的名称'),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export const assignableUserSchema = z.object({
  id: z.uuid(),
  displayName: z.string(),
  departmentName: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
});
export type AssignableUser = z.infer<typeof assignableUserSchema>;
export const assignableUserListSchema = z.array(assignableUserSchema);

// ---------------------------------------------------------------- case attachments (platform/cases)

/** The kinds of file a case accepts, checked by content (magic bytes), never by the name alone. */
export const ATTACHMENT_TYPE_LABELS = {
  pdf: 'PDF',
  jpg: 'JPEG 图片',
  png: 'PNG 图片',
  ofd: 'OFD 版式文件',
  docx: 'Word 文档（docx）',
  xlsx: 'Excel 表格（xlsx）',
} as const satisfies Record<string, string>;
export type AttachmentType = keyof typeof ATTACHMENT_TYPE_LABELS;
/** The largest attachment accepted. */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

export const caseAttachmentParams = z.strictObject({
  id: z.uuid({ error: '编号格式不正确' }),
  aid: z.uuid({ error: '附件编号格式不正确' }),
});
export const caseAttachmentSchema = z.object({
  id: z.uuid(),
  docKind: z.string().describe('材料类别（如 inspection_record 检查笔录；other 其他）'),
  docKindName: z.string(),
  filename: z.string(),
  mediaType: z.string().describe('按内容识别的类型'),
  bytes: z.number().int(),
  sha256: z.string(),
  uploadedBy: z.string().nullable(),
  uploadedAt: timestamp,
});
export type CaseAttachment = z.infer<typeof caseAttachmentSchema>;
export const caseAttachmentListSchema = z.object({
  items: z.array(caseAttachmentSchema),
  documentKinds: z
    .array(z.object({ kind: z.string(), label: z.string() }))
    .describe('该案件类型可上传的材料类别（部分操作要求先上传）'),
  maxBytes: z.number().int(),
});

// ---------------------------------------------------------------- grids (modules/rights)

export const gridListQuerySchema = z.strictObject({
  q: z.string().trim().max(50, '搜索内容不能超过 50 字').optional().describe('按网格名称搜索'),
  regionCode: regionCodeSchema.optional(),
  ...pageQuery,
});
export const gridBodySchema = z.strictObject({
  name: text(50, '网格名称'),
  regionCode: regionCodeSchema.describe('网格范围：乡镇（街道）或村（社区）'),
  inspectorIds: z
    .array(z.uuid({ error: '网格员编号格式不正确' }))
    .max(20, '网格员不能超过 20 人')
    .default([])
    .describe('网格员（劳动保障监察员）'),
  note: z.string().trim().max(500, '备注不能超过 500 字').nullish(),
});
export type GridBody = z.input<typeof gridBodySchema>;
const personSchema = z.object({ id: z.uuid(), displayName: z.string() });
export const gridSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  inspectors: z.array(personSchema),
  note: z.string().nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type Grid = z.infer<typeof gridSchema>;
export const gridPageSchema = pageOf(gridSchema);

/** 网格员上报线索: a complaint through channel 'grid', in the grid's area. */
export const gridReportSchema = complaintCreateSchema.omit({ channel: true });
export type GridReportInput = z.input<typeof gridReportSchema>;

// ---------------------------------------------------------------- inspection activities (modules/rights)

export const INSPECTION_KIND_LABELS = {
  patrol: '日常巡查',
  campaign: '专项检查',
  review: '书面审查',
} as const satisfies Record<string, string>;
export type InspectionKind = keyof typeof INSPECTION_KIND_LABELS;
export const INSPECTION_KINDS = Object.keys(INSPECTION_KIND_LABELS) as [InspectionKind, ...InspectionKind[]];
export const INSPECTION_STATUS_LABELS = { open: '进行中', done: '已完成' } as const satisfies Record<string, string>;

const reviewedEmployerSchema = z.strictObject({
  employerId: z.uuid({ error: '用工单位编号格式不正确' }).nullish(),
  name: text(100, '用工单位名称'),
  submitted: z.boolean().describe('是否已报送书面材料'),
  findings: z.string().trim().max(500, '审查意见不能超过 500 字').nullish(),
});

export const inspectionListQuerySchema = z.strictObject({
  kind: z.enum(INSPECTION_KINDS, { error: '检查类别无效' }).optional(),
  gridId: z.uuid({ error: '网格编号格式不正确' }).optional(),
  ...pageQuery,
});
export const inspectionCreateSchema = z
  .strictObject({
    kind: z.enum(INSPECTION_KINDS, { error: '检查类别无效' }),
    title: text(100, '名称'),
    gridId: z.uuid({ error: '网格编号格式不正确' }).nullish().describe('巡查的网格（日常巡查）'),
    regionCode: regionCodeSchema.nullish().describe('检查范围（不填：网格的范围）'),
    startsOn: isoDateSchema,
    endsOn: isoDateSchema.nullish(),
    inspectorIds: z
      .array(z.uuid({ error: '检查人员编号格式不正确' }))
      .max(20)
      .default([]),
    employers: z.array(reviewedEmployerSchema).max(500, '一次书面审查不能超过 500 家单位').default([]),
    findings: z.string().trim().max(2000, '检查情况不能超过 2000 字').nullish(),
  })
  .refine((v) => !v.endsOn || v.endsOn >= v.startsOn, { message: '结束日期不能早于开始日期', path: ['endsOn'] })
  .refine((v) => v.gridId || v.regionCode, { message: '请选择网格或检查范围', path: ['regionCode'] });
export type InspectionCreateInput = z.input<typeof inspectionCreateSchema>;
export const inspectionUpdateSchema = z.strictObject({
  employers: z.array(reviewedEmployerSchema).max(500, '一次书面审查不能超过 500 家单位').optional(),
  findings: z.string().trim().max(2000, '检查情况不能超过 2000 字').nullish(),
  status: z.enum(['open', 'done'], { error: '状态无效' }).optional(),
});
export const inspectionSchema = z.object({
  id: z.uuid(),
  kind: z.enum(INSPECTION_KINDS),
  kindName: z.string(),
  title: z.string(),
  gridId: z.uuid().nullable(),
  gridName: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  inspectors: z.array(personSchema),
  employers: z.array(
    z.object({
      employerId: z.string().nullable(),
      name: z.string(),
      submitted: z.boolean(),
      findings: z.string().nullable(),
    }),
  ),
  submittedCount: z.number().int().describe('已报送材料的单位数'),
  findings: z.string().nullable(),
  status: z.enum(['open', 'done']),
  createdAt: timestamp,
});
export type Inspection = z.infer<typeof inspectionSchema>;
export const inspectionPageSchema = pageOf(inspectionSchema);
