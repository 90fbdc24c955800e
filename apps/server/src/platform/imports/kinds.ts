import type { Executor } from '../../db/client.js';
import type { Principal } from '../access/principal.js';

/**
 * The extension point of the import engine. The platform knows no business domain: a module
 * registers an "import kind" (its columns, how one row is parsed, how a batch is saved) and the
 * engine does the rest — upload, format and encoding detection, header check, normalisation,
 * in-file duplicates, batching, progress, resumption, the error workbook and the template.
 */
export interface ImportColumn {
  /** Key of the value in `parseRow`'s raw record and in per-cell error maps. */
  key: string;
  /** Chinese column header, exactly as in the template. */
  header: string;
  required?: boolean;
  /** Drop-down values of the template (long lists go to a hidden sheet '_lists'). */
  options?: string[];
  /**
   * The drop-down only suggests (other values may be typed, e.g. region names below the listed
   * level): the template's validation shows no error. Default false: values outside it are refused.
   */
  suggestOnly?: boolean;
  /** Longest value accepted (characters; default the engine's maxCellLength, 2,000). */
  maxLength?: number;
  /** Earlier headers of this column, still accepted in uploaded files (old templates). */
  aliases?: string[];
  /** Column width in the template (characters). */
  width?: number;
  /** Example value, shown in the header's note of the template. */
  example?: string;
  /** Filling instructions, shown in the header's note and on the 填写说明 sheet. */
  note?: string;
  /**
   * Text column ('@' in the template). Default: guessed from the header (身份证/证件号/手机/电话/
   * 银行卡/账号/卡号/代码/编码/邮编) — such digits must never become an Excel number.
   */
  text?: boolean;
  /**
   * Keep inner whitespace as typed (names). Default: true when the header ends in 姓名/名称 or the key
   * ends in "name"; other columns have runs of inner whitespace collapsed to one space.
   */
  keepSpaces?: boolean;
}

export type ParseResult<T> =
  | { ok: true; value: T; /** natural key, for in-file duplicate detection */ key?: string }
  | { ok: false; /** column key (or '_row' for the whole row) → Chinese message */ errors: Record<string, string> };

export type RowOutcome = 'created' | 'updated' | 'unchanged' | 'error';

export interface CommitResult {
  rowNo: number;
  outcome: RowOutcome;
  /** With outcome 'error': column key (or '_row') → Chinese message. */
  errors?: Record<string, string>;
}

export interface CommitContext {
  principal: Principal;
  importId: string;
  /** The job's context (see `paramKeys`), e.g. { projectId }. */
  params: Record<string, string>;
}

export interface ImportKind<T = unknown> {
  /** Identifier used in the API: lower-case letters, digits and underscores. */
  kind: string;
  /** Chinese title (template sheet and file names). */
  title: string;
  /** Permission needed to download the template, upload, see the jobs and their errors. */
  permission: string;
  columns: ImportColumn[];
  /**
   * Context fields a job of this kind needs (multipart fields before the file, or given by a module's
   * own upload route), e.g. ['projectId']. Checked by `checkParams` when the job is created.
   */
  paramKeys?: string[];
  /** Validates the context before the upload is accepted; throws an HttpError (4xx) with a Chinese message. */
  checkParams?(params: Record<string, string>, principal: Principal): Promise<void>;
  /**
   * Runs before a job's rows are parsed (at every start and resume), e.g. to load reference data
   * that parseRow needs — parseRow itself stays synchronous and pure.
   */
  prepare?(ctx: CommitContext): Promise<void>;
  /** Drop-down values known only at run time (e.g. from the region tree), by column key, for the template. */
  templateOptions?(): Promise<Record<string, string[]>>;
  /** Runs after the job has finished (outside its transactions), e.g. to rescan what the file changed. */
  afterJob?(ctx: CommitContext): Promise<void>;
  /** Data rows per file (default 1,000,000). */
  maxRows?: number;
  /**
   * One row: `raw` maps every column key to its normalised cell text ('' when empty or absent).
   * Must be pure and deterministic (it is re-run when a job resumes, to rebuild duplicate keys).
   */
  parseRow(raw: Record<string, string>, rowNo: number): ParseResult<T>;
  /**
   * Saves one batch inside the engine's transaction (scoped to the uploader, so row-level security
   * applies). Must return one result per row. Must be idempotent per natural key (upsert), since a
   * file may be imported twice. A thrown PostgreSQL data error (class 22/23) makes the engine retry
   * the batch row by row and report the failing rows; any other error stops the job (retryable).
   */
  commitBatch(tx: Executor, rows: { rowNo: number; value: T }[], ctx: CommitContext): Promise<CommitResult[]>;
  /**
   * Optional CPU work on a batch's parsed rows before its transaction (e.g. checks and encryption in worker
   * threads), started while the previous batch commits; commitBatch of the same rows follows it. Must not
   * write anything: a batch prepared but never committed (a crash, a stop) leaves no trace.
   */
  prepareBatch?(rows: { rowNo: number; value: T }[], ctx: CommitContext): Promise<void>;
}

