import { describe, expect, it } from 'vitest';
import { readAllocationsFile } from '@/lib/change-plan/allocations-csv';
import { parseCsvText } from '@/lib/csv-parse';
import { allocationsRecordCsv } from './allocations-csv';

const users = [
  { username: 'ann', fullName: '=HYPERLINK("x")', assignedCredits: 100, availableCredits: 25.5 },
  { username: 'bob', fullName: 'Bob, Jr.', assignedCredits: -1, availableCredits: 900 },
  { username: 'cy', fullName: 'Cy', assignedCredits: 0, availableCredits: 0 },
];

describe('allocationsRecordCsv', () => {
  it('writes username, credits ("no limit" for -1), full name, used and remaining, escaping names', () => {
    const table = parseCsvText(allocationsRecordCsv(users));
    expect(table.header).toEqual(['username', 'credits', 'full_name', 'used', 'remaining']);
    expect(table.records.map((r) => r.cells)).toEqual([
      ['ann', '100', `'=HYPERLINK("x")`, '74.5', '25.5'],
      ['bob', 'no limit', 'Bob, Jr.', '', ''],
      ['cy', '0', 'Cy', '0', '0'],
    ]);
  });

  it('imports back as it is', () => {
    const file = readAllocationsFile(parseCsvText(allocationsRecordCsv(users)), (u) => u);
    expect(file.problems).toEqual([]);
    expect(file.targets.map((t) => [t.username, t.after])).toEqual([
      ['ann', 100],
      ['bob', null],
      ['cy', 0],
    ]);
  });

  it('in presentation mode names no one and says it is masked', () => {
    const text = allocationsRecordCsv(users, true);
    expect(text).not.toMatch(/ann|bob|Bob/);
    expect(readAllocationsFile(parseCsvText(text), (u) => u).masked).toBe(true);
  });
});
