import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useArcGISSession } from '@/lib/arcgis/client-context';
import { portalQueries } from '@/lib/portal-queries';
import { policyQueries } from '@/lib/policies/policy-queries';
import { savePolicyChanges, type PolicyChanges } from '@/lib/policies/store';

/** The admin privilege that lets a member update items in another member's content. */
const UPDATE_ITEMS_PRIVILEGE = 'portal:admin:updateItems';

/**
 * Saves changed policy entries to the org (re-read, merged by entry, written). The cached document
 * becomes what the org now holds, so another admin's concurrent edits appear too. A member who may
 * not change them gets `PolicyPermissionError` (its message says so and what to do).
 */
export function useSavePolicyChanges() {
  const { client, username } = useArcGISSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (changes: PolicyChanges) => {
      const self = await queryClient.ensureQueryData(portalQueries.self(client));
      const me = { username, orgId: self.id ?? undefined };
      const user = self.user;
      const isAdministrator = user
        ? user.role === 'org_admin' || (user.privileges ?? []).includes(UPDATE_ITEMS_PRIVILEGE)
        : undefined;
      const stored = await savePolicyChanges(client, { ...me, isAdministrator }, changes);
      queryClient.setQueryData(policyQueries.document(client, me).queryKey, stored);
      return stored;
    },
    onSettled: () =>
      queryClient.invalidateQueries({ queryKey: [...policyQueries.all(client), 'membership'] }),
  });
}
