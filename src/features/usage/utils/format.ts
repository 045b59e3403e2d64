import type { UsagePeriod } from '@/lib/arcgis/usage';

// Credits, shares and axes follow the console's number policy (src/lib/format.ts).
export { formatAxisNumber, formatCredits, formatShare } from '@/lib/format';

// Buckets are UTC-aligned by the portal, so labels are rendered in UTC to match their boundaries.
const hourFmt = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
});
const dayFmt = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });
const dayYearFmt = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});
const hourLongFmt = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
  timeZoneName: 'short',
});
const monthFmt = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', timeZone: 'UTC' });

/** Short axis label of a bucket. */
export function formatBucket(startMs: number, period: UsagePeriod): string {
  switch (period) {
    case '1h':
      return hourFmt.format(startMs);
    case '1d':
    case '1w':
      return dayFmt.format(startMs);
    case '1m':
      return monthFmt.format(startMs);
  }
}

/** Full label of a bucket (tooltips, table rows). */
export function formatBucketLong(startMs: number, period: UsagePeriod): string {
  switch (period) {
    case '1h':
      return hourLongFmt.format(startMs);
    case '1d':
      return dayYearFmt.format(startMs);
    case '1w':
      return `Week of ${dayYearFmt.format(startMs)}`;
    case '1m':
      return monthFmt.format(startMs);
  }
}

export const PERIOD_NAMES: Readonly<Record<UsagePeriod, string>> = {
  '1h': 'hourly',
  '1d': 'daily',
  '1w': 'weekly',
  '1m': 'monthly',
};

/** A UTC calendar date `YYYY-MM-DD` (CSV, date inputs). */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** `YYYY-MM-DDTHH:mmZ` for hourly buckets, `YYYY-MM-DD` otherwise (CSV). */
export function isoBucket(ms: number, period: UsagePeriod): string {
  return period === '1h' ? `${new Date(ms).toISOString().slice(0, 16)}Z` : isoDate(ms);
}

export function formatDateRange(startMs: number, endMs: number): string {
  return `${dayYearFmt.format(startMs)} – ${dayYearFmt.format(endMs - 1)}`;
}
