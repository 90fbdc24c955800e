/**
 * globalSetup of the `pglite` project: the migrations run once per run into an in-memory PGlite whose data
 * folder is dumped to a tarball (.tmp/, named by the migrations' hash, reused while they are unchanged);
 * each test platform starts its in-memory database from it (tools/test/db.ts pgliteTemplate) instead of
 * an empty cluster it then migrates: ~3 s instead of ~6–10 s per platform on a loaded 2-core machine.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../apps/server/src/db/client';
import { listMigrations, migrate } from '../../apps/server/src/db/migrate';
import type * as _db from './db'; // ProvidedContext typing
import { templateName } from './db-template';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export default async function setup(project: TestProject) {
  const file = path.join(root, '.tmp', `pglite-${templateName(listMigrations())}.tar`);
  if (!fs.existsSync(file)) {
    const t0 = Date.now();
    const db = await openDatabase({});
    try {
      await migrate(db);
      const blob = await db.dumpDataDir!();
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const part = `${file}.${process.pid}.part`;
      fs.writeFileSync(part, Buffer.from(await blob.arrayBuffer()));
      fs.renameSync(part, file); // whole or not at all: another run never reads half a tarball
    } finally {
      await db.close();
    }
    console.log(`[pglite] template ${path.basename(file)} migrated and dumped (${Date.now() - t0} ms)`);
  }
  project.provide('pgliteTemplate', file);
}
