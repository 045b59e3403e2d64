import { createHash, randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Account, AccountDirectory } from '../src/auth/accounts.ts';
import { escapeHtml } from '../src/auth/authorize-page.ts';
import { AUTHORIZATION_CODE_TTL_MS, AuthorizationCodeStore } from '../src/auth/codes.ts';
import { createOAuthRoutes } from '../src/auth/oauth-routes.ts';
import type { RegisteredApp } from '../src/auth/oauth-routes.ts';
import { s256Challenge, verifyPkce } from '../src/auth/pkce.ts';
import { isRedirectUriAllowed, withQuery } from '../src/auth/redirect-uris.ts';
import { TokenService } from '../src/auth/tokens.ts';

// ---- fixtures ----------------------------------------------------------------------------

const CLIENT_ID = 'credit-console';
const REDIRECT = 'https://localhost:8443/';
const CREDIT_CONSOLE: RegisteredApp = {
  clientId: CLIENT_ID,
  title: 'Credit Console',
  redirectUris: ['https://localhost:8443', 'http://localhost:5173/callback'],
};
/** An app registered without the PKCE requirement (as ArcGIS Online lets older apps be). */
const LENIENT_APP: RegisteredApp = {
  clientId: 'lenient-app',
  title: 'Lenient App',
  redirectUris: ['https://localhost:8443'],
  pkce: 'optional',
};
const OTHER_APP: RegisteredApp = {
  clientId: 'other-app',
  title: 'Other App',
  redirectUris: ['https://other.example'],
};

function fakeAccounts(): AccountDirectory {
  const list: Account[] = [
    { username: 'demo_admin', fullName: 'Dana Admin', role: 'org_admin', privileges: [] },
    {
      username: 'demo_credits',
      fullName: 'Cy Credits',
      role: 'org_user',
      privileges: ['portal:admin:manageCredits'],
    },
    { username: 'demo_member', fullName: 'Mo Member', role: 'org_user', privileges: [] },
  ];
  const byName = new Map(list.map((a) => [a.username.toLowerCase(), a]));
  return {
    getAccount: (username) => byName.get(username.toLowerCase()),
    verifyPassword: (username, password) => byName.has(username.toLowerCase()) && password === 'demo1234',
  };
}

let clock: { t: number };
let tokens: TokenService;
let codes: AuthorizationCodeStore;
let app: ReturnType<typeof createOAuthRoutes>;

beforeEach(() => {
  clock = { t: Date.UTC(2025, 0, 15, 9, 0, 0) };
  const now = () => clock.t;
  tokens = new TokenService(now);
  codes = new AuthorizationCodeStore(now);
  app = createOAuthRoutes({
    accounts: fakeAccounts(),
    tokens,
    apps: [CREDIT_CONSOLE, LENIENT_APP, OTHER_APP],
    now,
    orgName: 'Riverside County GIS',
    codes,
  });
});

// ---- helpers -----------------------------------------------------------------------------

function newVerifier(): string {
  return randomBytes(32).toString('base64url');
}

/** The verifier behind the S256 challenge every authorize request carries unless told otherwise. */
const DEFAULT_VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';

function authorizeParams(overrides: Record<string, string | undefined> = {}): URLSearchParams {
  const base: Record<string, string | undefined> = {
    client_id: CLIENT_ID,
    response_type: 'code',
    redirect_uri: REDIRECT,
    state: JSON.stringify({ portalUrl: 'https://localhost:8443/portal', uid: 'u1' }),
    expiration: '20160',
    locale: 'en',
    code_challenge: s256Challenge(DEFAULT_VERIFIER),
    code_challenge_method: 'S256',
    ...overrides,
  };
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(base)) if (v !== undefined) params.set(k, v);
  return params;
}

function form(params: Record<string, string>): RequestInit {
  return {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params).toString(),
  };
}

/** Submits the sign-in form as the browser would (the page's hidden fields + credentials). */
async function submitSignIn(params: URLSearchParams, fields: Record<string, string>): Promise<Response> {
  return app.request('/authorize', form({ ...Object.fromEntries(params), ...fields }));
}

/** Signs in and returns the code from the redirect. */
async function getCode(params: URLSearchParams, username = 'demo_admin'): Promise<string> {
  const res = await submitSignIn(params, { username, password: 'demo1234', action: 'signin' });
  expect(res.status).toBe(302);
  const code = new URL(res.headers.get('Location') ?? '').searchParams.get('code');
  expect(code).toBeTruthy();
  return code ?? '';
}

