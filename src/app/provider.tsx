import { useState, type ReactNode } from 'react';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { createQueryClient } from '@/lib/query-client';
import { NotificationsRegion } from '@/components/ui/notifications-region';

export interface QueryProviderProps {
  children: ReactNode;
  /** Tests pass their own client (retries off). */
  queryClient?: QueryClient;
}

/** The data layer of the signed-in console; a new session gets a new, empty cache. */
export function QueryProvider({ children, queryClient }: QueryProviderProps) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  return (
    <QueryClientProvider client={client}>
      {children}
      <NotificationsRegion />
    </QueryClientProvider>
  );
}
