import { creditLimitOf, type CreditLimit, type User } from '@/lib/arcgis/schemas';
import { roleKeyOf, roleName, type RoleNames } from '@/lib/role-names';
import { userTypeLabel } from '@/lib/user-type-names';

/** One table row: a member plus everything the table sorts, filters and searches on, computed once. */
export interface MemberRow {
  user: User;
  username: string;
  fullName: string;
  email: string;
  /** The role filter key: the custom role id, else the built-in role. */
  role: string;
  /** The role as people know it ("Credit manager", "Administrator"). */
  roleName: string;
  /** `userLicenseTypeId` (never `userType`, which is the access type, e.g. "arcgisonly"). */
  userType: string;
  limit: CreditLimit;
  status: CreditStatus | undefined;
  /** Lowercase "username fullName email", built once per index load for fast search. */
  haystack: string;
  lastLogin: number | undefined;
}

export type CreditStatus = 'no-limit' | 'capped' | 'at-risk' | 'exhausted';

export const CREDIT_STATUS_LABELS: Record<CreditStatus, string> = {
  'no-limit': 'No limit',
  capped: 'Capped',
  'at-risk': 'At risk (≥ 80% used)',
  exhausted: 'Exhausted',
};

/** One choice of the Role filter: the role key and its name. */
export interface RoleOption {
  value: string;
  label: string;
}

export { USER_TYPE_LABELS, userTypeLabel } from '@/lib/user-type-names';

/** Share of a capped allocation already used (0..1); 1 for a cap of 0. */
export function usedShare(limit: CreditLimit): number | undefined {
  if (limit.kind !== 'capped') return undefined;
  if (limit.assigned <= 0) return 1;
  return Math.min(1, Math.max(0, limit.used / limit.assigned));
}

export function creditStatusOf(limit: CreditLimit): CreditStatus | undefined {
  if (limit.kind === 'unavailable') return undefined;
  if (limit.kind === 'unlimited') return 'no-limit';
  if (limit.available <= 0) return 'exhausted';
  if ((usedShare(limit) ?? 0) >= 0.8) return 'at-risk';
  return 'capped';
}

export function toMemberRow(user: User, budgetingEnabled: boolean, roleNames?: RoleNames): MemberRow {
  const limit = creditLimitOf(user, { budgetingEnabled });
  const fullName =
    user.fullName ?? ([user.firstName, user.lastName].filter(Boolean).join(' ') || user.username);
  const email = user.email ?? '';
  return {
    user,
    username: user.username,
    fullName,
    email,
    role: roleKeyOf(user),
    roleName: roleName(user, roleNames),
    userType: user.userLicenseTypeId ?? '',
    limit,
    status: creditStatusOf(limit),
    haystack: `${user.username}\u0001${fullName}\u0001${email}`.toLowerCase(),
    lastLogin:
      user.lastLogin !== null && user.lastLogin !== undefined && user.lastLogin > 0
        ? user.lastLogin
        : undefined,
  };
}

export const SORT_KEYS = ['member', 'role', 'type', 'allocated', 'used', 'remaining', 'lastLogin'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDir = 'asc' | 'desc';

export interface MemberFilters {
  q: string;
  role: string;
  type: string;
  status: CreditStatus | '';
}

export interface MemberSort {
  key: SortKey;
  dir: SortDir;
}

/** Capped includes at-risk and exhausted members; at risk (≥ 80% used) includes exhausted ones. */
export function matchesStatus(row: MemberRow, status: CreditStatus): boolean {
  const { limit } = row;
  switch (status) {
    case 'no-limit':
      return limit.kind === 'unlimited';
    case 'capped':
      return limit.kind === 'capped';
    case 'at-risk':
      return limit.kind === 'capped' && (usedShare(limit) ?? 0) >= 0.8;
    case 'exhausted':
      return limit.kind === 'capped' && limit.available <= 0;
  }
}

/** Rows matching the search and filters, in index order. */
export function filterRows(rows: readonly MemberRow[], f: MemberFilters): MemberRow[] {
  // Every word must match somewhere, in any order: "smith ingrid" finds Ingrid Smith.
  const words = f.q.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const out: MemberRow[] = [];
  for (const row of rows) {
    if (f.role && row.role !== f.role) continue;
    if (f.type && row.userType !== f.type) continue;
    if (f.status && !matchesStatus(row, f.status)) continue;
    if (
      words.length === 1 ? !row.haystack.includes(words[0]!) : !words.every((w) => row.haystack.includes(w))
    )
      continue;
    out.push(row);
  }
  return out;
}

// No limit sorts above every cap. Values shown as "—" (budgeting off; Used of a member without a
// limit) are not numbers: those rows go after the others in either direction (see sortRows).
function allocatedValue(row: MemberRow): number {
  if (row.limit.kind === 'unlimited') return Number.POSITIVE_INFINITY;
  if (row.limit.kind === 'capped') return row.limit.assigned;
  return Number.NEGATIVE_INFINITY;
}
function usedValue(row: MemberRow): number {
  return row.limit.kind === 'capped' ? row.limit.used : Number.NEGATIVE_INFINITY;
}
function remainingValue(row: MemberRow): number {
  if (row.limit.kind === 'unlimited') return Number.POSITIVE_INFINITY;
  if (row.limit.kind === 'capped') return row.limit.available;
  return Number.NEGATIVE_INFINITY;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

function compareNumbers(a: number, b: number): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** Whether the row's value in this column is shown as "—". */
const IS_BLANK: Partial<Record<SortKey, (row: MemberRow) => boolean>> = {
  allocated: (row) => row.limit.kind === 'unavailable',
  used: (row) => row.limit.kind !== 'capped',
  remaining: (row) => row.limit.kind === 'unavailable',
};

/** The name the table shows first, then the username: how a reader expects ties to be ordered. */
function byDisplayedName(a: MemberRow, b: MemberRow): number {
  return collator.compare(a.fullName, b.fullName) || collator.compare(a.username, b.username);
}

const COMPARATORS: Record<SortKey, (a: MemberRow, b: MemberRow) => number> = {
  member: byDisplayedName,
  role: (a, b) => collator.compare(a.roleName, b.roleName),
  type: (a, b) => collator.compare(userTypeLabel(a.userType), userTypeLabel(b.userType)),
  allocated: (a, b) => compareNumbers(allocatedValue(a), allocatedValue(b)),
  used: (a, b) => compareNumbers(usedValue(a), usedValue(b)),
  remaining: (a, b) => compareNumbers(remainingValue(a), remainingValue(b)),
  lastLogin: (a, b) => compareNumbers(a.lastLogin ?? 0, b.lastLogin ?? 0),
};

export function sortRows(rows: readonly MemberRow[], sort: MemberSort): MemberRow[] {
  const cmp = COMPARATORS[sort.key];
  const sign = sort.dir === 'asc' ? 1 : -1;
  const blank = IS_BLANK[sort.key];
  return [...rows].sort((a, b) => {
    if (blank) {
      const order = Number(blank(a)) - Number(blank(b));
      if (order !== 0) return order;
    }
    return sign * cmp(a, b) || byDisplayedName(a, b);
  });
}

/** Sum of finite allocations (no limit and budgeting-off members count 0). */
export function sumOfFiniteAllocations(users: readonly User[]): number {
  let sum = 0;
  for (const u of users) {
    const a = u.assignedCredits;
    if (a !== null && a !== undefined && a >= 0) sum += a;
  }
  return sum;
}
