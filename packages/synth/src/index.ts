/**
 * @mwsp/synth — the synthetic city: reproducible employers and migrant workers (generateCity) and their
 * wage data (generateWageProjects), for the demo, the tests and the benchmarks. Pure generators: this
 * package imports @mwsp/domain and nothing else, and writes nothing (the modules' bulk loads do).
 */
export { generateCity, DEFAULT_AS_OF, type GenerateCityOptions } from './generate.js';
export { summarize, marginals, incomeChecks, type Summary, type MarginalCheck } from './summarize.js';
export { Rng, WeightedTable, hashString } from './random.js';
export { hasAstral } from './names.js';
export { orgCodeCheckChar } from './employers.js';
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
export * from './wages.js';
export * from './jobMarket.js';
export { citySeat, regionCentre, townshipCentres } from './centres.js';
