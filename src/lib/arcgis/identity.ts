/**
 * The only module that imports @arcgis/core. It is loaded with `import()` so the sign-in code stays
 * out of the initial bundle, and it must be loaded before the router reads the address bar: the
 * IdentityManager picks the OAuth response (`?code&state`) up from the URL when it is constructed
 * and removes it from the address bar.
 */
import esriConfig from '@arcgis/core/config.js';
import IdentityManager from '@arcgis/core/identity/IdentityManager.js';
import OAuthInfo from '@arcgis/core/identity/OAuthInfo.js';
import type Credential from '@arcgis/core/identity/Credential.js';
import { IDENTITY_STORAGE_KEY } from './stored-session';

export interface IdentityConfig {
  /** Absolute https URL of the portal, e.g. https://www.arcgis.com or https://localhost:8443/portal. */
  portalUrl: string;
  appId: string;
}

export interface SignedInCredential {
  username: string;
  token: string;
  /** Epoch ms, when known. */
  expires: number | null;
}

let info: OAuthInfo | null = null;
let config: IdentityConfig | null = null;

function sharingUrl(): string {
  if (!config) throw new Error('Sign-in is not configured yet.');
  return `${config.portalUrl}/sharing`;
}

function current(): Credential | undefined {
  return IdentityManager.findCredential(sharingUrl()) ?? undefined;
}

function toSignedIn(credential: Credential): SignedInCredential {
  return { username: credential.userId, token: credential.token, expires: credential.expires ?? null };
}

type RequestInterceptor = NonNullable<typeof esriConfig.request.interceptors>[number];
let tokenInterceptor: RequestInterceptor | null = null;

/**
 * Keeps tokens out of the URLs @arcgis/core requests from the portal (e.g. the sign-in check's
 * `GET sharing/rest?f=json&token=…`): the token travels in the `X-Esri-Authorization: Bearer`
 * header instead, which ArcGIS Online and the demo portal both accept.
 */
function installTokenInterceptor(portalUrl: string): void {
  const interceptors = (esriConfig.request.interceptors ??= []);
  if (tokenInterceptor) {
    const index = interceptors.indexOf(tokenInterceptor);
    if (index >= 0) interceptors.splice(index, 1);
  }
  tokenInterceptor = {
    urls: [portalUrl],
    before(params) {
      const options = params.requestOptions as {
        query?: Record<string, unknown>;
        headers?: Record<string, string>;
      };
      const token = options.query?.token;
      if (typeof token !== 'string' || token === '') return;
      const { token: _moved, ...rest } = options.query ?? {};
      options.query = rest;
      options.headers = { ...options.headers, 'X-Esri-Authorization': `Bearer ${token}` };
    },
  };
  interceptors.push(tokenInterceptor);
}

/** Registers the app with the IdentityManager. Call once per portal before anything else here. */
export function configureIdentity(next: IdentityConfig): void {
  config = next;
  installTokenInterceptor(next.portalUrl);
  info = new OAuthInfo({
    appId: next.appId,
    portalUrl: next.portalUrl,
    flowType: 'authorization-code',
    popup: false,
    popupCallbackUrl: `${window.location.origin}/oauth-callback.html`,
  });
  IdentityManager.registerOAuthInfos([info]);
}

/** Resolves the signed-in credential (from this page's OAuth response or a stored session), or null. */
export async function checkSignIn(): Promise<SignedInCredential | null> {
  try {
    const credential = await IdentityManager.checkSignInStatus(sharingUrl());
    return toSignedIn(credential);
  } catch (error) {
    // "not signed in" is the normal case; a failed code exchange is not.
    if (isNotSignedIn(error)) return null;
    throw error;
  }
}

function isNotSignedIn(error: unknown): boolean {
  const name = typeof error === 'object' && error && 'name' in error ? String(error.name) : '';
  return name === 'identity-manager:not-authenticated' || name === 'identity-manager:user-aborted';
}

/** Starts the redirect sign-in: the page navigates to the portal's authorize page. */
export async function signInWithRedirect(): Promise<void> {
  if (info) info.popup = false;
  await IdentityManager.getCredential(sharingUrl(), { oAuthPopupConfirmation: false });
}

/**
 * Signs in again in a popup window, keeping this page (its open dialogs and typed input) as it is.
 * Used when a session ended and could not be refreshed.
 */
export async function signInWithPopup(): Promise<SignedInCredential> {
  current()?.destroy();
  if (info) info.popup = true;
  try {
    const credential = await IdentityManager.getCredential(sharingUrl(), { oAuthPopupConfirmation: false });
    return toSignedIn(credential);
  } finally {
    if (info) info.popup = false;
  }
}

export function getToken(): string | null {
  return current()?.token ?? null;
}

interface StoredOAuth {
  refreshToken?: string | null;
}

function readStoredRefreshToken(): string | null {
  if (!config) return null;
  for (const storage of [window.sessionStorage, window.localStorage]) {
    try {
      const raw = storage.getItem(IDENTITY_STORAGE_KEY);
      if (!raw) continue;
      const parsed: unknown = JSON.parse(raw);
      if (typeof parsed !== 'object' || parsed === null) continue;
      const ns: unknown = (parsed as Record<string, unknown>)['/'];
      if (typeof ns !== 'object' || ns === null) continue;
      const entry = (ns as Record<string, StoredOAuth | undefined>)[config.portalUrl];
      if (entry?.refreshToken) return entry.refreshToken;
    } catch {
      // unreadable storage: no refresh token
    }
  }
  return null;
}

/**
 * Gets a new access token with the session's refresh token (one silent refresh after a 498/499).
 * Returns false when there is no refresh token or the portal refused it.
 */
export async function refreshAccessToken(): Promise<boolean> {
  const credential = current();
  const refreshToken = readStoredRefreshToken();
  if (!config || !credential || !refreshToken) return false;
  const body = new URLSearchParams({
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
    client_id: config.appId,
    f: 'json',
  });
  try {
    const response = await fetch(`${config.portalUrl}/sharing/rest/oauth2/token`, { method: 'POST', body });
    const json: unknown = await response.json();
    if (typeof json !== 'object' || json === null) return false;
    const { access_token: token, expires_in: expiresIn } = json as {
      access_token?: unknown;
      expires_in?: unknown;
    };
    if (typeof token !== 'string') return false;
    credential.token = token;
    credential.expires = Date.now() + (typeof expiresIn === 'number' ? expiresIn : 1800) * 1000;
    return true;
  } catch {
    return false;
  }
}

/** Signs out: revokes the tokens with the portal and forgets the stored session. */
export function signOut(): void {
  IdentityManager.destroyCredentials();
}
