import { describe, expect, it } from 'vitest';
import type { Portal } from '../src/app.ts';
import type { Member } from '../src/model/member.ts';
import { writeDecimal } from '../src/routes/usage-json.ts';
import { listedUserView, pageFields } from '../src/routes/views.ts';
import { call, makePortal, tokenFor } from './helpers.ts';

/**
 * Member pages are written as bytes from text kept per member (see routes/member-pages.ts); they
 * must stay exactly what the object view serialises to, and what is kept must never outlive the
 * member it was written for.
 */

/** The page text the object view gives (keys, order and values), for comparison. */
function expectedPage(portal: Portal, caller: Member, q: string, start: number, num: number) {
  const all = [...portal.org.members].sort((a, b) =>
    a.usernameLc < b.usernameLc ? -1 : a.usernameLc > b.usernameLc ? 1 : 0,
  );
  const members = all.slice(start - 1, start - 1 + num);
  return JSON.stringify({
    query: q,
    ...pageFields({ start, num, sortField: 'username', sortOrder: 'asc' }, all.length),
    results: members.map((m) => listedUserView(portal.org, m, caller)),
  });
}

async function searchText(portal: Portal, token: string, start: number, num = 100) {
  const r = await call(portal, 'portals/self/users/search', {
    token,
    params: { q: '*', start: String(start), num: String(num) },
  });
  expect(r.status).toBe(200);
  return r.text;
}

function userOnPage(text: string, username: string): Record<string, unknown> {
  const page = JSON.parse(text) as { results: Record<string, unknown>[] };
  const user = page.results.find((u) => u.username === username);
  if (!user) throw new Error(`${username} is not on the page`);
  return user;
}

describe('member pages written from kept text', () => {
  it('are byte for byte what the object view serialises to, for every member and caller', async () => {
    const portal = makePortal();
    // Names that need escaping and non-ASCII letters, and a custom role.
    portal.org.addMember({ username: 'zz_quote', firstName: 'Zoë "Z"', lastName: 'O\\Brien\u2028' });
    portal.org.addMember({ username: 'zz_role', roleId: 'cRdtMgr0000000001', role: 'org_publisher' });
    const total = portal.org.members.length;
    for (const username of ['demo_admin', 'demo_member']) {
      const caller = portal.org.findMember(username)!;
      const token = tokenFor(portal, username);
      for (let start = 1; start <= total; start += 100) {
        expect(await searchText(portal, token, start)).toBe(expectedPage(portal, caller, '*', start, 100));
      }
    }
    // Without budgeting, no credits are shown.
    portal.org.updateSettings({ creditAssignments: 'disabled' });
    const admin = portal.org.findMember('demo_admin')!;
    const text = await searchText(portal, tokenFor(portal), 501);
    expect(text).toBe(expectedPage(portal, admin, '*', 501, 100));
    expect(text).not.toContain('assignedCredits');
  });

  it('serve a member changed once their allocation changes (credits are never kept)', async () => {
    const portal = makePortal();
    const token = tokenFor(portal);
    const first = await searchText(portal, token, 1);
    const someone = (JSON.parse(first) as { results: { username: string }[] }).results[7]!.username;
    expect(userOnPage(first, someone).assignedCredits).not.toBe(4321);

    portal.org.assign([{ username: someone, credits: 4321 }]);
    const again = await searchText(portal, token, 1);
    expect(userOnPage(again, someone)).toMatchObject({ assignedCredits: 4321, availableCredits: 4321 });

    portal.org.unassign([someone]);
    expect(userOnPage(await searchText(portal, token, 1), someone).assignedCredits).toBe(-1);
  });

  it('serve the member now at an index, not the one kept from before a reset', async () => {
    const portal = makePortal();
    const token = tokenFor(portal);
    portal.org.addMember({ username: 'zz_before', firstName: 'Before', lastName: 'Reset' });
    const before = await searchText(portal, token, 601);
    expect(userOnPage(before, 'zz_before').fullName).toBe('Before Reset');

    portal.org.resetToSeed();
    const added = portal.org.addMember({ username: 'zz_after', firstName: 'After', lastName: 'Reset' });
    expect(added.index).toBe(600); // the same index the member before the reset had
    const after = await searchText(portal, tokenFor(portal), 601);
    expect(after).not.toContain('zz_before');
    expect(userOnPage(after, 'zz_after')).toMatchObject({ fullName: 'After Reset', id: added.id });
  });
});

describe('usage values written as digits', () => {
  it('print exactly as JavaScript prints v / 1000 and v', () => {
    const values = [1, 9, 10, 99, 100, 999, 1000, 1001, 1010, 1100, 12_345, 100_000, 999_999_999_999_999];
    let x = 12_345;
    for (let i = 0; i < 20_000; i++) {
      x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
      values.push((x % 10 ** ((i % 15) + 1)) + 1);
    }
    const buf = Buffer.alloc(64);
    for (const v of values) {
      for (const divisor of [1, 1000] as const) {
        const end = writeDecimal(buf, 0, v, divisor);
        expect(buf.toString('latin1', 0, end)).toBe(`${v / divisor}`);
      }
    }
  });
});
