import type { PermissionDef } from '../../platform/access/permissions.js';

export const TRAINING_PERMISSIONS: PermissionDef[] = [
  { code: 'training:read', name: '查看职业技能培训（机构、培训班、学员、补贴、目标）', module: 'training' },
  { code: 'training:handle', name: '办理职业技能培训（开班、报名、考勤、结业、证书、补贴申报）', module: 'training' },
  {
    code: 'training:approve',
    name: '审核培训补贴、生成拨付批次、认定培训机构和设定培训目标（按本人所在层级：乡镇、区县、市）',
    module: 'training',
  },
  {
    code: 'training:rules',
    name: '设定培训补贴标准（全市通用的参照数据，仅限市级用户）',
    module: 'training',
  },
];

/**
 * What the built-in business roles gain from this module.
 * - officers run classes and file claims, leaders read;
 * - `training_reviewer` (培训审核员) approves claims at the level of the region it is bound to (approvalLevelOf:
 *   a township user at the township, a county user at the county, a city user at the city) and makes the payment
 *   batches. It is a role of its own — not the officer's — so that who files a claim never approves it (four
 *   eyes), and no `training:handle`, so that a reviewer cannot file one either; give it to the head of each
 *   level's training office (乡镇社保所、区县/市就业局培训科负责人);
 * - `city_admin` (市级业务管理员) sets the subsidy standards: they are one city-wide reference table (no
 *   region column, every county applies it), like the wage parameters this role already sets, so only a
 *   city-level holder edits them (the service refuses a lower level even with the permission).
 */
export const TRAINING_ROLE_GRANTS: Record<string, string[]> = {
  officer: ['training:read', 'training:handle'],
  leader: ['training:read'],
  training_reviewer: ['training:read', 'training:approve'],
  city_admin: ['training:read', 'training:rules'],
};
