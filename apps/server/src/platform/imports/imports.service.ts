import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Transform, type Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pgErrorCode, SYSTEM_SCOPE, type Database, type Executor } from '../../db/client.js';
import { access } from '../access/access.js';
import { dbScopeOf, type Principal } from '../access/principal.js';
import * as accounts from '../accounts/accounts.repo.js';
import { actorOf, AuditWriteError, type AuditLog } from '../audit/audit.js';
import { buildPrincipal } from '../auth/auth.service.js';
import { randomUuid, type FieldCipher } from '../crypto/index.js';
import { badRequest, conflict, HttpError, notFound } from '../http/errors.js';
import {
  cellString,
  classify,
  csvRows,
  detectDelimiter,
  FileRejected,
  ImportFailure,
  inspectXlsx,
  isBlankRow,
  MESSAGES,
  scanCsv,
  scanXlsx,
  UploadSniffer,
  xlsxRows,
  type CsvEncoding,
  type RawCell,
  type RawRow,
} from './formats.js';
import * as repo from './imports.repo.js';
import type { JobRow, JobStatus } from './imports.repo.js';
import {
  getImportKind,
  keepsSpaces,
  listImportKinds,
  normalizeCell,
  normalizeHeader,
  RESERVED_HEADERS,
  type CommitContext,
  type CommitResult,
  type ImportColumn,
  type ImportKind,
} from './kinds.js';
import { KeyIndex } from './keyIndex.js';
import { addTime, takeTimings, timed, timingOn } from './timing.js';
import { errorSummary, writeErrorsWorkbook, writeTemplate, type ErrorRow } from './workbooks.js';

export interface ImportOptions {
  /** Uploads are kept in `<dataDir>/imports/<jobId>.<xlsx|csv>` until their job is done. */
  dataDir: string;
  /** Largest accepted upload (default 200 MB). */
  maxBytes: number;
  /** Data rows per file when the kind sets none (default 1,000,000). */
  maxRows: number;
  /** Rows per committed transaction (default 1,000). */
  batchSize: number;
  /** Failed rows kept for the error workbook (default 100,000; all are counted). */
  maxStoredErrors: number;
  /** Longest cell accepted (characters, default 2,000). */
  maxCellLength: number;
  /** Reading the file making no progress this long fails the job (default 5 minutes). */
  stallMs: number;
  /**
   * Rows per transaction on the embedded database (default 200): its one connection is shared with
   * every request, so a batch is kept short and the runner yields between batches.
   */
  embeddedBatchSize: number;
  /**
   * On the embedded database, the time one batch transaction should hold the connection (default
   * 60 ms): the batch size adapts after each commit, between 50 rows and embeddedBatchSize.
   */
  embeddedBatchMs: number;
}

export const DEFAULT_IMPORT_OPTIONS: Omit<ImportOptions, 'dataDir'> = {
  maxBytes: 200 * 1024 * 1024,
  maxRows: 1_000_000,
  batchSize: 1000,
  maxStoredErrors: 100_000,
  maxCellLength: 2000,
  stallMs: 5 * 60_000,
  embeddedBatchSize: 200,
  embeddedBatchMs: 60,
};

/**
 * Batches read ahead of the last commit (import pipeline): while batch n commits, batch n+1 is being prepared
 * (sealed in worker threads) and batch n+2 read and parsed.
 */
const READ_AHEAD = 2;

/** Starts of a job without progress before it is quarantined (failed for good, never resumed). */
export const MAX_ATTEMPTS = 2;
export const QUARANTINE_MESSAGE =
  '导入任务已连续两次未能完成（处理出错或导致服务中断），为保护系统已停止自动续传，任务终止。已保存的数据不受影响；请检查文件内容（或在 Excel 中重新保存）后重新上传';

/**
 * Lets everything that is waiting run first: I/O callbacks (new requests) and the transactions they
 * queue on the database. setImmediate runs after the poll phase, so a request that arrived during a
 * batch is read before the next batch is started.
 */
