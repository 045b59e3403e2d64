import type { QueryClient } from '@tanstack/react-query';
import { runBounded } from '@/lib/arcgis/concurrency';
import type { ArcGISClient } from '@/lib/arcgis/request';
import { NO_LIMIT, type User } from '@/lib/arcgis/schemas';
import { getUser, searchUsers } from '@/lib/arcgis/users';
import { patchMembers } from '@/lib/member-index';
import { portalQueries } from '@/lib/portal-queries';
import type { Allocation } from './plan';

/**
 * A member as the portal will show them after an allocation change: a new cap starts a new
 * allocation period (nothing used yet); no limit makes available equal to the org balance.
 */
export function withAllocation<M extends Pick<User, 'assignedCredits' | 'availableCredits'>>(
  user: M,
  target: Allocation,
  orgAvailable: number | null | undefined,
): M {
  if (target === null)
    return { ...user, assignedCredits: NO_LIMIT, availableCredits: orgAvailable ?? user.availableCredits };
  return { ...user, assignedCredits: target, availableCredits: target };
}

/** Writes applied changes into the cached member index at once (the table and Overview follow). */
export function patchApplied(
  queryClient: QueryClient,
  client: ArcGISClient,
  applied: ReadonlyMap<string, Allocation>,
): void {
  if (applied.size === 0) return;
  const orgAvailable = queryClient.getQueryData(portalQueries.self(client).queryKey)?.availableCredits;
  patchMembers(queryClient, client, (u) => {
    const key = u.username.toLowerCase();
    return applied.has(key) ? withAllocation(u, applied.get(key) ?? null, orgAvailable) : u;
  });
}

/** Up to this many members are re-read one by one; more go through a filtered users search. */
export const ONE_BY_ONE_LIMIT = 5;
/**
 * Usernames per filtered users search: one exact `username:"…"` term each, as many as one batch of
 * changes (the demo portal takes up to 128 exact usernames in one query, as one set lookup).
 */
const SEARCH_BATCH = 100;

function searchTerm(username: string): string {
  return `username:"${username.replace(/"/g, '')}"`;
}

/**
 * Re-reads only the given members from the portal (user by user for a few, a filtered users search
 * of ≤ 100 at a time for many) and `portals/self`, then writes them into the member index. Never
 * reloads the whole index.
 */
export async function rereadMembers(
  queryClient: QueryClient,
  client: ArcGISClient,
  usernames: readonly string[],
): Promise<void> {
  const fresh: User[] = [];
  if (usernames.length > 0 && usernames.length <= ONE_BY_ONE_LIMIT) {
    await runBounded(usernames.length, 4, async (i) => {
      const name = usernames[i];
      if (name !== undefined) fresh.push(await getUser(client, name));
    });
  } else if (usernames.length > ONE_BY_ONE_LIMIT) {
    const groups: string[][] = [];
    for (let i = 0; i < usernames.length; i += SEARCH_BATCH)
      groups.push(usernames.slice(i, i + SEARCH_BATCH));
    await runBounded(groups.length, 4, async (i) => {
      const group = groups[i] ?? [];
      const page = await searchUsers(client, { q: group.map(searchTerm).join(' OR '), num: SEARCH_BATCH });
      fresh.push(...page.results);
    });
  }
  const byName = new Map(fresh.map((u) => [u.username.toLowerCase(), u]));
  if (byName.size > 0) {
    patchMembers(queryClient, client, (u) => {
      const next = byName.get(u.username.toLowerCase());
      return next ? { ...u, ...next } : u;
    });
  }
  await queryClient.invalidateQueries({ queryKey: portalQueries.self(client).queryKey });
}
