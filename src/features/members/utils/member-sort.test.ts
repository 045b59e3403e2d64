import { describe, expect, it } from 'vitest';
import { buildNameOrder, collationKey, compareText, nameOrderWhileLoading, orderBy } from './member-sort';

const NAMES = [
  'Ingrid Smith',
  'ingrid smith',
  'Íngrid Smith',
  'Ingrid Smith-Jones',
  'Ingrid Smithers',
  "Ingrid O'Brien",
  'Ingrid  Smith',
  'Zoë Adams',
  'Zoe Adams',
  'Ærin Ødegaard',
  'Aerin Odegaard',
  'Åsa Ström',
  'Asa Strom',
  'Łukasz Wiśniewski',
  'Lukasz Wisniewski',
  'Jürgen Groß',
  'Jurgen Gross',
  'user2',
  'user10',
  'user02',
  'user1a',
  'user 1',
  'user_1',
  'user-1',
  'user.1',
  'Anna',
  'Anna B',
  'Anna-B',
  'anna b',
  'Çelik Şahin',
  'Celik Sahin',
  'Nguyễn Văn An',
  'Nguyen Van An',
  '',
  '123',
  '9 lives',
  'Ω Omega',
];

function sign(n: number): number {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

describe('collation keys', () => {
  it('order every pair of names as the collator does', () => {
    for (const a of NAMES) {
      for (const b of NAMES) {
        const ka = collationKey(a);
        const kb = collationKey(b);
        expect([a, b, sign(ka < kb ? -1 : ka > kb ? 1 : 0)]).toEqual([a, b, sign(compareText(a, b))]);
      }
    }
  });

  it('sort a whole org by name, then username, as the collator does', () => {
    const members = NAMES.flatMap((fullName, i) => [
      { fullName, username: `u${i}b` },
      { fullName, username: `U${i}a` },
    ]);
    const { order, rank } = buildNameOrder(members);
    const expected = members
      .map((m, i) => ({ m, i }))
      .sort((x, y) => compareText(x.m.fullName, y.m.fullName) || compareText(x.m.username, y.m.username))
      .map(({ m }) => `${m.fullName}/${m.username}`);
    expect(Array.from(order, (i) => `${members[i]!.fullName}/${members[i]!.username}`)).toEqual(expected);
    expect(rank[order[0]!]).toBe(0);
  });

  it('orders by a value with blanks last in both directions and ties by name', () => {
    const members = [
      { fullName: 'Cara', username: 'c' },
      { fullName: 'Abe', username: 'a' },
      { fullName: 'Bea', username: 'b' },
      { fullName: 'Dan', username: 'd' },
    ];
    const names = buildNameOrder(members);
    const values = Float64Array.from([5, 5, 9, 0]);
    const blank = Uint8Array.from([0, 0, 0, 1]);
    const shown = (o: Int32Array) => Array.from(o, (i) => members[i]!.fullName);
    expect(shown(orderBy(names, values, { blank }))).toEqual(['Abe', 'Cara', 'Bea', 'Dan']);
    expect(shown(orderBy(names, values, { blank, descending: true }))).toEqual(['Bea', 'Abe', 'Cara', 'Dan']);
  });

  it('orders a list built again while loading as it orders it built once, a renamed member in its new place', () => {
    const members = NAMES.map((fullName, i) => ({ fullName, username: `user${i}` }));
    const firstHalf = members.slice(0, 10);
    expect(nameOrderWhileLoading(firstHalf, true)).toEqual(buildNameOrder(firstHalf));
    // More members in, one renamed (a new record, as every change makes).
    const renamed = members.map((m, i) => (i === 2 ? { ...m, fullName: 'Aaron Aardvark' } : m));
    expect(nameOrderWhileLoading(renamed, true)).toEqual(buildNameOrder(renamed));
    expect(nameOrderWhileLoading(renamed, false)).toEqual(buildNameOrder(renamed));
  });
});
