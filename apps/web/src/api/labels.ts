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
  AUDIT_OUTCOME_LABELS,
  DATA_SCOPE_LABELS,
  DEPARTMENT_KIND_LABELS,
  IMPORT_STATUS_LABELS,
  REGION_LEVEL_LABELS,
  REGION_LEVEL_SHORT_LABELS,
  USER_STATUS_BUCKET_LABELS,
  USER_STATUS_LABELS,
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

// The platform's Chinese names are defined once, with the contracts in packages/domain.
export const dataScopeLabels: Record<DataScope, string> = DATA_SCOPE_LABELS;

export const dataScopeOptions = (Object.keys(dataScopeLabels) as DataScope[]).map((value) => ({
  value,
  label: dataScopeLabels[value],
}));

export const departmentKindLabels: Record<DepartmentKind, string> = DEPARTMENT_KIND_LABELS;

export const departmentKindOptions = (Object.keys(departmentKindLabels) as DepartmentKind[]).map((value) => ({
  value,
  label: departmentKindLabels[value],
}));

/** Short level names used in charts: 省/市/县/乡/村. */
export const regionLevelShort: Record<number, string> = REGION_LEVEL_SHORT_LABELS;

/** Level names used in detail views. */
export const regionLevelLabels: Record<number, string> = REGION_LEVEL_LABELS;

export const userStatusLabels: Record<UserStatus, string> = USER_STATUS_LABELS;

/** Labels for user-status buckets returned by GET /api/overview (may include extra buckets). */
export const overviewStatusLabels: Record<string, string> = USER_STATUS_BUCKET_LABELS;

/** A label of the domain with the console's tag colour of each value. */
const tagged = <T extends string>(text: Record<T, string>, color: Record<T, string>) =>
  Object.fromEntries((Object.keys(text) as T[]).map((k) => [k, { text: text[k], color: color[k] }])) as Record<
    T,
    { text: string; color: string }
  >;

export const auditOutcomeLabels: Record<AuditOutcome, { text: string; color: string }> = tagged(AUDIT_OUTCOME_LABELS, {
  success: 'success',
  failure: 'warning',
  denied: 'error',
});

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

export const importStatusLabels: Record<ImportStatus, { text: string; color: string }> = tagged(IMPORT_STATUS_LABELS, {
  queued: 'default',
  running: 'processing',
  done: 'success',
  failed: 'error',
});

/** Common occupational skill levels (国家职业资格等级); free text is also accepted. */
export const skillLevelOptions = ['五级/初级工', '四级/中级工', '三级/高级工', '二级/技师', '一级/高级技师'].map(
  (v) => ({
    value: v,
    label: v,
  }),
);
