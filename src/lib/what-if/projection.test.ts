import { describe, expect, it } from 'vitest';
import { DAY_MS } from '@/lib/time';
import { capAfter, pacesFromTotals, project, type ProjectionMember } from './projection';

const FROM = Date.UTC(2026, 2, 1);
const day = (n: number) => FROM + n * DAY_MS;

function member(username: string, over: Partial<ProjectionMember> = {}): ProjectionMember {
  return { username, cap: 100, used: 0, pace: 0, ...over };
}

describe('project', () => {
  it('sums caps, counts at risk and exhausted, and compares the total with the balance', () => {
    const { summary } = project(
      [
        member('a', { cap: 100, used: 85 }),
        member('b', { cap: 50, used: 50 }),
        member('c', { cap: null }),
        member('d', { cap: undefined }),
        member('e', { cap: 0 }),
      ],
      { balance: 100, burnPerDay: 0, from: FROM },
    );
    expect(summary).toMatchObject({
      members: 5,
      allocated: 150,
      capped: 3,
      noLimit: 1,
      unavailable: 1,
      atRisk: 3,
      exhausted: 2,
      percentAllocated: 150,
      overAllocation: 50,
      restricted: false,
    });
  });

  it('runs the org out at the members’ paces, stopping a capped member at their cap', () => {
    // a: 10 a day with 20 left → stops on day 2. b: no limit, 10 a day. Balance 100:
    // days 0–2 burn 20 a day (40), then 10 a day for the remaining 60 → day 8.
    const { summary, members } = project(
      [member('a', { cap: 50, used: 30, pace: 10 }), member('b', { cap: null, pace: 10 })],
      { balance: 100, burnPerDay: 20, from: FROM },
    );
    expect(summary.runOut).toEqual({ kind: 'date', at: day(8), days: 8 });
    expect(members[0]?.runOut).toEqual({ kind: 'cap', at: day(2) });
    expect(members[1]?.runOut).toEqual({ kind: 'org', at: day(8) });
    expect(summary.stoppedByCap).toBe(1);
  });

  it('moves the run-out earlier when a cap is raised (the sandbox)', () => {
    const members = [member('a', { cap: 50, used: 30, pace: 10 }), member('b', { cap: null, pace: 10 })];
    const org = { balance: 100, burnPerDay: 20, from: FROM };
    const raised = project(members, org, { memberCaps: { a: 500 } });
    expect(raised.summary.runOut).toEqual({ kind: 'date', at: day(5), days: 5 });
    expect(raised.members[0]?.runOut).toEqual({ kind: 'org', at: day(5) });
    expect(raised.summary.allocated).toBe(500);
  });

  it('keeps usage no member accounts for burning', () => {
    // Members spend 5 a day; the org burns 15: 10 a day of unattributed usage goes on.
    const { summary } = project([member('a', { cap: 5, pace: 5 })], {
      balance: 30,
      burnPerDay: 15,
      from: FROM,
    });
    // Day 1: 15 spent; then 10 a day for 15 more → 2.5 days.
    expect(summary.runOut).toEqual({ kind: 'date', at: day(2.5), days: 2.5 });
  });

  it('never runs out when nobody has any history', () => {
    const { summary, members } = project([member('new', { cap: null }), member('old', { cap: 10 })], {
      balance: 1000,
      burnPerDay: 0,
      from: FROM,
    });
    expect(summary.runOut).toEqual({ kind: 'never' });
    expect(members.map((m) => m.runOut.kind)).toEqual(['no-use', 'no-use']);
  });

  it('never runs out when every spender is stopped by a cap before the balance is gone', () => {
    const { summary } = project([member('a', { cap: 10, pace: 5 })], {
      balance: 1000,
      burnPerDay: 5,
      from: FROM,
    });
    expect(summary.runOut).toEqual({ kind: 'never' });
  });

  it('reports a negative balance as Restricted: already run out, no percentage', () => {
    const { summary, members } = project(
      [member('a', { cap: 100, used: 10, pace: 3 }), member('b', { cap: null, pace: 1 })],
      { balance: -25, burnPerDay: 4, from: FROM },
    );
    expect(summary.restricted).toBe(true);
    expect(summary.runOut).toEqual({ kind: 'already' });
    expect(summary.percentAllocated).toBeUndefined();
    expect(summary.overAllocation).toBe(100);
    expect(members.map((m) => m.runOut)).toEqual([
      { kind: 'org', at: FROM },
      { kind: 'org', at: FROM },
    ]);
  });

  it('treats a cap below what the member used as exhausted today', () => {
    const { summary, members } = project([member('a', { cap: 100, used: 150, pace: 5 })], {
      balance: 1000,
      burnPerDay: 5,
      from: FROM,
    });
    expect(summary.exhausted).toBe(1);
    expect(summary.atRisk).toBe(1);
    expect(members[0]).toEqual({ username: 'a', cap: 100, left: 0, runOut: { kind: 'exhausted' } });
    // The member no longer spends: the org's balance lasts for ever.
    expect(summary.runOut).toEqual({ kind: 'never' });
  });

  it('starts a new allocation period for a changed cap, even one below what was used', () => {
    // Used 150 of 200; the sandbox caps them at 100: a new period with all 100 left, 20 days at 5 a day.
    const members = [member('a', { cap: 200, used: 150, pace: 5 })];
    const org = { balance: 1000, burnPerDay: 5, from: FROM };
    const { summary, members: projected } = project(members, org, { memberCaps: { a: 100 } });
    expect(summary.exhausted).toBe(0);
    expect(summary.atRisk).toBe(0);
    expect(projected[0]).toEqual({
      username: 'a',
      cap: 100,
      left: 100,
      runOut: { kind: 'cap', at: day(20) },
    });
  });

  it('keeps what was used when the sandbox names the cap a member already has', () => {
    const members = [member('a', { cap: 200, used: 150, pace: 5 })];
    const org = { balance: 1000, burnPerDay: 5, from: FROM };
    const { members: projected } = project(members, org, { memberCaps: { a: 200 } });
    expect(projected[0]?.left).toBe(50);
  });
});

