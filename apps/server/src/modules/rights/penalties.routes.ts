import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  fileDownload,
  penaltyDocumentQuerySchema,
  penaltyListQuerySchema,
  penaltyPageSchema,
  uuidParam,
  XLSX_MEDIA_TYPE,
} from '@mwsp/domain';
import { DOCUMENT_CSP } from '../wages/index.js';
import type { PenaltiesService } from './penalties.service.js';

const tags = ['行政处罚'];

/** The register of administrative penalty decisions (行政处罚决定) and its export. */
export function penaltiesRoutes(app: FastifyInstance, penalties: PenaltiesService) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/rights/penalties',
    {
      config: { permission: 'rights:read' },
      schema: {
        tags,
        summary: '行政处罚决定（按区划、案件、用人单位、违法行为、处罚种类、法律依据、决定日期查询）',
        querystring: penaltyListQuerySchema,
        response: { 200: penaltyPageSchema },
      },
    },
    async (req) => penalties.list(req.principal!, req.query),
  );

  r.get(
    '/api/rights/penalties.xlsx',
    {
      config: { permission: 'rights:read' },
      schema: {
        tags,
        summary: '导出行政处罚决定（Excel，带水印，留痕）',
        querystring: penaltyListQuerySchema,
        response: { 200: fileDownload('行政处罚决定（xlsx）', XLSX_MEDIA_TYPE) },
      },
    },
    async (req, reply) => {
      const { buffer, filename } = await penalties.export(req.principal!, req.query);
      return (
        reply
          .header('content-type', XLSX_MEDIA_TYPE)
          .header(
            'content-disposition',
            `attachment; filename="penalties.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`,
          )
          // The contract documents the bytes as a binary string; the Buffer itself bypasses serialisation.
          .send(buffer as unknown as string)
      );
    },
  );

  r.get(
    '/api/rights/penalties/:id/document',
    {
      config: { permission: 'rights:read' },
      schema: {
        tags,
        summary: '行政处罚决定书（kind=notice 为行政处罚事先告知书；可打印 HTML，留痕）',
        params: uuidParam,
        querystring: penaltyDocumentQuerySchema,
        produces: ['text/html'],
        response: { 200: fileDownload('行政处罚决定书（可打印 HTML）') },
      },
    },
    async (req, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .header('content-security-policy', DOCUMENT_CSP)
        .send(await penalties.document(req.principal!, req.params.id, req.query.kind ?? 'decision')),
  );
}
