import { queryOptions } from '@tanstack/react-query';
import { getDemoStatus } from '@/lib/arcgis/demo';
import type { ArcGISClient } from '@/lib/arcgis/request';

/** Every demo action's mutation key starts with this, so the panel can tell when any is running. */
export const DEMO_MUTATION_KEY = ['demo-action'] as const;

export const demoQueries = {
  all: (client: ArcGISClient) => ['demo', client.portalUrl] as const,
  /**
   * Whether the signed-in portal is the demo portal, asked of the portal itself: a real ArcGIS
   * org answers `__demo/status` with an error, which simply means "no demo controls". Never
   * retried and never thrown to a boundary.
   */
  status: (client: ArcGISClient) =>
    queryOptions({
      queryKey: [...demoQueries.all(client), 'status'] as const,
      queryFn: ({ signal }) => getDemoStatus(client, { signal }),
      retry: false,
      throwOnError: false,
      staleTime: 60_000,
    }),
};
