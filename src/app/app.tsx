import type { QueryClient } from '@tanstack/react-query';
import type { OAuthReturn } from '@/features/auth/api/oauth-return';
import { SessionGate } from '@/features/auth/components/session-gate';
import { AdminGate } from '@/features/auth/components/admin-gate';
import { AppProvider } from './provider';
import { AppRouter } from './router';

export interface AppProps {
  oauthReturn: OAuthReturn;
  /** Tests pass their own client. */
  queryClient?: QueryClient;
}

export function App({ oauthReturn, queryClient }: AppProps) {
  return (
    <AppProvider queryClient={queryClient}>
      <SessionGate oauthReturn={oauthReturn}>
        <AdminGate>
          <AppRouter />
        </AdminGate>
      </SessionGate>
    </AppProvider>
  );
}
