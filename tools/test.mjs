#!/usr/bin/env node
// `npm test`: one `vitest run` over all projects (unit, web, pglite, postgres, citus, e2e — vitest.config.ts),
// then a plain summary: what was skipped and why, per-project counts, and a closing
// "Tests: N passed, N failed, N skipped" line. Exit code = vitest's, except:
//   - no test passed at all                                  → 1 (zero tests is never a success)
//   - MWSP_TEST_REQUIRE_ALL=1 and a skip reason was recorded  → 1 (nothing may be skipped)
//   - MWSP_TEST_REQUIRE_ALL=1, full run, a project ran 0 tests → 1
// Extra args go to vitest: npm test -- --project unit, npm test -- apps/server/src/foo.test.ts
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tmp = path.join(root, '.tmp');
const skipFile = path.join(tmp, 'test-skips.txt');
const summaryFile = path.join(tmp, 'test-summary.json');
const requireAll = process.env.MWSP_TEST_REQUIRE_ALL === '1';
const ALL_PROJECTS = ['unit', 'web', 'pglite', 'postgres', 'citus', 'e2e'];

mkdirSync(tmp, { recursive: true });
rmSync(skipFile, { force: true });
rmSync(summaryFile, { force: true });

const require = createRequire(import.meta.url);
const vitestPkgPath = require.resolve('vitest/package.json', { paths: [root] });
const vitestPkg = JSON.parse(readFileSync(vitestPkgPath, 'utf8'));
const vitestBin = path.join(
  path.dirname(vitestPkgPath),
  typeof vitestPkg.bin === 'string' ? vitestPkg.bin : vitestPkg.bin.vitest,
);

const userArgs = process.argv.slice(2);
const reporters = userArgs.some((a) => a === '--reporter' || a.startsWith('--reporter=')) ? [] : ['--reporter=default'];
const args = [
  vitestBin,
  'run',
  ...reporters,
  `--reporter=${path.join(root, 'tools/test/summary-reporter.ts')}`,
  ...userArgs,
];

console.log(
  `[test] vitest run ${userArgs.join(' ')}${requireAll ? '  (MWSP_TEST_REQUIRE_ALL=1: nothing may be skipped)' : ''}`,
);
const child = spawn(process.execPath, args, {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, MWSP_TEST_SKIP_FILE: skipFile, MWSP_TEST_SUMMARY_FILE: summaryFile },
});

// Ctrl-C reaches vitest through the terminal's process group; forward the others.
process.on('SIGINT', () => {});
for (const sig of ['SIGTERM', 'SIGHUP']) process.on(sig, () => child.kill(sig));

child.on('exit', (code, signal) => {
  let exitCode = code ?? 1;
  const problems = [];

  const skips = existsSync(skipFile)
    ? [
        ...new Set(
          readFileSync(skipFile, 'utf8')
            .split('\n')
            .map((l) => l.trim())
            .filter(Boolean),
        ),
      ]
    : [];
  let summary = null;
  try {
    summary = JSON.parse(readFileSync(summaryFile, 'utf8'));
  } catch {
    /* vitest stopped before reporting */
  }

  console.log('\n──────── test summary / 测试汇总 ────────');
  if (signal) console.log(`vitest was stopped by ${signal}`);

  if (skips.length) {
    console.log('Skipped suites / 跳过的测试组:');
    for (const s of skips) console.log(`  ${s}`);
  } else {
    console.log('Skipped suites / 跳过的测试组: none / 无');
  }

  let passed = 0;
  let failed = 0;
  let skipped = 0;
  if (summary) {
    for (const [name, c] of Object.entries(summary.projects)) {
      passed += c.passed;
      failed += c.failed;
      skipped += c.skipped;
      console.log(`  ${name.padEnd(9)} ${c.files} files: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`);
    }
    if (summary.skippedTests.length) {
      console.log(`Skipped tests / 跳过的用例 (${summary.skippedTests.length}):`);
      for (const t of summary.skippedTests.slice(0, 30)) console.log(`  ${t}`);
      if (summary.skippedTests.length > 30) console.log(`  … and ${summary.skippedTests.length - 30} more`);
    }
    if (summary.failedTests.length) {
      console.log(`Failed / 失败 (${summary.failedTests.length}):`);
      for (const t of summary.failedTests.slice(0, 30)) console.log(`  ${t}`);
    }
    if (summary.unhandledErrors) problems.push(`${summary.unhandledErrors} unhandled error(s) — see above`);

    const fullRun = userArgs.length === 0;
    if (requireAll && fullRun) {
      for (const p of ALL_PROJECTS) {
        const c = summary.projects[p];
        if (!c || c.passed === 0) problems.push(`project "${p}" ran no passing test (MWSP_TEST_REQUIRE_ALL=1)`);
      }
    } else {
      for (const p of ALL_PROJECTS) {
        const c = summary.projects[p];
        if (fullRun && (!c || c.files === 0) && !skips.length)
          console.log(`  note: project "${p}" has no test files yet`);
      }
    }
  } else {
    problems.push('vitest wrote no results (it failed before running tests — see the error above)');
  }

  if (passed === 0) problems.push('no test passed — zero tests is not a success / 没有任何测试通过');
  if (requireAll && skips.length)
    problems.push(
      `MWSP_TEST_REQUIRE_ALL=1 but ${skips.length} suite(s) were skipped — install what they need (see above)`,
    );

  for (const p of problems) console.log(`ERROR: ${p}`);
  if (problems.length && exitCode === 0) exitCode = 1;
  if (signal && exitCode === 0) exitCode = 1;

  console.log(exitCode === 0 ? 'RESULT: OK' : `RESULT: FAILED (exit ${exitCode})`);
  console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  process.exit(exitCode);
});
