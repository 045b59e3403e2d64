import { describe, expect, it } from 'vitest';
import { emptyCounts } from './execute';
import type { AllocationRunEntry } from './journal';
import { planUndo } from './undo';

const entry: AllocationRunEntry = {
  type: 'allocations',
  id: 'r1',
  portalUrl: 'https://portal',
  username: 'admin',
  startedAt: 1,
  state: 'finished',
  plan: {
    kind: 'bulk-set',
    title: 'Set allocation to 50',
    changes: [
      { username: 'ana', before: null, after: 50 },
      { username: 'bo', before: 20, after: 50 },
      { username: 'cy', before: 0, after: 50 },
      { username: 'di', before: 5, after: 50 },
    ],
  },
  outcomes: [
    { username: 'ana', status: 'applied' },
    { username: 'bo', status: 'applied' },
    { username: 'cy', status: 'failed', error: 'x' },
    { username: 'di', status: 'not-sent' },
  ],
  counts: emptyCounts(),
};

describe('planUndo', () => {
  it('puts back the before value of applied members, skipping and naming those changed since', () => {
    const now = new Map<string, number | null>([
      ['ana', 50],
      ['bo', 70],
      ['cy', 0],
      ['di', 5],
    ]);
    const { plan, skipped } = planUndo(entry, (u) => now.get(u));
    expect(plan.kind).toBe('undo');
    expect(plan.changes).toEqual([{ username: 'ana', before: 50, after: null }]);
    expect(skipped).toEqual([{ username: 'bo', reason: 'Changed since: now 70, this run set 50.' }]);
  });
});
