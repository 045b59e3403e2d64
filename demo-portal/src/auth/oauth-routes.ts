import { Hono } from 'hono';
import type { Context } from 'hono';
import type { AccountDirectory } from './accounts.ts';
import { htmlPageHeaders, renderMessagePage, renderSignInPage } from './authorize-page.ts';
import type { DemoHint, PageTheme } from './authorize-page.ts';
import { AuthorizationCodeStore } from './codes.ts';
import { isPkceMethod, isValidPkceValue, verifyPkce } from './pkce.ts';
import type { PkceMethod } from './pkce.ts';
import { isRedirectUriAllowed, originOf, sameRedirectUri, withFragment, withQuery } from './redirect-uris.ts';
import { readRequestParams } from './request-params.ts';
import { ACCESS_TOKEN_TTL_MS } from './tokens.ts';
import type { TokenService } from './tokens.ts';

export interface RegisteredApp {
  clientId: string;
  title: string;
  /** Exact redirect URIs, or origins (scheme://host:port) whose every path is allowed. */
  redirectUris: readonly string[];
}

export interface OAuthOptions {
  accounts: AccountDirectory;
  tokens: TokenService;
  apps: readonly RegisteredApp[];
  now: () => number;
  orgName: string;
  /** Authorization-code store; defaults to one on `now`. Pass one to inspect it in tests. */
  codes?: AuthorizationCodeStore;
  /** The demo-accounts hint on the sign-in page; defaults to `DEMO_ACCOUNTS_HINT`, `null` hides it. */
  demoHint?: DemoHint | null;
  /** The `ssl` flag of token responses (IdentityManager then forces https). Defaults to true. */
  ssl?: boolean;
}

/** `expiration` (minutes) of the authorize request: the refresh-token lifetime of the code flow. */
export const DEFAULT_EXPIRATION_MINUTES = 20_160;
export const MAX_EXPIRATION_MINUTES = 129_600;
/** Implicit-grant access tokens are capped at two weeks. */
export const MAX_IMPLICIT_EXPIRATION_MINUTES = 20_160;

export const DEMO_ACCOUNTS_HINT: DemoHint = {
  password: 'demo1234',
  accounts: [
    { username: 'demo_admin', description: 'organization administrator' },
    { username: 'demo_credits', description: 'can manage credits' },
    { username: 'demo_member', description: 'member without admin rights' },
  ],
};

const ACCESS_DENIED = {
  error: 'access_denied',
  error_description: 'The user denied your request.',
} as const;

type ResponseType = 'code' | 'token';

interface AuthorizeRequest {
  app: RegisteredApp;
  redirectUri: string;
  responseType: ResponseType;
  state: string | undefined;
  expirationMinutes: number;
  pkce: { challenge: string; method: PkceMethod } | undefined;
  theme: PageTheme | undefined;
  /** The OAuth parameters the sign-in form carries to its POST. */
  hidden: Record<string, string>;
}

type AuthorizeParse =
  | { kind: 'ok'; request: AuthorizeRequest }
  /** Not safe to redirect: show an error page. */
  | { kind: 'page'; message: string }
  /** The redirect URI is trusted: report the error to the client. */
  | { kind: 'redirect'; location: string };

interface RefreshRecord {
  expires: number;
  ttlMs: number;
}

interface OAuthErrorBody {
  error: { code: number; error: string; error_description: string; message: string; details: string[] };
}

function oauthError(code: number, error: string, description: string): OAuthErrorBody {
  return { error: { code, error, error_description: description, message: description, details: [] } };
}

const missing = (name: string) => oauthError(400, 'invalid_request', `${name} not specified`);
const invalidClient = () => oauthError(400, 'invalid_client', 'Invalid client_id');
const invalidGrant = (description: string) => oauthError(400, 'invalid_grant', description);

const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' } as const;

/** Both spellings of a route: ArcGIS clients differ on the trailing slash. */
const both = (path: string) => [path, `${path}/`];

