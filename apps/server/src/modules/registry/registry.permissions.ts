import type { PermissionDef } from '../../platform/access/permissions.js';

export const REGISTRY_PERMISSIONS: PermissionDef[] = [
  { code: 'registry:read', name: '查询务工人员与用工单位', module: 'registry' },
  { code: 'registry:write', name: '登记和维护务工人员、用工单位、用工关系', module: 'registry' },
  { code: 'registry:import', name: '批量导入实名信息', module: 'registry' },
  { code: 'registry:export', name: '导出查询结果（脱敏）', module: 'registry' },
  { code: 'registry:merge', name: '合并重复档案', module: 'registry' },
];

/** What the built-in business roles gain from this module. */
export const REGISTRY_ROLE_GRANTS: Record<string, string[]> = {
  officer: ['registry:read', 'registry:write', 'registry:import', 'registry:export'],
  leader: ['registry:read'],
  pii_reviewer: ['registry:read', 'registry:export', 'registry:merge'],
};

/** Clear values per user per hour (PIPL Art. 51, security.md PI-4). */
export const UNMASK_LIMIT_PER_HOUR = 30;
