import { useCallback } from 'react';
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ArcGISClient } from '@/lib/arcgis/request';
import { getDemoStatus } from '@/lib/arcgis/demo';

import { DAY_MS } from './time';

/**
 * The demo portal's status (`__demo/status`), asked of the portal itself: a real ArcGIS org answers
 * it with an error, which means "not the demo portal". Never retried, never thrown to a boundary.
 * Shared by the demo controls and the organization's clock below.
 */
export const demoStatusQueries = {
  all: (client: ArcGISClient) => ['demo', client.portalUrl] as const,
  status: (client: ArcGISClient) =>
    queryOptions({
      queryKey: [...demoStatusQueries.all(client), 'status'] as const,
      queryFn: ({ signal }) => getDemoStatus(client, { signal }),
      retry: false,
      throwOnError: false,
      staleTime: 60_000,
    }),
};

/**
 * `now()` on the organization's clock. For ArcGIS Online that is the browser's clock; the demo
 * portal can move its clock forward (demo controls), and then every date range the console asks for
 * (usage, the forecast) follows the portal's clock. `isReady` is false until that is known, so
 * queries keyed on dates can wait (`enabled: isReady`) instead of asking twice.
 */
export function useOrgClock(client: ArcGISClient): { now: () => number; isReady: boolean } {
  const status = useQuery(demoStatusQueries.status(client));
  // The demo portal's clock is real time plus the days it was advanced (skew between machines aside).
  const offset = (status.data?.advancedDays ?? 0) * DAY_MS;
  const now = useCallback(() => Date.now() + offset, [offset]);
  return { now, isReady: !status.isPending };
}
