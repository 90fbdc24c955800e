/**
 * Two audit group-commit batches in flight (audit.ts pump, audit.repo.ts appendRowsAt): a batch started while
 * another is in flight is chained onto the head that one writes and sent on a connection of its own; its head update
 * waits for the other's row lock and applies once it committed. Each batch answers its own callers after its own
 * COMMIT; a batch that fails (its connection lost: a crash between the two commits) rejects only its own callers,
 * and the one after it is chained again onto the head as it is. The chain verifies in every case.
 */
import { sql } from 'drizzle-orm';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { all, one } from '../../db/client.js';
import { startTestPlatform, type TestPlatform } from '../../test/harness.js';
import { testDbKind } from '../../../../../tools/test/db.js';
import { AUDIT_BATCHES_IN_FLIGHT, AuditLog, AuditWriteError } from './audit.js';

let t: TestPlatform;

beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(async () => t?.close());

const entry = (objectId: string) => ({ action: 'test.inflight', outcome: 'success' as const, objectId });
const seqOf = async (objectId: string) =>
  (
    await all<{ seq: number }>(
      t.db.owner,
      sql`select seq::int8 as seq from audit_log where action like 'test.%' and object_id = ${objectId}`,
    )
  ).map((r) => Number(r.seq));

async function verified(log: AuditLog) {
  const chain = await log.verify();
  expect(chain.ok, chain.reason ?? '').toBe(true);
}

describe('audit batches in flight', () => {
  it('commits every entry of many concurrent callers once, in one chain that verifies', async () => {
    const log = new AuditLog(t.db, t.keys, t.clock.now);
    const writes: Promise<void>[] = [];
    for (let i = 0; i < 40; i++) {
      writes.push(log.record({ username: 'w' }, entry(`many${i}`)));
      if (i % 7 === 0) await new Promise((r) => setImmediate(r)); // let batches start in between
    }
    await Promise.all(writes);
    expect(AUDIT_BATCHES_IN_FLIGHT).toBe(2);
    expect(log.stats.batches).toBeGreaterThan(1);
    const n = await one<{ n: number; d: number }>(
      t.db.owner,
      sql`select count(*)::int as n, count(distinct object_id)::int as d from audit_log
        where action = 'test.inflight' and object_id like 'many%'`,
    );
    expect(n).toEqual({ n: 40, d: 40 });
    await verified(log);
  });
});

