import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FieldCipher,
  hmacSm3,
  IntegrityError,
  KeyRing,
  randomIv,
  runKnownAnswerTests,
  sm3,
  sm4Ctr,
  Sm4CtrKey,
  sm4EcbBlock,
} from './index.js';
import { HmacSm3Key, sm3Js } from './sm3.js';

const K1 = Buffer.alloc(32, 1).toString('base64');
const K2 = Buffer.alloc(32, 2).toString('base64');

describe('国密 primitives', () => {
  it('pass the GB/T 32905 / 32907 known-answer tests', () => {
    expect(() => runKnownAnswerTests()).not.toThrow();
    expect(sm3('abc').toString('hex')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    const k = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');
    expect(sm4EcbBlock(k, k).toString('hex')).toBe('681edf34d206965e86b3e94f536e4246');
  });
});

describe('field encryption (SM4-CTR + HMAC-SM3)', () => {
  const cipher = new FieldCipher(new KeyRing(K1));

  it('round-trips any text, including characters outside the BMP', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 60 }),
        (s) => cipher.decrypt(cipher.encrypt(s, 'users.phone'), 'users.phone') === s,
      ),
    );
    expect(cipher.decrypt(cipher.encrypt('𠈌·阿依古丽', 't.c'), 't.c')).toBe('𠈌·阿依古丽');
  });

  it('uses a fresh IV: the same value encrypts differently; the blind index stays equal', () => {
    expect(cipher.encrypt('13812341234', 'users.phone')).not.toBe(cipher.encrypt('13812341234', 'users.phone'));
    expect(cipher.blindIndex('13812341234', 'users.phone')).toBe(cipher.blindIndex('13812341234', 'users.phone'));
    expect(cipher.blindIndex('13812341234', 'users.phone')).not.toBe(cipher.blindIndex('13812341234', 'workers.phone'));
  });

  it('detects any flipped byte and a ciphertext moved to another column', () => {
    const ct = cipher.encrypt('11010519491231002X', 'workers.id_number');
    const raw = Buffer.from(ct.split('.')[2], 'base64url');
    for (const i of [0, 16, raw.length - 1]) {
      const bad = Buffer.from(raw);
      bad[i] ^= 1;
      expect(() => cipher.decrypt(`v1.k1.${bad.toString('base64url')}`, 'workers.id_number')).toThrow(IntegrityError);
    }
    expect(() => cipher.decrypt(ct, 'users.phone')).toThrow(IntegrityError);
    expect(() => cipher.decrypt('garbage', 'users.phone')).toThrow(IntegrityError);
  });

  it('rotates keys: new data under the new key, old data still readable, blind indexes unchanged', () => {
    const old = cipher.encrypt('13812341234', 'users.phone');
    const rotated = new FieldCipher(new KeyRing(`k2:${K2},k1:${K1}`));
    expect(rotated.decrypt(old, 'users.phone')).toBe('13812341234');
    expect(rotated.encrypt('x', 'c').startsWith('v1.k2.')).toBe(true);
    expect(rotated.blindIndex('13812341234', 'users.phone')).toBe(cipher.blindIndex('13812341234', 'users.phone'));
  });

  it('refuses short master keys', () => {
    expect(() => new KeyRing(Buffer.alloc(16).toString('base64'))).toThrow(/32/);
  });
});

