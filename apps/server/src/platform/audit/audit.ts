import { AUDIT_ANCHOR_FORMAT, type AuditOutcome } from '@mwsp/domain';
import { ReentrantTransactionError, SYSTEM_SCOPE, type Database, type Executor } from '../../db/client.js';
import { hmacSm3, HmacSm3Key, randomUuid, type KeyRing } from '../crypto/index.js';
import { unavailable } from '../http/errors.js';
import type { Principal } from '../access/principal.js';
import * as repo from './audit.repo.js';
import type { AuditFilter, AuditRow, ChainHead } from './audit.repo.js';

export type { AuditFilter, AuditRow };

/**
 * Group-commit batches of one AuditLog out at a time. One: the next batch is formed from everything that arrived while
 * the one before was being written, and its statement waits for the head's row lock anyway (docs/REQUEST-PATH.md,
 * "Sixth step": two batches in flight on two connections raced for the lock, and formed the second batch too early).
 */
export const AUDIT_BATCHES_IN_FLIGHT = 1;

export interface AuditActor {
  userId?: string | null;
  username?: string | null;
  department?: string | null;
  regionCode?: string | null;
  ip?: string | null;
}

/** Who did it, as the audit chain records it: the principal's identity and where the request came from. */
export function actorOf(p: Principal | null, ip: string): AuditActor {
  return p
    ? { userId: p.userId, username: p.username, department: p.departmentName, regionCode: p.regionCode, ip }
    : { ip };
}

export interface AuditEntry {
  action: string; // e.g. auth.login, user.create, audit.verify
  outcome: AuditOutcome;
  objectType?: string | null;
  objectId?: string | null;
  /** Facts about the event — never personal data values, passwords or tokens. */
  detail?: Record<string, string | number | boolean | null | string[]>;
}

/**
 * A checkpoint of the chain head kept outside the database (the log, the auditor's own file): a
 * superuser who deletes the newest rows and rewrites `audit_head` leaves a chain that verifies on its
 * own, but not against an anchor taken before. MAC'd with a subkey of the audit key, so an anchor
 * cannot be forged or edited either.
 */
export interface AuditAnchor {
  format: typeof ANCHOR_FORMAT;
  seq: number;
  mac: string;
  ts: string;
  kid: string;
  anchorMac: string;
}
export const ANCHOR_FORMAT = AUDIT_ANCHOR_FORMAT;

export interface VerifyResult {
  ok: boolean;
  checked: number;
  firstBrokenSeq: number | null;
  reason: string | null;
  /** Seq of the anchor the chain was checked against (null: no anchor given). */
  anchorSeq: number | null;
}

/** Deterministic JSON: object keys sorted, so jsonb's own key order cannot break the chain. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(obj[k])}`)
    .join(',')}}`;
}

function rowMac(key: HmacSm3Key, prevMac: string, r: Omit<AuditRow, 'mac'>): string {
  const body = canonical([
    r.seq,
    r.id,
    r.ts.toISOString(),
    r.userId,
    r.username,
    r.department,
    r.regionCode,
    r.ip,
    r.action,
    r.objectType,
    r.objectId,
    r.outcome,
    r.detail,
    r.kid,
  ]);
  return key.mac(prevMac, '\n', body).toString('hex');
}

/**
 * Append-only audit log chained with HMAC-SM3: row n's MAC covers row n-1's MAC, so an edited,
 * removed or reordered row breaks the chain at that point. The database refuses UPDATE, DELETE and
 * TRUNCATE (triggers) and the application role holds only INSERT and SELECT. A write is serialised
 * on the single-row chain head (row lock), inside the caller's transaction: if the audit write
 * fails, the audited operation fails with it.
 */
export class AuditLog {
  /** The chain's HMAC-SM3 key per key id, its padded blocks precomputed (crypto/sm3.ts): one per process. */
  private readonly macKeys = new Map<string, HmacSm3Key>();

  constructor(
    private readonly db: Database,
    private readonly keys: KeyRing,
    private readonly now: () => Date,
  ) {}

