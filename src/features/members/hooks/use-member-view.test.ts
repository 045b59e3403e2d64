import { describe, expect, it } from 'vitest';
import { renderHook } from '@testing-library/react';
import type { User } from '@/lib/arcgis/schemas';
import { toMemberRow, type MemberFilters, type MemberRow, type MemberSort } from '../utils/member-rows';
import { useMemberView } from './use-member-view';

const NO_FILTERS: MemberFilters = { q: '', role: '', type: '', status: '', source: '' };

function rowsOf(users: User[]): MemberRow[] {
  return users.map((u) => toMemberRow(u, true));
}

const users: User[] = [
  { username: 'abe', fullName: 'Abe Archer', assignedCredits: 30, availableCredits: 30 },
  { username: 'bea', fullName: 'Bea Baker', assignedCredits: 10, availableCredits: 5 },
  { username: 'cal', fullName: 'Cal Cole', assignedCredits: 20, availableCredits: 20 },
  { username: 'dee', fullName: 'Dee Dunn', assignedCredits: -1, availableCredits: 100 },
];

interface ViewProps {
  rows: MemberRow[];
  sort: MemberSort;
  filters: MemberFilters;
  usage?: Map<string, number>;
}

function render(rows: MemberRow[], sort: MemberSort, filters = NO_FILTERS) {
  return renderHook(
    (p: ViewProps) =>
      useMemberView(p.rows, p.filters, p.sort, { isMasked: false, periodUsage: p.usage }).map(
        (r) => r.username,
      ),
    { initialProps: { rows, sort, filters } as ViewProps },
  );
}

describe('the member view', () => {
  it('orders by a column both ways, ties by name and "—" last, and keeps each order per list of rows', () => {
    const rows = rowsOf(users);
    const view = render(rows, { key: 'allocated', dir: 'desc' });
    // No limit sorts above every cap.
    expect(view.result.current).toEqual(['dee', 'abe', 'cal', 'bea']);
    view.rerender({ rows, sort: { key: 'allocated', dir: 'asc' }, filters: NO_FILTERS });
    expect(view.result.current).toEqual(['bea', 'cal', 'abe', 'dee']);

    // A member's allocation changes: a new list of rows, so the kept order is built again.
    const changed = rowsOf(users.map((u) => (u.username === 'bea' ? { ...u, assignedCredits: 99 } : u)));
    view.rerender({ rows: changed, sort: { key: 'allocated', dir: 'asc' }, filters: NO_FILTERS });
    expect(view.result.current).toEqual(['cal', 'abe', 'bea', 'dee']);
    view.rerender({ rows: changed, sort: { key: 'allocated', dir: 'desc' }, filters: NO_FILTERS });
    expect(view.result.current).toEqual(['dee', 'bea', 'abe', 'cal']);
  });

  it('orders Used by the period usage once it arrives, and again when it changes', () => {
    const rows = rowsOf(users);
    const sort: MemberSort = { key: 'used', dir: 'desc' };
    const view = render(rows, sort);
    // Before usage loads, the member without a limit shows "—": last in either direction.
    expect(view.result.current).toEqual(['bea', 'abe', 'cal', 'dee']);
    view.rerender({ rows, sort, filters: NO_FILTERS, usage: new Map([['dee', 50]]) });
    expect(view.result.current).toEqual(['dee', 'bea', 'abe', 'cal']);
    view.rerender({ rows, sort, filters: NO_FILTERS, usage: new Map([['dee', 1]]) });
    expect(view.result.current).toEqual(['bea', 'dee', 'abe', 'cal']);
  });

  it('searches in the current order, and filters by the limit source too', () => {
    const rows = rowsOf(users).map((r): MemberRow =>
      r.username === 'cal' ? { ...r, source: { kind: 'override', label: 'Override' } } : r,
    );
    const sort: MemberSort = { key: 'allocated', dir: 'desc' };
    const view = render(rows, sort, { ...NO_FILTERS, q: 'e' });
    expect(view.result.current).toEqual(['dee', 'abe', 'cal', 'bea']);
    // Words in any order; Dee Dunn has no "a".
    view.rerender({ rows, sort, filters: { ...NO_FILTERS, q: 'a e' } });
    expect(view.result.current).toEqual(['abe', 'cal', 'bea']);
    view.rerender({ rows, sort, filters: { ...NO_FILTERS, q: 'ke' } });
    expect(view.result.current).toEqual(['bea']);
    view.rerender({ rows, sort, filters: { ...NO_FILTERS, source: 'override' } });
    expect(view.result.current).toEqual(['cal']);
  });

  it('picks the same rows whether few or many match, keystroke after keystroke, and with a filter', () => {
    // 64 members: one match is the few-rows path (ordered by rank), half is the many-rows path
    // (marked, then walked in order), everyone is the sorted list itself.
    const names = ['Ann', 'Bob', 'Cy', 'Di'];
    const many: User[] = Array.from({ length: 64 }, (_, i) => ({
      username: `m${String(i).padStart(2, '0')}`,
      fullName: `${names[i % 4]} Zed${String(63 - i).padStart(2, '0')}`,
      assignedCredits: i % 2 === 0 ? 10 : 20,
      availableCredits: 5,
    }));
    const rows = rowsOf(many);
    const sort: MemberSort = { key: 'member', dir: 'asc' };
    const expected = (keep: (u: User) => boolean) =>
      many
        .filter(keep)
        .sort((a, b) => a.fullName!.localeCompare(b.fullName!))
        .map((u) => u.username);
    const view = render(rows, sort, { ...NO_FILTERS, q: 'zed07' });
    expect(view.result.current).toEqual(['m56']);
    view.rerender({ rows, sort, filters: { ...NO_FILTERS, q: 'o' } });
    expect(view.result.current).toEqual(expected((u) => u.fullName!.startsWith('Bob')));
    view.rerender({ rows, sort, filters: { ...NO_FILTERS, q: 'y' } });
    expect(view.result.current).toEqual(expected((u) => u.fullName!.startsWith('Cy')));
    view.rerender({ rows, sort, filters: { ...NO_FILTERS, q: 'zed' } });
    expect(view.result.current).toEqual(expected(() => true));
    view.rerender({ rows, sort, filters: { ...NO_FILTERS, q: 'n', status: 'exhausted' } });
    expect(view.result.current).toEqual([]);
    view.rerender({ rows, sort, filters: { ...NO_FILTERS, q: 'n' } });
    expect(view.result.current).toEqual(expected((u) => u.fullName!.startsWith('Ann')));
  });
});
