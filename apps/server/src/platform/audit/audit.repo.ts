import { sql } from 'drizzle-orm';
import type { AuditOutcome } from '@mwsp/domain';
import { arrayLiteral, unnestOf, type BulkColumn, type BulkValue } from '../../db/bulk.js';
import { all, one, type Executor } from '../../db/client.js';
import { statement } from '../../db/statement.js';

export interface AuditFilter {
  from?: Date;
  to?: Date;
  username?: string;
  action?: string;
  outcome?: string;
  page: number;
  pageSize: number;
}
export interface AuditRow {
  seq: number;
  id: string;
  ts: Date;
  userId: string | null;
  username: string | null;
  department: string | null;
  regionCode: string | null;
  ip: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  outcome: AuditOutcome;
  detail: Record<string, unknown>;
  kid: string;
  mac: string;
}

/** The audit chain's tables (`audit_log`, the single-row `audit_head`): the only place with their SQL. */
const SELECT_COLUMNS = sql`seq::int8 as seq, id, ts, user_id as "userId", username, department,
  region_code as "regionCode", ip, action, object_type as "objectType", object_id as "objectId", outcome, detail,
  kid, mac`;

export interface ChainHead {
  seq: number;
  mac: string;
}

/** The chain head; `forUpdate` locks it so appends are serialised (inside the caller's transaction). */
export async function chainHead(tx: Executor, forUpdate = false): Promise<ChainHead | undefined> {
  const head = await one<{ seq: string | number; mac: string }>(
    tx,
    forUpdate
      ? sql`select seq, mac from audit_head where id = 1 for update`
      : sql`select seq, mac from audit_head where id = 1`,
  );
  return head && { seq: Number(head.seq), mac: head.mac };
}

/** Inserts chained rows and moves the head to the last of them, in one statement. */
export async function appendRows(tx: Executor, rows: AuditRow[]): Promise<void> {
  const values = rows.map(
    (row) =>
      sql`(${row.seq}, ${row.id}, ${row.ts.toISOString()}::timestamptz, ${row.userId}::uuid, ${row.username},
                  ${row.department}, ${row.regionCode}, ${row.ip}, ${row.action}, ${row.objectType}, ${row.objectId},
                  ${row.outcome}, ${JSON.stringify(row.detail)}::jsonb, ${row.kid}, ${row.mac})`,
  );
  const last = rows[rows.length - 1]!;
  await tx.execute(sql`with ins as (
          insert into audit_log (seq, id, ts, user_id, username, department, region_code, ip, action, object_type,
            object_id, outcome, detail, kid, mac)
          values ${sql.join(values, sql`, `)})
        update audit_head set seq = ${last.seq}, mac = ${last.mac} where id = 1`);
}

/**
 * Inserts chained rows and moves the head to the last of them only if the head is `expected` (the head this process
 * last wrote, or the one a batch of its own still in flight will write), in one statement without a prior read.
 * The UPDATE matches the head row whatever it holds, so it always takes the row lock, waiting for a transaction that
 * holds it; the comparison with `expected` is in its SET, which READ COMMITTED evaluates on the row as it is once
 * the lock is granted (the newest committed version: `set x = x + 1` semantics). A head that is not `expected`
 * then (another writer moved it, or the batch this one was chained after was rolled back) is rewritten unchanged
 * and nothing is inserted. Returns false then; the caller appends again after reading the head (appendRows),
 * holding the lock already.
 */
export async function appendRowsAt(tx: Executor, expected: ChainHead, rows: AuditRow[]): Promise<boolean> {
  const last = rows[rows.length - 1]!;
  const arrays = APPEND_COLUMNS.map((c) => arrayLiteral(rows.map(c.value)));
  const inserted = await one<{ n: number }>(tx, APPEND_AT(expected.seq, expected.mac, last.seq, last.mac, ...arrays));
  return (inserted?.n ?? 0) === rows.length;
}

