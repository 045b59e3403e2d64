import type { Context, Hono } from 'hono';
import {
  htmlPageHeaders,
  renderMessagePage,
  renderOutOfBandCodePage,
  renderSignInPage,
} from './authorize-page.ts';
import type { AuthorizeRequest } from './authorize-request.ts';
import { openOAuthState, parseAuthorize, sealOAuthState } from './authorize-request.ts';
import type { OAuthContext } from './oauth-context.ts';
import { both, NO_STORE, OOB_REDIRECT_URI, portalOrigin, redirect } from './oauth-context.ts';
import { originOf, withFragment, withQuery } from './redirect-uris.ts';
import { readRequestParams } from './request-params.ts';
import { clientAddress, INVALID_CREDENTIALS, TOO_MANY_ATTEMPTS } from './sign-in-throttle.ts';

const ACCESS_DENIED = {
  error: 'access_denied',
  error_description: 'The user denied your request.',
} as const;

/**
 * The sign-in page and what its form does:
 * - `GET authorize` shows the page (for a browser, or scraped for `oAuthInfo` by Esri's clients);
 * - `POST authorize` is the page's own form (hidden OAuth fields + credentials);
 * - `POST signin` takes `oauth_state` + credentials, as ArcGIS Online's page script and the
 *   ArcGIS API for Python send them.
 */
