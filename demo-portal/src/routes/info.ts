import { Hono } from 'hono';
import { PortalError } from '../model/errors.ts';
import { CURRENT_VERSION, MAX_TOKEN_EXPIRATION_MINUTES } from '../model/org.ts';
import type { RouteDeps } from './http.ts';
import { route } from './http.ts';

/** The REST root, `info` and `generateToken`. */
export function createInfoRoutes(deps: RouteDeps): Hono {
  const { org, tokens, basePath } = deps;
  const app = new Hono();

  app.all(
    '/',
    route(() => ({ currentVersion: CURRENT_VERSION })),
  );

  app.all(
    '/info',
    route((c) => {
      const root = `${new URL(c.req.url).origin}${basePath}`;
      return {
        owningSystemUrl: root,
        authInfo: { tokenServicesUrl: `${root}/sharing/rest/generateToken`, isTokenBasedSecurity: true },
      };
    }),
  );

  app.all(
    '/generateToken',
    route((_c, params) => {
      const username = params.get('username');
      const password = params.get('password');
      if (username === undefined)
        throw new PortalError(400, "Unable to generate token: 'username' must be specified.", [
          "'username' must be specified.",
        ]);
      if (password === undefined)
        throw new PortalError(400, "Unable to generate token: 'password' must be specified.", [
          "'password' must be specified.",
        ]);
      const account = org.getAccount(username);
      if (!account || !org.verifyPassword(username, password)) {
        throw new PortalError(400, 'Unable to generate token.', ['Invalid username or password.']);
      }
      const requested = Number(params.get('expiration') ?? '60');
      const minutes =
        Number.isFinite(requested) && requested > 0 ? Math.min(requested, MAX_TOKEN_EXPIRATION_MINUTES) : 60;
      const { token, grant } = tokens.issue(
        'access',
        account.username,
        'generateToken',
        Math.round(minutes * 60_000),
      );
      return { token, expires: grant.expires, ssl: true };
    }),
  );

  return app;
}
