import { createContext, useContext } from 'react';
import type { PortalConfig } from '@/config/env';
import type { ArcGISClient } from '@/lib/arcgis/request';

export interface Session {
  config: PortalConfig;
  username: string;
  client: ArcGISClient;
  signOut(): void;
}

export const SessionContext = createContext<Session | null>(null);

/** The signed-in session. Only rendered below the sign-in boundary, so it is always there. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession() used outside a signed-in session.');
  return session;
}
