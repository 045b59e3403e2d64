import { describe, expect, it } from 'vitest';
import type { AllocationRunEntry } from '@/lib/change-plan/journal';
import { journalCsv, outcomeCsv } from './outcome-csv';

const entry: AllocationRunEntry = {
  type: 'allocations',
  id: 'run-1',
  portalUrl: 'https://example.maps.arcgis.com',
  username: 'admin_real',
  startedAt: Date.UTC(2026, 10, 1),
  finishedAt: Date.UTC(2026, 10, 1, 0, 1),
  state: 'finished',
  plan: {
    kind: 'bulk-set',
    title: 'Set allocation to 40',
    changes: [
      { username: 'jdoe_real', before: 10, after: 40 },
      { username: 'asmith_real', before: null, after: 40 },
    ],
  },
  outcomes: [
    { username: 'jdoe_real', status: 'applied' },
    { username: 'asmith_real', status: 'failed', error: 'Unable to update asmith_real (400).' },
  ],
  counts: { applied: 1, 'not-assigned': 0, failed: 1, 'not-sent': 0 },
};

describe('Outcome and journal files', () => {
  it('name no real username in presentation mode, not even in portal messages or the "by" column', () => {
    for (const csv of [outcomeCsv(entry.plan.changes, entry.outcomes, true), journalCsv([entry], true)]) {
      expect(csv).not.toMatch(/jdoe_real|asmith_real|admin_real/);
      expect(csv).toMatch(/Unable to update member\d{4} \(400\)\./);
    }
  });

  it('keep the real usernames otherwise, so the file imports back', () => {
    const csv = journalCsv([entry], false);
    expect(csv).toContain('jdoe_real');
    expect(csv).toContain('Unable to update asmith_real (400).');
    expect(csv).toContain('admin_real');
  });
});
