/** Synthetic city generator: reproducible employers and migrant workers for tests, demos and load. */
export { generateCity, DEFAULT_AS_OF, type GenerateCityOptions } from './generate.js';
export { summarize, marginals, incomeChecks, type Summary, type MarginalCheck } from './summarize.js';
export {
  writeWorkersCsv,
  workerCsvCells,
  WORKER_CSV_HEADERS,
  gbkLossy,
  type WorkersCsvOptions,
  type WorkersCsvResult,
} from './csv.js';
export { Rng, WeightedTable, hashString } from './random.js';
export type {
  SynthEmployer,
  SynthWorker,
  SynthRecord,
  SynthSkill,
  SynthEmployment,
  SynthInsurance,
  RegionInput,
  EducationCode,
} from './types.js';
