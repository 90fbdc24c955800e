// Request and response contracts of the imports routes (see common.ts).
import { z } from 'zod';
import { pageOf, pageQuery, timestamp } from './common.js';

/** Statuses of an import job and their Chinese names. */
export const IMPORT_STATUS_LABELS = {
  queued: '排队中',
  running: '处理中',
  done: '已完成',
  failed: '失败',
} as const satisfies Record<string, string>;
export type ImportStatus = keyof typeof IMPORT_STATUS_LABELS;
export const IMPORT_STATUSES = Object.keys(IMPORT_STATUS_LABELS) as [ImportStatus, ...ImportStatus[]];
export const importStatusSchema = z
  .enum(IMPORT_STATUSES)
  .describe('任务状态：queued 排队中，running 处理中，done 已完成，failed 失败');

/** An import kind's identifier (modules register the kinds; GET /api/imports/kinds lists them with their titles). */
export const importKindParam = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, '导入类型不正确');

export const importKindParamSchema = z.strictObject({ kind: importKindParam });
export const importUploadQuerySchema = z.strictObject({ kind: importKindParam.optional() });
export const importListQuerySchema = z.strictObject({
  status: importStatusSchema.optional(),
  kind: importKindParam.optional(),
  ...pageQuery,
});
export type ImportListQuery = z.infer<typeof importListQuerySchema>;
export const importErrorsQuerySchema = z.strictObject({ ...pageQuery });

// ---- answers

export const importColumnSchema = z.object({
  key: z.string(),
  header: z.string().describe('模板中的中文表头'),
  required: z.boolean(),
  options: z.array(z.string()).nullable().describe('下拉选项（无则为空）'),
  text: z.boolean().describe('文本列（如身份证号，不能作为数字填写）'),
  example: z.string().nullable(),
  note: z.string().nullable().describe('填写说明'),
});
export const importKindSchema = z.object({
  kind: z.string(),
  title: z.string().describe('导入类型的中文名称'),
  maxRows: z.number().int().describe('每个文件最多的数据行数'),
  columns: z.array(importColumnSchema),
});
export type ImportKindInfo = z.infer<typeof importKindSchema>;

/** An import job; `processedRows` = rows handled so far (ok + failed), of `totalRows`. */
export const importJobSchema = z.object({
  id: z.string(),
  kind: z.string(),
  kindTitle: z.string().describe('导入类型的中文名称'),
  filename: z.string(),
  format: z.enum(['xlsx', 'csv']),
  encoding: z.string().nullable().describe('CSV 文件识别出的编码（UTF-8 或 GBK）'),
  status: importStatusSchema,
  totalRows: z.number().int().nullable().describe('数据总行数（解析完成前为空）'),
  processedRows: z.number().int(),
  okRows: z.number().int(),
  errorRows: z.number().int(),
  createdRows: z.number().int(),
  updatedRows: z.number().int(),
  unchangedRows: z.number().int(),
  message: z.string().nullable(),
  createdByName: z.string(),
  createdAt: timestamp,
  startedAt: timestamp.nullable(),
  finishedAt: timestamp.nullable(),
  retryable: z.boolean().describe('失败且文件仍在：可从最后提交的行之后重试'),
});
export type ImportJob = z.infer<typeof importJobSchema>;

export const importJobPageSchema = pageOf(importJobSchema);

/** One failed row: every message of the row, per column. */
export const importErrorRowSchema = z.object({
  rowNo: z.number().int().describe('文件中的行号'),
  summary: z.string().describe('一行的错误摘要（同错误工作簿的“错误说明”列）'),
  errors: z.array(
    z.object({
      column: z.string().nullable().describe('列的 key（整行错误时为空）'),
      header: z.string().nullable(),
      message: z.string(),
    }),
  ),
});
export type ImportErrorRow = z.infer<typeof importErrorRowSchema>;

export const importErrorPageSchema = pageOf(importErrorRowSchema).extend({
  errorRows: z.number().int().describe('任务的失败行总数'),
});

export const importKindListSchema = z.array(importKindSchema);
