// Calls of the public pages (no sign-in). They go through the platform client with the session
// handlers switched off, so that an unexpected 401 can never send a worker to the sign-in page.
import { api } from '../../api/client';
import type { ListResult } from '../../api/types';
import type { PublicDefaulter, PublicProject, WageLookupInput, WageLookupResult } from '../../api/wages';

const enc = encodeURIComponent;

export const publicQk = {
  project: (code: string) => ['public', 'project', code] as const,
  defaulters: (q: string, page: number, pageSize: number) => ['public', 'defaulters', q, page, pageSize] as const,
};

export const getPublicProject = (code: string, signal?: AbortSignal) =>
  api<PublicProject>(`/api/public/projects/${enc(code)}`, { signal, skipAuthHandlers: true });

export const getPublicDefaulters = (query: { q?: string; page: number; pageSize: number }, signal?: AbortSignal) =>
  api<ListResult<PublicDefaulter>>('/api/public/defaulters', { query: { ...query }, signal, skipAuthHandlers: true });

export const lookupWages = (body: WageLookupInput) =>
  api<WageLookupResult>('/api/public/wage-lookup', { method: 'POST', body, skipAuthHandlers: true });
