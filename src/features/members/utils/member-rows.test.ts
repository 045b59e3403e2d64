import { describe, expect, it } from 'vitest';
import type { User } from '@/lib/arcgis/schemas';
import { MemberSearchIndex, searchWords } from './member-search';
import { buildNameOrder } from './member-sort';
import {
  SortedRows,
  filterRows,
  rowsWhileLoading,
  selectRows,
  sortOrder,
  sortRows,
  toMemberRow,
  userTypeLabel,
  type MemberFilters,
} from './member-rows';

function makeUsers(n: number): User[] {
  return Array.from({ length: n }, (_, i) => ({
    username: `user${i}`,
    fullName: `Person ${i} Lastname${i % 97}`,
    email: `user${i}@example.org`,
    role: i % 10 === 0 ? 'org_admin' : 'org_user',
    userLicenseTypeId: i % 3 === 0 ? 'creatorUT' : 'viewerUT',
    assignedCredits: i % 4 === 0 ? -1 : i % 200,
    availableCredits: i % 4 === 0 ? 1000 : (i % 200) / 2,
  }));
}

describe('member rows', () => {
  it('sorts no limit above every cap and 0 as a real zero', () => {
    const rows = makeUsers(8).map((u) => toMemberRow(u, true));
    const desc = sortRows(rows, { key: 'allocated', dir: 'desc' });
    expect(desc[0]?.limit.kind).toBe('unlimited');
    const asc = sortRows(rows, { key: 'allocated', dir: 'asc' });
    expect(asc[0]?.limit).toMatchObject({ kind: 'capped', assigned: 1 });
  });

  it('filters by status: at risk includes exhausted, exhausted has nothing left', () => {
    const rows = makeUsers(400).map((u) => toMemberRow(u, true));
    const exhausted = filterRows(rows, { q: '', role: '', type: '', status: 'exhausted' });
    const atRisk = filterRows(rows, { q: '', role: '', type: '', status: 'at-risk' });
    for (const r of exhausted) expect(r.limit).toMatchObject({ kind: 'capped', available: 0 });
    expect(atRisk.length).toBeGreaterThanOrEqual(exhausted.length);
  });
  it('counts a member who has used exactly 80 % as at risk, and 79.9 % as not', () => {
    const [eighty, below] = [
      { username: 'eighty', assignedCredits: 50, availableCredits: 10 },
      { username: 'below', assignedCredits: 1000, availableCredits: 201 },
    ].map((u) => toMemberRow(u, true));
    expect(eighty?.status).toBe('at-risk');
    expect(below?.status).toBe('capped');
    const atRisk = filterRows([eighty!, below!], { q: '', role: '', type: '', status: 'at-risk' });
    expect(atRisk.map((r) => r.username)).toEqual(['eighty']);
  });
  it('puts "—" rows after the numbers in both directions, and breaks ties by the displayed name', () => {
    const rows = [
      { username: 'zz_nolimit', fullName: 'Adam No Limit', assignedCredits: -1, availableCredits: 500 },
      { username: 'aa_b', fullName: 'Zoe Tied', assignedCredits: 100, availableCredits: 50 },
      { username: 'bb_a', fullName: 'Anna Tied', assignedCredits: 100, availableCredits: 50 },
      { username: 'cc', fullName: 'Carl Low', assignedCredits: 100, availableCredits: 90 },
    ].map((u) => toMemberRow(u, true));
    const names = (key: 'used', dir: 'asc' | 'desc') => sortRows(rows, { key, dir }).map((r) => r.fullName);
    expect(names('used', 'asc')).toEqual(['Carl Low', 'Anna Tied', 'Zoe Tied', 'Adam No Limit']);
    expect(names('used', 'desc')).toEqual(['Anna Tied', 'Zoe Tied', 'Carl Low', 'Adam No Limit']);
  });

  it('finds a name typed in either order', () => {
    const rows = [
      { username: 'ismith', fullName: 'Ingrid Smith' },
      { username: 'other', fullName: 'Ingrid Other' },
    ].map((u) => toMemberRow(u, true));
    const found = filterRows(rows, { q: 'smith ingrid', role: '', type: '', status: '' });
    expect(found.map((r) => r.username)).toEqual(['ismith']);
  });

  it('selects the same rows in the same order as sorting and filtering everything, whichever position is read first', () => {
    const rows = makeUsers(3000).map((u) => toMemberRow(u, true));
    const names = buildNameOrder(rows);
    const search = new MemberSearchIndex(rows);
    const cases: MemberFilters[] = [
      { q: '', role: '', type: '', status: '' },
      // Everyone, most, some and a few members match; then with a filter on as well.
      { q: 'example', role: '', type: '', status: '' },
      { q: 'user', role: '', type: '', status: '' },
      { q: '1', role: '', type: '', status: '' },
      { q: 'lastname7 person', role: '', type: '', status: '' },
      { q: 'user12', role: '', type: '', status: '' },
      { q: 'nobody', role: '', type: '', status: '' },
      { q: '', role: '', type: '', status: 'no-limit' },
      { q: '2', role: '', type: 'creatorUT', status: '' },
      { q: 'user12', role: '', type: 'creatorUT', status: '' },
      { q: 'lastname7', role: 'org_admin', type: '', status: '' },
    ];
    for (const sort of [
      { key: 'member', dir: 'asc' },
      { key: 'allocated', dir: 'desc' },
    ] as const) {
      const view = new SortedRows(rows, sortOrder(rows, sort, names));
      const sorted = sortRows(rows, sort);
      for (const f of cases) {
        const expected = filterRows(sorted, f).map((r) => r.username);
        const fromEnd = selectRows(view, search.match(searchWords(f.q)), f);
        expect(fromEnd.length).toBe(expected.length);
        // Read from the end first (a scroll to the bottom), then the start, then everything.
        expect(fromEnd.at(expected.length - 1)?.username).toBe(expected.at(-1));
        expect(fromEnd.at(0)?.username).toBe(expected[0]);
        expect(fromEnd.at(expected.length)).toBeUndefined();
        expect(fromEnd.map((r) => r.username)).toEqual(expected);
        // Read from the start, a screenful at a time.
        const fromStart = selectRows(view, search.match(searchWords(f.q)), f);
        const seen: string[] = [];
        for (let k = 0; k < fromStart.length; k += 40)
          for (let j = k; j < Math.min(k + 40, fromStart.length); j++) seen.push(fromStart.at(j)!.username);
        expect(seen).toEqual(expected);
        expect([...fromStart].map((r) => r.username)).toEqual(expected);
      }
    }
  });

  it('keeps a list right after a later search reused its marks, and gives one list for one answer', () => {
    const rows = makeUsers(3000).map((u) => toMemberRow(u, true));
    const names = buildNameOrder(rows);
    const search = new MemberSearchIndex(rows);
    const view = new SortedRows(rows, sortOrder(rows, { key: 'member', dir: 'asc' }, names));
    const none = { role: '', type: '', status: '' } as const;
    const expected = (q: string) => filterRows(sortRows(rows, { key: 'member', dir: 'asc' }), { q, ...none });
    const pick = (q: string, again: boolean) => {
      const words = searchWords(q);
      return selectRows(view, search.match(words), none, again ? () => search.answer(words) : undefined);
    };
    for (const again of [true, false]) {
      // "1" is read a screenful deep; then "2" (another search, reusing the marks) and a filter.
      const ones = pick('1', again);
      expect(ones.at(5)?.username).toBe(expected('1')[5]?.username);
      const twos = pick('2', again);
      expect(twos.at(3)?.username).toBe(expected('2')[3]?.username);
      selectRows(view, search.match(searchWords('3')), { ...none, type: 'creatorUT' });
      // Both lists still read right to the end, in turn.
      expect(ones.map((r) => r.username)).toEqual(expected('1').map((r) => r.username));
      expect(twos.map((r) => r.username)).toEqual(expected('2').map((r) => r.username));
    }
    // The same answer (the search gives the very same array for the same query) gives the same list.
    const words = searchWords('user1');
    const first = selectRows(view, search.match(words), none);
    expect(selectRows(view, search.match(words), none)).toBe(first);
    expect(selectRows(view, search.match(words), { ...none, role: 'org_admin' })).not.toBe(first);
  });

  it('keeps rows while loading only as long as budgeting and the role names stay the same', () => {
    const users = makeUsers(50);
    const rowsFor = (partial: boolean, budgeting: boolean, roles: unknown, list = users) =>
      rowsWhileLoading(list, partial, [budgeting, roles], (u) => toMemberRow(u, budgeting));
    const first = rowsFor(true, true, 'roles');
    expect(rowsFor(true, true, 'roles', users.slice(0, 30))[7]).toBe(first[7]);
    // Budgeting turned off meanwhile: no row is kept from before.
    const off = rowsFor(true, false, 'roles');
    expect(off[7]).not.toBe(first[7]);
    expect(off.every((r) => r.limit.kind === 'unavailable')).toBe(true);
    // The role names arrived: rows are built again.
    expect(rowsFor(true, false, 'other roles')[7]).not.toBe(off[7]);
    // The whole list reads what was kept, then lets it go.
    const whole = rowsFor(false, false, 'other roles');
    expect(rowsFor(false, false, 'other roles')[7]).not.toBe(whole[7]);
  });

  // The keystroke budget over 50,000 members is checked by `npm run bench` (search keystroke median).
});

describe('user type names', () => {
  it("uses today's names for ArcGIS Online's IDs and keeps unknown IDs readable", () => {
    expect(userTypeLabel('GISProfessionalAdvUT')).toBe('Professional Plus');
    expect(userTypeLabel('GISProfessionalStdUT')).toBe('Professional');
    expect(userTypeLabel('fieldWorkerUT')).toBe('Mobile Worker');
    expect(userTypeLabel('editorUT')).toBe('Contributor');
    expect(userTypeLabel('storytellerUT')).toBe('Storyteller');
    expect(userTypeLabel('insightsAnalystUT')).toBe('Insights Analyst');
    expect(userTypeLabel('')).toBe('Unknown');
  });

  it('reads the user type from userLicenseTypeId, never the access type', () => {
    const user: User = { username: 'ann', userType: 'arcgisonly' };
    const row = toMemberRow(user, true);
    expect(row.userType).toBe('');
    expect(userTypeLabel(row.userType)).toBe('Unknown');
  });
});
