import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ArcGISClient } from '@/lib/arcgis/request';
import { updatePortalSettings, type PortalSettingsUpdate } from '@/lib/arcgis/portal';
import { portalQueries } from '@/lib/portal-queries';
import { memberIndexQueries } from '@/lib/member-index';

/**
 * E10 `portals/self/update`. Afterwards the org is read again from the server (never the UI's
 * guess). Turning budgeting on or off changes every member's credit fields, so the member index is
 * dropped and loaded again (its progress shows) rather than left showing the old fields.
 */
export function useUpdateOrgSettings(client: ArcGISClient) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: [...portalQueries.all(client), 'update-settings'] as const,
    mutationFn: (settings: PortalSettingsUpdate) => updatePortalSettings(client, settings),
    onSettled: (_data, _error, settings) => {
      // Not awaited: the whole org is paged in again, and the summary shows that progress.
      if (settings.creditAssignments !== undefined)
        void queryClient.resetQueries({ queryKey: memberIndexQueries.all(client) });
      return queryClient.invalidateQueries({ queryKey: portalQueries.all(client) });
    },
  });
}
