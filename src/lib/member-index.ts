import { useSyncExternalStore } from 'react';
import { queryOptions, type QueryClient, type QueryKey } from '@tanstack/react-query';
import type { ArcGISClient } from '@/lib/arcgis/request';
import { mergePages, type ScanProgress } from '@/lib/arcgis/paging';
import {
  clearStoredMemberIndexes,
  createIndexedDbMemberCache,
  createMemoryMemberCache,
  type MemberIndexCache,
} from './member-index/cache';
import type { MemberChange } from './member-index/first-screen';
import { createRecordInterner, toMemberRecord, type MemberRecord } from './member-index/record';
import { scanMembers } from './member-index/scan';
import { createMemberIndexStatusStore, type MemberIndexStatus } from './member-index/status';

/**
 * The org member index: every member of the organization as a slim record (the fields the console
 * reads), loaded in a Web Worker and kept in this browser between visits. One cached query shared by
 * the Overview summary and the Members table:
 * - with a copy kept from an earlier visit, that copy shows at once and is re-read in the background;
 * - without one, the members read so far show while the rest load ("Loaded 40,000 of 250,000");
 * - allocation changes anywhere in the console patch it (`patchMembers`), and the kept copy with it.
 */
export const memberIndexQueries = {
  all: (client: ArcGISClient) => ['member-index', client.portalUrl] as const,
  index: (client: ArcGISClient) =>
    queryOptions({
      queryKey: [...memberIndexQueries.all(client), 'members'] as const,
      queryFn: ({ signal, client: queryClient, queryKey }) =>
        loadIndex(client, queryClient, queryKey, signal),
      staleTime: 5 * 60_000,
      // Hundreds of thousands of records: compare nothing, every load is a new list.
      structuralSharing: false,
    }),
};

export type { MemberIndexStatus } from './member-index/status';

// Progress is coalesced: a load's 2,500 pages re-render the status line a few times a second.
const statuses = createMemberIndexStatusStore();
const setStatus = statuses.set;

/** Where the member index on screen comes from and how far its load has got. */
export function useMemberIndexStatus(client: ArcGISClient): MemberIndexStatus | undefined {
  return useSyncExternalStore(statuses.subscribe, () => statuses.get(client.portalUrl));
}

/** The member index status as the hooks give it, read once (outside React). */
export function readMemberIndexStatus(client: ArcGISClient): MemberIndexStatus | undefined {
  return statuses.get(client.portalUrl);
}

/** Hears of every change of the member index statuses (outside React); returns the unsubscribe. */
export function watchMemberIndexStatus(listener: () => void): () => void {
  return statuses.subscribe(listener);
}

/** `{loaded, total}` of the member index being loaded for this portal, or undefined before the first page. */
export function useMemberIndexProgress(client: ArcGISClient): ScanProgress | undefined {
  const status = useMemberIndexStatus(client);
  return status && status.total > 0 ? { loaded: status.loaded, total: status.total } : undefined;
}

// The copy kept in this browser, per client (the session registers it with the signed-in user).
const caches = new WeakMap<ArcGISClient, MemberIndexCache>();
const memoryCaches = new Set<{ clear(): void }>();

/** Keeps this client's member index in this browser (IndexedDB where there is one) for `username`. */
export function keepMemberIndex(client: ArcGISClient, username: string): void {
  if (typeof indexedDB !== 'undefined') {
    caches.set(client, createIndexedDbMemberCache(client.portalUrl, username));
    return;
  }
  const memory = createMemoryMemberCache();
  memoryCaches.add(memory);
  caches.set(client, memory);
}

/** Sign-out: forgets every member index kept in this browser. */
export function forgetMemberIndexes(): Promise<void> {
  for (const memory of memoryCaches) memory.clear();
  statuses.clear();
  return clearStoredMemberIndexes().catch(() => undefined);
}

/**
 * The member lists that hold only part of the org: a first load's members read so far, or a warm
 * visit's kept first screen. Whatever counts or evaluates every member waits for a whole list.
 */
const partialLists = new WeakSet<readonly MemberRecord[]>();

function partialList(members: MemberRecord[]): MemberRecord[] {
  partialLists.add(members);
  return members;
}

/** Whether this member index list holds only part of the org (see `partialLists`). */
export function isPartialMemberIndex(members: readonly MemberRecord[]): boolean {
  return partialLists.has(members);
}

/** Changes made while a load runs, replayed onto what it read (which may predate them). */
const inflightPatches = new Map<string, ((m: MemberRecord) => MemberRecord)[]>();

function replay(portalUrl: string, members: MemberRecord[]): MemberRecord[] {
  const patches = inflightPatches.get(portalUrl) ?? [];
  if (patches.length === 0) return members;
  return members.map((m) => patches.reduce((acc, p) => slimmed(acc, p(acc)), m));
}

function slimmed(before: MemberRecord, after: MemberRecord): MemberRecord {
  return after === before ? before : toMemberRecord(after);
}

