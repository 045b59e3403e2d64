import { describe, expect, it } from 'vitest';
import { MAX_QUERY_LENGTH, MAX_QUERY_TERMS, MAX_QUERY_USERNAMES } from '../src/model/user-query.ts';
import { call, errorOf, makePortal, tokenFor } from './helpers.ts';

/** `users/search` is bounded: oversized queries are refused, long ones share the event loop. */

const portal = makePortal();
const member = tokenFor(portal, 'demo_member');

function search(q: string, extra: Record<string, string> = {}) {
  return call(portal, 'portals/self/users/search', { token: member, params: { q, num: '10', ...extra } });
}

describe('users/search bounds', () => {
  it(`refuses a q longer than ${MAX_QUERY_LENGTH} characters with a 400 naming the limit`, async () => {
    const result = await search('smith '.repeat(4000));
    const error = errorOf(result);
    expect(error.code).toBe(400);
    expect(error.message).toContain(`at most ${MAX_QUERY_LENGTH}`);
    expect(error.message).toContain("'q'");
  });

  it(`refuses more than ${MAX_QUERY_TERMS} terms, in q or in filter`, async () => {
    const words = Array.from({ length: MAX_QUERY_TERMS + 1 }, (_, i) => `w${i}`).join(' ');
    expect(words.length).toBeLessThan(MAX_QUERY_LENGTH);
    const error = errorOf(await search(words));
    expect(error.code).toBe(400);
    expect(error.message).toContain(`at most ${MAX_QUERY_TERMS} are allowed`);
    expect(errorOf(await search('demo', { filter: words })).message).toContain("'filter'");
  });

  it(`answers a query of exactly ${MAX_QUERY_TERMS} terms`, async () => {
    const names = Array.from({ length: MAX_QUERY_TERMS }, (_, i) =>
      i === 0 ? 'username:demo_member' : `username:nobody${i}`,
    );
    const result = await search(names.join(' OR '));
    expect(result.body).toMatchObject({ total: 1, results: [{ username: 'demo_member' }] });
  });

  it(`answers up to ${MAX_QUERY_USERNAMES} exact usernames in one query (a client re-reading what it changed)`, async () => {
    const names = Array.from({ length: MAX_QUERY_USERNAMES }, (_, i) =>
      i === 7 ? 'username:"demo_member"' : `username:"nobody_${i}"`,
    );
    const result = await search(names.join(' OR '));
    expect(result.body).toMatchObject({ total: 1, results: [{ username: 'demo_member' }] });
    const tooMany = errorOf(await search([...names, 'username:"one_more"'].join(' OR ')));
    expect(tooMany.code).toBe(400);
    expect(tooMany.message).toContain(`at most ${MAX_QUERY_USERNAMES} are allowed`);
  });

  it('counts a username with a wildcard as a scanning term', async () => {
    const words = Array.from({ length: MAX_QUERY_TERMS + 1 }, (_, i) => `username:n${i}*`).join(' OR ');
    expect(errorOf(await search(words)).message).toContain(`at most ${MAX_QUERY_TERMS} are allowed`);
  });

  it('pages through the matches of a query consistently', async () => {
    const first = (await search('e', { num: '50', start: '1' })).body as {
      total: number;
      results: { username: string }[];
    };
    const second = (await search('e', { num: '50', start: '51' })).body as {
      total: number;
      results: { username: string }[];
    };
    expect(first.total).toBeGreaterThan(100);
    expect(second.total).toBe(first.total);
    const seen = new Set(first.results.map((u) => u.username));
    expect(second.results.some((u) => seen.has(u.username))).toBe(false);
  });

  it('a long search lets other requests through while it runs', async () => {
    const big = makePortal({ members: 20_000 });
    const token = tokenFor(big, 'demo_member');
    // Many distinct wildcard terms: each one is a scan of every member.
    const q = Array.from(
      { length: MAX_QUERY_TERMS },
      (_, i) => `fullname:*${String.fromCharCode(97 + (i % 26))}*${i % 10}*`,
    ).join(' OR ');
    const finished: string[] = [];
    const searching = call(big, 'portals/self/users/search', { token, params: { q, num: '10' } }).then(
      (r) => {
        finished.push('search');
        return r;
      },
    );
    // Let the search start before asking for /info.
    await new Promise((r) => setImmediate(r));
    const info = await call(big, 'info');
    finished.push('info');
    expect(info.status).toBe(200);
    const result = await searching;
    expect(result.body).toMatchObject({ total: 0 });
    expect(finished).toEqual(['info', 'search']);
  });

  it('a member added after the indexes were built is searched and sorted in place', async () => {
    const org = makePortal().org;
    const page = { start: 1, num: 10_000, sortOrder: 'asc' as const };
    // Build the indexes (username and full-name orders, text) before adding.
    await org.searchMembers({ ...page, q: 'e', sortField: 'username' });
    await org.searchMembers({ ...page, q: 'e', sortField: 'fullname' });
    org.addMember({ username: 'mm_zebra_late', firstName: 'Quintus', lastName: 'Zzyzx' });
    const byName = await org.searchMembers({ ...page, q: '', sortField: 'username' });
    const names = byName.members.map((u) => u.username.toLowerCase());
    expect(names).toContain('mm_zebra_late');
    expect(names).toEqual([...names].sort());
    const byFullName = await org.searchMembers({ ...page, q: '', sortField: 'fullname' });
    const fullNames = byFullName.members.map((u) => u.fullName.toLowerCase());
    expect(fullNames).toEqual([...fullNames].sort());
    const found = await org.searchMembers({ ...page, q: 'zzyzx', sortField: 'username' });
    expect(found.members.map((u) => u.username)).toEqual(['mm_zebra_late']);
  });

  it('pages through a whole query in either order: every match once, in order, and a later member too', async () => {
    const org = makePortal().org;
    const pages = async (q: string, sortField: 'lastlogin' | 'fullname', sortOrder: 'asc' | 'desc') => {
      const seen: string[] = [];
      let total = 0;
      for (let start = 1; ; start += 100) {
        const page = await org.searchMembers({ start, num: 100, sortField, sortOrder, q });
        total = page.total;
        seen.push(...page.members.map((m) => m.username));
        if (page.members.length < 100) break;
      }
      return { total, seen };
    };
    const asc = await pages('*', 'lastlogin', 'asc');
    expect(asc.total).toBe(org.members.length);
    expect(new Set(asc.seen).size).toBe(asc.seen.length);
    expect(asc.seen).toHaveLength(asc.total);
    const logins = asc.seen.map((u) => org.findMember(u)!.lastLogin);
    expect(logins).toEqual([...logins].sort((a, b) => a - b));
    const desc = await pages('*', 'lastlogin', 'desc');
    expect(desc.seen).toEqual([...asc.seen].reverse());

    const before = await pages('an', 'fullname', 'asc');
    expect(before.total).toBeLessThan(org.members.length);
    org.addMember({ username: 'ee_paged_late', firstName: 'Eve', lastName: 'Panwell' });
    const after = await pages('an', 'fullname', 'asc');
    expect(after.total).toBe(before.total + 1);
    expect(after.seen).toContain('ee_paged_late');
    const fullNames = after.seen.map((u) => org.findMember(u)!.fullName.toLowerCase());
    expect(fullNames).toEqual([...fullNames].sort());
  });
});
