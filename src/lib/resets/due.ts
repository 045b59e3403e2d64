import { liveRules } from '@/lib/policies/engine';
import type { PolicyDocument, PolicyRule, ResetPeriod } from '@/lib/policies/types';

/**
 * When a rule's reset is due. Reset dates are calendar days (UTC, the org clock's days): a reset
 * "on the 31st" falls on a short month's last day, a fiscal year starting on 29 February starts on
 * the 28th in other years. A reset is due when a reset date has come (≤ now) since the last reset
 * applied for that rule, or, for a rule never reset, since the rule was last saved.
 */

/** Epoch ms of 00:00 UTC on a calendar day (`month` 1–12; `day` clamped to the month's last day). */
export function dayStart(year: number, month: number, day: number): number {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return Date.UTC(year, month - 1, Math.min(Math.max(1, day), last));
}

/** `YYYY-MM-DD` of an instant's UTC day. */
export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function parseIsoDay(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  // Refuse dates that do not exist (2026-02-30) rather than roll them into the next month.
  return isoDay(ms) === text ? ms : undefined;
}

/** The latest reset date (start of its day) at or before `now`; undefined if there is none yet. */
export function latestResetAtOrBefore(period: ResetPeriod, now: number): number | undefined {
  const d = new Date(now);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth() + 1;
  switch (period.kind) {
    case 'monthly': {
      const here = dayStart(year, month, period.day);
      if (here <= now) return here;
      return month === 1 ? dayStart(year - 1, 12, period.day) : dayStart(year, month - 1, period.day);
    }
    case 'fiscal-year': {
      const here = dayStart(year, period.startMonth, period.startDay);
      return here <= now ? here : dayStart(year - 1, period.startMonth, period.startDay);
    }
    case 'dates': {
      let best: number | undefined;
      for (const text of period.dates) {
        const ms = parseIsoDay(text);
        if (ms !== undefined && ms <= now && (best === undefined || ms > best)) best = ms;
      }
      return best;
    }
  }
}

/** The first reset date strictly after `now`; undefined when a list of dates has run out. */
export function nextResetAfter(period: ResetPeriod, now: number): number | undefined {
  const d = new Date(now);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth() + 1;
  switch (period.kind) {
    case 'monthly': {
      const here = dayStart(year, month, period.day);
      if (here > now) return here;
      return month === 12 ? dayStart(year + 1, 1, period.day) : dayStart(year, month + 1, period.day);
    }
    case 'fiscal-year': {
      const here = dayStart(year, period.startMonth, period.startDay);
      return here > now ? here : dayStart(year + 1, period.startMonth, period.startDay);
    }
    case 'dates': {
      let best: number | undefined;
      for (const text of period.dates) {
        const ms = parseIsoDay(text);
        if (ms !== undefined && ms > now && (best === undefined || ms < best)) best = ms;
      }
      return best;
    }
  }
}

/** How many reset dates fall in (since, now]: more than one means resets were missed. */
export function resetsBetween(period: ResetPeriod, since: number, now: number): number {
  let count = 0;
  let t = latestResetAtOrBefore(period, now);
  while (t !== undefined && t > since && count < 1000) {
    count += 1;
    t = latestResetAtOrBefore(period, t - 1);
  }
  return count;
}

export interface DueReset {
  rule: PolicyRule;
  /** The reset date that is due (start of its UTC day). */
  dueOn: number;
  /** Reset dates passed since the last reset (1 normally; more when some were missed). */
  missed: number;
}

/** Per rule id: when its last reset was applied (epoch ms of the reset date it applied). */
export type LastResets = ReadonlyMap<string, number>;

/**
 * The resets due as of `now`: one per live rule with a period whose latest reset date is after its
 * last applied reset (or after the rule was saved, for a rule never reset), oldest first.
 */
export function dueResets(
  doc: Pick<PolicyDocument, 'rules'>,
  lastResets: LastResets,
  now: number,
): DueReset[] {
  const out: DueReset[] = [];
  for (const rule of liveRules(doc)) {
    if (!rule.reset) continue;
    // A rule saved on a reset day, after that day began, already gives that period's amount.
    const since = lastResets.get(rule.id) ?? rule.updated;
    const dueOn = latestResetAtOrBefore(rule.reset, now);
    if (dueOn === undefined || dueOn <= since) continue;
    out.push({ rule, dueOn, missed: resetsBetween(rule.reset, since, now) });
  }
  return out.sort((a, b) => a.dueOn - b.dueOn);
}

/** "Monthly on the 1st", "On 2027-01-15, 2027-09-01", "Each fiscal year from 1 July". */
export function describeResetPeriod(period: ResetPeriod): string {
  const months = [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ];
  switch (period.kind) {
    case 'monthly':
      return `Monthly on day ${period.day}${period.day > 28 ? ' (or the month’s last day)' : ''}`;
    case 'fiscal-year':
      return `Each fiscal year from ${period.startDay} ${months[period.startMonth - 1] ?? ''}`;
    case 'dates':
      return `On ${period.dates.join(', ')}`;
  }
}
