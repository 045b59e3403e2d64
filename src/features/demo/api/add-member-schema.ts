import { z } from 'zod';

/** Optional: empty = a generated name. Otherwise a first and a last name, as the portal needs. */
export const addMemberSchema = z.object({
  fullName: z
    .string()
    .trim()
    .max(80, 'Use at most 80 characters.')
    .refine((v) => v === '' || /\S\s+\S/.test(v), 'Enter a first and a last name, or leave it empty.'),
});

export type AddMemberInput = z.infer<typeof addMemberSchema>;
