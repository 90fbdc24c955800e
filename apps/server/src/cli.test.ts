import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '../../../tools/test/db.js';

const CLI = path.join(path.dirname(fileURLToPath(import.meta.url)), 'cli.ts');
let dataDir: string;
let env: NodeJS.ProcessEnv;

function mwsp(
  args: string[],
  opts: { stdin?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
      env: { ...env, ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.stdin.end(opts.stdin ?? '');
    child.on('exit', (code) => resolve({ code: code ?? 1, out, err }));
  });
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mwsp-cli-'));
  const url = await testDatabaseUrl();
  env = { PATH: process.env.PATH, MWSP_DATA_DIR: dataDir, ...(url ? { DATABASE_URL: url } : {}) };
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('mwsp command', () => {
  it('migrates, creates a user on a fresh database, unlocks it and issues a token shown once', async () => {
    const m = await mwsp(['migrate']);
    expect(m.code, m.err).toBe(0);
    expect(m.out).toMatch(/schema version \d+/);

    const c = await mwsp(
      [
        'user',
        'create',
        '--username',
        'edu_sync',
        '--display-name',
        '教育局对接',
        '--roles',
        'officer',
        '--department',
        'edu',
        '--region',
        '530102',
        '--password-stdin',
      ],
      { stdin: 'Jiaoyu#Sync-2026xy\n' },
    );
    expect(c.code, c.err).toBe(0);
    expect(c.out).toContain('edu_sync');
    expect(c.out).not.toContain('Jiaoyu#Sync-2026xy');

    const u = await mwsp(['user', 'unlock', 'edu_sync']);
    expect(u.code, u.err).toBe(0);

    const t = await mwsp(['token', 'create', '--username', 'edu_sync', '--name', '学籍系统', '--days', '30']);
    expect(t.code, t.err).toBe(0);
    expect(t.out).toMatch(/mwsp_[A-Za-z0-9_-]{40,}/);
  }, 120_000);

  it('imports township centres from a CSV, skipping unknown regions and bad coordinates', async () => {
    const file = path.join(dataDir, 'centres.csv');
    fs.writeFileSync(file, 'code,lat,lon\n530102001,25.05,102.70\n530102999,25,102\n530102002,95,102\n');
    const r = await mwsp(['regions', 'centres', file]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('stored 1，跳过 / skipped 2');
  }, 120_000);

  it('refuses bad input with a clear message and a non-zero exit', async () => {
    const badRole = await mwsp([
      'user',
      'create',
      '--username',
      'x_user',
      '--display-name',
      'X',
      '--roles',
      'nosuchrole',
      '--region',
      '5301',
    ]);
    expect(badRole.code).toBe(1);
    expect(badRole.err).toContain('角色不存在');
    const weak = await mwsp(
      [
        'user',
        'create',
        '--username',
        'y_user',
        '--display-name',
        'Y',
        '--roles',
        'officer',
        '--region',
        '5301',
        '--password-stdin',
      ],
      { stdin: 'password123456' },
    );
    expect(weak.code).toBe(1);
    expect(weak.err).toContain('密码');
    const noUser = await mwsp(['user', 'unlock', 'ghost']);
    expect(noUser.code).toBe(1);
    expect(noUser.err).toContain('用户不存在');
  }, 120_000);

  it('validates the configuration before touching the database', async () => {
    const prod = await mwsp(['migrate'], { env: { MWSP_MODE: 'production' } });
    expect(prod.code).toBe(1);
    expect(prod.err).toContain('MWSP_MASTER_KEY');
    const city = await mwsp(['migrate'], { env: { MWSP_CITY: '530102' } });
    expect(city.code).toBe(1);
    expect(city.err).toContain('地市级');
    const port = await mwsp(['migrate'], { env: { PORT: 'abc' } });
    expect(port.code).toBe(1);
    expect(port.err).toContain('PORT');
  }, 60_000);
});
