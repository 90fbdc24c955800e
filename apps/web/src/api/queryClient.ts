import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from './client';
import { showApiError } from '../components/feedback';

declare module '@tanstack/react-query' {
  interface Register {
    queryMeta: { silent?: boolean };
    mutationMeta: { silent?: boolean };
  }
}

/** The console's query client: API errors shown globally, no retry of 4xx answers or timeouts. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({
      onError: (err, query) => {
        if (query.meta?.silent) return;
        showApiError(err);
      },
    }),
    mutationCache: new MutationCache({
      onError: (err, _vars, _ctx, mutation) => {
        // Mutations without their own onError get the generic message; forms map field errors themselves.
        if (mutation.meta?.silent || mutation.options.onError) return;
        showApiError(err);
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (failureCount, err) => {
          if (isApiError(err) && err.status > 0 && err.status < 500) return false;
          if (isApiError(err) && err.code === 'TIMEOUT') return false; // already waited 30 s: say so now
          return failureCount < 1;
        },
      },
      mutations: { retry: false },
    },
  });
}

export const queryClient = createQueryClient();
