/**
 * Throwaway PostgreSQL clusters for tests and local development.
 * 用于测试与本地开发的一次性 PostgreSQL 集群。
 *
 *   import { startThrowawayCluster } from '../tools/pg-cluster.ts';
 *   const pg = await startThrowawayCluster();
 *   const url = await pg.createDatabase('t_abc');   // postgres://postgres@127.0.0.1:PORT/t_abc
 *   await pg.stop();                                 // pg_ctl stop -m immediate + rm -rf
 *
 * CLI:  npx tsx tools/pg-cluster.ts   → prints the URL, stops and cleans up on Ctrl-C.
 *
 * Binaries: $MWSP_PG_BIN, else the newest /usr/lib/postgresql/<ver>/bin, else `pg_config --bindir`.
 * As root, initdb/pg_ctl run as the `postgres` OS user (override: $MWSP_PG_OS_USER) via runuser.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, chownSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface ThrowawayCluster {
  /** postgres://postgres@127.0.0.1:PORT/postgres (trust auth, superuser) */
  url: string;
  port: number;
  /** PGDATA */
  dataDir: string;
  /** pg_ctl stop -m immediate, then remove the temp dir. Idempotent. */
  stop(): Promise<void>;
  /** Stops the server the hard way (pg_ctl stop -m immediate) but keeps its files: a crashed node. */
  stopServer(): Promise<void>;
  /** Starts a server stopped by stopServer() again, same port and settings (crash recovery runs). */
  startServer(): Promise<void>;
  /** CREATE DATABASE <name>; returns its URL. */
  createDatabase(name: string): Promise<string>;
}

export interface ClusterOptions {
  /** Directory holding initdb/pg_ctl; default findPgBin(). */
  bin?: string;
  /** TCP port on 127.0.0.1; default: a free one. */
  port?: number;
  /** Extra `-c key=value` server settings (override the defaults). */
  settings?: Record<string, string | number>;
  /** Parent of the temp dir; default os.tmpdir(). */
  tmpRoot?: string;
  /** Seconds to wait for the server to accept connections; default 60. */
  startTimeoutSec?: number;
}

const PG_TOOLS = ['initdb', 'pg_ctl', 'postgres'];

function hasTools(dir: string): boolean {
  return PG_TOOLS.every((t) => existsSync(path.join(dir, t)));
}

/** Directory containing initdb, pg_ctl and postgres, or null. */
export function findPgBin(): string | null {
  const fromEnv = process.env.MWSP_PG_BIN;
  if (fromEnv) return hasTools(fromEnv) ? fromEnv : null;

  const root = '/usr/lib/postgresql';
  try {
    const versions = readdirSync(root)
      .filter((v) => /^\d+(\.\d+)?$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const v of versions) {
      const dir = path.join(root, v, 'bin');
      if (hasTools(dir)) return dir;
    }
  } catch {
    /* no such dir */
  }

  try {
    const dir = execFileSync('pg_config', ['--bindir'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    if (dir && hasTools(dir)) return dir;
  } catch {
    /* pg_config not installed */
  }
  return null;
}

export function missingPgBinMessage(): string {
  const env = process.env.MWSP_PG_BIN;
  return [
    env
      ? `PostgreSQL binaries not found in MWSP_PG_BIN=${env} (need initdb, pg_ctl, postgres).`
      : 'PostgreSQL binaries not found (looked in $MWSP_PG_BIN, /usr/lib/postgresql/*/bin, `pg_config --bindir`).',
    'Install PostgreSQL (Debian: apt-get install -y postgresql) ' +
      'or set MWSP_PG_BIN to the directory containing initdb and pg_ctl.',
    '未找到 PostgreSQL 可执行文件（需要 initdb、pg_ctl、postgres）。' +
      '请安装 PostgreSQL（Debian：apt-get install -y postgresql），或将环境变量 MWSP_PG_BIN 设为包含 initdb 与 pg_ctl 的目录。',
  ].join('\n');
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => (port ? resolve(port) : reject(new Error('could not allocate a port'))));
    });
  });
}