describe.skipIf(testDbKind !== 'postgres')('audit batches in flight on PostgreSQL (two connections)', () => {
  beforeAll(async () => {
    // Test only: the COMMIT of a transaction that inserted a 'test.slow' row waits for advisory lock 4242, which the
    // test holds — that batch has moved the head and holds its row lock while the next batch is in flight.
    await t.db.owner.execute(sql`create function test_slow_commit() returns trigger language plpgsql as
      $$ begin perform pg_advisory_xact_lock(4242); return null; end $$`);
    await t.db.owner.execute(sql`create constraint trigger test_slow_commit after insert on audit_log
      deferrable initially deferred for each row when (new.action = 'test.slow')
      execute function test_slow_commit()`);
  });

  /** Backends waiting for a lock: the batch whose COMMIT waits for the test's advisory lock, and the one after. */
  const waiting = async () =>
    all<{ pid: number; advisory: boolean }>(
      t.db.owner,
      sql`select pid, wait_event = 'advisory' as advisory from pg_stat_activity
        where wait_event_type = 'Lock' and pid <> pg_backend_pid()`,
    );
  const waitFor = async (cond: (w: { pid: number; advisory: boolean }[]) => boolean) => {
    for (let i = 0; i < 400; i++) {
      const w = await waiting();
      if (cond(w)) return w;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error('the batches did not reach the expected locks');
  };

  /**
   * Batch A (one entry) moves the head and its COMMIT waits (advisory lock); batch B (one entry) starts then, chained
   * onto A's head, and waits for the head's row lock A holds; two more calls wait for one of them to finish (they go
   * together in batch C). Returns A's and B's backends.
   */
  async function twoInFlight(log: AuditLog, tag: string) {
    const holder: pg.PoolClient = await t.db.pool!.connect();
    await holder.query('select pg_advisory_lock(4242)');
    const settle = (p: Promise<void>) =>
      p.then(
        () => 'ok' as const,
        (e: unknown) => e,
      );
    const before = log.stats.batches;
    const a = settle(log.record({ username: 'w' }, { action: 'test.slow', outcome: 'success', objectId: `${tag}.a` }));
    const b = settle(log.record({ username: 'w' }, entry(`${tag}.b`)));
    const w = await waitFor((x) => x.length === 2 && x.some((y) => y.advisory));
    const c1 = settle(log.record({ username: 'w' }, entry(`${tag}.c1`)));
    const c2 = settle(log.record({ username: 'w' }, entry(`${tag}.c2`)));
    expect(log.stats.batches - before).toBe(2); // c1, c2 wait: two batches in flight at most
    return {
      pidA: w.find((y) => y.advisory)!.pid,
      pidB: w.find((y) => !y.advisory)!.pid,
      a,
      b,
      c: Promise.all([c1, c2]),
      release: async () => {
        await holder.query('select pg_advisory_unlock(4242)');
        holder.release();
      },
    };
  }

  it('writes the second batch onto the head the first one writes, once that one committed', async () => {
    const log = new AuditLog(t.db, t.keys, t.clock.now);
    await log.record({ username: 'w' }, entry('warm')); // the log now knows the head
    const s0 = { ...log.stats };
    const x = await twoInFlight(log, 'ok');
    await x.release();
    expect(await x.a).toBe('ok');
    expect(await x.b).toBe('ok');
    expect(await x.c).toEqual(['ok', 'ok']);
    // none of the three was chained again: each was written onto the head the batch before it wrote
    expect(log.stats.onKnownHead - s0.onKnownHead).toBe(3);
    expect(log.stats.rechained - s0.rechained).toBe(0);
    const [a] = await seqOf('ok.a');
    const [b] = await seqOf('ok.b');
    const [c1] = await seqOf('ok.c1');
    const [c2] = await seqOf('ok.c2');
    expect([b! - a!, c1! - a!, c2! - a!]).toEqual([1, 2, 3]);
    await verified(log);
  });

  it('first batch lost before its COMMIT: only its callers fail, the next one is chained again', async () => {
    const log = new AuditLog(t.db, t.keys, t.clock.now);
    await log.record({ username: 'w' }, entry('warm'));
    const s0 = { ...log.stats };
    const x = await twoInFlight(log, 'lostA');
    await one(t.db.owner, sql`select pg_terminate_backend(${x.pidA}::int)`);
    await x.release();
    expect(await x.a).toBeInstanceOf(AuditWriteError);
    expect(await x.b).toBe('ok');
    expect(await x.c).toEqual(['ok', 'ok']);
    expect(log.stats.rechained - s0.rechained).toBeGreaterThanOrEqual(1);
    expect(await seqOf('lostA.a')).toEqual([]);
    const [b] = await seqOf('lostA.b');
    const [c1] = await seqOf('lostA.c1');
    const [c2] = await seqOf('lostA.c2');
    expect([c1! - b!, c2! - b!]).toEqual([1, 2]);
    await verified(log);
    await log.record({ username: 'w' }, entry('lostA.after'));
    await verified(log);
  });

  it('second batch lost while the first commits (a crash between the two): the chain ends at the first', async () => {
    const log = new AuditLog(t.db, t.keys, t.clock.now);
    await log.record({ username: 'w' }, entry('warm'));
    const x = await twoInFlight(log, 'lostB');
    await one(t.db.owner, sql`select pg_terminate_backend(${x.pidB}::int)`);
    expect(await x.b).toBeInstanceOf(AuditWriteError);
    await x.release();
    expect(await x.a).toBe('ok');
    expect(await x.c).toEqual(['ok', 'ok']);
    expect(await seqOf('lostB.b')).toEqual([]);
    const [a] = await seqOf('lostB.a');
    const [c1] = await seqOf('lostB.c1');
    const [c2] = await seqOf('lostB.c2');
    expect([c1! - a!, c2! - a!]).toEqual([1, 2]);
    await verified(log);
  });
});
