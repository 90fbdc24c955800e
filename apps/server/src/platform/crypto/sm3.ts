/**
 * SM3 (GB/T 32905-2016) compression in JavaScript, for HMAC-SM3 over many short messages. Node's OpenSSL 3 spends
 * ~10 µs creating a hash or HMAC object (the digest fetch), far more than the 1–3 blocks a field's tag or blind index
 * hashes; the import seals millions of fields (issue #11). This code only runs the compression function on 64-byte
 * blocks; it is checked against OpenSSL's SM3 and HMAC-SM3 by the known-answer tests at every start-up (kat.ts).
 */
const IV = new Int32Array([
  0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e,
]);

// T_j rotated left by j mod 32, per round.
const TJ = new Int32Array(64);
for (let j = 0; j < 64; j++) {
  const t = j < 16 ? 0x79cc4519 : 0x7a879d8a;
  const r = j % 32;
  TJ[j] = r === 0 ? t : (t << r) | (t >>> (32 - r));
}

const W = new Int32Array(68);

function rotl(x: number, n: number): number {
  return (x << n) | (x >>> (32 - n));
}

/** One compression of the 64-byte block at `buf[off…off+64)` into the state `v` (8 words, updated in place). */
function compress(v: Int32Array, buf: Uint8Array, off: number): void {
  for (let i = 0; i < 16; i++) {
    const o = off + 4 * i;
    W[i] = (buf[o] << 24) | (buf[o + 1] << 16) | (buf[o + 2] << 8) | buf[o + 3];
  }
  for (let j = 16; j < 68; j++) {
    const x = W[j - 16] ^ W[j - 9] ^ rotl(W[j - 3], 15);
    W[j] = x ^ rotl(x, 15) ^ rotl(x, 23) ^ rotl(W[j - 13], 7) ^ W[j - 6];
  }
  let a = v[0],
    b = v[1],
    c = v[2],
    d = v[3],
    e = v[4],
    f = v[5],
    g = v[6],
    h = v[7];
  // Rounds 0–15 and 16–63 differ only in FF/GG; two loops keep the branch out of the round.
  for (let j = 0; j < 16; j++) {
    const a12 = (a << 12) | (a >>> 20);
    let ss1 = (a12 + e + TJ[j]) | 0;
    ss1 = (ss1 << 7) | (ss1 >>> 25);
    const tt1 = ((a ^ b ^ c) + d + (ss1 ^ a12) + (W[j] ^ W[j + 4])) | 0;
    const tt2 = ((e ^ f ^ g) + h + ss1 + W[j]) | 0;
    d = c;
    c = (b << 9) | (b >>> 23);
    b = a;
    a = tt1;
    h = g;
    g = (f << 19) | (f >>> 13);
    f = e;
    e = tt2 ^ ((tt2 << 9) | (tt2 >>> 23)) ^ ((tt2 << 17) | (tt2 >>> 15));
  }
  for (let j = 16; j < 64; j++) {
    const a12 = (a << 12) | (a >>> 20);
    let ss1 = (a12 + e + TJ[j]) | 0;
    ss1 = (ss1 << 7) | (ss1 >>> 25);
    const tt1 = (((a & b) | (a & c) | (b & c)) + d + (ss1 ^ a12) + (W[j] ^ W[j + 4])) | 0;
    const tt2 = (((e & f) | (~e & g)) + h + ss1 + W[j]) | 0;
    d = c;
    c = (b << 9) | (b >>> 23);
    b = a;
    a = tt1;
    h = g;
    g = (f << 19) | (f >>> 13);
    f = e;
    e = tt2 ^ ((tt2 << 9) | (tt2 >>> 23)) ^ ((tt2 << 17) | (tt2 >>> 15));
  }
  v[0] ^= a;
  v[1] ^= b;
  v[2] ^= c;
  v[3] ^= d;
  v[4] ^= e;
  v[5] ^= f;
  v[6] ^= g;
  v[7] ^= h;
}

// The running state of finishInto (one per thread: modules are per thread), so a digest allocates nothing.
const V = new Int32Array(8);

/**
 * SM3 of `buf[0…len)` continued from `state` after `prefixBytes` bytes already hashed (a multiple of 64);
 * the padding block(s) are written into `buf` after `len`, so `buf` needs `len + 72` bytes of room.
 * The 32-byte digest is written to `out[outOff…outOff+32)`.
 */