// The rows travel as one array per column (db/bulk.ts): the statement's text is the same for every batch, whatever
// its size, so it is prepared once per connection and built once per process (db/statement.ts): a batch costs 15
// array literals.
const APPEND_COLUMNS: { name: string; type: BulkColumn['type']; value: (r: AuditRow) => BulkValue }[] = [
  { name: 'seq', type: 'int8', value: (r) => r.seq },
  { name: 'id', type: 'uuid', value: (r) => r.id },
  { name: 'ts', type: 'timestamptz', value: (r) => r.ts.toISOString() },
  { name: 'user_id', type: 'uuid', value: (r) => r.userId },
  { name: 'username', type: 'text', value: (r) => r.username },
  { name: 'department', type: 'text', value: (r) => r.department },
  { name: 'region_code', type: 'text', value: (r) => r.regionCode },
  { name: 'ip', type: 'text', value: (r) => r.ip },
  { name: 'action', type: 'text', value: (r) => r.action },
  { name: 'object_type', type: 'text', value: (r) => r.objectType },
  { name: 'object_id', type: 'text', value: (r) => r.objectId },
  { name: 'outcome', type: 'text', value: (r) => r.outcome },
  { name: 'detail', type: 'text', value: (r) => JSON.stringify(r.detail) },
  { name: 'kid', type: 'text', value: (r) => r.kid },
  { name: 'mac', type: 'text', value: (r) => r.mac },
];

const APPEND_AT = statement<[expectedSeq: number, expectedMac: string, lastSeq: number, lastMac: string, ...string[]]>(
  (expectedSeq, expectedMac, lastSeq, lastMac, ...arrays) => {
    const isExpected = sql`(seq = ${expectedSeq}::int8 and mac = ${expectedMac}::text)`;
    const source = unnestOf(
      'v',
      APPEND_COLUMNS.map((c, i) => ({ name: c.name, type: c.type, array: arrays[i] })),
    );
    return sql`with head as (
          update audit_head set seq = case when ${isExpected} then ${lastSeq}::int8 else seq end,
            mac = case when ${isExpected} then ${lastMac}::text else mac end
          where id = 1 returning mac),
        ins as (
          insert into audit_log (seq, id, ts, user_id, username, department, region_code, ip, action, object_type,
            object_id, outcome, detail, kid, mac)
          select v.seq, v.id, v.ts, v.user_id, v.username, v.department, v.region_code, v.ip, v.action, v.object_type,
            v.object_id, v.outcome, v.detail::jsonb, v.kid, v.mac
          from ${source}
          where exists (select 1 from head where head.mac = ${lastMac}::text)
          returning 1)
        select count(*)::int as n from ins`;
  },
  4 + APPEND_COLUMNS.length,
);

export async function countSuccessesSince(tx: Executor, userId: string, action: string, since: Date): Promise<number> {
  const row = await one<{ n: number }>(
    tx,
    sql`select count(*)::int as n from audit_log where user_id = ${userId}::uuid and action = ${action}
      and outcome = 'success' and ts >= ${since.toISOString()}`,
  );
  return row?.n ?? 0;
}

export async function listRows(tx: Executor, f: AuditFilter): Promise<{ items: AuditRow[]; total: number }> {
  const where = sql.join(
    [
      sql`true`,
      f.from ? sql`ts >= ${f.from.toISOString()}` : undefined,
      f.to ? sql`ts < ${f.to.toISOString()}` : undefined,
      f.username ? sql`username = ${f.username}` : undefined,
      f.action ? sql`action like ${f.action.replace(/[%_\\]/g, '\\$&') + '%'}` : undefined,
      f.outcome ? sql`outcome = ${f.outcome}` : undefined,
    ].filter((x) => x !== undefined),
    sql` and `,
  );
  const items = await all<AuditRow>(
    tx,
    sql`select ${SELECT_COLUMNS} from audit_log where ${where} order by seq desc
      limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize}`,
  );
  const total = await one<{ n: number }>(tx, sql`select count(*)::int as n from audit_log where ${where}`);
  return { items: items.map(normalizeRow), total: total?.n ?? 0 };
}

/** Rows `fromSeq`..`toSeq` in chain order, at most `limit` (the verifier's batches). */
export async function rowsInOrder(tx: Executor, fromSeq: number, toSeq: number, limit: number): Promise<AuditRow[]> {
  return (
    await all<AuditRow>(
      tx,
      sql`select ${SELECT_COLUMNS} from audit_log where seq >= ${fromSeq} and seq <= ${toSeq}
        order by seq limit ${limit}`,
    )
  ).map(normalizeRow);
}

function normalizeRow(r: AuditRow): AuditRow {
  return { ...r, seq: Number(r.seq), ts: r.ts instanceof Date ? r.ts : new Date(r.ts) };
}
