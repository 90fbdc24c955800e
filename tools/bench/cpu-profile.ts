// A CPU profile of this process's main thread by node:inspector (`--cpu-prof` is refused in NODE_OPTIONS), for the
// benchmarks' BENCH_*_PROFILE options: written as a .cpuprofile (Chrome DevTools), its top functions printed.
import fs from 'node:fs';
import inspector from 'node:inspector';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

export interface ProfileReport {
  /** Sampling interval in µs. */
  intervalUs: number;
  /** Functions listed by self time. */
  top: number;
  /** Functions listed by inclusive time (each sample counted once per function on its stack); 0: none. */
  inclusiveTop?: number;
  /** Unit of the printed times. */
  unit?: 'ms' | 's';
}

/** Starts the profiler; the returned function stops it, writes `file` and prints the report. */
export async function startCpuProfile(report: ProfileReport): Promise<(file: string) => Promise<void>> {
  const session = new inspector.Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) =>
      session.post(method, params ?? {}, (err, res) => (err ? reject(err) : resolve(res))),
    );
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: report.intervalUs });
  await post('Profiler.start');
  return async (file) => {
    const { profile } = (await post('Profiler.stop')) as {
      profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
    };
    session.disconnect();
    fs.writeFileSync(file, JSON.stringify(profile));
    const keyOf = (n: ProfileNode) => {
      const f = n.callFrame;
      const where = f.url.replace(/^.*\/(apps|packages|tools|node_modules)\//, '$1/');
      return `${f.functionName || '(anonymous)'} ${where}:${f.lineNumber + 1}`;
    };
    const self = new Map<number, number>();
    profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
    const byFn = new Map<string, number>();
    for (const n of profile.nodes) byFn.set(keyOf(n), (byFn.get(keyOf(n)) ?? 0) + (self.get(n.id) ?? 0));
    const all = [...byFn.values()].reduce((a, b) => a + b, 0);
    const [div, digits, width] = report.unit === 's' ? [1e6, 2, 7] : [1e3, 1, 8];
    const unit = report.unit ?? 'ms';
    const line = ([k, us]: [string, number]) =>
      `  ${(us / div).toFixed(digits).padStart(width)} ${unit} ${((100 * us) / all).toFixed(1).padStart(5)} %  ${k}`;
    console.log(`main thread profile (${(all / 1e6).toFixed(2)} s sampled, top by self time; ${file}):`);
    for (const x of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, report.top)) console.log(line(x));
    if (!report.inclusiveTop) return;
    const parent = new Map<number, number>();
    const byId = new Map(profile.nodes.map((n) => [n.id, n] as const));
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const total = new Map<string, number>();
    profile.samples.forEach((id, i) => {
      const keys = new Set<string>();
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) keys.add(keyOf(byId.get(at)!));
      for (const k of keys) total.set(k, (total.get(k) ?? 0) + (profile.timeDeltas[i] ?? 0));
    });
    console.log('top by inclusive time:');
    for (const x of [...total].sort((a, b) => b[1] - a[1]).slice(0, report.inclusiveTop)) console.log(line(x));
  };
}
