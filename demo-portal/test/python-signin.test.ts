/**
 * `GIS("https://localhost:8443/portal", "demo_admin", "demo1234")` of the ArcGIS API for Python
 * (2.x), replayed request by request with plain HTTP, exactly as its source sends them
 * (arcgis/gis/_impl/_con/_connection.py and arcgis/auth/_auth/_token.py, EsriBuiltInAuth):
 *
 * 1. Discovery (`Connection._auth_check`, then `_check_product`): GET `<root>/info`, `/rest/info`,
 *    `/sharing/rest/info`, `/rest/services`, each `?f=json`. It reads `WWW-Authenticate` (none means
 *    built-in sign-in), and decides "ArcGIS Server" if any answer has `currentVersion` (it would then
 *    use generateToken against `/rest/...`). `sharing/rest/info` gives `authInfo.tokenServicesUrl`.
 * 2. Token flow (`_init_response_type_token`, the default): GET `sharing/rest/oauth2/authorize`
 *    with response_type=token, client_id=pythonapi, redirect_uri=https://<host> (no path), a random
 *    state, expiration, allow_verification=false, style=dark, locale=en-US; it cuts `oauth_state` out
 *    of the page text (`split('"oauth_state":"')`). Then POST `sharing/oauth2/signin` (note: no
 *    `/rest`) with expiration, oauth_state, username, password, not following redirects; it fails on
 *    `OAUTH_0015` in the body and reads the token from the `Location` fragment (oauthlib checks the
 *    state). Every later request carries `X-Esri-Authorization: Bearer <token>`.
 * 3. When that raises (no `Location`, e.g. a wrong password) it falls back to the code flow
 *    (`_init_token_auth_handshake`): GET authorize with response_type=code and
 *    redirect_uri=urn:ietf:wg:oauth:2.0:oob, parse `var oAuthInfo = {...};` from a `<script>`, POST
 *    signin with oauth_state, authorize=True, username, password (following redirects), raise the
 *    page's `messages` if one says "Invalid username or password" or "Too many invalid attempts.
 *    Please try again later.", else read the code from `<title>SUCCESS code=…</title>` and POST
 *    `sharing/rest/oauth2/token` (grant_type=authorization_code, code, redirect_uri=oob,
 *    client_id=pythonapi, expiration=20160). Refresh: grant_type=refresh_token, client_id.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Portal } from '../src/app.ts';
import { ORIGIN, makePortal, NOW } from './helpers.ts';

const ROOT = `${ORIGIN}/portal`;
const OOB = 'urn:ietf:wg:oauth:2.0:oob';

let clock: { t: number };
let portal: Portal;

beforeEach(() => {
  clock = { t: NOW };
  portal = makePortal({ now: () => clock.t });
});

async function send(url: string, init: RequestInit = {}): Promise<Response> {
  return portal.app.fetch(new Request(url, init));
}

/** requests.post(url, data=...): a urlencoded form, no Origin header (not a browser). */
function formPost(data: Record<string, string>): RequestInit {
  return {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(data).toString(),
  };
}

/** requests_oauthlib's authorization_url: response_type, client_id, redirect_uri, state, then the extras. */
function authorizeUrl(
  responseType: 'token' | 'code',
  redirectUri: string,
  state: string,
  expiration: number,
) {
  const query = new URLSearchParams({
    response_type: responseType,
    client_id: 'pythonapi',
    redirect_uri: redirectUri,
    state,
    expiration: String(expiration),
    allow_verification: 'false',
    style: 'dark',
    locale: 'en-US',
  });
  return `${ROOT}/sharing/rest/oauth2/authorize?${query}`;
}

/** The code flow's parse: `var oAuthInfo = ({.*?});` inside a script element's text, then json.loads. */
function oauthInfoOf(html: string): Record<string, unknown> | undefined {
  for (const [, script] of html.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)) {
    const match = /var oAuthInfo = ({.*?});/s.exec(script ?? '');
    if (match?.[1]) return JSON.parse(match[1]) as Record<string, unknown>;
  }
  return undefined;
}

/** The token flow's parse: plain string cutting. */
function cutOAuthState(html: string): string {
  const after = html.split('"oauth_state":"')[1];
  if (after === undefined) throw new Error('Unable to generate oauth token');
  return after.split('"')[0] ?? '';
}

/** oauthlib's token_from_fragment: the fragment's parameters, the state checked. */
function tokenFromFragment(location: string, state: string): Record<string, string> {
  const params = Object.fromEntries(new URLSearchParams(new URL(location).hash.slice(1)));
  if (params.state !== state) throw new Error('Mismatching or missing state in params.');
  if (!params.access_token) throw new Error('Missing access token parameter.');
  return params;
}

