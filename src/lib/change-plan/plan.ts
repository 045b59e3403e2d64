import { formatCredits } from '@/lib/format';
import { NO_LIMIT, type User } from '@/lib/arcgis/schemas';

/**
 * A change plan: the one way allocations change in this console. Every entry point (the member
 * dialog, bulk set / remove limit, CSV import, undo, retry) builds one of these plain-data plans;
 * the runner sends it, and the journal records it.
 */

/** An allocation: credits ≥ 0, or `null` for no limit. */
export type Allocation = number | null;

export interface PlanChange {
  username: string;
  /** The allocation when the plan was built (`null` = no limit). */
  before: Allocation;
  after: Allocation;
}

export type PlanKind =
  'edit' | 'bulk-set' | 'bulk-remove' | 'import' | 'undo' | 'retry' | 'policies' | 'reset' | 'what-if';

export interface ChangePlan {
  kind: PlanKind;
  /** What the admin did, in a few words ("Set allocation to 50"). */
  title: string;
  changes: PlanChange[];
  /** For an undo: the journal entry it puts back. */
  undoes?: string;
  /** For a policy reset: which rules' resets it applies, and the reset date of each (epoch ms). */
  resets?: { ruleId: string; dueOn: number }[];
}

export const PLAN_KIND_LABELS: Record<PlanKind, string> = {
  edit: 'Member allocation',
  'bulk-set': 'Bulk set allocation',
  'bulk-remove': 'Bulk remove limit',
  import: 'CSV import',
  undo: 'Undo',
  retry: 'Retry',
  policies: 'Apply policies',
  reset: 'Policy reset',
  'what-if': 'What-if',
};

/** A member's allocation from the portal's fields; undefined when budgeting is off (no allocation). */
export function allocationOf(user: Pick<User, 'assignedCredits'>): Allocation | undefined {
  const assigned = user.assignedCredits;
  if (assigned === null || assigned === undefined) return undefined;
  return assigned < 0 ? null : assigned;
}

export function sameAllocation(a: Allocation | undefined, b: Allocation | undefined): boolean {
  return a === b;
}

/** "No limit" or a number. */
export function formatAllocation(value: Allocation | undefined): string {
  if (value === undefined) return '—';
  return value === null ? 'No limit' : formatCredits(value);
}

/** The allocation as the portal stores it (`-1` = no limit). */
export function toPortalCredits(value: Allocation): number {
  return value === null ? NO_LIMIT : value;
}

function requireAllocation(after: Allocation): void {
  if (after === null) return;
  if (typeof after !== 'number' || !Number.isFinite(after) || after < 0) {
    throw new RangeError(`An allocation must be a number of 0 or more, or no limit (got ${String(after)}).`);
  }
}

/**
 * The plan that gives every member `after`; members already at `after` are left out and counted.
 * Members without an allocation (budgeting off) are left out as well.
 */
export function planForTarget(
  members: readonly Pick<User, 'username' | 'assignedCredits'>[],
  after: Allocation,
  kind: PlanKind = after === null ? 'bulk-remove' : 'bulk-set',
): { plan: ChangePlan; unchanged: number } {
  requireAllocation(after);
  const changes: PlanChange[] = [];
  let unchanged = 0;
  const seen = new Set<string>();
  for (const m of members) {
    const key = m.username.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    const before = allocationOf(m);
    if (before === undefined) continue;
    if (before === after) unchanged += 1;
    else changes.push({ username: m.username, before, after });
  }
  const title = after === null ? 'Remove limit' : `Set allocation to ${formatCredits(after)}`;
  return { plan: { kind, title, changes }, unchanged };
}

/** One member's edit (the member dialog); empty when nothing would change. */
export function planForMember(
  member: Pick<User, 'username' | 'assignedCredits'>,
  after: Allocation,
): ChangePlan {
  const { plan } = planForTarget([member], after, 'edit');
  // No username in the title: titles show in the header and the journal, also in presentation mode.
  return { ...plan, title: `Set one member to ${formatAllocation(after)}` };
}

/** A plan of the given per-member targets (CSV import). Targets must already be validated. */
export function planForTargets(
  targets: readonly { username: string; after: Allocation }[],
  currentOf: (username: string) => Allocation | undefined,
  kind: PlanKind = 'import',
  title = 'Import allocations',
): { plan: ChangePlan; unchanged: number } {
  const changes: PlanChange[] = [];
  let unchanged = 0;
  for (const t of targets) {
    requireAllocation(t.after);
    const before = currentOf(t.username);
    if (before === undefined) continue;
    if (before === t.after) unchanged += 1;
    else changes.push({ username: t.username, before, after: t.after });
  }
  return { plan: { kind, title, changes }, unchanged };
}

export interface ChangeGroup {
  before: Allocation;
  after: Allocation;
  label: string;
  count: number;
}

/** "42 members: No limit → 50", largest group first. */
export function groupChanges(changes: readonly PlanChange[]): ChangeGroup[] {
  const groups = new Map<string, ChangeGroup>();
  for (const c of changes) {
    const label = `${formatAllocation(c.before)} → ${formatAllocation(c.after)}`;
    const g = groups.get(label);
    if (g) g.count += 1;
    else groups.set(label, { before: c.before, after: c.after, label, count: 1 });
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}

/** The plan split into what is sent where: caps (`assignUserCredits`) and no-limits (`unassignUserCredits`). */
export function splitPlan(changes: readonly PlanChange[]): { assign: PlanChange[]; unassign: PlanChange[] } {
  const assign: PlanChange[] = [];
  const unassign: PlanChange[] = [];
  for (const c of changes) (c.after === null ? unassign : assign).push(c);
  return { assign, unassign };
}

/** Splits into consecutive batches of at most `size` (the portal takes ≤ 100 per request). */
export function batchesOf<T>(items: readonly T[], size = 100): T[][] {
  const n = Math.max(1, Math.min(100, Math.floor(size)));
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += n) out.push(items.slice(i, i + n));
  return out;
}

/** Sum of finite allocations after the plan (no limit counts 0), for the over-allocation warning. */
export function sumAfter(sum: number, changes: readonly PlanChange[]): number {
  let next = sum;
  for (const c of changes) next += (c.after ?? 0) - (c.before ?? 0);
  return next;
}
