#!/usr/bin/env node
// `npm start [-- args]`: build the console if apps/web/dist is missing or older than its sources,
// then run the server (`node --import tsx apps/server/src/cli.ts serve args…`), forwarding
// signals and its exit code.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { buildWeb, repoRoot, webBuildReason } from './web-build.mjs';

const reason = webBuildReason();
if (reason) {
  console.log(`正在构建控制台… / building console (${reason})`);
  const status = buildWeb();
  if (status !== 0) {
    console.error(`控制台构建失败 / console build failed (npm run build -w apps/web exited ${status})`);
    process.exit(status);
  }
}

const child = spawn(
  process.execPath,
  ['--import', 'tsx', path.join(repoRoot, 'apps/server/src/cli.ts'), 'serve', ...process.argv.slice(2)],
  { cwd: repoRoot, stdio: 'inherit' },
);

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
  if (signal) {
    // die the same way, so callers see the signal
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
    return;
  }
  process.exit(code ?? 1);
});
