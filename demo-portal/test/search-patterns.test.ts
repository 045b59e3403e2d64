import { describe, expect, it } from 'vitest';
import type { Member } from '../src/model/member.ts';
import { call, makePortal, tokenFor } from './helpers.ts';

/**
 * Field patterns (`fullname:*son*`, `email:*@*`, `username:demo_*`…) are matched by narrowing
 * to the members whose kept lower-case value holds the pattern's rarest piece, then testing
 * those. The answers must be exactly those of testing every member, whichever way a pattern is
 * narrowed (a rare piece, a common one, none).
 */

/** The members a `field:value` term names, tested one by one with a regular expression. */
function reference(members: readonly Member[], field: string, value: string): string[] {
  const v = value.toLowerCase();
  const get: Record<string, (m: Member) => string> = {
    username: (m) => m.username.toLowerCase(),
    fullname: (m) => `${m.firstName} ${m.lastName}`.toLowerCase(),
    firstname: (m) => m.firstName.toLowerCase(),
    lastname: (m) => m.lastName.toLowerCase(),
    email: (m) => m.email.toLowerCase(),
  };
  const escaped = v
    .split('*')
    .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  const test = v.includes('*')
    ? (s: string) => new RegExp(`^${escaped}$`, 's').test(s)
    : field === 'username'
      ? (s: string) => s === v
      : (s: string) => s.includes(v);
  return members.filter((m) => test(get[field]!(m))).map((m) => m.username);
}

describe('users/search field patterns', () => {
  const portal = makePortal({ members: 1500 });
  portal.org.addMember({ username: 'zz_odd', firstName: 'Ana-Sofía', lastName: 'Smith\nJones' });
  const token = tokenFor(portal);

  async function found(q: string): Promise<string[]> {
    const names: string[] = [];
    for (let start = 1; start > 0;) {
      const r = await call(portal, 'portals/self/users/search', {
        token,
        params: { q, start: String(start), num: '100' },
      });
      const page = r.body as { results: { username: string }[]; nextStart: number };
      names.push(...page.results.map((u) => u.username));
      start = page.nextStart;
    }
    return names.sort();
  }

  const cases: [string, string][] = [
    ['fullname', '*a*0*'], // a common piece and one no name has
    ['fullname', '*son*'],
    ['fullname', '*a*e*'], // only common pieces: every member is tested
    ['fullname', 'a*'],
    ['fullname', '*ez'],
    ['lastname', 'smi*'],
    ['firstname', '*ía'],
    ['email', '*@*'],
    ['email', '*.org'],
    ['username', 'demo_*'],
    ['username', '*_*_*'],
    ['fullname', 'ana'], // no wildcard: contains
    ['lastname', 'smith\njones'],
    ['fullname', '*h\nj*'],
  ];

  it.each(cases)('%s:%s finds exactly the members testing each one finds', async (field, value) => {
    const q = value.includes('\n') || value.includes(' ') ? `${field}:"${value}"` : `${field}:${value}`;
    expect(await found(q)).toEqual(reference(portal.org.members, field, value).sort());
  });

  it('joins patterns with OR and AND as before', async () => {
    const members = portal.org.members;
    const either = new Set([
      ...reference(members, 'lastname', 'smi*'),
      ...reference(members, 'email', '*.org'),
    ]);
    expect(await found('lastname:smi* OR email:*.org')).toEqual([...either].sort());
    const son = new Set(reference(members, 'fullname', '*son*'));
    const both = reference(members, 'firstname', 'a*').filter((u) => son.has(u));
    expect(await found('firstname:a* AND fullname:*son*')).toEqual(both.sort());
  });
});
