import { formatCredits } from '@/lib/format';

const dateFormat = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  year: 'numeric',
  month: 'short',
  day: 'numeric',
});

export function formatDemoDate(ms: number): string {
  return dateFormat.format(new Date(ms));
}

export { formatAllocationValue as formatAllocation } from '@/lib/format';

export function formatCreditAmount(credits: number): string {
  return `${formatCredits(credits)} credits`;
}

export function daysLabel(days: number): string {
  return days === 1 ? '1 day' : `${days} days`;
}
