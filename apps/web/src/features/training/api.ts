// Calls and types of vocational training (职业技能培训): institutions, classes, enrolments, attendance,
// certificates, subsidies and targets. Types are aliases of the generated contract (`npm run gen:api`).
import {
  CERTIFICATE_KIND_LABELS,
  CLAIM_STATUS_LABELS,
  ENROLMENT_STATUS_LABELS,
  EXAM_RESULT_LABELS,
  INSTITUTION_KIND_LABELS,
  INSTITUTION_STATUS_LABELS,
  SKILL_LEVEL_LABELS,
  SUBSIDY_PAYEE_LABELS,
  TRAINING_MODE_LABELS,
  TRAINING_TYPE_LABELS,
} from '@mwsp/domain';
import { GET, GET_FILE, PATCH, POST, PUT, UPLOAD, urlOf } from '../../api/typed';
import type { BodyOf, QueryOf, ResponseOf } from '../../api/openapi';

export {
  CERTIFICATE_KIND_LABELS,
  CLAIM_STATUS_LABELS,
  ENROLMENT_STATUS_LABELS,
  EXAM_RESULT_LABELS,
  INSTITUTION_KIND_LABELS,
  INSTITUTION_STATUS_LABELS,
  SKILL_LEVEL_LABELS,
  SUBSIDY_PAYEE_LABELS,
  TRAINING_MODE_LABELS,
  TRAINING_TYPE_LABELS,
};

export type Institution = ResponseOf<'/api/training/institutions', 'get'>['items'][number];
export type InstitutionInput = BodyOf<'/api/training/institutions', 'post'>;
export type InstitutionUpdate = BodyOf<'/api/training/institutions/{id}', 'patch'>;
export type TrainingClass = ResponseOf<'/api/training/classes/{id}', 'get'>;
export type ClassInput = BodyOf<'/api/training/classes', 'post'>;
export type ClassQuery = QueryOf<'/api/training/classes', 'get'>;
export type Enrolment = ResponseOf<'/api/training/classes/{id}/enrolments', 'get'>['items'][number];
export type EnrolInput = BodyOf<'/api/training/classes/{id}/enrolments', 'post'>;
export type ResultInput = BodyOf<'/api/training/classes/{id}/enrolments/{enrolmentId}', 'patch'>;
export type CertificateInput = BodyOf<'/api/training/classes/{id}/enrolments/{enrolmentId}/certificates', 'post'>;
export type AttendanceSheet = ResponseOf<'/api/training/classes/{id}/attendance', 'get'>;
export type SubsidyPreview = ResponseOf<'/api/training/classes/{id}/enrolments/{enrolmentId}/subsidy', 'get'>;
export type SubsidyRule = ResponseOf<'/api/training/subsidies/rules', 'get'>['items'][number];
export type RuleInput = BodyOf<'/api/training/subsidies/rules', 'post'>;
export type Claim = ResponseOf<'/api/training/subsidies', 'get'>['items'][number];
export type ClaimQuery = QueryOf<'/api/training/subsidies', 'get'>;
export type ClaimInput = BodyOf<'/api/training/subsidies', 'post'>;
export type Batch = ResponseOf<'/api/training/subsidies/batches', 'get'>['items'][number];
export type Target = ResponseOf<'/api/training/targets', 'get'>['items'][number];
export type TargetInput = BodyOf<'/api/training/targets', 'put'>;

export const trainingKeys = {
  all: ['training'] as const,
  institutions: (q: object) => ['training', 'institutions', q] as const,
  classes: (q: object) => ['training', 'classes', q] as const,
  class: (id: string) => ['training', 'class', id] as const,
  enrolments: (id: string) => ['training', 'class', id, 'enrolments'] as const,
  attendance: (id: string) => ['training', 'class', id, 'attendance'] as const,
  claims: (q: object) => ['training', 'claims', q] as const,
  rules: ['training', 'rules'] as const,
  batches: ['training', 'batches'] as const,
  targets: (year: number) => ['training', 'targets', year] as const,
};

export const getInstitutions = (query: QueryOf<'/api/training/institutions', 'get'>, signal?: AbortSignal) =>
  GET('/api/training/institutions', { params: { query }, signal });
export const createInstitution = (body: InstitutionInput) => POST('/api/training/institutions', { body });
export const updateInstitution = (id: string, body: InstitutionUpdate) =>
  PATCH('/api/training/institutions/{id}', { params: { path: { id } }, body });

