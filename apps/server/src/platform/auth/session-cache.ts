import { sessionKey, userKey } from '../access/principal.js';

/**
 * The short-lived in-process cache of resolved sessions (docs/REQUEST-PATH.md "The session cache").
 *
 * - **On this instance, immediately**: everything that changes a session, an account, a role or a department
 *   announces it (`principalChanged` in the repositories, access/principal.ts); the database layer calls
 *   `invalidate` right after that transaction's COMMIT.
 * - **A read begun before an invalidation never fills the cache**: `generation()` is taken before the read and
 *   `set` refuses the entry if any invalidation happened since (the read may have seen the row before the commit).
 * - **Across instances, within the TTL**: another instance's commit is not heard here; an entry is used for at most
 *   `SESSION_CACHE_TTL_MS` after its read began, so a logout, revocation or lock elsewhere stops a session here
 *   within that bound.
 * Only positive decisions are taken on a cached entry: the caller re-reads the row before refusing a session.
 */
export const SESSION_CACHE_TTL_MS = 1_500;

export interface CacheEntry<T> {
  value: T;
  sessionId: string;
  userId: string;
  /** When the read that produced it began (clock ms): the TTL runs from there. */
  readAt: number;
}

export class SessionCache<T> {
  private readonly entries = new Map<string, CacheEntry<T>>();
  private gen = 0;

  constructor(
    private readonly clock: () => number,
    readonly ttlMs = SESSION_CACHE_TTL_MS,
    private readonly maxEntries = 10_000,
  ) {}

  /** The entry of `key` if its read began less than the TTL ago. */
  get(key: string): CacheEntry<T> | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    const age = this.clock() - e.readAt;
    if (age >= this.ttlMs || age < 0) {
      this.entries.delete(key);
      return undefined;
    }
    return e;
  }

  /** Take before the read whose result may be `set`. */
  generation(): number {
    return this.gen;
  }

  /** Keeps the entry unless anything was invalidated since `generation` was taken (the read may be stale). */
  set(key: string, generation: number, entry: CacheEntry<T>): boolean {
    if (generation !== this.gen) return false;
    if (this.entries.size >= this.maxEntries) {
      // the oldest insertion goes (a Map iterates in insertion order)
      const first = this.entries.keys().next();
      if (!first.done) this.entries.delete(first.value);
    }
    this.entries.set(key, entry);
    return true;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  /** Drops the entries the keys name ('*': all) and refuses every fill whose read began before now. */
  invalidate(keys: ReadonlySet<string>): void {
    this.gen++;
    if (keys.has('*')) {
      this.entries.clear();
      return;
    }
    for (const [k, e] of this.entries)
      if (keys.has(sessionKey(e.sessionId)) || keys.has(userKey(e.userId))) this.entries.delete(k);
  }

  get size(): number {
    return this.entries.size;
  }
}
