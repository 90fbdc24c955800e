/**
 * Per-phase wall-clock totals of import jobs, for measuring where an import's time goes
 * (MWSP_IMPORT_TIMING=1: the engine prints them when a job ends). Off: one boolean test per call.
 */
export const timingOn = process.env.MWSP_IMPORT_TIMING === '1';
const totals = new Map<string, { ms: number; n: number }>();

export async function timed<T>(phase: string, fn: () => Promise<T>): Promise<T> {
  if (!timingOn) return fn();
  const t0 = performance.now();
  try {
    return await fn();
  } finally {
    addTime(phase, performance.now() - t0);
  }
}

export function addTime(phase: string, ms: number): void {
  if (!timingOn) return;
  const t = totals.get(phase) ?? { ms: 0, n: 0 };
  t.ms += ms;
  t.n++;
  totals.set(phase, t);
}

/** The totals so far as printable lines, and a reset. */
export function takeTimings(): string[] {
  const lines = [...totals].map(([k, v]) => `${k}: ${(v.ms / 1000).toFixed(2)} s in ${v.n}`);
  totals.clear();
  return lines;
}
