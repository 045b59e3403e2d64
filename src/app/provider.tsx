import { useState, type ReactNode } from 'react';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { createQueryClient } from '@/lib/query-client';
import { ErrorBoundary } from '@/components/ui/error-boundary';
import { NotificationsRegion } from '@/components/ui/notifications-region';

export interface AppProviderProps {
  children: ReactNode;
  /** Tests pass their own client (retries off). */
  queryClient?: QueryClient;
}

export function AppProvider({ children, queryClient }: AppProviderProps) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  return (
    <QueryClientProvider client={client}>
      <ErrorBoundary
        fallback={({ reset }) => (
          <main className="center-page">
            <section className="card center-card" role="alert">
              <h1 className="center-title">Credit Console stopped working</h1>
              <p>Something unexpected went wrong. Your organization&apos;s data is not affected.</p>
              <div className="dialog-actions">
                <button type="button" className="button button-secondary" onClick={() => window.location.reload()}>
                  Reload the page
                </button>
                <button type="button" className="button button-primary" onClick={reset}>
                  Try again
                </button>
              </div>
            </section>
          </main>
        )}
      >
        {children}
      </ErrorBoundary>
      <NotificationsRegion />
    </QueryClientProvider>
  );
}
