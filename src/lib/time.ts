/** Durations in milliseconds, for UTC day and hour arithmetic (usage buckets, ranges, the forecast). */
export const HOUR_MS = 60 * 60 * 1000;
export const DAY_MS = 24 * HOUR_MS;
