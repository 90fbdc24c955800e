// The worker import CSV written from the synthetic city (tools/bench/workers-csv.ts): headers, encodings,
// backpressure. Moved from the synthetic city's tests with the writer.
import { PassThrough, Writable } from 'node:stream';
import { EDUCATION_BY_CODE, ETHNICITY_BY_CODE } from '@mwsp/domain';
import { generateCity, hasAstral, type SynthRecord, type SynthWorker } from '@mwsp/synth';
import { parse as parseCsv } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { readRegions, type RegionRow } from '../../apps/server/src/platform/org/regions.source.js';
import { gbkLossy, WORKER_CSV_HEADERS, writeWorkersCsv } from './workers-csv.js';

async function loadRegions(cityCode: string): Promise<RegionRow[]> {
  const rows: RegionRow[] = [];
  for await (const batch of readRegions(cityCode)) rows.push(...batch);
  return rows;
}

describe('writeWorkersCsv', () => {
  let regions: RegionRow[];
  let records: SynthRecord[];
  beforeAll(async () => {
    regions = await loadRegions('6543');
    records = [...generateCity({ cityCode: '6543', workers: 3000, seed: 5, regions })];
  }, 60_000);

  const workersOf = (rs: SynthRecord[]) => rs.filter((r): r is SynthWorker => r.kind === 'worker');

  /** A slow sink with a tiny buffer, so writes hit backpressure. */
  function slowSink() {
    const chunks: Buffer[] = [];
    let drains = 0;
    const sink = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _enc, done) {
        chunks.push(chunk);
        setImmediate(done);
      },
    });
    sink.on('drain', () => drains++);
    return { sink, bytes: () => Buffer.concat(chunks), drains: () => drains };
  }

  it('UTF-8 with BOM: exact headers, one row per worker, names as written, backpressure respected', async () => {
    const { sink, bytes, drains } = slowSink();
    const result = await writeWorkersCsv(records, sink, { encoding: 'utf8', bom: true, chunkRows: 50 });
    const buf = bytes();
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(drains()).toBeGreaterThan(0);
    const text = buf.toString('utf8').slice(1);
    expect(text.split('\r\n')[0]).toBe(WORKER_CSV_HEADERS.join(','));
    expect(WORKER_CSV_HEADERS.join(',')).toBe(
      '姓名,公民身份号码,民族,文化程度,手机号码,户籍地区划代码,现居住地区划代码,职业工种代码,银行卡号,开户银行,紧急联系人,紧急联系人关系,紧急联系人电话',
    );
    const rows = parseCsv(text, { columns: true }) as Record<string, string>[];
    const ws = workersOf(records);
    expect(result.rows).toBe(ws.length);
    expect(result.bytes).toBe(buf.length);
    expect(rows).toHaveLength(ws.length);
    rows.forEach((row, i) => {
      const w = ws[i];
      expect(row['姓名']).toBe(w.name);
      expect(row['公民身份号码']).toBe(w.idNumber);
      expect(row['民族']).toBe(ETHNICITY_BY_CODE.get(w.ethnicity)!.name);
      expect(row['文化程度']).toBe(EDUCATION_BY_CODE.get(w.education)!.name);
      expect(row['现居住地区划代码']).toBe(w.residenceRegionCode);
      expect(row['银行卡号']).toBe(w.bankCard ?? '');
      expect(row['职业工种代码']).toBe(w.skills[0]?.occupationCode ?? '');
    });
    expect(rows.some((r) => r['姓名'].includes('·'))).toBe(true);
  });

  it('GBK: decodes back identically except names GBK cannot hold, which are counted', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    // Add a worker with an Extension-B character to be sure one is there.
    const ws = workersOf(records);
    const rare = { ...ws[0], name: '王𠈌' };
    const result = await writeWorkersCsv([rare, ...ws], out, { encoding: 'gbk' });
    const text = iconv.decode(Buffer.concat(chunks), 'gbk');
    const rows = parseCsv(text, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(ws.length + 1);
    expect(result.lossyRows).toBe(
      [rare, ...ws].filter((w) => hasAstral(w.name) || hasAstral(w.emergencyContact.name)).length,
    );
    expect(result.lossyRows).toBeGreaterThan(0);
    expect(rows[0]['姓名']).not.toBe('王𠈌');
    rows.slice(1).forEach((row, i) => {
      if (!gbkLossy(ws[i].name)) expect(row['姓名']).toBe(ws[i].name);
      expect(row['民族']).toBe(ETHNICITY_BY_CODE.get(ws[i].ethnicity)!.name);
    });
    expect(rows.some((r) => r['姓名'].includes('·'))).toBe(true); // U+00B7 is in GBK
    expect(gbkLossy('叶尔兰·努尔兰')).toBe(false);
    expect(gbkLossy('𠮷')).toBe(true);
  });

  it('rejects when the stream fails', async () => {
    const failing = new Writable({
      highWaterMark: 16,
      write(_chunk, _enc, done) {
        done(new Error('disk full'));
      },
    });
    failing.on('error', () => {});
    await expect(writeWorkersCsv(records, failing, { encoding: 'utf8', chunkRows: 10 })).rejects.toThrow('disk full');
  });
});
