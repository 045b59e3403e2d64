import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useArcGISClient } from '@/lib/arcgis/client-context';
import { updatePortalSettings } from '@/lib/arcgis/portal';
import { toPortalCredits } from '@/lib/change-plan/plan';
import { useChangeRunner } from '@/lib/change-plan/runner-context';
import { portalQueries } from '@/lib/portal-queries';
import type { Cap } from '@/lib/what-if/projection';

/**
 * E10 `portals/self/update` for the default allocation, when a what-if is applied. The org is read
 * again afterwards and the change journaled from what the portal then says (undo sets it back).
 */
export function useSetDefault() {
  const client = useArcGISClient();
  const queryClient = useQueryClient();
  const runner = useChangeRunner();
  return useMutation({
    mutationKey: [...portalQueries.all(client), 'what-if-default'] as const,
    mutationFn: ({ after }: { before: Cap; after: Cap }) =>
      updatePortalSettings(client, { defaultUserCreditAssignment: toPortalCredits(after) }),
    onSuccess: async (_data, { before }) => {
      await queryClient.invalidateQueries({ queryKey: portalQueries.all(client) });
      const value = queryClient.getQueryData(
        portalQueries.self(client).queryKey,
      )?.defaultUserCreditAssignment;
      if (value === undefined || value === null) return;
      const now = value < 0 ? null : value;
      if (now !== before) await runner.journalSetting('default-allocation', before, now);
    },
    onError: () => queryClient.invalidateQueries({ queryKey: portalQueries.all(client) }),
  });
}