const kinds = new Map<string, ImportKind<unknown>>();

/** Registers (or replaces) an import kind. Call once at start-up, e.g. from the module's service. */
export function registerImportKind<T>(kind: ImportKind<T>): void {
  if (!/^[a-z][a-z0-9_]{1,39}$/.test(kind.kind)) throw new Error(`bad import kind ${kind.kind}`);
  if (kind.columns.length === 0 || kind.columns.length > 200)
    throw new Error(`import kind ${kind.kind}: 1–200 columns`);
  const keys = new Set<string>();
  const headers = new Set<string>();
  for (const c of kind.columns) {
    if (!c.key || c.key === '_row' || keys.has(c.key))
      throw new Error(`import kind ${kind.kind}: bad or duplicate column key ${c.key}`);
    for (const header of [c.header, ...(c.aliases ?? [])]) {
      const h = normalizeHeader(header);
      if (!h || headers.has(h) || RESERVED_HEADERS.has(h))
        throw new Error(`import kind ${kind.kind}: bad or duplicate header ${header}`);
      headers.add(h);
    }
    keys.add(c.key);
  }
  kinds.set(kind.kind, kind as ImportKind<unknown>);
}

export function getImportKind(name: string): ImportKind<unknown> | undefined {
  return kinds.get(name);
}

export function listImportKinds(): ImportKind<unknown>[] {
  return [...kinds.values()];
}

/** Columns the engine adds to the error workbook; ignored when that workbook is corrected and re-imported. */
export const ERROR_COLUMN = '错误说明';
export const ROW_COLUMN = '原行号';
export const RESERVED_HEADERS = new Set([ERROR_COLUMN, ROW_COLUMN]);

const TEXT_HEADER = /身份证|证件号|手机|电话|银行卡|账号|卡号|代码|编码|邮编|号码/;

export function isTextColumn(c: ImportColumn): boolean {
  return c.text ?? TEXT_HEADER.test(c.header);
}

export function keepsSpaces(c: ImportColumn): boolean {
  return c.keepSpaces ?? (/(姓名|名称)$/.test(c.header) || /name$/i.test(c.key));
}

// ---- normalisation (the only changes the engine makes to a value) ----

const FULL_WIDTH_ALNUM = /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g;
const EDGE_SPACE = /^[\s\u200B\u2060]+|[\s\u200B\u2060]+$/g;

/** Trim (including full-width and zero-width spaces), full-width digits/letters → half-width, and
 * unless keepSpaces, runs of inner whitespace (including line breaks) → one space. */
export function normalizeCell(v: string, keepSpaces: boolean): string {
  if (v === '') return v;
  let s = v.replace(FULL_WIDTH_ALNUM, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  s = s.replace(EDGE_SPACE, '');
  if (!keepSpaces) s = s.replace(/\s+/g, ' ');
  return s;
}

/** Header text as matched: normalised, '*'/'＊' required markers and a （必填） suffix removed. */
export function normalizeHeader(v: string): string {
  return normalizeCell(v, false)
    .replace(/^[*＊]+\s*|\s*[*＊]+$/g, '')
    .replace(/\s*[(（]必填[)）]$/, '')
    .trim();
}

// ---- helpers for kinds' parseRow ----

/**
 * A date cell as YYYY-MM-DD, or null. The engine already gives Excel dates as YYYY-MM-DD; typed text
 * may also be 2024/3/5, 2024.3.5, 2024年3月5日 or 20240305.
 */
export function parseDateCell(s: string): string | null {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null;
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
