import { Hono } from 'hono';
import type { Member } from '../model/member.ts';
import type { RouteDeps } from './http.ts';
import { requireCaller, route, sendJsonBytes } from './http.ts';
import { userGroupsView } from './groups.ts';
import { forbidden, userNotFound } from './messages.ts';
import { pageRequest } from './portals.ts';
import { searchPageBytes } from './member-pages.ts';
import { fullUserView, userPropertiesView, userTagsView } from './views.ts';

/**
 * `community/self`, `community/users` (search) and `community/users/<username or user id>` with
 * its `tags` and `properties` sub-resources. Esri's clients address members both ways: the Python
 * API hydrates search results by user id, arcgis-rest-js and @arcgis/core by username.
 */
export function createCommunityRoutes(deps: RouteDeps): Hono {
  const { org } = deps;
  const app = new Hono();

  /** The member named in the path, visible to themselves and credit administrators only. */
  function visibleMember(key: string | undefined, caller: Member): Member {
    const m = org.findMemberByIdOrUsername(key ?? '');
    if (!m) throw userNotFound();
    if (!org.seesPrivateFields(caller, m)) throw forbidden();
    return m;
  }

  app.all(
    '/community/self',
    route((c, params) => {
      const caller = requireCaller(deps, c, params);
      return { ...fullUserView(org, caller), groups: userGroupsView(org, caller, caller) };
    }),
  );

  app.all(
    '/community/users',
    route(async (c, params) => {
      const caller = requireCaller(deps, c, params);
      const req = pageRequest(params);
      const q = params.get('q') ?? '';
      const page = await org.searchMembers({
        ...(req.start < 1 ? { ...req, start: 1, num: 0 } : req),
        q,
        filter: params.get('filter'),
      });
      return sendJsonBytes(c, searchPageBytes(org, req, q, page, caller));
    }),
  );

  app.all(
    '/community/users/:user',
    route((c, params) => {
      const caller = requireCaller(deps, c, params);
      const m = visibleMember(c.req.param('user'), caller);
      const user = fullUserView(org, m, params.get('returnUserLicensedItems')?.toLowerCase() === 'true');
      return { ...user, groups: userGroupsView(org, m, caller) };
    }),
  );

  app.all(
    '/community/users/:user/tags',
    route((c, params) => {
      visibleMember(c.req.param('user'), requireCaller(deps, c, params));
      return userTagsView();
    }),
  );

  app.all(
    '/community/users/:user/properties',
    route((c, params) => {
      visibleMember(c.req.param('user'), requireCaller(deps, c, params));
      return userPropertiesView();
    }),
  );

  return app;
}
