import { afterAll, describe, expect, it } from 'vitest';
import { FieldCipher, KeyRing, randomBytes } from '../../platform/crypto/index.js';
import { CTX } from './registry.common.js';
import { checkWorker, type WorkerInput, type WorkerRecord } from './worker.rules.js';
import { checkAndSeal, checkAndSealMany, sealWorker, sealWorkers } from './workerSeal.js';
import { bundledEntry, SealPool } from './workerSeal.pool.js';
import { testIdNumber } from '../../test/id-number.js';

const cipher = new FieldCipher(new KeyRing(randomBytes(32).toString('base64')));
const today = new Date('2026-12-06T00:00:00Z');
const ctxOf = { phoneEnc: 'phone', bankCardEnc: 'bank', emergencyEnc: 'emergency', familyEnc: 'family' } as const;

function input(i: number): WorkerInput {
  const ok = i % 7 !== 3;
  return {
    name: ok ? `张${String.fromCharCode(0x4e00 + (i % 500))}` : '张3', // digits in a name: refused
    idNumber: '11010519491231002X',
    ethnicity: '01',
    education: '20',
    phone: i % 2 ? `1380013${String(8000 + (i % 1000)).padStart(4, '0')}` : null,
    hukouRegionCode: '110105',
    residenceRegionCode: '530102001',
    skills: [],
    bankCard: i % 3 ? '6222020200112233445' : null,
    bankName: null,
    emergencyContact: i % 5 ? { name: '李四', relation: '01', phone: '13900139000' } : null,
  };
}

