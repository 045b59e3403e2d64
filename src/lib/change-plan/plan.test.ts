import { describe, expect, it } from 'vitest';
import { batchesOf, groupChanges, planForMember, planForTarget, planForTargets, splitPlan } from './plan';

const members = [
  { username: 'ana', assignedCredits: -1 },
  { username: 'bo', assignedCredits: 50 },
  { username: 'cy', assignedCredits: 20 },
  { username: 'di', assignedCredits: null },
];

describe('change plans', () => {
  it('sets a target for many members, leaving out those already there and those without an allocation', () => {
    const { plan, unchanged } = planForTarget(members, 50);
    expect(plan.kind).toBe('bulk-set');
    expect(plan.changes).toEqual([
      { username: 'ana', before: null, after: 50 },
      { username: 'cy', before: 20, after: 50 },
    ]);
    expect(unchanged).toBe(1);
  });

  it('removes limits as no limit (null), never as 0', () => {
    const { plan } = planForTarget(members, null);
    expect(plan.kind).toBe('bulk-remove');
    expect(plan.changes.map((c) => c.after)).toEqual([null, null]);
  });

  it('keeps 0 as a real cap', () => {
    expect(planForMember({ username: 'bo', assignedCredits: 50 }, 0).changes).toEqual([
      { username: 'bo', before: 50, after: 0 },
    ]);
  });

  it('refuses a negative or non-numeric target', () => {
    expect(() => planForTarget(members, -1)).toThrow(RangeError);
    expect(() => planForTarget(members, Number.NaN)).toThrow(RangeError);
  });

  it('builds an import plan from per-member targets', () => {
    const current = new Map<string, number | null>([
      ['ana', null],
      ['bo', 50],
    ]);
    const { plan, unchanged } = planForTargets(
      [
        { username: 'ana', after: 5 },
        { username: 'bo', after: 50 },
      ],
      (u) => current.get(u),
    );
    expect(plan.changes).toEqual([{ username: 'ana', before: null, after: 5 }]);
    expect(unchanged).toBe(1);
  });

  it('groups changes "No limit → 50", largest group first', () => {
    const groups = groupChanges([
      { username: 'a', before: null, after: 50 },
      { username: 'b', before: 20, after: 50 },
      { username: 'c', before: null, after: 50 },
    ]);
    expect(groups.map((g) => [g.label, g.count])).toEqual([
      ['No limit → 50', 2],
      ['20 → 50', 1],
    ]);
  });

  it('splits caps from no-limits and batches by at most 100', () => {
    const changes = Array.from({ length: 250 }, (_, i) => ({
      username: `u${i}`,
      before: 1,
      after: i % 2 === 0 ? null : 3,
    }));
    const { assign, unassign } = splitPlan(changes);
    expect(assign).toHaveLength(125);
    expect(unassign).toHaveLength(125);
    expect(batchesOf(changes).map((b) => b.length)).toEqual([100, 100, 50]);
    expect(batchesOf(changes, 500).map((b) => b.length)).toEqual([100, 100, 50]);
  });
});