async function tokenFlow(username: string, password: string) {
  const state = 'q8P3kLrV0sYtZ2xWm9nB4cD6eF1gH5';
  const redirectUri = `https://${new URL(ROOT).host}`;
  const page = await (await send(authorizeUrl('token', redirectUri, state, 600))).text();
  const oauthState = cutOAuthState(page);
  const response = await send(
    `${ROOT}/sharing/oauth2/signin`,
    formPost({ expiration: '600', oauth_state: oauthState, username, password }),
  );
  return { response, state, text: await response.text() };
}

async function codeFlowSignIn(username: string, password: string) {
  const page = await (await send(authorizeUrl('code', OOB, 'st4te', 20160))).text();
  expect(page).not.toContain('Error: Invalid client_id');
  const info = oauthInfoOf(page);
  expect(info?.oauth_state).toEqual(expect.any(String));
  const response = await send(
    `${ROOT}/sharing/oauth2/signin`,
    formPost({ oauth_state: String(info?.oauth_state), authorize: 'True', username, password }),
  );
  return { response, text: await response.text() };
}

async function redeem(code: string) {
  const res = await send(
    `${ROOT}/sharing/rest/oauth2/token`,
    formPost({
      grant_type: 'authorization_code',
      code,
      redirect_uri: OOB,
      client_id: 'pythonapi',
      expiration: '20160',
    }),
  );
  return (await res.json()) as Record<string, unknown>;
}

async function portalSelf(token: string) {
  const res = await send(`${ROOT}/sharing/rest/portals/self?f=json`, {
    headers: { 'X-Esri-Authorization': `Bearer ${token}`, Referer: 'http' },
  });
  return (await res.json()) as { user?: { username?: string }; error?: unknown };
}

describe('ArcGIS API for Python: discovery', () => {
  it('finds a portal with built-in sign-in (no WWW-Authenticate, no ArcGIS Server answer)', async () => {
    for (const path of ['/info', '/rest/info', '/sharing/rest/info', '/rest/services']) {
      const res = await send(`${ROOT}${path}?f=json`);
      expect(res.headers.get('WWW-Authenticate'), path).toBeNull();
      const text = await res.text();
      // `currentVersion` in any of these would make the client treat the portal as ArcGIS Server.
      expect(text, path).not.toContain('currentVersion');
    }
    const info = (await (await send(`${ROOT}/sharing/rest/info?f=json`)).json()) as {
      authInfo: { tokenServicesUrl: string; isTokenBasedSecurity: boolean };
    };
    expect(info.authInfo).toEqual({
      tokenServicesUrl: `${ROOT}/sharing/rest/generateToken`,
      isTokenBasedSecurity: true,
    });
  });
});

describe('ArcGIS API for Python: token flow (client pythonapi, no registration)', () => {
  it('signs in with oauth2/signin and reads the token from the redirect fragment', async () => {
    const { response, state, text } = await tokenFlow('demo_admin', 'demo1234');
    expect(text).not.toContain('OAUTH_0015');
    expect(response.status).toBe(302);
    const location = response.headers.get('Location') ?? '';
    expect(location.startsWith(`https://${new URL(ROOT).host}#`)).toBe(true);
    const token = tokenFromFragment(location, state);
    expect(token.username).toBe('demo_admin');
    expect(Number(token.expires_in)).toBe(600 * 60);
    expect((await portalSelf(token.access_token ?? '')).user?.username).toBe('demo_admin');
  });

  it('answers a wrong password with the page again (no Location), so the client falls back to the code flow', async () => {
    const { response, text } = await tokenFlow('demo_admin', 'wrong');
    expect(response.status).toBe(200);
    expect(response.headers.get('Location')).toBeNull();
    expect(oauthInfoOf(text)?.messages).toEqual(['Invalid username or password.']);
  });

  it('Cancel redirects with access_denied in the fragment, as the implicit grant answers errors', async () => {
    const redirectUri = `https://${new URL(ROOT).host}`;
    const page = await (await send(authorizeUrl('token', redirectUri, 'st', 600))).text();
    const res = await send(
      `${ROOT}/sharing/oauth2/signin`,
      formPost({ oauth_state: cutOAuthState(page), action: 'cancel' }),
    );
    expect(res.status).toBe(302);
    const fragment = new URLSearchParams(new URL(res.headers.get('Location') ?? '').hash.slice(1));
    expect(Object.fromEntries(fragment)).toEqual({
      error: 'access_denied',
      error_description: 'The user denied your request.',
      state: 'st',
    });
  });

  it('refuses a redirect_uri on another origin, and a forged or stale oauth_state', async () => {
    const other = await send(authorizeUrl('token', 'https://evil.example', 's', 600));
    expect(other.status).toBe(400);
    expect(await other.text()).not.toContain('oauth_state');

    const page = await (await send(authorizeUrl('token', `https://${new URL(ROOT).host}`, 's', 600))).text();
    const sealed = cutOAuthState(page);
    const forged = `${sealed.slice(0, -2)}AA`;
    const signin = (oauthState: string) =>
      send(
        `${ROOT}/sharing/oauth2/signin`,
        formPost({ oauth_state: oauthState, username: 'demo_admin', password: 'demo1234' }),
      );
    const forgedRes = await signin(forged);
    expect(forgedRes.status).toBe(400);
    expect(forgedRes.headers.get('Location')).toBeNull();

    clock.t += 60 * 60_000 + 1;
    const stale = await signin(sealed);
    expect(stale.status).toBe(400);
    expect(await stale.text()).toContain('This sign-in page has expired');
  });
});

