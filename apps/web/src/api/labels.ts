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
export const regionLevelShort: Record<number, string> = { 1: '省', 2: '市', 3: '县', 4: '乡', 5: '村' };

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
