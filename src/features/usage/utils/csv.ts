import Papa from 'papaparse';
import type { UsagePeriod } from '@/lib/arcgis/usage';
import { isoBucket } from './format';
import type { ServiceSeries } from './shape';

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Makes a cell safe to open in a spreadsheet: text starting with = + - @ tab or CR would be run
 * as a formula (CSV injection), so it gets a leading apostrophe. Numbers are written as numbers.
 */
export function neutraliseCell(value: string | number): string | number {
  if (typeof value === 'number') return value;
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** CSV of the series shown: one row per bucket, one column per service, then the bucket total. */
export function seriesToCsv(series: ServiceSeries, period: UsagePeriod): string {
  const header = ['Period start (UTC)', ...series.services.map((s) => s.name), 'Total credits'];
  const rows = series.buckets.map((b) => [
    isoBucket(b.time, period),
    ...series.services.map((s) => round(b.values[s.code] ?? 0)),
    round(b.total),
  ]);
  const totalRow = ['Total', ...series.services.map((s) => round(s.credits)), round(series.total)];
  return Papa.unparse([header, ...rows, totalRow].map((row) => row.map(neutraliseCell)));
}

/** Avoids float noise such as 0.30000000000000004 in exported numbers. */
function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** Offers `csv` as a download (no-op where the browser can't create object URLs). */
export function downloadCsv(filename: string, csv: string): void {
  if (typeof URL.createObjectURL !== 'function') return;
  const url = URL.createObjectURL(new Blob([`\uFEFF${csv}`], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
