export { registryModule } from './module.js';
export { EMPLOYER_UPDATED, type EmployerUpdatedData } from './employers.service.js';

// What other modules may ask of the registry (实名制): defined beside its methods (registry.port.ts), where the
// module's hand-off (module.ts) checks the delegating service against it.
export type { RegistryPort } from './registry.port.js';