export const getClasses = (query: ClassQuery, signal?: AbortSignal) =>
  GET('/api/training/classes', { params: { query }, signal });
export const getClass = (id: string, signal?: AbortSignal) =>
  GET('/api/training/classes/{id}', { params: { path: { id } }, signal });
export const createClass = (body: ClassInput) => POST('/api/training/classes', { body });

export const getEnrolments = (id: string, signal?: AbortSignal) =>
  GET('/api/training/classes/{id}/enrolments', { params: { path: { id } }, signal });
export const enrol = (id: string, body: EnrolInput) =>
  POST('/api/training/classes/{id}/enrolments', { params: { path: { id } }, body });
export const setResult = (id: string, enrolmentId: string, body: ResultInput) =>
  PATCH('/api/training/classes/{id}/enrolments/{enrolmentId}', { params: { path: { id, enrolmentId } }, body });
export const issueCertificate = (id: string, enrolmentId: string, body: CertificateInput) =>
  POST('/api/training/classes/{id}/enrolments/{enrolmentId}/certificates', {
    params: { path: { id, enrolmentId } },
    body,
  });
export const previewSubsidy = (id: string, enrolmentId: string) =>
  GET('/api/training/classes/{id}/enrolments/{enrolmentId}/subsidy', { params: { path: { id, enrolmentId } } });
export const getAttendance = (id: string, signal?: AbortSignal) =>
  GET('/api/training/classes/{id}/attendance', { params: { path: { id } }, signal });
export const putAttendance = (id: string, session: number, present: string[]) =>
  PUT('/api/training/classes/{id}/attendance', { params: { path: { id } }, body: { session, present } });

export const exportEnrolments = (id: string) =>
  GET_FILE('/api/training/classes/{id}/enrolments/export', { params: { path: { id } } });
export const completionDocumentUrl = (id: string) =>
  urlOf('/api/training/classes/{id}/completion', { params: { path: { id } } });
export const enrolmentsTemplate = () =>
  GET_FILE('/api/imports/templates/{kind}', { params: { path: { kind: 'training_enrolments' } } });
export function uploadEnrolments(id: string, file: File) {
  const body = new FormData();
  body.append('file', file, file.name);
  return UPLOAD('/api/training/classes/{id}/enrolments/upload', { params: { path: { id } }, body });
}

export const getRules = (signal?: AbortSignal) => GET('/api/training/subsidies/rules', { signal });
export const createRule = (body: RuleInput) => POST('/api/training/subsidies/rules', { body });
export const updateRule = (id: string, body: RuleInput) =>
  PUT('/api/training/subsidies/rules/{id}', { params: { path: { id } }, body });
export const setRuleActive = (id: string, active: boolean) =>
  PATCH('/api/training/subsidies/rules/{id}', { params: { path: { id } }, body: { active } });
export const exportClaims = (query: QueryOf<'/api/training/subsidies/export', 'get'>) =>
  GET_FILE('/api/training/subsidies/export', { params: { query } });
export const getClaims = (query: ClaimQuery, signal?: AbortSignal) =>
  GET('/api/training/subsidies', { params: { query }, signal });
export const createClaim = (body: ClaimInput) => POST('/api/training/subsidies', { body });
export const approveClaim = (id: string, note?: string) =>
  POST('/api/training/subsidies/{id}/approve', { params: { path: { id } }, body: { confirm: true, note } });
export const rejectClaim = (id: string, note: string) =>
  POST('/api/training/subsidies/{id}/reject', { params: { path: { id } }, body: { note } });
export const getBatches = (signal?: AbortSignal) => GET('/api/training/subsidies/batches', { signal });
export const createBatch = (countyCode: string) =>
  POST('/api/training/subsidies/batches', { body: { countyCode, confirm: true } });
export const exportBatch = (id: string) =>
  GET_FILE('/api/training/subsidies/batches/{id}/export', { params: { path: { id } } });

export const getTargets = (year: number, signal?: AbortSignal) =>
  GET('/api/training/targets', { params: { query: { year } }, signal });
export const putTarget = (body: TargetInput) => PUT('/api/training/targets', { body });

/** The 职业分类大典 occupations as select options (code · name). */
export { OCCUPATIONS } from '@mwsp/domain';
