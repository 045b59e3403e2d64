import { NO_LIMIT, type User } from '@/lib/arcgis/schemas';

/**
 * A member as the portal will show them after an allocation change: a new cap starts a new
 * allocation period (nothing used yet); no limit makes available equal to the org balance.
 */
export function withAllocation(
  user: User,
  target: number | null,
  orgAvailable: number | null | undefined,
): User {
  if (target === null)
    return { ...user, assignedCredits: NO_LIMIT, availableCredits: orgAvailable ?? user.availableCredits };
  return { ...user, assignedCredits: target, availableCredits: target };
}
