/**
 * Bulk load of generated registry data (the synthetic city of @mwsp/synth, for the benchmarks): workers and
 * employers by COPY as the owning role (`Database.copyIn`: PostgreSQL and PGlite), with the ids the caller chose.
 * The columns are the stored ones (personal fields encrypted, indexed and masked by the registry service,
 * WorkerColumns).
 */
import { countyCodeOf } from '@mwsp/domain';
import type { Database } from '../../db/client.js';
import { copyLine } from '../../db/copy.js';
import type { EmployerColumns } from './employers.repo.js';
import type { WorkerColumns } from './registry.repo.js';

const WORKER_COPY_COLUMNS = `county_code, id, name, id_bidx, id_enc, id_masked, sex, birth_date, ethnicity, education,
  phone_enc,
  phone_bidx, phone_masked, hukou_region_code, residence_region_code, migrant_type, cross_province, skills,
  bank_card_enc, bank_card_masked, bank_name, bank_card_luhn_ok,
  emergency_enc, family_enc, accompanying_children_count, left_behind_kinds, created_at, updated_at`;
const EMPLOYER_COPY_COLUMNS =
  'id, credit_code, credit_code_valid, name, legal_rep, industry, size, region_code, address, contact_name, ' +
  'contact_phone_enc, contact_phone_masked, created_at, updated_at';

/** COPYs workers in chunks of `chunkRows` rows; `onChunk` after each with the number written so far. */
export async function copyWorkers(
  db: Database,
  rows: Iterable<{ id: string; c: WorkerColumns }>,
  at: Date,
  opts: { chunkRows?: number; onChunk?: (written: number) => void } = {},
): Promise<number> {
  const ts = at.toISOString();
  const chunkRows = opts.chunkRows ?? 5000;
  let written = 0;
  // The national look-up of the ID numbers' blind indexes (worker_ids), written after the workers.
  const keys: string[] = [];
  function* chunks(): Generator<string> {
    let buf: string[] = [];
    for (const { id, c } of rows) {
      const county = countyCodeOf(c.residenceRegionCode);
      keys.push(copyLine([c.idBidx, county, c.residenceRegionCode, id]));
      buf.push(
        copyLine([
          county,
          id,
          c.name,
          c.idBidx,
          c.idEnc,
          c.idMasked,
          c.sex,
          c.birthDate,
          c.ethnicity,
          c.education,
          c.phoneEnc,
          c.phoneBidx,
          c.phoneMasked,
          c.hukouRegionCode,
          c.residenceRegionCode,
          c.migrantType,
          c.crossProvince,
          JSON.stringify(c.skills),
          c.bankCardEnc,
          c.bankCardMasked,
          c.bankName,
          c.bankCardLuhnOk,
          c.emergencyEnc,
          c.familyEnc,
          c.accompanyingChildrenCount,
          `{${c.leftBehindKinds.join(',')}}`,
          ts,
          ts,
        ]),
      );
      if (buf.length >= chunkRows) {
        written += buf.length;
        yield buf.join('');
        buf = [];
        opts.onChunk?.(written);
      }
    }
    if (buf.length) {
      written += buf.length;
      yield buf.join('');
    }
  }
  await db.copyIn('workers', WORKER_COPY_COLUMNS, chunks());
  for (let i = 0; i < keys.length; i += chunkRows)
    await db.copyIn('worker_ids', 'id_bidx, county_code, region_code, worker_id', [
      keys.slice(i, i + chunkRows).join(''),
    ]);
  return written;
}

/** COPYs employers (one statement). */
export async function copyEmployers(
  db: Database,
  rows: Iterable<{ id: string; c: EmployerColumns }>,
  at: Date,
): Promise<number> {
  const ts = at.toISOString();
  const lines: string[] = [];
  for (const { id, c } of rows) {
    lines.push(
      copyLine([
        id,
        c.creditCode,
        c.creditCodeValid,
        c.name,
        c.legalRep,
        c.industry,
        c.size,
        c.regionCode,
        c.address,
        c.contactName,
        c.contactPhoneEnc,
        c.contactPhoneMasked,
        ts,
        ts,
      ]),
    );
  }
  await db.copyIn('employers', EMPLOYER_COPY_COLUMNS, [lines.join('')]);
  return lines.length;
}
