import { Hono } from 'hono';
import type { RouteDeps } from './http.ts';
import { requireCaller, route } from './http.ts';
import { pageRequest } from './portals.ts';

/** `community/self`, `community/users/<username>` and `community/users` (search). */
export function createCommunityRoutes(deps: RouteDeps): Hono {
  const { org } = deps;
  const app = new Hono();

  app.all(
    '/community/self',
    route((c, params) => org.selfView(requireCaller(deps, c, params))),
  );

  app.all(
    '/community/users',
    route((c, params) => {
      const caller = requireCaller(deps, c, params);
      return org.searchUsers(
        { ...pageRequest(params), q: params.get('q') ?? '', filter: params.get('filter') },
        caller,
      );
    }),
  );

  app.all(
    '/community/users/:username',
    route((c, params) => {
      const caller = requireCaller(deps, c, params);
      return org.getUser(c.req.param('username') ?? '', caller);
    }),
  );

  return app;
}
