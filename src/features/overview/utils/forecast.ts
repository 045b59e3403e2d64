/** Pure maths for the burn rate and run-out forecast (O5). Rates are credits per day. */

import { DAY_MS } from '@/lib/time';

export interface BurnRates {
  /** Average daily spend over the last 7 days. */
  rate7: number;
  /** Average daily spend over all the days given (normally 30). */
  rate30: number;
  /** Slowest and fastest weekly pace among the trailing whole weeks (and the 30-day average). */
  low: number;
  high: number;
  days: number;
}

/**
 * Burn rates from daily totals, oldest first. Negative or non-finite values count as 0 (a refund
 * does not make the org richer for forecasting). Returns undefined when there are no days.
 */
export function burnRates(daily: readonly number[]): BurnRates | undefined {
  const values = daily.map((v) => (Number.isFinite(v) && v > 0 ? v : 0));
  const days = values.length;
  if (days === 0) return undefined;
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  const rate30 = sum(values) / days;
  const last7 = values.slice(-7);
  const rate7 = sum(last7) / last7.length;
  const weekly: number[] = [];
  for (let end = days; end - 7 >= 0; end -= 7) weekly.push(sum(values.slice(end - 7, end)) / 7);
  const candidates = [rate30, ...weekly];
  return { rate7, rate30, low: Math.min(...candidates), high: Math.max(...candidates), days };
}

export type RunOut = { kind: 'already' } | { kind: 'never' } | { kind: 'date'; date: Date; days: number };

/** When `balance` reaches 0 at `ratePerDay`, counted from `from`. */
export function runOut(balance: number, ratePerDay: number, from: Date): RunOut {
  if (balance <= 0) return { kind: 'already' };
  if (!(ratePerDay > 0)) return { kind: 'never' };
  const days = balance / ratePerDay;
  const ms = from.getTime() + days * DAY_MS;
  if (!Number.isFinite(ms) || ms > 8.64e15) return { kind: 'never' };
  return { kind: 'date', date: new Date(ms), days };
}

/** A span of days in words: "5 days", "3 weeks", "4 months", "2 years". */
export function describeSpan(days: number): string {
  const d = Math.abs(days);
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (d < 14) return unit(Math.max(1, Math.round(d)), 'day');
  if (d < 60) return unit(Math.round(d / 7), 'week');
  if (d < 730) return unit(Math.round(d / 30.44), 'month');
  return unit(Math.round(d / 365.25), 'year');
}

export interface ForecastSentenceInput {
  runOut: RunOut;
  /** Subscription expiry (renewal), epoch ms; undefined if unknown. */
  renewal?: number | null;
  formatDate: (d: Date) => string;
}

/** "At the last 30 days' pace, credits run out around 14 March — 3 weeks before renewal." */
export function forecastSentence({ runOut: r, renewal, formatDate }: ForecastSentenceInput): string {
  if (r.kind === 'already')
    return 'The organization has no credits left: the balance is already at or below zero.';
  if (r.kind === 'never')
    return "No credits were spent in the last 30 days, so at that pace the credits don't run out.";
  const head = `At the last 30 days' pace, credits run out around ${formatDate(r.date)}`;
  if (renewal === undefined || renewal === null || !Number.isFinite(renewal)) return `${head}.`;
  const diffDays = (renewal - r.date.getTime()) / DAY_MS;
  if (Math.abs(diffDays) < 1) return `${head} — about when the subscription renews.`;
  if (diffDays > 0) return `${head} — ${describeSpan(diffDays)} before renewal.`;
  return `${head} — ${describeSpan(diffDays)} after renewal, so they last the subscription term.`;
}

/**
 * Daily totals (oldest first) for `days` whole UTC days ending at `end` (exclusive), from
 * `[bucketStart, credits]` points of any number of series. Points outside the window are ignored.
 */
export function dailyTotals(
  series: readonly (readonly (readonly [number, number])[])[],
  end: number,
  days: number,
): { start: number; credits: number }[] {
  const start = end - days * DAY_MS;
  const out = Array.from({ length: days }, (_, i) => ({ start: start + i * DAY_MS, credits: 0 }));
  for (const points of series) {
    for (const [t, v] of points) {
      if (t < start || t >= end || !Number.isFinite(v)) continue;
      const bucket = out[Math.floor((t - start) / DAY_MS)];
      if (bucket) bucket.credits += v;
    }
  }
  return out;
}

/** Start of the current UTC day: the forecast uses whole days only. */
export function startOfUtcDay(now: number): number {
  return Math.floor(now / DAY_MS) * DAY_MS;
}
