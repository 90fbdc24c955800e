import crypto from 'node:crypto';
import fs from 'node:fs';
import { pipeline, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { parse as csvParse, CsvError } from 'csv-parse';
import iconv from 'iconv-lite';
import {
  entryChunks,
  entryText,
  readZipDirectory,
  synthZip,
  ZipError,
  type SynthPart,
  type ZipDirectory,
  type ZipEntry,
} from './zip.js';

/** A file refused at upload: nothing is stored and no job is created. */
export class FileRejected extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** A problem with the file found while a job runs: the job fails for good (retrying cannot help). */
export class ImportFailure extends Error {}

export const MESSAGES = {
  invalid: '文件不是有效的 Excel 或 CSV 文件',
  macro: '不接受含宏的文件',
  hidden: '工作簿包含隐藏工作表，请删除后再导入',
  empty: '文件为空',
  xls: '不支持 Excel 97-2003（.xls）格式或加密的工作簿，请在 Excel 中另存为不加密的 .xlsx 文件后再导入',
  xlsb: '不支持 Excel 二进制工作簿（.xlsb），请另存为 .xlsx 文件后再导入',
  ods: '不支持 OpenDocument（.ods）格式，请另存为 .xlsx 文件后再导入',
  noVisibleSheet: '工作簿中没有可见的工作表',
  encoding: '无法识别文件的字符编码，请将 CSV 另存为 UTF-8 或 GBK（ANSI）编码后再导入',
  corrupt: '文件已损坏（压缩数据校验失败），请重新保存后再导入',
  bomb: '文件解压后的内容异常庞大（压缩比异常），可能是损坏或恶意构造的文件，请在 Excel 中重新保存后再导入',
  tooBig: '工作簿解压后超过处理上限，请拆分后分批导入',
} as const;

/**
 * Bounds of what an .xlsx may inflate to, checked from the central directory at upload (the reader
 * then refuses any entry that inflates past its declared size, so the declared sizes are binding).
 * A worksheet is streamed, so it may be large; the parts exceljs holds in memory (shared strings,
 * styles) may not. A zip bomb is refused by its compression ratio: spreadsheet XML compresses
 * 5–20×, deflate's ceiling is ~1,030×.
 */
export const XLSX_LIMITS = {
  /** Any one entry, inflated. */
  entryBytes: 1024 * 1024 * 1024,
  /** All entries together, inflated. */
  totalBytes: 1536 * 1024 * 1024,
  /** Shared strings and styles are cached whole by the reader. */
  cachedPartBytes: 64 * 1024 * 1024,
  /** Inflated ÷ compressed, checked for entries over ratioFloorBytes. */
  maxRatio: 100,
  ratioFloorBytes: 8 * 1024 * 1024,
  /** Longest text between two tags (a cell's text: Excel's limit of 32,767 characters, UTF-8 with entities). */
  textRunBytes: 32_767 * 6,
  /** Longest tag (element name and attributes). */
  tagBytes: 64 * 1024,
  /** Excel's grid. */
  cellsPerRow: 16_384,
  rowElements: 1_048_576,
};

/** Refuses a container whose declared inflated sizes or compression ratios cannot be a real workbook. */
export function checkInflatedSizes(dir: ZipDirectory, cached: string[] = []): void {
  let total = 0;
  for (const [name, e] of dir.entries) {
    total += e.size;
    if (e.size > XLSX_LIMITS.entryBytes || total > XLSX_LIMITS.totalBytes) throw new FileRejected(400, MESSAGES.tooBig);
    if (e.size > XLSX_LIMITS.ratioFloorBytes && e.size > XLSX_LIMITS.maxRatio * Math.max(1, e.compressedSize))
      throw new FileRejected(400, MESSAGES.bomb);
    if (cached.includes(name) && e.size > XLSX_LIMITS.cachedPartBytes) throw new FileRejected(400, MESSAGES.tooBig);
  }
}

/**
 * Watches raw XML go by, in constant memory: no text run (a cell's value) or tag longer than the
 * limits, so the parser behind never has to hold one huge string. Throws ImportFailure.
 */
export class XmlRunGuard {
  private inTag = false;
  private run = 0;
  constructor(private readonly what: string) {}

  push(chunk: Buffer): void {
    const len = chunk.length;
    let i = 0;
    while (i < len) {
      const j = chunk.indexOf(this.inTag ? 0x3e : 0x3c, i);
      const end = j < 0 ? len : j;
      this.run += end - i;
      if (this.inTag ? this.run > XLSX_LIMITS.tagBytes : this.run > XLSX_LIMITS.textRunBytes) {
        throw new ImportFailure(
          this.inTag
            ? `${this.what}中有异常的超长标记，文件可能已损坏或被恶意构造，请在 Excel 中重新保存后再导入`
            : `${this.what}中有单元格内容超过 Excel 的上限 32767 个字符，文件可能已损坏或被恶意构造，请修正后再导入`,
        );
      }
      if (j < 0) break;
      this.run = 0;
      this.inTag = !this.inTag;
      i = j + 1;
    }
  }
}

export type Format = 'xlsx' | 'csv';
export type CsvEncoding = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

// ---------------------------------------------------------------- upload sniffing

const SNIFF_BYTES = 64 * 1024;
const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const BINARY_MAGIC = [
  Buffer.from('\x89PNG', 'latin1'),
  Buffer.from('GIF8'),
  Buffer.from([0xff, 0xd8, 0xff]),
  Buffer.from('%PDF'),
  Buffer.from([0x1f, 0x8b]),
  Buffer.from('7z\xbc\xaf', 'latin1'),
  Buffer.from('Rar!'),
  Buffer.from('BM'),
  Buffer.from('RIFF'),
  Buffer.from([0x7f, 0x45, 0x4c, 0x46]),
  Buffer.from('MZ'),
];

/**
 * Watches an upload go by: SM3 digest, byte count, the first 64 KB, and whether the whole file is
 * valid UTF-8 (so a GBK file whose first lines happen to be ASCII is still recognised as GBK).
 */
export class UploadSniffer {
  bytes = 0;
  private readonly hash = crypto.createHash('sm3');
  private headParts: Buffer[] = [];
  private headLen = 0;
  private utf8: TextDecoder | null = new TextDecoder('utf-8', { fatal: true });
  utf8Valid = true;

  push(chunk: Buffer): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    if (this.headLen < SNIFF_BYTES) {
      this.headParts.push(chunk.subarray(0, SNIFF_BYTES - this.headLen));
      this.headLen += Math.min(chunk.length, SNIFF_BYTES - this.headLen);
    }
    if (this.utf8) {
      try {
        this.utf8.decode(chunk, { stream: true });
      } catch {
        this.utf8Valid = false;
        this.utf8 = null;
      }
    }
  }

  finish(): { sm3: string; bytes: number; head: Buffer; utf8Valid: boolean } {
    if (this.utf8) {
      try {
        this.utf8.decode();
      } catch {
        this.utf8Valid = false;
      }
    }
    return {
      sm3: this.hash.digest('hex'),
      bytes: this.bytes,
      head: Buffer.concat(this.headParts),
      utf8Valid: this.utf8Valid,
    };
  }
}

