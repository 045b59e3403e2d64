import { queryOptions } from '@tanstack/react-query';
import type { ArcGISClient } from '@/lib/arcgis/request';
import { portalQueries } from '@/lib/portal-queries';
import type { JournalStore } from './journal';
import { syncJournal } from './journal-sync';
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
   * The organization's journal, after sharing this browser's entries with it (see journal-sync.ts).
   * Read on the Journal page and the Overview, and again after every run; it never blocks a page:
   * its error only says the entries are not shared yet (this browser's journal is untouched).
   */
  org: (client: ArcGISClient, journal: JournalStore, owner: string, username: string) =>
    // The portal URL and user are in `owner`; the journal store belongs to them.
    // eslint-disable-next-line @tanstack/query/exhaustive-deps
    queryOptions({
      queryKey: [...journalQueries.all(), owner, 'org'] as const,
      queryFn: async ({ client: queryClient, signal }) => {
        const self = await queryClient.ensureQueryData(portalQueries.self(client));
        const local = await journal.list();
        return syncJournal(client, { username, orgId: self.id ?? null }, local, { signal });
      },
      staleTime: 30_000,
      retry: 1,
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
