export { registryModule } from './module.js';
export { EMPLOYER_UPDATED, type EmployerUpdatedData } from './employers.service.js';

import type { RegistryPortService } from './registry.port.js';

/**
 * What other modules may ask of the registry (实名制). Methods taking an Executor run in the caller's
 * transaction (its row-level-security scope; no nested transaction); lookups are batched.
 */
export type RegistryPort = Pick<
  RegistryPortService,
  | 'idNumberIndex'
  | 'workerForProject'
  | 'workerRef'
  | 'workerProfile'
  | 'workerLabels'
  | 'employers'
  | 'employerIdsMatching'
>;
