import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMBEDDED_LIMIT, embeddedLevel, embeddedWarning, folderBytes } from './embedded-limit.js';

const limit = { workers: 1_000_000, dataBytes: 4 * 2 ** 30 };

describe('the embedded database limit (npm start warns near it)', () => {
  it('is ok below 80% of both measures, near from 80%, over from 100%', () => {
    expect(embeddedLevel({ workers: 0, dataBytes: 0 }, limit).level).toBe('ok');
    expect(embeddedLevel({ workers: 799_999, dataBytes: 0 }, limit).level).toBe('ok');
    expect(embeddedLevel({ workers: 800_000, dataBytes: 0 }, limit).level).toBe('near');
    expect(embeddedLevel({ workers: 999_999, dataBytes: 0 }, limit).level).toBe('near');
    expect(embeddedLevel({ workers: 1_000_000, dataBytes: 0 }, limit).level).toBe('over');
  });

  it('takes the worse of workers and data folder size', () => {
    const r = embeddedLevel({ workers: 10_000, dataBytes: 3.5 * 2 ** 30 }, limit);
    expect(r.level).toBe('near');
    expect(r.share).toBeCloseTo(0.875);
    expect(embeddedLevel({ workers: 10_000, dataBytes: 5 * 2 ** 30 }, limit).level).toBe('over');
    expect(embeddedLevel({ workers: 900_000, dataBytes: 1 }, limit, 0.95).level).toBe('ok');
  });

  it('says nothing when ok; a Chinese and English line near and over the limit, with the figures', () => {
    expect(embeddedWarning({ workers: 20_000, dataBytes: 2 ** 28 }, limit)).toBeNull();
    const near = embeddedWarning({ workers: 850_000, dataBytes: 2 ** 30 }, limit)!;
    expect(near).toMatch(/接近建议规模上限/);
    expect(near).toMatch(/approaching/);
    expect(near).toMatch(/PostgreSQL/);
    expect(near).toContain('850,000');
    expect(near).toContain('85%');
    const over = embeddedWarning({ workers: 1_200_000, dataBytes: 2 ** 30 }, limit)!;
    expect(over).toMatch(/已超过/);
    expect(over).toMatch(/beyond/);
    expect(over).toContain('120%');
  });

  it('the stated default warns before a city-sized folder', () => {
    expect(embeddedLevel({ workers: EMBEDDED_LIMIT.workers * 0.8, dataBytes: 0 }).level).toBe('near');
    expect(embeddedLevel({ workers: 20_000, dataBytes: 300 * 2 ** 20 }).level).toBe('ok'); // the demo city
  });

  it('measures a folder (files in subfolders; a missing folder is 0)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mwsp-limit-'));
    fs.mkdirSync(path.join(dir, 'base'));
    fs.writeFileSync(path.join(dir, 'a'), Buffer.alloc(1000));
    fs.writeFileSync(path.join(dir, 'base', 'b'), Buffer.alloc(24));
    expect(folderBytes(dir)).toBe(1024);
    expect(folderBytes(path.join(dir, 'missing'))).toBe(0);
    fs.rmSync(dir, { recursive: true });
  });
});
