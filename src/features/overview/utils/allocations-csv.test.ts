import Papa from 'papaparse';
import { allocationsCsv } from './allocations-csv';

describe('allocationsCsv', () => {
  it('writes allocated, used and remaining, "No limit" for -1, and escapes names', () => {
    const csv = allocationsCsv([
      { username: 'ann', fullName: '=HYPERLINK("x")', assignedCredits: 100, availableCredits: 25.5 },
      { username: 'bob', fullName: 'Bob, Jr.', assignedCredits: -1, availableCredits: 900 },
      { username: 'cy', fullName: 'Cy', assignedCredits: 0, availableCredits: 0 },
    ]);
    const rows = Papa.parse<string[]>(csv).data;
    expect(rows).toEqual([
      ['username', 'full name', 'allocated', 'used', 'remaining'],
      ['ann', `'=HYPERLINK("x")`, '100', '74.5', '25.5'],
      ['bob', 'Bob, Jr.', 'No limit', '', ''],
      ['cy', 'Cy', '0', '0', '0'],
    ]);
  });
});