/**
 * Whether a first load shows what it has read so far: at 2,000 members, then each time it has half as
 * many again (2,000, 3,000, 4,500 … about 13 times at 250,000). Every showing re-derives the whole
 * view (name order, search index, policies, summary) over what is loaded, so spacing them by a factor
 * keeps that work to about three times one full derivation, where a fixed step made it grow with the
 * square of the org's size.
 */
export function publishDue(loaded: number, published: number): boolean {
  return loaded - published >= Math.max(2000, published / 2);
}

async function loadIndex(
  client: ArcGISClient,
  queryClient: QueryClient,
  queryKey: QueryKey,
  signal: AbortSignal,
): Promise<MemberRecord[]> {
  const { portalUrl } = client;
  const cache = caches.get(client);
  const startedAt = Date.now();
  let shown = queryClient.getQueryData<MemberRecord[]>(queryKey) !== undefined;
  inflightPatches.set(portalUrl, []);
  setStatus(portalUrl, { loading: true, loaded: 0, total: 0 });

  if (!shown && cache) {
    // First the kept first screen (a few milliseconds), then the whole kept copy in its place.
    const first = await cache.loadFirstScreen().catch(() => undefined);
    // A load given up meanwhile (its page closed, a newer load started) shows nothing more.
    signal.throwIfAborted();
    let firstShown: MemberRecord[] | undefined;
    if (first && queryClient.getQueryData(queryKey) === undefined) {
      firstShown = replay(portalUrl, first.members);
      if (first.members.length < first.count) partialList(firstShown);
      queryClient.setQueryData(queryKey, firstShown, { updatedAt: first.savedAt });
      setStatus(portalUrl, {
        fromCache: true,
        partial: first.members.length < first.count,
        updatedAt: first.savedAt,
        kept: { shown: first.members.length, total: first.count, summary: first.summary },
      });
      shown = true;
    }
    const cached = await cache.load().catch(() => undefined);
    signal.throwIfAborted();
    const onScreen = queryClient.getQueryData(queryKey);
    if (cached && (onScreen === undefined || onScreen === firstShown)) {
      queryClient.setQueryData(queryKey, replay(portalUrl, cached.members), { updatedAt: cached.savedAt });
      setStatus(portalUrl, { fromCache: true, partial: false, updatedAt: cached.savedAt, kept: undefined });
      shown = true;
    }
  }
  // Another load of the same members may have shown some meanwhile: this one doesn't hide them.
  shown ||= queryClient.getQueryData(queryKey) !== undefined;
  if (!shown) setStatus(portalUrl, { fromCache: false, partial: true, updatedAt: undefined });

  const pages: MemberRecord[][] = [];
  const intern = createRecordInterner();
  let published = 0;
  try {
    await scanMembers(client, {
      signal,
      concurrency: 4,
      onPage: (index, records, progress) => {
        pages[index] = intern(records);
        statuses.progress(portalUrl, progress);
        if (shown || progress.loaded >= progress.total) return;
        if (!publishDue(progress.loaded, published)) return;
        published = progress.loaded;
        queryClient.setQueryData(queryKey, partialList(replay(portalUrl, mergePages(pages))));
      },
    });
  } catch (e) {
    if (published > 0 && !signal.aborted) {
      // A first load that failed part-way: the error shows as it would have, not a silent part.
      queryClient.getQueryCache().find({ queryKey })?.setState({ data: undefined, dataUpdatedAt: 0 });
    }
    setStatus(portalUrl, { loading: false });
    throw e;
  } finally {
    if (signal.aborted) setStatus(portalUrl, { loading: false });
  }
  const members = replay(portalUrl, mergePages(pages));
  inflightPatches.delete(portalUrl);
  setStatus(portalUrl, {
    loading: false,
    partial: false,
    fromCache: false,
    updatedAt: Date.now(),
    kept: undefined,
  });
  // Saved as of when the read started: a change made since is in the patches replayed above.
  void cache?.save(members, startedAt).catch(() => undefined);
  return members;
}

/**
 * Applies known changes to members in the cached index (e.g. an allocation just set), returning the
 * previous list, so an optimistic change can be rolled back member by member. The change is written
 * through to the copy kept in this browser, and replayed onto a load under way.
 */
export function patchMembers(
  queryClient: QueryClient,
  client: ArcGISClient,
  patch: (member: MemberRecord) => MemberRecord,
): MemberRecord[] | undefined {
  const key = memberIndexQueries.index(client).queryKey;
  const previous = queryClient.getQueryData(key);
  inflightPatches.get(client.portalUrl)?.push(patch);
  if (!previous) return previous;
  const changed: MemberChange[] = [];
  const next = previous.map((m) => {
    // A member re-read from the portal arrives with every field: keep only the index's.
    const after = slimmed(m, patch(m));
    if (after !== m) changed.push({ before: m, after });
    return after;
  });
  queryClient.setQueryData(key, isPartialMemberIndex(previous) ? partialList(next) : next);
  if (changed.length > 0)
    void caches
      .get(client)
      ?.patch(changed)
      .catch(() => undefined);
  return previous;
}