/** Format and (for CSV) encoding from the content, never from the name. */
export function classify(
  head: Buffer,
  bytes: number,
  utf8Valid: boolean,
): { format: Format; encoding: CsvEncoding | null } {
  if (bytes === 0) throw new FileRejected(400, MESSAGES.empty);
  if (head.length >= 4 && head.readUInt32LE(0) === 0x04034b50) return { format: 'xlsx', encoding: null };
  if (head.subarray(0, 8).equals(OLE2)) throw new FileRejected(400, MESSAGES.xls);
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return checkText(head.subarray(2), 'utf-16le');
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return checkText(head.subarray(2), 'utf-16be');
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf)
    return checkText(head.subarray(3), 'utf-8');
  if (
    BINARY_MAGIC.some((m) => head.length >= m.length && head.subarray(0, m.length).equals(m)) ||
    (head.length >= 2 && head[0] === 0x50 && head[1] === 0x4b)
  ) {
    throw new FileRejected(400, MESSAGES.invalid);
  }
  return checkText(head, utf8Valid ? 'utf-8' : 'gb18030');
}

function checkText(body: Buffer, encoding: CsvEncoding): { format: Format; encoding: CsvEncoding } {
  // The last bytes of a 64 KB sample may cut a character in two.
  const sample = iconv.decode(body.length >= SNIFF_BYTES - 4 ? body.subarray(0, body.length - 4) : body, encoding, {
    stripBOM: false,
  });
  if (/[\u0000-\u0008\u000B\u000E-\u0019\u001B-\u001F\u007F]/.test(sample))
    throw new FileRejected(400, MESSAGES.invalid);
  if (encoding !== 'utf-8' && sample.includes('\uFFFD')) throw new FileRejected(400, MESSAGES.encoding);
  if (body.length < SNIFF_BYTES && sample.trim() === '') throw new FileRejected(400, MESSAGES.empty);
  return { format: 'csv', encoding };
}

