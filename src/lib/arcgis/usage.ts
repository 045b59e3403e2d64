import { DAY_MS } from '@/lib/time';
import type { ArcGISClient, CallOptions } from './request';
import { usageResponseSchema } from './schemas';
import type { UsageResponse } from './schemas';

export type UsagePeriod = '1h' | '1d' | '1w' | '1m';

export interface UsageParams {
  /** Epoch ms or Date; must be before `endTime`. */
  startTime: number | Date;
  endTime: number | Date;
  period: UsagePeriod;
  /** e.g. `['credits', 'num']`. */
  vars: readonly string[];
  /** e.g. `['stype', 'etype']` or `['username', 'userorgid']`. */
  groupby: readonly string[];
  /** Optional filters (`stype`, `etype`, `username`, `appId`, `userOrgId`…), sent as given. */
  filters?: Readonly<Record<string, string | number | undefined>>;
}

/** Contract §6 rule: ≤ 1 day → 1h, ≤ 90 days → 1d, ≤ 1 year → 1w, else 1m. */
export function periodForRange(startTime: number | Date, endTime: number | Date): UsagePeriod {
  const span = Number(endTime) - Number(startTime);
  if (span <= DAY_MS) return '1h';
  if (span <= 90 * DAY_MS) return '1d';
  if (span <= 366 * DAY_MS) return '1w';
  return '1m';
}

/**
 * E11 `portals/self/usage` (undocumented). Series values arrive as strings and come back as
 * numbers: `data[i].series.credits` is `[bucketStartMs, value][]`, `data[i].group` holds the
 * `groupby` keys.
 */
export async function getUsage(
  client: ArcGISClient,
  params: UsageParams,
  opts: CallOptions = {},
): Promise<UsageResponse> {
  const start = Number(params.startTime);
  const end = Number(params.endTime);
  if (!Number.isFinite(start) || !Number.isFinite(end) || start >= end) {
    throw new RangeError('The usage range must start before it ends.');
  }
  return client.apiGet('portals/self/usage', {
    schema: usageResponseSchema,
    params: {
      ...params.filters,
      startTime: start,
      endTime: end,
      period: params.period,
      vars: params.vars.join(','),
      groupby: params.groupby.join(','),
    },
    signal: opts.signal,
  });
}
