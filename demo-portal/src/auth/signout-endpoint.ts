import type { Hono } from 'hono';
import { htmlPageHeaders, renderMessagePage } from './authorize-page.ts';
import { redirectAllowed } from './authorize-request.ts';
import type { OAuthContext } from './oauth-context.ts';
import { both, portalOrigin, redirect } from './oauth-context.ts';
import { readRequestParams } from './request-params.ts';

/** `oauth2/signout`: back to the app's redirect URI when it is allowed, else a "signed out" page. */
export function mountSignOut(app: Hono, ctx: OAuthContext): void {
  for (const path of both('/signout')) {
    app.on(['GET', 'POST'], path, async (c) => {
      const params = await readRequestParams(c.req.raw);
      const registered = ctx.appsById.get(params.get('client_id') ?? '');
      const redirectUri = params.get('redirect_uri') ?? '';
      if (
        registered &&
        redirectUri &&
        redirectUri.startsWith('http') &&
        redirectAllowed(registered, redirectUri, portalOrigin(c))
      ) {
        return redirect(c, redirectUri);
      }
      const html = renderMessagePage({
        title: 'Signed out',
        heading: 'You are signed out',
        message: `You have signed out of ${ctx.orgName}. You can close this page.`,
      });
      return c.html(html, 200, htmlPageHeaders('none'));
    });
  }
}
