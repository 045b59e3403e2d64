import { useQuery } from '@tanstack/react-query';
import type { ArcGISClient } from '@/lib/arcgis/request';
import { useOrgClock } from '@/lib/org-clock';
import { periodUsageQueries, periodWindow } from '../api/period-usage-queries';

/**
 * Usage this period of members without a limit (see period-usage-queries.ts), asked for only when
 * budgeting is on and someone has no limit, once the organization's clock is known.
 */
export function usePeriodUsage(client: ArcGISClient, isWanted: boolean) {
  const clock = useOrgClock(client);
  const window = periodWindow(clock.now());
  const query = useQuery({
    ...periodUsageQueries.window(client, window),
    enabled: isWanted && clock.isReady,
  });
  return { query, window };
}
