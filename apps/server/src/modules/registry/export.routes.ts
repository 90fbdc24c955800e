import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { exportRequestSchema, workersExportFile } from '@mwsp/domain';
import type { Principal } from '../../platform/access/principal.js';
import type { exportWorkers } from './registry.export.js';

type ExportFn = (
  p: Principal,
  filters: Parameters<typeof exportWorkers>[2],
  opts: { unmask: boolean; purpose?: string },
) => ReturnType<typeof exportWorkers>;

export function exportRoutes(app: FastifyInstance, exportWorkersFn: ExportFn) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/exports',
    {
      config: { permission: 'registry:export', deadlineMs: 10 * 60_000 }, // up to 50,000 rows built before the answer
      schema: {
        tags: ['导入导出'],
        summary: '导出查询结果为 Excel（默认脱敏；明文须 pii:export 并说明用途）',
        body: exportRequestSchema,
        response: { 200: workersExportFile },
      },
    },
    async (req, reply) => {
      const { buffer, filename, rows } = await exportWorkersFn(req.principal!, req.body.filters, {
        unmask: req.body.unmask,
        purpose: req.body.purpose,
      });
      return (
        reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header(
            'content-disposition',
            `attachment; filename="workers.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`,
          )
          .header('x-export-rows', String(rows))
          // The contract documents the bytes as a binary string; the Buffer itself bypasses serialisation.
          .send(buffer as unknown as string)
      );
    },
  );
}
