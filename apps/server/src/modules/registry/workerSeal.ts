import { maskBankCard, maskIdNumber, maskPhone } from '@mwsp/domain';
import type { FieldCipher } from '../../platform/crypto/index.js';
import { CTX } from './registry.common.js';
import type { WorkerColumns } from './registry.repo.js';
import { checkWorker, type FieldErrors, type WorkerInput, type WorkerRecord } from './worker.rules.js';

/**
 * A worker's stored columns: personal fields SM4-encrypted, blind indexes for the ID number and phone,
 * masked copies for lists. Pure (no database): runs on the event loop or in a worker thread
 * (workerSeal.pool.ts), with the same cipher keys.
 */
export function sealWorker(cipher: Pick<FieldCipher, 'encrypt' | 'blindIndex'>, r: WorkerRecord): WorkerColumns {
  return columnsOf(r, {
    idBidx: cipher.blindIndex(r.idNumber, CTX.id),
    idEnc: cipher.encrypt(r.idNumber, CTX.id),
    phoneEnc: r.phone ? cipher.encrypt(r.phone, CTX.phone) : null,
    phoneBidx: r.phone ? cipher.blindIndex(r.phone, CTX.phone) : null,
    bankCardEnc: r.bankCard ? cipher.encrypt(r.bankCard, CTX.bank) : null,
    emergencyEnc: r.emergencyContact ? cipher.encrypt(JSON.stringify(r.emergencyContact), CTX.emergency) : null,
    familyEnc:
      r.accompanyingChildren.length || r.leftBehind.length
        ? cipher.encrypt(
            JSON.stringify({ accompanyingChildren: r.accompanyingChildren, leftBehind: r.leftBehind }),
            CTX.family,
          )
        : null,
  });
}

type SealedColumns = Pick<
  WorkerColumns,
  'idBidx' | 'idEnc' | 'phoneEnc' | 'phoneBidx' | 'bankCardEnc' | 'emergencyEnc' | 'familyEnc'
>;

/** A record's stored columns around its sealed ones (the masks and plain columns). */
function columnsOf(r: WorkerRecord, s: SealedColumns): WorkerColumns {
  return {
    name: r.name,
    idBidx: s.idBidx,
    idEnc: s.idEnc,
    idMasked: maskIdNumber(r.idNumber)!,
    sex: r.sex,
    birthDate: r.birthDate,
    ethnicity: r.ethnicity,
    education: r.education,
    phoneEnc: s.phoneEnc,
    phoneBidx: s.phoneBidx,
    phoneMasked: r.phone ? maskPhone(r.phone) : null,
    hukouRegionCode: r.hukouRegionCode,
    residenceRegionCode: r.residenceRegionCode,
    migrantType: r.migrantType,
    crossProvince: r.crossProvince,
    skills: r.skills,
    bankCardEnc: s.bankCardEnc,
    bankCardMasked: r.bankCard ? maskBankCard(r.bankCard) : null,
    bankName: r.bankName,
    bankCardLuhnOk: r.bankCardLuhnOk,
    emergencyEnc: s.emergencyEnc,
    familyEnc: s.familyEnc,
    accompanyingChildrenCount: r.accompanyingChildren.length,
    leftBehindKinds: [...new Set(r.leftBehind.map((f) => f.relation))],
  };
}

// Separates the fields of packSealInputs / sealPacked. Never inside a value: the ID number, phone and bank card are
// checked digits (worker.rules.ts), JSON escapes every control character, tokens are base64url and hex.
const US = '\u001f';
const IN_FIELDS = 5;
const OUT_FIELDS = 7;

/**
 * What sealing needs of each record (ID number, phone, bank card, emergency contact and family as JSON), as ONE
 * string: a flat string crosses to a sealing thread as one copy, where record objects cost ~10 µs each to
 * structured-clone there and their sealed columns ~7 µs each back, on the event loop's CPU and heap (issue #11).
 */
export function packSealInputs(rs: readonly WorkerRecord[]): string {
  const parts: string[] = [];
  for (const r of rs) {
    for (const v of [r.idNumber, r.phone ?? '', r.bankCard ?? ''])
      if (v.includes(US)) throw new Error('a sealed field holds a control character');
    parts.push(
      r.idNumber,
      r.phone ?? '',
      r.bankCard ?? '',
      r.emergencyContact ? JSON.stringify(r.emergencyContact) : '',
      r.accompanyingChildren.length || r.leftBehind.length
        ? JSON.stringify({ accompanyingChildren: r.accompanyingChildren, leftBehind: r.leftBehind })
        : '',
    );
  }
  return parts.join(US);
}

