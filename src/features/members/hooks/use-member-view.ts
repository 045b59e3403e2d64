import { useEffect, useMemo } from 'react';
import { displayPerson } from '@/lib/presentation';
import { MemberSearchIndex, searchWords, type SearchableMember } from '../utils/member-search';
import { nameOrderWhileLoading } from '../utils/member-sort';
import {
  MemberOrders,
  SortedRows,
  type MemberRowList,
  selectRows,
  type MemberFilters,
  type MemberRow,
  type MemberSort,
  type PeriodUsage,
} from '../utils/member-rows';

/** What presentation mode shows of a member: the only text search may match then. */
function shownPerson(row: MemberRow): SearchableMember {
  const shown = displayPerson(row, true);
  return { username: shown.displayUsername, fullName: shown.fullName, email: shown.email };
}

/** Runs `step` in idle time until it returns false (a timeout where idle callbacks are missing). */
function whileIdle(step: () => boolean): () => void {
  let cancelled = false;
  let handle: number | ReturnType<typeof setTimeout> | undefined;
  const hasIdle = typeof requestIdleCallback === 'function';
  const next = () => {
    if (cancelled) return;
    handle = hasIdle ? requestIdleCallback(run) : setTimeout(run, 0);
  };
  const run = () => {
    if (!cancelled && step()) next();
  };
  next();
  return () => {
    cancelled = true;
    if (hasIdle && typeof handle === 'number') cancelIdleCallback(handle);
    else clearTimeout(handle);
  };
}

/**
 * The rows the table shows for a search, filters and sort. Built once per list of rows (and per
 * presentation mode: masked, search matches only the aliases on screen, never a real name, username
 * or email), after the table's first frame and in idle time: the search index, then every column's
 * order. A sort is then a lookup of a kept order; a keystroke scans the search index (or re-checks
 * the previous matches when the query grew) and picks the matching rows in the current order.
 */
export function useMemberView(
  rows: readonly MemberRow[],
  filters: MemberFilters,
  sort: MemberSort,
  options: {
    isMasked: boolean;
    periodUsage?: PeriodUsage;
    /** The same members in the same order, as they were before a column (Source) was joined on. */
    baseRows?: readonly MemberRow[];
    /**
     * Only part of the org is in (a first load): nothing is built ahead, since more members are on
     * their way; a search or a sort builds what it needs when asked.
     */
    partial?: boolean;
  },
): MemberRowList {
  const { isMasked, periodUsage, partial = false } = options;
  // Names, usernames, emails and credit columns are the base rows': a join that adds a column (Source)
  // reuses the name order, the search index and the column orders built for them.
  const base = options.baseRows?.length === rows.length ? options.baseRows : rows;
  const names = useMemo(() => nameOrderWhileLoading(base, partial), [base, partial]);
  const orders = useMemo(() => new MemberOrders(base, names), [base, names]);
  // Built when first searched, or just after the table first paints: never before the rows show.
  const search = useMemo(() => {
    let built: MemberSearchIndex | undefined;
    return () => (built ??= new MemberSearchIndex(isMasked ? base.map(shownPerson) : base));
  }, [base, isMasked]);
  useEffect(() => {
    if (partial) return;
    // After the next frame is painted (a timeout alone can run before it), so the rows show first;
    // then, one column per idle moment, the orders a sort click will look up.
    let stopIdle: (() => void) | undefined;
    const later = () => {
      search();
      stopIdle = whileIdle(() => orders.buildNext(periodUsage));
    };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame =
      typeof requestAnimationFrame === 'function'
        ? requestAnimationFrame(() => (timer = setTimeout(later, 0)))
        : undefined;
    if (frame === undefined) timer = setTimeout(later, 0);
    return () => {
      if (frame !== undefined) cancelAnimationFrame(frame);
      clearTimeout(timer);
      stopIdle?.();
    };
  }, [search, orders, periodUsage, partial]);
  // Period usage orders only the Used column; other sorts don't wait for it.
  const usageForSort = sort.key === 'used' ? periodUsage : undefined;
  const view = useMemo(
    () => new SortedRows(rows, orders.order(sort, usageForSort)),
    [rows, orders, sort, usageForSort],
  );
  const { q, role, type, status, source } = filters;
  const words = useMemo(() => searchWords(q), [q]);
  // The search's answer is read at once, here: the index reuses that memory for its next answer.
  return useMemo(
    () =>
      selectRows(
        view,
        words.length === 0 ? undefined : search().match(words),
        { role, type, status, source },
        () => search().answer(words),
      ),
    [view, search, words, role, type, status, source],
  );
}
