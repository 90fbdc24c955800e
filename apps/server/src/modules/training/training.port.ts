import type { Executor } from '../../db/client.js';
import type { CertificateRow } from './enrolments.repo.js';

/**
 * What other modules may ask of training (the employment module's matching: skills and certificates). Methods
 * taking an Executor run in the caller's transaction (its row-level-security scope).
 */
export interface TrainingPort {
  /** The certificates of these workers that the caller's scope sees, oldest first per worker. */
  certificatesOf(tx: Executor, workerIds: string[]): Promise<CertificateRow[]>;
}
