import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { countCsvRecords, CsvRecordCounter, parseCountCsv, type CsvEncoding } from './formats.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mwsp-csvscan-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let n = 0;

const ICONV: Record<CsvEncoding, string> = {
  'utf-8': 'utf8',
  gb18030: 'gb18030',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
};

/** csv-parse's count, or its error, for text written in an encoding. */
async function reference(text: string, encoding: CsvEncoding, delimiter: string): Promise<number | 'error'> {
  const file = path.join(dir, `f${n++}.csv`);
  fs.writeFileSync(file, iconv.encode(text, ICONV[encoding]));
  try {
    return await parseCountCsv(file, encoding, delimiter);
  } catch {
    return 'error';
  } finally {
    fs.rmSync(file, { force: true });
  }
}

function countInPieces(text: string, delimiter: string, cuts: number[]): number | null {
  const c = new CsvRecordCounter(delimiter);
  let from = 0;
  for (const at of [...cuts.map((x) => x % (text.length + 1))].sort((a, b) => a - b)) {
    if (!c.push(text.slice(from, at))) return null;
    from = at;
  }
  if (!c.push(text.slice(from))) return null;
  return c.end();
}

// Tokens that exercise the parser: quotes, every delimiter, every line ending, blanks that trim() removes
// (U+3000, U+00A0, U+FEFF, tab) and control characters it keeps.
const token = fc.constantFrom(
  '"',
  '""',
  ',',
  ';',
  '\t',
  '\n',
  '\r\n',
  '\r',
  ' ',
  'a',
  '中',
  '\u3000',
  '\u00a0',
  '\ufeff',
  '\u0001',
  'x"y',
);
const csvText = fc.array(token, { maxLength: 40 }).map((t) => t.join(''));
// Well-formed files, so that the counter's own path is exercised (most random texts are not sure).
const cell = fc.oneof(
  fc.constantFrom('', ' ', 'a b', '中文', '\u3000', '1"2'),
  fc.constantFrom('"a,b"', '"x""y"', '""', '"line\nbreak"', '" "'),
);
const wellFormed = fc
  .tuple(
    fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 8 }),
    fc.constantFrom('\n', '\r\n'),
    fc.boolean(),
  )
  .map(([rows, eol, lastEol]) => `h1,h2${eol}` + rows.map((r) => r.join(',')).join(eol) + (lastEol ? eol : ''));

describe('CsvRecordCounter (scanCsv fast path) agrees with csv-parse', () => {
  it('on random texts: when it is sure, csv-parse gives the same count and no error', async () => {
    await fc.assert(
      fc.asyncProperty(
        csvText,
        fc.constantFrom(',', ';', '\t'),
        fc.array(fc.nat(), { maxLength: 3 }),
        async (text, d, cuts) => {
          // The file is decoded as csvRows decodes it: iconv-lite drops a leading BOM.
          const fast = countInPieces(text.replace(/^\uFEFF/, ''), d, cuts);
          if (fast === null) return;
          expect(await reference(text, 'utf-8', d)).toBe(fast);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('on well-formed files in every encoding: sure, and the same count', async () => {
    await fc.assert(
      fc.asyncProperty(
        wellFormed,
        fc.constantFrom<CsvEncoding>('utf-8', 'gb18030', 'utf-16le', 'utf-16be'),
        async (text, enc) => {
          const file = path.join(dir, `w${n++}.csv`);
          fs.writeFileSync(file, iconv.encode(text, ICONV[enc], { addBOM: enc.startsWith('utf-16') }));
          const fast = await countCsvRecords(file, enc, ',');
          expect(fast).not.toBeNull();
          expect(fast).toBe(await reference(text, enc, ','));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is not sure of what csv-parse rejects or reads another way', () => {
    for (const t of ['a,"b', 'a,"b"c\n', 'a\rb\r', 'a\r\nb\nc', 'a\nb\r\nc', '"a\nb",c\n', 'a\r'])
      expect(countInPieces(t, ',', []), JSON.stringify(t)).toBeNull();
    expect(countInPieces('h\n\n , \u3000\n"",""\nx"y\n"a""b",\n', ',', [3, 9])).toBe(3);
  });
});
