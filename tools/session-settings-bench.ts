/**
 * `npx tsx tools/session-settings-bench.ts [N]`: what the scope costs per transaction, the old way
 * (one `SELECT set_config(…, true)` × 5) against the new (`SET LOCAL ROLE …; SET LOCAL app.… = '…'` × 4,
 * db/client.ts since migration 0016), on a throwaway PostgreSQL and on PGlite (docs/SCALE.md, section 4).
 * Each transaction: the scope, one RLS-free `SELECT 1`, COMMIT — the fixed cost every request pays.
 * The two ways alternate in rounds so that load from other jobs hits both alike; median per round.
 */
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { openDatabase, type Database, type DbScope } from '../apps/server/src/db/client.js';
import { migrate } from '../apps/server/src/db/migrate.js';
import { setLocalStatements } from '../apps/server/src/db/session-settings.js';
import { startThrowawayCluster } from './pg-cluster.js';

const N = Number(process.argv[2] ?? 2000);
const ROUNDS = 10;
const SCOPE: DbScope = { region: '530102', userId: 'bench-user', departmentId: 'bench-dept', dataScope: 'region' };

type Way = string;

/** The old statement, as db/client.ts sent it before this change (PostgreSQL path). */
function oldPgStatement(s: DbScope): string {
  const lit = (v: string | null | undefined) => pg.escapeLiteral(v ?? '');
  return `BEGIN; SELECT set_config('role', ${lit('mwsp_app')}, true), set_config('app.region_scope', ${lit(s.region)},
    true), set_config('app.user_id', ${lit(s.userId)}, true), set_config('app.department_id', ${lit(s.departmentId)},
    true), set_config('app.data_scope', ${lit(s.dataScope)}, true)`;
}

/** The new statement, as db/client.ts sends it now. */
function newStatements(s: DbScope): string[] {
  return setLocalStatements({
    role: 'mwsp_app',
    'app.region_scope': s.region,
    'app.user_id': s.userId ?? '',
    'app.department_id': s.departmentId ?? '',
    'app.data_scope': s.dataScope ?? '',
  });
}

async function timeRounds(run: Record<Way, (n: number) => Promise<void>>): Promise<Record<Way, number[]>> {
  const per = Math.max(1, Math.floor(N / ROUNDS));
  const ways = Object.keys(run);
  const out: Record<Way, number[]> = Object.fromEntries(ways.map((w) => [w, []]));
  for (const way of ways) await run[way](Math.min(per, 50)); // warm-up
  for (let r = 0; r < ROUNDS; r++) {
    const order = r % 2 ? [...ways].reverse() : ways;
    for (const way of order) {
      const t0 = process.hrtime.bigint();
      await run[way](per);
      out[way].push(Number(process.hrtime.bigint() - t0) / 1000 / per); // µs per transaction
    }
  }
  return out;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function report(engine: string, r: Record<Way, number[]>): void {
  for (const way of Object.keys(r)) {
    const xs = r[way];
    const cells = [engine, way, N, median(xs).toFixed(0), Math.min(...xs).toFixed(0), Math.max(...xs).toFixed(0)];
    console.log(`| ${cells.join(' | ')} |`);
  }
}

async function postgres(): Promise<void> {
  const cluster = await startThrowawayCluster();
  let db: Database | undefined;
  try {
    db = await openDatabase({ url: await cluster.createDatabase('bench'), poolSize: 1 });
    await migrate(db);
    const pool = db.pool!;
    // the same pooled transaction both ways; only the scope statement differs
    const tx = (scopeSql: string) => async (n: number) => {
      for (let i = 0; i < n; i++) {
        const c = await pool.connect();
        try {
          await c.query(scopeSql);
          await c.query('SELECT 1');
          await c.query('COMMIT');
        } finally {
          c.release();
        }
      }
    };
    const d = db;
    report(
      'PostgreSQL 15',
      await timeRounds({
        'set_config (old)': tx(oldPgStatement(SCOPE)),
        'SET LOCAL (new)': tx(['BEGIN', ...newStatements(SCOPE)].join('; ')),
        'SET LOCAL (new), through db.scoped': async (n) => {
          for (let i = 0; i < n; i++) await d.scoped(SCOPE, (t) => t.execute(sql`SELECT 1`));
        },
      }),
    );
  } finally {
    await db?.close();
    await cluster.stop();
  }
}

async function pglite(): Promise<void> {
  const db = await openDatabase({});
  try {
    await migrate(db);
    type PgliteTx = { session: { client: { exec(q: string): Promise<unknown> } } };
    report(
      'PGlite',
      await timeRounds({
        // the old PGlite path: one parameterised set_config statement in a Drizzle transaction
        'set_config (old)': async (n) => {
          for (let i = 0; i < n; i++)
            await db.owner.transaction(async (tx) => {
              await tx.execute(
                sql`select set_config('role', ${'mwsp_app'}, true),
                  set_config('app.region_scope', ${SCOPE.region}, true),
                  set_config('app.user_id', ${SCOPE.userId}, true),
                  set_config('app.department_id', ${SCOPE.departmentId}, true),
                  set_config('app.data_scope', ${SCOPE.dataScope}, true)`,
              );
              await tx.execute(sql`SELECT 1`);
            });
        },
        'SET LOCAL, one execute each': async (n) => {
          for (let i = 0; i < n; i++)
            await db.owner.transaction(async (tx) => {
              for (const st of newStatements(SCOPE)) await tx.execute(sql.raw(st));
              await tx.execute(sql`SELECT 1`);
            });
        },
        'SET LOCAL, one exec (simple query)': async (n) => {
          for (let i = 0; i < n; i++)
            await db.owner.transaction(async (tx) => {
              await (tx as unknown as PgliteTx).session.client.exec(newStatements(SCOPE).join('; '));
              await tx.execute(sql`SELECT 1`);
            });
        },
        'SET LOCAL (new), through db.scoped': async (n) => {
          for (let i = 0; i < n; i++) await db.scoped(SCOPE, (tx) => tx.execute(sql`SELECT 1`));
        },
      }),
    );
  } finally {
    await db.close();
  }
}

console.log('| engine | scope set by | transactions | µs per transaction (median of rounds) | min | max |');
console.log('|---|---|---|---|---|---|');
await postgres();
await pglite();
