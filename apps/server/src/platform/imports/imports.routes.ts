import { PassThrough, type Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  fileDownload,
  importErrorPageSchema,
  importErrorsQuerySchema,
  importJobPageSchema,
  importJobSchema,
  importKindListSchema,
  importKindParamSchema,
  importListQuerySchema,
  importUploadQuerySchema,
  uuidParam,
  XLSX_MEDIA_TYPE,
} from '@mwsp/domain';
import type { Principal } from '../access/principal.js';
import { badRequest, HttpError } from '../http/errors.js';
import { isTextColumn, listImportKinds } from './kinds.js';
import type { Download, ImportJobDto, ImportsService } from './imports.service.js';

const tags = ['导入导出'];

export const MULTIPART_ERRORS: Record<string, [number, string]> = {
  FST_FILES_LIMIT: [400, '一次只能上传一个文件'],
  FST_PARTS_LIMIT: [400, '上传表单的字段过多'],
  FST_FIELDS_LIMIT: [400, '上传表单的字段过多'],
  FST_PROTO_VIOLATION: [400, '上传表单的字段名不允许'],
  FST_INVALID_MULTIPART_CONTENT_TYPE: [415, '请使用 multipart/form-data 上传文件（字段 kind 和 file）'],
  FST_REQ_FILE_TOO_LARGE: [413, '文件过大'],
};

function sendDownload(req: FastifyRequest, reply: FastifyReply, d: Download, asciiName: string) {
  const out = new PassThrough();
  d.write(out).catch((err: unknown) => {
    req.log.error({ err }, 'workbook download failed');
    out.destroy(err as Error);
  });
  return reply
    .header('content-type', XLSX_MEDIA_TYPE)
    .header(
      'content-disposition',
      `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(d.filename)}`,
    )
    .send(out);
}

const CUT_SHORT = '上传的表单不完整（缺少结束分隔符），文件未保存，请重新上传';

/**
 * The file of a part as a well-behaved stream. When the body ends before the part's closing boundary,
 * the parser destroys the file stream without an error and without 'close' — a pipeline reading it
 * would wait forever (and leave its `.part` file). Here that becomes an error the reader sees.
 */
export function fileStream(file: Readable): PassThrough {
  const out = new PassThrough();
  out.on('error', () => {}); // the reader (pipeline) gets the error through its own listener
  const cutShort = () => {
    if (!file.readableEnded) out.destroy(Object.assign(new Error(CUT_SHORT), { cutShort: true }));
  };
  file.on('error', cutShort);
  const destroy = file.destroy.bind(file);
  file.destroy = (err?: Error) => {
    cutShort();
    return destroy(err);
  };
  if (file.destroyed) cutShort();
  else file.pipe(out);
  return out;
}

/** Multipart limits of every upload route (modules register them in their own route scope). */
export const UPLOAD_LIMITS = {
  throwFileSizeLimit: false,
  limits: { files: 1, fields: 10, parts: 12, fieldSize: 1024, headerPairs: 100 },
};

/**
 * Receives one multipart upload and creates its import job. `fixed` sets the kind and context fields
 * a module's own route decides (e.g. the project of a wage sheet); other fields come from the form.
 */
export async function uploadFromRequest(
  req: FastifyRequest,
  svc: ImportsService,
  fixed: { kind?: string; params?: Record<string, string> },
): Promise<ImportJobDto> {
  const p = req.principal!;
  if (!req.isMultipart())
    throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', MULTIPART_ERRORS.FST_INVALID_MULTIPART_CONTENT_TYPE[1]);
  let kind = fixed.kind;
  const params: Record<string, string> = { ...fixed.params };
  let job: ImportJobDto | null = null;
  const parts = req.parts({ limits: { fileSize: svc.options.maxBytes + 1 } });
  try {
    for await (const part of parts) {
      if (part.type === 'field') {
        if (part.fieldname === 'kind' && typeof part.value === 'string') kind = part.value.trim();
        else if (typeof part.value === 'string') params[part.fieldname] ??= part.value.trim();
        continue;
      }
      if (part.fieldname !== 'file' || job) {
        part.file.resume(); // anything else is read and dropped
        continue;
      }
      try {
        job = await svc.createJob(p, {
          kind,
          filename: part.filename,
          stream: fileStream(part.file),
          truncated: () => part.file.truncated,
          params,
        });
      } catch (err) {
        if (!part.file.destroyed) part.file.resume(); // let the client finish sending, so it reads the answer
        throw Object.assign(err as Error, { fromService: true });
      }
    }
  } catch (err) {
    if ((err as { fromService?: boolean }).fromService || err instanceof HttpError) throw err;
    const mapped = MULTIPART_ERRORS[(err as { code?: string }).code ?? ''];
    if (mapped) throw new HttpError(mapped[0], 'BAD_UPLOAD', mapped[1]);
    throw badRequest('上传的表单格式不正确，请重新上传');
  }
  if (!job) {
    if (!kind) throw badRequest('请选择导入类型（kind）', [{ path: 'kind', message: '请选择导入类型' }]);
    throw badRequest('请选择要上传的文件（file）', [{ path: 'file', message: '请选择要上传的文件' }]);
  }
  return job;
}

