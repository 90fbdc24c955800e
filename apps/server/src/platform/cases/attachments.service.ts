import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ATTACHMENT_MAX_BYTES } from '@mwsp/domain';
import type { Database, Executor } from '../../db/client.js';
import { access } from '../access/access.js';
import { dbScopeOf, type Principal } from '../access/principal.js';
import { actorOf, type AuditLog } from '../audit/audit.js';
import { randomUuid } from '../crypto/index.js';
import { badRequest, conflict, HttpError, notFound } from '../http/errors.js';
import { cleanFilename } from '../imports/imports.service.js';
import { sniffFile } from './attachments.js';
import * as repo from './attachments.repo.js';
import { CASES_READ, documentKindsOf, type CaseTypeRegistry } from './caseTypes.js';
import { appendHistory, scopeOfCase, type CaseRow } from './cases.repo.js';

const HEAD_BYTES = 4100;

class Refused extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const sizeText = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

/** What the attachments need of the case engine (CaseService): the scoped load and the registered types. */
export interface CaseAccess {
  readonly types: CaseTypeRegistry;
  readable(tx: Executor, p: Principal, id: string, forUpdate?: boolean): Promise<CaseRow>;
}

export interface AttachmentDownload {
  filename: string;
  mediaType: string;
  bytes: number;
  file: string;
}

/**
 * A case's attachments (附件): uploaded into the data folder (`<dataDir>/case-attachments/<county>/<id>`), limited
 * in size, typed by content (magic bytes; the name must agree), SHA-256 recorded, a history entry and an audit entry
 * each; listed with the case; downloaded after an audit entry (a disclosure) is committed. The document kinds are
 * the case type's (`documents` of its transitions, then 其他材料); a transition requiring one finds it here.
 */
