// Is the console (apps/web/dist) missing or older than its sources? Build it. Used by
// tools/start.mjs and tools/test/e2e-global-setup.ts.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const webIndex = path.join(repoRoot, 'apps/web/dist/index.html');

const inputs = [
  'apps/web/src',
  'apps/web/index.html',
  'apps/web/public',
  'apps/web/vite.config.ts',
  'apps/web/package.json',
  'packages/domain/src',
];

/** Newest file under p (skipping node_modules), or null. */
function newest(p) {
  let st;
  try {
    st = statSync(p);
  } catch {
    return null;
  }
  if (!st.isDirectory()) return { file: p, mtimeMs: st.mtimeMs };
  let best = null;
  for (const e of readdirSync(p, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const n = newest(path.join(p, e.name));
    if (n && (!best || n.mtimeMs > best.mtimeMs)) best = n;
  }
  return best;
}

/** Why the console needs building, or null when dist is up to date. */
export function webBuildReason() {
  if (!existsSync(webIndex)) return 'apps/web/dist/index.html is missing';
  const built = statSync(webIndex).mtimeMs;
  for (const i of inputs) {
    const n = newest(path.join(repoRoot, i));
    if (n && n.mtimeMs > built) return `${path.relative(repoRoot, n.file)} is newer than the build`;
  }
  return null;
}

/** npm run build -w apps/web (output inherited); returns the exit status. */
export function buildWeb() {
  const r = spawnSync('npm', ['run', 'build', '-w', 'apps/web'], { cwd: repoRoot, stdio: 'inherit' });
  if (r.error) throw r.error;
  return r.status ?? 1;
}
