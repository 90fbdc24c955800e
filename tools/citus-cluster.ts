/**
 * A throwaway Citus cluster (distributed PostgreSQL) for tests and benchmarks: one coordinator and
 * N workers (default 2), each a tools/pg-cluster.ts cluster with `shared_preload_libraries=citus`.
 * 用于测试与基准的一次性 Citus 集群：一个协调节点、两个工作节点。
 *
 *   import { startCitusCluster } from '../tools/citus-cluster.ts';
 *   const c = await startCitusCluster();
 *   const url = await c.createDatabase('t_abc');   // on every node, CREATE EXTENSION citus, workers added
 *   await c.stop();
 *
 * CLI:  npx tsx tools/citus-cluster.ts   → prints the coordinator URL of database `mwsp`; Ctrl-C stops it.
 *
 * Citus is not in Debian's archive: `.ci/run` builds it from ../shared/vendor/citus/build.sh when
 * citus.so is missing (see findCitus()).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { findPgBin, missingPgBinMessage, startThrowawayCluster, type ThrowawayCluster } from './pg-cluster';
import { runStatements, withDatabase } from './pg-admin';

export interface CitusCluster {
  /** postgres://postgres@127.0.0.1:PORT/postgres of the coordinator (no citus in that database) */
  url: string;
  coordinator: ThrowawayCluster;
  workers: ThrowawayCluster[];
  /** Admin URLs (database `postgres`) of the workers. */
  workerUrls: string[];
  /** The database on every node, citus in it, the workers registered; returns the coordinator URL. */
  createDatabase(name: string): Promise<string>;
  /** Stops every node and removes its files. Idempotent. */
  stop(): Promise<void>;
}

export interface CitusOptions {
  bin?: string;
  /** Number of worker nodes; default 2. */
  workers?: number;
  /** Extra server settings for every node. */
  settings?: Record<string, string | number>;
}

