import type { QueryClient } from '@tanstack/react-query';
import type { SignedInSession } from '@/features/auth/components/session-gate';
import { SessionProvider } from '@/features/auth/components/session-provider';
import { AdminGate } from '@/features/auth/components/admin-gate';
import { ChangeRunnerProvider } from '@/lib/change-plan/runner-context';
import { QueryProvider } from './provider';
import { AppRouter, preloadRoute } from './router';

// This chunk is fetched while the session is being found: the page's own code is fetched alongside.
preloadRoute(window.location.pathname);

export interface SignedInAppProps {
  session: SignedInSession;
  queryClient?: QueryClient;
}

/** Everything behind sign-in: data layer, session client, admin gate, router. Loaded as its own chunk. */
export function SignedInApp({ session, queryClient }: SignedInAppProps) {
  return (
    <QueryProvider queryClient={queryClient}>
      <SessionProvider session={session}>
        <AdminGate>
          <ChangeRunnerProvider>
            <AppRouter />
          </ChangeRunnerProvider>
        </AdminGate>
      </SessionProvider>
    </QueryProvider>
  );
}
