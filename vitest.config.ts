/**
 * One `vitest run` runs every project:
 *   unit      pure tests, no database
 *   pglite    server tests against PGlite            (MWSP_TEST_DB=pglite)
 *   web       console unit tests (apps/web, jsdom + Testing Library)
 *   postgres  the same server tests against a real, throwaway PostgreSQL cluster (MWSP_TEST_DB=postgres)
 *   e2e       browser tests (playwright-core + Debian Chromium) against the real server
 *   citus     the postgres project's server tests (and tools/test/*.citus.test.ts) against the
 *             coordinator of a throwaway Citus cluster (1 coordinator + 2 workers, tools/citus-cluster.ts);
 *             left out with a SKIPPED line when citus.so is missing, or on MWSP_TEST_CITUS=0
 *
 * Missing PostgreSQL binaries or Chromium: the project is left out and a `SKIPPED: …` line is
 * printed and recorded in .tmp/test-skips.txt — unless MWSP_TEST_REQUIRE_ALL=1, in which case the
 * project stays in and its globalSetup fails the run.
 * Run through `npm test` (tools/test.mjs) to get the skip summary and the zero-tests guard.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import type { TestProjectInlineConfiguration } from 'vitest/config';
import { findCitus } from './tools/citus-cluster';
import { findPgBin } from './tools/pg-cluster';
import { recordSkip, requireAll } from './tools/test/skips';

const root = path.dirname(fileURLToPath(import.meta.url));
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** `--project` filters given on the command line (vitest accepts wildcards). */
function projectFilters(): string[] {
  const filters: string[] = [];
  const argv = process.argv;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--project' && argv[i + 1]) filters.push(argv[++i]);
    else if (a.startsWith('--project=')) filters.push(a.slice('--project='.length));
  }
  return filters;
}

/** Whether a project runs: every project when no filter is given, else those a filter matches. */
function projectSelected(name: string, opts: { explicitOnly?: boolean } = {}): boolean {
  const filters = projectFilters();
  if (filters.length === 0) return !opts.explicitOnly;
  return filters.some((f) =>
    new RegExp('^' + f.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*') + '$').test(name),
  );
}

const serverTests = ['apps/server/src/**/*.test.ts'];
const serverExclude = ['**/node_modules/**', '**/dist/**', 'apps/server/src/**/*.unit.test.ts'];
/** Tests that need a separate server process on one real PostgreSQL (e.g. kill -9): the postgres project only. */
const postgresOnly = 'apps/server/src/**/*.pg.test.ts';
/** Tests of the embedded database in a separate server process (e.g. kill -9 on PGlite): the pglite project only. */
const pgliteOnly = 'apps/server/src/**/*.pglite.test.ts';

const dbTest = {
  pool: 'forks' as const,
  // a test's own time limit, not an assertion: the heaviest (the warning engine on a synthetic city) takes ~15 s
  // alone and 100 s+ when the machine's 2 cores are shared with other runs
  testTimeout: 120_000,
  // a beforeAll that starts a platform and writes its fixtures takes ~20 s alone and over a minute when the
  // machine's 2 cores are shared with other runs (load 10+)
  hookTimeout: 180_000,
  sequence: { groupOrder: 0 },
};

const projects: TestProjectInlineConfiguration[] = [
  {
    test: {
      name: 'unit',
      root,
      include: [
        'packages/domain/src/**/*.test.ts',
        'packages/synth/src/**/*.test.ts',
        'apps/server/src/**/*.unit.test.ts',
        'tools/**/*.unit.test.ts',
      ],
      exclude: ['**/node_modules/**', '**/dist/**'],
      pool: 'forks',
      testTimeout: 10_000,
      sequence: { groupOrder: 0 },
    },
  },
  {
    // The console (React + antd) in jsdom; the network is stubbed at fetch (apps/web/src/test/api.ts).
    esbuild: { jsx: 'automatic' },
    test: {
      name: 'web',
      root,
      environment: 'jsdom',
      include: ['apps/web/src/**/*.test.{ts,tsx}'],
      exclude: ['**/node_modules/**', '**/dist/**'],
      setupFiles: [path.join(root, 'apps/web/src/test/setup.ts')],
      pool: 'forks',
      testTimeout: 60_000, // antd in jsdom is slow on a busy machine
      sequence: { groupOrder: 0 },
    },
  },
  {
    test: {
      ...dbTest,
      name: 'pglite',
      root,
      include: serverTests,
      exclude: [...serverExclude, postgresOnly],
      env: { MWSP_TEST_DB: 'pglite', MWSP_STRICT_CONTRACTS: '1' },
      globalSetup: [path.join(root, 'tools/test/pglite-global-setup.ts')],
    },
  },
];

// ---- postgres: real PostgreSQL, one throwaway cluster per run ----
if (process.env.MWSP_TEST_PG_URL || findPgBin() || requireAll) {
  projects.push({
    test: {
      ...dbTest,
      name: 'postgres',
      root,
      include: [...serverTests, 'tools/test/**/*.check.test.ts'],
      exclude: [...serverExclude, pgliteOnly],
      env: { MWSP_TEST_DB: 'postgres', MWSP_STRICT_CONTRACTS: '1' },
      globalSetup: [path.join(root, 'tools/test/pg-global-setup.ts')],
    },
  });
} else if (projectSelected('postgres')) {
  recordSkip('real PostgreSQL tests — no PostgreSQL binaries found (install postgresql or set MWSP_PG_BIN)');
}

// ---- citus: the same server tests on a Citus coordinator (MWSP_TEST_CITUS=0 leaves them out) ----
const citusWanted = process.env.MWSP_TEST_CITUS !== '0' && projectSelected('citus');
if (citusWanted) {
  if (findCitus() || requireAll) {
    projects.push({
      test: {
        ...dbTest,
        name: 'citus',
        root,
        include: [...serverTests, 'tools/test/**/*.citus.test.ts'],
        exclude: [...serverExclude, postgresOnly, pgliteOnly],
        // every DDL statement of a migration also runs on the workers: slower set-up than postgres
        testTimeout: 180_000,
        hookTimeout: 180_000,
        env: { MWSP_TEST_DB: 'postgres', MWSP_STRICT_CONTRACTS: '1' },
        globalSetup: [path.join(root, 'tools/test/citus-global-setup.ts')],
      },
    });
  } else {
    recordSkip(
      'Citus tests — citus.so not installed for the machine’s PostgreSQL ' +
        '(bash ../shared/vendor/citus/build.sh; .ci/run does it)',
    );
  }
}

// ---- e2e: browser tests, run after the others (groupOrder 1) so they get the CPU to themselves ----
if (existsSync(CHROMIUM_PATH) || requireAll) {
  projects.push({
    test: {
      name: 'e2e',
      root,
      include: ['e2e/**/*.e2e.ts'],
      pool: 'forks',
      poolOptions: { forks: { singleFork: true } }, // e2e files run one after another
      testTimeout: 120_000,
      hookTimeout: 120_000,
      sequence: { groupOrder: 1 },
      globalSetup: [path.join(root, 'tools/test/e2e-global-setup.ts')],
    },
  });
} else if (projectSelected('e2e')) {
  recordSkip(`browser (e2e) tests — ${CHROMIUM_PATH} not found (apt-get install -y chromium)`);
}

export default defineConfig({
  test: {
    pool: 'forks',
    maxWorkers: 2,
    minWorkers: 1,
    teardownTimeout: 60_000,
    projects,
  },
});
