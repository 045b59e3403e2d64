import { z } from 'zod';
import { NO_LIMIT } from '@/lib/arcgis/schemas';
import { parseCreditAmount } from '@/lib/credit-amount';

export const defaultAllocationSchema = z
  .object({
    mode: z.enum(['no-limit', 'amount']),
    amount: z.string(),
  })
  .superRefine((v, ctx) => {
    if (v.mode !== 'amount') return;
    const parsed = parseCreditAmount(v.amount);
    if ('error' in parsed) ctx.addIssue({ code: 'custom', path: ['amount'], message: parsed.error });
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
