import { creditLimitOf } from '@/lib/arcgis/schemas';
import type { MemberRecord } from './record';

/** Capped members with this share or more of their allocation used are "at risk". */
export const AT_RISK_SHARE = 0.8;

export interface AllocationSummary {
  members: number;
  /** Sum of finite allocations. */
  allocated: number;
  capped: number;
  noLimit: number;
  /** Capped and ≥ 80 % used (exhausted members included, as the Members "at risk" filter counts them). */
  atRisk: number;
  /** Capped with nothing left (a cap of 0 included). */
  exhausted: number;
  /** Members without credit fields (budgeting off). */
  unavailable: number;
}

const SUMMARY_FIELDS = [
  'members',
  'allocated',
  'capped',
  'noLimit',
  'atRisk',
  'exhausted',
  'unavailable',
] as const satisfies readonly (keyof AllocationSummary)[];

/** The Overview's allocation figures over the members given (the whole org, or says otherwise). */
export function summarizeAllocations(users: readonly MemberRecord[]): AllocationSummary {
  const s: AllocationSummary = {
    members: users.length,
    allocated: 0,
    capped: 0,
    noLimit: 0,
    atRisk: 0,
    exhausted: 0,
    unavailable: 0,
  };
  for (const u of users) {
    const limit = creditLimitOf(u);
    if (limit.kind === 'unavailable') s.unavailable += 1;
    else if (limit.kind === 'unlimited') s.noLimit += 1;
    else {
      s.capped += 1;
      s.allocated += limit.assigned;
      const exhausted = limit.available <= 0;
      if (exhausted) s.exhausted += 1;
      if (exhausted || limit.used >= AT_RISK_SHARE * limit.assigned) s.atRisk += 1;
    }
  }
  return s;
}

/**
 * A summary with some members changed: each change's old figures taken out and its new ones added
 * (every figure is a count or a sum, so this equals summing the changed org again).
 */
export function summaryWithChanges(
  summary: AllocationSummary,
  changes: readonly { before: MemberRecord; after: MemberRecord }[],
): AllocationSummary {
  if (changes.length === 0) return summary;
  const removed = summarizeAllocations(changes.map((c) => c.before));
  const added = summarizeAllocations(changes.map((c) => c.after));
  const out = { ...summary };
  for (const field of SUMMARY_FIELDS) out[field] = summary[field] - removed[field] + added[field];
  return out;
}

/** Whether a stored value is a summary (every figure a finite number). */
export function isAllocationSummary(value: unknown): value is AllocationSummary {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return SUMMARY_FIELDS.every((f) => typeof v[f] === 'number' && Number.isFinite(v[f]));
}
