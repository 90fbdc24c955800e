import { defineModule, portOf } from '../../platform/platform.js';
import type { RegistryPort } from '../registry/index.js';
import { EMPLOYMENT_PERMISSIONS, EMPLOYMENT_ROLE_GRANTS } from './employment.permissions.js';
import { createProgramServices, programRoutes } from './programs.js';

/**
 * 就业服务 (employment services, issue #12) as a plug-in. This part: the programmes (campaigns, surveys, labour
 * cooperation, entrepreneurship, policy consulting: programs.ts); job postings, seekers, matching and referrals
 * join here.
 */
export const employmentModule = defineModule({
  name: 'employment',
  permissions: EMPLOYMENT_PERMISSIONS,
  roleGrants: EMPLOYMENT_ROLE_GRANTS,
  createServices(p) {
    const registry = portOf<RegistryPort>(p, 'registry'); // 实名制: workers and employers
    return { ...createProgramServices(p, registry) };
  },
  register(app, _p, services) {
    programRoutes(app, services);
  },
});
