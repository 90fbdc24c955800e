import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FieldCipher } from '../../platform/crypto/index.js';
import type { WorkerColumns } from './registry.repo.js';
import type { WorkerInput, WorkerRecord } from './worker.rules.js';
import { checkAndSealMany, packSealInputs, sealWorkers, unpackSealed, type SealedWorker } from './workerSeal.js';

const THREAD_ENTRY = new URL('./workerSeal.thread.mjs', import.meta.url);
const THREAD_SOURCE = new URL('./workerSeal.thread.ts', import.meta.url);

let bundled: Promise<URL | null> | null = null;
/**
 * The thread's code as one self-contained ES module (a data: URL): workerSeal.thread.ts and only what it uses
 * (the rules, the cipher, the few @mwsp/domain checks), bundled and tree-shaken by esbuild (tsx's compiler, there
 * wherever the server runs) once per process, from the sources being run — so it cannot go stale. A thread started
 * from it holds ~5 MB instead of ~60 MB (the tsx loader and the whole domain package compiled in the thread); the
 * import's peak RSS is bounded by it (issue #11). Null when esbuild cannot run: the tsx entry is used instead.
 */
export function bundledEntry(): Promise<URL | null> {
  bundled ??= (async () => {
    try {
      const esbuild = await import('esbuild');
      const out = await esbuild.build({
        entryPoints: [fileURLToPath(THREAD_SOURCE)],
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        write: false,
        logLevel: 'silent',
      });
      const code = out.outputFiles[0].text;
      return new URL(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
    } catch {
      return null;
    }
  })();
  return bundled;
}
/** Smaller batches are sealed on the event loop: the message round trip would cost more than it saves. */
const MIN_PARALLEL = 64;

/**
 * Threads of a pool: MWSP_IMPORT_THREADS (0 = none, everything on the event loop), else one per core besides
 * the event loop's, at least 2 and at most 3. Two on a 2-core machine: a batch's sealing is split between them, so
 * it fills whichever core PostgreSQL and the event loop leave idle (a thread started from the bundle holds ~5 MB;
 * from the tsx entry ~60 MB).
 */
export function sealThreads(): number {
  const env = process.env.MWSP_IMPORT_THREADS;
  if (env !== undefined && env !== '' && Number.isInteger(Number(env))) return Math.max(0, Math.min(8, Number(env)));
  return Math.max(2, Math.min(3, os.availableParallelism() - 1));
}

interface Thread {
  worker: Worker;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the answer's type is the request's (send<T>)
  waiting: Map<number, { resolve: (v: any[]) => void; reject: (e: Error) => void }>;
}

/**
 * The CPU work of a worker import — the registry's rules on each row and the 6 cryptographic operations
 * that seal it (SM4 encryption, HMAC-SM3 blind indexes) — spread over worker threads, so an import uses
 * every core while the event loop parses the file and talks to the database. Results are exactly what
 * `checkAndSeal` gives on the event loop (the same pure function); if the threads cannot run (no loader,
 * a crash), the batch is sealed on the event loop instead and the pool stays off.
 */
export class SealPool {
  private threads: Thread[] | null = null;
  private broken = false;
  private seq = 0;

  constructor(
    private readonly cipher: FieldCipher,
    private readonly size = sealThreads(),
    private readonly log: (msg: string, err?: unknown) => void = (msg, err) =>
      console.error(`[registry] ${msg}`, err ?? ''),
  ) {}

  async seal(inputs: WorkerInput[], today: Date): Promise<SealedWorker[]> {
    return this.split(
      inputs,
      () => checkAndSealMany(this.cipher, inputs, today),
      (t, part) => this.send<WorkerInput, SealedWorker>(t, 'inputs', part, today),
    );
  }

  /**
   * Seals records the registry's rules have already checked (the import's parse stage runs them once, for the
   * row's per-cell errors and its natural key): the threads only encrypt and index them.
   */
  async sealRecords(records: WorkerRecord[], today: Date): Promise<WorkerColumns[]> {
    return this.split(
      records,
      () => sealWorkers(this.cipher, records),
      // Each thread gets its part as one packed string and answers with one (workerSeal.ts packSealInputs).
      async (t, part) =>
        unpackSealed(part, (await this.send<string, string>(t, 'packed', [packSealInputs(part)], today))[0]),
    );
  }

  /**
   * `items` split evenly over the threads (`onThread` per non-empty part, answers in order), or `inline` on the event
   * loop for a small batch, without threads, or after a thread failed (the pool then stays off).
   */
  private async split<I, O>(
    items: I[],
    inline: () => O[],
    onThread: (t: Thread, part: I[]) => Promise<O[]>,
  ): Promise<O[]> {
    if (items.length < MIN_PARALLEL || this.size < 1 || this.broken) return inline();
    try {
      const threads = await this.start();
      const per = Math.ceil(items.length / threads.length);
      const parts = await Promise.all(
        threads.map((t, i) => {
          const part = items.slice(i * per, (i + 1) * per);
          return part.length === 0 ? Promise.resolve([]) : onThread(t, part);
        }),
      );
      return parts.flat();
    } catch (err) {
      this.broken = true;
      this.log('sealing threads failed; sealing on the event loop from now on', err);
      await this.close();
      return inline();
    }
  }

  /** Stops the threads (idle threads never keep the process alive; this is for tests and shutdown). */
  async close(): Promise<void> {
    const threads = this.threads ?? [];
    this.threads = null;
    await Promise.all(threads.map((t) => t.worker.terminate().catch(() => 0)));
  }

  private async start(): Promise<Thread[]> {
    if (this.threads) return this.threads;
    const entry = (await bundledEntry()) ?? THREAD_ENTRY;
    if (this.threads) return this.threads; // started by a concurrent call meanwhile
    const keys = this.cipher.sealingKeys();
    this.threads = Array.from({ length: this.size }, () => {
      // A thread's heap is bounded (a batch's inputs and results are a few MB): V8's default young generation
      // alone would let each thread grow by tens of MB. A thread over its limit fails; the pool then seals inline.
      const worker = new Worker(entry, {
        workerData: { keys },
        execArgv: [],
        resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 96 },
      });
      const t: Thread = { worker, waiting: new Map() };
      const failAll = (e: Error) => {
        for (const w of t.waiting.values()) w.reject(e);
        t.waiting.clear();
        if (this.threads?.includes(t)) this.broken = true;
      };
      worker.on('message', (m: { id: number; out?: unknown[]; error?: string }) => {
        const w = t.waiting.get(m.id);
        if (!w) return;
        t.waiting.delete(m.id);
        if (t.waiting.size === 0) worker.unref();
        if (m.out) w.resolve(m.out);
        else w.reject(new Error(m.error ?? 'sealing thread failed'));
      });
      worker.on('error', failAll);
      worker.on('exit', (code) => failAll(new Error(`sealing thread exited (${code})`)));
      worker.unref();
      return t;
    });
    return this.threads;
  }

  private send<I, O>(t: Thread, field: 'inputs' | 'packed', items: I[], today: Date): Promise<O[]> {
    const id = ++this.seq;
    return new Promise<O[]>((resolve, reject) => {
      t.waiting.set(id, { resolve, reject });
      t.worker.ref(); // an answer is awaited: keep the process alive until it comes
      t.worker.postMessage({ id, [field]: items, today: today.toISOString() });
    });
  }
}
