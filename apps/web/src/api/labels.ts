import type { AuditOutcome, DataScope, DepartmentKind, Stage, UserStatus } from './types';

export const dataScopeLabels: Record<DataScope, string> = {
  self: '本人',
  department: '本部门',
  region: '本辖区及下级',
  all: '全部',
};

export const dataScopeOptions = (Object.keys(dataScopeLabels) as DataScope[]).map((value) => ({
  value,
  label: dataScopeLabels[value],
}));

export const departmentKindLabels: Record<DepartmentKind, string> = {
  government: '政府部门',
  court: '司法机关',
  mass_org: '群团组织',
  other: '其他',
};

export const departmentKindOptions = (Object.keys(departmentKindLabels) as DepartmentKind[]).map((value) => ({
  value,
  label: departmentKindLabels[value],
}));

/** Short level names used in charts: 省/市/县/乡/村. */
export const regionLevelShort: Record<number, string> = { 1: '省', 2: '市', 3: '县（区）', 4: '乡（镇、街道）', 5: '村（社区）' };

/** Level names used in detail views. */
export const regionLevelLabels: Record<number, string> = {
  1: '省级',
  2: '地市级',
  3: '县级',
  4: '乡镇级',
  5: '村级',
};

export const userStatusLabels: Record<UserStatus, string> = { active: '正常', disabled: '停用' };

/** Labels for user-status buckets returned by GET /api/overview (may include extra buckets). */
export const overviewStatusLabels: Record<string, string> = {
  active: '正常',
  disabled: '停用',
  locked: '已锁定',
};

export const auditOutcomeLabels: Record<AuditOutcome, { text: string; color: string }> = {
  success: { text: '成功', color: 'success' },
  failure: { text: '失败', color: 'warning' },
  denied: { text: '拒绝', color: 'error' },
};

export const stagePaths: Record<Stage, string> = {
  password_change: '/login/password',
  totp_enroll: '/login/totp-enroll',
  totp: '/login/totp',
  done: '/',
};

/** Chinese names of the audited actions (the code is shown beside it for searching). */
export const auditActionLabels: Record<string, string> = {
  'auth.login': '登录',
  'auth.lock': '账号锁定',
  'auth.logout': '退出登录',
  'auth.password_change': '修改密码',
  'auth.totp': '动态口令验证',
  'auth.totp_enroll': '绑定动态口令',
  'auth.session_expired': '会话失效',
  'auth.token': '接口令牌调用',
  'access.denied': '越权访问被拒绝',
  'access.not_found': '访问不存在或辖区外记录',
  'user.create': '创建用户',
  'user.update': '修改用户',
  'user.read': '查看用户详情',
  'user.disable': '停用用户',
  'user.enable': '启用用户',
  'user.reset_password': '重置密码',
  'user.unlock': '解锁账号',
  'user.assign_roles': '授予角色',
  'role.create': '创建角色',
  'role.update': '修改角色',
  'role.delete': '删除角色',
  'token.create': '创建接口令牌',
  'token.revoke': '吊销接口令牌',
  'department.create': '新增部门',
  'department.update': '修改部门',
  'calendar.update': '维护工作日历',
  'audit.query': '查询审计日志',
  'audit.verify': '校验审计链',
};
