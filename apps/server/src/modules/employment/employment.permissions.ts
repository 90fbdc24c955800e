import type { PermissionDef } from '../../platform/access/permissions.js';

export const EMPLOYMENT_PERMISSIONS: PermissionDef[] = [
  {
    code: 'employment:read',
    name: '查看就业服务（岗位、求职、招聘活动、调查、劳务协作、创业扶持、政策咨询）',
    module: 'employment',
  },
  { code: 'employment:handle', name: '登记和办理就业服务事项', module: 'employment' },
];

/** Officers register and handle employment services of their scope; leaders read them. */
export const EMPLOYMENT_ROLE_GRANTS: Record<string, string[]> = {
  officer: ['employment:read', 'employment:handle'],
  leader: ['employment:read'],
};
