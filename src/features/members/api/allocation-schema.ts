import { z } from 'zod';

/** The largest allocation accepted: far above any organization's credits, below float trouble. */
export const MAX_ALLOCATION = 1_000_000_000;
/** Notebooks need at least this many available credits to start. */
export const NOTEBOOK_MINIMUM = 30;

/** Parses a typed allocation: a finite number ≥ 0 with at most 3 decimals, or an error message. */
export function parseAllocation(raw: string): { value: number } | { error: string } {
  const text = raw.trim().replace(/\s/g, '');
  if (text === '') return { error: 'Enter an allocation, or choose No limit.' };
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) return { error: 'Enter a number of credits, like 50 or 12.5.' };
  const value = Number(text);
  if (!Number.isFinite(value)) return { error: 'Enter a number of credits, like 50 or 12.5.' };
  if (value < 0) return { error: 'An allocation can’t be negative. To remove a limit, choose No limit.' };
  if (value > MAX_ALLOCATION) return { error: `That is too large: enter at most ${MAX_ALLOCATION.toLocaleString()} credits.` };
  if (Math.round(value * 1000) / 1000 !== value) return { error: 'Use at most 3 decimal places.' };
  return { value };
}

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
