import type { PermissionDef } from '../../platform/access/permissions.js';

export const RIGHTS_PERMISSIONS: PermissionDef[] = [
  { code: 'rights:read', name: '查看投诉举报案件', module: 'rights' },
  { code: 'rights:handle', name: '登记、受理和办理投诉举报', module: 'rights' },
  { code: 'rights:grids', name: '管理网格（划分网格、指派网格员）', module: 'rights' },
  { code: 'rights:approve', name: '批准延长办理期限、移送公安机关（监察机构负责人）', module: 'rights' },
];

/**
 * What the built-in business roles gain from this module: officers register and handle complaints, leaders read
 * them. `rights:approve` (the head of the inspection body) belongs to no built-in role: the security administrator
 * grants it through a custom role.
 */
export const RIGHTS_ROLE_GRANTS: Record<string, string[]> = {
  officer: ['cases:read', 'rights:read', 'rights:handle', 'rights:grids'],
  leader: ['cases:read', 'rights:read'],
};
