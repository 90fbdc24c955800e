import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JOB_IMPORT_COLUMNS, jobsImportKind } from './jobs.imports.js';
import type { JobsService } from './jobs.service.js';

const kind = jobsImportKind({} as JobsService, undefined, () => new Date('2026-03-02T02:00:00Z'));
const KEYS = JOB_IMPORT_COLUMNS.map((c) => c.key);
const good: Record<string, string> = {
  employer: '昆明某某有限公司',
  title: '电焊工',
  occupation: '6-18-02-04',
  headcount: '3',
  wageMin: '4800',
  wageMax: '5500',
  region: '530102001',
  address: '五华区某厂',
  ageMin: '',
  ageMax: '',
  education: '',
  sex: '',
  skills: '',
  certificates: '',
  other: '',
  housing: '',
  meals: '',
  insurance: '',
  contractTermMonths: '',
  validUntil: '2026-12-31',
  householdService: '',
  description: '',
};

describe('岗位导入 parseRow', () => {
  it('accepts a lawful row and names the columns of every problem', () => {
    expect(kind.parseRow(good, 2)).toMatchObject({ ok: true });
    const bad = kind.parseRow({ ...good, wageMin: '6000', wageMax: '5000', validUntil: '2026/2/30', sex: '男' }, 2);
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.errors.wageMin).toContain('工资范围颠倒');
      expect(bad.errors.validUntil).toContain('不是有效日期');
      expect(bad.errors.sex).toContain('性别');
    }
  });

  it('never throws on hostile cells and reports only known columns', () => {
    const cell = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.string({ unit: 'grapheme', maxLength: 3000 }),
      fc.constantFrom(
        '=1+1',
        '=HYPERLINK("http://evil","x")',
        '+cmd|calc',
        '@SUM(A1)',
        '-1',
        '1e309',
        'NaN',
        'Infinity',
        '0x10',
        '４８００',
        '¥4,800.00',
        '4800.001',
        '9'.repeat(400),
        '2026-02-29',
        '\u0000\u202e',
        '是',
        '否',
        '男',
        '限男性',
        '530103001',
        '',
      ),
    );
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...KEYS), cell), fc.boolean(), (over, fromGood) => {
        const raw: Record<string, string> = {};
        for (const k of KEYS) raw[k] = over[k] ?? (fromGood ? good[k] : '');
        const r = kind.parseRow(raw, 7);
        if (!r.ok) {
          expect(Object.keys(r.errors).length).toBeGreaterThan(0);
          for (const [k, m] of Object.entries(r.errors)) {
            expect([...KEYS, '_row']).toContain(k);
            expect(m).toMatch(/[\u4e00-\u9fff]/);
          }
        } else {
          expect(r.value.input.wageMinFen).toBeLessThanOrEqual(r.value.input.wageMaxFen);
          expect(r.value.input.validUntil >= '2026-03-02').toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });
});
