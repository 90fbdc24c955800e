/**
 * globalSetup of the `e2e` project: make sure Chromium is there and the console is built
 * (npm run build -w apps/web when apps/web/dist is missing or older than its sources).
 * A failed build does not abort the whole run (vitest would then run no project at all): it is
 * handed to the e2e tests via provide('webBuildError'), and they fail with it.
 */
import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
// @ts-expect-error plain .mjs helper without type declarations
import { buildWeb, webBuildReason } from '../web-build.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    webBuildError: string;
  }
}

export const CHROMIUM_PATH = '/usr/bin/chromium';

export default function setup(project: TestProject) {
  // vitest.config.ts leaves this project out when Chromium is missing, unless MWSP_TEST_REQUIRE_ALL=1.
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `MWSP_TEST_REQUIRE_ALL=1: ${CHROMIUM_PATH} not found — install it (apt-get install -y chromium). ` +
        `/ 未找到 Chromium，请执行 apt-get install -y chromium`,
    );
  }
  let error = '';
  const reason: string | null = webBuildReason();
  if (reason) {
    console.log(`[e2e] building console / 正在构建控制台… (${reason})`);
    const status: number = buildWeb();
    if (status !== 0)
      error = `npm run build -w apps/web failed (exit ${status}) — see its output above / 控制台构建失败`;
  }
  project.provide('webBuildError', error);
}