/**
 * Seals packSealInputs' string (a sealing thread's work): per record its ID blind index and ciphertext, the phone's
 * ciphertext and blind index, the bank card's, emergency contact's and family's ciphertexts ('' for none), packed
 * the same way. All the batch's ciphertexts in one encryptMany call.
 */
export function sealPacked(cipher: Pick<FieldCipher, 'encryptMany' | 'blindIndex'>, packed: string): string {
  if (packed === '') return '';
  const f = packed.split(US);
  if (f.length % IN_FIELDS !== 0) throw new Error('packed seal inputs of the wrong shape');
  const n = f.length / IN_FIELDS;
  const plains: string[] = [];
  const contexts: string[] = [];
  const ctxOf = [CTX.id, CTX.phone, CTX.bank, CTX.emergency, CTX.family];
  for (let i = 0; i < f.length; i++)
    if (f[i] !== '') {
      plains.push(f[i]);
      contexts.push(ctxOf[i % IN_FIELDS]);
    }
  const enc = cipher.encryptMany(plains, contexts);
  const out: string[] = new Array(n * OUT_FIELDS);
  let k = 0;
  for (let r = 0; r < n; r++) {
    const i = r * IN_FIELDS;
    const id = f[i],
      phone = f[i + 1],
      bank = f[i + 2],
      emergency = f[i + 3],
      family = f[i + 4];
    const o = r * OUT_FIELDS;
    out[o] = cipher.blindIndex(id, CTX.id);
    out[o + 1] = enc[k++];
    out[o + 2] = phone ? enc[k++] : '';
    out[o + 3] = phone ? cipher.blindIndex(phone, CTX.phone) : '';
    out[o + 4] = bank ? enc[k++] : '';
    out[o + 5] = emergency ? enc[k++] : '';
    out[o + 6] = family ? enc[k++] : '';
  }
  return out.join(US);
}

/** The records' columns from sealPacked's answer for packSealInputs(rs): what sealWorker gives each record. */
export function unpackSealed(rs: readonly WorkerRecord[], sealed: string): WorkerColumns[] {
  if (rs.length === 0) return [];
  const f = sealed.split(US);
  if (f.length !== rs.length * OUT_FIELDS) throw new Error('sealed columns of the wrong shape');
  return rs.map((r, i) => {
    const o = i * OUT_FIELDS;
    return columnsOf(r, {
      idBidx: f[o],
      idEnc: f[o + 1],
      phoneEnc: f[o + 2] || null,
      phoneBidx: f[o + 3] || null,
      bankCardEnc: f[o + 4] || null,
      emergencyEnc: f[o + 5] || null,
      familyEnc: f[o + 6] || null,
    });
  });
}

/** sealWorker of many records, their ciphertexts in one encryptMany call (the path the sealing threads take). */
export function sealWorkers(cipher: Pick<FieldCipher, 'encryptMany' | 'blindIndex'>, rs: readonly WorkerRecord[]) {
  return unpackSealed(rs, sealPacked(cipher, packSealInputs(rs)));
}

/** One input checked by the registry's rules (worker.rules.ts) and, when valid, sealed. */
export type SealedWorker =
  { ok: true; record: WorkerRecord; warnings: string[]; cols: WorkerColumns } | { ok: false; errors: FieldErrors };

export function checkAndSeal(
  cipher: Pick<FieldCipher, 'encrypt' | 'blindIndex'>,
  input: WorkerInput,
  today: Date,
): SealedWorker {
  const c = checkWorker(input, today);
  return c.ok ? { ok: true, record: c.record, warnings: c.warnings, cols: sealWorker(cipher, c.record) } : c;
}

/**
 * checkAndSeal of many inputs: the rules per input, then the valid records sealed together (sealWorkers: their
 * ciphertexts in one encryptMany call) — what a sealing thread does with a batch of inputs.
 */
export function checkAndSealMany(
  cipher: Pick<FieldCipher, 'encryptMany' | 'blindIndex'>,
  inputs: readonly WorkerInput[],
  today: Date,
): SealedWorker[] {
  const checked = inputs.map((input) => checkWorker(input, today));
  const cols = sealWorkers(
    cipher,
    checked.flatMap((c) => (c.ok ? [c.record] : [])),
  );
  let k = 0;
  return checked.map((c) => (c.ok ? { ok: true, record: c.record, warnings: c.warnings, cols: cols[k++] } : c));
}
