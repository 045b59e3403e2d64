import { runBounded, sleep } from './concurrency';
import { isTransientError } from './errors';
import type { ArcGISClient } from './request';
import type { User } from './schemas';
import { MAX_PAGE_SIZE, listUsers } from './users';
import type { ListUsersParams, SortOrder, UserSortField } from './users';

export interface ScanProgress {
  loaded: number;
  total: number;
}

/** One page as any paged endpoint answers it, with its items under whatever key it uses. */
export interface ScannedPage<T> {
  total: number;
  num: number;
  nextStart: number;
  items: T[];
}

export interface ScanOptions {
  /** Page size, ≤ 100. Default 100. */
  num?: number;
  /** Pages in flight at once. Default 4. */
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: (progress: ScanProgress) => void;
  /** Extra attempts per page after a transient failure. Default 2. */
  retries?: number;
  /** First backoff; doubles per attempt. Default 250 ms. */
  retryDelayMs?: number;
  /**
   * How long one page may take before it is given up and asked for again, like any transient
   * failure (a request that never answers would otherwise hold the whole scan). Default 60 s.
   */
  pageTimeoutMs?: number;
}

export interface ScanPagesOptions<T> extends ScanOptions {
  /** Told about each page as it arrives (in any order); `index` is the page's place in server order. */
  onPage: (index: number, items: T[]) => void;
}

/**
 * Reads every page of a paged endpoint: the first page gives `total`; the remaining pages are then
 * requested by `start` offset, `concurrency` at a time. A page failing transiently is retried
 * (`retries` times, with backoff) before the whole scan fails; `AuthError` and 4xx errors are not
 * retried. Aborting `signal` cancels the pages in flight and rejects with the signal's reason.
 */
export async function scanPages<T>(
  fetchPage: (start: number, num: number, signal: AbortSignal) => Promise<ScannedPage<T>>,
  opts: ScanPagesOptions<T>,
): Promise<ScanProgress> {
  const num = Math.max(1, Math.min(MAX_PAGE_SIZE, Math.floor(opts.num ?? MAX_PAGE_SIZE)));
  const concurrency = Math.max(1, Math.floor(opts.concurrency ?? 4));
  const retries = Math.max(0, opts.retries ?? 2);
  const retryDelayMs = opts.retryDelayMs ?? 250;
  const outer = opts.signal;
  outer?.throwIfAborted();

  // One controller for the whole scan: a fatal page failure cancels its siblings too.
  const scan = new AbortController();
  const onOuterAbort = () => scan.abort(outer?.reason);
  outer?.addEventListener('abort', onOuterAbort, { once: true });

  const pageTimeoutMs = opts.pageTimeoutMs ?? 60_000;

  async function page(start: number): Promise<ScannedPage<T>> {
    for (let attempt = 0; ; attempt++) {
      // This attempt's own signal: the scan's, or the page's time running out.
      const attemptSignal = new AbortController();
      const onScanAbort = () => attemptSignal.abort(scan.signal.reason);
      scan.signal.addEventListener('abort', onScanAbort, { once: true });
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        attemptSignal.abort(new DOMException(`The page at ${start} took too long.`, 'TimeoutError'));
      }, pageTimeoutMs);
      try {
        return await fetchPage(start, num, attemptSignal.signal);
      } catch (e) {
        if (scan.signal.aborted || attempt >= retries || !(timedOut || isTransientError(e))) throw e;
        await sleep(retryDelayMs * 2 ** attempt, scan.signal);
      } finally {
        clearTimeout(timer);
        scan.signal.removeEventListener('abort', onScanAbort);
      }
    }
  }

  try {
    const first = await page(1);
    let total = first.total;
    let loaded = first.items.length;
    const report = () => {
      total = Math.max(total, loaded);
      opts.onProgress?.({ loaded, total });
    };
    opts.onPage(0, first.items);
    report();

    const pageSize = first.num > 0 ? Math.min(num, first.num) : num;
    const starts: number[] = [];
    if (first.nextStart !== -1 && first.items.length > 0) {
      for (let start = 1 + pageSize; start <= first.total; start += pageSize) starts.push(start);
    }
    try {
      await runBounded(
        starts.length,
        concurrency,
        async (i) => {
          const start = starts[i];
          if (start === undefined) return;
          const result = await page(start);
          opts.onPage(i + 1, result.items);
          loaded += result.items.length;
          report();
        },
        () => scan.signal.aborted,
      );
    } catch (e) {
      scan.abort(e);
      throw e;
    }
    outer?.throwIfAborted();
    return { loaded, total };
  } catch (e) {
    if (outer?.aborted) throw outer.reason;
    throw e;
  } finally {
    outer?.removeEventListener('abort', onOuterAbort);
  }
}

/** Pages in server order, flattened and de-duplicated by username (a member who moved between pages). */
export function mergePages<T extends { username: string }>(
  pages: readonly (readonly T[] | undefined)[],
): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const list of pages) {
    for (const item of list ?? []) {
      const key = item.username.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(item);
    }
  }
  return out;
}

export interface FetchAllUsersOptions extends ScanOptions {
  sortField?: UserSortField;
  sortOrder?: SortOrder;
  /** E4 filters (`role`, `userLicenseType`, `provider`…). */
  filters?: Omit<ListUsersParams, 'start' | 'num' | 'sortField' | 'sortOrder'>;
}

/**
 * Every org member (E4) with every field, in server order and de-duplicated by username; see
 * `scanPages` for paging, retries and cancelling.
 */
export async function fetchAllUsers(client: ArcGISClient, opts: FetchAllUsersOptions = {}): Promise<User[]> {
  const pages: User[][] = [];
  await scanPages<User>(
    async (start, num, signal) => {
      const page = await listUsers(
        client,
        { ...opts.filters, start, num, sortField: opts.sortField, sortOrder: opts.sortOrder },
        { signal },
      );
      return { ...page, items: page.users };
    },
    { ...opts, onPage: (index, items) => (pages[index] = items) },
  );
  return mergePages(pages);
}