// ---------------------------------------------------------------- xlsx structure

export interface XlsxLayout {
  dir: ZipDirectory;
  sheetName: string;
  sheet: ZipEntry;
  workbook: ZipEntry;
  rels: ZipEntry;
  styles?: ZipEntry;
  sharedStrings?: ZipEntry;
}

const XML_LIMIT = 16 * 1024 * 1024;
export const LISTS_SHEET = '_lists';

function xmlAttrs(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of s.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out[m[1]] = xmlDecode(m[2] ?? m[3] ?? '');
  return out;
}

function xmlDecode(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) => {
    const l = e.toLowerCase();
    if (l === 'amp') return '&';
    if (l === 'lt') return '<';
    if (l === 'gt') return '>';
    if (l === 'quot') return '"';
    if (l === 'apos') return "'";
    const code = l.startsWith('#x') ? parseInt(l.slice(2), 16) : parseInt(l.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

function localAttr(a: Record<string, string>, name: string): string | undefined {
  if (a[name] !== undefined) return a[name];
  const k = Object.keys(a).find((x) => x.endsWith(`:${name}`));
  return k ? a[k] : undefined;
}

function resolveTarget(target: string): string {
  const t = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  const parts: string[] = [];
  for (const p of t.split('/')) {
    if (p === '..') parts.pop();
    else if (p !== '.' && p !== '') parts.push(p);
  }
  return parts.join('/');
}

/** Does a worksheet hold any value? (a `<v>` or inline-string `<is>` element) */
async function sheetHasData(dir: ZipDirectory, e: ZipEntry): Promise<boolean> {
  let carry = '';
  for await (const chunk of entryChunks(dir, e)) {
    const s = carry + chunk.toString('latin1');
    if (/<(?:[A-Za-z]\w*:)?(?:v|is)[\s>]/.test(s)) return true;
    carry = s.slice(-16);
  }
  return false;
}

/**
 * The structure of an .xlsx: refuses macros, .xlsb/.ods, and hidden sheets holding data (except the
 * template's own '_lists'); finds the first visible worksheet in the workbook's order.
 */
export async function inspectXlsx(file: string): Promise<XlsxLayout> {
  try {
    const dir = await readZipDirectory(file);
    checkInflatedSizes(dir);
    const names = [...dir.entries.keys()];
    if (names.some((n) => /(^|\/)vbaProject\.bin$/i.test(n))) throw new FileRejected(400, MESSAGES.macro);
    const ct = dir.entries.get('[Content_Types].xml');
    if (ct && /macroEnabled/i.test(await entryText(dir, ct, XML_LIMIT))) throw new FileRejected(400, MESSAGES.macro);
    const workbook = dir.entries.get('xl/workbook.xml');
    if (!workbook) {
      if (dir.entries.has('xl/workbook.bin')) throw new FileRejected(400, MESSAGES.xlsb);
      if (dir.entries.has('mimetype') || dir.entries.has('content.xml')) throw new FileRejected(400, MESSAGES.ods);
      throw new FileRejected(400, MESSAGES.invalid);
    }
    const rels = dir.entries.get('xl/_rels/workbook.xml.rels');
    if (!rels) throw new FileRejected(400, MESSAGES.invalid);
    const relTargets = new Map<string, { target: string; type: string }>();
    for (const m of (await entryText(dir, rels, XML_LIMIT)).matchAll(/<(?:\w+:)?Relationship\s([^>]*?)\/?>/g)) {
      const a = xmlAttrs(m[1]);
      if (a.Id && a.Target && a.TargetMode !== 'External')
        relTargets.set(a.Id, { target: resolveTarget(a.Target), type: a.Type ?? '' });
    }
    const sheets: { name: string; state: string; entry?: ZipEntry }[] = [];
    for (const m of (await entryText(dir, workbook, XML_LIMIT)).matchAll(/<(?:\w+:)?sheet\s([^>]*?)\/?>/g)) {
      const a = xmlAttrs(m[1]);
      const rel = relTargets.get(localAttr(a, 'id') ?? '');
      const isWorksheet = !!rel && /\/worksheet$/.test(rel.type);
      sheets.push({
        name: a.name ?? '',
        state: a.state ?? 'visible',
        entry: isWorksheet ? dir.entries.get(rel.target) : undefined,
      });
    }
    for (const s of sheets) {
      if (s.state !== 'visible' && s.name !== LISTS_SHEET && s.entry && (await sheetHasData(dir, s.entry))) {
        throw new FileRejected(400, MESSAGES.hidden);
      }
    }
    const first = sheets.find((s) => s.state === 'visible' && s.entry);
    if (!first) throw new FileRejected(400, MESSAGES.noVisibleSheet);
    const byType = (t: string) => [...relTargets.values()].find((r) => r.type.endsWith(`/${t}`));
    const stylesT = byType('styles');
    const sstT = byType('sharedStrings');
    checkInflatedSizes(
      dir,
      [stylesT?.target, sstT?.target].filter((x): x is string => !!x),
    );
    return {
      dir,
      sheetName: first.name,
      sheet: first.entry!,
      workbook,
      rels,
      styles: stylesT ? dir.entries.get(stylesT.target) : undefined,
      sharedStrings: sstT ? dir.entries.get(sstT.target) : undefined,
    };
  } catch (err) {
    if (err instanceof FileRejected) throw err;
    if (err instanceof ZipError) throw new FileRejected(400, MESSAGES.invalid);
    throw err;
  }
}

// ---------------------------------------------------------------- rows

export type CellProblem = 'long_number' | 'error_value' | 'no_result';
export type RawCell = string | { text: string; problem: CellProblem };
export interface RawRow {
  /** Row number as the user sees it (the spreadsheet row, or the CSV record, header = 1). */
  rowNo: number;
  cells: RawCell[];
}

export function cellString(c: RawCell | undefined): string {
  return c === undefined ? '' : typeof c === 'string' ? c : c.text;
}

export function isBlankRow(cells: RawCell[]): boolean {
  for (const c of cells) if (c !== undefined && cellString(c).trim() !== '') return false;
  return true;
}

/** Integers of 16+ digits cannot survive as an Excel number (15 significant digits). */
const LONG_NUMBER = 1e15;

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

function dateText(d: Date): string {
  const t = new Date(Math.round(d.getTime() / 1000) * 1000); // serial fractions: to the second
  const date = `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
  const [h, m, s] = [t.getUTCHours(), t.getUTCMinutes(), t.getUTCSeconds()];
  const time = h || m || s ? `${pad(h)}:${pad(m)}${s ? `:${pad(s)}` : ''}` : '';
  if (t.getUTCFullYear() < 1900 || (t.getUTCFullYear() === 1900 && t.getUTCMonth() === 0 && t.getUTCDate() === 0))
    return time || date; // a time of day alone
  return time ? `${date} ${time}` : date;
}

/** A number as plain text, as Excel displays it (15 significant digits), never in e-notation. */
export function numberText(n: number): RawCell {
  if (!Number.isFinite(n)) return { text: String(n), problem: 'error_value' };
  if (Number.isInteger(n) && Math.abs(n) >= LONG_NUMBER) return { text: BigInt(n).toString(), problem: 'long_number' };
  const r = Number(n.toPrecision(15));
  const s = String(r);
  return /e/i.test(s) ? r.toFixed(20).replace(/\.?0+$/, '') : s;
}

function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt) return false;
  const f = fmt.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  return /[ymdhs]/i.test(f) && !/^general$/i.test(f.trim());
}

type ExcelCell = { value: unknown; numFmt?: string };

export function excelCellText(cell: ExcelCell): RawCell {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return numberText(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? { text: '', problem: 'error_value' } : dateText(v);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text?: string }[]).map((r) => r.text ?? '').join('');
    if ('formula' in o || 'sharedFormula' in o) {
      const r = o.result;
      if (r === undefined || r === null) return { text: '', problem: 'no_result' };
      if (typeof r === 'number') {
        if (Number.isNaN(r)) return { text: '#VALUE!', problem: 'error_value' };
        if (isDateFormat(cell.numFmt)) return dateText(new Date(Math.round((r - 25569) * 86400000)));
        return numberText(r);
      }
      if (typeof r === 'object' && r && 'error' in (r as object))
        return { text: String((r as { error: unknown }).error), problem: 'error_value' };
      return excelCellText({ value: r, numFmt: cell.numFmt });
    }
    if ('error' in o) return { text: String(o.error), problem: 'error_value' };
    if ('text' in o) return excelCellText({ value: o.text, numFmt: cell.numFmt });
  }
  return String(v);
}

const SST_EMPTY =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>';

/** Rows of the first visible worksheet, streamed through exceljs's WorkbookReader. */
export async function* xlsxRows(layout: XlsxLayout): AsyncGenerator<RawRow> {
  const parts: SynthPart[] = [
    { entry: layout.rels, as: 'xl/_rels/workbook.xml.rels' },
    { entry: layout.workbook, as: 'xl/workbook.xml' },
  ];
  if (layout.styles) parts.push({ entry: layout.styles, as: 'xl/styles.xml' });
  parts.push(
    layout.sharedStrings
      ? { entry: layout.sharedStrings, as: 'xl/sharedStrings.xml' }
      : { content: SST_EMPTY, as: 'xl/sharedStrings.xml' },
  );
  // exceljs reads entries named xl/worksheets/sheetN.xml; which sheet it is was decided by inspectXlsx.
  parts.push({ entry: layout.sheet, as: 'xl/worksheets/sheet1.xml' });
  const stream = synthZip(layout.dir, parts);
  // exceljs would wait for ever on a source that failed: every step races the source's error.
  const failed = new Promise<never>((_, reject) => stream.once('error', reject));
  failed.catch(() => {});
  const step = <T>(it: AsyncIterator<T>) => Promise.race([it.next(), failed]);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream as unknown as Readable, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  try {
    const sheets = reader[Symbol.asyncIterator]();
    for (let ws = await step(sheets); !ws.done; ws = await step(sheets)) {
      const rows = ws.value[Symbol.asyncIterator]();
      for (let r = await step(rows); !r.done; r = await step(rows)) {
        const row = r.value;
        const cells: RawCell[] = [];
        row.eachCell({ includeEmpty: false }, (cell, col) => {
          if (col <= 16384) cells[col - 1] = excelCellText(cell as unknown as ExcelCell);
        });
        for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = '';
        yield { rowNo: row.number, cells };
      }
    }
  } catch (err) {
    if (err instanceof ImportFailure) throw err;
    throw new ImportFailure(`无法读取 Excel 文件：${err instanceof ZipError ? '文件已损坏' : '工作表内容格式错误'}`);
  } finally {
    stream.destroy();
  }
}

/**
 * First pass over a workbook: verifies the checksums of every part the reader will use, and counts
 * the sheet's rows that hold a value (the header included) — for progress and the row limit, before
 * anything is committed.
 */
export async function scanXlsx(layout: XlsxLayout): Promise<number> {
  try {
    for (const e of [layout.rels, layout.workbook, layout.styles, layout.sharedStrings]) {
      if (!e) continue;
      const guard = new XmlRunGuard(e === layout.sharedStrings ? '共享字符串表' : '工作簿结构');
      for await (const chunk of entryChunks(layout.dir, e)) guard.push(chunk);
    }
    let rows = 0;
    let rowElements = 0;
    let cells = 0;
    let inRow = false;
    let rowHasValue = false;
    const sheetGuard = new XmlRunGuard(`工作表「${layout.sheetName}」`);
    const tag = /<(\/?)(?:[A-Za-z]\w*:)?(row|v|is|c)(?=[\s>/])/g;
    const feed = (s: string, upto: number) => {
      tag.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = tag.exec(s)) && m.index < upto) {
        if (m[2] === 'row') {
          if (inRow && rowHasValue) rows++;
          inRow = m[1] === '';
          rowHasValue = false;
          if (inRow) {
            cells = 0;
            if (++rowElements > XLSX_LIMITS.rowElements)
              throw new ImportFailure(
                `工作表超过 Excel 的最大行数 ${XLSX_LIMITS.rowElements} 行，文件可能已损坏或被恶意构造`,
              );
          }
        } else if (m[2] === 'c') {
          if (m[1] === '' && ++cells > XLSX_LIMITS.cellsPerRow)
            throw new ImportFailure(
              `工作表第 ${rowElements} 行超过 Excel 的最大列数 ${XLSX_LIMITS.cellsPerRow} 列，文件可能已损坏或被恶意构造`,
            );
        } else if (m[1] === '' && inRow) rowHasValue = true;
      }
    };
    let carry = '';
    for await (const chunk of entryChunks(layout.dir, layout.sheet)) {
      sheetGuard.push(chunk);
      const s = carry + chunk.toString('latin1');
      const cut = Math.max(0, s.length - 64); // a tag cut by the chunk boundary is read with the next chunk
      feed(s, cut);
      carry = s.slice(cut);
    }
    feed(carry + ' ', Infinity);
    if (inRow && rowHasValue) rows++;
    return rows;
  } catch (err) {
    if (err instanceof ZipError) throw new ImportFailure(MESSAGES.corrupt);
    throw err;
  }
}

const ICONV_NAME: Record<CsvEncoding, string> = {
  'utf-8': 'utf8',
  gb18030: 'gb18030',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
};

/** Field delimiter from the first line: comma, tab (Excel's "Unicode text") or semicolon. */
export async function detectDelimiter(file: string, encoding: CsvEncoding): Promise<string> {
  const fh = await fs.promises.open(file, 'r');
  try {
    const buf = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await fh.read(buf, 0, SNIFF_BYTES, 0);
    const text = iconv.decode(buf.subarray(0, bytesRead), ICONV_NAME[encoding]);
    const line = text.split(/\r?\n/, 1)[0] ?? '';
    const counts: Record<string, number> = { ',': 0, '\t': 0, ';': 0 };
    let quoted = false;
    for (const ch of line) {
      if (ch === '"') quoted = !quoted;
      else if (!quoted && ch in counts) counts[ch]++;
    }
    let best = ',';
    for (const d of ['\t', ';']) if (counts[d] > counts[best]) best = d;
    return best;
  } finally {
    await fh.close();
  }
}

const CSV_ERRORS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: '引号未闭合',
  CSV_MAX_RECORD_SIZE: '单行内容过长',
  CSV_INVALID_CLOSING_QUOTE: '引号使用不正确',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: '引号后有多余字符',
};

/** Records of a CSV file, decoded from its encoding and parsed as they stream. */
export async function* csvRows(file: string, encoding: CsvEncoding, delimiter: string): AsyncGenerator<RawRow> {
  // 64 KB reads: the parser handles each chunk in one go, and the server's other requests wait meanwhile.
  const src = fs.createReadStream(file, { highWaterMark: 64 * 1024 });
  const parser = csvParse({
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    bom: false,
    max_record_size: 1024 * 1024,
  });
  const out = pipeline(
    src,
    iconv.decodeStream(ICONV_NAME[encoding]) as unknown as NodeJS.ReadWriteStream,
    parser,
    () => {},
  );
  let n = 0;
  try {
    for await (const rec of out as AsyncIterable<string[]>) yield { rowNo: ++n, cells: rec };
  } catch (err) {
    if (err instanceof CsvError) {
      const line = (err as unknown as { lines?: number }).lines;
      throw new ImportFailure(
        `CSV 文件格式错误${line ? `（第 ${line} 行附近）` : ''}：${CSV_ERRORS[err.code] ?? '无法解析'}`,
      );
    }
    throw new ImportFailure('无法读取 CSV 文件');
  } finally {
    src.destroy();
    parser.destroy();
  }
}

/**
 * First pass over a CSV: its syntax is checked whole and its non-blank records counted (header included). The
 * common file is counted by CsvRecordCounter (a character scan, ~20× faster than parsing: the pass no longer
 * delays the import's start); a file it is not sure of is parsed by csv-parse, whose errors are the reference.
 */
export async function scanCsv(file: string, encoding: CsvEncoding, delimiter: string): Promise<number> {
  return (await countCsvRecords(file, encoding, delimiter)) ?? (await parseCountCsv(file, encoding, delimiter));
}

/** scanCsv by csv-parse itself (the reference: same parser and options as csvRows). */
export async function parseCountCsv(file: string, encoding: CsvEncoding, delimiter: string): Promise<number> {
  let n = 0;
  for await (const r of csvRows(file, encoding, delimiter)) if (!isBlankRow(r.cells)) n++;
  return n;
}

/** The count of CsvRecordCounter over the file decoded as csvRows decodes it, or null when it is not sure. */
export async function countCsvRecords(file: string, encoding: CsvEncoding, delimiter: string): Promise<number | null> {
  const counter = new CsvRecordCounter(delimiter);
  const src = fs.createReadStream(file, { highWaterMark: 1024 * 1024 });
  const decoder = iconv.decodeStream(ICONV_NAME[encoding]) as unknown as Readable & NodeJS.WritableStream;
  src.on('error', (err) => decoder.destroy(err));
  src.pipe(decoder);
  try {
    for await (const chunk of decoder as AsyncIterable<string>) {
      if (!counter.push(chunk)) return null;
      // The event loop stays responsive: one chunk (~1 MB) at a time.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return counter.end();
  } catch {
    return null; // csv-parse's pass reports it as it always did
  } finally {
    src.destroy();
    decoder.destroy();
  }
}

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;
/** Record longer than this (characters; ≤ 3 UTF-8 bytes each): not sure of csv-parse's max_record_size (1 MB). */
const SURE_RECORD_CHARS = 300_000;

/** The characters String.prototype.trim removes (isBlankRow). */
function isTrimmed(c: number): boolean {
  return c < 0x80
    ? c === 0x20 || (c >= 0x09 && c <= 0x0d)
    : c === 0xa0 ||
        c === 0x1680 ||
        (c >= 0x2000 && c <= 0x200a) ||
        c === 0x2028 ||
        c === 0x2029 ||
        c === 0x202f ||
        c === 0x205f ||
        c === 0x3000 ||
        c === 0xfeff;
}

/**
 * Counts the non-blank records csv-parse would give (csvRows' options) for text that stays inside a subset of CSV
 * where that is certain: one line ending style (LF or CRLF; csv-parse takes the first one as the only record
 * delimiter), quoted fields opened at a field's start and closed before a delimiter, line end or the end, records
 * far below max_record_size. Anything else (an unclosed quote, a bare CR, "a"b …): push returns false and the
 * caller parses the file with csv-parse, which then gives the count or the error exactly as before.
 */
export class CsvRecordCounter {
  private readonly delim: number;
  /** 0: no line end seen yet, 1: LF, 2: CRLF */
  private style = 0;
  private inQuote = false;
  /** A quote inside a quoted field: an escaped quote if the next character is one, else the field's end. */
  private quoteSeen = false;
  /** After a quoted field's closing quote: a delimiter, a line end or the end must follow. */
  private closed = false;
  private crSeen = false;
  private fieldEmpty = true;
  private blank = true;
  private length = 0;
  private count = 0;

  constructor(delimiter: string) {
    this.delim = delimiter.charCodeAt(0);
  }

  /** false: not sure (stop and parse). */
  push(text: string): boolean {
    const delim = this.delim;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (++this.length > SURE_RECORD_CHARS) return false;
      if (this.quoteSeen) {
        this.quoteSeen = false;
        if (c === QUOTE) {
          this.blank = false; // an escaped quote is content
          continue;
        }
        this.inQuote = false;
        this.closed = true;
      } else if (this.inQuote) {
        if (c === QUOTE) this.quoteSeen = true;
        else if (this.style === 0 && (c === CR || c === LF)) return false;
        else if (this.blank && !isTrimmed(c)) this.blank = false;
        continue;
      }
      if (this.crSeen) {
        this.crSeen = false;
        if (c !== LF) return false;
        this.endRecord();
        continue;
      }
      if (this.closed) {
        this.closed = false;
        if (c !== delim && c !== CR && c !== LF) return false;
      }
      if (c === delim) this.fieldEmpty = true;
      else if (c === LF) {
        if (this.style === 2) return false;
        this.style = 1;
        this.endRecord();
      } else if (c === CR) {
        if (this.style === 1) return false;
        this.style = 2;
        this.crSeen = true;
      } else if (c === QUOTE && this.fieldEmpty) {
        this.inQuote = true;
        this.fieldEmpty = false;
      } else {
        this.fieldEmpty = false;
        if (this.blank && !isTrimmed(c)) this.blank = false;
      }
    }
    return true;
  }

  /** The count, or null when not sure. */
  end(): number | null {
    if (this.crSeen || (this.inQuote && !this.quoteSeen)) return null;
    this.endRecord();
    return this.count;
  }

  private endRecord(): void {
    if (!this.blank) this.count++;
    this.blank = true;
    this.fieldEmpty = true;
    this.length = 0;
  }
}
