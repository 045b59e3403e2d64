import { queryOptions } from '@tanstack/react-query';
import type { ArcGISClient } from '@/lib/arcgis/request';
import { getCustomRoles, getPortalSelf } from '@/lib/arcgis/portal';

/**
 * The signed-in view of the organization (`portals/self`): org name, credits, budgeting settings and
 * the signed-in user. Shared by the admin gate, the shell and the Overview.
 */
export const portalQueries = {
  all: (client: ArcGISClient) => ['portal', client.portalUrl] as const,
  self: (client: ArcGISClient) =>
    queryOptions({
      queryKey: [...portalQueries.all(client), 'self'] as const,
      queryFn: ({ signal }) => getPortalSelf(client, { signal }),
    }),
  /** The org's custom roles, for role names ("Credit manager", not its id). Rarely change. */
  roles: (client: ArcGISClient) =>
    queryOptions({
      queryKey: [...portalQueries.all(client), 'roles'] as const,
      queryFn: ({ signal }) => getCustomRoles(client, { signal }),
      staleTime: 10 * 60_000,
    }),
};
