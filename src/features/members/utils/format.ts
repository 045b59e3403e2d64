import type { CreditLimit } from '@/lib/arcgis/schemas';
import { formatCredits } from '@/lib/format';

export { formatCount, formatCredits } from '@/lib/format';

const date = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

const DASH = '—';

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
