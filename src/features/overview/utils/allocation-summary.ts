import { creditLimitOf } from '@/lib/arcgis/schemas';
import type { MemberRecord } from '@/lib/member-index/record';

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

/** The O4 figures over the whole org; used as the member index query's `select`. */
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

/** Share of the balance promised to members, in % (undefined when the balance is ≤ 0). */
export function allocatedPercent(allocated: number, balance: number): number | undefined {
  return balance > 0 ? (allocated / balance) * 100 : undefined;
}
