/** Time helpers for the org model. All calendar math is UTC. */

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;

export function dayIndex(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

export function startOfUtcDay(ms: number): number {
  return dayIndex(ms) * DAY_MS;
}

export function startOfUtcHour(ms: number): number {
  return Math.floor(ms / HOUR_MS) * HOUR_MS;
}

export function startOfUtcMonth(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

export function addUtcMonths(ms: number, months: number): number {
  const d = new Date(ms);
  return Date.UTC(
    d.getUTCFullYear(),
    d.getUTCMonth() + months,
    d.getUTCDate(),
    d.getUTCHours(),
    d.getUTCMinutes(),
  );
}

/** 0 = Sunday ... 6 = Saturday, for a day index (days since the epoch). */
export function weekdayOfDay(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** Day of the year (0-based) for a day index. */
export function dayOfYear(day: number): number {
  const ms = day * DAY_MS;
  const year = new Date(ms).getUTCFullYear();
  return Math.floor((ms - Date.UTC(year, 0, 1)) / DAY_MS);
}

/**
 * The org's clock: the real clock plus a whole number of days the demo was advanced by.
 */
export class DemoClock {
  private offsetDays = 0;
  constructor(private readonly base: () => number) {}

  now(): number {
    return this.base() + this.offsetDays * DAY_MS;
  }

  realNow(): number {
    return this.base();
  }

  get advancedDays(): number {
    return this.offsetDays;
  }

  advance(days: number): void {
    this.offsetDays += days;
  }

  resetAdvance(): void {
    this.offsetDays = 0;
  }
}
