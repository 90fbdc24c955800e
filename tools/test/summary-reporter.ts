/**
 * Vitest reporter used by tools/test.mjs: writes per-project counts and the list of skipped
 * tests to $MWSP_TEST_SUMMARY_FILE (default .tmp/test-summary.json). Prints nothing.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';
import { repoRoot } from './skips';

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
  files: number;
}

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>, reason: string) {
    const projects: Record<string, Counts> = {};
    const skippedTests: string[] = [];
    const failedTests: string[] = [];
    for (const mod of testModules) {
      const name = mod.project.name || '(root)';
      const c = (projects[name] ??= { passed: 0, failed: 0, skipped: 0, files: 0 });
      c.files++;
      const rel = path.relative(repoRoot, mod.moduleId);
      let failedHere = 0;
      for (const t of mod.children.allTests()) {
        const r = t.result();
        if (r.state === 'passed') c.passed++;
        else if (r.state === 'failed') {
          failedHere++;
          failedTests.push(`[${name}] ${rel} > ${t.fullName}`);
        } else {
          c.skipped++;
          skippedTests.push(`[${name}] ${rel} > ${t.fullName}${r.state === 'skipped' && r.note ? ` — ${r.note}` : ''}`);
        }
      }
      if (failedHere === 0 && mod.state() === 'failed') {
        // the file failed to load, or a beforeAll/afterAll hook failed: count it as one failure
        failedHere = 1;
        failedTests.push(`[${name}] ${rel} (file failed to load, or a hook failed)`);
      }
      c.failed += failedHere;
    }
    const file = process.env.MWSP_TEST_SUMMARY_FILE || path.join(repoRoot, '.tmp', 'test-summary.json');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(
      file,
      JSON.stringify({ reason, unhandledErrors: unhandledErrors.length, projects, skippedTests, failedTests }, null, 2),
    );
  }
}
