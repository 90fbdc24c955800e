/**
 * A migrated template database per test run, cloned for each test platform (`CREATE DATABASE … TEMPLATE`).
 * 每次测试运行只迁移一次模板库，测试库由模板复制，省去每个测试文件重复执行全部迁移。
 *
 * Migrating a fresh database costs 3–5 s on PostgreSQL and 30–50 s on Citus (every DDL statement also runs on
 * the workers), and the server suite starts ~50 platforms per project; a clone costs a fraction of a second.
 * The global set-up builds the template once (`buildTemplate`); the harness clones it (`cloneDatabase`).
 *
 * On Citus a test database lives on every node under one name (the coordinator reaches the shards through
 * the database of the same name on each worker), so the template is one database on every node and a clone
 * is one clone per node, workers first. CREATE DATABASE copies the files of the template, catalogue and
 * Citus metadata included (table OIDs, shards, the node's group): the clone is the migrated database under
 * another name. Two things live outside a database's files and are copied by hand: its settings
 * (`ALTER DATABASE … SET`, pg_db_role_setting — the Citus migrations set two) and its ACL (none is set).
 */
import { createHash } from 'node:crypto';

import { queryRows, withClient, withDatabase, type AdminClient } from '../pg-admin';

export { queryRows, withDatabase };

function ident(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`invalid database name: ${name}`);
  return `"${name}"`;
}

/** The template's name for a set of migrations: a changed migration gets a new template. */
export function templateName(migrations: { name: string; sql: string }[]): string {
  const h = createHash('sha256');
  for (const m of migrations) h.update(m.name).update('\0').update(m.sql).update('\0');
  return `tmpl_${h.digest('hex').slice(0, 16)}`;
}

/** Ends every session on `name` (on this node) but our own. */
async function endSessions(c: AdminClient, name: string): Promise<void> {
  await c.query(
    'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
    [name],
  );
}

/**
 * Makes `name` (already created and migrated on every node in `adminUrls`) a template: no connection is
 * allowed any more (nor Citus' maintenance daemon, which would otherwise hold the database open and make
 * every CREATE DATABASE … TEMPLATE fail), and the sessions still on it are ended.
 */
export async function sealTemplate(adminUrls: string[], name: string): Promise<void> {
  for (const url of adminUrls) {
    await withClient(url, async (c) => {
      await c.query(`ALTER DATABASE ${ident(name)} WITH ALLOW_CONNECTIONS false IS_TEMPLATE true`);
      await endSessions(c, name);
    });
  }
}

/** Migrates the database at `url` with the server's migrations (the template being built). */
export async function migrateAt(url: string): Promise<void> {
  const { openDatabase } = await import('../../apps/server/src/db/client');
  const { migrate } = await import('../../apps/server/src/db/migrate');
  const db = await openDatabase({ url, poolSize: 1 });
  try {
    await migrate(db);
  } finally {
    await db.close();
  }
}

/** Whether `name` exists on every node as a sealed template (a build interrupted half-way is not one). */
export async function templateReady(adminUrls: string[], name: string): Promise<boolean> {
  for (const url of adminUrls) {
    const ok = await withClient(url, async (c) => {
      const r = await c.query<{ ok: boolean }>(
        'select datistemplate and not datallowconn as ok from pg_database where datname = $1',
        [name],
      );
      return r.rows[0]?.ok === true;
    });
    if (!ok) return false;
  }
  return true;
}

/** Drops `name` on every node (a template left half-built by an earlier run). */
export async function dropTemplate(adminUrls: string[], name: string): Promise<void> {
  for (const url of adminUrls) {
    await withClient(url, async (c) => {
      const exists = await c.query('select 1 from pg_database where datname = $1', [name]);
      if (exists.rowCount === 0) return;
      await c.query(`ALTER DATABASE ${ident(name)} WITH IS_TEMPLATE false`);
      await endSessions(c, name);
      await c.query(`DROP DATABASE ${ident(name)} WITH (FORCE)`);
    });
  }
}

/**
 * Database `name` as a copy of `template` on every node in `adminUrls` (give the workers first, the
 * coordinator last), with the template's per-database settings. Returns nothing: the caller knows the URLs.
 */
export async function cloneDatabase(adminUrls: string[], template: string, name: string): Promise<void> {
  for (const url of adminUrls) {
    await withClient(url, async (c) => {
      for (let attempt = 1; ; attempt++) {
        try {
          await c.query(`CREATE DATABASE ${ident(name)} TEMPLATE ${ident(template)}`);
          break;
        } catch (err) {
          // "source database … is being accessed by other users": a session that reached the template before
          // it was sealed (e.g. a maintenance daemon starting). End it and try again.
          if (attempt >= 5 || (err as { code?: string }).code !== '55006') throw err;
          await endSessions(c, template);
          await new Promise((r) => setTimeout(r, 200 * attempt));
        }
      }
      const settings = await c.query<{ stmt: string }>(
        `select case when s.setrole = 0 then format('ALTER DATABASE %I SET %s TO %L', $2::text, split_part(cfg, '=', 1),
                       substr(cfg, strpos(cfg, '=') + 1))
                else format('ALTER ROLE %I IN DATABASE %I SET %s TO %L', r.rolname, $2::text, split_part(cfg, '=', 1),
                       substr(cfg, strpos(cfg, '=') + 1)) end as stmt
           from pg_db_role_setting s
           join pg_database d on d.oid = s.setdatabase
           left join pg_roles r on r.oid = s.setrole
           cross join unnest(s.setconfig) cfg
          where d.datname = $1`,
        [template, name],
      );
      for (const { stmt } of settings.rows) await c.query(stmt);
    });
  }
}

/**
 * The template `name` on every node, built when missing: `create` makes the empty database (on every node) and
 * returns its URL, `migrateAt` migrates it; then it is sealed. A template found half-built is dropped first.
 */
export async function ensureTemplate(
  adminUrls: string[],
  name: string,
  create: (name: string) => Promise<string>,
  migrateAt: (url: string) => Promise<void>,
): Promise<void> {
  if (await templateReady(adminUrls, name)) return;
  await dropTemplate(adminUrls, name);
  await migrateAt(await create(name));
  await sealTemplate(adminUrls, name);
}
