/**
 * Load generator, run as a separate process so that it does not share the event loop of the
 * servers under test. Input: one JSON argument; output: one JSON line with the results.
 */
import autocannon from 'autocannon';

interface LoadSpec {
  base: string;
  pathPrefix: string;
  ids: string[];
  headers: Record<string, string>;
  connections: number;
  durationSec: number;
}

const spec = JSON.parse(process.argv[2]) as LoadSpec;
let i = 0;
const cpu0 = process.cpuUsage();
const result = await autocannon({
  url: spec.base,
  connections: spec.connections,
  duration: spec.durationSec,
  headers: spec.headers,
  requests: [
    {
      method: 'GET',
      setupRequest: (req: { path: string }) => {
        req.path = spec.pathPrefix + spec.ids[i++ % spec.ids.length];
        return req;
      },
    },
  ],
});
process.stdout.write(
  JSON.stringify({
    rps: result.requests.average,
    total: result.requests.total,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    // CPU time of the load generator itself (µs, user + system) during the run.
    cpuUs: ((u) => u.user + u.system)(process.cpuUsage(cpu0)),
  }) + '\n',
);
