import type { AllocationSummary } from './summary';

/** Where the members on screen come from, and how far the current read has got. */
export interface MemberIndexStatus {
  /** Members read so far by the load under way (or the last one), and the org's total. */
  loaded: number;
  total: number;
  /** A read from the portal is under way. */
  loading: boolean;
  /** The members on screen are only those read so far (a first load still running, or one that failed). */
  partial: boolean;
  /** The members on screen are this browser's copy from an earlier visit (being re-read while `loading`). */
  fromCache: boolean;
  /** When the members on screen were read from the portal (epoch ms); undefined until a read finishes. */
  updatedAt?: number;
  /**
   * Only the kept copy's first screen is on screen (its first members by name, `shown` of `total`)
   * while the rest of the copy is read: `summary` is the kept figures over all `total` members.
   */
  kept?: { shown: number; total: number; summary: AllocationSummary };
}

const EMPTY: MemberIndexStatus = { loaded: 0, total: 0, loading: false, partial: false, fromCache: false };

export interface MemberIndexStatusStore {
  /** The status as subscribers were last told of it. */
  get(portalUrl: string): MemberIndexStatus | undefined;
  /** Changes what is loading, partial or kept: subscribers hear of it at once. */
  set(portalUrl: string, next: Partial<MemberIndexStatus>): void;
  /**
   * Counts a load's progress. A load reports every page (2,500 of them at 250,000 members):
   * subscribers hear of the counts at most once per `progressEveryMs`, with the latest counts.
   */
  progress(portalUrl: string, progress: { loaded: number; total: number }): void;
  subscribe(listener: () => void): () => void;
  clear(): void;
}

/**
 * The member index statuses by portal, for `useSyncExternalStore`. Progress is coalesced so that a
 * load's pages re-render the status line a few times a second, not once per page.
 */
export function createMemberIndexStatusStore(progressEveryMs = 250): MemberIndexStatusStore {
  // The latest statuses, and those subscribers last heard of: what they read between two
  // notifications stays the same object, as `useSyncExternalStore` expects.
  const statuses = new Map<string, MemberIndexStatus>();
  const shown = new Map<string, MemberIndexStatus>();
  const listeners = new Set<() => void>();
  let pending: ReturnType<typeof setTimeout> | undefined;

  const notify = () => {
    if (pending !== undefined) clearTimeout(pending);
    pending = undefined;
    shown.clear();
    for (const [portalUrl, status] of statuses) shown.set(portalUrl, status);
    for (const l of listeners) l();
  };
  const update = (portalUrl: string, next: Partial<MemberIndexStatus>) => {
    statuses.set(portalUrl, { ...(statuses.get(portalUrl) ?? EMPTY), ...next });
  };

  return {
    get: (portalUrl) => shown.get(portalUrl),
    set(portalUrl, next) {
      update(portalUrl, next);
      notify();
    },
    progress(portalUrl, { loaded, total }) {
      const previous = statuses.get(portalUrl);
      if (previous?.loaded === loaded && previous.total === total) return;
      update(portalUrl, { loaded, total });
      // The first counts of a load show at once ("Loaded 100 of 250,000"); later ones batch up.
      if (!previous || previous.total === 0) notify();
      else pending ??= setTimeout(notify, progressEveryMs);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    clear() {
      statuses.clear();
      notify();
    },
  };
}