  /** Entries appended inside `together` (by transaction), written when its callback is done. */
  private readonly collected = new WeakMap<object, { actor: AuditActor; entry: AuditEntry }[]>();

  /** Appends inside an existing transaction (the business change and its audit commit together). */
  async append(tx: Executor, actor: AuditActor, entry: AuditEntry): Promise<void> {
    const held = this.collected.get(tx);
    if (held) held.push({ actor, entry });
    else await this.appendMany(tx, [{ actor, entry }]);
  }

  /**
   * Appends several entries inside an existing transaction under one lock of the chain head, in one statement
   * (a batch of effects committed together, e.g. the rungs of a sweep's chunk).
   */
  async appendAll(tx: Executor, items: { actor: AuditActor; entry: AuditEntry }[]): Promise<void> {
    const held = this.collected.get(tx);
    if (held) held.push(...items);
    else if (items.length > 0) await this.appendMany(tx, items);
  }

  /**
   * Runs `fn` in the caller's transaction with the entries appended to `tx` meanwhile held back, then writes them
   * all, in their order, under one lock of the chain head in one statement — still in that transaction, so they
   * commit with the changes they record or not at all (generated demo data: many audited steps in one transaction).
   * When `fn` fails nothing is written (its transaction rolls back). Nested calls join the outer one.
   */
  async together<T>(tx: Executor, fn: () => Promise<T>): Promise<T> {
    if (this.collected.has(tx)) return fn();
    const items: { actor: AuditActor; entry: AuditEntry }[] = [];
    this.collected.set(tx, items);
    let out: T;
    try {
      out = await fn();
    } finally {
      this.collected.delete(tx);
    }
    if (items.length > 0) await this.appendMany(tx, items);
    return out;
  }

  /** Chains and inserts several entries under one lock of the chain head, in one statement. */
  private async appendMany(tx: Executor, items: { actor: AuditActor; entry: AuditEntry }[]): Promise<ChainHead> {
    try {
      const head = await repo.chainHead(tx, true);
      if (!head) throw new Error('audit head missing');
      const rows = this.chain(head, items);
      await repo.appendRows(tx, rows);
      return { seq: rows[rows.length - 1].seq, mac: rows[rows.length - 1].mac };
    } catch (err) {
      throw err instanceof AuditWriteError ? err : new AuditWriteError(err as Error);
    }
  }

  /**
   * The group commit's write: when this process knows the head the batch follows (the one it wrote last), the rows are
   * chained onto it and written in one statement that moves the head only if it is that one when the head's row lock
   * is granted (repo.appendRowsAt) — no read of the head first. That statement is a one-statement transaction: on
   * PostgreSQL it rides in the next coalesced message with the concurrent requests' reads (db/coalesced-reads.ts),
   * committed with them, all or nothing, first in its message. When the head is not the one expected (another writer
   * moved it, or this process does not know it), nothing was written and the rows are chained again onto the head,
   * read under lock, in a transaction of their own.
   */
  private async appendBatch(
    known: ChainHead | null,
    rows: AuditRow[] | null,
    items: { actor: AuditActor; entry: AuditEntry }[],
  ): Promise<ChainHead> {
    if (known && rows) {
      let onKnownHead: boolean;
      try {
        onKnownHead = await this.db.scoped(SYSTEM_SCOPE, (tx) => repo.appendRowsAt(tx, known, rows), {
          oneStatement: true,
          serial: true,
        });
      } catch (err) {
        throw new AuditWriteError(err as Error);
      }
      if (onKnownHead) {
        this.stats.onKnownHead++;
        return { seq: rows[rows.length - 1].seq, mac: rows[rows.length - 1].mac };
      }
    }
    this.stats.rechained++;
    return this.db.scoped(SYSTEM_SCOPE, (tx) => this.appendMany(tx, items));
  }

  /** The head the chain has once the batches written so far have committed (null: unknown, read under lock). */
  private tip: ChainHead | null = null;

  /** Group-commit batches written onto the head the batch before wrote, and chained again under lock. */
  readonly stats = { batches: 0, onKnownHead: 0, rechained: 0 };

