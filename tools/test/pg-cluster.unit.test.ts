// Pure checks of tools/pg-cluster.ts (no server started).
import { afterEach, describe, expect, it } from 'vitest';
import { findPgBin, freePort, missingPgBinMessage } from '../pg-cluster';

const saved = process.env.MWSP_PG_BIN;
afterEach(() => {
  if (saved === undefined) delete process.env.MWSP_PG_BIN;
  else process.env.MWSP_PG_BIN = saved;
});

describe('pg-cluster helpers', () => {
  it('MWSP_PG_BIN pointing nowhere means "not found", with an English+Chinese hint', () => {
    process.env.MWSP_PG_BIN = '/nonexistent/pg/bin';
    expect(findPgBin()).toBeNull();
    const msg = missingPgBinMessage();
    expect(msg).toContain('MWSP_PG_BIN=/nonexistent/pg/bin');
    expect(msg).toContain('apt-get install -y postgresql');
    expect(msg).toContain('未找到 PostgreSQL');
  });

  it('freePort() returns a usable TCP port', async () => {
    const p = await freePort();
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(65536);
  });
});
