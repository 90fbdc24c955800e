import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { FieldCipher, type SealingKeys } from '../../platform/crypto/fieldCipher.js';
import { checkAndSealMany, sealPacked } from './workerSeal.js';
import type { WorkerInput } from './worker.rules.js';

/**
 * A worker thread of workerSeal.pool.ts, answering in order: `inputs` are checked by the registry's rules and
 * sealed; `packed` (records already checked on the event loop, the import's parse stage, packed by
 * workerSeal.ts packSealInputs) are only sealed, answered packed.
 */
// A lower CPU priority than the event loop (on Linux setpriority(0) changes this thread only): the sealing stage
// has slack, while the event loop runs the commit chain's client side and request handling.
try {
  os.setPriority(0, Math.min(19, os.getPriority(0) + 5));
} catch {
  // not permitted here: the default priority
}
const cipher = FieldCipher.forSealing((workerData as { keys: SealingKeys }).keys);
parentPort!.on('message', (m: { id: number; inputs?: WorkerInput[]; packed?: string[]; today: string }) => {
  const today = new Date(m.today);
  try {
    const out = m.packed ? m.packed.map((p) => sealPacked(cipher, p)) : checkAndSealMany(cipher, m.inputs ?? [], today);
    parentPort!.postMessage({ id: m.id, out });
  } catch (err) {
    parentPort!.postMessage({ id: m.id, error: String((err as Error)?.stack ?? err) });
  }
});
