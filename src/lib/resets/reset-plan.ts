import type { JournalEntry } from '@/lib/change-plan/journal';
import type { ChangePlan, PlanChange } from '@/lib/change-plan/plan';
import { formatCount } from '@/lib/format';
import type { EffectiveAllocation } from '@/lib/policies/types';
import type { DueReset, LastResets } from './due';

/**
 * When each rule's reset was last applied, from the journal: the latest reset date of a finished
 * reset run that applied at least one member. (A run stopped before anything applied does not count.)
 */
export function lastResetsFromJournal(entries: readonly JournalEntry[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of entries) {
    if (e.type !== 'allocations' || !e.plan.resets || e.state === 'running') continue;
    if (e.counts.applied === 0) continue;
    for (const r of e.plan.resets) {
      const prev = out.get(r.ruleId);
      if (prev === undefined || r.dueOn > prev) out.set(r.ruleId, r.dueOn);
    }
  }
  return out;
}

/** The later of two records of the last resets (this browser's journal and the organization's). */
export function mergeLastResets(a: LastResets, b: LastResets): Map<string, number> {
  const out = new Map(a);
  for (const [id, t] of b) if ((out.get(id) ?? -Infinity) < t) out.set(id, t);
  return out;
}

/**
 * The reset run: every member whose allocation comes from a due rule gets that rule's amount again,
 * as a new allocation (a new allocation period), even when it already has that amount. Members
 * the rule gives no limit are left out (no limit has no period to start); so are members without
 * an allocation (budgeting off).
 */
export function planResets(
  due: readonly DueReset[],
  results: readonly EffectiveAllocation[],
): { plan: ChangePlan; covered: number } {
  const ids = new Set(due.map((d) => d.rule.id));
  const changes: PlanChange[] = [];
  let covered = 0;
  for (const r of results) {
    if (r.source.kind !== 'rule' || !ids.has(r.source.ruleId)) continue;
    covered += 1;
    if (r.current === undefined || r.effective === null) continue;
    changes.push({ username: r.username, before: r.current, after: r.effective });
  }
  const rules = due.length === 1 ? '1 rule' : `${formatCount(due.length)} rules`;
  return {
    plan: {
      kind: 'reset',
      title: `Reset allocations of ${rules}`,
      changes,
      resets: due.map((d) => ({ ruleId: d.rule.id, dueOn: d.dueOn })),
    },
    covered,
  };
}