describe('sealing in worker threads', () => {
  const pool = new SealPool(cipher, 2, (msg, err) => {
    throw new Error(`${msg}: ${String(err)}`);
  });
  afterAll(() => pool.close());

  it('runs the threads from a self-contained bundle (no TypeScript loader in the thread)', async () => {
    const entry = await bundledEntry();
    expect(entry?.protocol).toBe('data:');
    const code = Buffer.from(entry!.href.slice(entry!.href.indexOf(',') + 1), 'base64').toString('utf8');
    expect(code).not.toMatch(/from ["'](?!node:)/); // every import is a Node built-in
    expect(code.length).toBeLessThan(200_000);
  });

  it('gives what checkAndSeal gives on the event loop: same errors, blind indexes, decryptable values', async () => {
    const inputs = Array.from({ length: 300 }, (_, i) => input(i));
    const threaded = await pool.seal(inputs, today);
    expect(threaded).toHaveLength(inputs.length);
    for (const [i, s] of threaded.entries()) {
      const inline = checkAndSeal(cipher, inputs[i], today);
      expect(s.ok).toBe(inline.ok);
      if (!s.ok || !inline.ok) {
        expect(s).toEqual(inline);
        continue;
      }
      expect(s.record).toEqual(inline.record);
      expect(s.warnings).toEqual(inline.warnings);
      expect(s.cols.idBidx).toBe(inline.cols.idBidx);
      expect(s.cols.phoneBidx).toBe(inline.cols.phoneBidx);
      expect(s.cols.idMasked).toBe(inline.cols.idMasked);
      expect(cipher.decrypt(s.cols.idEnc, CTX.id)).toBe(s.record.idNumber);
      if (s.record.phone) expect(cipher.decrypt(s.cols.phoneEnc!, CTX.phone)).toBe(s.record.phone);
      if (s.record.bankCard) expect(cipher.decrypt(s.cols.bankCardEnc!, CTX.bank)).toBe(s.record.bankCard);
      if (s.record.emergencyContact)
        expect(JSON.parse(cipher.decrypt(s.cols.emergencyEnc!, CTX.emergency))).toEqual(s.record.emergencyContact);
    }
  }, 60_000); // the threads load the TypeScript sources first (seconds on a busy machine)

  it('seals records already checked (by the import parse stage) as sealWorker does inline', async () => {
    const records: WorkerRecord[] = [];
    for (let i = 0; i < 300; i++) {
      const c = checkWorker(input(i), today);
      if (c.ok) records.push(c.record);
    }
    const threaded = await pool.sealRecords(records, today);
    expect(threaded).toHaveLength(records.length);
    for (const [i, cols] of threaded.entries()) {
      const inline = sealWorker(cipher, records[i]);
      expect({ ...cols, idEnc: '', phoneEnc: '', bankCardEnc: '', emergencyEnc: '' }).toEqual({
        ...inline,
        idEnc: '',
        phoneEnc: '',
        bankCardEnc: '',
        emergencyEnc: '',
      });
      expect(cipher.decrypt(cols.idEnc, CTX.id)).toBe(records[i].idNumber);
      if (records[i].phone) expect(cipher.decrypt(cols.phoneEnc!, CTX.phone)).toBe(records[i].phone);
      if (records[i].bankCard) expect(cipher.decrypt(cols.bankCardEnc!, CTX.bank)).toBe(records[i].bankCard);
    }
  }, 60_000);

  it('sealWorkers (packed, one encryptMany per batch) gives each record what sealWorker gives', () => {
    const records: WorkerRecord[] = [];
    for (let i = 0; i < 200; i++) {
      const c = checkWorker(input(i), today);
      if (c.ok)
        records.push(
          i % 4 ? c.record : { ...c.record, leftBehind: [{ relation: 'child', name: '小明', birthYear: 2015 }] },
        );
    }
    const sealer = FieldCipher.forSealing(cipher.sealingKeys());
    const batch = sealWorkers(sealer, records);
    expect(batch).toHaveLength(records.length);
    const enc = ['idEnc', 'phoneEnc', 'bankCardEnc', 'emergencyEnc', 'familyEnc'] as const;
    for (const [i, cols] of batch.entries()) {
      const one = sealWorker(sealer, records[i]);
      const blank = (c: typeof cols) => ({ ...c, ...Object.fromEntries(enc.map((k) => [k, c[k] === null])) });
      expect(blank(cols)).toEqual(blank(one)); // plain columns, masks, blind indexes; which ciphertexts exist
      expect(cipher.decrypt(cols.idEnc, CTX.id)).toBe(records[i].idNumber);
      for (const k of Object.keys(ctxOf) as (keyof typeof ctxOf)[])
        if (cols[k]) expect(cipher.decrypt(cols[k], CTX[ctxOf[k]])).toBe(cipher.decrypt(one[k]!, CTX[ctxOf[k]]));
    }
    expect(sealWorkers(sealer, [])).toEqual([]);
  });

  it('checkAndSealMany (rules per input, the valid ones sealed together) gives what checkAndSeal gives', () => {
    // Distinct ID numbers and phones, so a result paired with another input's record shows.
    const inputs = Array.from({ length: 40 }, (_, i) => ({
      ...input(i),
      idNumber: testIdNumber('110105', `194912${String(10 + (i % 20))}`, String(100 + i).slice(-3)),
      phone: `1390000${String(1000 + i)}`,
    }));
    const many = checkAndSealMany(cipher, inputs, today);
    expect(many).toHaveLength(inputs.length);
    expect(many.filter((s) => !s.ok).length).toBeGreaterThan(0); // some fail the rules between valid ones
    for (const [i, s] of many.entries()) {
      const one = checkAndSeal(cipher, inputs[i], today);
      if (!s.ok || !one.ok) {
        expect(s).toEqual(one);
        continue;
      }
      expect(s.record).toEqual(one.record);
      expect(s.cols.idBidx).toBe(one.cols.idBidx);
      expect(s.cols.phoneBidx).toBe(one.cols.phoneBidx);
      expect(cipher.decrypt(s.cols.idEnc, CTX.id)).toBe(inputs[i].idNumber);
      expect(cipher.decrypt(s.cols.phoneEnc!, CTX.phone)).toBe(inputs[i].phone);
    }
  });

  it('a sealing-only cipher cannot decrypt with another key id, and IVs never repeat', () => {
    const sealer = FieldCipher.forSealing(cipher.sealingKeys());
    const a = sealer.encrypt('13800138000', CTX.phone);
    expect(cipher.decrypt(a, CTX.phone)).toBe('13800138000');
    const ivs = new Set(Array.from({ length: 3000 }, () => sealer.encrypt('x', CTX.phone).split('.')[2].slice(0, 22)));
    expect(ivs.size).toBe(3000);
  });
});
