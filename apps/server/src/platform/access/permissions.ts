/**
 * The permission catalogue (`module:action`). The platform registers its own; each module
 * registers its permissions when it is loaded. Administrative permissions belong to the three
 * built-in administrator roles (三员) only and can never be put into a custom role.
 */
export interface PermissionDef {
  code: string;
  name: string;
  module: string;
  /** Reserved for the 三员 built-in roles. */
  admin?: boolean;
  /** Touches personal data in clear (unmask, export): holders must use a second factor. */
  sensitive?: boolean;
}

/** Pseudo-permissions a route may declare instead of a catalogue entry. */
export type RouteAccess = 'public' | 'session' | 'authenticated' | string;

const catalogue = new Map<string, PermissionDef>();

export function registerPermissions(defs: PermissionDef[]): void {
  for (const d of defs) {
    if (!/^[a-z][a-z0-9-]*:[a-z][a-z0-9-]*$/.test(d.code)) throw new Error(`bad permission code ${d.code}`);
    catalogue.set(d.code, d);
  }
}

export function allPermissions(): PermissionDef[] {
  return [...catalogue.values()];
}

export function permissionDef(code: string): PermissionDef | undefined {
  return catalogue.get(code);
}

export const PLATFORM_PERMISSIONS: PermissionDef[] = [
  { code: 'users:read', name: '查看用户', module: 'system', admin: true },
  { code: 'users:write', name: '创建和维护用户', module: 'system', admin: true },
  { code: 'users:unlock', name: '解锁用户', module: 'security', admin: true },
  { code: 'tokens:write', name: '管理接口令牌', module: 'system', admin: true },
  { code: 'config:write', name: '维护系统配置', module: 'system', admin: true },
  { code: 'calendar:write', name: '维护工作日历', module: 'system', admin: true },
  { code: 'departments:write', name: '维护部门', module: 'system', admin: true },
  { code: 'roles:read', name: '查看角色权限', module: 'security', admin: true },
  { code: 'roles:write', name: '维护角色权限', module: 'security', admin: true },
  { code: 'roles:assign', name: '为用户授予角色', module: 'security', admin: true },
  { code: 'audit:read', name: '查询审计日志', module: 'audit', admin: true },
  { code: 'departments:read', name: '查看部门', module: 'system' },
  { code: 'cases:read', name: '查看案件与待办（各类案件另需其类型的查看权限）', module: 'cases' },
  { code: 'pii:unmask', name: '查看完整个人信息（需说明用途）', module: 'personal-data', sensitive: true },
  { code: 'pii:export', name: '导出个人信息', module: 'personal-data', sensitive: true },
];

/** The three separated administrators (三员分立): mutually exclusive, no superuser. */
export const ADMIN_ROLES = [
  {
    code: 'sysadmin',
    name: '系统管理员',
    description: '用户账号、部门、系统配置与工作日历；不能授权、不能查看业务个人信息和审计日志',
    permissions: [
      'users:read',
      'users:write',
      'tokens:write',
      'config:write',
      'calendar:write',
      'departments:read',
      'departments:write',
      'regions:read',
    ],
  },
  {
    code: 'secadmin',
    name: '安全管理员',
    description: '角色与权限、为用户授权、解锁账号；不能创建账号、不能查看业务个人信息和审计日志',
    permissions: [
      'roles:read',
      'roles:write',
      'roles:assign',
      'users:read',
      'users:unlock',
      'departments:read',
      'regions:read',
    ],
  },
  {
    code: 'auditor',
    name: '审计管理员',
    description: '只读查询和校验审计日志（包括另外两名管理员的操作）；不能做其他任何操作',
    permissions: ['audit:read'],
  },
] as const;
