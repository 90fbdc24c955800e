import type { PermissionDef } from '../../platform/access/permissions.js';

export const TRAINING_PERMISSIONS: PermissionDef[] = [
  { code: 'training:read', name: '查看职业技能培训（机构、培训班、学员、补贴、目标）', module: 'training' },
  { code: 'training:handle', name: '办理职业技能培训（开班、报名、考勤、结业、证书、补贴申报）', module: 'training' },
  {
    code: 'training:approve',
    name: '审核培训补贴、认定培训机构、设定补贴标准和培训目标（按本人所在层级：乡镇、区县、市）',
    module: 'training',
  },
];

/**
 * What the built-in business roles gain from this module: officers run classes and file claims, leaders read.
 * `training:approve` belongs to no built-in role — the head of a level's training office gets it through a
 * custom role; the level it approves at is the length of the user's region (approvalLevelOf, packages/domain).
 */
export const TRAINING_ROLE_GRANTS: Record<string, string[]> = {
  officer: ['training:read', 'training:handle'],
  leader: ['training:read'],
};
