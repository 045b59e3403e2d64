import type { MemberRow } from './member-rows';
import { formatTarget } from './format';

/** An allocation change for one member: `null` = no limit; `from` undefined = not known (budgeting off). */
export interface AllocationChange {
  username: string;
  from: number | null | undefined;
  to: number | null;
}

export function currentAllocation(row: MemberRow): number | null | undefined {
  if (row.limit.kind === 'unlimited') return null;
  if (row.limit.kind === 'capped') return row.limit.assigned;
  return undefined;
}

/** Changes that would actually change something (members already at the target are left out). */
export function changesFor(rows: readonly MemberRow[], to: number | null): AllocationChange[] {
  const out: AllocationChange[] = [];
  for (const row of rows) {
    const from = currentAllocation(row);
    if (from !== to) out.push({ username: row.username, from, to });
  }
  return out;
}

export interface ChangeGroup {
  label: string;
  count: number;
}

/** "42 members: No limit → 50", largest group first. */
export function groupChanges(changes: readonly AllocationChange[]): ChangeGroup[] {
  const groups = new Map<string, number>();
  for (const c of changes) {
    const label = `${formatTarget(c.from)} → ${formatTarget(c.to)}`;
    groups.set(label, (groups.get(label) ?? 0) + 1);
  }
  return [...groups.entries()].map(([label, count]) => ({ label, count })).sort((a, b) => b.count - a.count);
}