function finishInto(
  state: Int32Array,
  prefixBytes: number,
  buf: Uint8Array,
  len: number,
  out: Uint8Array,
  outOff: number,
): void {
  V.set(state);
  const padded = ((len + 9 + 63) >>> 6) << 6;
  buf[len] = 0x80;
  // A loop, not Buffer#fill: fill's argument checks cost more than zeroing < 64 bytes (issue #11).
  for (let i = len + 1; i < padded - 8; i++) buf[i] = 0;
  const bits = (prefixBytes + len) * 8;
  const hi = Math.floor(bits / 0x100000000),
    lo = bits >>> 0;
  buf[padded - 8] = hi >>> 24;
  buf[padded - 7] = hi >>> 16;
  buf[padded - 6] = hi >>> 8;
  buf[padded - 5] = hi;
  buf[padded - 4] = lo >>> 24;
  buf[padded - 3] = lo >>> 16;
  buf[padded - 2] = lo >>> 8;
  buf[padded - 1] = lo;
  for (let off = 0; off < padded; off += 64) compress(V, buf, off);
  for (let i = 0; i < 8; i++) {
    const x = V[i],
      o = outOff + 4 * i;
    out[o] = x >>> 24;
    out[o + 1] = x >>> 16;
    out[o + 2] = x >>> 8;
    out[o + 3] = x;
  }
}

function finish(state: Int32Array, prefixBytes: number, buf: Uint8Array, len: number): Buffer {
  const out = Buffer.allocUnsafe(32);
  finishInto(state, prefixBytes, buf, len, out, 0);
  return out;
}

let scratch = Buffer.allocUnsafe(1024);
function room(n: number): Buffer {
  if (scratch.length < n) scratch = Buffer.allocUnsafe(Math.max(n, 2 * scratch.length));
  return scratch;
}

/** SM3 of the concatenated parts (strings as UTF-8). */
export function sm3Js(...parts: (Uint8Array | string)[]): Buffer {
  return hashParts(IV, 0, parts);
}

function hashParts(state: Int32Array, prefixBytes: number, parts: readonly (Uint8Array | string)[]): Buffer {
  const { buf, len } = concatParts(parts);
  return finish(state, prefixBytes, buf, len);
}

/** The parts (strings as UTF-8) one after the other in the scratch buffer, with the padding's 72 bytes of room. */
function concatParts(parts: readonly (Uint8Array | string)[]): { buf: Buffer; len: number } {
  let need = 72;
  for (const p of parts) need += typeof p === 'string' ? 3 * p.length : p.length;
  const buf = room(need);
  let len = 0;
  for (const p of parts) {
    if (typeof p === 'string') len += buf.write(p, len, 'utf8');
    else {
      buf.set(p, len);
      len += p.length;
    }
  }
  return { buf, len };
}

/**
 * HMAC-SM3 (RFC 2104, 64-byte block) under one key, its inner and outer key blocks compressed once: a tag then
 * costs the message's blocks plus one outer block, and no OpenSSL object.
 */
export class HmacSm3Key {
  private readonly inner = new Int32Array(IV);
  private readonly outer = new Int32Array(IV);
  private readonly outerBlock = new Uint8Array(128); // the inner digest and the outer hash's padding

  constructor(key: Uint8Array) {
    const k = key.length > 64 ? sm3Js(key) : key;
    const pad = new Uint8Array(64);
    pad.fill(0x36).forEach((_, i) => (pad[i] ^= k[i] ?? 0));
    compress(this.inner, pad, 0);
    pad.fill(0x5c).forEach((_, i) => (pad[i] ^= k[i] ?? 0));
    compress(this.outer, pad, 0);
  }

  /** The tag of the concatenated parts (strings as UTF-8). */
  mac(...parts: (Uint8Array | string)[]): Buffer {
    const { buf, len } = concatParts(parts);
    const out = Buffer.allocUnsafe(32);
    this.macInto(buf, len, out, 0);
    return out;
  }

  /**
   * The tag of `msg[0…len)` written to `out[outOff…outOff+32)`, allocating nothing; `msg` needs `len + 72` bytes
   * of room (the padding is written there).
   */
  macInto(msg: Uint8Array, len: number, out: Uint8Array, outOff: number): void {
    finishInto(this.inner, 64, msg, len, this.outerBlock, 0);
    finishInto(this.outer, 64, this.outerBlock, 32, out, outOff);
  }
}
