import fs from 'node:fs';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  caseAttachmentListSchema,
  caseAttachmentParams,
  caseAttachmentSchema,
  fileDownload,
  uuidParam,
} from '@mwsp/domain';
import { badRequest, HttpError } from '../http/errors.js';
import { fileStream, MULTIPART_ERRORS, UPLOAD_LIMITS } from '../imports/imports.routes.js';
import type { CaseAttachmentService } from './attachments.service.js';
import { CASES_READ } from './cases.service.js';

const tags = ['案件办理'];

/** Receives one multipart upload (field docKind, then file) and stores it on the case. */
async function uploadFromRequest(req: FastifyRequest, svc: CaseAttachmentService, caseId: string) {
  if (!req.isMultipart())
    throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', '请使用 multipart/form-data 上传附件（字段 docKind 和 file）');
  let docKind: string | undefined;
  let stored: Awaited<ReturnType<CaseAttachmentService['upload']>> | null = null;
  const parts = req.parts({ limits: { fileSize: svc.maxBytes + 1 } });
  try {
    for await (const part of parts) {
      if (part.type === 'field') {
        if (part.fieldname === 'docKind' && typeof part.value === 'string') docKind = part.value.trim();
        continue;
      }
      if (part.fieldname !== 'file' || stored) {
        part.file.resume();
        continue;
      }
      try {
        stored = await svc.upload(req.principal!, caseId, {
          docKind,
          filename: part.filename,
          stream: fileStream(part.file),
          truncated: () => part.file.truncated,
        });
      } catch (err) {
        if (!part.file.destroyed) part.file.resume();
        throw Object.assign(err as Error, { fromService: true });
      }
    }
  } catch (err) {
    if ((err as { fromService?: boolean }).fromService || err instanceof HttpError) throw err;
    const mapped = MULTIPART_ERRORS[(err as { code?: string }).code ?? ''];
    if (mapped) throw new HttpError(mapped[0], 'BAD_UPLOAD', mapped[1]);
    throw badRequest('上传的表单格式不正确，请重新上传');
  }
  if (!stored) throw badRequest('请选择要上传的附件（file）', [{ path: 'file', message: '请选择要上传的附件' }]);
  return stored;
}

/** A case's attachments: upload (multipart, registered for these routes only), list, download (audited). */
export function attachmentRoutes(svc: CaseAttachmentService) {
  return async (app: FastifyInstance) => {
    await app.register(multipart, UPLOAD_LIMITS);
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get(
      '/api/cases/:id/attachments',
      {
        config: { permission: CASES_READ },
        schema: {
          tags,
          summary: '案件附件列表（及可上传的材料类别）',
          params: uuidParam,
          response: { 200: caseAttachmentListSchema },
        },
      },
      async (req) => svc.list(req.principal!, req.params.id),
    );

    r.post(
      '/api/cases/:id/attachments',
      {
        config: { permission: CASES_READ },
        schema: {
          tags,
          summary:
            '上传案件附件（multipart：先 docKind 后 file；PDF、JPEG、PNG、OFD、docx、xlsx，按内容识别类型，不超过 10 MB）',
          consumes: ['multipart/form-data'],
          params: uuidParam,
          response: { 201: caseAttachmentSchema },
        },
      },
      async (req, reply) => reply.status(201).send(await uploadFromRequest(req, svc, req.params.id)),
    );

    r.get(
      '/api/cases/:id/attachments/:aid',
      {
        config: { permission: CASES_READ },
        schema: {
          tags,
          summary: '下载案件附件（记入审计日志）',
          params: caseAttachmentParams,
          response: { 200: fileDownload('附件') },
        },
      },
      async (req, reply) => {
        const d = await svc.download(req.principal!, req.params.id, req.params.aid);
        const ascii = d.filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
        return reply
          .header('content-type', d.mediaType)
          .header('content-length', d.bytes)
          .header('x-content-type-options', 'nosniff')
          .header(
            'content-disposition',
            `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(d.filename)}`,
          )
          .send(fs.createReadStream(d.file) as unknown as string);
      },
    );
  };
}