/** Library directory of the PostgreSQL whose binaries are in `bin`. */
export function pgLibDir(bin: string): string {
  const pgConfig = path.join(bin, 'pg_config');
  if (existsSync(pgConfig)) {
    try {
      return execFileSync(pgConfig, ['--pkglibdir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      /* fall through */
    }
  }
  return path.join(bin, '..', 'lib');
}

/** Path of citus.so for the PostgreSQL in `bin` (default findPgBin()), or null when not installed. */
export function findCitus(bin: string | null = findPgBin()): string | null {
  if (!bin) return null;
  const so = path.join(pgLibDir(bin), 'citus.so');
  return existsSync(so) ? so : null;
}

export function missingCitusMessage(bin: string | null = findPgBin()): string {
  const lib = bin ? pgLibDir(bin) : '(no PostgreSQL found)';
  return [
    `Citus is not installed (no citus.so in ${lib}).`,
    'Build it from the vendored source: bash ../shared/vendor/citus/build.sh (what .ci/run does; 1-2 minutes).',
    `未安装 Citus（${lib} 中没有 citus.so）。请运行 bash ../shared/vendor/citus/build.sh 从源码构建（.ci/run 会自动执行）。`,
  ].join('\n');
}

/**
 * Server settings of every node. Each database that uses citus gets a maintenance daemon (a
 * background worker) on each node, and a test run creates a database per test platform: hence the
 * generous max_worker_processes.
 */
export const CITUS_SETTINGS: Record<string, string | number> = {
  shared_preload_libraries: 'citus',
  max_worker_processes: 512,
  // every test database keeps a maintenance daemon and the coordinator's cached connections on each worker
  max_connections: 600,
  'citus.max_background_task_executors_per_node': 1,
  // the suite writes from many databases at once on 2 cores: keep Citus' own pools small
  'citus.max_adaptive_executor_pool_size': 4,
};

/**
 * Creates database `name` on every node with the citus extension and registers the workers in the
 * coordinator's metadata (pg_dist_node is per database). Returns the coordinator URL.
 * Usable without a CitusCluster object: the test harness holds only the URLs (vitest provide()).
 */
export async function createCitusDatabase(coordinatorUrl: string, workerUrls: string[], name: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`invalid database name: ${name}`);
  // Workers first: citus_add_node connects to the database of the same name on each worker.
  await Promise.all(
    workerUrls.map(async (w) => {
      await runStatements(w, [`CREATE DATABASE "${name}"`]);
      await runStatements(withDatabase(w, name), ['CREATE EXTENSION citus']);
    }),
  );
  await runStatements(coordinatorUrl, [`CREATE DATABASE "${name}"`]);
  const url = withDatabase(coordinatorUrl, name);
  const coordinator = new URL(coordinatorUrl);
  const register = [
    'CREATE EXTENSION IF NOT EXISTS citus',
    `SELECT citus_set_coordinator_host('${coordinator.hostname}', ${Number(coordinator.port)})`,
    // citus_add_node of a node already added returns its id: the whole list can run again
    ...workerUrls.map((w) => {
      const u = new URL(w);
      return `SELECT citus_add_node('${u.hostname}', ${Number(u.port)})`;
    }),
  ];
  // Registering connects to every worker; on a loaded machine with many test databases a connection to a
  // worker now and then fails ("failure on connection marked as essential"): try again, a few times.
  for (let attempt = 1; ; attempt++) {
    try {
      await runStatements(url, register);
      return url;
    } catch (err) {
      if (attempt >= 4 || !/failure on connection marked as essential|connection to the remote node/.test(String(err)))
        throw err;
      await new Promise((r) => setTimeout(r, 500 * attempt));
    }
  }
}

export async function startCitusCluster(opts: CitusOptions = {}): Promise<CitusCluster> {
  const bin = opts.bin ?? findPgBin();
  if (!bin) throw new Error(missingPgBinMessage());
  if (!findCitus(bin)) throw new Error(missingCitusMessage(bin));
  const settings = { ...CITUS_SETTINGS, ...opts.settings };
  const n = opts.workers ?? 2;

  const started: ThrowawayCluster[] = [];
  const stopAll = () => Promise.all(started.map((c) => c.stop())).then(() => undefined);
  let nodes: ThrowawayCluster[];
  try {
    // One after another: initdb on a loaded 2-core machine is CPU-bound anyway.
    nodes = [];
    for (let i = 0; i <= n; i++) {
      const c = await startThrowawayCluster({ bin, settings });
      started.push(c);
      nodes.push(c);
    }
  } catch (err) {
    await stopAll();
    throw err;
  }
  const [coordinator, ...workers] = nodes;
  let stopped: Promise<void> | null = null;
  return {
    url: coordinator.url,
    coordinator,
    workers,
    workerUrls: workers.map((w) => w.url),
    createDatabase: (name) =>
      createCitusDatabase(
        coordinator.url,
        workers.map((w) => w.url),
        name,
      ),
    stop() {
      stopped ??= stopAll();
      return stopped;
    },
  };
}

// ---- CLI: npx tsx tools/citus-cluster.ts ----
const isMain = process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
async function main() {
  const bin = findPgBin();
  if (!bin) {
    console.error(missingPgBinMessage());
    process.exit(2);
  }
  if (!findCitus(bin)) {
    console.error(missingCitusMessage(bin));
    process.exit(2);
  }
  const cluster = await startCitusCluster({ bin });
  const url = await cluster.createDatabase('mwsp');
  console.log(`Citus coordinator + ${cluster.workers.length} workers (${bin}) running / 已启动:`);
  console.log(url);
  for (const w of cluster.workers) console.log(`worker: ${w.url.replace(/\/postgres$/, '/mwsp')}`);
  console.log('Ctrl-C to stop and delete it / 按 Ctrl-C 停止并删除');
  const keepAlive = setInterval(() => {}, 1 << 30);
  const shutdown = async () => {
    clearInterval(keepAlive);
    await cluster.stop();
    console.log('stopped / 已停止');
    process.exit(0);
  };
  // A failed stop is reported and exits non-zero (nothing else awaits the signal handler).
  const onSignal = () =>
    void shutdown().catch((err: unknown) => {
      console.error('stop failed / 停止失败:', err);
      process.exit(1);
    });
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
