// Calls and types of the case engine (案件办理: complaints, later inspection, arbitration …) and the staff
// registration of complaints (投诉举报). Types are aliases of the generated contract (`npm run gen:api`).
import {
  CASE_QUEUE_LABELS,
  CLAIM_KIND_LABELS,
  CLOCK_LEVEL_LABELS,
  COMPLAINT_CHANNEL_LABELS,
  type CaseQueue,
} from '@mwsp/domain';
import { GET, POST } from '../../api/typed';
import type { BodyOf, QueryOf, ResponseOf } from '../../api/openapi';

export { CASE_QUEUE_LABELS, CLAIM_KIND_LABELS, CLOCK_LEVEL_LABELS, COMPLAINT_CHANNEL_LABELS, type CaseQueue };

export type CaseListItem = ResponseOf<'/api/cases', 'get'>['items'][number];
export type CaseListQuery = QueryOf<'/api/cases', 'get'>;
export type CaseDetail = ResponseOf<'/api/cases/{id}', 'get'>;
export type CaseClock = CaseDetail['clocks'][number];
export type CaseTransition = CaseDetail['transitions'][number];
export type ComplaintInput = BodyOf<'/api/complaints', 'post'>;
export type ArbitrationInput = BodyOf<'/api/rights/arbitrations', 'post'>;
export type MediationInput = BodyOf<'/api/rights/mediations', 'post'>;

export const caseKeys = {
  all: ['cases'] as const,
  list: (q: CaseListQuery) => ['cases', 'list', q] as const,
  detail: (id: string) => ['cases', 'detail', id] as const,
  types: ['cases', 'types'] as const,
};

export const getCases = (query: CaseListQuery, signal?: AbortSignal) =>
  GET('/api/cases', { params: { query }, signal });
export const getCase = (id: string, signal?: AbortSignal) =>
  GET('/api/cases/{id}', { params: { path: { id } }, signal });
export const getCaseTypes = (signal?: AbortSignal) => GET('/api/case-types', { signal });
export const postTransition = (id: string, event: string, fields: Record<string, unknown>) =>
  POST('/api/cases/{id}/transitions', { params: { path: { id } }, body: { event, fields } });
export const postComment = (id: string, body: string) =>
  POST('/api/cases/{id}/comments', { params: { path: { id } }, body: { body } });
export const createComplaint = (body: ComplaintInput) => POST('/api/complaints', { body });
export const applyArbitration = (body: ArbitrationInput) => POST('/api/rights/arbitrations', { body });
export const applyMediation = (body: MediationInput) => POST('/api/rights/mediations', { body });
/** The active mediation organisations in scope (调解组织), for a mediation application. */
export const getActiveMediationOrgs = (signal?: AbortSignal) =>
  GET('/api/rights/mediation-orgs', { params: { query: { active: true, pageSize: 200 } }, signal });
