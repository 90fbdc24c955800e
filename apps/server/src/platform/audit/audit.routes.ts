import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../auth/auth.service.js';
import { pageQuery } from '../http/schemas.js';
import type { AuditLog } from './audit.js';

const tags = ['审计日志'];

/** The auditor's read-only view. There is deliberately no route that changes or deletes audit rows. */
export function auditRoutes(app: FastifyInstance, audit: AuditLog) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/audit', {
    config: { permission: 'audit:read' },
    schema: {
      tags, summary: '查询审计日志',
      querystring: z.strictObject({
        from: z.coerce.date({ error: '开始时间格式不正确' }).optional(),
        to: z.coerce.date({ error: '结束时间格式不正确' }).optional(),
        username: z.string().trim().max(64).optional(),
        action: z.string().trim().max(64).optional(),
        outcome: z.enum(['success', 'failure', 'denied']).optional(),
        ...pageQuery,
      }),
    },
  }, async (req) => {
    const result = await audit.list(req.query);
    // Auditors' own queries are audited too (visible to everyone who reads the log).
    await audit.record(actorOf(req.principal, req.ip), { action: 'audit.query', outcome: 'success', detail: { returned: result.items.length } });
    return { items: result.items.map(({ mac, kid, ...row }) => row), total: result.total, page: req.query.page, pageSize: req.query.pageSize };
  });

  r.get('/api/audit/verify', { config: { permission: 'audit:read' }, schema: { tags, summary: '校验审计链完整性' } }, async (req) => {
    const result = await audit.verify();
    await audit.record(actorOf(req.principal, req.ip), { action: 'audit.verify', outcome: result.ok ? 'success' : 'failure', detail: { checked: result.checked, firstBrokenSeq: result.firstBrokenSeq } });
    return result;
  });
}
