/**
 * Bulk load of generated registry data (the synthetic city of @mwsp/synth, for the benchmarks): workers and
 * employers by COPY as the owning role (`Database.copyIn`: PostgreSQL and PGlite), with the ids the caller chose.
 * The columns are the stored ones (personal fields encrypted, indexed and masked by the registry service,
 * WorkerColumns).
 */
import { countyCodeOf } from '@mwsp/domain';
import { sql } from 'drizzle-orm';
import { all, type Database } from '../../db/client.js';
import { copyLine } from '../../db/copy.js';
import type { EmployerColumns } from './employers.repo.js';
import type { EmploymentColumns } from './employments.repo.js';
import type { InsuranceRow } from './insurance.repo.js';
import type { WorkerColumns } from './registry.repo.js';

/** Every table the city's bulk load COPYs into. */
export const CITY_COPY_TABLES: readonly string[] = [
  'workers',
  'worker_ids',
  'employers',
  'employments',
  'worker_insurance',
];

const WORKER_COPY_COLUMNS = `county_code, id, name, id_bidx, id_enc, id_masked, sex, birth_date, ethnicity, education,
  phone_enc,
  phone_bidx, phone_masked, hukou_region_code, residence_region_code, migrant_type, cross_province, skills,
  bank_card_enc, bank_card_masked, bank_name, bank_card_luhn_ok,
  emergency_enc, family_enc, accompanying_children_count, left_behind_kinds, created_at, updated_at`;
const EMPLOYER_COPY_COLUMNS =
  'id, credit_code, credit_code_valid, name, legal_rep, industry, size, region_code, address, contact_name, ' +
  'contact_phone_enc, contact_phone_masked, created_at, updated_at';

/**
 * COPYs workers (rows sealed as they come, possibly asynchronously) in chunks of `chunkRows` rows; `onChunk` after
 * each with the number written so far.
 */
export async function copyWorkers(
  db: Database,
  rows: Iterable<{ id: string; c: WorkerColumns }> | AsyncIterable<{ id: string; c: WorkerColumns }>,
  at: Date,
  opts: { chunkRows?: number; onChunk?: (written: number) => void } = {},
): Promise<number> {
  const ts = at.toISOString();
  const chunkRows = opts.chunkRows ?? 5000;
  let written = 0;
  // The national look-up of the ID numbers' blind indexes (worker_ids), written after the workers.
  const keys: string[] = [];
  async function* chunks(): AsyncGenerator<string> {
    let buf: string[] = [];
    for await (const { id, c } of rows) {
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

/** An employment of the bulk load with its worker's scope columns (the worker's residence; no owner). */
export interface SeedEmployment {
  id: string;
  c: EmploymentColumns;
  workerRegionCode: string;
}

/** COPYs employments (one statement per 5,000 rows), with the ids the caller chose. */
export async function copyEmployments(db: Database, rows: SeedEmployment[], at: Date): Promise<number> {
  const ts = at.toISOString();
  const chunks: string[] = [];
  for (let i = 0; i < rows.length; i += 5000)
    chunks.push(
      rows
        .slice(i, i + 5000)
        .map(({ id, c, workerRegionCode }) =>
          copyLine([
            id,
            c.workerId,
            c.employerId,
            c.startDate,
            c.endDate,
            c.position,
            c.occupationCode,
            c.wageFen,
            c.wageType,
            c.contractType,
            c.contractSigned,
            c.contractTermMonths,
            c.filingStatus,
            c.dispatch,
            c.status,
            workerRegionCode,
            countyCodeOf(workerRegionCode),
            null,
            null,
            ts,
            ts,
          ]),
        )
        .join(''),
    );
  await db.copyIn(
    'employments',
    'id, worker_id, employer_id, start_date, end_date, position, occupation_code, wage_fen, wage_type, ' +
      'contract_type, contract_signed, contract_term_months, filing_status, dispatch, status, ' +
      'worker_region_code, county_code, owner_id, owner_department_id, created_at, updated_at',
    chunks,
  );
  return rows.length;
}

/** COPYs insurance rows (社会保险参保), one per worker and type (a repeated type keeps its first row). */
export async function copyInsurance(
  db: Database,
  rows: { workerId: string; workerRegionCode: string; i: InsuranceRow }[],
  at: Date,
): Promise<number> {
  const ts = at.toISOString();
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const { workerId, workerRegionCode, i } of rows) {
    if (seen.has(`${workerId}:${i.type}`)) continue;
    seen.add(`${workerId}:${i.type}`);
    lines.push(
      copyLine([
        workerId,
        i.type,
        i.enrolled,
        i.since,
        i.placeRegionCode,
        workerRegionCode,
        countyCodeOf(workerRegionCode),
        null,
        null,
        ts,
      ]),
    );
  }
  const chunks: string[] = [];
  for (let k = 0; k < lines.length; k += 10000) chunks.push(lines.slice(k, k + 10000).join(''));
  await db.copyIn(
    'worker_insurance',
    'worker_id, type, enrolled, since, place_region_code, worker_region_code, county_code, owner_id, ' +
      'owner_department_id, updated_at',
    chunks,
  );
  return lines.length;
}

/** The residences of every worker in the table (the groups a recount after an interrupted bulk load covers). */
export async function workerResidences(db: Database): Promise<string[]> {
  const rows = await all<{ code: string }>(
    db.owner,
    sql`select distinct residence_region_code as code from workers order by 1`,
  );
  return rows.map((r) => r.code);
}
