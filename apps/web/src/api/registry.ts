// Calls of the real-name registry (docs/REGISTRY-API.md).
import { apiBlob, http } from './client';
import type {
  CodeTables,
  Employer,
  EmployerInput,
  EmployerListQuery,
  Employment,
  EmploymentInput,
  EmploymentListQuery,
  EmploymentPatch,
  ExportRequest,
  ImportJob,
  ImportKind,
  InsuranceItem,
  InsuranceTransferInput,
  ListResult,
  Region,
  TimelineEntry,
  UnmaskRequest,
  UnmaskResult,
  WithWarnings,
  Worker,
  WorkerInsuranceSaved,
  WorkerMerged,
  WorkerPage,
  WorkerSaved,
  WorkerInput,
  WorkerListQuery,
  WorkerPatch,
} from './types';

const enc = encodeURIComponent;

/** Query keys of the registry, grouped so that invalidation by prefix works. */
export const rqk = {
  codeTables: ['code-tables'] as const,
  regionProvinces: ['regions', 'children', ''] as const,
  workersAll: ['workers'] as const,
  workers: (query: WorkerListQuery) => ['workers', 'list', query] as const,
  worker: (id: string) => ['workers', 'detail', id] as const,
  timeline: (id: string) => ['workers', 'timeline', id] as const,
  employersAll: ['employers'] as const,
  employers: (query: EmployerListQuery) => ['employers', 'list', query] as const,
  employer: (id: string) => ['employers', 'detail', id] as const,
  employerSearch: (q: string) => ['employers', 'search', q] as const,
  employmentsAll: ['employments'] as const,
  employments: (query: EmploymentListQuery) => ['employments', query] as const,
  importsAll: ['imports'] as const,
  imports: (page: number, pageSize: number) => ['imports', 'list', page, pageSize] as const,
  importJob: (id: string) => ['imports', 'job', id] as const,
};

// ---- Code tables ----
export const getCodeTables = (signal?: AbortSignal) => http.get<CodeTables>('/api/code-tables', undefined, signal);

// ---- Regions of the whole country (no parent → the provinces) ----
export const getProvinces = (signal?: AbortSignal) => http.get<Region[]>('/api/regions', undefined, signal);

// ---- Workers ----
export const getWorkers = (query: WorkerListQuery, signal?: AbortSignal) =>
  http.get<WorkerPage>('/api/workers', { ...query }, signal);
export const getWorker = (id: string, signal?: AbortSignal) =>
  http.get<Worker>(`/api/workers/${enc(id)}`, undefined, signal);
export const createWorker = (body: WorkerInput) => http.post<WorkerSaved>('/api/workers', body);
export const updateWorker = (id: string, body: WorkerPatch) => http.patch<WorkerSaved>(`/api/workers/${enc(id)}`, body);
/** Clear values: audited on the server; never put the answer into the query cache. */
export const unmaskWorker = (id: string, body: UnmaskRequest) =>
  http.post<UnmaskResult>(`/api/workers/${enc(id)}/unmask`, body);
export const getWorkerTimeline = (id: string, signal?: AbortSignal) =>
  http.get<TimelineEntry[]>(`/api/workers/${enc(id)}/timeline`, undefined, signal);
export const mergeWorker = (id: string, duplicateId: string) =>
  http.post<WorkerMerged>(`/api/workers/${enc(id)}/merge`, { duplicateId });
export const putWorkerInsurance = (id: string, items: InsuranceItem[]) =>
  http.put<WorkerInsuranceSaved>(`/api/workers/${enc(id)}/insurance`, { items });
export const addInsuranceTransfer = (id: string, body: InsuranceTransferInput) =>
  http.post<unknown>(`/api/workers/${enc(id)}/insurance/transfers`, body);

// ---- Employers ----
export const getEmployers = (query: EmployerListQuery, signal?: AbortSignal) =>
  http.get<ListResult<Employer>>('/api/employers', { ...query }, signal);
export const getEmployer = (id: string, signal?: AbortSignal) =>
  http.get<Employer>(`/api/employers/${enc(id)}`, undefined, signal);
export const createEmployer = (body: EmployerInput) => http.post<WithWarnings<Employer>>('/api/employers', body);
export const updateEmployer = (id: string, body: Partial<EmployerInput>) =>
  http.patch<WithWarnings<Employer>>(`/api/employers/${enc(id)}`, body);

// ---- Employments ----
export const getEmployments = (query: EmploymentListQuery, signal?: AbortSignal) =>
  http.get<ListResult<Employment>>('/api/employments', { ...query }, signal);
export const createEmployment = (body: EmploymentInput) =>
  http.post<WithWarnings<Employment>>('/api/employments', body);
export const updateEmployment = (id: string, body: EmploymentPatch) =>
  http.patch<WithWarnings<Employment>>(`/api/employments/${enc(id)}`, body);

// ---- Imports and exports ----
export const downloadImportTemplate = (kind: ImportKind) => apiBlob(`/api/imports/templates/${enc(kind)}`);
export function uploadImport(kind: ImportKind, file: File, signal?: AbortSignal) {
  const form = new FormData();
  form.append('kind', kind);
  form.append('file', file, file.name);
  return http.upload<ImportJob>('/api/imports', form, { signal });
}
export const getImports = (page: number, pageSize: number, signal?: AbortSignal) =>
  http.get<ListResult<ImportJob>>('/api/imports', { page, pageSize }, signal);
export const getImport = (id: string, signal?: AbortSignal) =>
  http.get<ImportJob>(`/api/imports/${enc(id)}`, undefined, signal);
export const downloadImportErrors = (id: string) => apiBlob(`/api/imports/${enc(id)}/errors.xlsx`);
export const exportWorkers = (body: ExportRequest) => apiBlob('/api/exports', { method: 'POST', body });
