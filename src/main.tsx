import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { hasStoredSession, readOAuthReturn } from '@/features/auth/api/oauth-return';
import { loadIdentity } from '@/features/auth/api/identity-loader';
import { preloadRuntimeConfig } from '@/features/auth/api/runtime-config';
import { App, loadSignedInApp } from '@/app/app';
import './styles.css';

// The OAuth response must be read, and the sign-in code loaded, before the router touches the URL
// (the router itself is only created once the session is known).
const oauthReturn = readOAuthReturn(window.location);
preloadRuntimeConfig();
if (oauthReturn.hasCode || oauthReturn.error || hasStoredSession()) {
  // Likely signed in: fetch the signed-in console's code while the sign-in completes.
  if (!oauthReturn.error) void loadSignedInApp().catch(() => undefined);
  const identity = loadIdentity().catch(() => undefined);
  // Only a sign-in coming back in the address bar needs the sign-in code before the first render; a
  // stored session is resumed by the session gate without waiting for it.
  if (oauthReturn.hasCode || oauthReturn.error) await identity;
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App oauthReturn={oauthReturn} />
  </StrictMode>,
);
