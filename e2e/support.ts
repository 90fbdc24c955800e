/**
 * Shared pieces of the browser tests: RFC 6238 TOTP, the real server (demo mode, fresh data dir,
 * a small demo city) and Chromium. Not a test file itself (vitest runs e2e/**\/*.e2e.ts only).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const outDir = path.join(repoRoot, '.tmp');
export const BOOTSTRAP_PASSWORD = 'Init#Kunming-2026xy';
export const NEW_PASSWORD = 'Kunming#Strong2026pw';
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

// ---------- TOTP (RFC 6238: HMAC-SHA1, 30 s, 6 digits) ----------
export function base32Decode(input: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const clean = input.toUpperCase().replace(/[^A-Z2-7]/g, '');
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of clean) {
    value = (value << 5) | alphabet.indexOf(ch);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

export function totp(secretBase32: string, atMs = Date.now()): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(atMs / 1000 / 30)));
  const mac = createHmac('sha1', base32Decode(secretBase32)).update(counter).digest();
  const off = mac[mac.length - 1] & 0x0f;
  const bin = (mac.readUInt32BE(off) & 0x7fffffff) % 1_000_000;
  return String(bin).padStart(6, '0');
}

/** A code of a step not used before for this secret, valid for at least a few seconds. */
const usedSteps = new Map<string, number>();
export async function freshTotp(secret: string): Promise<string> {
  for (;;) {
    const left = 30_000 - (Date.now() % 30_000);
    const step = Math.floor(Date.now() / 30_000);
    if (left >= 4_000 && usedSteps.get(secret) !== step) {
      usedSteps.set(secret, step);
      return totp(secret);
    }
    await new Promise((r) => setTimeout(r, left + 200));
  }
}

// ---------- server ----------
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

const keep = (s: string) => (s.length > 200_000 ? s.slice(-200_000) : s);

export interface RunningServer {
  baseUrl: string;
  stderr: () => string;
  /**
   * The server's last requests from its log (method, URL, status, ms; "pending" = no answer yet), for failure
   * reports.
   */
  recentRequests: (n?: number) => string;
  stop: () => Promise<void>;
}

/**
 * How long the server may take to answer /api/health (the demo city is generated on the first start):
 * MWSP_E2E_START_MS, 150 s by default; a start-up hook waits this long plus half a minute (START_HOOK_MS).
 */
export const SERVER_START_MS = Number(process.env.MWSP_E2E_START_MS) || 150_000;
export const START_HOOK_MS = SERVER_START_MS + 30_000;

/** Starts `apps/server/src/cli.ts serve` in demo mode on a fresh data directory. */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  mkdirSync(outDir, { recursive: true });
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'mwsp-e2e-'));
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(childEnv)) {
    if (k.startsWith('VITEST') || k.startsWith('MWSP_') || k === 'NODE_ENV' || k === 'NODE_OPTIONS' || k === 'TEST')
      delete childEnv[k];
  }
  Object.assign(childEnv, {
    PORT: String(port),
    HOST: '127.0.0.1',
    MWSP_DATA_DIR: dataDir,
    MWSP_MODE: 'demo',
    MWSP_BOOTSTRAP_PASSWORD: BOOTSTRAP_PASSWORD,
    MWSP_DEMO_WORKERS: '2000',
    MWSP_SCAN_MINUTES: '0',
    MWSP_STRICT_CONTRACTS: '1', // an answer with a field its contract does not declare is a 500 here
    ...env,
  });
  let out = '';
  let err = '';
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/cli.ts', 'serve'], {
    cwd: repoRoot,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out = keep(out + d)));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (err = keep(err + d)));
  child.on('exit', (code, signal) => (exit = { code, signal }));

  const stop = async () => {
    if (!exit) {
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + SERVER_START_MS;
  let last = '';
  for (;;) {
    if (exit) {
      await stop();
      throw new Error(`server exited early (code ${exit.code}, signal ${exit.signal})\n${err}\n${out.slice(-5_000)}`);
    }
    try {
      const res = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) break;
      last = `HTTP ${res.status}`;
    } catch (e) {
      last = (e as Error).message;
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`GET /api/health did not answer 200 (last: ${last})\n${err}\n${out.slice(-5_000)}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return { baseUrl, stderr: () => err, recentRequests: (n = 40) => recentRequests(out, n), stop };
}

/** Pairs the pino request/response lines of the server's stdout into one line per request. */
export function recentRequests(stdout: string, n: number): string {
  const byId = new Map<string, { line: string; done: boolean }>();
  for (const raw of stdout.split('\n')) {
    if (!raw.startsWith('{')) continue;
    let e: {
      reqId?: string;
      time?: number;
      req?: { method?: string; url?: string };
      res?: { statusCode?: number };
      responseTime?: number;
    };
    try {
      e = JSON.parse(raw) as typeof e;
    } catch {
      continue;
    }
    if (!e.reqId) continue;
    const at = e.time ? new Date(e.time).toISOString().slice(11, 23) : '';
    if (e.req) byId.set(e.reqId, { line: `${at} ${e.req.method} ${e.req.url} → pending`, done: false });
    else if (e.res && byId.has(e.reqId)) {
      const r = byId.get(e.reqId)!;
      byId.set(e.reqId, {
        line: r.line.replace('pending', `${e.res.statusCode} ${Math.round(e.responseTime ?? 0)} ms`),
        done: true,
      });
    }
  }
  return [...byId.values()]
    .slice(-n)
    .map((r) => r.line)
    .join('\n');
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}
