import { queryOptions } from '@tanstack/react-query';
import type { ArcGISClient } from '@/lib/arcgis/request';
import { getUsageByMember } from '@/lib/arcgis/usage-by-member';
import { DAY_MS } from '@/lib/time';

/**
 * "This period" for a member without a limit. A capped member's Used counts from when their
 * allocation was set (the portal's allocation period); a member with no limit has no such start,
 * so their Used is the last 30 whole UTC days, ending at the start of today — the Usage page's
 * "Last 30 days" and the Overview's 30-day burn, so the three agree. Only transaction services
 * count, as for an allocation: storage is charged to the organization, never to a member.
 */
export const PERIOD_DAYS = 30;

export interface PeriodWindow {
  start: number;
  end: number;
}

export function periodWindow(now: number): PeriodWindow {
  const end = Math.floor(now / DAY_MS) * DAY_MS;
  return { start: end - PERIOD_DAYS * DAY_MS, end };
}

/** Members' usage this period, keyed by lower-cased username. */
export const periodUsageQueries = {
  all: (client: ArcGISClient) => ['period-usage', client.portalUrl] as const,
  window: (client: ArcGISClient, w: PeriodWindow) =>
    queryOptions({
      queryKey: [...periodUsageQueries.all(client), { start: w.start, end: w.end }] as const,
      // Read and summed in a Web Worker; monthly buckets keep the report to a row or two a member.
      queryFn: async ({ signal }) => {
        const usage = await getUsageByMember(
          client,
          { start: w.start, end: w.end, period: '1m', budgetedOnly: true },
          { signal },
        );
        const byUsername = new Map<string, number>();
        usage.usernames.forEach((u, i) => byUsername.set(u.toLowerCase(), usage.credits[i]!));
        return byUsername as ReadonlyMap<string, number>;
      },
      staleTime: 5 * 60_000,
      throwOnError: false,
    }),
};
