import type {
  AuditOutcome,
  ContractType,
  DataScope,
  DepartmentKind,
  EmployerSize,
  EmploymentStatus,
  FilingStatus,
  ImportKind,
  ImportStatus,
  InsuranceType,
  LeftBehindRelation,
  MigrantType,
  Sex,
  Stage,
  UserStatus,
  WageType,
  WorkerStatus,
} from './types';
import {
  CONTRACT_TYPE_LABELS,
  EMPLOYER_SIZE_LABELS,
  EMPLOYMENT_STATUS_LABELS,
  FILING_STATUS_LABELS,
  INSURANCE_TYPE_LABELS,
  LEFT_BEHIND_RELATION_LABELS,
  MIGRANT_TYPE_LABELS,
  SEX_LABELS,
  WAGE_TYPE_LABELS,
  WORKER_STATUS_LABELS,
} from '@mwsp/domain';

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
export const regionLevelShort: Record<number, string> = {
  1: '省',
  2: '市',
  3: '县（区）',
  4: '乡（镇、街道）',
  5: '村（社区）',
};

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

/** The audit log's Chinese names are defined once, in packages/domain (auditLabels.ts). */
export {
  AUDIT_ACTION_GROUPS as auditActionGroups,
  AUDIT_ACTION_LABELS as auditActionLabels,
  AUDIT_OBJECT_LABELS as auditObjectLabels,
  auditActionLabel,
  auditDetailPairs,
} from '@mwsp/domain';

// ---- Real-name registry ----
// The Chinese names are defined once, in packages/domain (contracts/registry.ts); the colours are the console's.

const toOptions = <T extends string>(labels: Record<T, string>) =>
  (Object.keys(labels) as T[]).map((value) => ({ value, label: labels[value] }));

export const sexLabels: Record<Sex, string> = SEX_LABELS;

export const migrantTypeLabels: Record<MigrantType, { text: string; color: string }> = {
  local: { text: MIGRANT_TYPE_LABELS.local, color: 'green' },
  out: { text: MIGRANT_TYPE_LABELS.out, color: 'orange' },
};

export const migrantTypeOptions = (Object.keys(migrantTypeLabels) as MigrantType[]).map((value) => ({
  value,
  label: migrantTypeLabels[value].text,
}));

export const workerStatusLabels: Record<WorkerStatus, { text: string; color: string }> = {
  active: { text: WORKER_STATUS_LABELS.active, color: 'success' },
  merged: { text: WORKER_STATUS_LABELS.merged, color: 'default' },
};

export const leftBehindRelationLabels: Record<LeftBehindRelation, string> = LEFT_BEHIND_RELATION_LABELS;
export const leftBehindRelationOptions = toOptions(leftBehindRelationLabels);

/** Fallbacks when the code tables are not loaded yet. */
export const employerSizeLabels: Record<EmployerSize, string> = EMPLOYER_SIZE_LABELS;
export const insuranceTypeLabels: Record<InsuranceType, string> = INSURANCE_TYPE_LABELS;

export const wageTypeLabels: Record<WageType, string> = WAGE_TYPE_LABELS;
export const wageTypeUnits: Record<WageType, string> = { monthly: '元/月', daily: '元/日', piece: '元/件' };
export const wageTypeOptions = toOptions(wageTypeLabels);

export const contractTypeLabels: Record<ContractType, string> = CONTRACT_TYPE_LABELS;
export const contractTypeOptions = toOptions(contractTypeLabels);

export const filingStatusLabels: Record<FilingStatus, { text: string; color: string }> = {
  filed: { text: FILING_STATUS_LABELS.filed, color: 'success' },
  pending: { text: FILING_STATUS_LABELS.pending, color: 'warning' },
  none: { text: FILING_STATUS_LABELS.none, color: 'default' },
};
export const filingStatusOptions = (Object.keys(filingStatusLabels) as FilingStatus[]).map((value) => ({
  value,
  label: filingStatusLabels[value].text,
}));

export const employmentStatusLabels: Record<EmploymentStatus, { text: string; color: string }> = {
  active: { text: EMPLOYMENT_STATUS_LABELS.active, color: 'processing' },
  ended: { text: EMPLOYMENT_STATUS_LABELS.ended, color: 'default' },
};

export const importKindLabels: Record<ImportKind, string> = {
  workers: '务工人员',
  employers: '用工单位',
  employments: '用工关系',
};
export const importKindOptions = toOptions(importKindLabels);

export const importStatusLabels: Record<ImportStatus, { text: string; color: string }> = {
  queued: { text: '排队中', color: 'default' },
  running: { text: '处理中', color: 'processing' },
  done: { text: '已完成', color: 'success' },
  failed: { text: '失败', color: 'error' },
};

/** Common occupational skill levels (国家职业资格等级); free text is also accepted. */
export const skillLevelOptions = ['五级/初级工', '四级/中级工', '三级/高级工', '二级/技师', '一级/高级技师'].map(
  (v) => ({
    value: v,
    label: v,
  }),
);