describe('field cipher fast paths (one ECB cipher per key, JavaScript SM3) equal the per-value OpenSSL objects', () => {
  it('SM4-CTR over random keys, IVs (counter carries) and lengths', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        fc.uint8Array({ maxLength: 300, size: 'max' }), // default sizes stay under one block
        fc.boolean(),
        (key, iv, data, carry) => {
          const k = Buffer.from(key),
            v = Buffer.from(iv),
            d = Buffer.from(data);
          if (carry) v.fill(0xff, 8 + (v[0] & 7)); // low bytes all ones: the counter carries early
          const fast = new Sm4CtrKey(k);
          expect(fast.apply(v, d).toString('hex')).toBe(sm4Ctr(k, v, d).toString('hex'));
          expect(fast.apply(v, d).toString('hex')).toBe(sm4Ctr(k, v, d).toString('hex')); // reused
        },
      ),
      { numRuns: 300 },
    );
  });

  it('HMAC-SM3 and SM3 over random keys and parts', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 100, size: 'max' }),
        fc.array(
          fc.oneof(
            fc.string({ unit: 'grapheme', maxLength: 80, size: 'max' }),
            fc.uint8Array({ maxLength: 200, size: 'max' }),
          ),
          {
            maxLength: 6,
          },
        ),
        (key, raw) => {
          const parts = raw.map((p) => (typeof p === 'string' ? p : Buffer.from(p)));
          const k = Buffer.from(key);
          expect(new HmacSm3Key(k).mac(...parts).toString('hex')).toBe(hmacSm3(k, ...parts).toString('hex'));
          expect(sm3Js(...parts).toString('hex')).toBe(
            sm3(Buffer.concat(parts.map((p) => Buffer.from(p)))).toString('hex'),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('encryptMany (one ECB call per batch) gives per value what the OpenSSL per-value path gives', () => {
    const ring = new KeyRing(K1);
    const cipher = new FieldCipher(ring);
    const sealer = FieldCipher.forSealing(cipher.sealingKeys());
    const enc = ring.subkey('field-enc', 16, ring.currentId),
      mac = ring.subkey('field-mac', 32, ring.currentId);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.string({ unit: 'grapheme', maxLength: 120, size: 'max' }), fc.string({ maxLength: 30 })), {
          maxLength: 40,
        }),
        (values) => {
          const tokens = sealer.encryptMany(
            values.map(([v]) => v),
            values.map(([, c]) => c),
          );
          expect(tokens).toHaveLength(values.length);
          for (const [i, [s, ctx]] of values.entries()) {
            const raw = Buffer.from(tokens[i].split('.')[2], 'base64url');
            const iv = raw.subarray(0, 16),
              ct = raw.subarray(16, raw.length - 32),
              tag = raw.subarray(raw.length - 32);
            expect(ct.toString('hex')).toBe(sm4Ctr(enc, iv, Buffer.from(s, 'utf8')).toString('hex'));
            expect(tag.toString('hex')).toBe(hmacSm3(mac, 'v1', ring.currentId, ctx, iv, ct).toString('hex'));
            expect(tokens[i]).toBe(cipher.encryptWithIv(s, ctx, iv));
            expect(cipher.decrypt(tokens[i], ctx)).toBe(s);
          }
          // Fresh IVs: no two values of a batch share one.
          expect(new Set(tokens.map((t) => t.split('.')[2].slice(0, 22))).size).toBe(tokens.length);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a field encrypted by the fast path decrypts by the per-value OpenSSL path and vice versa', () => {
    const ring = new KeyRing(K1);
    const cipher = new FieldCipher(ring);
    const enc = ring.subkey('field-enc', 16, ring.currentId),
      mac = ring.subkey('field-mac', 32, ring.currentId);
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 120, size: 'max' }),
        fc.string({ maxLength: 20 }),
        (s, ctx) => {
          const raw = Buffer.from(cipher.encrypt(s, ctx).split('.')[2], 'base64url');
          const iv = raw.subarray(0, 16),
            ct = raw.subarray(16, raw.length - 32),
            tag = raw.subarray(raw.length - 32);
          expect(tag.toString('hex')).toBe(hmacSm3(mac, 'v1', ring.currentId, ctx, iv, ct).toString('hex'));
          expect(sm4Ctr(enc, iv, ct).toString('utf8')).toBe(s);
          const iv2 = randomIv();
          const ct2 = sm4Ctr(enc, iv2, Buffer.from(s, 'utf8'));
          const tag2 = hmacSm3(mac, 'v1', ring.currentId, ctx, iv2, ct2);
          const tok = `v1.${ring.currentId}.${Buffer.concat([iv2, ct2, tag2]).toString('base64url')}`;
          expect(cipher.decrypt(tok, ctx)).toBe(s);
          expect(cipher.blindIndex(s, ctx)).toBe(
            hmacSm3(ring.subkey('blind-index', 32, ring.oldestId), ctx, '\u0000', s).toString('hex'),
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});
