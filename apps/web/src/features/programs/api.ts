// Calls and types of the employment programmes (招聘活动, 用工调查, 劳务协作, 创业扶持, 政策咨询). Types are aliases
// of the generated contract (`npm run gen:api`).
import {
  CAMPAIGN_KIND_LABELS,
  CONSULT_CHANNEL_LABELS,
  CONSULT_TOPIC_LABELS,
  INCUBATOR_KIND_LABELS,
  LOAN_STATUS_LABELS,
  MODEL_SITE_KIND_LABELS,
  OUTBOUND_STATUS_LABELS,
} from '@mwsp/domain';
import { DELETE, GET, GET_FILE, POST, PUT } from '../../api/typed';
import type { BodyOf, QueryOf, ResponseOf } from '../../api/openapi';

export {
  CAMPAIGN_KIND_LABELS,
  CONSULT_CHANNEL_LABELS,
  CONSULT_TOPIC_LABELS,
  INCUBATOR_KIND_LABELS,
  LOAN_STATUS_LABELS,
  MODEL_SITE_KIND_LABELS,
  OUTBOUND_STATUS_LABELS,
};

export type ListQuery = QueryOf<'/api/campaigns', 'get'>;
export type RegionResults = ResponseOf<'/api/campaigns/results', 'get'>;
export type Campaign = ResponseOf<'/api/campaigns', 'get'>['items'][number];
export type CampaignDetail = ResponseOf<'/api/campaigns/{id}', 'get'>;
export type Fair = CampaignDetail['fairList'][number];
export type CampaignInput = BodyOf<'/api/campaigns', 'post'>;
export type FairInput = BodyOf<'/api/campaigns/{id}/fairs', 'post'>;
export type FairResultsInput = BodyOf<'/api/campaigns/{id}/fairs/{fairId}/results', 'put'>;
export type DemandSurvey = ResponseOf<'/api/surveys/demand', 'get'>['items'][number];
export type OutboundSurvey = ResponseOf<'/api/surveys/outbound', 'get'>['items'][number];
export type Agreement = ResponseOf<'/api/cooperation/agreements', 'get'>['items'][number];
export type Station = ResponseOf<'/api/cooperation/stations', 'get'>['items'][number];
export type Group = ResponseOf<'/api/cooperation/groups', 'get'>['items'][number];
export type Brand = ResponseOf<'/api/cooperation/brands', 'get'>['items'][number];
export type ModelSite = ResponseOf<'/api/cooperation/model-sites', 'get'>['items'][number];
export type Loan = ResponseOf<'/api/startup/loans', 'get'>['items'][number];
export type Incubator = ResponseOf<'/api/startup/incubators', 'get'>['items'][number];
export type Consultation = ResponseOf<'/api/consulting', 'get'>['items'][number];
export type ConsultationStats = ResponseOf<'/api/consulting/stats', 'get'>;
export type SurveyKind = 'demand' | 'outbound';

export const programKeys = {
  all: ['programs'] as const,
  list: (what: string, q: object) => ['programs', what, q] as const,
  results: (what: string, q: object = {}) => ['programs', 'results', what, q] as const,
  campaign: (id: string) => ['programs', 'campaign', id] as const,
};

export const getCampaigns = (query: ListQuery, signal?: AbortSignal) =>
  GET('/api/campaigns', { params: { query }, signal });
export const getCampaign = (id: string, signal?: AbortSignal) =>
  GET('/api/campaigns/{id}', { params: { path: { id } }, signal });
export const getCampaignResults = (campaignId?: string, signal?: AbortSignal) =>
  GET('/api/campaigns/results', { params: { query: campaignId ? { campaignId } : {} }, signal });
export const createCampaign = (body: CampaignInput) => POST('/api/campaigns', { body });
export const createFair = (id: string, body: FairInput) =>
  POST('/api/campaigns/{id}/fairs', { params: { path: { id } }, body });
export const putFairResults = (id: string, fairId: string, body: FairResultsInput) =>
  PUT('/api/campaigns/{id}/fairs/{fairId}/results', { params: { path: { id, fairId } }, body });

export const getDemand = (query: ListQuery, signal?: AbortSignal) =>
  GET('/api/surveys/demand', { params: { query }, signal });
export const getOutbound = (query: ListQuery, signal?: AbortSignal) =>
  GET('/api/surveys/outbound', { params: { query }, signal });
export const createDemand = (body: BodyOf<'/api/surveys/demand', 'post'>) => POST('/api/surveys/demand', { body });
export const createOutbound = (body: BodyOf<'/api/surveys/outbound', 'post'>) =>
  POST('/api/surveys/outbound', { body });
