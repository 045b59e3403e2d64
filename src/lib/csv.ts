import Papa from 'papaparse';

/** Cells a spreadsheet would run as a formula start with one of these (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Makes a text cell safe to open in a spreadsheet by prefixing a `'`; numbers stay numbers. */
export function neutraliseCell(value: string | number): string | number {
  if (typeof value === 'number') return value;
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** Undoes `neutraliseCell` on a cell read back from a file this console exported. */
export function unneutraliseCell(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

/** CSV text (CRLF lines) from a header and rows, every cell neutralised against formula injection. */
export function toSafeCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number)[])[],
): string {
  const fields = header.map((h) => String(neutraliseCell(h)));
  return Papa.unparse({ fields, data: rows.map((cells) => cells.map(neutraliseCell)) }, { newline: '\r\n' });
}

/** Starts a browser download of `text` as a UTF-8 CSV file (with a BOM, so spreadsheets read accents). */
export function downloadCsv(filename: string, text: string): void {
  if (typeof URL.createObjectURL !== 'function') return;
  const url = URL.createObjectURL(new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
