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

/** The setting to send: -1 for No limit, else the amount as the one credit parser reads it. Call on valid input. */
export function toSetting(values: DefaultAllocationInput): number {
  if (values.mode === 'no-limit') return NO_LIMIT;
  const parsed = parseCreditAmount(values.amount);
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed.value;
}
