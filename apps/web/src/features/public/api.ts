// Calls of the public pages (no sign-in). They go through the platform client with the session
// handlers switched off, so that an unexpected 401 can never send a worker to the sign-in page.
import { GET, POST } from '../../api/typed';
import type { ListResult } from '../../api/types';
import type { PublicDefaulter, WageLookupInput } from '../wages/api';

export const publicQk = {
  project: (code: string) => ['public', 'project', code] as const,
  defaulters: (q: string, page: number, pageSize: number) => ['public', 'defaulters', q, page, pageSize] as const,
};

export const getPublicProject = (code: string, signal?: AbortSignal) =>
  GET('/api/public/projects/{code}', { params: { path: { code } }, signal, skipAuthHandlers: true });

export const getPublicDefaulters = (
  query: { q?: string; page: number; pageSize: number },
  signal?: AbortSignal,
): Promise<ListResult<PublicDefaulter>> =>
  GET('/api/public/defaulters', { params: { query }, signal, skipAuthHandlers: true });

export const lookupWages = (body: WageLookupInput) => POST('/api/public/wage-lookup', { body, skipAuthHandlers: true });

export type PublicComplaintInput = import('../../api/openapi').BodyOf<'/api/public/complaints', 'post'>;
export const filePublicComplaint = (body: PublicComplaintInput) =>
  POST('/api/public/complaints', { body, skipAuthHandlers: true });
export const lookupComplaint = (receipt: string, phone: string) =>
  GET('/api/public/complaints/{receipt}', {
    params: { path: { receipt }, query: { phone } },
    skipAuthHandlers: true,
  });
export const getComplaintRegions = (signal?: AbortSignal) =>
  GET('/api/public/complaint-regions', { signal, skipAuthHandlers: true });
