import { runBounded, sleep } from './concurrency';
import { isTransientError } from './errors';
import type { ArcGISClient } from './request';
import type { User, UsersPage } from './schemas';
import { MAX_PAGE_SIZE, listUsers } from './users';
import type { ListUsersParams, SortOrder, UserSortField } from './users';

export interface ScanProgress {
  loaded: number;
  total: number;
}

export interface FetchAllUsersOptions {
  /** Page size, ≤ 100. Default 100. */
  num?: number;
  /** Pages in flight at once. Default 4. */
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: (progress: ScanProgress) => void;
  sortField?: UserSortField;
  sortOrder?: SortOrder;
  /** E4 filters (`role`, `userLicenseType`, `provider`…). */
  filters?: Omit<ListUsersParams, 'start' | 'num' | 'sortField' | 'sortOrder'>;
  /** Extra attempts per page after a transient failure. Default 2. */
  retries?: number;
  /** First backoff; doubles per attempt. Default 250 ms. */
  retryDelayMs?: number;
}

/**
 * Every org member (E4), in server order and de-duplicated by username. The first page gives
 * `total`; the remaining pages are then requested by `start` offset, `concurrency` at a time.
 * A page failing transiently is retried (`retries` times, with backoff) before the whole scan
 * fails; `AuthError` and 4xx errors are not retried. Aborting `signal` cancels the pages in
 * flight and rejects with the signal's reason.
 */
export async function fetchAllUsers(client: ArcGISClient, opts: FetchAllUsersOptions = {}): Promise<User[]> {
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

  async function page(start: number): Promise<UsersPage> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await listUsers(
          client,
          { ...opts.filters, start, num, sortField: opts.sortField, sortOrder: opts.sortOrder },
          { signal: scan.signal },
        );
      } catch (e) {
        if (scan.signal.aborted || attempt >= retries || !isTransientError(e)) throw e;
        await sleep(retryDelayMs * 2 ** attempt, scan.signal);
      }
    }
  }

  try {
    const first = await page(1);
    let total = first.total;
    let loaded = first.users.length;
    const report = () => {
      total = Math.max(total, loaded);
      opts.onProgress?.({ loaded, total });
    };
    report();

    const pageSize = first.num > 0 ? Math.min(num, first.num) : num;
    const starts: number[] = [];
    if (first.nextStart !== -1 && first.users.length > 0) {
      for (let start = 1 + pageSize; start <= first.total; start += pageSize) starts.push(start);
    }
    const rest: User[][] = new Array<User[]>(starts.length);
    try {
      await runBounded(
        starts.length,
        concurrency,
        async (i) => {
          const start = starts[i];
          if (start === undefined) return;
          const result = await page(start);
          rest[i] = result.users;
          loaded += result.users.length;
          report();
        },
        () => scan.signal.aborted,
      );
    } catch (e) {
      scan.abort(e);
      throw e;
    }
    outer?.throwIfAborted();

    const seen = new Set<string>();
    const users: User[] = [];
    for (const list of [first.users, ...rest]) {
      for (const user of list ?? []) {
        const key = user.username.toLowerCase();
        if (seen.has(key)) continue;
        seen.add(key);
        users.push(user);
      }
    }
    return users;
  } catch (e) {
    if (outer?.aborted) throw outer.reason;
    throw e;
  } finally {
    outer?.removeEventListener('abort', onOuterAbort);
  }
}
