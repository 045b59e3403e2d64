import { z } from 'zod';
import { numericSchema, type User } from '@/lib/arcgis/schemas';

/**
 * The fields of a member the console reads, and nothing else: what the member index holds for every
 * member of the organization (and keeps in this browser between visits). The names are the portal's,
 * so anything written against `User` reads a `MemberRecord` the same way.
 */
export const MEMBER_RECORD_FIELDS = [
  'username',
  'fullName',
  'firstName',
  'lastName',
  'email',
  'role',
  'roleId',
  'userLicenseTypeId',
  'lastLogin',
  'assignedCredits',
  'availableCredits',
] as const satisfies readonly (keyof User)[];

export type MemberRecord = Pick<User, (typeof MEMBER_RECORD_FIELDS)[number]>;

const optionalString = z.string().nullish();
const creditField = numericSchema.nullish();

/**
 * One member as a users page carries them, validated on just the fields the console reads. A plain
 * (not loose) object, so everything else the portal sends is dropped during validation.
 */
export const memberRecordSchema = z.object({
  username: z.string(),
  fullName: optionalString,
  firstName: optionalString,
  lastName: optionalString,
  email: optionalString,
  role: optionalString,
  roleId: optionalString,
  userLicenseTypeId: optionalString,
  lastLogin: z.number().nullish(),
  assignedCredits: creditField,
  availableCredits: creditField,
}) satisfies z.ZodType<MemberRecord>;

/** A page of `portals/self/users` reduced to member records. */
export const memberRecordPageSchema = z.object({
  total: z.number(),
  start: z.number(),
  num: z.number(),
  nextStart: z.number(),
  users: z.array(memberRecordSchema),
});
export type MemberRecordPage = z.infer<typeof memberRecordPageSchema>;

/** Reduces a full member (e.g. one just re-read from the portal) to the fields the index keeps. */
export function toMemberRecord(user: MemberRecord): MemberRecord {
  const out: Record<string, unknown> = {};
  for (const field of MEMBER_RECORD_FIELDS) {
    const value = user[field];
    if (value !== undefined) out[field] = value;
  }
  return out as MemberRecord;
}
