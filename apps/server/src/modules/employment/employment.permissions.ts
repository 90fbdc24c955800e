import type { PermissionDef } from '../../platform/access/permissions.js';

export const EMPLOYMENT_PERMISSIONS: PermissionDef[] = [
  {
    code: 'employment:read',
    name: '查看就业服务（岗位、求职、人岗匹配、职业介绍、招聘活动、调查、劳务协作、创业扶持、政策咨询）',
    module: 'employment',
  },
  {
    code: 'employment:handle',
    name: '发布岗位、求职登记、推荐岗位、登记推荐结果和办理其他就业服务事项',
    module: 'employment',
  },
];

/** Officers (all levels) publish postings, register seekers, refer and run the programmes; leaders read. */
export const EMPLOYMENT_ROLE_GRANTS: Record<string, string[]> = {
  officer: ['employment:read', 'employment:handle'],
  leader: ['employment:read'],
};
