/**
 * Audit group-commit batches, one out at a time (audit.ts pump, audit.repo.ts appendRowsAt, db/coalesced-reads.ts):
 * the next batch is formed from everything that arrived while the one before was written, and chained onto the head
 * that one wrote. Each batch answers its own callers after its own COMMIT; a batch that fails (its connection lost: a
 * crash before its COMMIT) rejects only its own callers, and the next one is chained again onto the head as it is.
 * The chain verifies in every case. (Until the sixth step two batches were out at once, on two connections: see
 * docs/REQUEST-PATH.md for why that stopped.)
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
    expect(AUDIT_BATCHES_IN_FLIGHT).toBe(1);
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

describe.skipIf(testDbKind !== 'postgres')('audit batches on PostgreSQL: one out at a time', () => {
  beforeAll(async () => {
    // Test only: the COMMIT of a transaction that inserted a 'test.slow' row waits for an advisory lock the test holds
    // (4243 for a row whose object id ends in '.second', 4242 otherwise): that batch is out, holding the head's lock.
    await t.db.owner.execute(sql`create function test_slow_commit() returns trigger language plpgsql as
      $$ begin perform pg_advisory_xact_lock(case when new.object_id like '%.second' then 4243 else 4242 end);
      return null; end $$`);
    await t.db.owner.execute(sql`create constraint trigger test_slow_commit after insert on audit_log
      deferrable initially deferred for each row when (new.action = 'test.slow')
      execute function test_slow_commit()`);
  });

  /** Backends waiting for an advisory lock: the batches whose COMMIT waits for the test. */
  const waiting = async () =>
    all<{ pid: number }>(
      t.db.owner,
      sql`select pid from pg_stat_activity
        where wait_event_type = 'Lock' and wait_event = 'advisory' and pid <> pg_backend_pid()`,
    );
  const waitForOne = async () => {
    for (let i = 0; i < 400; i++) {
      const w = await waiting();
      if (w.length === 1) return w[0].pid;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error('the batch did not reach its COMMIT');
  };
  const settle = (p: Promise<void>) =>
    p.then(
      () => 'ok' as const,
      (e: unknown) => e,
    );
  const holdLocks = async () => {
    const holder: pg.PoolClient = await t.db.pool!.connect();
    await holder.query('select pg_advisory_lock(4242), pg_advisory_lock(4243)');
    return {
      release: async (key: 4242 | 4243) => void (await holder.query(`select pg_advisory_unlock(${key})`)),
      done: () => holder.release(),
    };
  };
  const pending = async <T>(p: Promise<T>) =>
    Promise.race([p, new Promise((r) => setTimeout(() => r('pending'), 100))]);

  /**
   * Batch A (one entry) is out, its COMMIT waiting; three more calls arrive meanwhile and wait — none of them starts a
   * batch of its own — and go together in the next batch.
   */
  async function oneOut(log: AuditLog, tag: string) {
    const locks = await holdLocks();
    const before = log.stats.batches;
    const a = settle(log.record({ username: 'w' }, { action: 'test.slow', outcome: 'success', objectId: `${tag}.a` }));
    const pidA = await waitForOne();
    const b = settle(log.record({ username: 'w' }, entry(`${tag}.b`)));
    const c1 = settle(log.record({ username: 'w' }, entry(`${tag}.c1`)));
    const c2 = settle(log.record({ username: 'w' }, entry(`${tag}.c2`)));
    expect(await pending(b)).toBe('pending'); // not answered before A's batch has committed
    expect(log.stats.batches - before).toBe(1); // b, c1, c2 wait: one batch out at most
    return { pidA, a, b, c: Promise.all([c1, c2]), locks, before };
  }

  it('writes the next batch onto the head the first one wrote, once that one committed', async () => {
    const log = new AuditLog(t.db, t.keys, t.clock.now);
    await log.record({ username: 'w' }, entry('warm')); // the log now knows the head
    const s0 = { ...log.stats };
    const x = await oneOut(log, 'ok');
    await x.locks.release(4242);
    expect(await x.a).toBe('ok');
    expect(await x.b).toBe('ok');
    expect(await x.c).toEqual(['ok', 'ok']);
    x.locks.done();
    expect(log.stats.batches - x.before).toBe(2); // the three waiting calls went in one batch
    // neither was chained again: each was written onto the head the batch before it wrote
    expect(log.stats.onKnownHead - s0.onKnownHead).toBe(2);
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
    const x = await oneOut(log, 'lostA');
    await one(t.db.owner, sql`select pg_terminate_backend(${x.pidA}::int)`);
    expect(await x.a).toBeInstanceOf(AuditWriteError);
    expect(await x.b).toBe('ok');
    expect(await x.c).toEqual(['ok', 'ok']);
    await x.locks.release(4242);
    x.locks.done();
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

  it('second batch lost before its COMMIT, after the first committed: the chain ends at the first', async () => {
    const log = new AuditLog(t.db, t.keys, t.clock.now);
    await log.record({ username: 'w' }, entry('warm'));
    const locks = await holdLocks();
    const a = settle(log.record({ username: 'w' }, { action: 'test.slow', outcome: 'success', objectId: 'lostB.a' }));
    await waitForOne();
    const b = settle(
      log.record({ username: 'w' }, { action: 'test.slow', outcome: 'success', objectId: 'lostB.second' }),
    );
    await locks.release(4242);
    expect(await a).toBe('ok');
    const pidB = await waitForOne(); // A has committed: the waiting COMMIT is B's (maybe on A's connection)
    const c1 = settle(log.record({ username: 'w' }, entry('lostB.c1')));
    const c2 = settle(log.record({ username: 'w' }, entry('lostB.c2')));
    await one(t.db.owner, sql`select pg_terminate_backend(${pidB}::int)`);
    expect(await b).toBeInstanceOf(AuditWriteError);
    expect(await Promise.all([c1, c2])).toEqual(['ok', 'ok']);
    await locks.release(4243);
    locks.done();
    expect(await seqOf('lostB.second')).toEqual([]);
    const [sa] = await seqOf('lostB.a');
    const [sc1] = await seqOf('lostB.c1');
    const [sc2] = await seqOf('lostB.c2');
    expect([sc1! - sa!, sc2! - sa!]).toEqual([1, 2]);
    await verified(log);
  });
});
