/**
 * Allocation policies: the document an organization keeps (as the JSON data of one item in an
 * administrator's content) that says what allocation each member should have.
 *
 * Precedence, highest first: a member's override > a group rule > a user type rule > a role rule >
 * the org default. A member in several groups with rules gets the highest or the lowest of them,
 * as the document's `groupConflict` setting says.
 *
 * Every entry (rule, override, setting) carries a stable `id`, `updated` (epoch ms) and `updatedBy`
 * (username), so two administrators saving at once are merged entry by entry (newest `updated`
 * wins) instead of one overwriting the other. A deleted entry stays as a tombstone
 * (`deleted: true`) so a concurrent save that still has it does not bring it back.
 */

/** The `schema` marker stored in the item's data; readers refuse anything else. */
export const POLICY_DOCUMENT_SCHEMA = 'credit-console/policies';
export const POLICY_DOCUMENT_VERSION = 1;

/** What a rule or override gives: a number of credits (≥ 0; 0 is a real zero) or no limit. */
export type PolicyAllocation = { kind: 'credits'; credits: number } | { kind: 'no-limit' };

/** Bookkeeping every mergeable entry carries. */
export interface EntryMeta {
  /** Stable, unique within the document (e.g. a random id; overrides use `override:<username>`). */
  id: string;
  /** Epoch ms of the last change to this entry. */
  updated: number;
  /** Username of the administrator who last changed it. */
  updatedBy: string;
  /** A tombstone: the entry was deleted at `updated`. Ignored by the engine, kept for merging. */
  deleted?: boolean;
}

/** Who a rule covers. */
export type RuleTarget =
  /** A built-in role (`org_admin`, `org_publisher`, `org_user`) or a custom role id (`roleId`). */
  | { kind: 'role'; roleKey: string }
  /** A user type by its `userLicenseTypeId` (`creatorUT`, `viewerUT`, `GISProfessionalStdUT`…). */
  | { kind: 'user-type'; userTypeId: string }
  /** An org group by id. */
  | { kind: 'group'; groupId: string };

export type RuleLevel = RuleTarget['kind'];

/**
 * An optional reset period on a rule: on each reset date the covered members get the rule's amount
 * again as a new allocation (a new allocation period). Dates are the org's calendar days.
 */
export type ResetPeriod =
  /** Every month on `day` (1–31; in shorter months, the month's last day). */
  | { kind: 'monthly'; day: number }
  /** On the given dates, `YYYY-MM-DD` (e.g. semester starts). */
  | { kind: 'dates'; dates: string[] }
  /** Once a year, on the first day of the fiscal year (`startMonth` 1–12, `startDay` 1–31). */
  | { kind: 'fiscal-year'; startMonth: number; startDay: number };

export interface PolicyRule extends EntryMeta {
  target: RuleTarget;
  /**
   * A display name for the target as it was when the rule was saved ("Creator", "GIS-Dept"), shown
   * if the role or group is no longer found. The live name is preferred when known.
   */
  targetLabel?: string;
  allocation: PolicyAllocation;
  /**
   * Position in the admin's list (ascending). Between rules of the same level that cover the same
   * member (e.g. two rules for one role), the earlier one applies. Fractional values let one
   * rule be moved without rewriting the others' entries.
   */
  position: number;
  reset?: ResetPeriod;
  note?: string;
}

/** One member's own allocation, above every rule. */
export interface MemberOverride extends EntryMeta {
  username: string;
  allocation: PolicyAllocation;
  note?: string;
}

/** How a member in several groups with rules is resolved. */
export type GroupConflict = 'highest' | 'lowest';

export interface GroupConflictSetting extends EntryMeta {
  value: GroupConflict;
}

/**
 * Members no rule or override covers: they get the org default allocation (`org-default`), or
 * keep whatever allocation they have now (`keep`), which is then never drift.
 */
export type UncoveredMembers = 'org-default' | 'keep';

export interface UncoveredSetting extends EntryMeta {
  value: UncoveredMembers;
}

/** A price per credit for finance views (the what-if sandbox); optional. */
export interface PricingSetting extends EntryMeta {
  /** Price of one credit, > 0, in `currency`. */
  pricePerCredit: number;
  /** ISO 4217 code, e.g. "USD". */
  currency: string;
}

export interface PolicyDocument {
  schema: typeof POLICY_DOCUMENT_SCHEMA;
  version: typeof POLICY_DOCUMENT_VERSION;
  rules: PolicyRule[];
  overrides: MemberOverride[];
  groupConflict: GroupConflictSetting;
  /** Absent in documents saved before the setting existed: the org default, as then. */
  uncovered?: UncoveredSetting;
  pricing?: PricingSetting;
}

/** Stable ids of the document's single-valued settings. */
export const GROUP_CONFLICT_ID = 'setting:group-conflict';
export const PRICING_ID = 'setting:pricing';
export const UNCOVERED_ID = 'setting:uncovered';

/** What the document says about members no rule covers (the org default unless set). */
export function uncoveredOf(doc: Pick<PolicyDocument, 'uncovered'>): UncoveredMembers {
  return doc.uncovered?.value ?? 'org-default';
}

/** The id of a member's override: one per member, so two admins overriding the same member merge. */
export function overrideIdOf(username: string): string {
  return `override:${username.toLowerCase()}`;
}

/** A document with no rules, highest-wins for group conflicts. */
export function emptyPolicyDocument(now = 0, by = ''): PolicyDocument {
  return {
    schema: POLICY_DOCUMENT_SCHEMA,
    version: POLICY_DOCUMENT_VERSION,
    rules: [],
    overrides: [],
    groupConflict: { id: GROUP_CONFLICT_ID, updated: now, updatedBy: by, value: 'highest' },
  };
}

// ---------------------------------------------------------------------------------------------
// What the engine answers (src/lib/policies/engine.ts)

/** An allocation as the change pipeline counts it: credits ≥ 0, or `null` for no limit. */
export type EffectiveValue = number | null;

/** Where a member's effective allocation comes from. */
export type PolicySource =
  | { kind: 'override'; overrideId: string }
  | { kind: 'rule'; ruleId: string; level: RuleLevel }
  | { kind: 'org-default' }
  /** No rule covers the member and the policies keep their current allocation. */
  | { kind: 'kept' };

export interface EffectiveAllocation {
  username: string;
  /** What the policies give this member. */
  effective: EffectiveValue;
  source: PolicySource;
  /** The member's allocation now; `undefined` when budgeting is off (no allocation to compare). */
  current: EffectiveValue | undefined;
  /** The member's current allocation differs from `effective` (never while budgeting is off). */
  drift: boolean;
}

/** The member fields the engine reads (the same names as the portal's user; slim records fit). */
export interface PolicyMember {
  username: string;
  role?: string | null;
  roleId?: string | null;
  userLicenseTypeId?: string | null;
  /** `-1` = no limit; absent or null when budgeting is off. */
  assignedCredits?: number | null;
}

/** Group id → usernames of its members (from `community/groups/<id>/users`). */
export type GroupMembership = ReadonlyMap<string, readonly string[]>;
