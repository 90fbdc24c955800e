/**
 * globalSetup of the `postgres` project: ONE throwaway cluster for the whole run, its URL
 * handed to the tests with project.provide('pgUrl') (read it via tools/test/db.ts).
 * MWSP_TEST_PG_URL=postgres://…/postgres uses an existing server instead (must allow CREATE DATABASE).
 */
import type { TestProject } from 'vitest/node';
import { findPgBin, missingPgBinMessage, startThrowawayCluster } from '../pg-cluster';
import type * as _db from './db'; // ProvidedContext['pgUrl'] typing
import { runStatements, withDatabase } from '../pg-admin';
import { ensureTemplate, migrateAt, templateName } from './db-template';

/**
 * The migrated template every test platform's database is cloned from (tools/test/db-template.ts): the
 * migrations run once per run (or once per migration set on an external server) instead of once per platform.
 */
async function provideTemplate(project: TestProject, adminUrl: string): Promise<void> {
  const t0 = Date.now();
  const { listMigrations } = await import('../../apps/server/src/db/migrate');
  const template = templateName(listMigrations());
  const create = async (name: string) => {
    await runStatements(adminUrl, [`CREATE DATABASE "${name}"`]);
    return withDatabase(adminUrl, name);
  };
  await ensureTemplate([adminUrl], template, create, migrateAt);
  console.log(`[postgres] template ${template} migrated (${Date.now() - t0} ms)`);
  project.provide('pgTemplate', template);
}

export default async function setup(project: TestProject) {
  const external = process.env.MWSP_TEST_PG_URL;
  if (external) {
    console.log(`[postgres] using MWSP_TEST_PG_URL=${external}`);
    await provideTemplate(project, external);
    project.provide('pgUrl', external);
    return;
  }
  const bin = findPgBin();
  // vitest.config.ts leaves this project out when binaries are missing, unless MWSP_TEST_REQUIRE_ALL=1.
  if (!bin) throw new Error(`MWSP_TEST_REQUIRE_ALL=1: ${missingPgBinMessage()}`);
  const t0 = Date.now();
  const cluster = await startThrowawayCluster({ bin });
  console.log(`[postgres] throwaway cluster ${cluster.url} (${bin}, ${Date.now() - t0} ms)`);
  await provideTemplate(project, cluster.url);
  project.provide('pgUrl', cluster.url);
  return async () => {
    await cluster.stop();
  };
}
