import { maskPhone } from '@mwsp/domain';
import type { SynthEmployer, SynthRecord } from '@mwsp/synth';
import type { Database } from '../../db/client.js';
import type { FieldCipher } from '../../platform/crypto/index.js';
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
  ) {}

  async bulkCopy(
    records: Iterable<SynthRecord>,
    opts: { nextId: () => string; at?: Date; onProgress?: (workers: number) => void },
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
        const c = registry.columnsOf(r);
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
