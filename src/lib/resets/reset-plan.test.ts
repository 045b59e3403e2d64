import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '@/lib/change-plan/journal';
import type { EffectiveAllocation, PolicyRule } from '@/lib/policies/types';
import { lastResetsFromJournal, planResets } from './reset-plan';

const rule = (id: string): PolicyRule => ({
  id,
  updated: 0,
  updatedBy: 'demo_admin',
  position: 1,
  target: { kind: 'user-type', userTypeId: 'creatorUT' },
  allocation: { kind: 'credits', credits: 500 },
  reset: { kind: 'monthly', day: 1 },
});

const result = (username: string, ruleId: string | null, effective: number | null, current?: number | null) =>
  ({
    username,
    effective,
    current,
    drift: false,
    source: ruleId ? { kind: 'rule', ruleId, level: 'user-type' } : { kind: 'org-default' },
  }) as EffectiveAllocation;

describe('reset runs', () => {
  it('re-applies the rule’s amount to every member it decides, unchanged ones included', () => {
    const { plan, covered } = planResets(
      [{ rule: rule('a'), dueOn: 100, missed: 1 }],
      [
        result('same', 'a', 500, 500),
        result('spent', 'a', 500, 120),
        result('unlimited', 'a', null, null),
        result('off', 'a', 500, undefined),
        result('other', 'b', 50, 10),
        result('default', null, 0, 0),
      ],
    );
    expect(covered).toBe(4);
    expect(plan.kind).toBe('reset');
    expect(plan.resets).toEqual([{ ruleId: 'a', dueOn: 100 }]);
    expect(plan.changes).toEqual([
      { username: 'same', before: 500, after: 500 },
      { username: 'spent', before: 120, after: 500 },
    ]);
  });

  it('takes the last reset per rule from finished reset runs that applied someone', () => {
    const base = {
      type: 'allocations',
      portalUrl: 'p',
      username: 'demo_admin',
      startedAt: 1,
      outcomes: [],
    } as const;
    const run = (id: string, dueOn: number, applied: number, state: 'finished' | 'cancelled' | 'running') =>
      ({
        ...base,
        id,
        state,
        plan: { kind: 'reset', title: 't', changes: [], resets: [{ ruleId: 'a', dueOn }] },
        counts: { applied, 'not-assigned': 0, failed: 0, 'not-sent': 0 },
      }) as unknown as JournalEntry;
    const last = lastResetsFromJournal([
      run('1', 10, 3, 'finished'),
      run('2', 30, 0, 'cancelled'),
      run('3', 40, 5, 'running'),
      run('4', 20, 1, 'cancelled'),
    ]);
    expect(last.get('a')).toBe(20);
  });
});
