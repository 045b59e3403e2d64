import { IDENTITY_STORAGE_KEY, readStoredSession, storeSessionEntry } from './stored-session';

const PORTAL = 'https://org.example.com/portal';
const APP = 'creditconsole';
const NOW = Date.UTC(2026, 11, 2, 12);
const DAY = 24 * 60 * 60_000;

describe('reading the session stored in this browser', () => {
  it('finds a refresh-token session for this portal and App ID, in either storage', () => {
    storeSessionEntry(PORTAL, {
      appId: APP,
      userId: 'demo_admin',
      refreshToken: 'r1',
      expires: NOW + 14 * DAY,
    });
    expect(readStoredSession(PORTAL, APP, NOW)).toEqual({ username: 'demo_admin', expires: NOW + 14 * DAY });
    window.sessionStorage.clear();

    // "Keep me signed in": localStorage; a refresh token with no stated end counts too.
    storeSessionEntry(
      PORTAL,
      { appId: APP, userId: 'demo_credits', refreshToken: 'r2' },
      window.localStorage,
    );
    expect(readStoredSession(PORTAL, APP, NOW)).toEqual({ username: 'demo_credits', expires: null });
  });

  it('does not resume a session that has expired or ends within 30 minutes', () => {
    storeSessionEntry(PORTAL, { appId: APP, userId: 'demo_admin', refreshToken: 'r', expires: NOW - 1 });
    expect(readStoredSession(PORTAL, APP, NOW)).toBeNull();
    storeSessionEntry(PORTAL, {
      appId: APP,
      userId: 'demo_admin',
      refreshToken: 'r',
      expires: NOW + 29 * 60_000,
    });
    expect(readStoredSession(PORTAL, APP, NOW)).toBeNull();
    // An access token alone needs an end more than 30 minutes away.
    storeSessionEntry(PORTAL, { appId: APP, userId: 'demo_admin', token: 't', expires: NOW + 31 * 60_000 });
    expect(readStoredSession(PORTAL, APP, NOW)?.username).toBe('demo_admin');
    storeSessionEntry(PORTAL, { appId: APP, userId: 'demo_admin', token: 't', expires: null });
    expect(readStoredSession(PORTAL, APP, NOW)).toBeNull();
  });

  it('does not resume another portal’s or another App ID’s session', () => {
    storeSessionEntry('https://other.example.com', { appId: APP, userId: 'demo_admin', refreshToken: 'r' });
    expect(readStoredSession(PORTAL, APP, NOW)).toBeNull();
    storeSessionEntry(PORTAL, { appId: 'another-app', userId: 'demo_admin', refreshToken: 'r' });
    expect(readStoredSession(PORTAL, APP, NOW)).toBeNull();
    expect(readStoredSession(PORTAL, 'another-app', NOW)?.username).toBe('demo_admin');
  });

  it('does not resume a sign-in that never completed (no user) or one without any token', () => {
    // What the IdentityManager stores before it sends the browser to the authorize page.
    storeSessionEntry(PORTAL, { appId: APP, userId: '', refreshToken: null });
    expect(readStoredSession(PORTAL, APP, NOW)).toBeNull();
    storeSessionEntry(PORTAL, { appId: APP, userId: 'demo_admin', refreshToken: '', token: '' });
    expect(readStoredSession(PORTAL, APP, NOW)).toBeNull();
  });

  it('reads garbage as no session', () => {
    for (const raw of [
      '',
      'not json',
      '{}',
      'null',
      '[]',
      '{"/":null}',
      '{"/":{"x":1}}',
      `{"/":{"${PORTAL}":"str"}}`,
    ]) {
      window.sessionStorage.setItem(IDENTITY_STORAGE_KEY, raw);
      expect(readStoredSession(PORTAL, APP, NOW)).toBeNull();
    }
    window.sessionStorage.setItem(
      IDENTITY_STORAGE_KEY,
      JSON.stringify({ '/': { [PORTAL]: { appId: APP, userId: 42, refreshToken: 'r', expires: 'soon' } } }),
    );
    expect(readStoredSession(PORTAL, APP, NOW)).toBeNull();
  });

  it('of two valid sessions takes the longer-lasting one, as the IdentityManager does', () => {
    storeSessionEntry(PORTAL, { appId: APP, userId: 'tab_user', refreshToken: 'r', expires: NOW + 2 * DAY });
    storeSessionEntry(
      PORTAL,
      { appId: APP, userId: 'kept_user', refreshToken: 'r', expires: NOW + 10 * DAY },
      window.localStorage,
    );
    expect(readStoredSession(PORTAL, APP, NOW)?.username).toBe('kept_user');
    // An expired one in either storage gives way to the valid one.
    storeSessionEntry(
      PORTAL,
      { appId: APP, userId: 'kept_user', refreshToken: 'r', expires: NOW - DAY },
      window.localStorage,
    );
    expect(readStoredSession(PORTAL, APP, NOW)?.username).toBe('tab_user');
  });
});
