import { useEffect, useMemo } from 'react';
import { displayPerson } from '@/lib/presentation';
import { MemberSearchIndex, searchWords, type SearchableMember } from '../utils/member-search';
import { buildNameOrder } from '../utils/member-sort';
import {
  selectRows,
  sortOrder,
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

/**
 * The rows the table shows for a search, filters and sort. The name order and the search index are
 * built once per index load (and per presentation mode: masked, search matches only the aliases on
 * screen, never a real name, username or email); a sort is a typed-array permutation; a keystroke
 * scans the search index (or re-checks the previous matches when the query grew) and picks rows.
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
  },
): readonly MemberRow[] {
  const { isMasked } = options;
  // Names, usernames and emails are the base rows': a join that changes other columns reuses these.
  const base = options.baseRows?.length === rows.length ? options.baseRows : rows;
  const names = useMemo(() => buildNameOrder(base), [base]);
  // Built when first searched, or just after the table first paints: never before the rows show.
  const search = useMemo(() => {
    let built: MemberSearchIndex | undefined;
    return () => (built ??= new MemberSearchIndex(isMasked ? base.map(shownPerson) : base));
  }, [base, isMasked]);
  useEffect(() => {
    // After the next frame is painted (a timeout alone can run before it), so the rows show first.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame =
      typeof requestAnimationFrame === 'function'
        ? requestAnimationFrame(() => (timer = setTimeout(search, 0)))
        : undefined;
    if (frame === undefined) timer = setTimeout(search, 0);
    return () => {
      if (frame !== undefined) cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [search]);
  // Period usage orders only the Used column; other sorts don't wait for it.
  const usageForSort = sort.key === 'used' ? options.periodUsage : undefined;
  const order = useMemo(() => sortOrder(rows, sort, names, usageForSort), [rows, sort, names, usageForSort]);
  const sorted = useMemo(() => Array.from(order, (i) => rows[i]!), [order, rows]);
  const rankInOrder = useMemo(() => {
    const rank = new Int32Array(order.length);
    for (let k = 0; k < order.length; k++) rank[order[k]!] = k;
    return rank;
  }, [order]);
  const { q, role, type, status } = filters;
  const words = useMemo(() => searchWords(q), [q]);
  const matches = useMemo(() => (words.length === 0 ? undefined : search().match(words)), [search, words]);
  return useMemo(
    () => selectRows(rows, sorted, order, rankInOrder, matches, { role, type, status }),
    [rows, sorted, order, rankInOrder, matches, role, type, status],
  );
}
