import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError, AuthError, describeError } from '@/lib/arcgis/errors';
import { notify } from '@/lib/notifications';

declare module '@tanstack/react-query' {
  interface Register {
    defaultError: Error;
  }
}

/** Server errors (5xx) go to the nearest error boundary; 4xx and auth errors are shown in place. */
function isServerFailure(error: Error): boolean {
  return error instanceof ApiError && !(error instanceof AuthError) && (error.status ?? error.code) >= 500;
}

/**
 * The console's QueryClient. Defaults, on purpose:
 * - staleTime 60 s: org data changes through this console (which updates the cache) or slowly elsewhere;
 * - one retry for reads, none for auth errors (the client already refreshed once) or 4xx;
 * - background refetch failures (data already on screen) become a notification, not an error screen.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (error instanceof AuthError) return;
        if (query.state.data !== undefined)
          notify({ kind: 'error', message: `Couldn't refresh: ${describeError(error)}` });
      },
    }),
    mutationCache: new MutationCache(),
    defaultOptions: {
      queries: {
        staleTime: 60_000,
        gcTime: 10 * 60_000,
        refetchOnWindowFocus: true,
        retry: (failureCount, error) => {
          if (error instanceof AuthError) return false;
          if (error instanceof ApiError && (error.status ?? error.code) < 500) return false;
          return failureCount < 1;
        },
        throwOnError: (error, query) => query.state.data === undefined && isServerFailure(error),
      },
      mutations: { retry: false },
    },
  });
}
