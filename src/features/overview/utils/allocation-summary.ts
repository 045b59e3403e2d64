export { AT_RISK_SHARE, summarizeAllocations, type AllocationSummary } from '@/lib/member-index/summary';

/** Share of the balance promised to members, in % (undefined when the balance is ≤ 0). */
export function allocatedPercent(allocated: number, balance: number): number | undefined {
  return balance > 0 ? (allocated / balance) * 100 : undefined;
}
