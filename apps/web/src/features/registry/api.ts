// Calls of the real-name registry (docs/REGISTRY-API.md).
import { GET, GET_FILE, PATCH, POST, POST_FILE, PUT, UPLOAD } from '../../api/typed';
import type {
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
  UnmaskRequest,
  WithWarnings,
  WorkerSaved,
  WorkerInput,
  WorkerListQuery,
  WorkerPatch,
} from '../../api/types';

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
export const getCodeTables = (signal?: AbortSignal) => GET('/api/code-tables', { signal });

// ---- Regions of the whole country (no parent → the provinces) ----
export const getProvinces = (signal?: AbortSignal) => GET('/api/regions', { signal });

// ---- Workers ----
export const getWorkers = (query: WorkerListQuery, signal?: AbortSignal) =>
  GET('/api/workers', { params: { query }, signal });
export const getWorker = (id: string, signal?: AbortSignal) =>
  GET('/api/workers/{id}', { params: { path: { id } }, signal });
export const createWorker = (body: WorkerInput) => POST('/api/workers', { body });
export const updateWorker = (id: string, body: WorkerPatch): Promise<WorkerSaved> =>
  PATCH('/api/workers/{id}', { params: { path: { id } }, body });
/** Clear values: audited on the server; never put the answer into the query cache. */
export const unmaskWorker = (id: string, body: UnmaskRequest) =>
  POST('/api/workers/{id}/unmask', { params: { path: { id } }, body });
export const getWorkerTimeline = (id: string, signal?: AbortSignal) =>
  GET('/api/workers/{id}/timeline', { params: { path: { id } }, signal });
export const mergeWorker = (id: string, duplicateId: string) =>
  POST('/api/workers/{id}/merge', { params: { path: { id } }, body: { duplicateId } });
export const putWorkerInsurance = (id: string, items: InsuranceItem[]) =>
  PUT('/api/workers/{id}/insurance', { params: { path: { id } }, body: { items } });
export const addInsuranceTransfer = (id: string, body: InsuranceTransferInput) =>
  POST('/api/workers/{id}/insurance/transfers', { params: { path: { id } }, body });

// ---- Employers ----
export const getEmployers = (query: EmployerListQuery, signal?: AbortSignal): Promise<ListResult<Employer>> =>
  GET('/api/employers', { params: { query }, signal });
export const getEmployer = (id: string, signal?: AbortSignal) =>
  GET('/api/employers/{id}', { params: { path: { id } }, signal });
export const createEmployer = (body: EmployerInput): Promise<WithWarnings<Employer>> =>
  POST('/api/employers', { body });
export const updateEmployer = (id: string, body: Partial<EmployerInput>): Promise<WithWarnings<Employer>> =>
  PATCH('/api/employers/{id}', { params: { path: { id } }, body });

// ---- Employments ----
export const getEmployments = (query: EmploymentListQuery, signal?: AbortSignal): Promise<ListResult<Employment>> =>
  GET('/api/employments', { params: { query }, signal });
export const createEmployment = (body: EmploymentInput): Promise<WithWarnings<Employment>> =>
  POST('/api/employments', { body });
export const updateEmployment = (id: string, body: EmploymentPatch): Promise<WithWarnings<Employment>> =>
  PATCH('/api/employments/{id}', { params: { path: { id } }, body });

// ---- Imports and exports ----
export const downloadImportTemplate = (kind: ImportKind) =>
  GET_FILE('/api/imports/templates/{kind}', { params: { path: { kind } } });
export function uploadImport(kind: ImportKind, file: File, signal?: AbortSignal): Promise<ImportJob> {
  const form = new FormData();
  form.append('kind', kind);
  form.append('file', file, file.name);
  return UPLOAD('/api/imports', { body: form, signal });
}
export const getImports = (page: number, pageSize: number, signal?: AbortSignal): Promise<ListResult<ImportJob>> =>
  GET('/api/imports', { params: { query: { page, pageSize } }, signal });
export const getImport = (id: string, signal?: AbortSignal) =>
  GET('/api/imports/{id}', { params: { path: { id } }, signal });
/** The failed rows of an import job, paged (components/imports/ImportErrorsTable.tsx still calls it by hand). */
export const downloadImportErrors = (id: string) =>
  GET_FILE('/api/imports/{id}/errors.xlsx', { params: { path: { id } } });
export const exportWorkers = (body: ExportRequest) => POST_FILE('/api/exports', { body });