function yieldToOthers(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** What the API returns for a job. `processedRows` = rows handled so far (ok + failed), of `totalRows`. */
export interface ImportJobDto {
  id: string;
  kind: string;
  kindTitle: string;
  filename: string;
  format: 'xlsx' | 'csv';
  encoding: string | null;
  status: JobStatus;
  totalRows: number | null;
  processedRows: number;
  okRows: number;
  errorRows: number;
  createdRows: number;
  updatedRows: number;
  unchangedRows: number;
  message: string | null;
  createdByName: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** A failed job whose file is still there: POST /api/imports/:id/retry continues where it stopped. */
  retryable: boolean;
}

/** One failed row as the console lists it: every message of the row, per column. */
export interface ImportErrorRowDto {
  rowNo: number;
  /** One-line summary, as in the workbook's 错误说明 column. */
  summary: string;
  errors: { column: string | null; header: string | null; message: string }[];
}

export interface Download {
  filename: string;
  /** ASCII fallback of the name (Content-Disposition filename=). */
  asciiName?: string;
  /** Streams the workbook into `out`; rejects (and the caller destroys `out`) on failure. */
  write(out: Writable): Promise<void>;
}

const RAW_CONTEXT = 'import_row_errors.raw';
const MACRO_EXT = new Set(['.xlsm', '.xltm', '.xlam']);

class StopRequested extends Error {}

interface RunState {
  processed: number;
  stored: number;
  attempts: number;
  /** How long the last batch's transaction took (ms), to size the next one on the embedded database. */
  lastCommitMs?: number;
  lastCommitRows?: number;
}
class ConcurrentRun extends Error {}

interface PendingRow {
  rowNo: number;
  raw: Record<string, string>;
  value?: unknown;
  errors?: Record<string, string>;
  /** Natural key of a row that parsed without errors (claimed in the key index when its batch commits). */
  key?: string;
}

interface Mapping {
  headerRowNo: number;
  /** per column index: the kind's column, 'ignore' (an engine column of the error workbook) or null (no header) */
  cols: (ImportColumn | 'ignore' | null)[];
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

function colLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** The name as shown and stored: no path, no control characters, at most 200 characters. */
export function cleanFilename(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const clean = base
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim()
    .slice(-200);
  return clean || '未命名文件';
}

const SCI_NOTATION = /^\d(?:\.\d+)?E\+(\d+)$/i;
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

function isDataError(err: unknown): boolean {
  const c = pgErrorCode(err);
  return !!c && (c.startsWith('22') || c.startsWith('23'));
}

function dataErrorMessage(err: unknown): string {
  const c = pgErrorCode(err) ?? '';
  if (c === '23505') return '记录已存在（唯一性冲突）';
  if (c === '23503') return '引用的记录不存在';
  if (c === '23514' || c === '23502') return '数据不符合约束';
  if (c === '22001') return '内容过长';
  return '数据格式不正确，数据库拒绝保存';
}

/**
 * The import engine: uploads are checked and stored, then run one at a time in-process. Each batch
 * of rows is committed in one transaction together with its error rows, the job's progress and an
 * audit entry, so an acknowledged batch is never lost and a half batch never exists; a job that was
 * interrupted continues after its last committed row.
 */
export class ImportsService {
  readonly options: ImportOptions;
  private readonly queue: { id: string; principal?: Principal }[] = [];
  private current: string | null = null;
  private active: Promise<void> | null = null;
  private closing = false;
  /** Where the runner reports what it cannot put on a job (buildApp points it at the app's logger). */
  log: (msg: string, err?: unknown) => void = (msg, err) => console.error(`[imports] ${msg}`, err ?? '');

  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
    private readonly cipher: FieldCipher,
    private readonly now: () => Date,
    options: Partial<ImportOptions> = {},
  ) {
    this.options = {
      ...DEFAULT_IMPORT_OPTIONS,
      dataDir: options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'mwsp-')),
      ...options,
    } as ImportOptions;
  }

  /** Changes limits or the folder at run time (tests, configuration). */
  configure(o: Partial<ImportOptions>): void {
    Object.assign(this.options, o);
  }

  private get uploadDir(): string {
    return path.join(this.options.dataDir, 'imports');
  }

  /** The kind, after the caller's permission for it is checked. */
  kindFor(p: Principal, name: string | undefined): ImportKind<unknown> {
    if (!name) throw badRequest('请选择导入类型（kind）', [{ path: 'kind', message: '请选择导入类型' }]);
    const kind = getImportKind(name);
    if (!kind) throw notFound('导入类型不存在');
    access(p, kind.permission);
    return kind;
  }

  // ------------------------------------------------------------------ upload

  /**
   * Stores an upload and queues its job. The stream is written to disk as it arrives while its SM3
   * digest, size, format (by content: ZIP with xl/workbook.xml, or text) and CSV encoding are
   * determined; `truncated` reports a transport-level size cut (multipart limit).
   */
  async createJob(
    p: Principal,
    input: {
      kind: string | undefined;
      filename: string | undefined;
      stream: Readable;
      truncated?: () => boolean;
      params?: Record<string, string>;
    },
  ): Promise<ImportJobDto> {
    const kind = this.kindFor(p, input.kind);
    const params = Object.fromEntries((kind.paramKeys ?? []).map((k) => [k, String(input.params?.[k] ?? '')]));
    if (kind.checkParams) {
      try {
        await kind.checkParams(params, p);
      } catch (err) {
        input.stream.resume(); // let the client finish sending, so it reads the answer
        throw err;
      }
    }
    const filename = cleanFilename(input.filename);
    const actor = actorOf(p, p.ip);
    const ext = path.extname(filename).toLowerCase();
    const id = randomUuid();
    const part = path.join(this.uploadDir, `${id}.part`);
    let finalPath: string | null = null;
    let bytes = 0;
    try {
      if (MACRO_EXT.has(ext)) throw new FileRejected(400, MESSAGES.macro);
      if (ext === '.xls') throw new FileRejected(400, MESSAGES.xls);
      await fs.promises.mkdir(this.uploadDir, { recursive: true, mode: 0o700 });
      const sniffer = new UploadSniffer();
      const max = this.options.maxBytes;
      const tooLarge = () => new FileRejected(413, `文件超过 ${sizeText(max)} 的上限，请拆分后分批导入`);
      let streamFailed = false;
      const meter = new Transform({
        transform(chunk: Buffer, _enc, cb) {
          sniffer.push(chunk);
          if (sniffer.bytes > max) cb(tooLarge());
          else cb(null, chunk);
        },
      });
      input.stream.once('error', () => {
        streamFailed = true;
      });
      try {
        await pipeline(input.stream, meter, fs.createWriteStream(part, { flags: 'wx', mode: 0o600 }));
      } catch (err) {
        if (err instanceof FileRejected) throw err;
        if (streamFailed || !(err as NodeJS.ErrnoException).syscall)
          throw new FileRejected(400, '文件上传未完成，请重新上传');
        throw err; // the disk: a server problem
      }
      if (input.truncated?.()) throw tooLarge();
      const s = sniffer.finish();
      bytes = s.bytes;
      const { format, encoding } = classify(s.head, s.bytes, s.utf8Valid);
      if (format === 'xlsx') await inspectXlsx(part);
      finalPath = path.join(this.uploadDir, `${id}.${format}`);
      await fs.promises.rename(part, finalPath);
      const scope = dbScopeOf(p);
      const job = await this.db.scoped(scope, async (tx) => {
        const row = await repo.insertJob(tx, {
          id,
          kind: kind.kind,
          filename,
          filePath: finalPath!,
          sha: s.sm3,
          bytes: s.bytes,
          format,
          encoding,
          createdBy: p.userId,
          createdByName: p.displayName,
          regionScope: scope.region,
          departmentId: p.departmentId,
          now: this.now(),
          params,
        });
        await this.audit.append(tx, actor, {
          action: 'import.create',
          outcome: 'success',
          objectType: 'import_job',
          objectId: id,
          detail: { kind: kind.kind, filename, sm3: s.sm3, bytes: s.bytes, format, encoding },
        });
        return row;
      });
      this.enqueue(id, p);
      return this.toDto(job);
    } catch (err) {
      await fs.promises.rm(part, { force: true }).catch(() => {});
      if (finalPath) await fs.promises.rm(finalPath, { force: true }).catch(() => {});
      if (err instanceof FileRejected) {
        await this.audit.record(actor, {
          action: 'import.create',
          outcome: 'failure',
          objectType: 'import_job',
          objectId: null,
          detail: { kind: kind.kind, filename, bytes, reason: err.message },
        });
        throw new HttpError(err.status, err.status === 413 ? 'FILE_TOO_LARGE' : 'BAD_FILE', err.message, [
          { path: 'file', message: err.message },
        ]);
      }
      throw err;
    }
  }

  // ------------------------------------------------------------------ reading jobs

  toDto(j: JobRow): ImportJobDto {
    return {
      id: j.id,
      kind: j.kind,
      kindTitle: getImportKind(j.kind)?.title ?? j.kind,
      filename: j.filename,
      format: j.format,
      encoding: j.encoding,
      status: j.status,
      totalRows: j.totalRows,
      processedRows: j.okRows + j.errorRows,
      okRows: j.okRows,
      errorRows: j.errorRows,
      createdRows: j.createdRows,
      updatedRows: j.updatedRows,
      unchangedRows: j.unchangedRows,
      message: j.message,
      createdByName: j.createdByName,
      createdAt: j.createdAt.toISOString(),
      startedAt: j.startedAt?.toISOString() ?? null,
      finishedAt: j.finishedAt?.toISOString() ?? null,
      retryable: j.status === 'failed' && !!j.filePath,
    };
  }

  /** A job the caller may see: its kind's permission (403), inside the caller's scope (else 404). */
  private async visibleJob(p: Principal, id: string): Promise<{ job: JobRow; kind: ImportKind<unknown> }> {
    const job = await this.db.scoped(dbScopeOf(p), (tx) => repo.findJob(tx, id));
    const kind = job ? getImportKind(job.kind) : undefined;
    if (!job || !kind) throw notFound('导入任务不存在');
    access(p, kind.permission, { regionCode: job.regionScope, departmentId: job.departmentId, ownerId: job.createdBy });
    return { job, kind };
  }

  async getJob(p: Principal, id: string): Promise<ImportJobDto> {
    return this.toDto((await this.visibleJob(p, id)).job);
  }

  /** Jobs of the kinds the caller may import, within its scope, newest first. */
  async listJobs(
    p: Principal,
    q: { page: number; pageSize: number; status?: JobStatus; kind?: string },
  ): Promise<{ items: ImportJobDto[]; total: number }> {
    const kinds = listImportKinds()
      .filter((k) => p.permissions.has(k.permission))
      .map((k) => k.kind);
    const filter: repo.JobFilter = { kinds, page: q.page, pageSize: q.pageSize, status: q.status, kind: q.kind };
    if (p.dataScope === 'self') filter.createdBy = p.userId;
    if (p.dataScope === 'department') filter.departmentId = p.departmentId;
    const { items, total } = await this.db.scoped(dbScopeOf(p), (tx) => repo.listJobs(tx, filter));
    return { items: items.map((j) => this.toDto(j)), total };
  }

  /** Continues a failed job from its last committed row (the file is kept for failures that a retry can fix). */
  async retryJob(p: Principal, id: string): Promise<ImportJobDto> {
    const { job, kind } = await this.visibleJob(p, id);
    if (job.status !== 'failed') throw conflict('只有失败的导入任务可以重试');
    if (!job.filePath || !fs.existsSync(job.filePath)) throw conflict('该任务的文件已删除，请重新上传');
    const row = await this.db.scoped(dbScopeOf(p), async (tx) => {
      if ((await repo.requeue(tx, id, this.now())) !== 1) throw conflict('只有失败的导入任务可以重试');
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'import.retry',
        outcome: 'success',
        objectType: 'import_job',
        objectId: id,
        detail: { kind: kind.kind, fromRow: job.processedRows + 1 },
      });
      return repo.findJob(tx, id);
    });
    this.enqueue(id, p);
    return this.toDto(row!);
  }

  // ------------------------------------------------------------------ workbooks

  /** The kind's template (checks the caller's permission for the kind). */
  templateXlsx(p: Principal, kindName: string): Download {
    const kind = this.kindFor(p, kindName);
    return {
      filename: `${kind.title}导入模板.xlsx`,
      write: async (out) => writeTemplate(kind, out, kind.templateOptions ? await kind.templateOptions() : {}),
    };
  }

  /**
   * The failed rows of a job as a workbook. The access check and the audit entry happen here, before
   * anything is disclosed; `write` then streams the rows page by page.
   */
  async errorsXlsx(p: Principal, id: string): Promise<Download> {
    const { job, kind } = await this.visibleJob(p, id);
    await this.audit.record(actorOf(p, p.ip), {
      action: 'import.errors_download',
      outcome: 'success',
      objectType: 'import_job',
      objectId: id,
      detail: { kind: kind.kind, rows: job.storedErrors },
    });
    const scope = dbScopeOf(p);
    const { db, cipher } = this; // the generator below is a function of its own
    async function* rows(): AsyncGenerator<ErrorRow> {
      let after = 0;
      for (;;) {
        const page = await db.scoped(scope, (tx) => repo.rowErrorsPage(tx, id, after, 2000));
        for (const r of page) {
          yield {
            rowNo: r.rowNo,
            cells: r.cells,
            raw: JSON.parse(cipher.decrypt(r.rawEnc, RAW_CONTEXT)) as Record<string, string>,
          };
        }
        if (page.length < 2000) return;
        after = page[page.length - 1].rowNo;
      }
    }
    return {
      filename: this.errorsFilename(job, kind),
      asciiName: this.errorsFilename(job, kind, true),
      write: (out) => writeErrorsWorkbook(kind.columns, rows(), out),
    };
  }

  /** Distinct per job: the kind, the job's short id and the day it was created (Beijing time). */
  errorsFilename(job: JobRow, kind: ImportKind<unknown>, ascii = false): string {
    const day = new Date(job.createdAt.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
    const short = job.id.slice(0, 8);
    return ascii ? `import-errors_${kind.kind}_${short}_${day}.xlsx` : `${kind.title}_导入错误_${short}_${day}.xlsx`;
  }

  /**
   * The failed rows of a job, a page at a time, for the console: every message of each row. The
   * values as uploaded (personal data) are not included — they are in the audited workbook.
   */
  async listErrors(
    p: Principal,
    id: string,
    q: { page: number; pageSize: number },
  ): Promise<{ items: ImportErrorRowDto[]; total: number; errorRows: number }> {
    const { job, kind } = await this.visibleJob(p, id);
    const { items, total } = await this.db.scoped(dbScopeOf(p), (tx) => repo.rowErrorsList(tx, id, q.page, q.pageSize));
    const headerOf = new Map(kind.columns.map((c) => [c.key, c.header]));
    return {
      total,
      errorRows: job.errorRows,
      items: items.map((r) => ({
        rowNo: r.rowNo,
        summary: errorSummary(kind.columns, r.cells),
        errors: Object.entries(r.cells).map(([k, message]) => ({
          column: headerOf.has(k) ? k : null,
          header: headerOf.get(k) ?? null,
          message,
        })),
      })),
    };
  }

  // ------------------------------------------------------------------ the runner

  /** On start-up: continues jobs left queued or running by a previous process. Returns how many. */
  async resumeInterrupted(): Promise<number> {
    try {
      for (const f of await fs.promises.readdir(this.uploadDir)) {
        // uploads cut by the stop
        if (f.endsWith('.part')) await fs.promises.rm(path.join(this.uploadDir, f), { force: true });
      }
    } catch {
      // no folder yet
    }
    const jobs = await this.db.scoped(SYSTEM_SCOPE, (tx) => repo.jobsToResume(tx));
    for (const j of jobs) this.enqueue(j.id);
    return jobs.length;
  }

  /** Resolves when the queue is empty (tests; shutdown). */
  async idle(): Promise<void> {
    while (this.active) await this.active;
  }

  /** Stops after the batch in progress; an unfinished job stays 'running' and resumes at the next start. */
  async close(): Promise<void> {
    this.closing = true;
    await this.idle();
  }

  private enqueue(id: string, principal?: Principal): void {
    if (this.current !== id && !this.queue.some((q) => q.id === id)) this.queue.push({ id, principal });
    this.kick();
  }

  private kick(): void {
    if (this.active || this.closing || this.queue.length === 0) return;
    this.active = this.drain().finally(() => {
      this.active = null;
      this.kick();
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0 && !this.closing) {
      const next = this.queue.shift()!;
      this.current = next.id;
      try {
        await this.runJob(next.id, next.principal);
      } catch (err) {
        this.log(`job ${next.id} could not be run`, err);
      } finally {
        this.current = null;
      }
    }
  }

  /** The uploader as of now (a resumed job runs with the account's current roles and scope). */
  private async principalOf(userId: string): Promise<Principal | null> {
    return this.db.scoped(SYSTEM_SCOPE, async (tx) => {
      const user = await accounts.findUserById(tx, userId);
      if (!user || user.status !== 'active') return null;
      return buildPrincipal(user, await accounts.rolesOfUser(tx, userId), 'session', '');
    });
  }

  private async runJob(id: string, given?: Principal): Promise<void> {
    const job = await this.db.scoped(SYSTEM_SCOPE, (tx) => repo.findJob(tx, id));
    if (!job || (job.status !== 'queued' && job.status !== 'running')) return;
    const kind = getImportKind(job.kind);
    if (!kind) return this.fail(job, null, '导入类型已不存在，任务终止', true);
    const p = given ?? (await this.principalOf(job.createdBy));
    if (!p || !p.permissions.has(kind.permission))
      return this.fail(job, p, '导入人账号已停用或已无该类数据的导入权限，任务终止', true);
    if (!job.filePath || !fs.existsSync(job.filePath)) return this.fail(job, p, '上传的文件已不存在，请重新上传', true);
    const attempts = await this.db.scoped(SYSTEM_SCOPE, (tx) => repo.markRunning(tx, id, this.now()));
    if (attempts === null) return;
    // Counted before the start: a job that took the process down twice never gets a third start.
    if (attempts > MAX_ATTEMPTS) {
      this.log(`job ${id} quarantined after ${attempts - 1} starts without progress`);
      return this.fail(job, p, QUARANTINE_MESSAGE, true);
    }
    const state: RunState = { processed: job.processedRows, stored: job.storedErrors, attempts };
    try {
      const total = await this.process(job, kind, p, state);
      await this.finish(job, p, total);
      if (kind.afterJob)
        await kind
          .afterJob({ principal: p, importId: job.id, params: job.params })
          .catch((err: unknown) => this.log(`after-job step of ${id} failed`, err));
    } catch (err) {
      if (err instanceof StopRequested) {
        await this.db.scoped(SYSTEM_SCOPE, (tx) => repo.forgiveAttempt(tx, id)).catch(() => {});
        return;
      }
      if (err instanceof ConcurrentRun) {
        // Another runner advanced the job — unless the job is simply outside the uploader's current scope.
        const now = await this.db.scoped(SYSTEM_SCOPE, (tx) => repo.findJob(tx, id));
        if (now?.status === 'running' && now.processedRows === state.processed)
          return this.fail(job, p, '导入人的数据范围已变更，任务终止', true);
        return;
      }
      if (err instanceof ImportFailure) return this.fail(job, p, err.message, true);
      this.log(`job ${id} interrupted`, err);
      const reason = err instanceof AuditWriteError ? '审计日志写入失败' : pgErrorCode(err) ? '数据库错误' : '系统错误';
      // The second failure in a row without progress: quarantined, not offered for another retry.
      if (state.attempts >= MAX_ATTEMPTS)
        return this.fail(
          job,
          p,
          `${QUARANTINE_MESSAGE}（最后一次：第 ${state.processed + 1} 行附近，${reason}）`,
          true,
        );
      return this.fail(
        job,
        p,
        `导入在第 ${state.processed + 1} 行附近中断（${reason}）。已保存的数据不受影响，可重试从中断处继续`,
        false,
      );
    }
  }

  private async finish(job: JobRow, p: Principal, total: number): Promise<void> {
    const done = await this.db.scoped(SYSTEM_SCOPE, async (tx) => {
      const cur = await repo.findJob(tx, job.id);
      if (!cur || cur.status !== 'running') return undefined;
      const capped = cur.errorRows > cur.storedErrors ? `；错误明细只保存了前 ${cur.storedErrors} 行` : '';
      const message =
        total === 0
          ? '文件中没有数据行'
          : `导入完成：共 ${total} 行，成功 ${cur.okRows} 行` +
            `（新增 ${cur.createdRows}，更新 ${cur.updatedRows}，无变化 ${cur.unchangedRows}），` +
            `失败 ${cur.errorRows} 行${capped}`;
      const row = await repo.finishJob(tx, job.id, {
        status: 'done',
        message,
        totalRows: total,
        now: this.now(),
        dropFile: true,
      });
      await repo.forgetKeys(tx, job.id);
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'import.finish',
        outcome: 'success',
        objectType: 'import_job',
        objectId: job.id,
        detail: {
          kind: job.kind,
          total,
          ok: cur.okRows,
          errors: cur.errorRows,
          created: cur.createdRows,
          updated: cur.updatedRows,
          unchanged: cur.unchangedRows,
        },
      });
      return row;
    });
    if (done && job.filePath) await fs.promises.rm(job.filePath, { force: true }).catch(() => {});
  }

  /** Ends a job as failed; `permanent` failures (the file itself) drop the file, others keep it for a retry. */
  private async fail(job: JobRow, p: Principal | null, message: string, permanent: boolean): Promise<void> {
    try {
      const row = await this.db.scoped(SYSTEM_SCOPE, async (tx) => {
        const r = await repo.finishJob(tx, job.id, { status: 'failed', message, now: this.now(), dropFile: permanent });
        if (permanent) await repo.forgetKeys(tx, job.id);
        if (r) {
          await this.audit.append(tx, p ? actorOf(p, p.ip) : { userId: job.createdBy, username: null }, {
            action: 'import.finish',
            outcome: 'failure',
            objectType: 'import_job',
            objectId: job.id,
            detail: {
              kind: job.kind,
              reason: message.slice(0, 200),
              retryable: !permanent,
              ok: r.okRows,
              errors: r.errorRows,
            },
          });
        }
        return r;
      });
      if (row && permanent && job.filePath) await fs.promises.rm(job.filePath, { force: true }).catch(() => {});
    } catch (err) {
      // The job stays as it is ('running') and is taken up again by resumeInterrupted at the next start.
      this.log(`job ${job.id}: could not record its failure`, err);
    }
  }

  /**
   * Wraps a row source: reading that makes no progress for stallMs fails the job instead of hanging it.
   * Each row gets a promise of its own that the watchdog can reject; racing every row against one
   * long-lived promise would pin every row (and its reaction) in memory until the job ends.
   */
  private async *guarded(rows: AsyncGenerator<RawRow>): AsyncGenerator<RawRow> {
    let last = Date.now();
    let failPending: ((e: Error) => void) | null = null;
    const limit = this.options.stallMs;
    const timer = setInterval(
      () => {
        if (Date.now() - last > limit) failPending?.(new ImportFailure('读取文件超时，文件可能已损坏'));
      },
      Math.max(10, Math.min(limit / 4, 5000)),
    );
    timer.unref();
    try {
      for (;;) {
        const next = rows.next();
        next.catch(() => {}); // if the watchdog fails the wait first, a late rejection is not an unhandled one
        const r = await new Promise<IteratorResult<RawRow>>((resolve, reject) => {
          failPending = reject;
          next.then(resolve, reject);
        });
        failPending = null;
        last = Date.now();
        if (r.done) return;
        yield r.value;
      }
    } finally {
      clearInterval(timer);
      void rows.return(undefined).catch(() => {});
    }
  }

  private mapHeader(kind: ImportKind<unknown>, row: RawRow, sheetName: string | null): Mapping {
    const byHeader = new Map(
      kind.columns.flatMap((c) => [c.header, ...(c.aliases ?? [])].map((h) => [normalizeHeader(h), c] as const)),
    );
    const seen = new Set<string>();
    const unknown: string[] = [];
    const dup: string[] = [];
    const cols = row.cells.map((c) => {
      const h = normalizeHeader(cellString(c));
      if (!h) return null;
      if (RESERVED_HEADERS.has(h)) return 'ignore' as const;
      const col = byHeader.get(h);
      if (!col) {
        unknown.push(h);
        return null;
      }
      if (seen.has(col.key)) dup.push(col.header);
      seen.add(col.key);
      return col;
    });
    const missing = kind.columns.filter((c) => c.required && !seen.has(c.key)).map((c) => c.header);
    const problems: string[] = [];
    if (unknown.length) problems.push(`包含无法识别的列：${unknown.join('、')}`);
    if (dup.length) problems.push(`列重复：${dup.join('、')}`);
    if (missing.length) problems.push(`缺少必填列：${missing.join('、')}`);
    if (problems.length) {
      const where = sheetName ? `工作表「${sheetName}」第 ${row.rowNo} 行` : `第 ${row.rowNo} 行`;
      throw new ImportFailure(
        `表头与「${kind.title}」模板不一致（${where}）：${problems.join('；')}。请下载最新模板，按模板的列填写后再导入`,
      );
    }
    return { headerRowNo: row.rowNo, cols };
  }

  /**
   * Normalised values for parseRow, the values as uploaded (for the error workbook), and the engine's own cell
   * errors.
   */
  private prepareRow(
    m: Mapping,
    row: RawRow,
    kind: ImportKind<unknown>,
  ): { record: Record<string, string>; raw: Record<string, string>; errors: Record<string, string> } {
    const record: Record<string, string> = {};
    const raw: Record<string, string> = {};
    const errors: Record<string, string> = {};
    for (const c of kind.columns) record[c.key] = '';
    const maxLen = this.options.maxCellLength;
    const unnamed: string[] = [];
    for (let i = 0; i < row.cells.length; i++) {
      const cell: RawCell = row.cells[i];
      const text = cellString(cell);
      const col = m.cols[i];
      if (col === 'ignore') continue;
      if (!col) {
        if (text.trim() !== '') unnamed.push(colLetter(i + 1));
        continue;
      }
      raw[col.key] = text;
      const v = normalizeCell(text, keepsSpaces(col));
      record[col.key] = v;
      if (typeof cell !== 'string') {
        if (cell.problem === 'long_number') errors[col.key] = `${col.header}被 Excel 转成了数字，请将该列设为文本格式`;
        else if (cell.problem === 'no_result')
          errors[col.key] = `${col.header}的公式没有计算结果，请在 Excel 中打开并保存文件后再导入`;
        else errors[col.key] = `${col.header}是错误值 ${cell.text}，请修正后再导入`;
      } else if (SCI_NOTATION.test(v) && Number(SCI_NOTATION.exec(v)![1]) >= 10) {
        errors[col.key] = `${col.header}被 Excel 转成了数字，请将该列设为文本格式`;
      } else if (CONTROL_CHARS.test(v)) {
        errors[col.key] = `${col.header}包含不可见的控制字符，请删除后再导入`;
      } else if (v.includes('\uFFFD')) {
        errors[col.key] = `${col.header}包含无法识别的字符，请确认文件编码为 UTF-8 或 GBK`;
      } else if ([...v].length > Math.min(maxLen, col.maxLength ?? maxLen)) {
        errors[col.key] = `${col.header}内容过长（最多 ${Math.min(maxLen, col.maxLength ?? maxLen)} 个字符）`;
      }
    }
    if (unnamed.length) errors._row = `第 ${unnamed.join('、')} 列没有表头，但填写了内容`;
    return { record, raw, errors };
  }

  /** Reads the file, commits batch after batch; returns the number of data rows. */
  private async process(job: JobRow, kind: ImportKind<unknown>, p: Principal, state: RunState): Promise<number> {
    const maxRows = kind.maxRows ?? this.options.maxRows;
    let source: () => AsyncGenerator<RawRow>;
    let sheetName: string | null = null;
    let counted: number;
    if (job.format === 'xlsx') {
      const layout = await inspectXlsx(job.filePath!).catch((e: unknown) => {
        throw e instanceof FileRejected ? new ImportFailure(e.message) : e;
      });
      sheetName = layout.sheetName;
      counted = await scanXlsx(layout);
      source = () => xlsxRows(layout);
    } else {
      const enc = (job.encoding ?? 'utf-8') as CsvEncoding;
      const delimiter = await detectDelimiter(job.filePath!, enc);
      counted = await scanCsv(job.filePath!, enc, delimiter);
      source = () => csvRows(job.filePath!, enc, delimiter);
    }
    if (counted === 0) throw new ImportFailure('文件中没有内容（缺少表头行）');
    if (kind.prepare) await kind.prepare({ principal: p, importId: job.id, params: job.params });
    const estimate = counted - 1;
    await this.db.scoped(SYSTEM_SCOPE, (tx) => repo.setTotal(tx, job.id, estimate, this.now()));
    if (estimate > maxRows)
      throw new ImportFailure(`文件有 ${estimate} 行数据，超过单次导入上限 ${maxRows} 行，请拆分后分批导入`);

    let mapping: Mapping | null = null;
    let dataRows = 0;
    // In-file duplicates (a row whose natural key an earlier row of the file holds). A row claims its key when its
    // batch commits, in row order, and gives it up if the kind then fails it (rules that run after parseRow, e.g.
    // at commit): a later valid row with the same key is then no duplicate. After an interruption the index is
    // rebuilt from the committed prefix: its rows claim their keys again, except those that failed when committed.
    const keys = new KeyIndex(estimate);
    const failedBefore =
      state.processed > 0
        ? await this.db.scoped(SYSTEM_SCOPE, (tx) => repo.errorRowNos(tx, job.id, state.processed))
        : new Set<number>();
    let batch: PendingRow[] = [];
    // A pipeline of three stages, each on its own core when there is one: the file is read and parsed on the
    // event loop, a full batch is prepared (the kind's prepareBatch: e.g. rules and sealing in worker threads),
    // a prepared batch is committed (PostgreSQL's work). Commits stay strictly in order (each waits for the one
    // before), so the resume cursor only ever moves forward; at most READ_AHEAD batches are read ahead of the
    // last commit, which bounds the memory an import holds.
    let chain: Promise<void> = Promise.resolve();
    const window: Promise<void>[] = [];
    // Set when reading fails: batches queued behind the commit in progress are then not committed (as before the
    // pipeline: the job stops after the transaction in flight).
    let stopped = false;
    const enqueue = (rows: PendingRow[]) => {
      const prepared = timed('prepareBatch', () => this.prepareBatch(kind, p, job, rows));
      prepared.catch(() => {}); // observed in the chain
      const before = chain;
      chain = (async () => {
        await before; // a failed commit fails every later one (nothing after it is written)
        await timed('commit: wait for prepareBatch', () => prepared);
        if (this.closing || stopped) throw new StopRequested();
        resize();
        // Between two transactions: requests that queued during the last one take the connection first.
        await yieldToOthers();
        await this.commitBatch(job, kind, p, rows, state, keys);
      })();
      chain.catch(() => {}); // observed by the reader (window) or at the end
      window.push(chain);
    };
    const embedded = this.db.kind === 'pglite';
    const maxBatch = embedded
      ? Math.min(this.options.batchSize, this.options.embeddedBatchSize)
      : this.options.batchSize;
    let batchSize = maxBatch;
    // On the embedded database the next batch is sized from how long the last one held the connection.
    const resize = () => {
      if (!embedded || !state.lastCommitMs) return;
      const target = this.options.embeddedBatchMs;
      const perRow = state.lastCommitMs / Math.max(1, state.lastCommitRows ?? 1);
      // A floor of 50 rows: each commit has a fixed cost (progress, audit, the WAL write), so tiny
      // batches would hold the connection more often without holding it for less.
      batchSize = Math.max(Math.min(50, maxBatch), Math.min(maxBatch, Math.floor(target / Math.max(0.01, perRow))));
    };
    let sinceYield = 0;
    try {
      for await (const row of this.guarded(source())) {
        // Parsing and checking rows is CPU work on the event loop: let requests in every few rows.
        if (++sinceYield >= 16) {
          sinceYield = 0;
          await yieldToOthers();
        }
        if (isBlankRow(row.cells)) continue;
        if (!mapping) {
          mapping = this.mapHeader(kind, row, sheetName);
          continue;
        }
        if (++dataRows > maxRows)
          throw new ImportFailure(
            `文件超过单次导入上限 ${maxRows} 行，请拆分后分批导入（已导入至第 ${state.processed} 行）`,
          );
        const { record, raw, errors } = this.prepareRow(mapping, row, kind);
        let parsed: ReturnType<ImportKind<unknown>['parseRow']>;
        try {
          parsed = kind.parseRow(record, row.rowNo);
        } catch (err) {
          this.log(`kind ${kind.kind}: parseRow threw on row ${row.rowNo}`, err);
          parsed = { ok: false, errors: { _row: '该行数据无法解析' } };
        }
        if (!parsed.ok) {
          for (const [k, msg] of Object.entries(parsed.errors)) if (!errors[k]) errors[k] = msg;
        }
        const failed = Object.keys(errors).length > 0 || !parsed.ok;
        const key = parsed.ok && !failed ? parsed.key : undefined;
        // Committed before the interruption: read again only for its key (the index is rebuilt from the prefix as
        // the commits left it; a duplicate's claim finds its holder and changes nothing).
        if (row.rowNo <= state.processed) {
          if (key !== undefined && !failedBefore.has(row.rowNo)) keys.claim(key, row.rowNo);
          continue;
        }
        batch.push(
          failed || !parsed.ok
            ? { rowNo: row.rowNo, raw, errors }
            : { rowNo: row.rowNo, raw, value: parsed.value, key },
        );
        if (batch.length >= batchSize) {
          enqueue(batch);
          batch = [];
          if (window.length >= READ_AHEAD) await timed('read+parse: wait for a commit', () => window.shift()!);
          if (this.closing) throw new StopRequested();
        }
      }
    } catch (err) {
      stopped = true;
      throw err;
    } finally {
      // Never leave a commit running behind a failure: wait for it (its own error, if any, surfaces below).
      await chain.catch(() => {});
      keys.wipe();
    }
    await chain;
    if (!mapping) throw new ImportFailure('文件中没有内容（缺少表头行）');
    if (batch.length) {
      enqueue(batch);
      await chain;
    }
    if (timingOn) this.log(`job ${job.id} timings:\n  ${takeTimings().join('\n  ')}`);
    return dataRows;
  }

  /** The kind's prepareBatch on the rows of a batch that parsed without errors (nothing is written). */
  private async prepareBatch(kind: ImportKind<unknown>, p: Principal, job: JobRow, batch: PendingRow[]): Promise<void> {
    if (!kind.prepareBatch) return;
    const ok = batch.filter((r) => !r.errors).map((r) => ({ rowNo: r.rowNo, value: r.value }));
    if (ok.length) await kind.prepareBatch(ok, { principal: p, importId: job.id, params: job.params });
  }

  private async commitWithFallback(
    tx: Executor,
    kind: ImportKind<unknown>,
    rows: { rowNo: number; value: unknown }[],
    ctx: CommitContext,
  ): Promise<CommitResult[]> {
    await repo.savepoint(tx, 'imp_batch');
    try {
      const r = await kind.commitBatch(tx, rows, ctx);
      await repo.releaseSavepoint(tx, 'imp_batch');
      return r;
    } catch (err) {
      if (!isDataError(err)) throw err;
      await repo.rollbackToSavepoint(tx, 'imp_batch');
    }
    const out: CommitResult[] = [];
    for (const row of rows) {
      await repo.savepoint(tx, 'imp_row');
      try {
        out.push(...(await kind.commitBatch(tx, [row], ctx)));
        await repo.releaseSavepoint(tx, 'imp_row');
      } catch (err) {
        if (!isDataError(err)) throw err;
        await repo.rollbackToSavepoint(tx, 'imp_row');
        out.push({ rowNo: row.rowNo, outcome: 'error', errors: { _row: dataErrorMessage(err) } });
      }
    }
    return out;
  }

  /**
   * The batch's valid rows committed by the kind, each claiming its natural key first, in row order: a row whose
   * key an earlier row holds is that row's duplicate. A row the kind fails gives its key up, and a later row of
   * this batch that was its duplicate is committed in its place (another round, same transaction) — the outcome
   * of reading the file row by row, whatever rules the kind runs after parseRow.
   */
  private async commitClaimed(
    tx: Executor,
    kind: ImportKind<unknown>,
    batch: PendingRow[],
    keys: KeyIndex,
    ctx: CommitContext,
  ): Promise<CommitResult[]> {
    const out: CommitResult[] = [];
    const dupOf = new Map<number, number>();
    const keyOf = new Map<number, string>();
    let round = batch.filter((r) => !r.errors);
    while (round.length) {
      const ok: { rowNo: number; value: unknown }[] = [];
      for (const r of round) {
        if (r.key !== undefined) {
          const first = keys.claim(r.key, r.rowNo);
          if (first !== undefined) {
            dupOf.set(r.rowNo, first);
            continue;
          }
          keyOf.set(r.rowNo, r.key);
        }
        ok.push({ rowNo: r.rowNo, value: r.value });
      }
      const results = ok.length ? await this.commitWithFallback(tx, kind, ok, ctx) : [];
      out.push(...results);
      const gaveUp = new Set<number>();
      for (const res of results) {
        const key = keyOf.get(res.rowNo);
        if (res.outcome !== 'error' || key === undefined) continue;
        keys.release(key, res.rowNo);
        gaveUp.add(res.rowNo);
      }
      round = gaveUp.size ? round.filter((r) => gaveUp.has(dupOf.get(r.rowNo) ?? 0)) : [];
      for (const r of round) dupOf.delete(r.rowNo);
    }
    for (const [rowNo, first] of dupOf) out.push({ rowNo, outcome: 'error', errors: { _row: `与第 ${first} 行重复` } });
    return out;
  }

  /** One batch, one transaction: the kind's rows, the error rows, the job's progress and an audit entry. */
  private async commitBatch(
    job: JobRow,
    kind: ImportKind<unknown>,
    p: Principal,
    batch: PendingRow[],
    state: RunState,
    keys: KeyIndex,
  ): Promise<void> {
    const last = batch[batch.length - 1].rowNo;
    const started = performance.now();
    let tAudit = started;
    const stored = await this.db.scoped(dbScopeOf(p), async (tx) => {
      const tIn = performance.now();
      addTime('commit: begin', tIn - started);
      const results = await timed('commit: kind.commitBatch', () =>
        this.commitClaimed(tx, kind, batch, keys, { principal: p, importId: job.id, params: job.params }),
      );
      const tDone = performance.now();
      const byRow = new Map(results.map((r) => [r.rowNo, r]));
      const d: repo.BatchDelta = {
        processedRows: last,
        ok: 0,
        errors: 0,
        created: 0,
        updated: 0,
        unchanged: 0,
        stored: 0,
      };
      const failed: { rowNo: number; cells: Record<string, string>; raw: Record<string, string> }[] = [];
      for (const r of batch) {
        if (r.errors) {
          failed.push({ rowNo: r.rowNo, cells: r.errors, raw: r.raw });
          continue;
        }
        const res = byRow.get(r.rowNo);
        if (!res) throw new Error(`import kind ${kind.kind}: commitBatch returned no result for row ${r.rowNo}`);
        if (res.outcome === 'error')
          failed.push({
            rowNo: r.rowNo,
            cells: res.errors && Object.keys(res.errors).length ? res.errors : { _row: '保存失败' },
            raw: r.raw,
          });
        else {
          d.ok++;
          d[res.outcome]++;
        }
      }
      d.errors = failed.length;
      const room = Math.max(0, this.options.maxStoredErrors - state.stored);
      const keep = failed.slice(0, room);
      d.stored = keep.length;
      await repo.insertRowErrors(
        tx,
        job,
        keep.map((f) => ({
          rowNo: f.rowNo,
          cells: f.cells,
          rawEnc: this.cipher.encrypt(JSON.stringify(f.raw), RAW_CONTEXT),
        })),
      );
      if ((await repo.advance(tx, job.id, state.processed, d, this.now())) !== 1) throw new ConcurrentRun();
      addTime('commit: errors + progress', performance.now() - tDone);
      tAudit = performance.now();
      // Last, so the audit chain's head is locked only for the commit itself.
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'import.batch',
        outcome: 'success',
        objectType: 'import_job',
        objectId: job.id,
        detail: {
          kind: kind.kind,
          fromRow: batch[0].rowNo,
          toRow: last,
          ok: d.ok,
          errors: d.errors,
          created: d.created,
          updated: d.updated,
          unchanged: d.unchanged,
        },
      });
      return d.stored;
    });
    addTime('commit: audit + COMMIT', performance.now() - tAudit);
    addTime('commit: total', performance.now() - started);
    state.processed = last;
    state.stored += stored;
    state.lastCommitMs = performance.now() - started;
    state.lastCommitRows = batch.length;
    state.attempts = 1; // progress: the count starts again (repo.advance did the same)
  }
}
