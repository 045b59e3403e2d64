import { z } from 'zod';
import { parseCreditAmount } from '@/lib/credit-amount';

/** The override form: one member and what they get, above every rule. */
export const overrideSchema = z
  .object({ username: z.string(), noLimit: z.boolean(), allocation: z.string(), note: z.string().max(500) })
  .superRefine((v, ctx) => {
    if (!v.username.trim()) ctx.addIssue({ code: 'custom', path: ['username'], message: 'Choose a member.' });
    if (!v.noLimit) {
      const parsed = parseCreditAmount(v.allocation);
      if ('error' in parsed) ctx.addIssue({ code: 'custom', path: ['allocation'], message: parsed.error });
    }
  });
export type OverrideInput = z.infer<typeof overrideSchema>;