export class CaseAttachmentService {
  readonly dir: string;
  maxBytes = ATTACHMENT_MAX_BYTES;

  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
    private readonly cases: CaseAccess,
    private readonly now: () => Date,
    dataDir: string | null,
  ) {
    this.dir = path.join(dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'mwsp-')), 'case-attachments');
  }

  private fileOf(countyCode: string, id: string): string {
    return path.join(this.dir, countyCode.replace(/[^0-9A-Za-z]/g, ''), id);
  }

  private dto(t: ReturnType<CaseTypeRegistry['get']>, a: repo.AttachmentRow) {
    const kinds = t ? documentKindsOf(t) : [];
    return {
      id: a.id,
      docKind: a.docKind,
      docKindName: kinds.find((k) => k.kind === a.docKind)?.label ?? a.docKind,
      filename: a.filename,
      mediaType: a.mediaType,
      bytes: a.bytes,
      sha256: a.sha256,
      uploadedBy: a.uploadedBy,
      uploadedAt: new Date(a.uploadedAt).toISOString(),
    };
  }

  async list(p: Principal, caseId: string) {
    access(p, CASES_READ);
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const c = await this.cases.readable(tx, p, caseId);
      const t = this.cases.types.get(c.type);
      const rows = await repo.attachmentsOf(tx, { countyCode: c.countyCode, caseId: c.id });
      return {
        items: rows.map((a) => this.dto(t, a)),
        documentKinds: t ? documentKindsOf(t).map((d) => ({ kind: d.kind, label: d.label })) : [],
        maxBytes: this.maxBytes,
      };
    });
  }

  /**
   * Stores one upload. The case is checked first (in scope, not closed, the document kind its type's), then the
   * stream is written to a `.part` file while its size and SHA-256 are taken; the content decides its type.
   */
  async upload(
    p: Principal,
    caseId: string,
    input: { docKind: string | undefined; filename: string | undefined; stream: Readable; truncated?: () => boolean },
  ) {
    access(p, CASES_READ);
    let checked: { countyCode: string; docKind: string };
    try {
      checked = await this.db.scoped(dbScopeOf(p), async (tx) => {
        const c = await this.cases.readable(tx, p, caseId);
        if (c.closedAt) throw conflict('案件已办结，不能再上传附件', 'CASE_CLOSED');
        const t = this.cases.types.get(c.type)!;
        const docKind = (input.docKind ?? 'other').trim() || 'other';
        const kinds = documentKindsOf(t);
        if (!kinds.some((k) => k.kind === docKind))
          throw badRequest(`材料类别无效：${docKind}（可选：${kinds.map((k) => k.label).join('、')}）`, [
            { path: 'docKind', message: '材料类别无效' },
          ]);
        return { countyCode: c.countyCode, docKind };
      });
    } catch (err) {
      input.stream.resume(); // let the client finish sending, so it reads the answer
      throw err;
    }
    const filename = cleanFilename(input.filename);
    const id = randomUuid();
    const final = this.fileOf(checked.countyCode, id);
    const part = `${final}.part`;
    let kept = false;
    try {
      await fs.promises.mkdir(path.dirname(final), { recursive: true, mode: 0o700 });
      const hash = createHash('sha256');
      const max = this.maxBytes;
      const heads: Buffer[] = [];
      let headLen = 0;
      let bytes = 0;
      const meter = new Transform({
        transform(chunk: Buffer, _enc, cb) {
          bytes += chunk.length;
          if (bytes > max) return cb(new Refused(413, `附件超过 ${sizeText(max)} 的上限`));
          hash.update(chunk);
          if (headLen < HEAD_BYTES) {
            heads.push(chunk.subarray(0, HEAD_BYTES - headLen));
            headLen += Math.min(chunk.length, HEAD_BYTES - headLen);
          }
          cb(null, chunk);
        },
      });
      let streamFailed = false;
      input.stream.once('error', () => {
        streamFailed = true;
      });
      try {
        await pipeline(input.stream, meter, fs.createWriteStream(part, { flags: 'wx', mode: 0o600 }));
      } catch (err) {
        if (err instanceof Refused) throw err;
        if (streamFailed || !(err as NodeJS.ErrnoException).syscall)
          throw new Refused(400, '附件上传未完成，请重新上传');
        throw err; // the disk: a server problem
      }
      if (input.truncated?.()) throw new Refused(413, `附件超过 ${sizeText(max)} 的上限`);
      if (bytes === 0) throw new Refused(400, '附件为空，请选择文件');
      const sniffed = await sniffFile(filename, part, Buffer.concat(heads));
      if (!sniffed.ok) throw new Refused(sniffed.message.startsWith('不支持') ? 415 : 400, sniffed.message);
      await fs.promises.rename(part, final);
      const sha256 = hash.digest('hex');
      const at = this.now();
      const row = await this.db.scoped(dbScopeOf(p), async (tx) => {
        const c = await this.cases.readable(tx, p, caseId, true);
        const s = scopeOfCase(c);
        await repo.insertAttachment(tx, s, {
          id,
          docKind: checked.docKind,
          filename,
          mediaType: sniffed.mediaType,
          bytes,
          sha256,
          uploadedBy: p.userId,
          uploadedByName: p.displayName,
          at,
        });
        await appendHistory(tx, s, {
          kind: 'attachment',
          event: checked.docKind,
          actorId: p.userId,
          actorName: p.displayName,
          detail: { attachmentId: id, filename, bytes, sha256 },
          at,
        });
        await this.audit.append(tx, actorOf(p, p.ip), {
          action: 'case.attachment',
          outcome: 'success',
          objectType: 'case',
          objectId: c.id,
          detail: { attachmentId: id, docKind: checked.docKind, bytes, sha256, mediaType: sniffed.mediaType },
        });
        return {
          t: this.cases.types.get(c.type),
          a: (await repo.findAttachment(tx, { countyCode: c.countyCode, caseId: c.id }, id))!,
        };
      });
      kept = true;
      return this.dto(row.t, row.a);
    } catch (err) {
      if (!input.stream.destroyed) input.stream.resume();
      if (err instanceof Refused) throw new HttpError(err.status, 'BAD_ATTACHMENT', err.message);
      throw err;
    } finally {
      if (!kept) {
        await fs.promises.rm(part, { force: true });
        await fs.promises.rm(final, { force: true });
      }
    }
  }

  /** An attachment to send: the audit entry (a disclosure) is committed before the caller sends the file. */
  async download(p: Principal, caseId: string, attachmentId: string): Promise<AttachmentDownload> {
    access(p, CASES_READ);
    const a = await this.db.scoped(dbScopeOf(p), async (tx) => {
      const c = await this.cases.readable(tx, p, caseId);
      return repo.findAttachment(tx, { countyCode: c.countyCode, caseId: c.id }, attachmentId);
    });
    if (!a) throw notFound('附件不存在');
    const file = this.fileOf(a.countyCode, a.id);
    if (!fs.existsSync(file)) throw notFound('附件文件已不存在，请联系系统管理员');
    await this.audit.record(actorOf(p, p.ip), {
      action: 'case.attachment_download',
      outcome: 'success',
      objectType: 'case',
      objectId: caseId,
      detail: { attachmentId: a.id, filename: a.filename, sha256: a.sha256 },
    });
    return { filename: a.filename, mediaType: a.mediaType, bytes: a.bytes, file };
  }

  /**
   * Generated demo data: an attachment written directly (already-typed content) in the caller's transaction,
   * for a case it has just opened.
   */
  async seedDemo(
    tx: Executor,
    p: Principal,
    c: CaseRow,
    input: { docKind: string; filename: string; mediaType: string; content: Buffer; at: Date },
  ): Promise<void> {
    const id = randomUuid();
    const file = this.fileOf(c.countyCode, id);
    await fs.promises.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    await fs.promises.writeFile(file, input.content, { mode: 0o600 });
    const s = scopeOfCase(c);
    const sha256 = createHash('sha256').update(input.content).digest('hex');
    await repo.insertAttachment(tx, s, {
      id,
      docKind: input.docKind,
      filename: input.filename,
      mediaType: input.mediaType,
      bytes: input.content.length,
      sha256,
      uploadedBy: p.userId,
      uploadedByName: p.displayName,
      at: input.at,
    });
    await appendHistory(tx, s, {
      kind: 'attachment',
      event: input.docKind,
      actorId: p.userId,
      actorName: p.displayName,
      detail: { attachmentId: id, filename: input.filename, bytes: input.content.length, sha256 },
      at: input.at,
    });
  }
}