  private chain(head: ChainHead, items: { actor: AuditActor; entry: AuditEntry }[]): AuditRow[] {
    let seq = head.seq;
    let prev = head.mac;
    return items.map(({ actor, entry }): AuditRow => {
      const row: Omit<AuditRow, 'mac'> = {
        seq: ++seq,
        id: randomUuid(),
        ts: this.now(),
        userId: actor.userId ?? null,
        username: actor.username ?? null,
        department: actor.department ?? null,
        regionCode: actor.regionCode ?? null,
        ip: actor.ip ?? null,
        action: entry.action,
        objectType: entry.objectType ?? null,
        objectId: entry.objectId ?? null,
        outcome: entry.outcome,
        detail: entry.detail ?? {},
        kid: this.keys.currentId,
      };
      prev = rowMac(this.macKey(row.kid), prev, row);
      return { ...row, mac: prev };
    });
  }

  private queue: { actor: AuditActor; entry: AuditEntry; resolve: () => void; reject: (e: Error) => void }[] = [];
  private inFlight = 0;

  /**
   * Appends in a transaction of its own and resolves only once it is committed (audit before
   * disclosure). Entries arriving while a write is in flight are committed together in a next one
   * (group commit), so the chain head is locked once per batch instead of once per request.
   */
  record(actor: AuditActor, entry: AuditEntry): Promise<void> {
    // Inside a transaction this would wait for a second one (on PGlite: forever). Use append(tx, …).
    if (this.db.inTransaction())
      return Promise.reject(new ReentrantTransactionError('audit.record', 'a transaction (use audit.append(tx, …))'));
    return new Promise((resolve, reject) => {
      this.queue.push({ actor, entry, resolve, reject });
      this.pump();
    });
  }

  /**
   * Starts a batch of everything queued when none is out (AUDIT_BATCHES_IN_FLIGHT). Each batch answers its callers
   * after its COMMIT; a failed batch rejects only its own, and the next one reads the head under lock.
   */
  private pump(): void {
    if (this.queue.length === 0 || this.inFlight >= AUDIT_BATCHES_IN_FLIGHT) return;
    const batch = this.queue.splice(0, 500);
    this.inFlight++;
    this.stats.batches++;
    const known = this.tip;
    let rows: AuditRow[] | null = null;
    try {
      rows = known && this.chain(known, batch);
    } catch {
      rows = null; // chained under lock instead (and fails there, closed, if it fails again)
    }
    void this.appendBatch(known, rows, batch)
      .then(
        (written) => {
          this.tip = written;
          for (const b of batch) b.resolve();
        },
        (err: unknown) => {
          this.tip = null;
          const e = err instanceof AuditWriteError ? err : new AuditWriteError(err as Error);
          for (const b of batch) b.reject(e);
        },
      )
      .finally(() => {
        this.inFlight--;
        this.pump();
      });
  }

  /** How often a user did an action since a time (e.g. unmasking caps). */
  async countRecent(userId: string, action: string, since: Date): Promise<number> {
    return this.db.scoped(SYSTEM_SCOPE, (tx) => repo.countSuccessesSince(tx, userId, action, since));
  }

  async list(f: AuditFilter): Promise<{ items: AuditRow[]; total: number }> {
    return this.db.scoped(SYSTEM_SCOPE, (tx) => repo.listRows(tx, f));
  }

  /** A MAC'd checkpoint of the chain head as it is now (written to the log and given to the auditor). */
  async anchor(): Promise<AuditAnchor> {
    const head = await this.db.scoped(SYSTEM_SCOPE, (tx) => repo.chainHead(tx));
    const a = {
      format: ANCHOR_FORMAT,
      seq: Number(head?.seq ?? 0),
      mac: head?.mac ?? '',
      ts: this.now().toISOString(),
      kid: this.keys.currentId,
    } as const;
    return { ...a, anchorMac: this.anchorMac(a) };
  }