describe('ArcGIS API for Python: out-of-band code flow', () => {
  it('serves oAuthInfo, answers SUCCESS code=… and redeems and refreshes it without PKCE', async () => {
    const { response, text } = await codeFlowSignIn('DEMO_ADMIN', 'demo1234');
    expect(response.status).toBe(200);
    const code = /<title>SUCCESS code=(.*?)<\/title>/s.exec(text)?.[1];
    expect(code).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(response.headers.get('Cache-Control')).toBe('no-store');

    const token = await redeem(code ?? '');
    expect(token).toMatchObject({ username: 'demo_admin', expires_in: 1800 });
    expect((await portalSelf(String(token.access_token))).user?.username).toBe('demo_admin');

    const refreshed = (await (
      await send(
        `${ROOT}/sharing/rest/oauth2/token`,
        formPost({
          grant_type: 'refresh_token',
          refresh_token: String(token.refresh_token),
          client_id: 'pythonapi',
          expiration: '20160',
        }),
      )
    ).json()) as Record<string, unknown>;
    expect(refreshed.access_token).toEqual(expect.any(String));
    expect((await portalSelf(String(refreshed.access_token))).user?.username).toBe('demo_admin');

    // One use only.
    expect(((await redeem(code ?? '')).error as { error: string }).error).toBe('invalid_grant');
  });

  it('puts ArcGIS Online’s message for a wrong password in oAuthInfo.messages', async () => {
    const { response, text } = await codeFlowSignIn('demo_admin', 'not-it');
    expect(response.status).toBe(200);
    expect(text).not.toMatch(/SUCCESS code=/);
    expect(oauthInfoOf(text)?.messages).toEqual(['Invalid username or password.']);
  });

  it('locks the username after five failures with ArcGIS Online’s words, right password included, for 15 minutes', async () => {
    for (let i = 0; i < 4; i++) {
      expect(oauthInfoOf((await codeFlowSignIn('demo_member', `guess-${i}`)).text)?.messages).toEqual([
        'Invalid username or password.',
      ]);
    }
    const fifth = await codeFlowSignIn('demo_member', 'guess-5');
    expect(oauthInfoOf(fifth.text)?.messages).toEqual(['Too many invalid attempts. Please try again later.']);
    expect(Number(fifth.response.headers.get('Retry-After'))).toBe(15 * 60);

    const right = await codeFlowSignIn('demo_member', 'demo1234');
    expect(right.text).not.toMatch(/SUCCESS code=/);
    expect(oauthInfoOf(right.text)?.messages).toEqual(['Too many invalid attempts. Please try again later.']);
    // Other accounts are not affected.
    expect((await codeFlowSignIn('demo_admin', 'demo1234')).text).toMatch(/SUCCESS code=/);

    clock.t += 15 * 60_000 + 1;
    expect((await codeFlowSignIn('demo_member', 'demo1234')).text).toMatch(/SUCCESS code=/);
  });

  it('Cancel on the out-of-band flow shows a page (nothing to redirect to)', async () => {
    const page = await (await send(authorizeUrl('code', OOB, 's', 20160))).text();
    const res = await send(
      `${ROOT}/sharing/oauth2/signin`,
      formPost({ oauth_state: String(oauthInfoOf(page)?.oauth_state), action: 'cancel' }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('Location')).toBeNull();
    expect(await res.text()).toContain('<title>ERROR access_denied</title>');
  });
});
