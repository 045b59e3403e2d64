import { queryOptions } from '@tanstack/react-query';
import type { ArcGISClient } from '@/lib/arcgis/request';
import type { JournalStore } from './journal';
import { rereadMembers } from './member-cache';

/** The journal of this portal and user (kept in this browser). */
export const journalQueries = {
  all: () => ['journal'] as const,
  list: (journal: JournalStore, owner: string) =>
    queryOptions({
      queryKey: [...journalQueries.all(), owner] as const,
      queryFn: () => journal.list(),
      staleTime: Infinity,
    }),
  /**
   * Before an undo is planned: the members a run changed, re-read from the portal into the member
   * index, so "changed since" is judged on the portal's values, not a stale cache.
   */
  undoCheck: (client: ArcGISClient, runId: string, usernames: readonly string[]) =>
    // The portal URL identifies the client (as in every other key of the console).
    // eslint-disable-next-line @tanstack/query/exhaustive-deps
    queryOptions({
      queryKey: [...journalQueries.all(), 'undo-check', client.portalUrl, runId, usernames] as const,
      queryFn: async ({ client: queryClient }) => {
        await rereadMembers(queryClient, client, usernames);
        return true;
      },
      staleTime: 0,
      gcTime: 0,
    }),
};
