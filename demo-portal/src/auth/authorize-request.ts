import { createHmac, timingSafeEqual } from 'node:crypto';
import type { PageTheme } from './authorize-page.ts';
import type { OAuthContext, RegisteredApp } from './oauth-context.ts';
import { OOB_REDIRECT_URI } from './oauth-context.ts';
import { isPkceMethod, isValidPkceValue } from './pkce.ts';
import type { PkceMethod } from './pkce.ts';
import { hasUnsafeCharacters, isRedirectUriAllowed, withFragment, withQuery } from './redirect-uris.ts';

/** `expiration` (minutes) of the authorize request: the refresh-token lifetime of the code flow. */
export const DEFAULT_EXPIRATION_MINUTES = 20_160;
export const MAX_EXPIRATION_MINUTES = 129_600;
/** Implicit-grant access tokens are capped at two weeks. */
export const MAX_IMPLICIT_EXPIRATION_MINUTES = 20_160;

/** How long the sign-in page may stay open before its `oauth_state` is refused. */
export const OAUTH_STATE_TTL_MS = 60 * 60_000;

export type ResponseType = 'code' | 'token';

export interface AuthorizeRequest {
  app: RegisteredApp;
  redirectUri: string;
  responseType: ResponseType;
  state: string | undefined;
  expirationMinutes: number;
  pkce: { challenge: string; method: PkceMethod } | undefined;
  theme: PageTheme | undefined;
  locale: string | undefined;
  /** The OAuth parameters the sign-in form carries to its POST. */
  hidden: Record<string, string>;
}

export type AuthorizeParse =
  | { kind: 'ok'; request: AuthorizeRequest }
  /** Not safe to redirect: show an error page. */
  | { kind: 'page'; message: string }
  /** The redirect URI is trusted: report the error to the client. */
  | { kind: 'redirect'; location: string };

/** Whether `app` may send its codes or tokens to `redirectUri`. */
export function redirectAllowed(app: RegisteredApp, redirectUri: string, portalOrigin: string): boolean {
  if (app.builtIn) {
    return redirectUri === OOB_REDIRECT_URI || isRedirectUriAllowed([portalOrigin], redirectUri);
  }
  return isRedirectUriAllowed(app.redirectUris, redirectUri);
}

/** Reads and checks an authorize request (query of the GET, or the fields of the form). */
export function parseAuthorize(
  ctx: OAuthContext,
  params: URLSearchParams,
  portalOrigin: string,
): AuthorizeParse {
  const clientId = params.get('client_id') ?? '';
  if (!clientId) {
    return { kind: 'page', message: 'The sign-in request has no client_id, so the application is unknown.' };
  }
  const registered = ctx.appsById.get(clientId);
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
  if (hasUnsafeCharacters(redirectUri)) {
    return {
      kind: 'page',
      message: `The redirect address of ${registered.title} contains spaces, control or non-ASCII characters, so it is refused.`,
    };
  }
  if (!redirectAllowed(registered, redirectUri, portalOrigin)) {
    return {
      kind: 'page',
      message: `The redirect address isn't registered for ${registered.title}: ${redirectUri}`,
    };
  }
  const oob = redirectUri === OOB_REDIRECT_URI;

  const state = params.get('state') ?? undefined;
  const rawType = params.get('response_type') ?? '';
  const fail = (error: string, description: string, type: ResponseType = 'code'): AuthorizeParse => {
    // The out-of-band URI cannot receive a redirect: the error is shown instead.
    if (oob) return { kind: 'page', message: description };
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
  const strict = (registered.pkce ?? 'S256') === 'S256';
  if (responseType === 'token' && (strict || oob)) {
    return fail(
      'unsupported_response_type',
      oob
        ? 'response_type=token cannot use the out-of-band redirect_uri'
        : `${registered.title} must use response_type=code with PKCE (S256)`,
      'token',
    );
  }

  let pkce: AuthorizeRequest['pkce'];
  const challenge = params.get('code_challenge') ?? '';
  const rawMethod = params.get('code_challenge_method') ?? '';
  if (responseType === 'code' && challenge) {
    const method = rawMethod || 'plain';
    if (!isPkceMethod(method)) return fail('invalid_request', `Unsupported code_challenge_method: ${method}`);
    if (strict && method !== 'S256') return fail('invalid_request', 'code_challenge_method must be S256');
    if (!isValidPkceValue(challenge)) return fail('invalid_request', 'Invalid code_challenge');
    pkce = { challenge, method };
  } else if (responseType === 'code' && rawMethod) {
    return fail('invalid_request', 'code_challenge not specified');
  } else if (responseType === 'code' && strict) {
    return fail('invalid_request', 'code_challenge required (PKCE with S256)');
  }

  const max = responseType === 'token' ? MAX_IMPLICIT_EXPIRATION_MINUTES : MAX_EXPIRATION_MINUTES;
  const expirationMinutes = parseExpiration(params.get('expiration'), max);
  const style = params.get('style');
  const theme = style === 'light' || style === 'dark' ? style : undefined;
  const locale = params.get('locale') ?? undefined;

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
  if (locale) hidden.locale = locale;
  if (theme) hidden.style = theme;

  return {
    kind: 'ok',
    request: {
      app: registered,
      redirectUri,
      responseType,
      state,
      expirationMinutes,
      pkce,
      theme,
      locale,
      hidden,
    },
  };
}

function parseExpiration(raw: string | null, max: number): number {
  const minutes = raw ? Number(raw) : Number.NaN;
  if (!Number.isFinite(minutes) || minutes < 1) return Math.min(DEFAULT_EXPIRATION_MINUTES, max);
  return Math.min(Math.floor(minutes), max);
}

// ---- oauth_state -------------------------------------------------------------------------

/**
 * `oauth_state` stands for the whole authorize request: the parameters, sealed with a key only
 * this process knows, and the time the page was served. Nothing is stored per page, so serving
 * sign-in pages costs no memory.
 */
export function sealOAuthState(ctx: OAuthContext, request: AuthorizeRequest): string {
  const payload = Buffer.from(JSON.stringify({ p: request.hidden, t: ctx.now() }), 'utf8').toString(
    'base64url',
  );
  return `${payload}.${mac(ctx.sealKey, payload)}`;
}

/** The authorize parameters of a sealed `oauth_state`, or undefined when forged or too old. */
export function openOAuthState(ctx: OAuthContext, sealed: string): URLSearchParams | undefined {
  const dot = sealed.indexOf('.');
  if (dot < 1 || sealed.length > 8192) return undefined;
  const payload = sealed.slice(0, dot);
  const given = Buffer.from(sealed.slice(dot + 1), 'utf8');
  const expected = Buffer.from(mac(ctx.sealKey, payload), 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const decoded: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (!decoded || typeof decoded !== 'object') return undefined;
    const { p, t } = decoded as { p?: unknown; t?: unknown };
    if (typeof t !== 'number' || ctx.now() - t > OAUTH_STATE_TTL_MS || !p || typeof p !== 'object') {
      return undefined;
    }
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(p)) if (typeof value === 'string') params.set(key, value);
    return params;
  } catch {
    return undefined;
  }
}

function mac(key: Buffer, payload: string): string {
  return createHmac('sha256', key).update(payload).digest('base64url');
}
