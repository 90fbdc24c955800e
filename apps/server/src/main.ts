import path from 'node:path';
import { buildApp, createServices, type Services } from './app.js';
import { bootstrap, isDemo } from './bootstrap.js';
import { openDatabase, serverSetting, type Database } from './db/client.js';
import { embeddedWarning, folderBytes } from './db/embedded-limit.js';
import { migrate } from './db/migrate.js';
import type { Config } from './config.js';
import { KeyRing, loadOrCreateDemoKey, runKnownAnswerTests } from './platform/crypto/index.js';

export class StartupError extends Error {}

/** Production refuses a PostgreSQL that could lose acknowledged writes (REL-1). */
export async function checkDurability(db: Database): Promise<void> {
  if (db.kind !== 'postgres') return;
  for (const name of ['fsync', 'synchronous_commit', 'full_page_writes'] as const) {
    const value = await serverSetting(db, name);
    if (value === 'off') {
      throw new StartupError(
        `生产模式拒绝启动：PostgreSQL 参数 ${name} = off，已确认的数据可能在故障时丢失 / refusing to start: ${name} is off`,
      );
    }
  }
}

export interface Platform {
  config: Config;
  db: Database;
  keys: KeyRing;
  services: Services;
}

/** config -> crypto self-test -> database -> migrations -> reference data and accounts. */
export async function openPlatform(config: Config, _log: (msg: string) => void = () => {}): Promise<Platform> {
  runKnownAnswerTests();
  const keys = new KeyRing(config.masterKey ?? loadOrCreateDemoKey(config.dataDir));
  const db = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    if (config.mode === 'production') await checkDurability(db);
    await migrate(db);
    const services = createServices({
      db,
      keys,
      cityCode: config.cityCode,
      mode: config.mode,
      dataDir: config.dataDir,
    });
    return { config, db, keys, services };
  } catch (err) {
    await db.close().catch(() => {});
    throw err;
  }
}

/**
 * `npm start` builds a missing console alongside the first start (tools/start.mjs: the build and the database's
 * first start each take one of the two cores) and tells this process on its IPC channel when the build is done
 * (`MWSP_CONSOLE_BUILD=pending`). Resolves at once otherwise; rejects when the build failed.
 */
export function consoleBuilt(): Promise<void> {
  if (process.env.MWSP_CONSOLE_BUILD !== 'pending' || !process.send) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = (msg: unknown) => {
      const m = msg as { console?: string; status?: number } | null;
      if (m?.console !== 'built' && m?.console !== 'failed') return;
      process.off('message', done);
      process.disconnect?.(); // nothing else comes on the channel; it must not keep the process alive
      if (m.console === 'built') resolve();
      else
        reject(
          new StartupError(`控制台构建失败 / console build failed (npm run build -w apps/web exited ${m.status ?? 1})`),
        );
    };
    process.on('message', done);
  });
}

export async function serve(config: Config): Promise<{ close: () => Promise<void>; url: string }> {
  const started = Date.now();
  const say = (msg: string) => process.stdout.write(`${msg}\n`);
  let consoleDone = false;
  const consoleReady = consoleBuilt().then(() => {
    consoleDone = true;
  });
  consoleReady.catch(() => {}); // awaited below, before the console is served
  const platform = await openPlatform(config, say);
  const { db, services } = platform;
  say(`数据库已打开、迁移完成 / database open and migrated (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  const result = await bootstrap(db, services, {
    cityCode: config.cityCode,
    mode: config.mode,
    bootstrapPassword: config.bootstrapPassword,
    demoWorkers: config.demoWorkers,
    log: say,
  });
  if (config.mode === 'production' && (await isDemo(services.settings))) {
    await db.close();
    throw new StartupError(
      '生产模式拒绝启动：数据库中含有演示数据，请使用全新的数据库 / refusing to start: demo data present',
    );
  }
  if (db.kind === 'pglite' && config.dataDir) {
    // The embedded default's stated limit (db/embedded-limit.ts, README): a cheap check, kept counts and file sizes.
    const warning = embeddedWarning({
      workers: await services.registry.countWorkers(),
      dataBytes: folderBytes(path.join(config.dataDir, 'pgdata')),
    });
    if (warning) say(warning);
  }
  if (result.createdAccounts.length > 0) {
    // Printed once to the console, never to the log; every account must change it at first sign-in.
    const lines = result.createdAccounts.map(
      (a) =>
        `  ${a.username.padEnd(14)} ${a.role.padEnd(12)} ` +
        (config.bootstrapPassword ? '(MWSP_BOOTSTRAP_PASSWORD)' : a.password),
    );
    say(
      [
        '',
        '==== 初始账号（仅显示这一次，首次登录须修改密码并绑定动态口令） / initial accounts ====',
        ...lines,
        '='.repeat(60),
        '',
      ].join('\n'),
    );
  }
  if (!consoleDone) say('等待控制台构建完成 / waiting for the console build…');
  try {
    await consoleReady;
  } catch (err) {
    await db.close();
    throw err;
  }
  const { app } = await buildApp(
    {
      db,
      keys: platform.keys,
      cityCode: config.cityCode,
      mode: config.mode,
      logLevel: config.logLevel,
      trustProxy: config.trustProxy,
      secureCookies: config.mode === 'production',
      publicUrl: config.publicUrl,
      scanIntervalMinutes: config.scanIntervalMinutes,
      auditAnchorMinutes: 10,
    },
    services,
  );
  const address = await app.listen({ port: config.port, host: config.host });
  say(
    `农民工服务管理平台已启动 / listening on http://localhost:${config.port} ` +
      `(${db.kind}, ${config.mode}, ${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  return {
    url: address,
    close: async () => {
      await app.close();
      await db.close();
    },
  };
}
