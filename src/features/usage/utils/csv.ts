import { toSafeCsv } from '@/lib/csv';
import type { UsagePeriod } from '@/lib/arcgis/usage';
import { isoBucket } from './format';
import type { ServiceSeries } from './shape';

/** CSV of the series shown: one row per bucket, one column per service, then the bucket total. */
export function seriesToCsv(series: ServiceSeries, period: UsagePeriod): string {
  const header = ['Period start (UTC)', ...series.services.map((s) => s.name), 'Total credits'];
  const rows = series.buckets.map((b) => [
    isoBucket(b.time, period),
    ...series.services.map((s) => round(b.values[s.code] ?? 0)),
    round(b.total),
  ]);
  const totalRow = ['Total', ...series.services.map((s) => round(s.credits)), round(series.total)];
  return toSafeCsv(header, [...rows, totalRow]);
}

/** Avoids float noise such as 0.30000000000000004 in exported numbers. */
function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
