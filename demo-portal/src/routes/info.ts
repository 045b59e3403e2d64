import { Hono } from 'hono';
import { CURRENT_VERSION } from '../model/org.ts';
import type { RouteDeps } from './http.ts';
import { route } from './http.ts';

/** The REST root and `info` (`generateToken` lives with the other sign-in code, auth/generate-token.ts). */
export function createInfoRoutes(deps: RouteDeps): Hono {
  const { basePath } = deps;
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

  return app;
}
