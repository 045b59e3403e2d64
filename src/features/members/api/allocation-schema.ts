import { z } from 'zod';
import { parseCreditAmount } from '@/lib/credit-amount';

/** Notebooks need at least this many available credits to start. */
export const NOTEBOOK_MINIMUM = 30;

/** Parses a typed allocation (the same rules as everywhere credits are typed). */
export const parseAllocation = parseCreditAmount;

export const allocationSchema = z
  .object({ noLimit: z.boolean(), allocation: z.string() })
  .superRefine((v, ctx) => {
    if (v.noLimit) return;
    const parsed = parseAllocation(v.allocation);
    if ('error' in parsed) ctx.addIssue({ code: 'custom', path: ['allocation'], message: parsed.error });
  });
export type AllocationInput = z.infer<typeof allocationSchema>;

/** The allocation to send: a number, or `null` for no limit. Call only on valid input. */
export function allocationTarget(input: AllocationInput): number | null {
  if (input.noLimit) return null;
  const parsed = parseAllocation(input.allocation);
  return 'value' in parsed ? parsed.value : null;
}
