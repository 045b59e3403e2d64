import { queryOptions } from '@tanstack/react-query';
import type { ArcGISClient } from '@/lib/arcgis/request';
import { getUsage } from '@/lib/arcgis/usage';
import { DAY_MS } from '@/lib/time';
import { burnRates, dailyTotals, startOfUtcDay, type BurnRates } from '../utils/forecast';

const BURN_DAYS = 30;

export interface BurnHistory {
  /** Whole UTC days, oldest first; the window ends at the start of today (UTC). */
  daily: { start: number; credits: number }[];
  rates: BurnRates | undefined;
  /** End of the window (start of today, UTC), epoch ms. */
  end: number;
}

/** Org credit spend over the 30 whole days before `end`, all service types (storage included). */
async function getBurnHistory(client: ArcGISClient, end: number, signal: AbortSignal): Promise<BurnHistory> {
  const start = end - BURN_DAYS * DAY_MS;
  const usage = await getUsage(
    client,
    { startTime: start, endTime: end, period: '1d', vars: ['credits'], groupby: ['stype', 'etype'] },
    { signal },
  );
  const daily = dailyTotals(
    usage.data.map((entry) => entry.series.credits ?? []),
    end,
    BURN_DAYS,
  );
  return { daily, rates: burnRates(daily.map((d) => d.credits)), end };
}

export const overviewQueries = {
  all: (client: ArcGISClient) => ['overview', client.portalUrl] as const,
  /** `orgNow`: the organization's clock (the demo portal's can run ahead); the window ends at its UTC midnight. */
  burn: (client: ArcGISClient, orgNow: number) =>
    queryOptions({
      queryKey: [...overviewQueries.all(client), 'burn', BURN_DAYS, startOfUtcDay(orgNow)] as const,
      queryFn: ({ signal }) => getBurnHistory(client, startOfUtcDay(orgNow), signal),
      staleTime: 5 * 60_000,
    }),
};
