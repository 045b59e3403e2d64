import { queryOptions } from '@tanstack/react-query';
import { getDemoNotifications } from '@/lib/arcgis/demo';
import type { ArcGISClient } from '@/lib/arcgis/request';

/** The last notifications the demo org recorded (for the Demo panel). */
export const demoNotificationQueries = {
  all: (client: ArcGISClient) => ['demo', client.portalUrl, 'notifications'] as const,
  latest: (client: ArcGISClient) =>
    queryOptions({
      queryKey: [...demoNotificationQueries.all(client), 'latest'] as const,
      queryFn: ({ signal }) => getDemoNotifications(client, 10, { signal }),
      staleTime: 0,
    }),
};
