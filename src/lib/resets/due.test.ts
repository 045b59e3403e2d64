import { describe, expect, it } from 'vitest';
import type { PolicyRule, ResetPeriod } from '@/lib/policies/types';
import { dueResets, isoDay, latestResetAtOrBefore, nextResetAfter, resetsBetween } from './due';

const at = (iso: string) => Date.parse(`${iso}Z`);
const day = (ms: number | undefined) => (ms === undefined ? undefined : isoDay(ms));

function rule(
  id: string,
  reset: ResetPeriod | undefined,
  updated: number,
  extra: Partial<PolicyRule> = {},
): PolicyRule {
  return {
    id,
    updated,
    updatedBy: 'demo_admin',
    position: 1,
    target: { kind: 'user-type', userTypeId: 'creatorUT' },
    allocation: { kind: 'credits', credits: 500 },
    reset,
    ...extra,
  };
}

describe('reset dates', () => {
  it('monthly on the 31st falls on each month’s last day, February included (leap and not)', () => {
    const p: ResetPeriod = { kind: 'monthly', day: 31 };
    expect(day(latestResetAtOrBefore(p, at('2027-02-27T12:00:00')))).toBe('2027-01-31');
    expect(day(latestResetAtOrBefore(p, at('2027-02-28T00:00:00')))).toBe('2027-02-28');
    expect(day(latestResetAtOrBefore(p, at('2028-02-29T08:00:00')))).toBe('2028-02-29');
    expect(day(latestResetAtOrBefore(p, at('2027-04-30T00:00:00')))).toBe('2027-04-30');
    expect(day(nextResetAfter(p, at('2027-04-30T00:00:00')))).toBe('2027-05-31');
    expect(day(nextResetAfter(p, at('2027-02-01T00:00:00')))).toBe('2027-02-28');
  });

  it('monthly on the 1st crosses the year both ways', () => {
    const p: ResetPeriod = { kind: 'monthly', day: 1 };
    expect(day(latestResetAtOrBefore(p, at('2027-01-01T00:00:00')))).toBe('2027-01-01');
    expect(day(latestResetAtOrBefore(p, at('2026-12-31T23:59:59')))).toBe('2026-12-01');
    expect(day(nextResetAfter(p, at('2026-12-01T00:00:00')))).toBe('2027-01-01');
    // Three month starts between 15 Oct and 1 Jan: Nov, Dec, Jan.
    expect(resetsBetween(p, at('2026-10-15T00:00:00'), at('2027-01-01T09:00:00'))).toBe(3);
  });

  it('fiscal year: before and after its start, and a 29 February start in a common year', () => {
    const july: ResetPeriod = { kind: 'fiscal-year', startMonth: 7, startDay: 1 };
    expect(day(latestResetAtOrBefore(july, at('2027-06-30T23:00:00')))).toBe('2026-07-01');
    expect(day(latestResetAtOrBefore(july, at('2027-07-01T00:00:00')))).toBe('2027-07-01');
    expect(day(nextResetAfter(july, at('2027-07-01T00:00:00')))).toBe('2028-07-01');
    const leap: ResetPeriod = { kind: 'fiscal-year', startMonth: 2, startDay: 29 };
    expect(day(latestResetAtOrBefore(leap, at('2027-03-10T00:00:00')))).toBe('2027-02-28');
    expect(day(latestResetAtOrBefore(leap, at('2028-03-10T00:00:00')))).toBe('2028-02-29');
  });

  it('semester dates: the latest passed, the next, none before the first, and no invented dates', () => {
    const p: ResetPeriod = { kind: 'dates', dates: ['2027-09-01', '2027-01-18', '2027-02-30'] };
    expect(latestResetAtOrBefore(p, at('2027-01-17T23:59:59'))).toBeUndefined();
    expect(day(latestResetAtOrBefore(p, at('2027-03-01T00:00:00')))).toBe('2027-01-18');
    expect(day(latestResetAtOrBefore(p, at('2027-09-01T00:00:00')))).toBe('2027-09-01');
    expect(day(nextResetAfter(p, at('2027-03-01T00:00:00')))).toBe('2027-09-01');
    expect(nextResetAfter(p, at('2027-09-01T00:00:00'))).toBeUndefined();
  });
});

describe('resets due', () => {
  const monthly: ResetPeriod = { kind: 'monthly', day: 1 };
  const saved = at('2026-11-20T10:00:00');

  it('is due once the next reset date comes after the rule was saved, and not before', () => {
    const doc = { rules: [rule('a', monthly, saved), rule('none', undefined, saved)] };
    expect(dueResets(doc, new Map(), at('2026-11-30T23:59:59'))).toEqual([]);
    const due = dueResets(doc, new Map(), at('2026-12-01T00:00:00'));
    expect(due.map((d) => [d.rule.id, isoDay(d.dueOn), d.missed])).toEqual([['a', '2026-12-01', 1]]);
  });

  it('is no longer due once that reset is applied; counts missed resets; ignores deleted rules', () => {
    const doc = {
      rules: [rule('a', monthly, saved), rule('gone', monthly, saved, { deleted: true })],
    };
    const applied = new Map([['a', at('2026-12-01T00:00:00')]]);
    expect(dueResets(doc, applied, at('2026-12-20T00:00:00'))).toEqual([]);
    const late = dueResets(doc, applied, at('2027-03-02T00:00:00'));
    expect(late.map((d) => [d.rule.id, isoDay(d.dueOn), d.missed])).toEqual([['a', '2027-03-01', 3]]);
  });

  it('a rule saved on a reset day after midnight is not due that day', () => {
    const doc = { rules: [rule('a', monthly, at('2026-12-01T09:00:00'))] };
    expect(dueResets(doc, new Map(), at('2026-12-01T10:00:00'))).toEqual([]);
  });
});
