/**
 * Fresh database for a DB test.
 *   MWSP_TEST_DB=postgres → URL of a NEW database (t_<random>) in the run's shared throwaway cluster
 *   MWSP_TEST_DB=pglite (default) → undefined: open an in-memory / temp-dir PGlite instead
 * In the `citus` project (MWSP_TEST_DB=postgres too) the database is created on the coordinator and
 * on every worker with the citus extension, the workers registered (tools/citus-cluster.ts).
 */
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { runStatements, withDatabase } from '../pg-admin';
import { cloneDatabase } from './db-template';

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string;
    /** Admin URLs of the Citus workers; provided by the `citus` project only. */
    citusWorkerUrls: string[];
    /** A migrated template database on every node (tools/test/db-template.ts), cloned per test platform. */
    pgTemplate: string;
    /** The `pglite` project's migrated data folder as a tarball (tools/test/pglite-global-setup.ts). */
    pgliteTemplate: string;
  }
}

export const testDbKind: 'pglite' | 'postgres' = process.env.MWSP_TEST_DB === 'postgres' ? 'postgres' : 'pglite';

/**
 * Like testDatabaseUrl, but the new database is a clone of the run's migrated template (the global set-up's):
 * every migration already applied. Without a template (none provided), a new empty database.
 */
export async function migratedTestDatabaseUrl(): Promise<string | undefined> {
  if (testDbKind !== 'postgres') return undefined;
  const template = inject('pgTemplate');
  if (!template) return testDatabaseUrl();
  const adminUrl = inject('pgUrl');
  const name = `t_${randomBytes(8).toString('hex')}`;
  // workers first: the coordinator's copy of the metadata points at the shards in their database of that name
  await cloneDatabase([...(inject('citusWorkerUrls') ?? []), adminUrl], template, name);
  return withDatabase(adminUrl, name);
}

/**
 * Where a test opens a migrated database of its own (`openDatabase({ ...(await migratedOpenOptions()), … })`): a
 * clone of the run's template on PostgreSQL and Citus, the template's data folder on PGlite. `migrate()` afterwards
 * finds every migration applied (and applies any the template lacks, e.g. outside a project's global set-up).
 */
export async function migratedOpenOptions(): Promise<{ url: string | undefined; loadDataDir: Blob | undefined }> {
  const url = await migratedTestDatabaseUrl();
  return { url, loadDataDir: url ? undefined : await pgliteTemplate() };
}

/** PGlite: the run's migrated data folder (a tarball) to open an in-memory database from; undefined without one. */
export async function pgliteTemplate(): Promise<Blob | undefined> {
  if (testDbKind !== 'pglite') return undefined;
  const file = inject('pgliteTemplate');
  if (!file) return undefined;
  const { readFile } = await import('node:fs/promises');
  return new Blob([await readFile(file)]);
}

export async function testDatabaseUrl(): Promise<string | undefined> {
  if (testDbKind !== 'postgres') return undefined;
  const adminUrl = inject('pgUrl');
  if (!adminUrl)
    throw new Error('MWSP_TEST_DB=postgres but no cluster URL was provided (run via the `postgres` vitest project)');
  const name = `t_${randomBytes(8).toString('hex')}`;
  const citusWorkers = inject('citusWorkerUrls');
  if (citusWorkers) {
    const { createCitusDatabase } = await import('../citus-cluster');
    return createCitusDatabase(adminUrl, citusWorkers, name);
  }
  await runStatements(adminUrl, [`CREATE DATABASE ${name}`]);
  return withDatabase(adminUrl, name);
}
