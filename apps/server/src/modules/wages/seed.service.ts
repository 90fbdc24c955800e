import { maskBankCard, maskPhone } from '@mwsp/domain';
import type { ExpectedWarning, WageDataset, WageInjection, WageProjectData } from '@mwsp/synth';
import type { Database, Executor } from '../../db/client.js';
import type { FieldCipher } from '../../platform/crypto/index.js';
import { CTX } from './projects.service.js';
import * as repo from './seed.repo.js';

export interface WageSeedStats {
  /** Rows written per table. */
  rows: Record<string, number>;
  projects: number;
  /** The warnings the engine must raise for the projects written, and their injected problems. */
  manifest: ExpectedWarning[];
  injections: WageInjection[];
  ms: number;
}

type SeedData = WageDataset | Iterable<WageProjectData>;

function bundlesOf(data: SeedData): Iterable<WageProjectData> {
  return 'bundles' in data && Array.isArray((data as WageDataset).bundles)
    ? (data as WageDataset).bundles
    : (data as Iterable<WageProjectData>);
}

/**
 * Bulk load of generated wage data (@mwsp/synth's `generateWages` / `generateWageProjects`): the demo city,
 * tests and the warnings benchmark write through here, never with their own column lists. System use only:
 * no route reaches it, so it takes no principal; the caller chooses the transaction (`bulkLoad`) or the
 * owner's COPY (`bulkCopy`). Fields are encrypted, indexed and masked as the projects service stores them.
 */
export class WageSeedService {
  /** The tables `bulkCopy` writes (the first start's bulk mode checks them empty: db/bulk-load.ts). */
  readonly bulkTables: readonly string[] = repo.SEED_TABLES;

  constructor(
    private readonly db: Database,
    private readonly cipher: FieldCipher,
  ) {}

  /** Multi-row INSERTs in the caller's transaction (e.g. `db.scoped(SYSTEM_SCOPE, tx => …)`), as mwsp_app. */
  async bulkLoad(tx: Executor, data: SeedData, opts: { batchRows?: number } = {}): Promise<WageSeedStats> {
    const t0 = performance.now();
    const stats = this.newStats();
    await repo.insertSeed(tx, this.encoded(data, stats), stats.rows, opts);
    stats.ms = performance.now() - t0;
    return stats;
  }

  /**
   * COPY as the owning role (row-level security does not apply) in chunks of about `chunkRows` rows: on PostgreSQL
   * on `connections` connections while the next chunk is generated, on PGlite one chunk after the other. Memory
   * stays bounded by the chunk.
   */
  async bulkCopy(
    data: SeedData,
    opts: { chunkRows?: number; connections?: number; onProgress?: (s: WageSeedStats) => void } = {},
  ): Promise<WageSeedStats> {
    const t0 = performance.now();
    const stats = this.newStats();
    if (this.db.pool)
      await repo.copySeed(this.db.pool, this.encoded(data, stats), stats.rows, {
        chunkRows: opts.chunkRows,
        connections: opts.connections,
        onChunk: () => opts.onProgress?.(stats),
      });
    else
      await repo.copySeedInProcess(this.db, this.encoded(data, stats), stats.rows, {
        chunkRows: opts.chunkRows,
        onChunk: () => opts.onProgress?.(stats),
      });
    await repo.analyzeSeedTables(this.db);
    stats.ms = performance.now() - t0;
    return stats;
  }

  private newStats(): WageSeedStats {
    return { rows: repo.emptyRowCounts(), projects: 0, manifest: [], injections: [], ms: 0 };
  }

  /** The bundles with their encrypted fields, lazily; counts projects and collects the manifest on the way. */
  private *encoded(data: SeedData, stats: WageSeedStats): Generator<repo.SeedBundle> {
    for (const b of bundlesOf(data)) {
      const phone = b.project.labourOfficerPhone;
      const acc = b.account.accountNo;
      const e: repo.SeedEncoded = {
        phoneEnc: phone ? this.cipher.encrypt(phone, CTX.officerPhone) : null,
        phoneMasked: phone ? maskPhone(phone) : null,
        accountEnc: this.cipher.encrypt(acc, CTX.account),
        accountBidx: this.cipher.blindIndex(acc, CTX.account),
        accountMasked: maskBankCard(acc),
      };
      stats.projects++;
      stats.manifest.push(...b.expected);
      if (b.injection) stats.injections.push(b.injection);
      yield { b, e };
    }
  }
}
