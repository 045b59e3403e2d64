import { periodForRange, type UsagePeriod } from '@/lib/arcgis/usage';
import { formatDateRange } from './format';

import { DAY_MS, HOUR_MS } from '@/lib/time';
/** The farthest back a range may start (the portal keeps about a year of usage). */
export const MAX_LOOKBACK_DAYS = 365;

export const RANGE_PRESETS = [
  { id: '7d', label: '7 d', longLabel: 'Last 7 days', days: 7 },
  { id: '30d', label: '30 d', longLabel: 'Last 30 days', days: 30 },
  { id: '90d', label: '90 d', longLabel: 'Last 90 days', days: 90 },
  // Whole weeks (26 and 52), so every weekly bucket of these ranges is a whole week.
  { id: '6m', label: '6 mo', longLabel: 'Last 6 months', days: 182 },
  { id: '12m', label: '12 mo', longLabel: 'Last 12 months', days: 364 },
] as const;
export type RangePresetId = (typeof RANGE_PRESETS)[number]['id'];
export const DEFAULT_PRESET: RangePresetId = '30d';

export interface UsageRange {
  /** Epoch ms, inclusive. */
  start: number;
  /** Epoch ms, exclusive. */
  end: number;
  period: UsagePeriod;
  /** e.g. "Last 30 days" or "Mar 1, 2026 – Mar 31, 2026". */
  label: string;
}

export function isPresetId(value: string | null): value is RangePresetId {
  return RANGE_PRESETS.some((p) => p.id === value);
}

/**
 * The range of a preset: that many whole UTC days, ending at the start of today (today is still
 * running). "Last 30 days" is thereby the same window as the Overview's 30-day burn, every daily
 * bucket is a whole day, and the range (and its query key) stays the same all day.
 */
export function presetRange(id: RangePresetId, now: number): UsageRange {
  const preset = RANGE_PRESETS.find((p) => p.id === id) ?? RANGE_PRESETS[1];
  const end = Math.floor(now / DAY_MS) * DAY_MS;
  const start = end - preset.days * DAY_MS;
  return { start, end, period: periodForRange(start, end), label: preset.longLabel };
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** Epoch ms of a `YYYY-MM-DD` date at 00:00 UTC, or undefined when it isn't a real date. */
export function parseIsoDate(value: string | null | undefined): number | undefined {
  if (!value || !DATE_RE.test(value)) return undefined;
  const ms = Date.parse(`${value}T00:00:00Z`);
  if (!Number.isFinite(ms) || new Date(ms).toISOString().slice(0, 10) !== value) return undefined;
  return ms;
}

export interface CustomRangeErrors {
  from?: string;
  to?: string;
}

/** Validates a custom range of whole UTC days, `to` inclusive. Returns no keys when it is valid. */
export function validateCustomRange(from: string, to: string, now: number): CustomRangeErrors {
  const errors: CustomRangeErrors = {};
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  const earliest = today - MAX_LOOKBACK_DAYS * DAY_MS;
  const fromMs = parseIsoDate(from);
  const toMs = parseIsoDate(to);
  if (fromMs === undefined) errors.from = 'Enter a start date.';
  else if (fromMs > today) errors.from = 'From can’t be in the future.';
  else if (fromMs < earliest) errors.from = 'From can be at most one year back.';
  if (toMs === undefined) errors.to = 'Enter an end date.';
  else if (toMs > today) errors.to = 'To can’t be in the future.';
  if (fromMs !== undefined && toMs !== undefined && !errors.from && !errors.to && fromMs > toMs) {
    errors.to = 'To must be on or after From.';
  }
  return errors;
}

/** The range of a valid custom selection (whole UTC days; `to` included, capped at the next hour). */
export function customRange(from: string, to: string, now: number): UsageRange | undefined {
  const errors = validateCustomRange(from, to, now);
  const fromMs = parseIsoDate(from);
  const toMs = parseIsoDate(to);
  if (errors.from || errors.to || fromMs === undefined || toMs === undefined) return undefined;
  const nextHour = Math.floor(now / HOUR_MS) * HOUR_MS + HOUR_MS;
  const end = Math.min(toMs + DAY_MS, nextHour);
  return {
    start: fromMs,
    end,
    period: periodForRange(fromMs, end),
    label: formatDateRange(fromMs, toMs + DAY_MS),
  };
}
