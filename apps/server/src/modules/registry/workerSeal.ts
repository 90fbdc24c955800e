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
  return {
    name: r.name,
    idBidx: cipher.blindIndex(r.idNumber, CTX.id),
    idEnc: cipher.encrypt(r.idNumber, CTX.id),
    idMasked: maskIdNumber(r.idNumber)!,
    sex: r.sex,
    birthDate: r.birthDate,
    ethnicity: r.ethnicity,
    education: r.education,
    phoneEnc: r.phone ? cipher.encrypt(r.phone, CTX.phone) : null,
    phoneBidx: r.phone ? cipher.blindIndex(r.phone, CTX.phone) : null,
    phoneMasked: r.phone ? maskPhone(r.phone) : null,
    hukouRegionCode: r.hukouRegionCode,
    residenceRegionCode: r.residenceRegionCode,
    migrantType: r.migrantType,
    crossProvince: r.crossProvince,
    skills: r.skills,
    bankCardEnc: r.bankCard ? cipher.encrypt(r.bankCard, CTX.bank) : null,
    bankCardMasked: r.bankCard ? maskBankCard(r.bankCard) : null,
    bankName: r.bankName,
    bankCardLuhnOk: r.bankCardLuhnOk,
    emergencyEnc: r.emergencyContact ? cipher.encrypt(JSON.stringify(r.emergencyContact), CTX.emergency) : null,
    familyEnc:
      r.accompanyingChildren.length || r.leftBehind.length
        ? cipher.encrypt(
            JSON.stringify({ accompanyingChildren: r.accompanyingChildren, leftBehind: r.leftBehind }),
            CTX.family,
          )
        : null,
    accompanyingChildrenCount: r.accompanyingChildren.length,
    leftBehindKinds: [...new Set(r.leftBehind.map((f) => f.relation))],
  };
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
