import type { PermissionDef } from '../../platform/access/permissions.js';

export const EMPLOYMENT_PERMISSIONS: PermissionDef[] = [
  { code: 'employment:read', name: '查看岗位信息、求职登记、人岗匹配和职业介绍', module: 'employment' },
  { code: 'employment:handle', name: '发布岗位、求职登记、推荐岗位和登记推荐结果', module: 'employment' },
];

/** Officers (all levels) register seekers, publish postings and refer; leaders read. */
export const EMPLOYMENT_ROLE_GRANTS: Record<string, string[]> = {
  officer: ['employment:read', 'employment:handle'],
  leader: ['employment:read'],
};
