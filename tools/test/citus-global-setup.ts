/**
 * globalSetup of the opt-in `citus` project: ONE throwaway Citus cluster (a coordinator and two
 * workers, tools/citus-cluster.ts) for the whole run. The coordinator's admin URL is provided as
 * 'pgUrl' (so the server tests run unchanged, MWSP_TEST_DB=postgres) and the workers' as
 * 'citusWorkerUrls'; tools/test/db.ts then creates each test database on every node with citus in it.
 */
import type { TestProject } from 'vitest/node';
import { listMigrations } from '../../apps/server/src/db/migrate';
import { findCitus, missingCitusMessage, startCitusCluster } from '../citus-cluster';
import { findPgBin, missingPgBinMessage } from '../pg-cluster';
import type * as _db from './db'; // ProvidedContext typing
import { ensureTemplate, migrateAt, templateName } from './db-template';

export default async function setup(project: TestProject) {
  const bin = findPgBin();
  // vitest.config.ts leaves this project out when Citus is missing, unless MWSP_TEST_REQUIRE_ALL=1.
  if (!bin) throw new Error(`MWSP_TEST_REQUIRE_ALL=1: ${missingPgBinMessage()}`);
  if (!findCitus(bin)) throw new Error(`MWSP_TEST_REQUIRE_ALL=1: ${missingCitusMessage(bin)}`);
  const t0 = Date.now();
  // Every test database gets its own shards: 4 per distributed table instead of 32 keep the set-up quick
  // (routing and co-location do not depend on the count).
  const cluster = await startCitusCluster({ bin, settings: { 'citus.shard_count': 4 } });
  console.log(
    `[citus] coordinator ${cluster.url}, workers ${cluster.workerUrls.join(' ')} (${bin}, ${Date.now() - t0} ms)`,
  );
  // One database is migrated first, as a real cluster is migrated once (the cluster-wide role mwsp_app then
  // exists on every node), and kept as the template every test platform's database is cloned from
  // (tools/test/db-template.ts): ~40 s of Citus DDL once instead of once per platform.
  const t1 = Date.now();
  const template = templateName(listMigrations());
  await ensureTemplate(
    [...cluster.workerUrls, cluster.url],
    template,
    (name) => cluster.createDatabase(name),
    migrateAt,
  );
  console.log(`[citus] template ${template} migrated (${Date.now() - t1} ms)`);
  project.provide('pgUrl', cluster.url);
  project.provide('citusWorkerUrls', cluster.workerUrls);
  project.provide('pgTemplate', template);
  return async () => {
    await cluster.stop();
  };
}
