/** Number and date formats for the browser's locale. */
import { formatAllocationValue } from '@/lib/format';

export { formatAxisNumber, formatCount, formatCreditRate, formatCredits, formatPercent } from '@/lib/format';

export function formatLongDate(ms: number | Date): string {
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'long' }).format(ms);
}

/** "14 March" this year, "14 March 2027" otherwise. */
export function formatDayMonth(d: Date, now = new Date()): string {
  const sameYear = d.getFullYear() === now.getFullYear();
  return new Intl.DateTimeFormat(
    undefined,
    sameYear ? { day: 'numeric', month: 'long' } : { day: 'numeric', month: 'long', year: 'numeric' },
  ).format(d);
}

export function formatShortDay(ms: number): string {
  return new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(ms);
}

/** A default allocation in words: "No limit" for -1, never "-1". */
export function describeDefault(value: number | null | undefined): string {
  if (value === null || value === undefined) return 'not set';
  return formatAllocationValue(value);
}
