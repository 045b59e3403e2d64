/**
 * Numbers as the console shows them, in the browser's locale. Credits keep up to 3 decimals: that
 * is the precision allocations are set with, so a cap of 12.345 is never shown as 12.35.
 */
const creditsFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 3 });
const countFormat = new Intl.NumberFormat(undefined);

export function formatCredits(n: number): string {
  return creditsFormat.format(n);
}

export function formatCount(n: number): string {
  return countFormat.format(n);
}

/** An allocation as an administrator reads it: -1 is "No limit" (never "-1"), 0 is a real zero. */
export function formatAllocationValue(credits: number): string {
  return credits < 0 ? 'No limit' : `${formatCredits(credits)} credits`;
}