interface TokenJson {
  access_token?: string;
  expires_in?: number;
  username?: string;
  ssl?: boolean;
  refresh_token?: string;
  refresh_token_expires_in?: number;
  persist?: unknown;
  error?: { code: number; error: string; error_description: string; message: string; details: unknown[] };
}

async function token(params: Record<string, string>, path = '/token'): Promise<TokenJson> {
  const res = await app.request(path, form(params));
  expect(res.status).toBe(200);
  return (await res.json()) as TokenJson;
}

function codeGrant(code: string, verifier: string | undefined, extra: Record<string, string> = {}) {
  const params: Record<string, string> = {
    grant_type: 'authorization_code',
    client_id: CLIENT_ID,
    code,
    redirect_uri: REDIRECT,
  };
  if (verifier !== undefined) params.code_verifier = verifier;
  return token({ ...params, ...extra });
}

/** A full code + S256 sign-in; returns the token response. */
async function signInWithPkce(username = 'demo_admin'): Promise<TokenJson> {
  const verifier = newVerifier();
  const code = await getCode(
    authorizeParams({ code_challenge: s256Challenge(verifier), code_challenge_method: 'S256' }),
    username,
  );
  return codeGrant(code, verifier);
}

function decodeEntities(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The attributes of every <input> on a page this module renders. */
function inputs(html: string): Record<string, string>[] {
  return [...html.matchAll(/<input\b([^>]*)>/g)].map((m) => {
    const attrs: Record<string, string> = {};
    for (const a of (m[1] ?? '').matchAll(/([a-z-]+)(?:="([^"]*)")?/g))
      attrs[a[1] ?? ''] = decodeEntities(a[2] ?? '');
    return attrs;
  });
}

function inputNamed(html: string, name: string): Record<string, string> | undefined {
  return inputs(html).find((i) => i.name === name);
}

function alertText(html: string): string {
  return decodeEntities(/<div[^>]*role="alert"[^>]*>([^<]*)<\/div>/.exec(html)?.[1] ?? '');
}

// ---- authorize: the page -----------------------------------------------------------------

describe('GET /authorize', () => {
  it('renders an ArcGIS-like sign-in page with labelled fields and the OAuth params as hidden fields', async () => {
    const params = authorizeParams({
      code_challenge: s256Challenge(newVerifier()),
      code_challenge_method: 'S256',
    });
    const res = await app.request(`/authorize?${params}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    const html = await res.text();

    expect(html).toMatch(/<html lang="en"/);
    expect(html).toContain('<h1 id="page-title">Sign in to Riverside County GIS</h1>');
    expect(html).toContain('Credit Console would like to access your account');
    // Real labels tied to the inputs.
    expect(html).toContain('<label for="username">Username</label>');
    expect(html).toContain('<label for="password">Password</label>');
    expect(inputs(html).find((i) => i.id === 'username')).toMatchObject({ name: 'username', type: 'text' });
    expect(inputs(html).find((i) => i.id === 'password')).toMatchObject({
      name: 'password',
      type: 'password',
      value: '',
    });
    // Relative action: works under /sharing/oauth2 and /sharing/rest/oauth2.
    expect(html).toMatch(/<form method="post" action="authorize">/);
    expect(html).toMatch(/<button type="submit" name="action" value="signin"[^>]*>Sign In<\/button>/);
    expect(html).toMatch(
      /<button type="submit" name="action" value="cancel"[^>]*formnovalidate>Cancel<\/button>/,
    );
    expect(html).toMatch(/role="alert"/);
    // Hidden fields carry the request through the POST.
    for (const name of [
      'client_id',
      'response_type',
      'redirect_uri',
      'state',
      'expiration',
      'code_challenge',
      'code_challenge_method',
    ]) {
      expect(inputNamed(html, name)?.type, name).toBe('hidden');
      expect(inputNamed(html, name)?.value, name).toBe(params.get(name));
    }
    // Demo hint.
    for (const name of ['demo_admin', 'demo_credits', 'demo_member', 'demo1234'])
      expect(html).toContain(`<code>${name}</code>`);
    // Offline & themed: no external resources, nothing executed (the one script block is data,
    // type text/plain); both colour schemes.
    expect(html.match(/<script[^>]*>/g)).toEqual(['<script type="text/plain" id="oauth-info">']);
    expect(html).not.toMatch(/<link|src=|https?:\/\/(?!localhost)/);
    expect(html).toContain('prefers-color-scheme: dark');
    expect(html).toContain(':focus-visible');
  });

  it('sends the security headers, allowing the form to reach the redirect origin', async () => {
    const res = await app.request(`/authorize?${authorizeParams()}`);
    const csp = res.headers.get('Content-Security-Policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("style-src 'unsafe-inline'");
    expect(csp).toContain("form-action 'self' https://localhost:8443");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('X-Frame-Options')).toBe('DENY');
    expect(res.headers.get('Cache-Control')).toBe('no-store');
  });

  it('prefills the username from prepopulatedusername and honours style=dark', async () => {
    const res = await app.request(
      `/authorize?${authorizeParams({ prepopulatedusername: 'demo_member', style: 'dark' })}`,
    );
    const html = await res.text();
    expect(inputNamed(html, 'username')?.value).toBe('demo_member');
    expect(html).toContain('<html lang="en" data-style="dark">');
  });

  it('works with a trailing slash, posting back to ./', async () => {
    const res = await app.request(`/authorize/?${authorizeParams()}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/<form method="post" action="\.\/">/);
  });

  it('escapes every echoed value (state with <script>, username)', async () => {
    const evil = '"><script>alert(1)</script>';
    const res = await app.request(
      `/authorize?${authorizeParams({ state: evil, prepopulatedusername: evil })}`,
    );
    const html = await res.text();
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(inputNamed(html, 'state')?.value).toBe(evil);
    expect(inputNamed(html, 'username')?.value).toBe(evil);
    expect(escapeHtml(`<a href='x'>&"`)).toBe('&lt;a href=&#39;x&#39;&gt;&amp;&quot;');
  });

  it('refuses an unknown client_id with an error page, not a redirect', async () => {
    const res = await app.request(`/authorize?${authorizeParams({ client_id: 'nobody' })}`);
    expect(res.status).toBe(400);
    expect(res.headers.get('Location')).toBeNull();
    expect(res.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('Content-Security-Policy')).toContain("form-action 'none'");
    const html = await res.text();
    expect(html).toContain('This application isn&#39;t registered with the demo portal');
    expect(html).not.toContain('<form');
  });

  it('refuses a redirect_uri that is not registered for the app, naming it', async () => {
    const foreign = 'https://evil.example/steal';
    const res = await app.request(`/authorize?${authorizeParams({ redirect_uri: foreign })}`);
    expect(res.status).toBe(400);
    expect(res.headers.get('Location')).toBeNull();
    expect(await res.text()).toContain(
      `The redirect address isn&#39;t registered for Credit Console: ${foreign}`,
    );
  });

  it('refuses a missing redirect_uri and another app’s redirect_uri', async () => {
    const missing = await app.request(`/authorize?${authorizeParams({ redirect_uri: undefined })}`);
    expect(missing.status).toBe(400);
    const otherApps = await app.request(
      `/authorize?${authorizeParams({ redirect_uri: 'https://other.example/' })}`,
    );
    expect(otherApps.status).toBe(400);
    expect(otherApps.headers.get('Location')).toBeNull();
  });

  it('reports protocol errors to a trusted redirect_uri', async () => {
    const badType = await app.request(`/authorize?${authorizeParams({ response_type: 'id_token' })}`);
    expect(badType.status).toBe(302);
    const location = new URL(badType.headers.get('Location') ?? '');
    expect(location.searchParams.get('error')).toBe('unsupported_response_type');
    expect(location.searchParams.get('state')).toBe(authorizeParams().get('state'));

    const badMethod = await app.request(
      `/authorize?${authorizeParams({ code_challenge: s256Challenge(newVerifier()), code_challenge_method: 'S512' })}`,
    );
    expect(new URL(badMethod.headers.get('Location') ?? '').searchParams.get('error')).toBe(
      'invalid_request',
    );
  });
});

describe('redirect URI rules', () => {
  it('allows any path on a registered origin, else an exact match ignoring the query', () => {
    const registered = ['https://localhost:8443', 'http://localhost:5173/callback'];
    expect(isRedirectUriAllowed(registered, 'https://localhost:8443/')).toBe(true);
    expect(isRedirectUriAllowed(registered, 'https://localhost:8443/members?tab=1')).toBe(true);
    expect(isRedirectUriAllowed(registered, 'http://localhost:5173/callback?x=1')).toBe(true);
    expect(isRedirectUriAllowed(registered, 'http://localhost:5173/callback/more')).toBe(false);
    expect(isRedirectUriAllowed(registered, 'http://localhost:8443/')).toBe(false);
    expect(isRedirectUriAllowed(registered, 'https://localhost:8444/')).toBe(false);
    expect(isRedirectUriAllowed(registered, 'https://localhost:8443.evil.example/')).toBe(false);
    expect(isRedirectUriAllowed(registered, 'https://localhost:8443/#frag')).toBe(false);
    expect(isRedirectUriAllowed(registered, 'javascript:alert(1)')).toBe(false);
  });

  it('appends parameters without re-encoding the existing query', () => {
    expect(withQuery('https://a.example/p?x=a%20b', { code: 'c', state: '{"uid":"1"}' })).toBe(
      'https://a.example/p?x=a%20b&code=c&state=%7B%22uid%22%3A%221%22%7D',
    );
    expect(withQuery('https://a.example/p', { code: 'c', state: undefined })).toBe(
      'https://a.example/p?code=c',
    );
  });
});

// ---- authorize: the form -----------------------------------------------------------------

describe('POST /authorize', () => {
  it('re-renders with an error on a wrong password, keeping the username and emptying the password', async () => {
    const res = await submitSignIn(authorizeParams(), {
      username: 'demo_admin',
      password: 'nope',
      action: 'signin',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('Location')).toBeNull();
    const html = await res.text();
    expect(alertText(html)).toBe('Invalid username or password.');
    expect(inputNamed(html, 'username')?.value).toBe('demo_admin');
    expect(inputNamed(html, 'password')?.value).toBe('');
    expect(inputNamed(html, 'password')?.['aria-invalid']).toBe('true');
    expect(html).not.toContain('nope');
    expect(codes.size).toBe(0);
  });

  it('asks for both fields when one is empty', async () => {
    const res = await submitSignIn(authorizeParams(), { username: '', password: '', action: 'signin' });
    expect(alertText(await res.text())).toBe('Enter your username and password.');
  });

  it('Cancel redirects with access_denied and the state', async () => {
    const params = authorizeParams();
    const res = await submitSignIn(params, { action: 'cancel' });
    expect(res.status).toBe(302);
    const location = res.headers.get('Location') ?? '';
    expect(location).toContain('error=access_denied&error_description=The+user+denied+your+request.&state=');
    expect(new URL(location).searchParams.get('state')).toBe(params.get('state'));
  });

  it('redirects to redirect_uri with a code and the state, keeping its own query', async () => {
    const params = authorizeParams({ redirect_uri: 'https://localhost:8443/overview?range=30d' });
    const res = await submitSignIn(params, {
      username: 'DEMO_ADMIN',
      password: 'demo1234',
      action: 'signin',
    });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('Location') ?? '');
    expect(location.origin + location.pathname).toBe('https://localhost:8443/overview');
    expect(location.searchParams.get('range')).toBe('30d');
    expect(location.searchParams.get('code')).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(location.searchParams.get('state')).toBe(params.get('state'));
  });

  it('never trusts the hidden fields: a tampered redirect_uri is refused', async () => {
    const res = await submitSignIn(authorizeParams({ redirect_uri: 'https://evil.example/' }), {
      username: 'demo_admin',
      password: 'demo1234',
      action: 'signin',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('Location')).toBeNull();
  });

  it('supports the implicit grant (response_type=token) with the hash form, for an app allowed it', async () => {
    const params = authorizeParams({
      client_id: LENIENT_APP.clientId,
      response_type: 'token',
      expiration: '120',
      code_challenge: undefined,
      code_challenge_method: undefined,
    });
    const res = await submitSignIn(params, {
      username: 'demo_member',
      password: 'demo1234',
      action: 'signin',
    });
    expect(res.status).toBe(302);
    const location = res.headers.get('Location') ?? '';
    expect(location.startsWith(`${REDIRECT}#`)).toBe(true);
    const hash = new URLSearchParams(location.slice(location.indexOf('#') + 1));
    expect(hash.get('expires_in')).toBe('7200');
    expect(hash.get('username')).toBe('demo_member');
    expect(hash.get('ssl')).toBe('true');
    expect(hash.get('state')).toBe(params.get('state'));
    expect(tokens.check(hash.get('access_token')).ok).toBe(true);
  });
});

// ---- token -------------------------------------------------------------------------------

describe('POST /token, authorization_code', () => {
  it('completes the S256 flow (challenge computed here) and answers JSON without f', async () => {
    const verifier = newVerifier();
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const code = await getCode(authorizeParams({ code_challenge: challenge, code_challenge_method: 'S256' }));

    const res = await app.request(
      '/token',
      form({
        grant_type: 'authorization_code',
        client_id: CLIENT_ID,
        code,
        redirect_uri: REDIRECT,
        code_verifier: verifier,
      }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/^application\/json/);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    const body = (await res.json()) as TokenJson;
    expect(body).toEqual({
      access_token: expect.any(String),
      expires_in: 1800,
      username: 'demo_admin',
      ssl: true,
      refresh_token: expect.any(String),
      refresh_token_expires_in: 20160 * 60,
    });
    expect(body).not.toHaveProperty('persist');
    const check = tokens.check(body.access_token);
    expect(check.ok && check.grant).toMatchObject({
      username: 'demo_admin',
      clientId: CLIENT_ID,
      parent: body.refresh_token,
    });
    expect(tokens.peek(body.refresh_token ?? '')?.kind).toBe('refresh');
  });

  it('says persist: true only when "Keep me signed in" was ticked', async () => {
    const verifier = newVerifier();
    const params = authorizeParams({
      code_challenge: s256Challenge(verifier),
      code_challenge_method: 'S256',
    });
    const page = await (await app.request(`/authorize?${params}`)).text();
    expect(page).toContain('<label for="persist">Keep me signed in</label>');
    const res = await submitSignIn(params, {
      username: 'demo_admin',
      password: 'demo1234',
      persist: 'true',
      action: 'signin',
    });
    const code = new URL(res.headers.get('Location') ?? '').searchParams.get('code') ?? '';
    const body = await codeGrant(code, verifier);
    expect(body.persist).toBe(true);
    expect((await signInWithPkce()).persist).toBeUndefined();
  });

  it('completes the plain flow for an app allowed it; a challenge without a method means plain', async () => {
    const verifier = newVerifier();
    const lenient = { client_id: LENIENT_APP.clientId };
    const explicit = await getCode(
      authorizeParams({ ...lenient, code_challenge: verifier, code_challenge_method: 'plain' }),
    );
    expect((await codeGrant(explicit, verifier, lenient)).access_token).toBeTruthy();
    const implied = await getCode(
      authorizeParams({ ...lenient, code_challenge: verifier, code_challenge_method: undefined }),
    );
    expect((await codeGrant(implied, verifier, lenient)).access_token).toBeTruthy();
  });

  it('accepts multipart and the /token/ spelling, and reads expiration as the refresh lifetime (capped)', async () => {
    const verifier = newVerifier();
    const code = await getCode(
      authorizeParams({
        code_challenge: s256Challenge(verifier),
        code_challenge_method: 'S256',
        expiration: '999999',
      }),
    );
    const body = new FormData();
    for (const [k, v] of Object.entries({
      grant_type: 'authorization_code',
      client_id: CLIENT_ID,
      code,
      redirect_uri: REDIRECT,
      code_verifier: verifier,
      f: 'json',
    }))
      body.set(k, v);
    const res = await app.request('/token/', { method: 'POST', body });
    const json = (await res.json()) as TokenJson;
    expect(json.refresh_token_expires_in).toBe(129600 * 60);
  });

  it('rejects a wrong code_verifier, and the code is used up', async () => {
    const verifier = newVerifier();
    const code = await getCode(
      authorizeParams({ code_challenge: s256Challenge(verifier), code_challenge_method: 'S256' }),
    );
    const wrong = await codeGrant(code, newVerifier());
    expect(wrong.error).toEqual({
      code: 400,
      error: 'invalid_grant',
      error_description: 'Invalid code_verifier',
      message: 'Invalid code_verifier',
      details: [],
    });
    expect(wrong.access_token).toBeUndefined();
    expect((await codeGrant(code, verifier)).error?.error_description).toBe('Invalid authorization code');
  });

  it('requires the code_verifier when a challenge was bound', async () => {
    const code = await getCode(
      authorizeParams({ code_challenge: s256Challenge(newVerifier()), code_challenge_method: 'S256' }),
    );
    expect((await codeGrant(code, undefined)).error).toMatchObject({
      error: 'invalid_request',
      message: 'code_verifier not specified',
    });
  });

  it('rejects a reused code and revokes the tokens issued from it', async () => {
    const verifier = newVerifier();
    const code = await getCode(
      authorizeParams({ code_challenge: s256Challenge(verifier), code_challenge_method: 'S256' }),
    );
    const first = await codeGrant(code, verifier);
    expect(tokens.check(first.access_token).ok).toBe(true);

    const second = await codeGrant(code, verifier);
    expect(second).toEqual({
      error: {
        code: 400,
        error: 'invalid_grant',
        error_description: 'Invalid authorization code',
        message: 'Invalid authorization code',
        details: [],
      },
    });
    expect(tokens.check(first.access_token)).toEqual({ ok: false, code: 498, message: 'Invalid token.' });
    expect(tokens.peek(first.refresh_token ?? '')).toBeUndefined();
  });

  it('rejects an unknown code', async () => {
    expect((await codeGrant('made-up', newVerifier())).error?.message).toBe('Invalid authorization code');
  });

  it('accepts a code up to 5 minutes old and rejects it 1 ms later', async () => {
    const verifier = newVerifier();
    const params = authorizeParams({
      code_challenge: s256Challenge(verifier),
      code_challenge_method: 'S256',
    });
    const onTime = await getCode(params);
    clock.t += AUTHORIZATION_CODE_TTL_MS;
    expect((await codeGrant(onTime, verifier)).access_token).toBeTruthy();

    const late = await getCode(params);
    clock.t += 5 * 60 * 1000 + 1;
    const res = await codeGrant(late, verifier);
    expect(res.error).toMatchObject({
      code: 400,
      error: 'invalid_grant',
      message: 'Authorization code has expired',
    });
  });

  it('rejects a redirect_uri different from the authorize one', async () => {
    const verifier = newVerifier();
    const code = await getCode(
      authorizeParams({ code_challenge: s256Challenge(verifier), code_challenge_method: 'S256' }),
    );
    const res = await codeGrant(code, verifier, { redirect_uri: 'https://localhost:8443/other' });
    expect(res.error).toMatchObject({ code: 400, error: 'invalid_grant', message: 'Invalid redirect_uri' });
  });

  it('rejects a code presented by another client', async () => {
    const verifier = newVerifier();
    const code = await getCode(
      authorizeParams({ code_challenge: s256Challenge(verifier), code_challenge_method: 'S256' }),
    );
    const res = await codeGrant(code, verifier, { client_id: 'other-app' });
    expect(res.error).toMatchObject({ error: 'invalid_grant', message: 'Invalid client_id' });
  });

  it('names missing parameters and rejects unknown clients and grant types', async () => {
    expect(
      (await token({ grant_type: 'authorization_code', code: 'x', redirect_uri: REDIRECT })).error,
    ).toMatchObject({
      code: 400,
      error: 'invalid_request',
      message: 'client_id not specified',
    });
    expect(
      (await token({ grant_type: 'authorization_code', client_id: CLIENT_ID, redirect_uri: REDIRECT })).error
        ?.message,
    ).toBe('code not specified');
    expect(
      (await token({ grant_type: 'authorization_code', client_id: CLIENT_ID, code: 'x' })).error?.message,
    ).toBe('redirect_uri not specified');
    expect(
      (await token({ grant_type: 'refresh_token', client_id: 'nobody', refresh_token: 'x' })).error,
    ).toMatchObject({
      code: 400,
      error: 'invalid_client',
    });
    expect((await token({ client_id: CLIENT_ID })).error).toMatchObject({
      code: 400,
      error: 'unsupported_grant_type',
    });
    expect((await token({ grant_type: 'password', client_id: CLIENT_ID })).error).toMatchObject({
      error: 'unsupported_grant_type',
    });
  });

  it('answers a GET with an error (POST only)', async () => {
    const res = await app.request('/token?grant_type=refresh_token');
    expect(((await res.json()) as TokenJson).error?.code).toBe(405);
  });
});

describe('POST /token, refresh_token and exchange_refresh_token', () => {
  it('mints a new access token from a refresh token (no new refresh token)', async () => {
    const signedIn = await signInWithPkce('demo_credits');
    const refreshed = await token({
      grant_type: 'refresh_token',
      client_id: CLIENT_ID,
      refresh_token: signedIn.refresh_token ?? '',
    });
    expect(refreshed).toEqual({
      access_token: expect.any(String),
      expires_in: 1800,
      username: 'demo_credits',
      ssl: true,
    });
    expect(refreshed.access_token).not.toBe(signedIn.access_token);
    expect(tokens.check(refreshed.access_token).ok).toBe(true);
  });

  it('fails after the refresh token is revoked', async () => {
    const signedIn = await signInWithPkce();
    const revoke = await app.request(
      '/revokeToken',
      form({
        auth_token: signedIn.refresh_token ?? '',
        client_id: CLIENT_ID,
        token_type_hint: 'refresh_token',
      }),
    );
    expect(await revoke.json()).toEqual({ success: true });
    const res = await token({
      grant_type: 'refresh_token',
      client_id: CLIENT_ID,
      refresh_token: signedIn.refresh_token ?? '',
    });
    expect(res.error).toMatchObject({
      code: 498,
      error: 'invalid_request',
      message: 'Invalid refresh_token',
    });
  });

  it('says the refresh token expired once its lifetime is over', async () => {
    const verifier = newVerifier();
    const code = await getCode(
      authorizeParams({
        code_challenge: s256Challenge(verifier),
        code_challenge_method: 'S256',
        expiration: '60',
      }),
    );
    const signedIn = await codeGrant(code, verifier);
    expect(signedIn.refresh_token_expires_in).toBe(3600);
    clock.t += 60 * 60 * 1000;
    expect(
      await token({
        grant_type: 'refresh_token',
        client_id: CLIENT_ID,
        refresh_token: signedIn.refresh_token ?? '',
      }),
    ).toEqual({
      error: {
        code: 498,
        error: 'invalid_request',
        error_description: 'refresh_token expired',
        message: 'refresh_token expired',
        details: [],
      },
    });
  });

  it('rejects a refresh token of another client, or an access token used as one', async () => {
    const signedIn = await signInWithPkce();
    expect(
      (
        await token({
          grant_type: 'refresh_token',
          client_id: 'other-app',
          refresh_token: signedIn.refresh_token ?? '',
        })
      ).error?.code,
    ).toBe(498);
    expect(
      (
        await token({
          grant_type: 'refresh_token',
          client_id: CLIENT_ID,
          refresh_token: signedIn.access_token ?? '',
        })
      ).error?.code,
    ).toBe(498);
  });

  it('exchange_refresh_token gives a new refresh token and retires the old one with its access tokens', async () => {
    const signedIn = await signInWithPkce();
    const exchanged = await token({
      grant_type: 'exchange_refresh_token',
      client_id: CLIENT_ID,
      redirect_uri: REDIRECT,
      refresh_token: signedIn.refresh_token ?? '',
    });
    expect(exchanged).toEqual({
      access_token: expect.any(String),
      expires_in: 1800,
      username: 'demo_admin',
      ssl: true,
      refresh_token: expect.any(String),
      refresh_token_expires_in: 20160 * 60,
    });
    expect(exchanged.refresh_token).not.toBe(signedIn.refresh_token);
    expect(tokens.check(exchanged.access_token).ok).toBe(true);
    expect(tokens.check(signedIn.access_token).ok).toBe(false);
    expect(tokens.peek(signedIn.refresh_token ?? '')).toBeUndefined();
    const viaNew = await token({
      grant_type: 'refresh_token',
      client_id: CLIENT_ID,
      refresh_token: exchanged.refresh_token ?? '',
    });
    expect(viaNew.access_token).toBeTruthy();
  });

  it('exchange_refresh_token checks the redirect_uri', async () => {
    const signedIn = await signInWithPkce();
    const res = await token({
      grant_type: 'exchange_refresh_token',
      client_id: CLIENT_ID,
      redirect_uri: 'https://evil.example/',
      refresh_token: signedIn.refresh_token ?? '',
    });
    expect(res.error?.message).toBe('Invalid redirect_uri');
    expect(tokens.peek(signedIn.refresh_token ?? '')).toBeDefined();
  });
});

// ---- revokeToken & signout ---------------------------------------------------------------

describe('POST /revokeToken', () => {
  it('revoking the refresh token invalidates its access tokens (sendBeacon multipart body)', async () => {
    const signedIn = await signInWithPkce();
    const again = await token({
      grant_type: 'refresh_token',
      client_id: CLIENT_ID,
      refresh_token: signedIn.refresh_token ?? '',
    });
    const beacon = new FormData();
    beacon.set('f', 'json');
    beacon.set('auth_token', signedIn.refresh_token ?? '');
    beacon.set('client_id', CLIENT_ID);
    beacon.set('token_type_hint', 'refresh_token');
    const res = await app.request('/revokeToken', { method: 'POST', body: beacon });
    expect(await res.json()).toEqual({ success: true });
    expect(tokens.check(signedIn.access_token)).toEqual({ ok: false, code: 498, message: 'Invalid token.' });
    expect(tokens.check(again.access_token)).toMatchObject({ ok: false, code: 498 });
  });

  it('revokes an access token sent as text/plain, and answers success for nonsense too', async () => {
    const signedIn = await signInWithPkce();
    const res = await app.request('/revokeToken/', {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
      body: `auth_token=${encodeURIComponent(signedIn.access_token ?? '')}&client_id=${CLIENT_ID}`,
    });
    expect(await res.json()).toEqual({ success: true });
    expect(tokens.check(signedIn.access_token).ok).toBe(false);
    expect(tokens.peek(signedIn.refresh_token ?? '')).toBeDefined();
    const nonsense = await app.request('/revokeToken', form({ auth_token: 'nope', client_id: CLIENT_ID }));
    expect(await nonsense.json()).toEqual({ success: true });
  });

  it("does not revoke another client's token", async () => {
    const signedIn = await signInWithPkce();
    await app.request(
      '/revokeToken',
      form({ auth_token: signedIn.refresh_token ?? '', client_id: 'other-app' }),
    );
    expect(tokens.check(signedIn.access_token).ok).toBe(true);
  });
});

describe('GET /signout', () => {
  it('redirects to an allowed redirect_uri', async () => {
    const res = await app.request(
      `/signout?client_id=${CLIENT_ID}&redirect_uri=${encodeURIComponent('https://localhost:8443/signed-out')}`,
    );
    expect(res.status).toBe(302);
    expect(res.headers.get('Location')).toBe('https://localhost:8443/signed-out');
  });

  it('shows a signed-out page instead of redirecting elsewhere', async () => {
    const res = await app.request(
      `/signout?client_id=${CLIENT_ID}&redirect_uri=${encodeURIComponent('https://evil.example/')}`,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('Location')).toBeNull();
    expect(await res.text()).toContain('You are signed out');
  });
});

describe('PKCE helper', () => {
  it('matches the RFC 7636 appendix B example', () => {
    const verifier = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
    expect(s256Challenge(verifier)).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
    expect(verifyPkce(verifier, 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', 'S256')).toBe(true);
    expect(verifyPkce(verifier, verifier, 'plain')).toBe(true);
    expect(verifyPkce('short', 'short', 'plain')).toBe(false);
  });
});

describe('mounted like the portal mounts it', () => {
  it('signs in through /sharing/oauth2/authorize and redeems at /sharing/rest/oauth2/token, as @arcgis/core does', async () => {
    const portal = new Hono();
    portal.route('/portal/sharing/oauth2', app);
    portal.route('/portal/sharing/rest/oauth2', app);
    const verifier = newVerifier();
    const params = authorizeParams({
      code_challenge: s256Challenge(verifier),
      code_challenge_method: 'S256',
    });

    const pageUrl = `https://localhost:8443/portal/sharing/oauth2/authorize?${params}`;
    const page = await portal.request(pageUrl);
    expect(page.status).toBe(200);
    const action = /<form method="post" action="([^"]+)">/.exec(await page.text())?.[1] ?? '';
    const postUrl = new URL(action, pageUrl);
    expect(postUrl.pathname).toBe('/portal/sharing/oauth2/authorize');

    const signedIn = await portal.request(
      postUrl.href,
      form({ ...Object.fromEntries(params), username: 'demo_admin', password: 'demo1234', action: 'signin' }),
    );
    const code = new URL(signedIn.headers.get('Location') ?? '').searchParams.get('code') ?? '';
    const res = await portal.request(
      'https://localhost:8443/portal/sharing/rest/oauth2/token',
      form({
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT,
        client_id: CLIENT_ID,
        code_verifier: verifier,
      }),
    );
    const body = (await res.json()) as TokenJson;
    expect(body.username).toBe('demo_admin');
    expect(tokens.check(body.access_token).ok).toBe(true);
  });
});
