import { queryOptions, type QueryClient } from '@tanstack/react-query';
import type { ArcGISClient } from '@/lib/arcgis/request';
import { getCustomRoles, getPortalSelf } from '@/lib/arcgis/portal';
import { portalSelfSchema } from '@/lib/arcgis/schemas';
import { forgetKeptPortalSelf, keepPortalSelf, readKeptPortalSelf } from '@/lib/kept-portal-self';

/**
 * The signed-in view of the organization (`portals/self`): org name, credits, budgeting settings and
 * the signed-in user. Shared by the admin gate, the shell and the Overview.
 */
export const portalQueries = {
  all: (client: ArcGISClient) => ['portal', client.portalUrl] as const,
  self: (client: ArcGISClient) =>
    queryOptions({
      queryKey: [...portalQueries.all(client), 'self'] as const,
      queryFn: async ({ signal }) => {
        const self = await getPortalSelf(client, { signal });
        // Kept for the next visit of this user (a reload shows it at once, see seedPortalSelf).
        const username = self.user?.username;
        if (username) keepPortalSelf(client.portalUrl, username, self);
        return self;
      },
    }),
  /** The org's custom roles, for role names ("Credit manager", not its id). Rarely change. */
  roles: (client: ArcGISClient) =>
    queryOptions({
      queryKey: [...portalQueries.all(client), 'roles'] as const,
      queryFn: ({ signal }) => getCustomRoles(client, { signal }),
      staleTime: 10 * 60_000,
    }),
};

/**
 * Puts the organization as this browser last saw it for this portal and user into the cache, before
 * the signed-in console renders, and marks it for a refetch (which waits for the session's token).
 * Returns whether there was a usable kept copy.
 */
export function seedPortalSelf(queryClient: QueryClient, client: ArcGISClient, username: string): boolean {
  const { queryKey } = portalQueries.self(client);
  if (queryClient.getQueryData(queryKey) !== undefined) return false;
  const kept = readKeptPortalSelf(client.portalUrl, username);
  if (!kept) return false;
  const parsed = portalSelfSchema.safeParse(kept.data);
  if (!parsed.success || parsed.data.user?.username !== username) {
    forgetKeptPortalSelf();
    return false;
  }
  queryClient.setQueryData(queryKey, parsed.data, { updatedAt: kept.savedAt });
  // Stale from the start, whatever its age: the first observer fetches the fresh answer.
  void queryClient.invalidateQueries({ queryKey, exact: true, refetchType: 'none' });
  return true;
}
