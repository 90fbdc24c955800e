import { PassThrough } from 'node:stream';
import { describe, it } from 'vitest';
import { assertStrictXlsx } from '../../test/strict-xlsx.js';
import { writeErrorsWorkbook, writeTemplate } from './workbooks.js';
import type { ImportKind } from './kinds.js';

async function collect(write: (out: PassThrough) => Promise<void>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((r) => out.on('end', r));
  await write(out);
  await ended;
  return Buffer.concat(chunks);
}

const kind = {
  kind: 'strict_test',
  title: '严格检查',
  permission: 'x:y',
  columns: [
    { key: 'name', header: '姓名', required: true },
    { key: 'g', header: '性别', options: ['男', '女'] },
    { key: 'long', header: '长列表', options: Array.from({ length: 60 }, (_, i) => `选项第${i}项`) },
  ],
  parseRow: () => ({ ok: false, errors: {} }),
  commitBatch: async () => [],
} as unknown as ImportKind;

describe('strict OOXML', () => {
  it('the template', async () => {
    await assertStrictXlsx(await collect((o) => writeTemplate(kind, o)));
  });
  it('the error workbook', async () => {
    async function* rows() {
      yield { rowNo: 2, cells: { name: '坏' }, raw: { name: '𠈌阿依古丽・吐尔逊' } };
    }
    await assertStrictXlsx(await collect((o) => writeErrorsWorkbook(kind.columns, rows(), o)));
  });
});
