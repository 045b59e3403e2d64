import type { CreditLimit } from '@/lib/arcgis/schemas';

const credits = new Intl.NumberFormat(undefined, { maximumFractionDigits: 3 });
const whole = new Intl.NumberFormat(undefined);
const date = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

export const DASH = '—';

export function formatCredits(n: number): string {
  return credits.format(n);
}

export function formatCount(n: number): string {
  return whole.format(n);
}

export function formatDate(ms: number | undefined): string {
  return ms === undefined ? 'Never' : date.format(ms);
}

/** -1 is shown as "No limit", never as -1; budgeting off shows "—". */
export function formatAllocation(limit: CreditLimit): string {
  if (limit.kind === 'unavailable') return DASH;
  if (limit.kind === 'unlimited') return 'No limit';
  return formatCredits(limit.assigned);
}

export function formatUsed(limit: CreditLimit): string {
  return limit.kind === 'capped' ? formatCredits(limit.used) : DASH;
}

export function formatRemaining(limit: CreditLimit): string {
  if (limit.kind === 'unavailable') return DASH;
  if (limit.kind === 'unlimited') return 'No limit';
  return formatCredits(limit.available);
}

/** "No limit" or a number, for previews of allocation changes (`null` = no limit). */
export function formatTarget(value: number | null | undefined): string {
  if (value === undefined) return DASH;
  return value === null ? 'No limit' : formatCredits(value);
}
