import { maskName } from '@mwsp/domain';
import type { Executor } from '../../db/client.js';
import type { FieldCipher } from '../../platform/crypto/index.js';
import { CTX } from './registry.common.js';
import * as repo from './registry.repo.js';

/**
 * What other modules may ask of the registry (the `RegistryPort` of index.ts). Methods taking an Executor
 * run in the caller's transaction (its row-level-security scope; no nested transaction).
 */
export class RegistryPortService {
  constructor(private readonly cipher: FieldCipher) {}

  /** The blind index of a valid ID number in the registry's context: how other modules match a worker. */
  idNumberIndex(idNumber: string): string {
    return this.cipher.blindIndex(idNumber, CTX.id);
  }

  /**
   * Runs in the caller's transaction: an active worker by ID-number index in any region, masked,
   * with contract yes/no.
   */
  workerForProject(tx: Executor, idBidx: string, employerIds: string[]) {
    return repo.workerForProject(tx, idBidx, employerIds);
  }

  /** Runs in the caller's transaction (its scope): the worker's ID-number index and scope facts, if visible. */
  workerRef(tx: Executor, workerId: string) {
    return repo.workerRef(tx, workerId);
  }

  /**
   * Runs in the caller's transaction (its scope): masked name and masked ID number of each visible worker, for
   * another module's lists (a worker the scope cannot see is absent from the map).
   */
  async workerLabels(tx: Executor, workerIds: string[]): Promise<Map<string, { name: string; idMasked: string }>> {
    const rows = await repo.workerNames(tx, [...new Set(workerIds)]);
    return new Map(rows.map((w) => [w.id, { name: maskName(w.name), idMasked: w.idMasked }]));
  }

  /** Runs in the caller's transaction (its scope): name, sex, birth date, residence and skills of an active worker. */
  workerProfile(tx: Executor, workerId: string) {
    return repo.workerProfile(tx, workerId);
  }

  /**
   * Runs in the caller's transaction: name, credit code, legal representative and region of many
   * employers at once, in name order.
   */
  async employers(tx: Executor, ids: string[]): Promise<Map<string, repo.EmployerFacts>> {
    return new Map((await repo.employerFacts(tx, ids)).map((e) => [e.id, e]));
  }

  /** Runs in the caller's transaction: employers whose name contains the text (or, if given, with that credit code). */
  employerIdsMatching(tx: Executor, f: { nameContains: string; creditCode?: string }): Promise<string[]> {
    return repo.employerIdsMatching(tx, f);
  }
}

/**
 * What other modules may ask of the registry (实名制). Methods taking an Executor run in the caller's
 * transaction (its row-level-security scope; no nested transaction); lookups are batched. The registry hands
 * other modules its delegating RegistryService (`services.registry`, reached with `portOf<RegistryPort>`), which
 * module.ts checks against this type (`satisfies`): a port method it does not delegate fails the build.
 */
export type RegistryPort = Pick<
  RegistryPortService,
  | 'idNumberIndex'
  | 'workerForProject'
  | 'workerRef'
  | 'workerProfile'
  | 'workerLabels'
  | 'employers'
  | 'employerIdsMatching'
>;
