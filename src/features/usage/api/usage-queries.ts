import { queryOptions } from '@tanstack/react-query';
import type { ArcGISClient } from '@/lib/arcgis/request';
import { getUsage, type UsagePeriod } from '@/lib/arcgis/usage';
import { getUsageByMember } from '@/lib/arcgis/usage-by-member';
import { DAY_MS } from '@/lib/time';

export interface UsageWindow {
  start: number;
  end: number;
  period: UsagePeriod;
}

/**
 * The period for per-user totals: only the sum over the range is shown, so the coarsest bucket
 * keeps the response small (one row per user with a point or two instead of 53 weekly points).
 */
function totalsPeriod(start: number, end: number): UsagePeriod {
  return end - start <= DAY_MS ? '1d' : '1m';
}

/** Usage queries (E11 `portals/self/usage`). Keys hold every parameter the request sends. */
export const usageQueries = {
  all: (client: ArcGISClient) => ['usage', client.portalUrl] as const,

  /** Org credits over time by service type. */
  byService: (client: ArcGISClient, w: UsageWindow) =>
    queryOptions({
      queryKey: [
        ...usageQueries.all(client),
        'by-service',
        { start: w.start, end: w.end, period: w.period },
      ] as const,
      queryFn: ({ signal }) =>
        getUsage(
          client,
          {
            startTime: w.start,
            endTime: w.end,
            period: w.period,
            vars: ['credits'],
            groupby: ['stype', 'etype'],
          },
          { signal },
        ),
    }),

  /** Credits per user over the range (top consumers), optionally for one service type. */
  byMember: (client: ArcGISClient, w: { start: number; end: number; service?: string }) => {
    const period = totalsPeriod(w.start, w.end);
    return queryOptions({
      queryKey: [
        ...usageQueries.all(client),
        'by-member',
        { start: w.start, end: w.end, period, service: w.service ?? null },
      ] as const,
      // Read and summed in a Web Worker: the report is megabytes in a large org.
      queryFn: ({ signal }) =>
        getUsageByMember(client, { start: w.start, end: w.end, period, service: w.service }, { signal }),
    });
  },

  /** One member's credits over time by service type (the member dialog's chart). */
  memberByService: (client: ArcGISClient, w: UsageWindow & { username: string }) =>
    queryOptions({
      queryKey: [
        ...usageQueries.all(client),
        'member-by-service',
        { username: w.username, start: w.start, end: w.end, period: w.period },
      ] as const,
      queryFn: ({ signal }) =>
        getUsage(
          client,
          {
            startTime: w.start,
            endTime: w.end,
            period: w.period,
            vars: ['credits'],
            groupby: ['stype', 'etype'],
            filters: { username: w.username },
          },
          { signal },
        ),
    }),
};