  /** True when the anchor was issued by this platform's audit key and not altered since. */
  anchorValid(a: AuditAnchor): boolean {
    if (a.format !== ANCHOR_FORMAT || !this.keys.has(a.kid)) return false;
    return this.anchorMac(a) === a.anchorMac;
  }

  private anchorMac(a: Omit<AuditAnchor, 'anchorMac'>): string {
    return hmacSm3(
      this.keys.subkey('audit-anchor', 32, a.kid),
      canonical([a.format, a.seq, a.mac, a.ts, a.kid]),
    ).toString('hex');
  }

  /**
   * Walks the whole chain in order and reports the first row that does not verify. With an anchor
   * (checked by the caller with anchorValid), a chain whose head is before the anchor's seq, or whose
   * row at that seq has another MAC, is reported as cut at its tail.
   */
  async verify(batch = 5000, anchor?: AuditAnchor): Promise<VerifyResult> {
    const anchorSeq = anchor?.seq ?? null;
    return this.db.scoped(SYSTEM_SCOPE, async (tx): Promise<VerifyResult> => {
      // Verify up to the head as it is now; rows appended while we walk are for the next check.
      const head = await repo.chainHead(tx);
      const lastSeq = head?.seq ?? 0;
      let prevMac = '';
      let expectedSeq = 1;
      let checked = 0;
      let macAtAnchor: string | null = anchor?.seq === 0 ? '' : null;
      for (;;) {
        const rows = await repo.rowsInOrder(tx, expectedSeq, lastSeq, batch);
        for (const r of rows) {
          if (r.seq !== expectedSeq) {
            return {
              ok: false,
              checked,
              firstBrokenSeq: expectedSeq,
              reason: `第 ${expectedSeq} 条记录缺失（被删除或顺序被改动）`,
              anchorSeq,
            };
          }
          if (!this.keys.has(r.kid) || rowMac(this.macKey(r.kid), prevMac, r) !== r.mac) {
            return {
              ok: false,
              checked,
              firstBrokenSeq: r.seq,
              reason: `第 ${r.seq} 条记录内容与校验值不符（被篡改）`,
              anchorSeq,
            };
          }
          if (r.seq === anchorSeq) macAtAnchor = r.mac;
          prevMac = r.mac;
          expectedSeq++;
          checked++;
        }
        if (rows.length < batch) break;
      }
      if (!head || lastSeq !== expectedSeq - 1 || head.mac !== prevMac) {
        return {
          ok: false,
          checked,
          firstBrokenSeq: expectedSeq,
          reason: `链尾记录缺失：最后 ${lastSeq - (expectedSeq - 1)} 条记录被删除`,
          anchorSeq,
        };
      }
      if (anchor && lastSeq < anchor.seq) {
        return {
          ok: false,
          checked,
          firstBrokenSeq: lastSeq + 1,
          anchorSeq,
          reason:
            `链尾被截断：锚点（${anchor.ts}）记录链头为第 ${anchor.seq} 条，当前链头仅到第 ${lastSeq} 条，` +
            `第 ${lastSeq + 1}–${anchor.seq} 条记录被删除`,
        };
      }
      if (anchor && macAtAnchor !== anchor.mac) {
        return {
          ok: false,
          checked,
          firstBrokenSeq: anchor.seq,
          anchorSeq,
          reason: `链尾被截断后重写：第 ${anchor.seq} 条记录的校验值与锚点（${anchor.ts}）不符`,
        };
      }
      return { ok: true, checked, firstBrokenSeq: null, reason: null, anchorSeq };
    });
  }

  private macKey(kid: string): HmacSm3Key {
    let k = this.macKeys.get(kid);
    if (!k) this.macKeys.set(kid, (k = new HmacSm3Key(this.keys.subkey('audit-chain', 32, kid))));
    return k;
  }
}

/** Fail closed: the operation that needed this audit entry must not go ahead. */
export class AuditWriteError extends Error {
  constructor(readonly cause: Error) {
    super(`审计日志写入失败 / audit write failed: ${cause.message}`);
  }
  toHttp() {
    return unavailable('审计日志暂时无法写入，操作未执行，请稍后重试');
  }
}
