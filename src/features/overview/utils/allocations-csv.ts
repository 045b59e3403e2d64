import Papa from 'papaparse';
import { creditLimitOf, type User } from '@/lib/arcgis/schemas';
import { escapeCsvCell } from './csv-escape';

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
    return [u.username, u.fullName ?? '', ...cells].map(escapeCsvCell);
  });
  return Papa.unparse({ fields: [...ALLOCATION_CSV_COLUMNS], data: rows });
}

/** Starts a download of `csv` as `filename` in the browser. */
export function downloadCsv(csv: string, filename: string): void {
  const blob = new Blob([`\uFEFF${csv}`], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
