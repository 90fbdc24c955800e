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
import { recountWorkerGroups } from './workerCounts.repo.js';

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

  async bulkCopy(
    records: Iterable<SynthRecord>,
    opts: {
      nextId: () => string;
      at?: Date;
      onProgress?: (workers: number) => void;
      /** Filled as the load runs: milliseconds spent sealing the rows (encryption, blind indexes, masks). */
      timing?: { sealMs: number };
    },
  ): Promise<{ workers: SeededWorker[]; employers: SeededEmployer[] }> {
    const at = opts.at ?? new Date();
    const workers: SeededWorker[] = [];
    const employers: SeededEmployer[] = [];
    const employerRows: { id: string; c: EmployerColumns }[] = [];
    const residences = new Set<string>();
    const registry = this.registry;
    const employerColumns = (e: SynthEmployer) => this.employerColumns(e);
    function* workerRows() {
      for (const r of records) {
        const id = opts.nextId();
        if (r.kind === 'employer') {
          employers.push({ id, regionCode: r.regionCode, industry: r.industry });
          employerRows.push({ id, c: employerColumns(r) });
          continue;
        }
        const t0 = opts.timing ? performance.now() : 0;
        const c = registry.columnsOf(r);
        if (opts.timing) opts.timing.sealMs += performance.now() - t0;
        workers.push({ id, name: c.name, idBidx: c.idBidx, idMasked: c.idMasked });
        residences.add(c.residenceRegionCode);
        yield { id, c };
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