export const getSurveyResults = (kind: SurveyKind, signal?: AbortSignal) =>
  GET('/api/surveys/{kind}/results', { params: { path: { kind }, query: {} }, signal });
export const exportSurvey = (kind: SurveyKind, query: { q?: string; regionCode?: string }) =>
  GET_FILE('/api/surveys/{kind}/export', { params: { path: { kind }, query } });

export const getAgreements = (query: ListQuery, signal?: AbortSignal) =>
  GET('/api/cooperation/agreements', { params: { query }, signal });
export const getStations = (query: ListQuery, signal?: AbortSignal) =>
  GET('/api/cooperation/stations', { params: { query }, signal });
export const getGroups = (query: ListQuery, signal?: AbortSignal) =>
  GET('/api/cooperation/groups', { params: { query }, signal });
export const getBrands = (query: ListQuery, signal?: AbortSignal) =>
  GET('/api/cooperation/brands', { params: { query }, signal });
export const getModelSites = (query: ListQuery, signal?: AbortSignal) =>
  GET('/api/cooperation/model-sites', { params: { query }, signal });
export const createAgreement = (body: BodyOf<'/api/cooperation/agreements', 'post'>) =>
  POST('/api/cooperation/agreements', { body });
export const createStation = (body: BodyOf<'/api/cooperation/stations', 'post'>) =>
  POST('/api/cooperation/stations', { body });
export const createGroup = (body: BodyOf<'/api/cooperation/groups', 'post'>) =>
  POST('/api/cooperation/groups', { body });
export const createBrand = (body: BodyOf<'/api/cooperation/brands', 'post'>) =>
  POST('/api/cooperation/brands', { body });
export const createModelSite = (body: BodyOf<'/api/cooperation/model-sites', 'post'>) =>
  POST('/api/cooperation/model-sites', { body });

export const getLoans = (query: ListQuery, signal?: AbortSignal) =>
  GET('/api/startup/loans', { params: { query }, signal });
export const getLoanCap = (signal?: AbortSignal) => GET('/api/startup/loan-cap', { signal });
export const createLoan = (body: BodyOf<'/api/startup/loans', 'post'>) => POST('/api/startup/loans', { body });
export const decideLoan = (id: string, body: BodyOf<'/api/startup/loans/{id}/decision', 'post'>) =>
  POST('/api/startup/loans/{id}/decision', { params: { path: { id } }, body });
export const getIncubators = (query: ListQuery, signal?: AbortSignal) =>
  GET('/api/startup/incubators', { params: { query }, signal });
export const createIncubator = (body: BodyOf<'/api/startup/incubators', 'post'>) =>
  POST('/api/startup/incubators', { body });

export const getConsultations = (query: ListQuery, signal?: AbortSignal) =>
  GET('/api/consulting', { params: { query }, signal });
export const getConsultationStats = (signal?: AbortSignal) => GET('/api/consulting/stats', { signal });
export const createConsultation = (body: BodyOf<'/api/consulting', 'post'>) => POST('/api/consulting', { body });

export type ProgramRegister =
  'campaigns' | 'agreements' | 'stations' | 'groups' | 'brands' | 'model-sites' | 'loans' | 'incubators' | 'consulting';
export const exportRegister = (register: ProgramRegister, query: { q?: string; regionCode?: string }) =>
  GET_FILE('/api/programs/{register}/export', { params: { path: { register }, query } });

/** Workers by name for the pickers (the registry's masked list). */
export const searchWorkers = (q: string, signal?: AbortSignal) =>
  GET('/api/workers', { params: { query: { q, pageSize: 20 } }, signal });

export const options = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

// ---- 人岗匹配权重 (per campaign; city level may change them)
export type MatchWeightsAnswer = ResponseOf<'/api/campaigns/{id}/match-weights', 'get'>;
export type MatchWeights = MatchWeightsAnswer['weights'];
export const matchWeightsKey = (id: string) => ['programs', 'campaign', id, 'match-weights'] as const;
export const getCampaignWeights = (id: string, signal?: AbortSignal) =>
  GET('/api/campaigns/{id}/match-weights', { params: { path: { id } }, signal });
export const putCampaignWeights = (id: string, weights: MatchWeights) =>
  PUT('/api/campaigns/{id}/match-weights', { params: { path: { id } }, body: { weights } });
export const resetCampaignWeights = (id: string) =>
  DELETE('/api/campaigns/{id}/match-weights', { params: { path: { id } } });
