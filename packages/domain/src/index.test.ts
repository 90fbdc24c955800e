import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as domain from './index.js';

const dir = new URL('.', import.meta.url);
const sources = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'testArbitraries.ts');

describe('@mwsp/domain', () => {
  it('re-exports every module from index.ts', () => {
    const index = readFileSync(new URL('index.ts', dir), 'utf8');
    for (const f of sources.filter((f) => f !== 'index.ts')) expect(index).toContain(`'./${f.replace(/\.ts$/, '.js')}'`);
    expect(typeof domain.parseIdNumber).toBe('function');
  });

  it('imports nothing but zod and its own files (runs in the browser too)', () => {
    for (const f of sources) {
      const imports = [...readFileSync(new URL(f, dir), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]);
      for (const spec of imports) expect(spec === 'zod' || /^\.\/[\w]+\.js$/.test(spec), `${f} imports ${spec}`).toBe(true);
    }
  });
});
