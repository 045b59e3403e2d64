import { allocationsCsv } from '@/lib/change-plan/allocations-csv';
import { allocationOf } from '@/lib/change-plan/plan';
import { creditLimitOf } from '@/lib/arcgis/schemas';
import type { MemberRecord } from '@/lib/member-index/record';
import { maskPerson } from '@/lib/presentation';

/**
 * The record of every member's current allocation offered before budgeting is turned off, in the
 * allocations dialect (`username,credits` + full name, used, remaining), so it imports back as it
 * is once budgeting is on again. Masked in presentation mode (and then it says so).
 */
export function allocationsRecordCsv(users: readonly MemberRecord[], masked = false): string {
  return allocationsCsv(
    users.map((u) => {
      const limit = creditLimitOf(u);
      const alias = masked ? maskPerson(u) : undefined;
      return {
        username: alias?.displayUsername ?? u.username,
        credits: allocationOf(u),
        extra: [
          alias?.fullName ?? u.fullName ?? '',
          limit.kind === 'capped' ? Math.round(limit.used * 1000) / 1000 : '',
          limit.kind === 'capped' ? Math.round(limit.available * 1000) / 1000 : '',
        ],
      };
    }),
    { columns: ['full_name', 'used', 'remaining'], masked },
  );
}
