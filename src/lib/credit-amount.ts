/** Above this, a typed number of credits is a typo, not a budget. */
export const MAX_CREDIT_AMOUNT = 100_000_000;

// Digits with an optional thousands separator — a comma or a space (plain, no-break or narrow
// no-break) — between groups of exactly three, then an optional decimal point.
const GROUPED = /^(\d{1,3}(?:([, \u00a0\u202f])\d{3})?(?:\2\d{3})*|\d+)(\.\d*)?$|^\.\d+$/;

/**
 * Parses a number of credits typed by a person (an allocation, the default for new members, a CSV
 * cell): a decimal ≥ 0 with at most 3 decimals, written plainly ("1000.5") or with thousands
 * grouped by commas or spaces ("1,000.5", "1 000.5"). A comma is never a decimal point: "1,5" is
 * refused rather than read as 15. 0 is a real zero; "-0" is refused like any negative. Returns the
 * value or a message that says what to fix.
 */
export function parseCreditAmount(raw: string): { value: number } | { error: string } {
  const text = raw.trim();
  if (text === '') return { error: 'Enter a number of credits, or choose No limit.' };
  if (/^-/.test(text) && /^-[\d.,\s]+$/.test(text))
    return { error: 'Credits can’t be negative. Use 0 for no credits, or choose No limit.' };
  const unsigned = text.replace(/^\+/, '');
  if (!GROUPED.test(unsigned))
    return { error: 'Enter a number of credits, such as 100, 1,000 or 12.5 (a point for decimals).' };
  const plain = unsigned.replace(/[, \u00a0\u202f]/g, '');
  if ((plain.split('.')[1]?.length ?? 0) > 3) return { error: 'Use at most 3 decimal places.' };
  const value = Number(plain);
  if (value > MAX_CREDIT_AMOUNT) {
    return {
      error: `That’s more than ${MAX_CREDIT_AMOUNT.toLocaleString('en')} credits — check the number.`,
    };
  }
  return { value };
}
