/**
 * Skip reasons recorded during a test run, one per line in .tmp/test-skips.txt
 * (tools/test.mjs clears the file before the run and prints it after; under
 * MWSP_TEST_REQUIRE_ALL=1 any recorded line fails the run).
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const skipFile = process.env.MWSP_TEST_SKIP_FILE || path.join(repoRoot, '.tmp', 'test-skips.txt');
export const requireAll = process.env.MWSP_TEST_REQUIRE_ALL === '1';

const g = globalThis as { __mwspSkipsSeen?: Set<string> };

/** Print `SKIPPED: <reason>` once per process and append it to the skip file. */
export function recordSkip(reason: string): void {
  const line = `SKIPPED: ${reason}`;
  g.__mwspSkipsSeen ??= new Set();
  if (g.__mwspSkipsSeen.has(line)) return;
  g.__mwspSkipsSeen.add(line);
  console.log(line);
  try {
    mkdirSync(path.dirname(skipFile), { recursive: true });
    appendFileSync(skipFile, line + '\n');
  } catch {
    /* the printed line is enough */
  }
}
