import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import {
  fileDownload,
  jobExportQuerySchema,
  referralExportQuerySchema,
  seekerExportQuerySchema,
  XLSX_MEDIA_TYPE,
} from '@mwsp/domain';
import type { EmploymentExportService, EmploymentList } from './employment.export.js';

const LISTS: { list: EmploymentList; path: string; title: string; query: z.ZodType }[] = [
  { list: 'jobs', path: '/api/jobs/export', title: '岗位信息', query: jobExportQuerySchema },
  { list: 'seekers', path: '/api/seekers/export', title: '求职登记', query: seekerExportQuerySchema },
  { list: 'referrals', path: '/api/referrals/export', title: '职业介绍', query: referralExportQuerySchema },
];

/** `GET /api/{jobs,seekers,referrals}/export`: the list's visible rows (its filters) as a watermarked workbook. */
export function employmentExportRoutes(app: FastifyInstance, exports: EmploymentExportService) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  for (const { list, path, title, query } of LISTS) {
    r.get(
      path,
      {
        config: { permission: 'employment:read' },
        schema: {
          tags: ['就业服务'],
          summary: `导出${title}为 Excel（按列表的筛选条件；姓名脱敏，带导出人水印，先记审计）`,
          querystring: query,
          response: { 200: fileDownload(`${title}（xlsx）`, XLSX_MEDIA_TYPE) },
        },
      },
      async (req, reply) => {
        const { buffer, filename, rows } = await exports.export(
          req.principal!,
          list,
          req.query as Record<string, unknown>,
        );
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
}
