/** Characters that make a spreadsheet read a cell as a formula (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Neutralises a CSV cell against formula injection: a value starting with = + - @, a tab or a
 * carriage return is prefixed with a single quote. Other values are returned unchanged.
 */
export function escapeCsvCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}