describe('capAfter', () => {
  const creator = member('Ann', { cap: 50, userType: 'creatorUT' });
  const viewer = member('Vic', { cap: 50, userType: 'viewerUT' });
  const none = member('Off', { cap: undefined, userType: 'creatorUT' });

  it('gives a member their own cap first, then their user type’s, then the new default', () => {
    const changes = {
      memberCaps: { ann: 7 },
      typeCaps: { creatorUT: 500 },
      followDefault: { from: 50, to: 75 },
    };
    expect(capAfter(creator, changes)).toBe(7);
    expect(capAfter(member('Bo', { cap: 50, userType: 'creatorUT' }), changes)).toBe(500);
    expect(capAfter(viewer, changes)).toBe(75);
    expect(capAfter(member('Cy', { cap: 60 }), changes)).toBe(60);
  });

  it('never gives a member without an allocation (budgeting off) a cap', () => {
    expect(capAfter(none, { memberCaps: { off: 5 }, typeCaps: { creatorUT: 500 } })).toBeUndefined();
  });

  it('moves members from no limit to the new default when the default was no limit', () => {
    expect(capAfter(member('N', { cap: null }), { followDefault: { from: null, to: 20 } })).toBe(20);
  });
});

describe('pacesFromTotals', () => {
  it('turns totals into credits a day, case-insensitively, ignoring refunds', () => {
    const paces = pacesFromTotals(
      [
        ['Ann', 30],
        ['ann', 15],
        ['bo', -9],
      ],
      30,
    );
    expect(paces.get('ann')).toBe(1.5);
    expect(paces.get('bo')).toBe(0);
  });
});
