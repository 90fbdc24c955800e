/** `npm run bench -- NAME`: benchmarks are run by hand, never in the test suite. */
import { benchApi } from './api.js';
import { benchCases } from './cases.js';
import { benchEmbedded } from './embedded.js';
import { benchImport } from './import.js';
import { benchImportLatency } from './import-latency.js';
import { benchMatching } from './matching.js';
import { benchMatchingEval } from './matching-eval.js';
import { benchScale } from './scale.js';
import { benchWarnings } from './warnings.js';
import { benchWorkerList } from './worker-list.js';

const BENCHMARKS: Record<string, () => Promise<void>> = {
  api: benchApi,
  cases: benchCases,
  embedded: benchEmbedded,
  import: benchImport,
  'import-latency': benchImportLatency,
  matching: benchMatching,
  'matching-eval': benchMatchingEval,
  scale: benchScale,
  warnings: benchWarnings,
  'worker-list': benchWorkerList,
};

const name = process.argv[2];
if (!name || !BENCHMARKS[name]) {
  console.error(`用法 / usage: npm run bench -- <${Object.keys(BENCHMARKS).join('|')}> [args]`);
  process.exit(2);
}
await BENCHMARKS[name]();
process.exit(process.exitCode ?? 0);
