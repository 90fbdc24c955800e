import { defineModule } from '../../platform/platform.js';
import { CODE_SETS, codeTablesResponse, nameOf } from './codes.js';
import { exportRoutes } from './export.routes.js';
import { exportWorkers } from './registry.export.js';
import { employersImportKind, employmentsImportKind, workersImportKind } from './registry.imports.js';
import { REGISTRY_PERMISSIONS, REGISTRY_ROLE_GRANTS } from './registry.permissions.js';
import type { RegistryPort } from './registry.port.js';
import { registryRoutes } from './registry.routes.js';
import { RegistryService } from './registry.service.js';
import { RegistrySeedService } from './seed.service.js';

/** 实名登记 (workers, employers, employments): the registry as a plug-in of the platform. */
export const registryModule = defineModule({
  name: 'registry',
  permissions: REGISTRY_PERMISSIONS,
  roleGrants: REGISTRY_ROLE_GRANTS,
  createServices(p) {
    const registry = new RegistryService(p.db, p.cipher, p.audit, p.events, CODE_SETS, p.now);
    const registrySeed = new RegistrySeedService(p.db, p.cipher, registry, p.events); // bulk load: demo, benchmarks
    // Other modules receive `registry` as their RegistryPort (portOf, unchecked there): checked here instead.
    return { registry: registry satisfies RegistryPort, registrySeed };
  },
  importKinds: (p, { registry }) => [
    workersImportKind(registry, p.org, p.now),
    employersImportKind(registry),
    employmentsImportKind(registry),
  ],
  register(app, p, { registry }) {
    registryRoutes(app, registry, codeTablesResponse);
    exportRoutes(app, (principal, filters, opts) =>
      exportWorkers(
        {
          db: p.db,
          cipher: p.cipher,
          audit: p.audit,
          now: p.now,
          names: { ethnicity: (c) => nameOf('ethnicities', c), education: (c) => nameOf('educations', c) },
        },
        principal,
        filters,
        opts,
      ),
    );
  },
});
