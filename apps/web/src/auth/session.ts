import type { QueryClient } from '@tanstack/react-query';
import { setAuthHandlers } from '../api/client';
import { getMe, logout, qk } from '../api/endpoints';
import { stagePaths } from '../api/labels';
import type { MeResponse } from '../api/types';
import { getFeedback } from '../components/feedback';
import { clearReturnTo, rememberReturnTo } from './returnTo';

type Navigate = (to: string, opts?: { replace?: boolean }) => unknown;

export const SESSION_EXPIRED_TEXT = '会话已超时，请重新登录';

/** Forget everything belonging to the signed-in user; keeps public data (system info). */
export function clearSession(qc: QueryClient): void {
  void qc.cancelQueries({ predicate: (q) => q.queryKey[0] !== 'system' });
  qc.setQueryData<MeResponse | null>(qk.me, null);
  qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' && q.queryKey[0] !== 'system' });
  qc.getMutationCache().clear();
}

/** Fetch /api/auth/me afresh and put it in the cache. */
export function refreshMe(qc: QueryClient): Promise<MeResponse | null> {
  return qc.fetchQuery({ queryKey: qk.me, queryFn: ({ signal }) => getMe(signal), staleTime: 0 });
}

function currentPath(): string {
  return window.location.pathname + window.location.search;
}

let stagePending: Promise<void> | null = null;

/** Install the global 401 / STAGE_REQUIRED handlers used by the API client. */
export function installAuthHandlers(qc: QueryClient, navigate: Navigate): void {
  setAuthHandlers({
    onUnauthorized: () => {
      const hadSession = qc.getQueryData<MeResponse | null>(qk.me) != null;
      clearSession(qc);
      if (hadSession) getFeedback()?.message.warning({ content: SESSION_EXPIRED_TEXT, key: 'session-expired' });
      if (window.location.pathname !== '/login') {
        if (hadSession) rememberReturnTo(currentPath());
        void navigate('/login', { replace: true });
      }
    },
    onStageRequired: () => {
      if (stagePending) return;
      stagePending = refreshMe(qc)
        .then((me) => {
          const target = me ? stagePaths[me.stage] : '/login';
          if (window.location.pathname !== target) void navigate(target, { replace: true });
        })
        .catch(() => undefined)
        .finally(() => {
          stagePending = null;
        });
    },
  });
}

/** Sign out on the server (best effort) and locally. */
export async function signOut(qc: QueryClient, navigate: Navigate, notice?: string): Promise<void> {
  // A busy server may take a moment to end the session: say so instead of looking like a dead click.
  if (notice) getFeedback()?.message.loading({ content: '正在退出…', key: 'signed-out', duration: 0 });
  try {
    await logout();
  } catch {
    // The session may already be gone; signing out locally is what matters.
  }
  clearSession(qc);
  clearReturnTo();
  if (notice) getFeedback()?.message.info({ content: notice, key: 'signed-out' });
  void navigate('/login', { replace: true });
}

/** Used by the idle watcher when the user was inactive longer than the server's idle timeout. */
export async function expireSession(qc: QueryClient, navigate: Navigate): Promise<void> {
  rememberReturnTo(currentPath());
  try {
    await logout();
  } catch {
    // ignored: the server has most likely expired the session already
  }
  clearSession(qc);
  getFeedback()?.message.warning({ content: SESSION_EXPIRED_TEXT, key: 'session-expired' });
  void navigate('/login', { replace: true });
}