/**
 * Imports: templates, upload (multipart, registered for these routes only), progress, the error
 * workbook and retry. Routes declare `authenticated`; the permission is the import kind's own and is
 * checked by the service.
 */
export async function importsRoutes(app: FastifyInstance, svc: ImportsService): Promise<void> {
  await app.register(async (child) => {
    await child.register(multipart, UPLOAD_LIMITS);
    const r = child.withTypeProvider<ZodTypeProvider>();
    const me = (req: { principal: Principal | null }) => req.principal!;

    r.get(
      '/api/imports/kinds',
      {
        config: { permission: 'authenticated' },
        schema: {
          tags,
          summary: '可导入的数据类型及其列（按当前用户的权限）',
          response: { 200: importKindListSchema },
        },
      },
      async (req) =>
        listImportKinds()
          .filter((k) => me(req).permissions.has(k.permission))
          .map((k) => ({
            kind: k.kind,
            title: k.title,
            maxRows: k.maxRows ?? svc.options.maxRows,
            columns: k.columns.map((c) => ({
              key: c.key,
              header: c.header,
              required: !!c.required,
              options: c.options ?? null,
              text: isTextColumn(c),
              example: c.example ?? null,
              note: c.note ?? null,
            })),
          })),
    );

    r.get(
      '/api/imports/templates/:kind',
      {
        config: { permission: 'authenticated' },
        schema: {
          tags,
          summary: '下载导入模板（xlsx，含中文表头、下拉选项和填写说明；需该类数据的导入权限）',
          params: importKindParamSchema,
          response: { 200: fileDownload('导入模板（xlsx）', XLSX_MEDIA_TYPE) },
        },
      },
      async (req, reply) =>
        sendDownload(req, reply, svc.templateXlsx(me(req), req.params.kind), `${req.params.kind}-template.xlsx`),
    );

    r.post(
      '/api/imports',
      {
        config: { permission: 'authenticated' },
        schema: {
          tags,
          summary: '上传文件并创建导入任务（multipart：先 kind 后 file；.xlsx 或 UTF-8/GBK 编码的 .csv）→ 202 任务',
          consumes: ['multipart/form-data'],
          querystring: importUploadQuerySchema,
          response: { 202: importJobSchema },
        },
      },
      async (req, reply) => reply.status(202).send(await uploadFromRequest(req, svc, { kind: req.query.kind })),
    );

    r.get(
      '/api/imports',
      {
        config: { permission: 'authenticated' },
        schema: {
          tags,
          summary: '导入任务列表（本辖区，当前用户有权导入的类型）',
          querystring: importListQuerySchema,
          response: { 200: importJobPageSchema },
        },
      },
      async (req) => {
        const { items, total } = await svc.listJobs(me(req), req.query);
        return { items, total, page: req.query.page, pageSize: req.query.pageSize };
      },
    );

    r.get(
      '/api/imports/:id',
      {
        config: { permission: 'authenticated' },
        schema: { tags, summary: '导入任务详情与进度', params: uuidParam, response: { 200: importJobSchema } },
      },
      async (req) => svc.getJob(me(req), req.params.id),
    );

    r.post(
      '/api/imports/:id/retry',
      {
        config: { permission: 'authenticated' },
        schema: {
          tags,
          summary: '重试失败的导入任务（从最后提交的行之后继续）',
          params: uuidParam,
          response: { 202: importJobSchema },
        },
      },
      async (req, reply) => reply.status(202).send(await svc.retryJob(me(req), req.params.id)),
    );

    r.get(
      '/api/imports/:id/errors.xlsx',
      {
        config: { permission: 'authenticated' },
        schema: {
          tags,
          summary: '下载失败行（原始列 + 错误说明，错误单元格标红并附批注）',
          params: uuidParam,
          response: { 200: fileDownload('失败行工作簿（xlsx）', XLSX_MEDIA_TYPE) },
        },
      },
      async (req, reply) => {
        const d = await svc.errorsXlsx(me(req), req.params.id);
        return sendDownload(req, reply, d, d.asciiName ?? 'import-errors.xlsx');
      },
    );

    r.get(
      '/api/imports/:id/errors',
      {
        config: { permission: 'authenticated' },
        schema: {
          tags,
          summary: '失败行列表（分页；每行的全部错误，按列给出）',
          params: uuidParam,
          querystring: importErrorsQuerySchema,
          response: { 200: importErrorPageSchema },
        },
      },
      async (req) => {
        const r = await svc.listErrors(me(req), req.params.id, req.query);
        return { ...r, page: req.query.page, pageSize: req.query.pageSize };
      },
    );
  });
}
