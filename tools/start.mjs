#!/usr/bin/env node
// `npm start [-- args]`: run the server (`node --import tsx apps/server/src/cli.ts serve args…`), forwarding
// signals and its exit code. When apps/web/dist is missing or older than its sources, the console is built
// alongside the server's start (a first start's database work takes one core, the build the other): the server
// is told on its IPC channel when the build is done and serves the console only then (main.ts consoleBuilt).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { repoRoot, webBuildReason } from './web-build.mjs';

const reason = webBuildReason();
let build = null;
let buildStatus = null;
if (reason) {
  console.log(`正在构建控制台（与服务启动同时进行）… / building console alongside the start (${reason})`);
  build = spawn('npm', ['run', 'build', '-w', 'apps/web'], { cwd: repoRoot, stdio: 'inherit' });
}

const child = spawn(
  process.execPath,
  ['--import', 'tsx', path.join(repoRoot, 'apps/server/src/cli.ts'), 'serve', ...process.argv.slice(2)],
  {
    cwd: repoRoot,
    stdio: build ? ['inherit', 'inherit', 'inherit', 'ipc'] : 'inherit',
    env: build ? { ...process.env, MWSP_CONSOLE_BUILD: 'pending' } : process.env,
  },
);

if (build) {
  const tell = (msg) => {
    if (child.connected) child.send(msg);
  };
  build.on('error', (err) => {
    console.error(`控制台构建失败 / console build failed: ${err.message}`);
    buildStatus = 1;
    tell({ console: 'failed', status: 1 });
  });
  build.on('exit', (code, signal) => {
    buildStatus = code ?? (signal ? 1 : 0);
    if (buildStatus !== 0) {
      console.error(`控制台构建失败 / console build failed (npm run build -w apps/web exited ${buildStatus})`);
      tell({ console: 'failed', status: buildStatus });
    } else tell({ console: 'built' });
  });
}

for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    // Ctrl-C in a terminal already reached the child (same process group); don't signal twice.
    if (sig !== 'SIGINT' || !process.stdin.isTTY) child.kill(sig);
  });
}

child.on('error', (err) => {
  console.error(`cannot start the server / 无法启动服务: ${err.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  if (build && buildStatus === null) build.kill('SIGTERM'); // the server is gone: no one waits for the console
  if (signal) {
    // die the same way, so callers see the signal
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
    return;
  }
  process.exit(buildStatus ? buildStatus : (code ?? 1));
});
