import { z } from 'zod';

/*
 * Response schemas for the Sharing REST calls Credit Console makes (contract §2–§6).
 * Objects are loose: ArcGIS adds keys freely, and only the fields below are read.
 * Fields the contract marks UNCONFIRMED are optional and nullable.
 */

/** A number that may arrive as a numeric string (`"2.0E-4"`, `"1672099200000"`); never NaN/Infinity. */
export const numericSchema = z.union([z.number(), z.string().trim().min(1)]).transform((v, ctx) => {
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isFinite(n)) {
    ctx.addIssue({ code: 'custom', message: `Expected a finite number, got ${JSON.stringify(v)}` });
    return z.NEVER;
  }
  return n;
});

const optionalString = z.string().nullish();
/** Credit fields: numbers (`-1` = no limit); absent or null when budgeting is off. */
const creditField = numericSchema.nullish();

// ---------------------------------------------------------------------------------------------
// Users (E3, E4, E5, E7)

export const userSchema = z.looseObject({
  username: z.string(),
  id: optionalString,
  fullName: optionalString,
  firstName: optionalString,
  lastName: optionalString,
  email: optionalString,
  role: optionalString,
  roleId: optionalString,
  level: z.union([z.string(), z.number()]).nullish(),
  userLicenseTypeId: optionalString,
  userType: optionalString,
  disabled: z.boolean().nullish(),
  provider: optionalString,
  idpUsername: optionalString,
  /** Epoch ms; `-1` = never signed in. */
  lastLogin: z.number().nullish(),
  created: z.number().nullish(),
  modified: z.number().nullish(),
  orgId: optionalString,
  access: optionalString,
  storageUsage: z.number().nullish(),
  storageQuota: z.number().nullish(),
  mfaEnabled: z.boolean().nullish(),
  assignedCredits: creditField,
  availableCredits: creditField,
  privileges: z.array(z.string()).nullish(),
  groups: z.array(z.unknown()).nullish(),
  tags: z.array(z.string()).nullish(),
  thumbnail: optionalString,
});
export type User = z.infer<typeof userSchema>;

const pageFields = {
  total: z.number(),
  start: z.number(),
  num: z.number(),
  /** `-1` = no more pages. */
  nextStart: z.number(),
};

/** E4 `portals/self/users`: members under `users`. */
export const usersPageSchema = z.looseObject({ ...pageFields, users: z.array(userSchema) });
export type UsersPage = z.infer<typeof usersPageSchema>;

/** E5 `portals/self/users/search` and E6 `community/users`: members under `results`. */
export const userSearchPageSchema = z.looseObject({
  ...pageFields,
  query: optionalString,
  results: z.array(userSchema),
});
export type UserSearchPage = z.infer<typeof userSearchPageSchema>;

// ---------------------------------------------------------------------------------------------
// Portal (E1, E2)

export const subscriptionInfoSchema = z.looseObject({
  id: optionalString,
  type: optionalString,
  state: optionalString,
  /** Epoch ms. */
  expDate: z.number().nullish(),
  maxUsers: z.number().nullish(),
  maxUsersPerLevel: z.record(z.string(), z.number()).nullish(),
  userLicenseTypes: z.record(z.string(), z.number()).nullish(),
  availableCredits: numericSchema.nullish(),
  options: z.array(z.string()).nullish(),
});
export type SubscriptionInfo = z.infer<typeof subscriptionInfoSchema>;

export const appInfoSchema = z.looseObject({
  appId: optionalString,
  itemId: optionalString,
  appOwner: optionalString,
  orgId: optionalString,
  appTitle: optionalString,
  privileges: z.array(z.string()).nullish(),
});

/** E1 `portals/self`, signed in (with `user`) or anonymous (without). */
export const portalSelfSchema = z.looseObject({
  id: optionalString,
  name: optionalString,
  urlKey: optionalString,
  customBaseUrl: optionalString,
  portalHostname: optionalString,
  portalName: optionalString,
  portalMode: optionalString,
  isPortal: z.boolean().nullish(),
  currentVersion: z.union([z.string(), z.number()]).nullish(),
  supportsOAuth: z.boolean().nullish(),
  allSSL: z.boolean().nullish(),
  /** Org credit balance (may be negative); absent on ArcGIS Enterprise. */
  availableCredits: numericSchema.nullish(),
  /** `"enabled"` when budgeting is on; anything else, including missing, means off. */
  creditAssignments: optionalString,
  /** Default allocation for new members; `-1` = no limit. */
  defaultUserCreditAssignment: numericSchema.nullish(),
  maxTokenExpirationMinutes: z.number().nullish(),
  subscriptionInfo: subscriptionInfoSchema.nullish(),
  /**
   * The signed-in user. Real answers may carry `user: {}` (no member behind the call, e.g. an app
   * token): a user without a username counts as no user.
   */
  user: z
    .preprocess(
      (value) => (value && typeof value === 'object' && !('username' in value) ? null : value),
      userSchema.nullish(),
    )
    .optional(),
  appInfo: appInfoSchema.nullish(),
  authorizedCrossOriginNoCorsDomains: z.array(z.string()).nullish(),
});
export type PortalSelf = z.infer<typeof portalSelfSchema>;

