import { describe, expect, it } from 'vitest';
import { MemberSearchIndex, narrows, searchWords } from './member-search';

const people = [
  { username: 'ismith', fullName: 'Ingrid Smith', email: 'ingrid.smith@city.gov' },
  { username: 'iother', fullName: 'Ingrid Other', email: 'io@city.gov' },
  { username: 'smithj', fullName: 'John Smithers', email: 'john@county.org' },
  { username: 'garcia_m', fullName: 'María García', email: 'mgarcia@county.org' },
  { username: 'Bob.Lee', fullName: 'Bob Lee', email: '' },
];

function names(index: MemberSearchIndex, query: string): string[] {
  const matches = index.match(searchWords(query));
  return matches ? Array.from(matches, (i) => people[i]!.username) : people.map((p) => p.username);
}

describe('member search', () => {
  it('finds a name typed in either order, each word anywhere in name, username or email', () => {
    const index = new MemberSearchIndex(people);
    expect(names(index, 'smith ingrid')).toEqual(['ismith']);
    expect(names(index, 'ingrid smith')).toEqual(['ismith']);
    expect(names(index, '  SMI   ingr ')).toEqual(['ismith']);
    expect(names(index, 'smith county')).toEqual(['smithj']);
  });

  it('keeps the single-term behaviour: a substring of the username, name or email, any case', () => {
    const index = new MemberSearchIndex(people);
    expect(names(index, 'smith')).toEqual(['ismith', 'smithj']);
    expect(names(index, 'city.gov')).toEqual(['ismith', 'iother']);
    expect(names(index, 'bob.l')).toEqual(['Bob.Lee']);
    expect(names(index, 'garcía')).toEqual(['garcia_m']);
    expect(names(index, '')).toEqual(people.map((p) => p.username));
  });

  it('never matches across two fields or two members', () => {
    const index = new MemberSearchIndex(people);
    // "ismith" + "Ingrid": only a space-free word could span them, and it finds nothing.
    expect(names(index, 'ismithingrid')).toEqual([]);
    expect(names(index, 'govsmithj')).toEqual([]);
  });

  it('narrows as the query grows and widens again when it shrinks or changes', () => {
    const index = new MemberSearchIndex(people);
    expect(names(index, 'i')).toEqual(['ismith', 'iother', 'smithj', 'garcia_m']);
    expect(names(index, 'in')).toEqual(['ismith', 'iother']);
    expect(names(index, 'ing smi')).toEqual(['ismith']);
    expect(names(index, 'ing')).toEqual(['ismith', 'iother']);
    expect(names(index, 'county')).toEqual(['smithj', 'garcia_m']);
    expect(names(index, 'county mar')).toEqual(['garcia_m']);
  });

  it('tells a narrowing query from one that is not', () => {
    expect(narrows(['smi'], ['smith'])).toBe(true);
    expect(narrows(['smi'], ['ingrid', 'smith'])).toBe(true);
    expect(narrows(['smith', 'ing'], ['smith'])).toBe(false);
    expect(searchWords('Ann ann  an')).toEqual(['ann']);
  });

  it('gives the same answers over many members as a plain filter', () => {
    // Seven email domains shared by many members, a few of their own, a few without an email;
    // some names hold text that is also in a domain.
    const many = Array.from({ length: 5000 }, (_, i) => ({
      username: i % 500 === 0 ? `user${i}@d3.example` : `user${i}`,
      fullName: i % 11 === 0 ? `Person${i % 37} D3 Example` : `Person${i % 37} Family${i % 101}`,
      email: i % 97 === 0 ? '' : i % 89 === 0 ? `p${i}@own${i}.example` : `p${i}@d${i % 7}.example`,
    }));
    const index = new MemberSearchIndex(many);
    for (const q of [
      'family1',
      'family1 person3',
      'person3 family1',
      'd3 user1',
      'user12',
      'user123',
      'zzz',
      // Words in the shared email domains, across the "@", and in both a name and a domain.
      'd3',
      'example',
      'e',
      'x',
      'f',
      'y',
      // Two letters a–z, answered by the pair bits: in names, in a domain, nowhere.
      'fa',
      'ly',
      'le',
      'zq',
      'ly fa',
      'son3 er',
      '@d3',
      '@',
      'p12@d',
      '3@d3.ex',
      '@d3 user12',
      'p1@',
      'family1 ample',
      'son3',
      'd3@',
      'a@b@c',
    ]) {
      const words = searchWords(q);
      const expected = many
        .map((m, i) => ({ text: `${m.username}\n${m.fullName}\n${m.email}`.toLowerCase(), i }))
        .filter(({ text }) => words.every((w) => text.includes(w)))
        .map(({ i }) => i);
      expect(Array.from(index.match(words) ?? [])).toEqual(expected);
    }
  });
});
