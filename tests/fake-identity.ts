/**
 * Stand-in for src/lib/arcgis/identity.ts (the one module tests may replace: the OAuth redirect and
 * popup can't run in jsdom). Tokens are real ones issued by the in-process demo portal.
 */
import type * as Identity from '@/lib/arcgis/identity';
import { issueToken } from './server';

export const fakeIdentity = {
  /** Who a stored session / OAuth return resolves to; null = not signed in. */
  signedInAs: null as string | null,
  token: null as string | null,
  redirects: 0,
  /** Who signs in through the popup; null = the person closes it. */
  popupSignsInAs: null as string | null,
  refreshWorks: true,
  signOuts: 0,
  /** While set, the sign-in check waits for it (the portal has not answered yet). */
  checkHeld: null as Promise<void> | null,
  checks: 0,
  reset() {
    this.signedInAs = null;
    this.token = null;
    this.redirects = 0;
    this.popupSignsInAs = null;
    this.refreshWorks = true;
    this.signOuts = 0;
    this.checkHeld = null;
    this.checks = 0;
  },
};

export const configureIdentity: typeof Identity.configureIdentity = () => {};

export const checkSignIn: typeof Identity.checkSignIn = async () => {
  fakeIdentity.checks += 1;
  if (fakeIdentity.checkHeld) await fakeIdentity.checkHeld;
  if (!fakeIdentity.signedInAs) return null;
  fakeIdentity.token = issueToken(fakeIdentity.signedInAs);
  return { username: fakeIdentity.signedInAs, token: fakeIdentity.token, expires: null };
};

export const signInWithRedirect: typeof Identity.signInWithRedirect = () => {
  fakeIdentity.redirects += 1;
  return new Promise(() => {}); // the page would navigate away
};

export const signInWithPopup: typeof Identity.signInWithPopup = async () => {
  if (!fakeIdentity.popupSignsInAs)
    throw Object.assign(new Error('closed'), { name: 'identity-manager:user-aborted' });
  fakeIdentity.signedInAs = fakeIdentity.popupSignsInAs;
  fakeIdentity.token = issueToken(fakeIdentity.popupSignsInAs);
  return { username: fakeIdentity.popupSignsInAs, token: fakeIdentity.token, expires: null };
};

export const getToken: typeof Identity.getToken = () => fakeIdentity.token;

export const refreshAccessToken: typeof Identity.refreshAccessToken = async () => {
  if (!fakeIdentity.refreshWorks || !fakeIdentity.signedInAs) return false;
  fakeIdentity.token = issueToken(fakeIdentity.signedInAs);
  return true;
};

export const signOut: typeof Identity.signOut = () => {
  fakeIdentity.signOuts += 1;
  fakeIdentity.signedInAs = null;
  fakeIdentity.token = null;
};
