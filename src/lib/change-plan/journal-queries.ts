import { queryOptions } from '@tanstack/react-query';
import type { JournalStore } from './journal';

/** The journal of this portal and user (kept in this browser). */
export const journalQueries = {
  all: () => ['journal'] as const,
  list: (journal: JournalStore, owner: string) =>
    queryOptions({
      queryKey: [...journalQueries.all(), owner] as const,
      queryFn: () => journal.list(),
      staleTime: Infinity,
    }),
};
