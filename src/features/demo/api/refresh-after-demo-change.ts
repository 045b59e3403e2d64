import type { QueryClient } from '@tanstack/react-query';

/**
 * A demo action changes everything at once (balance, members, usage, the clock), so every query
 * is refetched — the org clock (`@/lib/org-clock`) included, so time-windowed queries (usage, burn
 * rate) move to the portal's new "today". Each page reflects the change without a reload.
 */
export function refreshAfterDemoChange(queryClient: QueryClient): Promise<void> {
  return queryClient.invalidateQueries();
}
