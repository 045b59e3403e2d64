import { createContext, useContext } from 'react';
import type { ArcGISClient } from './request';

/**
 * The signed-in session's ArcGIS client, and the moment a session that ended is renewed. Provided
 * once by the session; features, dialogs and the change runner read it here instead of passing
 * `client` through props.
 */
export interface ArcGISSession {
  client: ArcGISClient;
  /** The signed-in username. */
  username: string;
  /** Calls `listener` each time the admin signs in again after the session ended; returns an unsubscribe. */
  onSignedInAgain(listener: () => void): () => void;
}

export const ArcGISSessionContext = createContext<ArcGISSession | null>(null);

export function useArcGISSession(): ArcGISSession {
  const session = useContext(ArcGISSessionContext);
  if (!session) throw new Error('useArcGISClient() used outside a signed-in session.');
  return session;
}

/** The signed-in session's client. */
export function useArcGISClient(): ArcGISClient {
  return useArcGISSession().client;
}

/** A tiny listener list for `onSignedInAgain`. */
export function createSignInSignal(): { subscribe(l: () => void): () => void; emit(): void } {
  const listeners = new Set<() => void>();
  return {
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    emit() {
      for (const l of [...listeners]) l();
    },
  };
}
