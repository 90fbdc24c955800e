import { randomInt } from 'node:crypto';

/**
 * The natural keys of a job's rows read so far, each with the first row holding it: in-file duplicates are found
 * in memory as rows are read, exactly (keys are compared byte for byte, not by hash), in typed arrays (~36 MB for
 * 1,000,000 18-character keys, outside the JS heap). After an interruption the index is rebuilt from the file's
 * committed prefix, whose rows are read again (and skipped) before the first new one: the rows and their keys are
 * the same, so the same duplicates are found.
 * The keys are held in clear (they are ID numbers for the worker import) for the job's duration, as its rows are:
 * the process holds the key ring that decrypts every stored one anyway. `wipe` zeroes them when the job's reading
 * ends, so they do not linger in freed memory.
 */
export class KeyIndex {
  /** open addressing: entry + 1, 0 = empty; the length is a power of two, at most half full */
  private slots: Int32Array;
  private rows: Int32Array;
  /** key i is arena[starts[i], starts[i + 1]) */
  private starts: Uint32Array;
  private arena: Buffer;
  private size = 0;
  private scratch = Buffer.alloc(256);
  /** per-process seed: keys come from uploads, so the probe sequences must not be predictable */
  private readonly seed = randomInt(0x7fffffff);

  constructor(expected: number) {
    const n = Math.max(64, expected);
    let cap = 1024;
    while (cap < n * 2) cap *= 2;
    this.slots = new Int32Array(cap);
    this.rows = new Int32Array(n);
    this.starts = new Uint32Array(n + 1);
    this.arena = Buffer.allocUnsafe(n * 20);
  }

  /** Zeroes the stored keys and empties the index. */
  wipe(): void {
    this.arena.fill(0);
    this.scratch.fill(0);
    this.slots.fill(0);
    this.size = 0;
  }

  get count(): number {
    return this.size;
  }

  /**
   * The row already holding `key`; else `rowNo` (≥ 1) becomes its holder and undefined is returned. A key whose
   * holder released it is taken by the next claim.
   */
  claim(key: string, rowNo: number): number | undefined {
    const { at, e } = this.find(key);
    if (e < 0) {
      this.add(at, this.scratchLen, rowNo);
      return undefined;
    }
    if (this.rows[e] > 0) return this.rows[e];
    this.rows[e] = rowNo;
    return undefined;
  }

  /**
   * `rowNo` gives up `key` (its row failed after claiming it: the key stays free for a later row, as if this row
   * had never held it). Nothing happens when another row holds the key.
   */
  release(key: string, rowNo: number): void {
    const { e } = this.find(key);
    if (e >= 0 && this.rows[e] === rowNo) this.rows[e] = 0;
  }

  private scratchLen = 0;

  /** The key's entry (-1 if absent) and its slot; the key's bytes are left in scratch[0, scratchLen). */
  private find(key: string): { at: number; e: number } {
    let len = Buffer.byteLength(key);
    if (len > this.scratch.length) this.scratch = Buffer.alloc(len * 2);
    len = this.scratch.write(key, 0);
    this.scratchLen = len;
    const mask = this.slots.length - 1;
    for (let at = hash(this.scratch, 0, len, this.seed) & mask; ; at = (at + 1) & mask) {
      const e = this.slots[at] - 1;
      if (e < 0 || this.same(e, len)) return { at, e };
    }
  }

  private same(e: number, len: number): boolean {
    const from = this.starts[e];
    if (this.starts[e + 1] - from !== len) return false;
    const a = this.arena;
    const s = this.scratch;
    for (let i = 0; i < len; i++) if (a[from + i] !== s[i]) return false;
    return true;
  }

  private add(at: number, len: number, rowNo: number): void {
    const e = this.size++;
    if (e + 1 >= this.starts.length) {
      this.rows = grow(this.rows, this.rows.length * 2);
      this.starts = grow(this.starts, this.starts.length * 2);
    }
    const from = this.starts[e];
    if (from + len > this.arena.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.arena.length * 2, from + len));
      this.arena.copy(bigger, 0, 0, from);
      this.arena = bigger;
    }
    this.scratch.copy(this.arena, from, 0, len);
    this.starts[e + 1] = from + len;
    this.rows[e] = rowNo;
    this.slots[at] = e + 1;
    if (this.size * 2 > this.slots.length) this.rehash();
  }

  private rehash(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    const mask = this.slots.length - 1;
    for (let e = 0; e < this.size; e++) {
      const from = this.starts[e];
      const len = this.starts[e + 1] - from;
      let at = hash(this.arena, from, len, this.seed) & mask;
      while (this.slots[at] !== 0) at = (at + 1) & mask;
      this.slots[at] = e + 1;
    }
  }
}

/** FNV-1a over the bytes, seeded, with a final mix (the low bits pick the slot). */
function hash(b: Buffer, from: number, len: number, seed: number): number {
  let h = seed ^ len;
  for (let i = from; i < from + len; i++) h = Math.imul(h ^ b[i], 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  return h ^ (h >>> 13);
}

function grow<T extends Int32Array | Uint32Array>(a: T, n: number): T {
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  return b;
}
