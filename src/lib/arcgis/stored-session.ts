/**
 * Where @arcgis/core's IdentityManager keeps the signed-in session in web storage (its own key, in
 * sessionStorage, or localStorage with "Keep me signed in"). identity.ts and this module are the only
 * places that know the key. Kept apart from identity.ts so that reading the stored session does not
 * load @arcgis/core (the sign-in screen and the first paint of a reload stay small), and so that
 * tests, which replace identity.ts, can still store a session the way the browser would.
 */
export const IDENTITY_STORAGE_KEY = 'esriJSAPIOAuth';

/** The IdentityManager's namespace for sessions registered through an OAuthInfo (its `authNamespace`). */
const AUTH_NAMESPACE = '/';

/**
 * How long before it expires a stored session no longer counts (the OAuthInfo's
 * `minTimeUntilExpiration`, 30 minutes unless changed; identity.ts does not change it).
 */
export const MIN_TIME_UNTIL_EXPIRATION_MS = 30 * 60_000;

/** Whether this browser holds a session from an earlier sign-in (this tab or "Keep me signed in"). */
export function hasStoredSession(): boolean {
  try {
    return !!(
      window.sessionStorage.getItem(IDENTITY_STORAGE_KEY) || window.localStorage.getItem(IDENTITY_STORAGE_KEY)
    );
  } catch {
    return false;
  }
}

/** A session from an earlier sign-in that the IdentityManager will pick up for this portal and app. */
export interface StoredSession {
  username: string;
  /** Epoch ms when the stored session (its refresh token) ends; null = no end stated. */
  expires: number | null;
}

interface Candidate extends StoredSession {
  valid: boolean;
}

function readEntry(storage: Storage | null, portalUrl: string, appId: string, now: number): Candidate | null {
  let raw: string | null;
  try {
    raw = storage?.getItem(IDENTITY_STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
  if (!raw) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return null;
  }
  const ns = isRecord(parsed) ? parsed[AUTH_NAMESPACE] : undefined;
  const entry = isRecord(ns) ? ns[portalUrl] : undefined;
  if (!isRecord(entry)) return null;
  const { userId, refreshToken, token, expires, appId: entryAppId } = entry;
  const username = typeof userId === 'string' ? userId : '';
  const hasRefreshToken = typeof refreshToken === 'string' && refreshToken !== '';
  const hasToken = typeof token === 'string' && token !== '';
  const ends = typeof expires === 'number' && Number.isFinite(expires) ? expires : null;
  // The same rules as OAuthCredential.isValid(): a user, a refresh token or token, and either a
  // refresh token with no stated end or an end more than the minimum time away.
  let valid = false;
  if (username && (hasRefreshToken || hasToken)) {
    if (expires == null && hasRefreshToken) valid = true;
    else if (ends !== null && ends - now > MIN_TIME_UNTIL_EXPIRATION_MS) valid = true;
  }
  // Another App ID's session is exchanged for this app's by the IdentityManager, over the network:
  // that is not a session to resume from at once.
  if (entryAppId !== appId) valid = false;
  return { username, expires: ends, valid };
}

function storageOf(kind: 'local' | 'session'): Storage | null {
  try {
    return kind === 'local' ? window.localStorage : window.sessionStorage;
  } catch {
    return null;
  }
}

/**
 * The stored session the IdentityManager will resume for this portal and App ID, read without the
 * network; null when there is none it would accept (none stored, expired or about to, another
 * portal's, another App ID's, unreadable). Which of the two storages wins follows the
 * IdentityManager: the one valid entry, or of two the one that lasts longer.
 */
export function readStoredSession(
  portalUrl: string,
  appId: string,
  now: number = Date.now(),
): StoredSession | null {
  const local = readEntry(storageOf('local'), portalUrl, appId, now);
  const session = readEntry(storageOf('session'), portalUrl, appId, now);
  let chosen: Candidate | null;
  if (local?.valid && session?.valid)
    chosen = (local.expires ?? 0) > (session.expires ?? 0) ? local : session;
  else chosen = local?.valid ? local : session?.valid ? session : null;
  return chosen ? { username: chosen.username, expires: chosen.expires } : null;
}

/** Records a (contentless) session in this tab's storage, as a sign-in would; for tests. */
export function storeSessionMarker(storage: Storage = window.sessionStorage): void {
  storage.setItem(IDENTITY_STORAGE_KEY, '{}');
}

/** Records a session for a portal and app the way the IdentityManager stores one after a sign-in; for tests. */
export function storeSessionEntry(
  portalUrl: string,
  entry: {
    appId: string;
    userId: string;
    refreshToken?: string | null;
    token?: string | null;
    expires?: number | null;
  },
  storage: Storage = window.sessionStorage,
): void {
  let all: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(storage.getItem(IDENTITY_STORAGE_KEY) ?? '{}');
    if (isRecord(parsed)) all = parsed;
  } catch {
    // start over
  }
  const ns = isRecord(all[AUTH_NAMESPACE]) ? all[AUTH_NAMESPACE] : {};
  ns[portalUrl] = {
    appId: entry.appId,
    codeVerifier: null,
    expires: entry.expires ?? null,
    refreshToken: entry.refreshToken ?? null,
    ssl: null,
    stateUID: null,
    token: entry.token ?? null,
    userId: entry.userId,
  };
  all[AUTH_NAMESPACE] = ns;
  storage.setItem(IDENTITY_STORAGE_KEY, JSON.stringify(all));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
