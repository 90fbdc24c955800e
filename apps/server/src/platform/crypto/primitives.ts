import crypto from 'node:crypto';
import { promisify } from 'node:util';

// The only place that touches node:crypto for 国密 primitives (GB/T 32905 SM3, GB/T 32907 SM4).
const pbkdf2Async = promisify(crypto.pbkdf2);

export function sm3(data: Buffer | string): Buffer {
  return crypto.createHash('sm3').update(data).digest();
}

export function hmacSm3(key: Buffer, ...parts: (Buffer | string)[]): Buffer {
  const h = crypto.createHmac('sm3', key);
  for (const p of parts) h.update(p);
  return h.digest();
}

/** PBKDF2-HMAC-SM3; runs on the libuv thread pool so it never blocks the event loop. */
export function pbkdf2Sm3(password: string, salt: Buffer, iterations: number, length = 32): Promise<Buffer> {
  return pbkdf2Async(password.normalize('NFC'), salt, iterations, length, 'sm3');
}

export function sm4Ctr(key: Buffer, iv: Buffer, data: Buffer): Buffer {
  const c = crypto.createCipheriv('sm4-ctr', key, iv);
  return Buffer.concat([c.update(data), c.final()]);
}

/**
 * SM4-CTR under one key without a cipher object per value: the counter blocks (iv, iv+1, … as one 128-bit
 * big-endian counter, as OpenSSL's CTR mode counts) go through ONE long-lived SM4-ECB cipher and the keystream is
 * XORed here. OpenSSL 3 spends ~10 µs creating a cipher object, ten times the SM4 work of a field (issue #11).
 * ECB without padding is stateless between update() calls: block in, block out. Equal to sm4Ctr (kat.ts checks it).
 */
export class Sm4CtrKey {
  private readonly ecb: crypto.Cipher;
  private counters = Buffer.allocUnsafe(256);

  constructor(key: Buffer) {
    this.ecb = crypto.createCipheriv('sm4-ecb', key, null);
    this.ecb.setAutoPadding(false);
  }

  /** Encrypts or decrypts (the same in CTR mode) `data` with this 16-byte IV. */
  apply(iv: Uint8Array, data: Uint8Array): Buffer {
    const n = data.length;
    const blocks = Math.ceil(n / 16);
    if (blocks === 0) return Buffer.alloc(0);
    if (this.counters.length < blocks * 16) this.counters = Buffer.allocUnsafe(blocks * 32);
    const c = this.counters;
    c.set(iv, 0);
    for (let b = 1; b < blocks; b++) {
      const o = b * 16;
      c.copyWithin(o, o - 16, o);
      for (let i = o + 15; i >= o; i--) {
        c[i] = (c[i] + 1) & 0xff;
        if (c[i] !== 0) break; // carry into the next byte only on wrap-around
      }
    }
    const ks = this.ecb.update(c.subarray(0, blocks * 16));
    if (ks.length !== blocks * 16) throw new Error('SM4-ECB returned a short keystream');
    const out = Buffer.allocUnsafe(n);
    for (let i = 0; i < n; i++) out[i] = data[i] ^ ks[i];
    return out;
  }

  /**
   * `apply` of many values in one SM4-ECB call: value i is `data[ends[i-1]…ends[i])` (ends[-1] = 0) under `ivs[i]`;
   * the result has the same layout. One update() per batch instead of one per value: the call and its keystream
   * buffer cost ~3 µs, more than a short field's SM4 blocks (issue #11). Equal to `apply` per value (kat.ts).
   */
  applyAll(ivs: readonly Uint8Array[], data: Uint8Array, ends: readonly number[]): Buffer {
    let blocks = 0;
    for (let v = 0, start = 0; v < ends.length; start = ends[v++]) blocks += Math.ceil((ends[v] - start) / 16);
    if (blocks === 0) return Buffer.alloc(0);
    if (this.counters.length < blocks * 16) this.counters = Buffer.allocUnsafe(blocks * 32);
    const c = this.counters;
    // The counter blocks of every value, value after value; ksOff[v] = where value v's keystream starts.
    const ksOff: number[] = new Array(ends.length);
    let o = 0;
    for (let v = 0, start = 0; v < ends.length; start = ends[v++]) {
      ksOff[v] = o;
      const n = Math.ceil((ends[v] - start) / 16);
      if (n === 0) continue;
      c.set(ivs[v], o);
      for (let b = 1; b < n; b++) {
        const q = o + b * 16;
        c.copyWithin(q, q - 16, q);
        for (let i = q + 15; i >= q; i--) {
          c[i] = (c[i] + 1) & 0xff;
          if (c[i] !== 0) break;
        }
      }
      o += n * 16;
    }
    const ks = this.ecb.update(c.subarray(0, blocks * 16));
    if (ks.length !== blocks * 16) throw new Error('SM4-ECB returned a short keystream');
    const total = ends.length ? ends[ends.length - 1] : 0;
    const out = Buffer.allocUnsafe(total);
    for (let v = 0, start = 0; v < ends.length; start = ends[v++]) {
      const shift = ksOff[v] - start;
      for (let i = start; i < ends[v]; i++) out[i] = data[i] ^ ks[i + shift];
    }
    return out;
  }
}

export function sm4EcbBlock(key: Buffer, block: Buffer): Buffer {
  const c = crypto.createCipheriv('sm4-ecb', key, null);
  c.setAutoPadding(false);
  return Buffer.concat([c.update(block), c.final()]);
}

export function randomBytes(n: number): Buffer {
  return crypto.randomBytes(n);
}

// IVs are taken from a pooled buffer: one randomFillSync of 16 KiB serves 1,024 encryptions, where a
// randomBytes(16) per value cost as much as the encryption itself (import profile, 2026-12).
const IV_POOL_BYTES = 16 * 1024;
let ivPool = Buffer.alloc(0);
let ivOffset = 0;

/** 16 random bytes for one IV (a view into a fresh pool buffer that is never reused or refilled). */
export function randomIv(): Buffer {
  if (ivOffset + 16 > ivPool.length) {
    ivPool = crypto.randomBytes(IV_POOL_BYTES);
    ivOffset = 0;
  }
  const iv = ivPool.subarray(ivOffset, ivOffset + 16);
  ivOffset += 16;
  return iv;
}

export function timingSafeEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

/** Key derivation: HKDF with SM3 (RFC 5869 construction over HMAC-SM3). */
export function deriveKey(master: Buffer, label: string, length: number): Buffer {
  return Buffer.from(crypto.hkdfSync('sm3', master, Buffer.alloc(0), label, length));
}

export function randomUuid(): string {
  return crypto.randomUUID();
}
