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

const STRING_FIELDS = [
  'fullName',
  'firstName',
  'lastName',
  'email',
  'role',
  'roleId',
  'userLicenseTypeId',
] as const satisfies readonly (keyof MemberRecord)[];

/**
 * `memberRecordPageSchema` for the page shapes the portal sends every time (strings, numbers, null or
 * absent), checked by hand: a few times quicker than the schema on a page of 100, which matters over
 * 2,500 pages. Returns undefined for anything else (a credit as a numeric string, a field of the wrong
 * type), which the schema then decides on, with its message if the page is wrong.
 */
export function readMemberRecordPage(json: unknown): MemberRecordPage | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const { total, start, num, nextStart, users } = json as Record<string, unknown>;
  if (typeof total !== 'number' || typeof start !== 'number') return undefined;
  if (typeof num !== 'number' || typeof nextStart !== 'number' || !Array.isArray(users)) return undefined;
  const records: MemberRecord[] = new Array<MemberRecord>(users.length);
  for (let i = 0; i < users.length; i++) {
    const user: unknown = users[i];
    if (typeof user !== 'object' || user === null) return undefined;
    const u = user as Record<string, unknown>;
    if (typeof u.username !== 'string') return undefined;
    const out: Record<string, unknown> = { username: u.username };
    for (const field of STRING_FIELDS) {
      const value = u[field];
      if (value === undefined) continue;
      if (value !== null && typeof value !== 'string') return undefined;
      out[field] = value;
    }
    for (const field of ['lastLogin', 'assignedCredits', 'availableCredits'] as const) {
      const value = u[field];
      if (value === undefined) continue;
      if (value !== null && !Number.isFinite(value)) return undefined;
      out[field] = value;
    }
    records[i] = out as MemberRecord;
  }
  return { total, start, num, nextStart, users: records };
}

/**
 * Shares one string per distinct role, role id and user type among the records it is given (in
 * place). Each page arrives with its own copies (parsed, then cloned from the worker): 250,000
 * members would otherwise hold 750,000 copies of a few dozen values.
 */
export function createRecordInterner(): (records: MemberRecord[]) => MemberRecord[] {
  const pool = new Map<string, string>();
  const shared = (value: string | null | undefined) => {
    if (typeof value !== 'string') return value;
    const known = pool.get(value);
    if (known !== undefined) return known;
    pool.set(value, value);
    return value;
  };
  return (records) => {
    for (const r of records) {
      if (r.role != null) r.role = shared(r.role);
      if (r.roleId != null) r.roleId = shared(r.roleId);
      if (r.userLicenseTypeId != null) r.userLicenseTypeId = shared(r.userLicenseTypeId);
    }
    return records;
  };
}

/** Reduces a full member (e.g. one just re-read from the portal) to the fields the index keeps. */
export function toMemberRecord(user: MemberRecord): MemberRecord {
  const out: Record<string, unknown> = {};
  for (const field of MEMBER_RECORD_FIELDS) {
    const value = user[field];
    if (value !== undefined) out[field] = value;
  }
  return out as MemberRecord;
}
