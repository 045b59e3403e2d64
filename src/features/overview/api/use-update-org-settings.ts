import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ArcGISClient } from '@/lib/arcgis/request';
import { updatePortalSettings, type PortalSettingsUpdate } from '@/lib/arcgis/portal';
import { isBudgetingEnabled, type PortalSelf } from '@/lib/arcgis/schemas';
import { useChangeRunner } from '@/lib/change-plan/runner-context';
import { portalQueries } from '@/lib/portal-queries';
import { memberIndexQueries } from '@/lib/member-index';

function defaultOf(portal: PortalSelf | undefined): number | null | undefined {
  const value = portal?.defaultUserCreditAssignment;
  if (value === undefined || value === null) return undefined;
  return value < 0 ? null : value;
}

/**
 * E10 `portals/self/update`. Afterwards the org is read again from the server (never the UI's
 * guess), and the change is journaled from what the server then says (undo = set it back). Turning
 * budgeting on or off changes every member's credit fields, so the member index is dropped and
 * loaded again (its progress shows) rather than left showing the old fields.
 */
export function useUpdateOrgSettings(client: ArcGISClient) {
  const queryClient = useQueryClient();
  const runner = useChangeRunner();
  return useMutation({
    mutationKey: [...portalQueries.all(client), 'update-settings'] as const,
    mutationFn: (settings: PortalSettingsUpdate) => updatePortalSettings(client, settings),
    onMutate: () => ({ before: queryClient.getQueryData(portalQueries.self(client).queryKey) }),
    onSuccess: async (_data, settings, context) => {
      await queryClient.invalidateQueries({ queryKey: portalQueries.all(client) });
      const after = queryClient.getQueryData(portalQueries.self(client).queryKey);
      const before = context.before;
      if (settings.creditAssignments !== undefined && before && after) {
        const was = isBudgetingEnabled(before) ? 1 : 0;
        const now = isBudgetingEnabled(after) ? 1 : 0;
        if (was !== now) await runner.journalSetting('budgeting', was, now);
      }
      if (settings.defaultUserCreditAssignment !== undefined) {
        const was = defaultOf(before);
        const now = defaultOf(after);
        if (was !== undefined && now !== undefined && was !== now)
          await runner.journalSetting('default-allocation', was, now);
      }
    },
    onSettled: (_data, _error, settings) => {
      // Not awaited: the whole org is paged in again, and the summary shows that progress.
      if (settings.creditAssignments !== undefined)
        void queryClient.resetQueries({ queryKey: memberIndexQueries.all(client) });
    },
    onError: () => queryClient.invalidateQueries({ queryKey: portalQueries.all(client) }),
  });
}
