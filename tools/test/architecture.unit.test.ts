/**
 * The architecture rules of .dependency-cruiser.cjs (layers, module ports, pure domain, no cycles) run in
 * `npm test`: dependency-cruiser's API cruises the tree and any violation fails this test. A known exception
 * that no longer matches a real dependency fails it too, so the integrator deletes it from the config.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise, type ICruiseResult, type IConfiguration } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const configFile = path.join(root, '.dependency-cruiser.cjs');

type Exception = { from?: string; to?: string; via?: string };
const { KNOWN_EXCEPTIONS } = createRequire(import.meta.url)(configFile) as IConfiguration & {
  KNOWN_EXCEPTIONS: Record<string, Exception>;
};

describe('architecture rules (dependency-cruiser)', () => {
  let result: ICruiseResult;

  beforeAll(async () => {
    const cwd = process.cwd();
    process.chdir(root); // the config's paths and the tree's module names are relative to the root
    try {
      const options = await extractDepcruiseOptions(configFile);
      const tsConfig = extractTSConfig(path.join(root, options.tsConfig?.fileName ?? 'tsconfig.base.json'));
      const out = await cruise(['apps', 'packages', 'tools'], { ...options, validate: true }, undefined, {
        tsConfig,
      });
      result = out.output as ICruiseResult;
    } finally {
      process.chdir(cwd);
    }
  }, 180_000);

  it('finds no violation', () => {
    const violations = result.summary.violations.map(
      (v) =>
        `${v.rule.name}: ${v.from} → ${v.to}${v.cycle ? ` (cycle ${v.cycle.map((c) => c.name).join(' → ')})` : ''}`,
    );
    expect(violations).toEqual([]);
    expect(result.summary.totalCruised).toBeGreaterThan(100); // it did cruise the tree
  });

  it('keeps no stale exception: each known exception still covers a real dependency', () => {
    const stale: string[] = [];
    for (const [name, e] of Object.entries(KNOWN_EXCEPTIONS)) {
      const used = result.modules.some((m) =>
        m.dependencies.some((d) => {
          if (e.via) {
            const via = new RegExp(e.via);
            return d.circular && new RegExp(e.via).test(m.source) && (d.cycle ?? []).every((c) => via.test(c.name));
          }
          return new RegExp(e.from!).test(m.source) && new RegExp(e.to!).test(d.resolved);
        }),
      );
      if (!used) stale.push(`${name}: no longer needed — delete it from .dependency-cruiser.cjs`);
    }
    expect(stale).toEqual([]);
  });
});
