import { queryOptions } from '@tanstack/react-query';
import type { ArcGISClient } from '@/lib/arcgis/request';
import { getUsage } from '@/lib/arcgis/usage';
import { seriesTotal } from '@/lib/arcgis/schemas';
import { DAY_MS } from '@/lib/time';
import { pacesFromTotals } from './projection';

/** The window members' paces and the org's burn are measured over: the 30 whole UTC days before today. */
export const PACE_DAYS = 30;

export interface RecentPace {
  /** Lower-case username → credits a day. Members missing here spent nothing in the window. */
  members: Map<string, number>;
  /** The org's burn over the window, credits a day (usage of every kind, members' or not). */
  orgPerDay: number;
  /** End of the window (start of today, UTC), epoch ms: where projections start. */
  end: number;
}

async function getRecentPace(client: ArcGISClient, end: number, signal: AbortSignal): Promise<RecentPace> {
  const start = end - PACE_DAYS * DAY_MS;
  const window = { startTime: start, endTime: end, vars: ['credits'] };
  const [byMember, byService] = await Promise.all([
    // Monthly buckets: only each member's total over the window is needed.
    getUsage(client, { ...window, period: '1m', groupby: ['username', 'userorgid'] }, { signal }),
    getUsage(client, { ...window, period: '1d', groupby: ['stype', 'etype'] }, { signal }),
  ]);
  const totals: [string, number][] = [];
  for (const row of byMember.data) {
    const username = row.group.username;
    if (username) totals.push([username, seriesTotal(row.series.credits)]);
  }
  let orgTotal = 0;
  for (const row of byService.data) orgTotal += Math.max(0, seriesTotal(row.series.credits));
  return { members: pacesFromTotals(totals, PACE_DAYS), orgPerDay: orgTotal / PACE_DAYS, end };
}

export const paceQueries = {
  all: (client: ArcGISClient) => ['what-if', client.portalUrl] as const,
  /** `orgNow`: the organization's clock; the window ends at its UTC midnight. */
  recent: (client: ArcGISClient, orgNow: number) => {
    const end = Math.floor(orgNow / DAY_MS) * DAY_MS;
    return queryOptions({
      queryKey: [...paceQueries.all(client), 'pace', PACE_DAYS, end] as const,
      queryFn: ({ signal }) => getRecentPace(client, end, signal),
      staleTime: 5 * 60_000,
    });
  },
};
