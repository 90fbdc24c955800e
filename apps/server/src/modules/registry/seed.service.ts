import { randomUUID } from 'node:crypto';
import { MIGRANT_TYPE_LABELS, maskPhone } from '@mwsp/domain';
import type { SynthEmployer, SynthRecord, SynthWorker } from '@mwsp/synth';
import { SYSTEM_SCOPE, type Database } from '../../db/client.js';
import type { Principal } from '../../platform/access/principal.js';
import type { FieldCipher } from '../../platform/crypto/index.js';
import type { EventLog } from '../../platform/events/events.js';
import type { EmployerColumns } from './employers.repo.js';
import { CTX } from './registry.common.js';
import type { RegistryService } from './registry.service.js';
import * as repo from './seed.repo.js';
import type { WorkerColumns } from './registry.repo.js';
import type { WorkerInput } from './worker.rules.js';
import { recountWorkerGroups } from './workerCounts.repo.js';

/** Generated workers sealed per batch by the bulk load (the COPY chunk's size). */
const SEAL_BATCH = 5000;

/** The registry's input form of a generated worker (what an import row carries). */
export function inputOf(r: SynthWorker): WorkerInput {
  return {
    name: r.name,
    idNumber: r.idNumber,
    ethnicity: r.ethnicity,
    education: r.education,
    phone: r.phone,
    hukouRegionCode: r.hukouRegionCode,
    residenceRegionCode: r.residenceRegionCode,
    skills: r.skills,
    bankCard: r.bankCard,
    bankName: r.bankName,
    emergencyContact: r.emergencyContact,
    accompanyingChildren: r.accompanyingChildren,
    leftBehind: r.leftBehind,
  };
}

/** A worker written by the bulk load, as the wage generator takes it (WageWorkerRef). */
export interface SeededWorker {
  id: string;
  name: string;
  idBidx: string;
  idMasked: string;
}

/** An employer written by the bulk load. */
export interface SeededEmployer {
  id: string;
  regionCode: string;
  industry: string;
}

/**
 * Bulk load of a generated city (@mwsp/synth's `generateCity`) into the registry by COPY as the owner
 * (`Database.copyIn`, PostgreSQL or PGlite): the benchmarks' million workers, with the registry's own encryption,
 * blind indexes and masks (`RegistryService.columnsOf`) but none of its per-row checks, events or audit. System use
 * only: no route reaches it. The ids come from the caller (`nextId`), so a seeded run is reproducible.
 */
export class RegistrySeedService {
  /** The tables `loadCity` COPYs into (the first start's bulk mode checks them empty: db/bulk-load.ts). */
  readonly bulkTables: readonly string[] = repo.CITY_COPY_TABLES;

  constructor(
    private readonly db: Database,
    private readonly cipher: FieldCipher,
    private readonly registry: RegistryService,
    private readonly events: EventLog,
  ) {}

  /**
   * The demo city of the first start: workers and employers by the bulk COPY (`bulkCopy`),
   * the workers' employments and insurance by COPY too, then, per batch of 1,000 workers in one transaction, the
   * timeline events of 一人一档 the per-row path writes (`worker.registered`, `employment.started`). No audit row
   * per generated record (the caller audits the load as one `demo.load`).
   */
  async loadCity(
    p: Principal,
    records: Iterable<SynthRecord>,
    opts: { at?: Date; onProgress?: (workers: number) => void } = {},
  ): Promise<{ workers: number; employers: number }> {
    const synthWorkers: SynthWorker[] = [];
    const synthEmployers: SynthEmployer[] = [];
    function* tee() {
      for (const r of records) {
        if (r.kind === 'worker') synthWorkers.push(r);
        else synthEmployers.push(r);
        yield r;
      }
    }
    const seeded = await this.bulkCopy(tee(), { nextId: randomUUID, at: opts.at });
    // bulkCopy returns workers and employers in the order it read them
    const employerOf = new Map(synthEmployers.map((e, i) => [e.key, { id: seeded.employers[i].id, name: e.name }]));
    const at = opts.at ?? new Date();
    const rows = synthWorkers.map((w, k) => ({
      w,
      id: seeded.workers[k].id,
      employmentId: randomUUID(),
      employer: employerOf.get(w.employment.employerKey)!,
    }));
    await repo.copyEmployments(
      this.db,
      rows.map(({ w, id, employmentId, employer }) => ({
        id: employmentId,
        c: { ...w.employment, workerId: id, employerId: employer.id },
        workerRegionCode: w.residenceRegionCode,
      })),
      at,
    );
    await repo.copyInsurance(
      this.db,
      rows.flatMap(({ w, id }) =>
        w.insurance.map(({ type, enrolled, since, placeRegionCode }) => ({
          workerId: id,
          workerRegionCode: w.residenceRegionCode,
          i: { type, enrolled, since, placeRegionCode },
        })),
      ),
      at,
    );
    // The timeline of 一人一档, as the per-row path writes it (registration, then the employment).
    let done = 0;
    for (let i = 0; i < rows.length; i += 1000) {
      const batch = rows.slice(i, i + 1000);
      await this.db.scoped(SYSTEM_SCOPE, async (tx) => {
        await this.events.emit(
          tx,
          p,
          batch.map(({ w, id }) => ({
            type: 'worker.registered',
            subjectType: 'worker',
            subjectId: id,
            regionCode: w.residenceRegionCode,
            summary: `实名登记（批量导入；${MIGRANT_TYPE_LABELS[w.migrantType]}${w.crossProvince ? '、跨省' : ''}）`,
            data: { residenceRegionCode: w.residenceRegionCode },
          })),
        );
        await this.events.emit(
          tx,
          p,
          batch.map(({ w, id, employmentId, employer }) => ({
            type: 'employment.started',
            subjectType: 'worker',
            subjectId: id,
            regionCode: w.residenceRegionCode,
            summary:
              `入职 ${employer.name}${w.employment.position ? '，岗位：' + w.employment.position : ''}；` +
              `劳动合同${w.employment.contractSigned ? '已签订' : '未签订'}`,
            data: { employmentId, employerId: employer.id },
          })),
        );
      });
      done += batch.length;
      opts.onProgress?.(done);
    }
    return { workers: synthWorkers.length, employers: synthEmployers.length };
  }