/** A custom role (`portals/self/roles`); built-in roles (`org_admin`…) are not listed there. */
export const customRoleSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  description: optionalString,
  created: z.number().nullish(),
  modified: z.number().nullish(),
  privileges: z.array(z.string()).nullish(),
});
export type CustomRole = z.infer<typeof customRoleSchema>;

export const rolesPageSchema = z.looseObject({ ...pageFields, roles: z.array(customRoleSchema) });
export type RolesPage = z.infer<typeof rolesPageSchema>;

// ---------------------------------------------------------------------------------------------
// Credits and settings (E8, E9, E10)

export const assignCreditsResponseSchema = z.looseObject({
  success: z.boolean(),
  notAssignedUsers: z.array(z.string()).nullish(),
});
export type AssignCreditsResponse = z.infer<typeof assignCreditsResponseSchema>;

/** Note the capital U in `notUnAssignedUsers`. */
export const unassignCreditsResponseSchema = z.looseObject({
  success: z.boolean(),
  notUnAssignedUsers: z.array(z.string()).nullish(),
});
export type UnassignCreditsResponse = z.infer<typeof unassignCreditsResponseSchema>;

export const successResponseSchema = z.looseObject({ success: z.boolean() });
export type SuccessResponse = z.infer<typeof successResponseSchema>;

// ---------------------------------------------------------------------------------------------
// Usage (E11, undocumented)

/** `[bucketStartMs, value]`, both numbers after parsing. */
export type UsagePoint = [time: number, value: number];

export const usagePointSchema = z.tuple([numericSchema, numericSchema]);
export const usageSeriesSchema = z.array(usagePointSchema);

export interface UsageEntry {
  /** The `groupby` keys of this row (`stype`, `etype`, `username`, `userOrgId`, `appId`…), as strings. */
  group: Record<string, string>;
  /** One series per requested var (`credits`, `num`…). */
  series: Record<string, UsagePoint[]>;
}

const usageEntrySchema = z
  .record(
    z.string(),
    z.union([usageSeriesSchema, z.string(), z.number(), z.boolean(), z.null(), z.looseObject({})]),
  )
  .transform((row): UsageEntry => {
    const entry: UsageEntry = { group: {}, series: {} };
    for (const [key, value] of Object.entries(row)) {
      if (Array.isArray(value)) entry.series[key] = value;
      else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
        entry.group[key] = String(value);
      }
    }
    return entry;
  });

export const usageResponseSchema = z.looseObject({
  startTime: numericSchema.nullish(),
  endTime: numericSchema.nullish(),
  period: optionalString,
  data: z.array(usageEntrySchema),
});
export type UsageResponse = z.infer<typeof usageResponseSchema>;

/** Sum of a series' values (missing series = 0). */
export function seriesTotal(points: readonly UsagePoint[] | undefined): number {
  let total = 0;
  for (const [, value] of points ?? []) total += value;
  return total;
}

// ---------------------------------------------------------------------------------------------
// Domain helpers

export const MANAGE_CREDITS_PRIVILEGE = 'portal:admin:manageCredits';

/** `-1` in `assignedCredits` / `defaultUserCreditAssignment`. */
export const NO_LIMIT = -1;

export type CreditLimit =
  | { kind: 'unavailable' }
  | { kind: 'unlimited' }
  | { kind: 'capped'; assigned: number; available: number; used: number };

type CreditFields = Pick<User, 'assignedCredits' | 'availableCredits'>;

/**
 * A member's allocation. Budgeting off (fields absent/null, or `budgetingEnabled: false`) →
 * `unavailable` (show "—"); `-1` → `unlimited`; otherwise `capped` (0 is a real cap of zero).
 */
export function creditLimitOf(user: CreditFields, context: { budgetingEnabled?: boolean } = {}): CreditLimit {
  const { assignedCredits: assigned, availableCredits } = user;
  if (context.budgetingEnabled === false) return { kind: 'unavailable' };
  if (assigned === null || assigned === undefined) return { kind: 'unavailable' };
  if (assigned < 0) return { kind: 'unlimited' };
  const available = availableCredits ?? assigned;
  // Credits carry 3 decimals: the difference is rounded there, so 1000 − 675.988 is 324.012 on
  // screen and in every export (not 324.01199999999994).
  const used = Math.round(Math.max(0, assigned - available) * 1000) / 1000;
  return { kind: 'capped', assigned, available, used };
}

export function isBudgetingEnabled(portal: Pick<PortalSelf, 'creditAssignments'>): boolean {
  return portal.creditAssignments === 'enabled';
}

/** ArcGIS Enterprise (`isPortal: true`) has no credits. */
export function isArcGISOnline(portal: Pick<PortalSelf, 'isPortal'>): boolean {
  return portal.isPortal !== true;
}

export function canManageCredits(user: Pick<User, 'role' | 'privileges'> | null | undefined): boolean {
  if (!user) return false;
  return user.role === 'org_admin' || (user.privileges ?? []).includes(MANAGE_CREDITS_PRIVILEGE);
}
