/**
 * The worker import file (工人导入 CSV) for generated workers: the exact Chinese headers the
 * registry's import expects, 民族 and 文化程度 as names, UTF-8 (optionally with a BOM, as Excel
 * writes it) or GBK (what Excel on Chinese Windows saves as "CSV"). Streaming and
 * backpressure-aware: rows are written in chunks and the writer waits for 'drain'.
 *
 * GBK cannot represent characters outside GB 2312/GBK (e.g. 𠈌, 𠮷 of the rare names): like
 * Excel, the encoder writes '?' for them; the result counts the rows affected. 'gb18030' keeps
 * them (4-byte sequences).
 */
import type { Writable } from 'node:stream';
import { EDUCATION_BY_CODE, ETHNICITY_BY_CODE, RELATION_BY_CODE } from '@mwsp/domain';
import iconv from 'iconv-lite';
import type { SynthRecord, SynthWorker } from '@mwsp/synth';

export const WORKER_CSV_HEADERS = [
  '姓名',
  '公民身份号码',
  '民族',
  '文化程度',
  '手机号码',
  '户籍地区划代码',
  '现居住地区划代码',
  '职业工种代码',
  '银行卡号',
  '开户银行',
  '紧急联系人',
  '紧急联系人关系',
  '紧急联系人电话',
] as const;

export interface WorkersCsvOptions {
  encoding: 'utf8' | 'gbk' | 'gb18030';
  /** UTF-8 only: start with a byte-order mark (EF BB BF). */
  bom?: boolean;
  /** Line ending; default '\r\n' (what Excel writes). */
  eol?: '\r\n' | '\n';
  /** Rows per write; default 512. */
  chunkRows?: number;
}

export interface WorkersCsvResult {
  rows: number;
  bytes: number;
  /** GBK only: rows with a character GBK cannot encode (written as '?'). */
  lossyRows: number;
}

function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One worker as the CSV's cells, in WORKER_CSV_HEADERS order. */
export function workerCsvCells(w: SynthWorker): string[] {
  return [
    w.name,
    w.idNumber,
    ETHNICITY_BY_CODE.get(w.ethnicity)?.name ?? '',
    EDUCATION_BY_CODE.get(w.education)?.name ?? '',
    w.phone,
    w.hukouRegionCode,
    w.residenceRegionCode,
    w.skills[0]?.occupationCode ?? '',
    w.bankCard ?? '',
    w.bankName ?? '',
    w.emergencyContact.name,
    RELATION_BY_CODE.get(w.emergencyContact.relation)?.name ?? '',
    w.emergencyContact.phone,
  ];
}

/** Characters certainly in GBK: ASCII, the CJK unified ideographs of GBK, the middle dot. */
const SURELY_GBK = /^[\u0000-\u007f\u4e00-\u9fa5\u00b7]*$/;

/** True when GBK cannot represent `text` exactly. */
export function gbkLossy(text: string): boolean {
  if (SURELY_GBK.test(text)) return false;
  return iconv.decode(iconv.encode(text, 'gbk'), 'gbk') !== text;
}

function encoder(encoding: WorkersCsvOptions['encoding']): (text: string) => Buffer {
  return encoding === 'utf8' ? (text) => Buffer.from(text, 'utf8') : (text) => iconv.encode(text, encoding);
}

/**
 * Writes the header and one row per worker (employer records are skipped) to `stream`, which it
 * does not end. Resolves when everything has been handed to the stream; rejects on a stream error.
 */
export async function writeWorkersCsv(
  records: Iterable<SynthRecord> | AsyncIterable<SynthRecord>,
  stream: Writable,
  options: WorkersCsvOptions,
): Promise<WorkersCsvResult> {
  const eol = options.eol ?? '\r\n';
  const chunkRows = options.chunkRows ?? 512;
  const encode = encoder(options.encoding);
  const result: WorkersCsvResult = { rows: 0, bytes: 0, lossyRows: 0 };

  let failure: Error | null = null;
  const onError = (err: Error) => (failure = err);
  stream.on('error', onError);
  const write = async (text: string) => {
    if (failure) throw failure;
    const buf = encode(text);
    result.bytes += buf.length;
    if (!stream.write(buf)) {
      await new Promise<void>((resolve, reject) => {
        const done = () => {
          stream.off('drain', done);
          stream.off('error', fail);
          stream.off('close', done);
          resolve();
        };
        const fail = (err: Error) => {
          stream.off('drain', done);
          stream.off('close', done);
          reject(err);
        };
        stream.once('drain', done);
        stream.once('error', fail);
        stream.once('close', done);
      });
      if (failure) throw failure;
    }
  };

  let text = (options.encoding === 'utf8' && options.bom ? '\ufeff' : '') + WORKER_CSV_HEADERS.join(',') + eol;
  let pending = 0;
  /** Adds a record; true when a chunk is ready to be written. */
  const add = (r: SynthRecord): boolean => {
    if (r.kind !== 'worker') return false;
    const line = workerCsvCells(r).map(field).join(',');
    if (options.encoding === 'gbk' && gbkLossy(line)) result.lossyRows++;
    text += line + eol;
    result.rows++;
    return ++pending >= chunkRows;
  };
  const flush = async () => {
    const chunk = text;
    text = '';
    pending = 0;
    await write(chunk);
  };

  try {
    if (Symbol.asyncIterator in records) {
      for await (const r of records) if (add(r)) await flush();
    } else {
      for (const r of records) if (add(r)) await flush();
    }
    if (text) await flush();
  } finally {
    stream.off('error', onError);
  }
  return result;
}
