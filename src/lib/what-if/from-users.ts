import { creditLimitOf, type User } from '@/lib/arcgis/schemas';
import { allocationOf, type ChangePlan, type PlanChange } from '@/lib/change-plan/plan';
import { capAfter, type CapChanges, type ProjectionMember } from './projection';

/** The member index as projection input, with each member's recent pace (lower-case keys). */
export function projectionMembers(
  users: readonly User[],
  paces: ReadonlyMap<string, number>,
): ProjectionMember[] {
  return users.map((u) => {
    const limit = creditLimitOf(u);
    return {
      username: u.username,
      userType: u.userLicenseTypeId ?? undefined,
      cap: allocationOf(u),
      used: limit.kind === 'capped' ? limit.used : 0,
      pace: paces.get(u.username.toLowerCase()) ?? 0,
    };
  });
}

/**
 * The change plan that makes the sandbox real for members: everyone whose cap the sandbox changes,
 * from their allocation now. Members without an allocation (budgeting off) are left out.
 */
export function planFromChanges(members: readonly ProjectionMember[], changes: CapChanges): ChangePlan {
  const out: PlanChange[] = [];
  for (const m of members) {
    if (m.cap === undefined) continue;
    const after = capAfter(m, changes);
    if (after === undefined || after === m.cap) continue;
    out.push({ username: m.username, before: m.cap, after });
  }
  return { kind: 'what-if', title: 'Apply a what-if', changes: out };
}
