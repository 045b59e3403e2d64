/** Above this, a typed number of credits is a typo, not a budget. */
export const MAX_CREDIT_AMOUNT = 100_000_000;

/**
 * Parses a number of credits typed by a person (an allocation, the default for new members, a CSV
 * cell): a plain decimal ≥ 0 with at most 3 decimals. 0 is a real zero. Returns the value or a
 * message that says what to fix.
 */
export function parseCreditAmount(raw: string): { value: number } | { error: string } {
  const text = raw.trim().replace(/\s/g, '');
  if (text === '') return { error: 'Enter a number of credits, or choose No limit.' };
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(text))
    return { error: 'Enter a number of credits, such as 100 or 12.5.' };
  const value = Number(text);
  if (value < 0) return { error: 'Credits can’t be negative. Use 0 for no credits, or choose No limit.' };
  if ((text.split('.')[1]?.length ?? 0) > 3) return { error: 'Use at most 3 decimal places.' };
  if (value > MAX_CREDIT_AMOUNT) {
    return { error: `That’s more than ${MAX_CREDIT_AMOUNT.toLocaleString()} credits — check the number.` };
  }
  return { value };
}