  /**
   * After a `loadCity` killed in the middle (kill -9 during the first start): what was written is kept, and the list
   * totals (worker_counts, written by the COPY's end only) are recounted from the workers there are.
   */
  async recountAfterInterruptedLoad(): Promise<void> {
    await recountWorkerGroups(this.db.owner, await repo.workerResidences(this.db));
  }

  /**
   * Workers and employers of a generated city by COPY. The workers are sealed (the registry's rules, encryption,
   * blind indexes, masks: `RegistryService.sealWorkers`, the import's worker-thread pool) one batch of
   * SEAL_BATCH ahead: the threads seal batch k+1 while PGlite, on this thread, COPYs batch k. A generated row the
   * registry's rules refuse (none is expected) is stored as generated (`columnsOf`), as before the pool.
   */
  async bulkCopy(
    records: Iterable<SynthRecord>,
    opts: {
      nextId: () => string;
      at?: Date;
      onProgress?: (workers: number) => void;
      /**
       * Filled as the load runs: milliseconds this thread waited for sealing (or sealed itself), and the
       * generated rows the registry's rules refused (stored as generated).
       */
      timing?: { sealMs: number; refused?: number };
    },
  ): Promise<{ workers: SeededWorker[]; employers: SeededEmployer[] }> {
    const at = opts.at ?? new Date();
    const workers: SeededWorker[] = [];
    const employers: SeededEmployer[] = [];
    const employerRows: { id: string; c: EmployerColumns }[] = [];
    const residences = new Set<string>();
    const registry = this.registry;
    const timing = opts.timing ?? { sealMs: 0 };
    const employerColumns = (e: SynthEmployer) => this.employerColumns(e);
    const seal = async (batch: { id: string; r: SynthWorker }[]) => {
      const sealed = await registry.sealWorkers(batch.map(({ r }) => inputOf(r)));
      return batch.map(({ id, r }, k) => {
        const s = sealed[k];
        if (s.ok) return { id, c: s.cols };
        timing.refused = (timing.refused ?? 0) + 1;
        return { id, c: registry.columnsOf(r) };
      });
    };
    async function* workerRows() {
      let batch: { id: string; r: SynthWorker }[] = [];
      let pending: Promise<{ id: string; c: WorkerColumns }[]> | null = null;
      async function* drain() {
        if (!pending) return;
        const t0 = performance.now();
        const rows = await pending;
        timing.sealMs += performance.now() - t0;
        pending = null;
        for (const row of rows) {
          workers.push({ id: row.id, name: row.c.name, idBidx: row.c.idBidx, idMasked: row.c.idMasked });
          residences.add(row.c.residenceRegionCode);
          yield row;
        }
      }
      for (const r of records) {
        const id = opts.nextId();
        if (r.kind === 'employer') {
          employers.push({ id, regionCode: r.regionCode, industry: r.industry });
          employerRows.push({ id, c: employerColumns(r) });
          continue;
        }
        batch.push({ id, r });
        if (batch.length >= SEAL_BATCH) {
          const next = seal(batch);
          next.catch(() => undefined); // awaited by the next drain; not an unhandled rejection meanwhile
          batch = [];
          yield* drain();
          pending = next;
        }
      }
      yield* drain();
      if (batch.length) {
        pending = seal(batch);
        yield* drain();
      }
    }
    await repo.copyWorkers(this.db, workerRows(), at, { onChunk: opts.onProgress });
    // COPY writes no counts: the groups of the loaded residences are recounted from the table.
    await recountWorkerGroups(this.db.owner, [...residences]);
    await repo.copyEmployers(this.db, employerRows, at);
    return { workers, employers };
  }

  /** The stored columns of a generated employer (its credit code's validity as generated: ~1% broken on purpose). */
  private employerColumns(e: SynthEmployer): EmployerColumns {
    return {
      creditCode: e.creditCode,
      creditCodeValid: e.creditCodeValid,
      name: e.name,
      legalRep: e.legalRep,
      industry: e.industry,
      size: e.size,
      regionCode: e.regionCode,
      address: e.address,
      contactName: e.contactName,
      contactPhoneEnc: this.cipher.encrypt(e.contactPhone, CTX.employerPhone),
      contactPhoneMasked: maskPhone(e.contactPhone),
    };
  }
}
