// Calls and types of mediation and arbitration (调解组织、调解申请、仲裁申请). Types are aliases of the generated
// contract (`npm run gen:api`).
import { MEDIATION_ORG_KIND_LABELS, type MediationOrgKind } from '@mwsp/domain';
import { GET, GET_FILE, POST, PUT, urlOf } from '../../api/typed';
import type { BodyOf, QueryOf, ResponseOf } from '../../api/openapi';

export { MEDIATION_ORG_KIND_LABELS, type MediationOrgKind };

export type MediationOrg = ResponseOf<'/api/rights/mediation-orgs', 'get'>['items'][number];
export type MediationOrgQuery = QueryOf<'/api/rights/mediation-orgs', 'get'>;
export type MediationOrgInput = BodyOf<'/api/rights/mediation-orgs', 'post'>;
export type MediationOrgPatch = BodyOf<'/api/rights/mediation-orgs/{id}', 'put'>;

export const mediationKeys = {
  all: ['mediation-orgs'] as const,
  list: (q: MediationOrgQuery) => ['mediation-orgs', 'list', q] as const,
};

export const getMediationOrgs = (query: MediationOrgQuery, signal?: AbortSignal) =>
  GET('/api/rights/mediation-orgs', { params: { query }, signal });
export const createMediationOrg = (body: MediationOrgInput) => POST('/api/rights/mediation-orgs', { body });
export const updateMediationOrg = (id: string, body: MediationOrgPatch) =>
  PUT('/api/rights/mediation-orgs/{id}', { params: { path: { id } }, body });
export const deactivateMediationOrg = (id: string) =>
  POST('/api/rights/mediation-orgs/{id}/deactivate', { params: { path: { id } } });
export const activateMediationOrg = (id: string) =>
  POST('/api/rights/mediation-orgs/{id}/activate', { params: { path: { id } } });

// ---- 行政处罚 (administrative penalty decisions) ----
export type Penalty = ResponseOf<'/api/rights/penalties', 'get'>['items'][number];
export type PenaltyQuery = QueryOf<'/api/rights/penalties', 'get'>;

export const penaltyKeys = {
  all: ['penalties'] as const,
  list: (q: PenaltyQuery) => ['penalties', 'list', q] as const,
};

export const getPenalties = (query: PenaltyQuery, signal?: AbortSignal) =>
  GET('/api/rights/penalties', { params: { query }, signal });
export const downloadPenalties = (query: PenaltyQuery) => GET_FILE('/api/rights/penalties.xlsx', { params: { query } });
/** Print-ready HTML 行政处罚决定书 (or, kind 'notice', its 事先告知书) of one decision (open in a new window). */
export const penaltyDocumentUrl = (id: string, kind: 'decision' | 'notice' = 'decision') =>
  urlOf('/api/rights/penalties/{id}/document', {
    params: { path: { id }, query: kind === 'notice' ? { kind } : {} },
  });
