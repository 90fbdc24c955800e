import { hmacSm3, sm3, sm4Ctr, Sm4CtrKey, sm4EcbBlock } from './primitives.js';
import { HmacSm3Key, sm3Js } from './sm3.js';

/**
 * Known-answer tests of the 国密 primitives, run at every start-up and in the tests, so that a
 * runtime or OpenSSL change can never silently break the cryptography (GB/T 39786, GM-2).
 */
export function runKnownAnswerTests(): void {
  // GB/T 32905-2016 Appendix A.1: SM3("abc")
  expect('SM3', sm3('abc').toString('hex'), '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  // GB/T 32905-2016 Appendix A.2: SM3 of "abcd" repeated 16 times
  expect(
    'SM3-512bit',
    sm3('abcd'.repeat(16)).toString('hex'),
    'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732',
  );
  // GB/T 32907-2016 Appendix A.1: SM4 single block
  const k = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');
  expect('SM4', sm4EcbBlock(k, k).toString('hex'), '681edf34d206965e86b3e94f536e4246');
  // SM4-CTR must equal the keystream built by hand from the validated block cipher.
  const iv = Buffer.from('000102030405060708090a0b0c0d0eff', 'hex');
  const data = Buffer.from('国密SM4计数器模式自检-counter mode self test');
  const ctr = sm4Ctr(k, iv, data);
  const manual = Buffer.alloc(data.length);
  const counter = Buffer.from(iv);
  for (let off = 0; off < data.length; off += 16) {
    const ks = sm4EcbBlock(k, counter);
    for (let i = 0; i < 16 && off + i < data.length; i++) manual[off + i] = data[off + i] ^ ks[i];
    for (let i = 15; i >= 0; i--) {
      counter[i] = (counter[i] + 1) & 0xff;
      if (counter[i] !== 0) break; // carry into the next byte only on wrap-around
    }
  }
  expect('SM4-CTR', ctr.toString('hex'), manual.toString('hex'));
  // The field cipher's SM4-CTR (one long-lived ECB cipher, counters built here) must equal OpenSSL's CTR mode,
  // also across a carry through all 16 counter bytes.
  const allOnes = Buffer.alloc(16, 0xff);
  for (const v of [iv, allOnes])
    expect(
      'SM4-CTR (field cipher)',
      new Sm4CtrKey(k).apply(v, data).toString('hex'),
      sm4Ctr(k, v, data).toString('hex'),
    );
  // Many values in one ECB call (the import's encryptMany): each value's part equals OpenSSL's CTR under its IV.
  const parts = [data.subarray(0, 5), Buffer.alloc(0), data, data.subarray(3, 20)];
  const ivs = [iv, allOnes, allOnes, iv];
  const ends: number[] = [];
  for (const p of parts) ends.push((ends.at(-1) ?? 0) + p.length);
  expect(
    'SM4-CTR (field cipher, many values)',
    new Sm4CtrKey(k).applyAll(ivs, Buffer.concat(parts), ends).toString('hex'),
    Buffer.concat(parts.map((p, i) => sm4Ctr(k, ivs[i], p))).toString('hex'),
  );
  // The JavaScript SM3 (field tags and blind indexes) must give the standard's vectors and OpenSSL's digests,
  // and its HMAC OpenSSL's HMAC-SM3, at every padding boundary (55, 56, 64 bytes…) and beyond one block.
  expect('SM3 (JS)', sm3Js('abc').toString('hex'), sm3('abc').toString('hex'));
  expect('SM3-512bit (JS)', sm3Js('abcd'.repeat(16)).toString('hex'), sm3('abcd'.repeat(16)).toString('hex'));
  const jsMac = new HmacSm3Key(Buffer.from('mwsp-kat-key'));
  for (const n of [0, 1, 55, 56, 63, 64, 65, 119, 120, 128, 200]) {
    const m = Buffer.alloc(n, n & 0xff);
    expect('SM3 (JS, lengths)', sm3Js(m).toString('hex'), sm3(m).toString('hex'));
    expect(
      'HMAC-SM3 (JS)',
      jsMac.mac('v1', m, '国密').toString('hex'),
      hmacSm3(Buffer.from('mwsp-kat-key'), 'v1', m, '国密').toString('hex'),
    );
  }
  // HMAC-SM3 must follow RFC 2104 over SM3 (64-byte block).
  const key = Buffer.from('mwsp-kat-key');
  const ipad = Buffer.alloc(64, 0x36),
    opad = Buffer.alloc(64, 0x5c);
  for (let i = 0; i < key.length; i++) {
    ipad[i] ^= key[i];
    opad[i] ^= key[i];
  }
  const manualMac = sm3(Buffer.concat([opad, sm3(Buffer.concat([ipad, Buffer.from('abc')]))]));
  expect('HMAC-SM3', hmacSm3(key, 'abc').toString('hex'), manualMac.toString('hex'));
}

function expect(name: string, actual: string, expected: string): void {
  if (actual !== expected) {
    throw new Error(`密码算法自检失败 / known-answer test failed: ${name}`);
  }
}