export function mountAuthorize(app: Hono, ctx: OAuthContext): void {
  function refusedPage(c: Context, message: string, status: 400 | 403 = 400) {
    const html = renderMessagePage({
      title: "Can't sign in",
      heading: "Can't sign in",
      message,
      detail: 'Check the App ID (client_id) and redirect URI the application is configured with.',
    });
    return c.html(html, status, htmlPageHeaders('none'));
  }

  function signInPage(
    c: Context,
    request: AuthorizeRequest,
    username: string,
    error?: string,
    extraHeaders: Record<string, string> = {},
  ) {
    const oauthInfo: Record<string, unknown> = {
      oauth_state: sealOAuthState(ctx, request),
      client_id: request.app.clientId,
      appTitle: request.app.title,
      orgName: ctx.orgName,
      response_type: request.responseType,
      locale: request.locale ?? 'en',
      style: request.theme ?? 'light',
      persist: false,
    };
    if (error) oauthInfo.messages = [error];
    const html = renderSignInPage({
      orgName: ctx.orgName,
      appTitle: request.app.title,
      action: formAction(c.req.path),
      hidden: request.hidden,
      username,
      error,
      theme: request.theme,
      demoHint: ctx.demoHint,
      oauthInfo,
    });
    const redirectOrigin = originOf(request.redirectUri);
    return c.html(html, 200, {
      ...htmlPageHeaders(redirectOrigin ? [redirectOrigin] : []),
      ...extraHeaders,
    });
  }

  /** A POST from a browser must come from this portal's own pages (no cross-site form posts). */
  function fromOwnPage(c: Context): boolean {
    if (c.req.header('Sec-Fetch-Site') === 'cross-site') return false;
    const origin = c.req.header('Origin');
    // Clients that are not browsers (the ArcGIS API for Python, curl) send no Origin.
    return origin === undefined || origin === portalOrigin(c);
  }

  function cancel(c: Context, request: AuthorizeRequest) {
    const body = { ...ACCESS_DENIED, state: request.state };
    if (request.redirectUri === OOB_REDIRECT_URI) {
      const html = renderMessagePage({
        title: `ERROR ${ACCESS_DENIED.error}`,
        heading: 'Sign-in cancelled',
        message: `${request.app.title} was not given access. You can close this page.`,
      });
      return c.html(html, 200, htmlPageHeaders('none'));
    }
    const location =
      request.responseType === 'token'
        ? withFragment(request.redirectUri, body)
        : withQuery(request.redirectUri, body);
    return redirect(c, location);
  }

  async function signIn(c: Context, request: AuthorizeRequest, params: URLSearchParams) {
    if (params.get('action') === 'cancel') return cancel(c, request);

    const typed = (params.get('username') ?? '').trim();
    const password = params.get('password') ?? '';
    if (!typed || !password) return signInPage(c, request, typed, 'Enter your username and password.');

    const address = clientAddress(c);
    const before = ctx.throttle.check(typed, address);
    if (before.locked) {
      return signInPage(c, request, typed, TOO_MANY_ATTEMPTS, {
        'Retry-After': String(before.retryAfterSeconds),
      });
    }
    if (!ctx.accounts.verifyPassword(typed, password)) {
      const after = ctx.throttle.recordFailure(typed, address);
      return after.locked
        ? signInPage(c, request, typed, TOO_MANY_ATTEMPTS, { 'Retry-After': String(after.retryAfterSeconds) })
        : signInPage(c, request, typed, INVALID_CREDENTIALS);
    }
    ctx.throttle.recordSuccess(typed);
    const username = ctx.accounts.getAccount(typed)?.username ?? typed;
    const clientId = request.app.clientId;

    if (request.responseType === 'token') {
      const ttlMs = request.expirationMinutes * 60_000;
      const access = ctx.tokens.issue('access', username, clientId, ttlMs);
      return redirect(
        c,
        withFragment(request.redirectUri, {
          access_token: access.token,
          expires_in: String(Math.floor(ttlMs / 1000)),
          username,
          ssl: String(ctx.ssl),
          state: request.state,
        }),
      );
    }

    const code = ctx.codes.issue({
      clientId,
      redirectUri: request.redirectUri,
      username,
      refreshTtlMs: request.expirationMinutes * 60_000,
      pkce: request.pkce,
      persist: params.get('persist') === 'true',
    });
    if (request.redirectUri === OOB_REDIRECT_URI) {
      return c.html(renderOutOfBandCodePage(code, request.app.title, request.theme), 200, {
        ...htmlPageHeaders('none'),
        ...NO_STORE,
      });
    }
    return redirect(c, withQuery(request.redirectUri, { code, state: request.state }));
  }

  for (const path of both('/authorize')) {
    app.get(path, async (c) => {
      const params = await readRequestParams(c.req.raw);
      const parsed = parseAuthorize(ctx, params, portalOrigin(c));
      if (parsed.kind === 'page') return refusedPage(c, parsed.message);
      if (parsed.kind === 'redirect') return redirect(c, parsed.location);
      return signInPage(c, parsed.request, params.get('prepopulatedusername') ?? '');
    });

    app.post(path, async (c) => {
      if (!fromOwnPage(c)) return refusedPage(c, 'The sign-in form was sent from another site.', 403);
      const params = await readRequestParams(c.req.raw);
      const parsed = parseAuthorize(ctx, params, portalOrigin(c));
      if (parsed.kind === 'page') return refusedPage(c, parsed.message);
      if (parsed.kind === 'redirect') return redirect(c, parsed.location);
      return signIn(c, parsed.request, params);
    });
  }

  for (const path of both('/signin')) {
    app.post(path, async (c) => {
      if (!fromOwnPage(c)) return refusedPage(c, 'The sign-in form was sent from another site.', 403);
      const params = await readRequestParams(c.req.raw);
      const sealed = params.get('oauth_state') ?? '';
      const authorizeParams = sealed ? openOAuthState(ctx, sealed) : undefined;
      if (!authorizeParams) {
        return refusedPage(
          c,
          sealed
            ? 'This sign-in page has expired or is not valid. Start signing in again.'
            : 'The sign-in request has no oauth_state.',
        );
      }
      const parsed = parseAuthorize(ctx, authorizeParams, portalOrigin(c));
      if (parsed.kind === 'page') return refusedPage(c, parsed.message);
      if (parsed.kind === 'redirect') return redirect(c, parsed.location);
      return signIn(c, parsed.request, params);
    });
  }
}

/**
 * `authorize` relative to the page itself, so the form posts back under whichever mount served it
 * (a page answered by `signin` posts to the `authorize` beside it).
 */
function formAction(path: string): string {
  const last = path.endsWith('/') ? path.slice(0, -1).split('/').pop() : path.split('/').pop();
  if (last?.toLowerCase() === 'signin') return path.endsWith('/') ? '../authorize' : 'authorize';
  return path.endsWith('/') ? './' : (last ?? 'authorize');
}
