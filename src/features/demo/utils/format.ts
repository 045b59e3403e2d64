const dateFormat = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  year: 'numeric',
  month: 'short',
  day: 'numeric',
});
const creditsFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

export function formatDemoDate(ms: number): string {
  return dateFormat.format(new Date(ms));
}

/** An allocation as an admin reads it: -1 is "No limit", 0 is a real zero. */
export function formatAllocation(credits: number): string {
  return credits < 0 ? 'No limit' : `${creditsFormat.format(credits)} credits`;
}

export function formatCredits(credits: number): string {
  return `${creditsFormat.format(credits)} credits`;
}

export function daysLabel(days: number): string {
  return days === 1 ? '1 day' : `${days} days`;
}
