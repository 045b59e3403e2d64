import { allocationsCsv } from '@/lib/change-plan/allocations-csv';
import { allocationOf } from '@/lib/change-plan/plan';
import { maskPerson } from '@/lib/presentation';
import type { MemberRow } from './member-rows';
import { userTypeLabel } from './member-rows';

/**
 * The member view as CSV in the allocations dialect (`username,credits` first, so the file can be
 * edited and imported back). In presentation mode the file carries the screen's aliases in a
 * `masked_username` column, which the import refuses with a reason.
 */
export function membersToCsv(rows: readonly MemberRow[], masked = false): string {
  return allocationsCsv(
    rows.map((r) => {
      const alias = masked ? maskPerson(r) : undefined;
      return {
        username: alias?.displayUsername ?? r.username,
        credits: r.limit.kind === 'unavailable' ? undefined : allocationOf(r.user),
        extra: [
          alias?.fullName ?? r.fullName,
          alias?.email ?? r.email,
          r.roleName,
          userTypeLabel(r.userType),
          r.limit.kind === 'capped' ? r.limit.used : '',
          r.limit.kind === 'capped' ? r.limit.available : r.limit.kind === 'unlimited' ? 'no limit' : '',
          r.lastLogin === undefined ? '' : new Date(r.lastLogin).toISOString(),
        ],
      };
    }),
    { columns: ['full_name', 'email', 'role', 'user_type', 'used', 'remaining', 'last_sign_in'], masked },
  );
}
