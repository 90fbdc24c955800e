import type { PermissionDef } from '../../platform/access/permissions.js';

export const RIGHTS_PERMISSIONS: PermissionDef[] = [
  { code: 'rights:read', name: '查看投诉举报案件', module: 'rights' },
  { code: 'rights:handle', name: '登记、受理和办理投诉举报', module: 'rights' },
  { code: 'rights:grids', name: '管理网格（划分网格、指派网格员）', module: 'rights' },
  { code: 'rights:approve', name: '批准延长办理期限、移送公安机关（监察机构负责人）', module: 'rights' },
];

/**
 * What the built-in business roles gain from this module: officers register and handle cases, leaders read them,
 * and the head of the inspection body (监察机构负责人, built-in role `inspection_head`, bootstrap.ts) also approves:
 * extensions of the investigation (劳动保障监察条例 第十七条: 经劳动保障行政部门负责人批准) and the transfer to the
 * police with its override below the 数额较大 figures. Not the leaders: 领导查询 is a read-only role.
 */
export const RIGHTS_ROLE_GRANTS: Record<string, string[]> = {
  officer: ['cases:read', 'rights:read', 'rights:handle', 'rights:grids'],
  leader: ['cases:read', 'rights:read'],
  inspection_head: ['cases:read', 'rights:read', 'rights:handle', 'rights:approve'],
};
