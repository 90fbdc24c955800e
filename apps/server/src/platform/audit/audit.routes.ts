import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  auditAnchorSchema,
  auditPageSchema,
  auditQuerySchema,
  auditVerifyBodySchema,
  auditVerifyResultSchema,
} from '@mwsp/domain';
import { badRequest } from '../http/errors.js';
import { LONG_DEADLINE_MS } from '../http/hardening.js';
import { actorOf, type AuditAnchor, type AuditLog } from './audit.js';

const tags = ['审计日志'];

/** The auditor's read-only view. There is deliberately no route that changes or deletes audit rows. */
export function auditRoutes(app: FastifyInstance, audit: AuditLog) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/audit',
    {
      config: { permission: 'audit:read' },
      schema: {
        tags,
        summary: '查询审计日志',
        querystring: auditQuerySchema,
        response: { 200: auditPageSchema },
      },
    },
    async (req) => {
      const result = await audit.list(req.query);
      // Auditors' own queries are audited too (visible to everyone who reads the log).
      await audit.record(actorOf(req.principal, req.ip), {
        action: 'audit.query',
        outcome: 'success',
        detail: { returned: result.items.length },
      });
      return {
        items: result.items.map(({ mac, kid, ...row }) => row),
        total: result.total,
        page: req.query.page,
        pageSize: req.query.pageSize,
      };
    },
  );

  r.get(
    '/api/audit/verify',
    {
      config: { permission: 'audit:read', deadlineMs: LONG_DEADLINE_MS },
      schema: {
        tags,
        summary: '校验审计链完整性（不能发现链尾被整体删除并改写链头，请用 POST 并提交锚点文件）',
        response: { 200: auditVerifyResultSchema },
      },
    },
    async (req) => {
      const result = await audit.verify();
      await audit.record(actorOf(req.principal, req.ip), {
        action: 'audit.verify',
        outcome: result.ok ? 'success' : 'failure',
        detail: { checked: result.checked, firstBrokenSeq: result.firstBrokenSeq },
      });
      return result;
    },
  );

  r.post(
    '/api/audit/verify',
    {
      config: { permission: 'audit:read', deadlineMs: LONG_DEADLINE_MS },
      schema: {
        tags,
        summary: '对照审计管理员保存的锚点文件校验审计链（可发现链尾被截断）',
        body: auditVerifyBodySchema,
        response: { 200: auditVerifyResultSchema },
      },
    },
    async (req) => {
      const actor = actorOf(req.principal, req.ip);
      const anchor = req.body.anchor as AuditAnchor;
      if (!audit.anchorValid(anchor)) {
        await audit.record(actor, {
          action: 'audit.verify',
          outcome: 'failure',
          detail: { anchorSeq: anchor.seq, reason: 'invalid_anchor' },
        });
        throw badRequest('锚点文件无效：不是本平台签发的锚点，或内容已被改动', [
          { path: 'anchor', message: '锚点校验值不符' },
        ]);
      }
      const result = await audit.verify(undefined, anchor);
      await audit.record(actor, {
        action: 'audit.verify',
        outcome: result.ok ? 'success' : 'failure',
        detail: { checked: result.checked, firstBrokenSeq: result.firstBrokenSeq, anchorSeq: anchor.seq },
      });
      return result;
    },
  );

  r.get(
    '/api/audit/anchor',
    {
      config: { permission: 'audit:read' },
      schema: {
        tags,
        summary: '下载审计链锚点文件（链头序号与校验值，经审计密钥签名；请离线保存，校验时提交）',
        response: { 200: auditAnchorSchema },
      },
    },
    async (req, reply) => {
      const anchor = await audit.anchor();
      req.log.info({ auditAnchor: anchor }, 'audit chain anchor (on demand)');
      await audit.record(actorOf(req.principal, req.ip), {
        action: 'audit.anchor',
        outcome: 'success',
        detail: { seq: anchor.seq },
      });
      return reply.header('content-disposition', `attachment; filename="audit-anchor-${anchor.seq}.json"`).send(anchor);
    },
  );
}

/** Checkpoints of the chain head in the log every `minutes`: an anchor outside the database. */
export function startAnchorCheckpoints(
  audit: AuditLog,
  minutes: number,
  log: (anchor: AuditAnchor | null, err?: unknown) => void,
): () => void {
  if (!(minutes > 0)) return () => {};
  const timer = setInterval(() => {
    audit.anchor().then(
      (a) => log(a),
      (err: unknown) => log(null, err),
    );
  }, minutes * 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
