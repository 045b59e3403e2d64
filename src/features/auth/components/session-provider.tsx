import { useMemo, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { createArcGISClient } from '@/lib/arcgis/request';
import { keepMemberIndex } from '@/lib/member-index';
import { seedPortalSelf } from '@/lib/portal-queries';
import { ArcGISSessionContext, createSignInSignal, type ArcGISSession } from '@/lib/arcgis/client-context';
import { loadIdentity } from '../api/identity-loader';
import { SessionContext, type Session } from './session-context';
import type { SignedInSession } from './session-gate';
import { ReauthDialog } from './reauth-dialog';

export interface SessionProviderProps {
  session: SignedInSession;
  children: ReactNode;
}

/**
 * The signed-in session: the ArcGIS client with the session's token (one silent refresh on 498/499),
 * and the sign-in-again dialog when the session ends, shown over the page so nothing typed is lost.
 */
export function SessionProvider({ session, children }: SessionProviderProps) {
  const queryClient = useQueryClient();
  const [reauthOpen, setReauthOpen] = useState(false);
  const { config, username, signOut, confirmed } = session;
  const [signedInAgain] = useState(createSignInSignal);

  const value = useMemo<Session>(() => {
    const client = createArcGISClient({
      portalUrl: config.portalUrl,
      // A session resumed from this browser's storage sends nothing until the portal has confirmed it.
      getToken: async () => {
        if (confirmed) await confirmed;
        return (await loadIdentity()).getToken();
      },
      refresh: async () => (await loadIdentity()).refreshAccessToken(),
      onAuthError: () => setReauthOpen(true),
    });
    // The organization as this browser last saw it for this user shows at once (refetched at once).
    seedPortalSelf(queryClient, client, username);
    // The member index is kept in this browser for this portal and user (cleared at sign-out).
    keepMemberIndex(client, username);
    return {
      config,
      username,
      client,
      signOut,
    };
  }, [config, username, signOut, confirmed, queryClient]);
  const arcgis = useMemo<ArcGISSession>(
    () => ({ client: value.client, username, onSignedInAgain: signedInAgain.subscribe }),
    [value.client, username, signedInAgain],
  );

  return (
    <SessionContext.Provider value={value}>
      <ArcGISSessionContext.Provider value={arcgis}>{children}</ArcGISSessionContext.Provider>
      <ReauthDialog
        open={reauthOpen}
        username={username}
        onSignedIn={() => {
          setReauthOpen(false);
          // A change run that waited for sign-in carries on.
          signedInAgain.emit();
          void queryClient.invalidateQueries({ predicate: (q) => q.state.status === 'error' });
        }}
        onSignOut={signOut}
      />
    </SessionContext.Provider>
  );
}
