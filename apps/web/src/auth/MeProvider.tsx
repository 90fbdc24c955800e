import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react';
import { getMe, qk } from '../api/endpoints';
import type { Me, MeResponse, Stage } from '../api/types';
import { refreshMe } from './session';
import { isPublicPath } from '../publicPaths';

export interface MeContextValue {
  /** undefined while loading the first time; null when not signed in. */
  session: MeResponse | null | undefined;
  stage: Stage | null;
  user: Me | null;
  isLoading: boolean;
  error: unknown;
  refresh: () => Promise<MeResponse | null>;
  can: (permission: string) => boolean;
}

const MeContext = createContext<MeContextValue | null>(null);

export function MeProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const query = useQuery({
    queryKey: qk.me,
    queryFn: ({ signal }) => getMe(signal),
    staleTime: 60_000,
    meta: { silent: true },
    enabled: !isPublicPath(window.location.pathname),
  });
  const session = query.data;
  const refresh = useCallback(() => refreshMe(qc), [qc]);
  const permissions = session?.user?.permissions;
  const can = useCallback((permission: string) => !!permissions?.includes(permission), [permissions]);

  const value = useMemo<MeContextValue>(
    () => ({
      session,
      stage: session?.stage ?? null,
      user: session?.user ?? null,
      isLoading: query.isPending,
      error: query.error,
      refresh,
      can,
    }),
    [session, query.isPending, query.error, refresh, can],
  );
  return <MeContext.Provider value={value}>{children}</MeContext.Provider>;
}

export function useMe(): MeContextValue {
  const ctx = useContext(MeContext);
  if (!ctx) throw new Error('useMe must be used inside <MeProvider>');
  return ctx;
}

/** The signed-in user; only valid below <RequireSession/>. */
export function useUser(): Me {
  const { user } = useMe();
  if (!user) throw new Error('useUser called without a signed-in user');
  return user;
}

export function useCan(): (permission: string) => boolean {
  return useMe().can;
}
