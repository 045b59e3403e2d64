/**
 * Where @arcgis/core's IdentityManager keeps the signed-in session in web storage (its own key, in
 * sessionStorage, or localStorage with "Keep me signed in"). identity.ts and this module are the only
 * places that know the key; the rest of the console asks `hasStoredSession()`. Kept apart from
 * identity.ts so that the check does not load @arcgis/core and so that tests, which replace
 * identity.ts, can still store a session the way the browser would.
 */
export const IDENTITY_STORAGE_KEY = 'esriJSAPIOAuth';

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

/** Records a (contentless) session in this tab's storage, as a sign-in would; for tests. */
export function storeSessionMarker(storage: Storage = window.sessionStorage): void {
  storage.setItem(IDENTITY_STORAGE_KEY, '{}');
}
