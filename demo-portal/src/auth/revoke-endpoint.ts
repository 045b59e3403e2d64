import type { Hono } from 'hono';
import type { OAuthContext } from './oauth-context.ts';
import { both, NO_STORE, postOnly } from './oauth-context.ts';
import { readRequestParams } from './request-params.ts';

/** `oauth2/revokeToken`: ends a refresh token (and its access tokens) or an access token. */
export function mountRevoke(app: Hono, ctx: OAuthContext): void {
  for (const path of both('/revokeToken')) {
    app.post(path, async (c) => {
      const params = await readRequestParams(c.req.raw);
      const token = params.get('auth_token') ?? params.get('token');
      const clientId = params.get('client_id');
      if (token) {
        const grant = ctx.tokens.peek(token);
        // Another app's token stays valid; the answer is the same either way (RFC 7009 §2.2).
        if (!grant || !clientId || grant.clientId === clientId) ctx.tokens.revoke(token);
      }
      return c.json({ success: true }, 200, NO_STORE);
    });
    app.get(path, postOnly);
  }
}
