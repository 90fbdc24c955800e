import { parentPort, workerData } from 'node:worker_threads';
import { FieldCipher, type SealingKeys } from '../../platform/crypto/fieldCipher.js';
import { checkAndSeal } from './workerSeal.js';
import type { WorkerInput } from './worker.rules.js';

/** A worker thread of workerSeal.pool.ts: checks and seals the inputs it is sent, in order. */
const cipher = FieldCipher.forSealing((workerData as { keys: SealingKeys }).keys);
parentPort!.on('message', (m: { id: number; inputs: WorkerInput[]; today: string }) => {
  const today = new Date(m.today);
  try {
    parentPort!.postMessage({ id: m.id, out: m.inputs.map((input) => checkAndSeal(cipher, input, today)) });
  } catch (err) {
    parentPort!.postMessage({ id: m.id, error: String((err as Error)?.stack ?? err) });
  }
});
