import { useSyncExternalStore } from 'react';
import { queryOptions, type QueryClient } from '@tanstack/react-query';
import type { ArcGISClient } from '@/lib/arcgis/request';
import { fetchAllUsers, type ScanProgress } from '@/lib/arcgis/paging';
import { toMemberRecord, type MemberRecord } from './member-index/record';

/**
 * The org member index: every member of the organization, paged in with bounded concurrency.
 * One cached query shared by the Overview summary and the Members table. Allocation changes anywhere
 * in the console patch it (`patchMembers`) and then invalidate it, so both stay right.
 */
export const memberIndexQueries = {
  all: (client: ArcGISClient) => ['member-index', client.portalUrl] as const,
  index: (client: ArcGISClient) =>
    queryOptions({
      queryKey: [...memberIndexQueries.all(client), 'members'] as const,
      queryFn: async ({ signal }): Promise<MemberRecord[]> =>
        (
          await fetchAllUsers(client, {
            signal,
            concurrency: 4,
            onProgress: (p) => setProgress(client.portalUrl, p),
          })
        ).map(toMemberRecord),
      staleTime: 5 * 60_000,
    }),
};

// Loading progress, per portal, for the progress bars while the index loads.
const progress = new Map<string, ScanProgress>();
const listeners = new Set<() => void>();

function setProgress(portalUrl: string, p: ScanProgress) {
  progress.set(portalUrl, p);
  for (const l of listeners) l();
}

/** `{loaded, total}` of the member index being loaded for this portal, or undefined before the first page. */
export function useMemberIndexProgress(client: ArcGISClient): ScanProgress | undefined {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => progress.get(client.portalUrl),
  );
}

/**
 * Applies known changes to members in the cached index (e.g. an allocation just set), returning the
 * previous list, so an optimistic change can be rolled back member by member.
 */
export function patchMembers(
  queryClient: QueryClient,
  client: ArcGISClient,
  patch: (member: MemberRecord) => MemberRecord,
): MemberRecord[] | undefined {
  const key = memberIndexQueries.index(client).queryKey;
  const previous = queryClient.getQueryData(key);
  if (previous)
    queryClient.setQueryData(
      key,
      previous.map((m) => {
        // A member re-read from the portal arrives with every field: keep only the index's.
        const next = patch(m);
        return next === m ? m : toMemberRecord(next);
      }),
    );
  return previous;
}
