import type { FastifyInstance, FastifySchema } from 'fastify';
import type { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { fileDownload, programExportParams, programExportQuery, XLSX_MEDIA_TYPE } from '@mwsp/domain';
import type { Principal } from '../../platform/access/principal.js';
import type { ProgramExportService } from './programs.export.js';

/**
 * A programme register's two routes: `GET path` (the caller's visible records, searched and paged) and
 * `POST path` (register one; 201 with the record).
 */
export function listAndCreate<Q extends z.ZodType, B extends z.ZodType, L extends z.ZodType, I extends z.ZodType>(
  app: FastifyInstance,
  path: string,
  d: {
    tags: string[];
    list: { summary: string; query: Q; response: L; run: (p: Principal, q: z.output<Q>) => Promise<unknown> };
    create: { summary: string; body: B; response: I; run: (p: Principal, b: z.output<B>) => Promise<unknown> };
  },
) {
  const listSchema: FastifySchema = {
    tags: d.tags,
    summary: d.list.summary,
    querystring: d.list.query,
    response: { 200: d.list.response },
  };
  const createSchema: FastifySchema = {
    tags: d.tags,
    summary: d.create.summary,
    body: d.create.body,
    response: { 201: d.create.response },
  };
  // The generic shape defeats the type provider's inference; the schemas still validate and serialise.
  app.get(
    path,
    {
      config: { permission: 'employment:read' },
      schema: listSchema,
    },
    async (req) => d.list.run(req.principal!, req.query as z.output<Q>),
  );
  app.post(
    path,
    {
      config: { permission: 'employment:handle' },
      schema: createSchema,
    },
    async (req, reply) => {
      reply.code(201);
      return d.create.run(req.principal!, req.body as z.output<B>);
    },
  );
}

/** `GET /api/programs/:register/export`: a programme register's visible records as a watermarked workbook. */
export function programExportRoutes(app: FastifyInstance, exports: ProgramExportService) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/programs/:register/export',
    {
      config: { permission: 'employment:read' },
      schema: {
        tags: ['就业服务'],
        summary: '导出就业服务登记簿为 Excel（招聘活动、劳务协作、创业扶持、政策咨询；带导出人水印）',
        params: programExportParams,
        querystring: programExportQuery,
        response: { 200: fileDownload('登记簿（xlsx）', XLSX_MEDIA_TYPE) },
      },
    },
    async (req, reply) => {
      const { buffer, filename, rows } = await exports.export(req.principal!, req.params.register, req.query);
      return reply
        .header('content-type', XLSX_MEDIA_TYPE)
        .header(
          'content-disposition',
          `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`,
        )
        .header('x-export-rows', String(rows))
        .send(buffer as unknown as string);
    },
  );
}
