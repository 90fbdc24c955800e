/**
 * Shapes every contract shares: the problem+json error (RFC 9457), the page envelope of every list,
 * and file downloads. Route contracts live beside this file, one per module
 * (`contracts/<module>.ts`); the server declares them on its routes and the OpenAPI file, and so the
 * console's generated client, is built from them.
 */
import { z } from 'zod';

/** One field of a refused request, with a Chinese message. */
export const fieldErrorSchema = z.object({
  path: z.string().describe('字段路径，如 emergencyContact.phone'),
  message: z.string().describe('中文错误信息'),
});

/**
 * Every 4xx/5xx answer (application/problem+json). Loose: an error may carry extension members
 * (e.g. `existingId` on a duplicate registration).
 */
export const problemSchema = z
  .looseObject({
    type: z.string(),
    title: z.string().describe('状态的中文标题'),
    status: z.number().int(),
    detail: z.string().describe('给用户看的中文说明'),
    code: z.string().describe('机器可读的错误代码，如 VALIDATION_FAILED'),
    errors: z.array(fieldErrorSchema).optional(),
  })
  .describe('错误（RFC 9457 application/problem+json）')
  .meta({ id: 'Problem' }); // one component in the OpenAPI file, referenced by every operation
export type Problem = z.infer<typeof problemSchema>;

/** The envelope of every paginated list. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int().describe('符合条件的总数'),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * A file download (xlsx, pdf, zip …): documented as binary of `mediaType` (default
 * application/octet-stream); the server sends a Buffer or stream, which bypasses serialisation.
 */
export const fileDownload = (description: string, mediaType?: string) =>
  z
    .string()
    .describe(description)
    .meta({ format: 'binary', ...(mediaType ? { 'x-media-type': mediaType } : {}) });

/** The media type of an Excel workbook (xlsx). */
export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** 204 No Content. */
export const noContent = z.null().describe('无内容');

/** A point in time as the API writes it: ISO 8601 (the server's Date values are converted on the way out). */
export const timestamp = z
  .preprocess((v) => (v instanceof Date ? v.toISOString() : v), z.string())
  .describe('时间（ISO 8601，UTC）');

/** Query parameters of every paginated list. */
export const pageQuery = {
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};

/** The `:id` path parameter of a record. */
export const uuidParam = z.strictObject({ id: z.uuid({ error: '编号格式不正确' }) });
