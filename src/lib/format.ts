/**
 * The console's number policy, in the browser's locale (stated in the README):
 * - credits: up to 3 decimals, the precision allocations are set with (a cap of 12.345 never reads
 *   12.35), grouped ("1,600"); an amount too small for 3 decimals reads "< 0.001", never "0" or "-0";
 * - rates and other estimates (credits a day): whole credits, one decimal below 10;
 * - percentages: the locale's percent style with up to 1 decimal ("31.4%");
 * - counts and chart axes: whole numbers, grouped ("2,500").
 */
const creditsFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 3 });
const countFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const smallRateFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
const percentFormat = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });
const axisFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 3 });

/** -0 (and anything that rounds to it) reads as 0. */
function noNegativeZero(n: number, digits: number): number {
  const rounded = Math.round(n * 10 ** digits) / 10 ** digits;
  return rounded === 0 ? 0 : n;
}

export function formatCredits(n: number): string {
  if (n !== 0 && Math.abs(n) < 0.0005) return n < 0 ? '> -0.001' : '< 0.001';
  return creditsFormat.format(noNegativeZero(n, 3));
}

/** A rate or an estimate ("840 credits a day"): whole credits, one decimal below 10. */
export function formatCreditRate(n: number): string {
  return Math.abs(n) < 10
    ? smallRateFormat.format(noNegativeZero(n, 1))
    : countFormat.format(noNegativeZero(n, 0));
}

export function formatCount(n: number): string {
  return countFormat.format(noNegativeZero(n, 0));
}

/** A share (0.314) as a percentage ("31.4%"). */
export function formatShare(share: number): string {
  return percentFormat.format(noNegativeZero(share, 3));
}

/** A percentage (31.4) as shown ("31.4%"). */
export function formatPercent(percent: number): string {
  return formatShare(percent / 100);
}

/** A chart axis tick: grouped, never more decimals than credits carry. */
export function formatAxisNumber(n: number): string {
  return axisFormat.format(noNegativeZero(n, 3));
}

/** An allocation as an administrator reads it: -1 is "No limit" (never "-1"), 0 is a real zero. */
export function formatAllocationValue(credits: number): string {
  return credits < 0 ? 'No limit' : `${formatCredits(credits)} credits`;
}