/**
 * OAuth 2.0 endpoints, mounted under both `/sharing/oauth2` and `/sharing/rest/oauth2`:
 * authorize (HTML sign-in page), token, revokeToken, signout.
 */
export function createOAuthRoutes(options: OAuthOptions): Hono {
  const { accounts, tokens, now } = options;
  const codes = options.codes ?? new AuthorizationCodeStore(now);
  const demoHint = options.demoHint === undefined ? DEMO_ACCOUNTS_HINT : (options.demoHint ?? undefined);
  const ssl = options.ssl ?? true;
  const appsById = new Map(options.apps.map((app) => [app.clientId, app]));
  /** Refresh tokens minted here: their lifetime (for exchange) and expiry (for precise errors). */
  const refreshRecords = new Map<string, RefreshRecord>();

  const app = new Hono();

  // ---- authorize -------------------------------------------------------------------------

  function parseAuthorize(params: URLSearchParams): AuthorizeParse {
    const clientId = params.get('client_id') ?? '';
    if (!clientId) {
      return {
        kind: 'page',
        message: 'The sign-in request has no client_id, so the application is unknown.',
      };
    }
    const registered = appsById.get(clientId);
    if (!registered) {
      return {
        kind: 'page',
        message: `This application isn't registered with the demo portal (client_id: ${clientId}).`,
      };
    }
    const redirectUri = params.get('redirect_uri') ?? '';
    if (!redirectUri) {
      return { kind: 'page', message: `The sign-in request from ${registered.title} has no redirect_uri.` };
    }
    if (!isRedirectUriAllowed(registered.redirectUris, redirectUri)) {
      return {
        kind: 'page',
        message: `The redirect address isn't registered for ${registered.title}: ${redirectUri}`,
      };
    }

    const state = params.get('state') ?? undefined;
    const rawType = params.get('response_type') ?? '';
    const fail = (error: string, description: string, type: ResponseType = 'code'): AuthorizeParse => {
      const body = { error, error_description: description, state };
      return {
        kind: 'redirect',
        location: type === 'token' ? withFragment(redirectUri, body) : withQuery(redirectUri, body),
      };
    };
    if (rawType !== 'code' && rawType !== 'token') {
      return fail(
        'unsupported_response_type',
        rawType ? `Unsupported response_type: ${rawType}` : 'response_type not specified',
      );
    }
    const responseType: ResponseType = rawType;

    let pkce: AuthorizeRequest['pkce'];
    const challenge = params.get('code_challenge') ?? '';
    const rawMethod = params.get('code_challenge_method') ?? '';
    if (responseType === 'code' && challenge) {
      const method = rawMethod || 'plain';
      if (!isPkceMethod(method))
        return fail('invalid_request', `Unsupported code_challenge_method: ${method}`);
      if (!isValidPkceValue(challenge)) return fail('invalid_request', 'Invalid code_challenge');
      pkce = { challenge, method };
    } else if (responseType === 'code' && rawMethod) {
      return fail('invalid_request', 'code_challenge not specified');
    }

    const max = responseType === 'token' ? MAX_IMPLICIT_EXPIRATION_MINUTES : MAX_EXPIRATION_MINUTES;
    const expirationMinutes = parseExpiration(params.get('expiration'), max);
    const style = params.get('style');
    const theme = style === 'light' || style === 'dark' ? style : undefined;

    const hidden: Record<string, string> = {
      client_id: clientId,
      response_type: responseType,
      redirect_uri: redirectUri,
      expiration: String(expirationMinutes),
    };
    if (state !== undefined) hidden.state = state;
    if (pkce) {
      hidden.code_challenge = pkce.challenge;
      hidden.code_challenge_method = pkce.method;
    }
    const locale = params.get('locale');
    if (locale) hidden.locale = locale;
    if (theme) hidden.style = theme;

    return {
      kind: 'ok',
      request: { app: registered, redirectUri, responseType, state, expirationMinutes, pkce, theme, hidden },
    };
  }

  function refusedPage(c: Context, message: string) {
    const html = renderMessagePage({
      title: "Can't sign in",
      heading: "Can't sign in",
      message,
      detail: 'Check the App ID (client_id) and redirect URI the application is configured with.',
    });
    return c.html(html, 400, htmlPageHeaders('none'));
  }

  function signInPage(c: Context, request: AuthorizeRequest, username: string, error?: string) {
    const html = renderSignInPage({
      orgName: options.orgName,
      appTitle: request.app.title,
      action: formAction(c.req.path),
      hidden: request.hidden,
      username,
      error,
      theme: request.theme,
      demoHint,
    });
    const redirectOrigin = originOf(request.redirectUri);
    return c.html(html, 200, htmlPageHeaders(redirectOrigin ? [redirectOrigin] : []));
  }

  function redirect(c: Context, location: string) {
    return c.body(null, 302, { Location: location, ...NO_STORE, 'Referrer-Policy': 'no-referrer' });
  }

  for (const path of both('/authorize')) {
    app.get(path, async (c) => {
      const params = await readRequestParams(c.req.raw);
      const parsed = parseAuthorize(params);
      if (parsed.kind === 'page') return refusedPage(c, parsed.message);
      if (parsed.kind === 'redirect') return redirect(c, parsed.location);
      return signInPage(c, parsed.request, params.get('prepopulatedusername') ?? '');
    });

    app.post(path, async (c) => {
      const params = await readRequestParams(c.req.raw);
      const parsed = parseAuthorize(params);
      if (parsed.kind === 'page') return refusedPage(c, parsed.message);
      if (parsed.kind === 'redirect') return redirect(c, parsed.location);
      const request = parsed.request;
      const state = request.state;

      if (params.get('action') === 'cancel') {
        const body = { ...ACCESS_DENIED, state };
        const location =
          request.responseType === 'token'
            ? withFragment(request.redirectUri, body)
            : withQuery(request.redirectUri, body);
        return redirect(c, location);
      }

      const typed = (params.get('username') ?? '').trim();
      const password = params.get('password') ?? '';
      if (!typed || !password) return signInPage(c, request, typed, 'Enter your username and password.');
      if (!accounts.verifyPassword(typed, password))
        return signInPage(c, request, typed, 'Invalid username or password.');
      const username = accounts.getAccount(typed)?.username ?? typed;
      const clientId = request.app.clientId;

      if (request.responseType === 'token') {
        const ttlMs = request.expirationMinutes * 60_000;
        const access = tokens.issue('access', username, clientId, ttlMs);
        return redirect(
          c,
          withFragment(request.redirectUri, {
            access_token: access.token,
            expires_in: String(Math.floor(ttlMs / 1000)),
            username,
            ssl: String(ssl),
            state,
          }),
        );
      }

      const code = codes.issue({
        clientId,
        redirectUri: request.redirectUri,
        username,
        refreshTtlMs: request.expirationMinutes * 60_000,
        pkce: request.pkce,
        persist: params.get('persist') === 'true',
      });
      return redirect(c, withQuery(request.redirectUri, { code, state }));
    });
  }

  // ---- token -----------------------------------------------------------------------------

  function issueRefresh(username: string, clientId: string, ttlMs: number) {
    sweepRefreshRecords();
    const refresh = tokens.issue('refresh', username, clientId, ttlMs);
    refreshRecords.set(refresh.token, { expires: refresh.grant.expires, ttlMs });
    return refresh;
  }

  function sweepRefreshRecords() {
    if (refreshRecords.size < 10_000) return;
    const cutoff = now() - 24 * 60 * 60 * 1000;
    for (const [token, record] of refreshRecords) if (record.expires < cutoff) refreshRecords.delete(token);
  }

  /** Access token under a refresh token, never outliving it. */
  function issueAccess(username: string, clientId: string, refreshToken: string, refreshExpires: number) {
    const ttlMs = Math.max(0, Math.min(ACCESS_TOKEN_TTL_MS, refreshExpires - now()));
    const access = tokens.issue('access', username, clientId, ttlMs, refreshToken);
    return { token: access.token, expiresIn: Math.floor(ttlMs / 1000) };
  }

  /** A usable refresh token of `clientId`, or the error to answer. */
  function checkRefresh(refreshToken: string, clientId: string) {
    const grant = tokens.peek(refreshToken);
    if (!grant || grant.kind !== 'refresh' || grant.clientId !== clientId) {
      const record = refreshRecords.get(refreshToken);
      const expired = grant === undefined && record !== undefined && record.expires <= now();
      const description = expired ? 'refresh_token expired' : 'Invalid refresh_token';
      return { ok: false as const, error: oauthError(498, 'invalid_request', description) };
    }
    return { ok: true as const, grant };
  }

  function authorizationCodeGrant(params: URLSearchParams, clientId: string): object {
    const code = params.get('code');
    if (!code) return missing('code');
    const redirectUri = params.get('redirect_uri');
    if (!redirectUri) return missing('redirect_uri');

    const redeemed = codes.redeem(code);
    if (!redeemed.ok) {
      if (redeemed.reason === 'expired') return invalidGrant('Authorization code has expired');
      // RFC 6749 §4.1.2: a replayed code revokes what was issued from it.
      if (redeemed.reason === 'reused') {
        for (const token of redeemed.issuedTokens) {
          tokens.revoke(token);
          refreshRecords.delete(token);
        }
      }
      return invalidGrant('Invalid authorization code');
    }
    const binding = redeemed.binding;
    if (binding.clientId !== clientId) return invalidGrant('Invalid client_id');
    if (!sameRedirectUri(binding.redirectUri, redirectUri)) return invalidGrant('Invalid redirect_uri');
    if (binding.pkce) {
      const verifier = params.get('code_verifier');
      if (!verifier) return missing('code_verifier');
      if (!verifyPkce(verifier, binding.pkce.challenge, binding.pkce.method))
        return invalidGrant('Invalid code_verifier');
    }

    const refresh = issueRefresh(binding.username, clientId, binding.refreshTtlMs);
    codes.recordIssuedToken(code, refresh.token);
    const access = issueAccess(binding.username, clientId, refresh.token, refresh.grant.expires);
    codes.recordIssuedToken(code, access.token);
    return {
      access_token: access.token,
      expires_in: access.expiresIn,
      username: binding.username,
      ssl,
      refresh_token: refresh.token,
      refresh_token_expires_in: Math.floor(binding.refreshTtlMs / 1000),
      // Only when the person asked to stay signed in: the IdentityManager then keeps the refresh token
      // in localStorage instead of sessionStorage (it treats any present value, even "false", as true).
      ...(binding.persist ? { persist: true } : {}),
    };
  }

  function refreshTokenGrant(params: URLSearchParams, clientId: string): object {
    const refreshToken = params.get('refresh_token');
    if (!refreshToken) return missing('refresh_token');
    const checked = checkRefresh(refreshToken, clientId);
    if (!checked.ok) return checked.error;
    const access = issueAccess(checked.grant.username, clientId, refreshToken, checked.grant.expires);
    return {
      access_token: access.token,
      expires_in: access.expiresIn,
      username: checked.grant.username,
      ssl,
    };
  }

  function exchangeRefreshTokenGrant(params: URLSearchParams, registered: RegisteredApp): object {
    const redirectUri = params.get('redirect_uri');
    if (!redirectUri) return missing('redirect_uri');
    const refreshToken = params.get('refresh_token');
    if (!refreshToken) return missing('refresh_token');
    if (!isRedirectUriAllowed(registered.redirectUris, redirectUri))
      return invalidGrant('Invalid redirect_uri');
    const checked = checkRefresh(refreshToken, registered.clientId);
    if (!checked.ok) return checked.error;

    const ttlMs = refreshRecords.get(refreshToken)?.ttlMs ?? DEFAULT_EXPIRATION_MINUTES * 60_000;
    tokens.revoke(refreshToken); // also ends the access tokens issued under it
    refreshRecords.delete(refreshToken);
    const username = checked.grant.username;
    const refresh = issueRefresh(username, registered.clientId, ttlMs);
    const access = issueAccess(username, registered.clientId, refresh.token, refresh.grant.expires);
    return {
      access_token: access.token,
      expires_in: access.expiresIn,
      username,
      ssl,
      refresh_token: refresh.token,
      refresh_token_expires_in: Math.floor(ttlMs / 1000),
    };
  }

  async function tokenEndpoint(c: Context) {
    const params = await readRequestParams(c.req.raw);
    const grantType = params.get('grant_type');
    let body: object;
    if (!grantType) {
      body = oauthError(400, 'unsupported_grant_type', 'grant_type not specified');
    } else if (
      grantType !== 'authorization_code' &&
      grantType !== 'refresh_token' &&
      grantType !== 'exchange_refresh_token'
    ) {
      body = oauthError(400, 'unsupported_grant_type', `Unsupported grant_type: ${grantType}`);
    } else {
      const clientId = params.get('client_id');
      const registered = clientId ? appsById.get(clientId) : undefined;
      if (!clientId) body = missing('client_id');
      else if (!registered) body = invalidClient();
      else if (grantType === 'authorization_code') body = authorizationCodeGrant(params, clientId);
      else if (grantType === 'refresh_token') body = refreshTokenGrant(params, clientId);
      else body = exchangeRefreshTokenGrant(params, registered);
    }
    // ArcGIS answers errors as HTTP 200 with an {error} body; JSON whatever `f` says (or omits).
    return c.json(body, 200, NO_STORE);
  }

  const postOnly = (c: Context) =>
    c.json(oauthError(405, 'invalid_request', 'This operation is supported via POST only.'), 200, NO_STORE);

  for (const path of both('/token')) {
    app.post(path, tokenEndpoint);
    app.get(path, postOnly);
  }

  // ---- revokeToken -----------------------------------------------------------------------

  for (const path of both('/revokeToken')) {
    app.post(path, async (c) => {
      const params = await readRequestParams(c.req.raw);
      const token = params.get('auth_token') ?? params.get('token');
      const clientId = params.get('client_id');
      if (token) {
        const grant = tokens.peek(token);
        // Another app's token stays valid; the answer is the same either way (RFC 7009 §2.2).
        if (!grant || !clientId || grant.clientId === clientId) {
          tokens.revoke(token);
          refreshRecords.delete(token);
        }
      }
      return c.json({ success: true }, 200, NO_STORE);
    });
    app.get(path, postOnly);
  }

  // ---- signout ---------------------------------------------------------------------------

  for (const path of both('/signout')) {
    app.on(['GET', 'POST'], path, async (c) => {
      const params = await readRequestParams(c.req.raw);
      const registered = appsById.get(params.get('client_id') ?? '');
      const redirectUri = params.get('redirect_uri') ?? '';
      if (registered && redirectUri && isRedirectUriAllowed(registered.redirectUris, redirectUri)) {
        return redirect(c, redirectUri);
      }
      const html = renderMessagePage({
        title: 'Signed out',
        heading: 'You are signed out',
        message: `You have signed out of ${options.orgName}. You can close this page.`,
      });
      return c.html(html, 200, htmlPageHeaders('none'));
    });
  }

  return app;
}

function parseExpiration(raw: string | null, max: number): number {
  const minutes = raw ? Number(raw) : Number.NaN;
  if (!Number.isFinite(minutes) || minutes < 1) return Math.min(DEFAULT_EXPIRATION_MINUTES, max);
  return Math.min(Math.floor(minutes), max);
}

/** `authorize` relative to the page itself, so the form posts back under whichever mount served it. */
function formAction(path: string): string {
  return path.endsWith('/') ? './' : (path.split('/').pop() ?? 'authorize');
}
