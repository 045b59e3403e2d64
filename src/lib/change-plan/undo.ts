import type { AllocationRunEntry } from './journal';
import { formatAllocation, type Allocation, type ChangePlan, type PlanChange } from './plan';

export interface UndoPlan {
  plan: ChangePlan;
  /** Members left out: their allocation changed since this run (or they are gone). */
  skipped: { username: string; reason: string }[];
}

/**
 * Undo of a journaled run: puts back the before value of each member whose change was applied,
 * unless the member's allocation has changed since (then they are named, not touched).
 */
export function planUndo(
  entry: AllocationRunEntry,
  currentOf: (username: string) => Allocation | undefined,
): UndoPlan {
  const applied = new Set(
    entry.outcomes.filter((o) => o.status === 'applied').map((o) => o.username.toLowerCase()),
  );
  const changes: PlanChange[] = [];
  const skipped: UndoPlan['skipped'] = [];
  for (const c of entry.plan.changes) {
    if (!applied.has(c.username.toLowerCase())) continue;
    const now = currentOf(c.username);
    if (now === undefined) {
      skipped.push({ username: c.username, reason: 'No longer in the organization, or budgeting is off.' });
    } else if (now !== c.after) {
      skipped.push({
        username: c.username,
        reason: `Changed since: now ${formatAllocation(now)}, this run set ${formatAllocation(c.after)}.`,
      });
    } else if (now !== c.before) {
      changes.push({ username: c.username, before: now, after: c.before });
    }
  }
  return {
    plan: { kind: 'undo', title: `Undo: ${entry.plan.title}`, changes, undoes: entry.id },
    skipped,
  };
}
