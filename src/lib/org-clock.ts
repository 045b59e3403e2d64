import { useCallback } from 'react';
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ArcGISClient } from '@/lib/arcgis/request';

/**
 * The organization's "now". For ArcGIS Online that is the browser's clock. The demo portal can move
 * its clock forward (demo controls), and then every date range the console asks for (usage, the
 * forecast) must follow the portal's clock, not the browser's.
 */
export const orgClockQueries = {
  all: (client: ArcGISClient) => ['org-clock', client.portalUrl] as const,
  offset: (client: ArcGISClient) =>
    queryOptions({
      queryKey: [...orgClockQueries.all(client), 'offset'] as const,
      queryFn: ({ signal }) => fetchClockOffset(client.portalUrl, signal),
      staleTime: Infinity,
      retry: false,
    }),
};

/** Milliseconds the portal's clock is ahead of this browser's (0 for a real ArcGIS portal). */
export async function fetchClockOffset(portalUrl: string, signal?: AbortSignal): Promise<number> {
  try {
    const response = await fetch(`${portalUrl}/__demo/status`, { signal });
    if (!response.ok) return 0;
    const json: unknown = await response.json();
    const now = typeof json === 'object' && json !== null ? (json as { now?: unknown }).now : undefined;
    if (typeof now !== 'number' || !Number.isFinite(now)) return 0;
    const offset = now - Date.now();
    // Only whole-day moves are the demo clock; ignore clock skew between machines.
    return Math.abs(offset) < 60 * 60_000 ? 0 : offset;
  } catch (error) {
    if (signal?.aborted) throw error;
    return 0;
  }
}

/**
 * `now()` on the organization's clock. `isReady` is false until the portal's clock is known, so
 * queries keyed on dates can wait (`enabled: isReady`) instead of asking twice.
 */
export function useOrgClock(client: ArcGISClient): { now: () => number; isReady: boolean } {
  const offset = useQuery(orgClockQueries.offset(client));
  const value = offset.data ?? 0;
  const now = useCallback(() => Date.now() + value, [value]);
  return { now, isReady: !offset.isPending };
}
