// Calls and types of the case engine (案件办理: complaints, later inspection, arbitration …) and the staff
// registration of complaints (投诉举报). Types are aliases of the generated contract (`npm run gen:api`).
import {
  CASE_QUEUE_LABELS,
  CLAIM_KIND_LABELS,
  CLOCK_LEVEL_LABELS,
  COMPLAINT_CHANNEL_LABELS,
  type CaseQueue,
} from '@mwsp/domain';
import { ApiError } from '../../api/client';
import { GET, GET_FILE, POST, PUT, urlOf } from '../../api/typed';
import type { Problem } from '../../api/types';
import type { BodyOf, QueryOf, ResponseOf } from '../../api/openapi';

export { CASE_QUEUE_LABELS, CLAIM_KIND_LABELS, CLOCK_LEVEL_LABELS, COMPLAINT_CHANNEL_LABELS, type CaseQueue };

export type CaseListItem = ResponseOf<'/api/cases', 'get'>['items'][number];
export type CaseListQuery = QueryOf<'/api/cases', 'get'>;
export type CaseDetail = ResponseOf<'/api/cases/{id}', 'get'>;
export type CaseClock = CaseDetail['clocks'][number];
export type CaseTransition = CaseDetail['transitions'][number];
export type ComplaintInput = BodyOf<'/api/complaints', 'post'>;
export type CaseAttachments = ResponseOf<'/api/cases/{id}/attachments', 'get'>;
export type CaseAttachmentItem = CaseAttachments['items'][number];
export type ArbitrationInput = BodyOf<'/api/rights/arbitrations', 'post'>;
export type MediationInput = BodyOf<'/api/rights/mediations', 'post'>;

export const caseKeys = {
  all: ['cases'] as const,
  list: (q: CaseListQuery) => ['cases', 'list', q] as const,
  detail: (id: string) => ['cases', 'detail', id] as const,
  types: ['cases', 'types'] as const,
  attachments: (id: string) => ['cases', 'attachments', id] as const,
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

// ---------------------------------------------------------------- 维权统计
export type RightsStats = ResponseOf<'/api/rights/stats', 'get'>;
export type RightsStatsQuery = QueryOf<'/api/rights/stats', 'get'>;
export const statsKeys = { stats: (q: RightsStatsQuery) => ['cases', 'stats', q] as const };
export const getRightsStats = (query: RightsStatsQuery, signal?: AbortSignal) =>
  GET('/api/rights/stats', { params: { query }, signal });
export const downloadRightsStats = (query: RightsStatsQuery) =>
  GET_FILE('/api/rights/stats.xlsx', { params: { query } });
// ---- attachments (附件) ----
export const getAttachments = (id: string, signal?: AbortSignal) =>
  GET('/api/cases/{id}/attachments', { params: { path: { id } }, signal });
/**
 * multipart: the document kind first, then the file (the server reads them in this order). The one call made with
 * XMLHttpRequest instead of fetch: fetch reports no upload progress. Same cookie, same problem+json errors.
 */
export function uploadAttachment(
  id: string,
  docKind: string,
  file: File,
  onProgress?: (percent: number) => void,
): Promise<CaseAttachmentItem> {
  const form = new FormData();
  form.append('docKind', docKind);
  form.append('file', file);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/cases/${encodeURIComponent(id)}/attachments`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress?.(Math.round((e.loaded * 100) / e.total));
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      if (xhr.status === 201) resolve(body as CaseAttachmentItem);
      else reject(new ApiError(xhr.status, (body ?? {}) as Problem, `上传失败（${xhr.status}），请重试`));
    };
    xhr.onerror = () => reject(new ApiError(0, { code: 'NETWORK' } as Problem, '网络连接失败，请检查网络后重试'));
    xhr.send(form);
  });
}
export const downloadAttachment = (id: string, aid: string) =>
  GET_FILE('/api/cases/{id}/attachments/{aid}', { params: { path: { id, aid } } });
// ---------------------------------------------------------------- legal aid (法律援助) and 行刑衔接
export { LEGAL_AID_CHANNEL_LABELS, LEGAL_AID_PROVIDER_KIND_LABELS } from '@mwsp/domain';
export type LegalAidProvider = ResponseOf<'/api/rights/legal-aid-providers/{id}', 'get'>;
export type LegalAidProviderQuery = QueryOf<'/api/rights/legal-aid-providers', 'get'>;
export type LegalAidProviderInput = BodyOf<'/api/rights/legal-aid-providers', 'post'>;

export const providerKeys = {
  all: ['legal-aid-providers'] as const,
  list: (q: LegalAidProviderQuery) => ['legal-aid-providers', 'list', q] as const,
};

export const getProviders = (query: LegalAidProviderQuery, signal?: AbortSignal) =>
  GET('/api/rights/legal-aid-providers', { params: { query }, signal });
export const createProvider = (body: LegalAidProviderInput) => POST('/api/rights/legal-aid-providers', { body });
export const updateProvider = (id: string, body: LegalAidProviderInput) =>
  PUT('/api/rights/legal-aid-providers/{id}', { params: { path: { id } }, body });
/** Print-ready HTML 移送材料 of a transfer to the police (open in a new window). */
export const policeEvidenceUrl = (id: string) =>
  urlOf('/api/rights/police-transfers/{id}/evidence', { params: { path: { id } } });
export const applyArbitration = (body: ArbitrationInput) => POST('/api/rights/arbitrations', { body });
export const applyMediation = (body: MediationInput) => POST('/api/rights/mediations', { body });
/** The active mediation organisations in scope (调解组织), for a mediation application. */
export const getActiveMediationOrgs = (signal?: AbortSignal) =>
  GET('/api/rights/mediation-orgs', { params: { query: { active: true, pageSize: 200 } }, signal });
