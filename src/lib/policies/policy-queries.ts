import { queryOptions } from '@tanstack/react-query';
import { getGroupMembers, getOrgGroups } from '@/lib/arcgis/groups';
import type { ArcGISClient } from '@/lib/arcgis/request';
import { loadPolicies, type PolicyAdmin } from '@/lib/policies/store';
import type { GroupMembership } from '@/lib/policies/types';

/**
 * Reads for policies, shared by the Policies page, the Members Source column and the Overview's
 * drift card: the stored document, the org's groups, and the members of the groups rules name.
 */
export const policyQueries = {
  all: (client: ArcGISClient) => ['policies', client.portalUrl] as const,
  document: (client: ArcGISClient, admin: PolicyAdmin) => {
    const me: PolicyAdmin = { username: admin.username, orgId: admin.orgId ?? null };
    return queryOptions({
      queryKey: [...policyQueries.all(client), 'document', me] as const,
      queryFn: ({ signal }) => loadPolicies(client, me, { signal }),
      staleTime: 30_000,
    });
  },
  groups: (client: ArcGISClient, orgId: string) =>
    queryOptions({
      queryKey: [...policyQueries.all(client), 'groups', orgId] as const,
      queryFn: ({ signal }) => getOrgGroups(client, orgId, { signal }),
      staleTime: 5 * 60_000,
    }),
  /** Members of the given groups (sorted ids, so the key is stable). */
  membership: (client: ArcGISClient, groupIds: readonly string[]) => {
    const ids = [...new Set(groupIds)].sort();
    return queryOptions({
      queryKey: [...policyQueries.all(client), 'membership', ids] as const,
      queryFn: async ({ signal }): Promise<GroupMembership> => {
        const lists = await Promise.all(ids.map((id) => getGroupMembers(client, id, { signal })));
        return new Map(ids.map((id, i) => [id, lists[i] ?? []]));
      },
      staleTime: 5 * 60_000,
    });
  },
};
