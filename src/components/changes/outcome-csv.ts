import { allocationsCsv } from '@/lib/change-plan/allocations-csv';
import { OUTCOME_LABELS, type MemberOutcome } from '@/lib/change-plan/execute';
import type { AllocationRunEntry } from '@/lib/change-plan/journal';
import { formatAllocation, PLAN_KIND_LABELS, type PlanChange } from '@/lib/change-plan/plan';
import { maskMentions, maskPerson } from '@/lib/presentation';

function shownName(username: string, masked: boolean): string {
  return masked ? maskPerson({ username }).displayUsername : username;
}

function outcomeRows(changes: readonly PlanChange[], outcomes: readonly MemberOutcome[], masked: boolean) {
  const byName = new Map(outcomes.map((o) => [o.username.toLowerCase(), o]));
  return changes.map((c) => {
    const o = byName.get(c.username.toLowerCase());
    return {
      username: shownName(c.username, masked),
      credits: c.after,
      extra: [
        formatAllocation(c.before),
        o ? OUTCOME_LABELS[o.status] : 'Not sent',
        maskMentions(o?.error ?? '', c.username, masked),
      ],
    };
  });
}

/** One run's outcome, in the allocations dialect (`credits` = the value the run set). */
export function outcomeCsv(
  changes: readonly PlanChange[],
  outcomes: readonly MemberOutcome[],
  masked: boolean,
): string {
  return allocationsCsv(outcomeRows(changes, outcomes, masked), {
    columns: ['before', 'outcome', 'error'],
    masked,
  });
}

/** Every journaled allocation run, one row per member, newest run first. */
export function journalCsv(entries: readonly AllocationRunEntry[], masked: boolean): string {
  const rows = entries.flatMap((e) =>
    outcomeRows(e.plan.changes, e.outcomes, masked).map((r) => ({
      ...r,
      extra: [
        ...r.extra,
        new Date(e.startedAt).toISOString(),
        PLAN_KIND_LABELS[e.plan.kind],
        e.plan.title,
        shownName(e.username, masked),
        e.id,
      ],
    })),
  );
  return allocationsCsv(rows, {
    columns: ['before', 'outcome', 'error', 'when', 'kind', 'change', 'by', 'run'],
    masked,
  });
}
