import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useLocation, useSearchParams } from 'react-router';
import { isPresentationMode, memberFromState } from '@/lib/presentation';
import { SOURCE_KIND_LABELS, type SourceKind } from '@/lib/policies/labels';
import {
  CREDIT_STATUS_LABELS,
  SORT_KEYS,
  type CreditStatus,
  type MemberFilters,
  type MemberSort,
  type SortKey,
} from '../utils/member-rows';

function isSortKey(v: string | null): v is SortKey {
  return v !== null && (SORT_KEYS as readonly string[]).includes(v);
}
function isSource(v: string | null): v is SourceKind {
  return v !== null && v in SOURCE_KIND_LABELS;
}
function isStatus(v: string | null): v is CreditStatus {
  return v !== null && v in CREDIT_STATUS_LABELS;
}

/** How long the search box's text waits, after the last keystroke, before it goes into the address. */
export const QUERY_TO_ADDRESS_MS = 300;

export interface MemberTableState {
  filters: MemberFilters;
  sort: MemberSort;
  /** Username whose dialog is open (`?member=`, or history state in presentation mode). */
  member: string | null;
  setParam(name: 'q' | 'role' | 'type' | 'status' | 'source' | 'member', value: string | null): void;
  toggleSort(key: SortKey): void;
  clearFilters(): void;
}

/** Search, sort, filters and the open member live in the URL, so a link reproduces the view. */
export function useMemberTableState(): MemberTableState {
  const [params, setParams] = useSearchParams();

  // Memoised on the values, not on `params`: a keystroke changes `q` only, so the sort stays put.
  const q = params.get('q') ?? '';
  const role = params.get('role') ?? '';
  const type = params.get('type') ?? '';
  const rawStatus = params.get('status');
  const status = isStatus(rawStatus) ? rawStatus : '';
  const rawSource = params.get('source');
  const source = isSource(rawSource) ? rawSource : '';
  const filters = useMemo<MemberFilters>(
    () => ({ q, role, type, status, source }),
    [q, role, type, status, source],
  );

  const rawKey = params.get('sort');
  const urlKey: SortKey = isSortKey(rawKey) ? rawKey : 'member';
  const urlDir = params.get('dir') === 'desc' ? 'desc' : 'asc';
  // A sort click shows at once; the address (a router navigation, rendered at low priority) follows.
  // The click's sort stands until the address has caught up with it, or moved elsewhere (back/forward).
  const [clicked, setClicked] = useState<{ sort: MemberSort; from: string } | null>(null);
  const urlSort = `${urlKey} ${urlDir}`;
  const pending =
    clicked && urlSort === clicked.from && `${clicked.sort.key} ${clicked.sort.dir}` !== urlSort
      ? clicked
      : null;
  const key = pending?.sort.key ?? urlKey;
  const dir = pending?.sort.dir ?? urlDir;
  const sort = useMemo<MemberSort>(() => ({ key, dir }), [key, dir]);

  const location = useLocation();
  const member = params.get('member') ?? memberFromState(location.state);

  // The search box filters from its own text at once; the address follows once typing pauses. Writing
  // it on every keystroke costs a history entry update and a render of the whole route each time.
  const pendingQuery = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(pendingQuery.current), []);
  // The router's setter reads the address of the render it came from: the delayed write uses the
  // latest one, so a filter or sort chosen in the meantime is kept.
  const latestSetParams = useRef(setParams);
  useLayoutEffect(() => {
    latestSetParams.current = setParams;
  }, [setParams]);

  const setParam = useCallback<MemberTableState['setParam']>(
    (name, value) => {
      if (name === 'q') {
        clearTimeout(pendingQuery.current);
        pendingQuery.current = setTimeout(() => {
          latestSetParams.current(
            (prev) => {
              const next = new URLSearchParams(prev);
              if (value) next.set('q', value);
              else next.delete('q');
              return next;
            },
            { replace: true },
          );
        }, QUERY_TO_ADDRESS_MS);
        return;
      }
      // In presentation mode the open member travels in history state, never in the address bar.
      if (name === 'member' && (isPresentationMode() || !value)) {
        setParams(
          (prev) => {
            const next = new URLSearchParams(prev);
            next.delete('member');
            return next;
          },
          { state: value ? { member: value } : null },
        );
        return;
      }
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          if (value) next.set(name, value);
          else next.delete(name);
          return next;
        },
        { replace: name !== 'member' },
      );
    },
    [setParams],
  );

  const toggleSort = useCallback(
    (key: SortKey) => {
      // Numbers start with the largest first; text starts A→Z.
      const numeric = key === 'allocated' || key === 'used' || key === 'remaining' || key === 'lastLogin';
      const dir = sort.key === key ? (sort.dir === 'asc' ? 'desc' : 'asc') : numeric ? 'desc' : 'asc';
      setClicked({ sort: { key, dir }, from: pending?.from ?? urlSort });
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          next.set('sort', key);
          next.set('dir', dir);
          return next;
        },
        { replace: true },
      );
    },
    [setParams, sort, pending, urlSort],
  );

  const clearFilters = useCallback(() => {
    clearTimeout(pendingQuery.current);
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const k of ['q', 'role', 'type', 'status', 'source']) next.delete(k);
        return next;
      },
      { replace: true },
    );
  }, [setParams]);

  return { filters, sort, member, setParam, toggleSort, clearFilters };
}
