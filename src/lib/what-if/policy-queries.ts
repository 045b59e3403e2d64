import { queryOptions } from '@tanstack/react-query';
import type { ArcGISClient } from '@/lib/arcgis/request';
import { getGroupMembers } from '@/lib/arcgis/groups';
import { runBounded } from '@/lib/arcgis/concurrency';
import { liveRules } from '@/lib/policies/engine';
import { policyQueries } from '@/lib/policies/policy-queries';
import { loadPolicies, type PolicyAdmin } from '@/lib/policies/store';
import type { GroupMembership, PolicyDocument } from '@/lib/policies/types';

/** The organization's policies and, for group rules, who is in those groups: what the what-if reads. */
export interface PoliciesInForce {
  doc: PolicyDocument;
  membership: GroupMembership;
}

async function getPoliciesInForce(
  client: ArcGISClient,
  me: PolicyAdmin,
  signal: AbortSignal,
): Promise<PoliciesInForce> {
  const { doc } = await loadPolicies(client, me, { signal });
  const groupIds = [
    ...new Set(liveRules(doc).flatMap((r) => (r.target.kind === 'group' ? [r.target.groupId] : []))),
  ];
  const membership = new Map<string, string[]>();
  await runBounded(groupIds.length, 4, async (i) => {
    const id = groupIds[i];
    if (id !== undefined) membership.set(id, await getGroupMembers(client, id, { signal }));
  });
  return { doc, membership };
}

export const policyInForceQueries = {
  // Under the policies' own key, so invalidating the policies refreshes this too.
  all: (client: ArcGISClient) => [...policyQueries.all(client), 'in-force'] as const,
  inForce: (client: ArcGISClient, me: PolicyAdmin) =>
    queryOptions({
      queryKey: [...policyInForceQueries.all(client), me] as const,
      queryFn: ({ signal }) => getPoliciesInForce(client, me, signal),
      // Read again whenever the what-if or the Overview mounts: the Policies page may have just saved.
      staleTime: 0,
      retry: false,
    }),
};
