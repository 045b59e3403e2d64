export { hasStoredSession } from '@/lib/arcgis/stored-session';

/** What the portal's authorize page sent back in the address bar, read before anything rewrites it. */
export interface OAuthReturn {
  hasCode: boolean;
  error: string | null;
  errorDescription: string | null;
}

const OAUTH_PARAMS = ['code', 'state', 'error', 'error_description', 'message_code', 'persist'];

export function readOAuthReturn(location: Location): OAuthReturn {
  const params = new URLSearchParams(location.search);
  return {
    hasCode: params.has('code') && params.has('state'),
    error: params.get('error'),
    errorDescription: params.get('error_description'),
  };
}

/** Removes any OAuth parameters still in the address bar (so no code, state or error stays there). */
export function stripOAuthParams(): void {
  const url = new URL(window.location.href);
  let changed = false;
  for (const p of OAUTH_PARAMS) {
    if (url.searchParams.has(p)) {
      url.searchParams.delete(p);
      changed = true;
    }
  }
  if (changed)
    window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
}

/** A message on the sign-in screen: information (signed out, cancelled) or an error. */
export interface SignInMessage {
  text: string;
  tone: 'info' | 'error';
}

/** A sentence for the sign-in screen explaining why the last sign-in did not complete. */
export function describeOAuthError(ret: OAuthReturn): SignInMessage | null {
  if (!ret.error) return null;
  // The person chose to cancel: information, not an error.
  if (ret.error === 'access_denied')
    return { text: 'Sign-in was cancelled. Sign in to continue.', tone: 'info' };
  const detail = ret.errorDescription ? ` (${ret.errorDescription})` : '';
  return { text: `The portal refused the sign-in${detail}.`, tone: 'error' };
}
