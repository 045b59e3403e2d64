import { queryOptions } from '@tanstack/react-query';
import type { ArcGISClient } from '@/lib/arcgis/request';
import { getPortalSelf } from '@/lib/arcgis/portal';

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
};
