import { allocatedPercent, summarizeAllocations } from './allocation-summary';

describe('summarizeAllocations', () => {
  it('counts capped, no limit, at risk (exhausted included) and exhausted and sums finite allocations only', () => {
    const s = summarizeAllocations([
      { username: 'a', assignedCredits: 100, availableCredits: 100 },
      { username: 'b', assignedCredits: 100, availableCredits: 20 }, // 80 % used → at risk
      { username: 'c', assignedCredits: 50, availableCredits: 0 }, // exhausted
      { username: 'd', assignedCredits: 0, availableCredits: 0 }, // a cap of zero: exhausted
      { username: 'e', assignedCredits: -1, availableCredits: 5000 },
      { username: 'f' }, // budgeting off for this record
    ]);
    expect(s).toEqual({
      members: 6,
      allocated: 250,
      capped: 4,
      noLimit: 1,
      atRisk: 3,
      exhausted: 2,
      unavailable: 1,
    });
  });

  it('counts exactly 80 % used as at risk and just under as not', () => {
    const s = summarizeAllocations([
      { username: 'eighty', assignedCredits: 50, availableCredits: 10 },
      { username: 'below', assignedCredits: 1000, availableCredits: 200.001 },
    ]);
    expect(s.atRisk).toBe(1);
  });

  it('gives no percentage against a balance at or below zero', () => {
    expect(allocatedPercent(50, 200)).toBe(25);
    expect(allocatedPercent(50, 0)).toBeUndefined();
  });
});
