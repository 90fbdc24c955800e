// Calls and types of employment services (就业服务): job postings with moderation, seekers, explained matches and
// referrals. Types are aliases of the generated contract (`npm run gen:api`).
import {
  JOB_STATUS_LABELS,
  PLACE_PREFERENCE_LABELS,
  REFERRAL_OUTCOME_LABELS,
  SEEKER_STATUS_LABELS,
  type JobStatus,
  type ReferralOutcome,
} from '@mwsp/domain';
import { GET, GET_FILE, POST, PUT, UPLOAD } from '../../api/typed';
import type { BodyOf, QueryOf, ResponseOf } from '../../api/openapi';

export { JOB_STATUS_LABELS, PLACE_PREFERENCE_LABELS, REFERRAL_OUTCOME_LABELS, SEEKER_STATUS_LABELS };
export type { JobStatus, ReferralOutcome };

export type Job = ResponseOf<'/api/jobs/{id}', 'get'>;
export type JobInput = BodyOf<'/api/jobs', 'post'>;
export type JobListQuery = QueryOf<'/api/jobs', 'get'>;
export type Moderation = ResponseOf<'/api/jobs/moderation', 'post'>;
export type Seeker = ResponseOf<'/api/seekers/{id}', 'get'>;
export type SeekerInput = BodyOf<'/api/seekers', 'post'>;
export type SeekerListQuery = QueryOf<'/api/seekers', 'get'>;
export type JobMatches = ResponseOf<'/api/seekers/{id}/matches', 'get'>;
export type Referral = ResponseOf<'/api/referrals', 'get'>['items'][number];
export type ReferralListQuery = QueryOf<'/api/referrals', 'get'>;
export type OutcomeInput = BodyOf<'/api/referrals/{id}/outcome', 'post'>;

export const employmentKeys = {
  all: ['employment'] as const,
  jobs: (q: JobListQuery) => ['employment', 'jobs', q] as const,
  seekers: (q: SeekerListQuery) => ['employment', 'seekers', q] as const,
  seeker: (id: string) => ['employment', 'seeker', id] as const,
  matches: (id: string) => ['employment', 'matches', id] as const,
  referrals: (q: ReferralListQuery) => ['employment', 'referrals', q] as const,
};

export const getJobs = (query: JobListQuery, signal?: AbortSignal) => GET('/api/jobs', { params: { query }, signal });
export const createJob = (body: JobInput) => POST('/api/jobs', { body });
export const updateJob = (id: string, body: JobInput & { version: number }) =>
  PUT('/api/jobs/{id}', { params: { path: { id } }, body });
export const moderateJob = (body: JobInput) => POST('/api/jobs/moderation', { body });
export const withdrawJob = (id: string, reason: string) =>
  POST('/api/jobs/{id}/withdraw', { params: { path: { id } }, body: { confirm: true, reason } });
export const getSeekers = (query: SeekerListQuery, signal?: AbortSignal) =>
  GET('/api/seekers', { params: { query }, signal });
export const getSeeker = (id: string, signal?: AbortSignal) =>
  GET('/api/seekers/{id}', { params: { path: { id } }, signal });
export const createSeeker = (body: SeekerInput) => POST('/api/seekers', { body });
export const reconfirmSeeker = (id: string) => POST('/api/seekers/{id}/reconfirm', { params: { path: { id } } });
export const getSeekerMatches = (id: string, signal?: AbortSignal) =>
  GET('/api/seekers/{id}/matches', { params: { path: { id }, query: {} }, signal });
export const getReferrals = (query: ReferralListQuery, signal?: AbortSignal) =>
  GET('/api/referrals', { params: { query }, signal });
export const createReferral = (seekerId: string, jobId: string, impressionId: string) =>
  POST('/api/referrals', { body: { seekerId, jobId, impressionId } });
export const recordOutcome = (id: string, body: OutcomeInput) =>
  POST('/api/referrals/{id}/outcome', { params: { path: { id } }, body });
export const recordFollowUp = (id: string, day: 30 | 90, stillEmployed: boolean) =>
  POST('/api/referrals/{id}/follow-ups', { params: { path: { id } }, body: { day, stillEmployed } });

// ---- 导入、导出 (the platform's import engine; the lists as watermarked xlsx, names masked)
export const JOBS_IMPORT_KIND = 'employment_jobs';
export const jobsImportTemplate = () =>
  GET_FILE('/api/imports/templates/{kind}', { params: { path: { kind: JOBS_IMPORT_KIND } } });
export function uploadJobs(file: File) {
  const body = new FormData();
  body.append('kind', JOBS_IMPORT_KIND);
  body.append('file', file, file.name);
  return UPLOAD('/api/imports', { body });
}
const filtersOf = <Q extends { page?: number; pageSize?: number }>(q: Q) => {
  const { page: _p, pageSize: _s, ...rest } = q;
  void _p;
  void _s;
  return rest;
};
export const exportJobs = (q: JobListQuery) => GET_FILE('/api/jobs/export', { params: { query: filtersOf(q) } });
export const exportSeekers = (q: SeekerListQuery) =>
  GET_FILE('/api/seekers/export', { params: { query: filtersOf(q) } });
export const exportReferrals = (q: ReferralListQuery) =>
  GET_FILE('/api/referrals/export', { params: { query: filtersOf(q) } });
