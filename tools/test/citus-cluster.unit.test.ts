// Pure checks of tools/citus-cluster.ts (no server started).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CITUS_SETTINGS, findCitus, missingCitusMessage, pgLibDir } from '../citus-cluster';

const empty = mkdtempSync(path.join(os.tmpdir(), 'mwsp-citus-unit-'));
afterAll(() => rmSync(empty, { recursive: true, force: true }));

describe('citus-cluster helpers', () => {
  it('no PostgreSQL, or no citus.so beside it, means "not found"', () => {
    expect(findCitus(null)).toBeNull();
    const bin = path.join(empty, 'bin');
    expect(pgLibDir(bin)).toBe(path.join(empty, 'lib')); // no pg_config there: the sibling lib dir
    expect(findCitus(bin)).toBeNull();
  });

  it('says how to build Citus, in English and Chinese', () => {
    const msg = missingCitusMessage(path.join(empty, 'bin'));
    expect(msg).toContain('../shared/vendor/citus/build.sh');
    expect(msg).toContain('未安装 Citus');
  });

  it('every node preloads citus', () => {
    expect(CITUS_SETTINGS.shared_preload_libraries).toBe('citus');
  });
});
