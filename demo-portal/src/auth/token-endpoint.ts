import type { Context, Hono } from 'hono';
import type { OAuthContext, RegisteredApp } from './oauth-context.ts';
import {
  both,
  invalidClient,
  invalidGrant,
  missing,
  NO_STORE,
  oauthError,
  portalOrigin,
  postOnly,
} from './oauth-context.ts';
import { DEFAULT_EXPIRATION_MINUTES, redirectAllowed } from './authorize-request.ts';
import { verifyPkce } from './pkce.ts';
import { sameRedirectUri } from './redirect-uris.ts';
import { readRequestParams } from './request-params.ts';
import { ACCESS_TOKEN_TTL_MS } from './tokens.ts';

/** `oauth2/token`: authorization_code, refresh_token and exchange_refresh_token grants. */
export function mountToken(app: Hono, ctx: OAuthContext): void {
  const { tokens, codes, now, ssl } = ctx;

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
      const description = tokens.isExpiredRefresh(refreshToken)
        ? 'refresh_token expired'
        : 'Invalid refresh_token';
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
      if (redeemed.reason === 'reused') for (const token of redeemed.issuedTokens) tokens.revoke(token);
      return invalidGrant('Invalid authorization code');
    }
    const binding = redeemed.binding;
    if (binding.clientId !== clientId) return invalidGrant('Invalid client_id');
    if (!sameRedirectUri(binding.redirectUri, redirectUri)) return invalidGrant('Invalid redirect_uri');
    const verifier = params.get('code_verifier');
    if (binding.pkce) {
      if (!verifier) return missing('code_verifier');
      if (!verifyPkce(verifier, binding.pkce.challenge, binding.pkce.method))
        return invalidGrant('Invalid code_verifier');
    } else if (verifier) {
      // RFC 9700 §2.1.1: a verifier for a code issued without a challenge is refused (PKCE downgrade).
      return invalidGrant('code_verifier sent, but the authorization request had no code_challenge');
    }

    const refreshTtlMs = binding.refreshTtlMs;
    const refresh = tokens.issue('refresh', binding.username, clientId, refreshTtlMs);
    codes.recordIssuedToken(code, refresh.token);
    const access = issueAccess(binding.username, clientId, refresh.token, refresh.grant.expires);
    codes.recordIssuedToken(code, access.token);
    return {
      access_token: access.token,
      expires_in: access.expiresIn,
      username: binding.username,
      ssl,
      refresh_token: refresh.token,
      refresh_token_expires_in: Math.floor(refreshTtlMs / 1000),
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

  function exchangeRefreshTokenGrant(
    params: URLSearchParams,
    registered: RegisteredApp,
    origin: string,
  ): object {
    const redirectUri = params.get('redirect_uri');
    if (!redirectUri) return missing('redirect_uri');
    const refreshToken = params.get('refresh_token');
    if (!refreshToken) return missing('refresh_token');
    if (!redirectAllowed(registered, redirectUri, origin)) return invalidGrant('Invalid redirect_uri');
    const checked = checkRefresh(refreshToken, registered.clientId);
    if (!checked.ok) return checked.error;

    const ttlMs = checked.grant.ttlMs ?? DEFAULT_EXPIRATION_MINUTES * 60_000;
    tokens.revoke(refreshToken); // also ends the access tokens issued under it
    const username = checked.grant.username;
    const refresh = tokens.issue('refresh', username, registered.clientId, ttlMs);
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
      const registered = clientId ? ctx.appsById.get(clientId) : undefined;
      if (!clientId) body = missing('client_id');
      else if (!registered) body = invalidClient();
      else if (grantType === 'authorization_code') body = authorizationCodeGrant(params, clientId);
      else if (grantType === 'refresh_token') body = refreshTokenGrant(params, clientId);
      else body = exchangeRefreshTokenGrant(params, registered, portalOrigin(c));
    }
    // ArcGIS answers errors as HTTP 200 with an {error} body; JSON whatever `f` says (or omits).
    return c.json(body, 200, NO_STORE);
  }

  for (const path of both('/token')) {
    app.post(path, tokenEndpoint);
    app.get(path, postOnly);
  }
}
