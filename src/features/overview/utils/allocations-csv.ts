import Papa from 'papaparse';
import { creditLimitOf, type User } from '@/lib/arcgis/schemas';
import { neutraliseCell } from '@/lib/csv';

export const ALLOCATION_CSV_COLUMNS = ['username', 'full name', 'allocated', 'used', 'remaining'] as const;

function plain(n: number): string {
  // Machine-readable numbers (no grouping), at most 3 decimals.
  return String(Math.round(n * 1000) / 1000);
}

/** Current allocations of every member as CSV ("No limit" for -1), safe to open in a spreadsheet. */
export function allocationsCsv(users: readonly User[]): string {
  const rows = users.map((u) => {
    const limit = creditLimitOf(u);
    const cells =
      limit.kind === 'capped'
        ? [plain(limit.assigned), plain(limit.used), plain(limit.available)]
        : limit.kind === 'unlimited'
          ? ['No limit', '', '']
          : ['', '', ''];
    return [u.username, u.fullName ?? '', ...cells].map(neutraliseCell);
  });
  return Papa.unparse({ fields: [...ALLOCATION_CSV_COLUMNS], data: rows });
}
