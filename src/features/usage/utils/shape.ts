import type { UsageResponse } from '@/lib/arcgis/schemas';
import type { UsageByMember } from '@/lib/arcgis/usage-by-member';
import { compareServices, serviceName } from './service-names';

export interface ServiceTotal {
  code: string;
  name: string;
  credits: number;
}

/** One chart bucket: its start and the credits of each service (keyed by service code). */
export interface UsageBucket {
  time: number;
  values: Record<string, number>;
  total: number;
}

export interface ServiceSeries {
  buckets: UsageBucket[];
  /** Every service that appears in the response (even with 0 credits), in display order. */
  services: ServiceTotal[];
  total: number;
}

/**
 * Turns a `groupby=stype,…` usage response into chart buckets. Several rows of one service (e.g.
 * different `etype`s) are added together; a row without `stype` is kept under an empty code.
 * `service` keeps only that service (the filter), but `allServices` still lists every service.
 */
export function shapeServiceSeries(
  response: UsageResponse,
  options: { service?: string; bucketStarts?: readonly number[] } = {},
): ServiceSeries & { allServices: ServiceTotal[] } {
  const byTime = new Map<number, UsageBucket>();
  const totals = new Map<string, number>();
  for (const time of options.bucketStarts ?? []) byTime.set(time, { time, values: {}, total: 0 });
  for (const entry of response.data) {
    const code = entry.group.stype ?? entry.group.sType ?? '';
    totals.set(code, (totals.get(code) ?? 0) + 0);
    for (const [time, value] of entry.series.credits ?? []) {
      totals.set(code, (totals.get(code) ?? 0) + value);
      if (options.service !== undefined && code !== options.service) continue;
      let bucket = byTime.get(time);
      if (!bucket) {
        bucket = { time, values: {}, total: 0 };
        byTime.set(time, bucket);
      }
      bucket.values[code] = (bucket.values[code] ?? 0) + value;
      bucket.total += value;
    }
  }
  const allServices = [...totals.entries()]
    .map(([code, credits]) => ({ code, name: serviceName(code), credits }))
    .sort((a, b) => compareServices(a.code, b.code));
  const services =
    options.service === undefined ? allServices : allServices.filter((s) => s.code === options.service);
  const buckets = [...byTime.values()].sort((a, b) => a.time - b.time);
  const total = services.reduce((sum, s) => sum + s.credits, 0);
  return { buckets, services, allServices, total };
}

export interface Consumer {
  username: string;
  /** False for users outside the organization (no `userOrgId`): they have no member page. */
  isOrgMember: boolean;
  credits: number;
  /** Share of every credit used in the range (0..1). */
  share: number;
}

export interface TopConsumers {
  consumers: Consumer[];
  /** Every credit in the response, org-level charges (no user) included. */
  total: number;
  /** How many users used credits in the range. */
  userCount: number;
}

/**
 * The top `limit` users of per-member totals and their share of the total: one pass keeping the
 * `limit` largest (a report holds tens of thousands of users; only ten are shown).
 */
export function shapeTopConsumers(usage: UsageByMember, limit = 10): TopConsumers {
  const { usernames, credits, isOrgMember, total } = usage;
  const top: number[] = [];
  const before = (a: number, b: number) =>
    credits[a]! > credits[b]! ||
    (credits[a] === credits[b] && usernames[a]!.localeCompare(usernames[b]!) < 0);
  let userCount = 0;
  for (let i = 0; i < usernames.length; i++) {
    if (!(credits[i]! > 0)) continue;
    userCount++;
    if (top.length === limit && !before(i, top[top.length - 1]!)) continue;
    let at = top.length;
    while (at > 0 && before(i, top[at - 1]!)) at--;
    top.splice(at, 0, i);
    if (top.length > limit) top.pop();
  }
  return {
    consumers: top.map((i) => ({
      username: usernames[i]!,
      isOrgMember: isOrgMember[i] === 1,
      credits: credits[i]!,
      share: total > 0 ? credits[i]! / total : 0,
    })),
    total,
    userCount,
  };
}