interface RunAs {
  /** wraps a command so that it runs as the right OS user */
  wrap(cmd: string, args: string[]): [string, string[]];
  /** chown a path to that user (no-op when not root) */
  own(p: string): void;
  user: string | null;
}

function runAs(): RunAs {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) return { wrap: (c, a) => [c, a], own: () => {}, user: null };

  const user = process.env.MWSP_PG_OS_USER || 'postgres';
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${user}:`));
  if (!line) {
    throw new Error(
      `Running as root, but OS user "${user}" does not exist; initdb refuses to run as root. ` +
        `Create it (useradd -r -m ${user}), install Debian's postgresql package, or run the tests as a normal user. ` +
        `/ 当前以 root 运行，但系统用户 "${user}" 不存在，initdb 不能以 root 身份运行。请创建该用户或以普通用户运行测试。`,
    );
  }
  const [, , uid, gid] = line.split(':');
  const runuser = ['/usr/sbin/runuser', '/sbin/runuser', '/usr/bin/runuser'].find((p) => existsSync(p));
  if (!runuser)
    throw new Error('runuser not found (util-linux) — needed to run initdb as a non-root user / 未找到 runuser');
  return {
    wrap: (c, a) => [runuser, ['-u', user, '--', c, ...a]],
    own: (p) => chownSync(p, Number(uid), Number(gid)),
    user,
  };
}

function run(cmd: string, args: string[], timeoutMs = 120_000): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      cmd,
      args,
      { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, LC_ALL: 'C' } },
      (err, stdout, stderr) => {
        if (err) {
          reject(new Error(`${err.message}\n${stdout}`.trim()));
        } else resolve({ stdout, stderr });
      },
    );
  });
}

function tail(file: string, lines = 40): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

const DEFAULT_SETTINGS: Record<string, string | number> = {
  listen_addresses: '127.0.0.1',
  fsync: 'on',
  synchronous_commit: 'on',
  full_page_writes: 'on',
  max_connections: 200,
  shared_buffers: '256MB',
};

/** Live clusters of this process, stopped synchronously if the process exits without stop(). */
const live = new Set<{ pgCtl: [string, string[]]; dir: string }>();
let exitHookInstalled = false;
function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const c of live) {
      try {
        execFileSync(c.pgCtl[0], c.pgCtl[1], { stdio: 'ignore', timeout: 20_000 });
      } catch {
        /* best effort */
      }
      try {
        rmSync(c.dir, { recursive: true, force: true });
      } catch {
        /* best effort */
      }
    }
    live.clear();
  });
}

