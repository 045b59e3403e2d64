import { useMutation, useQueryClient } from '@tanstack/react-query';
import { assignCredits, unassignCredits, type CreditBatchResult } from '@/lib/arcgis/credits';
import type { ArcGISClient } from '@/lib/arcgis/request';
import { memberIndexQueries, patchMembers } from '@/lib/member-index';
import { portalQueries } from '@/lib/portal-queries';
import { withAllocation } from './member-patch';

const KEY = ['members', 'set-allocation'] as const;

export interface SetAllocationInput {
  username: string;
  /** Credits ≥ 0, or `null` for no limit (removes the limit; takes nothing back). */
  credits: number | null;
}

function failureOf(result: CreditBatchResult): string | undefined {
  if (result.ok) return undefined;
  const outcome = result.outcomes.find((o) => o.status !== 'applied');
  return outcome?.error ?? 'The portal did not apply the change.';
}

/**
 * Sets one member's allocation, optimistically: the member index (table and Overview summary)
 * changes at once, rolls back if the portal does not apply it, and is refetched when settled.
 */
export function useSetAllocation(client: ArcGISClient) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: KEY,
    mutationFn: async ({ username, credits }: SetAllocationInput) => {
      const result =
        credits === null
          ? await unassignCredits(client, [username])
          : await assignCredits(client, [{ username, credits }]);
      const failure = failureOf(result);
      if (failure) throw new Error(failure);
      return result;
    },
    onMutate: async ({ username, credits }) => {
      await queryClient.cancelQueries({ queryKey: memberIndexQueries.all(client) });
      const orgAvailable = queryClient.getQueryData(portalQueries.self(client).queryKey)?.availableCredits;
      const previous = patchMembers(queryClient, client, (u) =>
        u.username === username ? withAllocation(u, credits, orgAvailable) : u,
      );
      return { before: previous?.find((u) => u.username === username) };
    },
    // Roll back only this member, so concurrent edits of others survive.
    onError: (_error, { username }, context) => {
      const before = context?.before;
      if (before) patchMembers(queryClient, client, (u) => (u.username === username ? before : u));
    },
    // Not awaited: reloading a 50,000-member index must not hold the dialog open.
    onSettled: () => {
      if (queryClient.isMutating({ mutationKey: KEY }) !== 1) return;
      void queryClient.invalidateQueries({ queryKey: memberIndexQueries.all(client) });
      void queryClient.invalidateQueries({ queryKey: portalQueries.all(client) });
    },
  });
}
