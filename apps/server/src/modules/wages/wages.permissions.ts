import type { PermissionDef } from '../../platform/access/permissions.js';

export const WAGES_PERMISSIONS: PermissionDef[] = [
  { code: 'wages:read', name: '查询工程项目、专用账户、保证金与工资台账', module: 'wages' },
  { code: 'wages:write', name: '登记工程项目、实名用工、考勤、专用账户与保证金', module: 'wages' },
  { code: 'wages:import', name: '上传考勤表、工资表和银行代发结果', module: 'wages' },
  { code: 'warnings:read', name: '查看欠薪预警与监测驾驶舱', module: 'wages' },
  { code: 'warnings:handle', name: '分派、处置、办结欠薪预警', module: 'wages' },
  { code: 'warnings:admin', name: '手动发起本辖区预警扫描', module: 'wages' },
  {
    code: 'wages:params',
    name: '修改全市欠薪预警参数（最低工资、阈值、办理时限、入罪标准、保证金比例；限市级）',
    module: 'wages',
  },
  { code: 'arrears:read', name: '查看欠薪案件与失信名单', module: 'wages' },
  { code: 'arrears:write', name: '办理欠薪案件、列入和移出失信名单', module: 'wages' },
];

/** What the built-in business roles gain from this module. */
export const WAGES_ROLE_GRANTS: Record<string, string[]> = {
  officer: [
    'wages:read',
    'wages:write',
    'wages:import',
    'warnings:read',
    'warnings:handle',
    'arrears:read',
    'arrears:write',
  ],
  leader: ['wages:read', 'warnings:read', 'arrears:read'],
  // City-wide parameters and manual scans; read access to see what they change. No handling, no writes.
  city_admin: ['wages:read', 'warnings:read', 'warnings:admin', 'wages:params'],
};