export async function startThrowawayCluster(opts: ClusterOptions = {}): Promise<ThrowawayCluster> {
  const bin = opts.bin ?? findPgBin();
  if (!bin) throw new Error(missingPgBinMessage());
  const as = runAs();

  const dir = await mkdtemp(path.join(opts.tmpRoot ?? os.tmpdir(), 'mwsp-pg-'));
  const dataDir = path.join(dir, 'data');
  const logFile = path.join(dir, 'postgres.log');
  let cleaned = false;
  const cleanupDir = async () => {
    if (!cleaned) {
      cleaned = true;
      await rm(dir, { recursive: true, force: true });
    }
  };

  try {
    as.own(dir);
    await run(
      ...as.wrap(path.join(bin, 'initdb'), [
        '-D',
        dataDir,
        '-A',
        'trust',
        '-U',
        'postgres',
        '--no-sync',
        '-E',
        'UTF8',
        '--locale=C',
      ]),
    );
  } catch (err) {
    await cleanupDir();
    throw new Error(`initdb failed in ${dir}: ${(err as Error).message}`);
  }

  const settings = { ...DEFAULT_SETTINGS, ...opts.settings };
  const pgCtl = path.join(bin, 'pg_ctl');
  const stopCmd = as.wrap(pgCtl, ['stop', '-D', dataDir, '-m', 'immediate', '-w', '-t', '30']);
  const timeout = opts.startTimeoutSec ?? 60;

  // A port picked as "free" can be taken before postgres binds it: retry a few times.
  let port = 0;
  let lastErr: unknown;
  const startCmd = (o: string) =>
    as.wrap(pgCtl, ['start', '-D', dataDir, '-l', logFile, '-w', '-t', String(timeout), '-o', o]);
  let serverOptions = '';
  for (let attempt = 0; attempt < (opts.port ? 1 : 4); attempt++) {
    port = opts.port ?? (await freePort());
    const o = [`-p ${port}`, `-k ${dir}`, ...Object.entries(settings).map(([k, v]) => `-c ${k}=${v}`)].join(' ');
    serverOptions = o;
    try {
      await run(...startCmd(o), (timeout + 10) * 1000);
      lastErr = undefined;
      break;
    } catch (err) {
      lastErr = err;
      try {
        await run(...stopCmd, 30_000);
      } catch {
        /* not running */
      }
    }
  }
  if (lastErr) {
    const log = tail(logFile);
    await cleanupDir();
    throw new Error(`PostgreSQL did not start (bin=${bin}): ${(lastErr as Error).message}\n--- server log ---\n${log}`);
  }

  const entry = { pgCtl: stopCmd, dir };
  live.add(entry);
  installExitHook();

  // pg_ctl -w already waited; double-check the TCP listener (listen_addresses) is up.
  const listening = async () => {
    const until = Date.now() + timeout * 1000;
    while (!(await canConnect(port))) {
      if (Date.now() > until) return false;
      await new Promise((r) => setTimeout(r, 100));
    }
    return true;
  };
  if (!(await listening())) {
    const log = tail(logFile);
    live.delete(entry);
    await run(...stopCmd).catch(() => {});
    await cleanupDir();
    throw new Error(`PostgreSQL started but 127.0.0.1:${port} does not accept connections\n--- server log ---\n${log}`);
  }

  const base = `postgres://postgres@127.0.0.1:${port}`;
  let stopped: Promise<void> | null = null;

  return {
    url: `${base}/postgres`,
    port,
    dataDir,
    stop() {
      stopped ??= (async () => {
        live.delete(entry);
        try {
          await run(...stopCmd, 40_000);
        } catch {
          /* already gone */
        }
        await cleanupDir();
      })();
      return stopped;
    },
    async stopServer() {
      if (stopped) throw new Error('cluster already removed');
      await run(...stopCmd, 40_000);
    },
    async startServer() {
      if (stopped) throw new Error('cluster already removed');
      try {
        await run(...startCmd(serverOptions), (timeout + 10) * 1000);
      } catch (err) {
        throw new Error(`PostgreSQL did not restart: ${(err as Error).message}\n--- server log ---\n${tail(logFile)}`);
      }
      if (!(await listening()))
        throw new Error(`PostgreSQL restarted but 127.0.0.1:${port} does not accept connections`);
    },
    async createDatabase(name: string) {
      if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`invalid database name: ${name}`);
      const { default: pg } = await import('pg');
      const client = new pg.Client({ connectionString: `${base}/postgres` });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name}"`);
      } finally {
        await client.end();
      }
      return `${base}/${name}`;
    },
  };
}

// ---- CLI: npx tsx tools/pg-cluster.ts ----
const isMain = process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
async function main() {
  const bin = findPgBin();
  if (!bin) {
    console.error(missingPgBinMessage());
    process.exit(2);
  }
  const cluster = await startThrowawayCluster({ bin });
  console.log(`PostgreSQL (${bin}) running / 已启动:`);
  console.log(cluster.url);
  console.log(`PGDATA=${cluster.dataDir}`);
  console.log('Ctrl-C to stop and delete it / 按 Ctrl-C 停止并删除');
  const keepAlive = setInterval(() => {}, 1 << 30);
  const shutdown = async () => {
    clearInterval(keepAlive);
    await cluster.stop();
    console.log('stopped / 已停止');
    process.exit(0);
  };
  // A signal handler cannot be awaited: a failed stop is reported and ends the process with an error.
  const onSignal = () => {
    shutdown().catch((err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    });
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.once('SIGHUP', onSignal);
}
if (isMain) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
