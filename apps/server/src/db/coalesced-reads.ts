import type pg from 'pg';
import { inlineParams, literal } from './inline.js';
import { preparedStatement, RAW_TYPES } from './prepared.js';

/**
 * One-statement reads of concurrent requests coalesced into one transaction and one round trip (PostgreSQL without
 * Citus; docs/REQUEST-PATH.md, "Sixth step").
 *
 * A read arriving while fewer than `maxInFlight` batches are out goes at once, alone; reads arriving meanwhile wait
 * for the next batch: under load one pooled connection carries
 *
 *   BEGIN; SET LOCAL <scope of read 1>; EXECUTE <read 1>; SET LOCAL <scope of read 2>; EXECUTE <read 2>; …; COMMIT
 *
 * as one simple-protocol query. Each read runs under its own scope, set right before it in the same message (a
 * setting equal to the one the read before set is not repeated; every read of a batch sets all four when it differs,
 * the first read always), so row-level security answers each read exactly as in a transaction of its own; READ
 * COMMITTED gives each statement its own snapshot as before. What is saved is per request: a connection check-out, a
 * transaction, a message to the backend and a wake-up of it, on two cores shared with the backends.
 *
 * A batch that fails (one statement's error aborts the whole message) is rolled back and each of its reads runs again
 * alone, so a read's error reaches only its own caller.
 */
export interface CoalescedRead {
  /** The read's scope as `SET LOCAL` statements, in a fixed order (client.ts scopeStatements). */
  scope: readonly string[];
  text: string;
  params: readonly unknown[];
  /**
   * A statement that takes a row lock the next such statement waits for (the audit head's): it goes first in its
   * message, and only one message carrying such statements is out at a time — the next waits for it to answer, so
   * they take the lock in the order they were issued (two messages on two connections race for it otherwise, and
   * the later one, finding the head not where it expected, would have to be chained again).
   */
  serial?: boolean;
}

interface Queued extends CoalescedRead {
  resolve: (r: pg.QueryResult) => void;
  reject: (err: unknown) => void;
}

export interface CoalescedReadStats {
  /** Reads answered. */
  reads: number;
  /** Messages sent (a batch of one read included). */
  batches: number;
  /** Reads run again alone after their batch failed. */
  retriedAlone: number;
}

export class ReadCoalescer {
  private queue: Queued[] = [];
  private inFlight = 0;
  /** A message carrying `serial` statements is out. */
  private serialInFlight = false;
  readonly stats: CoalescedReadStats = { reads: 0, batches: 0, retriedAlone: 0 };

  constructor(
    private readonly pool: pg.Pool,
    private readonly maxInFlight = 2,
    private readonly maxBatch = 64,
  ) {}

  read(r: CoalescedRead): Promise<pg.QueryResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ ...r, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.queue.length > 0 && this.inFlight < this.maxInFlight) {
      const serial: Queued[] = [];
      const others: Queued[] = [];
      const waiting: Queued[] = [];
      for (const q of this.queue) {
        if (serial.length + others.length >= this.maxBatch || (q.serial && this.serialInFlight)) waiting.push(q);
        else (q.serial ? serial : others).push(q);
      }
      if (serial.length + others.length === 0) return;
      this.queue = waiting;
      const carriesSerial = serial.length > 0;
      if (carriesSerial) this.serialInFlight = true;
      this.inFlight++;
      this.stats.batches++;
      void this.send([...serial, ...others]).finally(() => {
        this.inFlight--;
        if (carriesSerial) this.serialInFlight = false;
        this.pump();
      });
    }
  }

  private async send(batch: Queued[]): Promise<void> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (err) {
      for (const b of batch) b.reject(err);
      return;
    }
    let broken = false;
    try {
      const parts = ['BEGIN'];
      const at: number[] = [];
      const preps: NonNullable<ReturnType<typeof preparedStatement>>[] = [];
      let last: readonly string[] = [];
      for (const b of batch) {
        for (let i = 0; i < b.scope.length; i++) if (b.scope[i] !== last[i]) parts.push(b.scope[i]);
        last = b.scope;
        const prep = preparedStatement(client, b.text);
        if (prep) {
          preps.push(prep);
          if (prep.prepare) parts.push(prep.prepare);
          parts.push(`EXECUTE ${prep.name}${b.params.length > 0 ? `(${b.params.map(literal).join(', ')})` : ''}`);
        } else parts.push(inlineParams(b.text, b.params as unknown[]));
        at.push(parts.length - 1);
      }
      parts.push('COMMIT');
      let results: pg.QueryResult[];
      try {
        const r = (await client.query({ text: parts.join('; '), types: RAW_TYPES } as pg.QueryConfig)) as unknown;
        // one Result per statement of the message (node-postgres); anything else is not the answer it looks like
        if (!Array.isArray(r) || r.length !== parts.length)
          throw new Error(`coalesced reads: ${parts.length} statements answered by ${Array.isArray(r) ? r.length : 1}`);
        results = r as pg.QueryResult[];
      } catch (err) {
        for (const p of preps) p.failed();
        await client.query('ROLLBACK').catch(() => {
          broken = true;
        });
        if (broken) throw err;
        // each read again, alone, on this connection: an error reaches only the read that caused it
        for (const b of batch) {
          this.stats.retriedAlone++;
          await this.alone(client, b);
        }
        return;
      }
      for (const p of preps) p.ok();
      this.stats.reads += batch.length;
      batch.forEach((b, i) => b.resolve(results[at[i]]));
    } catch (err) {
      broken = true;
      for (const b of batch) b.reject(err);
    } finally {
      client.release(broken);
    }
  }

  /** One read in a transaction of its own (`BEGIN; scope; statement; COMMIT` in one message; rolled back on error). */
  private async alone(client: pg.PoolClient, b: Queued): Promise<void> {
    const parts = ['BEGIN', ...b.scope, inlineParams(b.text, b.params as unknown[]), 'COMMIT'];
    try {
      const r = (await client.query({ text: parts.join('; '), types: RAW_TYPES } as pg.QueryConfig)) as unknown;
      this.stats.reads++;
      b.resolve((r as pg.QueryResult[])[parts.length - 2]);
    } catch (err) {
      await client.query('ROLLBACK');
      b.reject(err);
    }
  }
}
