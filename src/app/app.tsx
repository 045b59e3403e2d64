import { lazy, Suspense } from 'react';
import { QueryErrorResetBoundary, type QueryClient } from '@tanstack/react-query';
import type { OAuthReturn } from '@/features/auth/api/oauth-return';
import { SessionGate } from '@/features/auth/components/session-gate';
import { FullPageStatus } from '@/features/auth/components/full-page-status';
import { ErrorBoundary } from '@/components/ui/error-boundary';
import type * as SignedInModule from './signed-in-app';

// The signed-in console is its own chunk: the sign-in screen needs none of it. Once loaded, it is
// rendered directly (a lazy component would hold the first paint back by React's Suspense throttle).
let signedInModule: typeof SignedInModule | undefined;
export const loadSignedInApp = () =>
  import('./signed-in-app').then((m) => {
    signedInModule = m;
    return m;
  });
const LazySignedInApp = lazy(() => loadSignedInApp().then((m) => ({ default: m.SignedInApp })));

export interface AppProps {
  oauthReturn: OAuthReturn;
  /** Tests pass their own client. */
  queryClient?: QueryClient;
}

export function App({ oauthReturn, queryClient }: AppProps) {
  // "Try again" also clears the query errors that reached this boundary, so the queries that
  // failed are fetched again instead of throwing their cached error once more.
  return (
    <QueryErrorResetBoundary>
      {({ reset: resetQueryErrors }) => (
        <ErrorBoundary onReset={resetQueryErrors} fallback={({ reset }) => <AppCrashed onRetry={reset} />}>
          <SessionGate oauthReturn={oauthReturn} prepare={loadSignedInApp}>
            {(session) =>
              signedInModule ? (
                <signedInModule.SignedInApp session={session} queryClient={queryClient} />
              ) : (
                <Suspense fallback={<FullPageStatus title="Loading Credit Console…" />}>
                  <LazySignedInApp session={session} queryClient={queryClient} />
                </Suspense>
              )
            }
          </SessionGate>
        </ErrorBoundary>
      )}
    </QueryErrorResetBoundary>
  );
}

function AppCrashed({ onRetry }: { onRetry(): void }) {
  return (
    <FullPageStatus title="Credit Console stopped working">
      <p role="alert">Something unexpected went wrong. Your organization&apos;s data is not affected.</p>
      <div className="dialog-actions">
        <button type="button" className="button button-secondary" onClick={() => window.location.reload()}>
          Reload the page
        </button>
        <button type="button" className="button button-primary" onClick={onRetry}>
          Try again
        </button>
      </div>
    </FullPageStatus>
  );
}
