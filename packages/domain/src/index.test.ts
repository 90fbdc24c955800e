import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as domain from './index.js';

const dir = new URL('.', import.meta.url);
const sources = readdirSync(dir).filter(
  (f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'testArbitraries.ts',
);
/** Sub-folders whose files are re-exported through their own index.ts. */
const subdirs = ['codes', 'contracts'];
const subSources = subdirs.flatMap((d) =>
  readdirSync(new URL(`${d}/`, dir))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => `${d}/${f}`),
);

describe('@mwsp/domain', () => {
  it('re-exports every module from index.ts', () => {
    const index = readFileSync(new URL('index.ts', dir), 'utf8');
    for (const f of sources.filter((f) => f !== 'index.ts'))
      expect(index).toContain(`'./${f.replace(/\.ts$/, '.js')}'`);
    for (const d of subdirs) {
      expect(index).toContain(`'./${d}/index.js'`);
      const subIndex = readFileSync(new URL(`${d}/index.ts`, dir), 'utf8');
      for (const f of subSources.filter((f) => f.startsWith(`${d}/`) && f !== `${d}/index.ts`)) {
        expect(subIndex).toContain(`'./${f.slice(d.length + 1).replace(/\.ts$/, '.js')}'`);
      }
    }
    expect(typeof domain.parseIdNumber).toBe('function');
  });

  it('imports nothing but zod and its own files (runs in the browser too)', () => {
    for (const f of [...sources, ...subSources]) {
      const imports = [...readFileSync(new URL(f, dir), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]);
      // Own files: a relative './x.js' or '../x.js' that is a source file of this package.
      const own = (spec: string) => {
        if (!/^\.\.?\/[\w/]+\.js$/.test(spec)) return false;
        const target = new URL(spec.replace(/\.js$/, '.ts'), new URL(f, dir));
        return target.href.startsWith(dir.href) && existsSync(target);
      };
      for (const spec of imports) expect(spec === 'zod' || own(spec), `${f} imports ${spec}`).toBe(true);
    }
  });
});
