import { z } from 'zod';
import { NO_LIMIT } from '@/lib/arcgis/schemas';

/** Above this, a default allocation is a typo, not a budget. */
export const MAX_DEFAULT_ALLOCATION = 100_000_000;

export const defaultAllocationSchema = z
  .object({
    mode: z.enum(['no-limit', 'amount']),
    amount: z.string(),
  })
  .superRefine((v, ctx) => {
    if (v.mode !== 'amount') return;
    const text = v.amount.trim();
    const issue = (message: string) => ctx.addIssue({ code: 'custom', path: ['amount'], message });
    if (text === '') return issue('Enter a number of credits, or choose No limit.');
    if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(text)) return issue('Enter a number, such as 100 or 12.5.');
    const n = Number(text);
    if (n < 0) return issue('The default allocation can’t be negative. Use 0 for no credits, or choose No limit.');
    const decimals = text.split('.')[1]?.length ?? 0;
    if (decimals > 3) return issue('Use at most 3 decimal places.');
    if (n > MAX_DEFAULT_ALLOCATION) return issue(`That’s more than ${MAX_DEFAULT_ALLOCATION.toLocaleString()} credits — check the number.`);
  });

export type DefaultAllocationInput = z.infer<typeof defaultAllocationSchema>;

/** `-1` ↔ No limit. */
export function toFormValues(defaultUserCreditAssignment: number | null | undefined): DefaultAllocationInput {
  const v = defaultUserCreditAssignment;
  if (v === null || v === undefined || v < 0) return { mode: 'no-limit', amount: '' };
  return { mode: 'amount', amount: String(v) };
}

export function toSetting(values: DefaultAllocationInput): number {
  return values.mode === 'no-limit' ? NO_LIMIT : Number(values.amount.trim());
}
