import { beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Portal } from '../src/app.ts';
import { call, errorOf, makePortal, NOW, tokenFor, userSchema } from './helpers.ts';

let portal: Portal;
let admin: string;

beforeEach(() => {
  portal = makePortal();
  admin = tokenFor(portal);
});

const assignResult = z.object({ success: z.literal(true), notAssignedUsers: z.array(z.string()) });
const unassignResult = z.object({ success: z.literal(true), notUnAssignedUsers: z.array(z.string()) });
const selfSchema = z.object({
  availableCredits: z.number(),
  creditAssignments: z.enum(['enabled', 'disabled']),
  defaultUserCreditAssignment: z.number(),
});

async function assign(userAssignments: string, token = admin) {
  return call(portal, 'portals/self/assignUserCredits', {
    method: 'POST',
    token,
    params: { userAssignments },
  });
}

async function user(username: string) {
  return userSchema.parse((await call(portal, `community/users/${username}`, { token: admin })).body);
}

function someUsernames(n: number): string[] {
  return portal.org.members.slice(3, 3 + n).map((m) => m.username);
}

describe('assignUserCredits', () => {
  it('assigns, starting a new allocation period (decimals allowed)', async () => {
    const [a, b] = someUsernames(2);
    const res = assignResult.parse(
      (
        await assign(
          JSON.stringify([
            { username: 'demo_member', credits: 250 },
            { username: a, credits: 12.5 },
            { username: b, credits: 0 },
          ]),
        )
      ).body,
    );
    expect(res.notAssignedUsers).toEqual([]);
    expect(await user('demo_member')).toMatchObject({ assignedCredits: 250, availableCredits: 250 });
    expect(await user(a ?? '')).toMatchObject({ assignedCredits: 12.5, availableCredits: 12.5 });
    expect(await user(b ?? '')).toMatchObject({ assignedCredits: 0, availableCredits: 0 });
    expect(portal.org.findMember('demo_member')?.allocation.start).toBe(NOW);
  });

  it('accepts the org id path, a single object and numeric strings; -1 means no limit', async () => {
    const id = portal.org.identity.id;
    const res = await call(portal, `portals/${id}/assignUserCredits`, {
      method: 'POST',
      token: admin,
      params: { userAssignments: JSON.stringify({ username: 'demo_member', credits: '75' }) },
    });
    expect(assignResult.parse(res.body).notAssignedUsers).toEqual([]);
    expect((await user('demo_member')).assignedCredits).toBe(75);
    assignResult.parse((await assign(JSON.stringify([{ username: 'demo_member', credits: -1 }]))).body);
    expect((await user('demo_member')).assignedCredits).toBe(-1);
  });

  it('reports unknown members in notAssignedUsers and applies the rest', async () => {
    const res = assignResult.parse(
      (
        await assign(
          JSON.stringify([
            { username: 'ghost_1', credits: 5 },
            { username: 'demo_member', credits: 40 },
            { username: 'ghost_2', credits: 5 },
          ]),
        )
      ).body,
    );
    expect(res.notAssignedUsers).toEqual(['ghost_1', 'ghost_2']);
    expect((await user('demo_member')).assignedCredits).toBe(40);
  });

  it('rejects the whole batch for bad input, naming userAssignments and the entry', async () => {
    const before = portal.org.findMember('demo_member')?.allocation;
    const cases: [string, RegExp][] = [
      [
        JSON.stringify(someUsernames(101).map((username) => ({ username, credits: 1 }))),
        /userAssignments.*101.*100/,
      ],
      [
        JSON.stringify([
          { username: 'demo_member', credits: 5 },
          { username: 'demo_admin', credits: -5 },
        ]),
        /userAssignments.*entry 2.*demo_admin/,
      ],
      [
        JSON.stringify([
          { username: 'demo_member', credits: 5 },
          { username: 'demo_admin', credits: 'lots' },
        ]),
        /userAssignments.*entry 2.*demo_admin/,
      ],
      [JSON.stringify([{ username: 'demo_member', credits: 'NaN' }]), /userAssignments.*entry 1/],
      [JSON.stringify([{ username: 'demo_member', credits: 'Infinity' }]), /userAssignments.*entry 1/],
      [JSON.stringify([{ username: 'demo_member', credits: '1e999' }]), /userAssignments.*entry 1/],
      [JSON.stringify([{ username: 'demo_member' }]), /userAssignments.*entry 1/],
      [JSON.stringify([{ username: 'demo_member', credits: null }]), /userAssignments.*entry 1/],
      ['[{"username":"demo_member","credits":5}', /userAssignments.*JSON/],
      ['[]', /userAssignments/],
    ];
    for (const [body, message] of cases) {
      const err = errorOf(await assign(body));
      expect(err.code).toBe(400);
      expect(err.message).toMatch(message);
    }
    expect(
      errorOf(await call(portal, 'portals/self/assignUserCredits', { method: 'POST', token: admin })).message,
    ).toMatch(/userAssignments/);
    expect(portal.org.findMember('demo_member')?.allocation).toEqual(before);
  });

  it('is POST only (GET → 405 envelope)', async () => {
    const res = await call(portal, 'portals/self/assignUserCredits', {
      token: admin,
      params: { userAssignments: '[]' },
    });
    expect(res.status).toBe(200);
    expect(errorOf(res)).toEqual({ code: 405, message: 'Method not supported.', details: [] });
  });

  it('needs a valid admin token', async () => {
    const body = JSON.stringify([{ username: 'demo_member', credits: 5 }]);
    expect(
      errorOf(
        await call(portal, 'portals/self/assignUserCredits', {
          method: 'POST',
          params: { userAssignments: body },
        }),
      ).code,
    ).toBe(499);
    expect(errorOf(await assign(body, 'bogus')).code).toBe(498);
    expect(errorOf(await assign(body, tokenFor(portal, 'demo_member'))).code).toBe(403);
    // The custom "Credit manager" role has manageCredits.
    expect(assignResult.parse((await assign(body, tokenFor(portal, 'demo_credits'))).body).success).toBe(
      true,
    );
  });

  it('is refused while budgeting is disabled', async () => {
    await call(portal, 'portals/self/update', {
      method: 'POST',
      token: admin,
      params: { creditAssignments: 'disabled' },
    });
    const err = errorOf(await assign(JSON.stringify([{ username: 'demo_member', credits: 5 }])));
    expect(err.code).toBe(400);
    expect(err.message).toMatch(/budgeting is not enabled/);
  });
});

describe('unassignUserCredits', () => {
  it('makes members "no limit" from a JSON array or a comma list', async () => {
    const [a, b, c] = someUsernames(3);
    await assign(JSON.stringify([a, b, c, 'demo_member'].map((username) => ({ username, credits: 10 }))));
    const json = unassignResult.parse(
      (
        await call(portal, 'portals/self/unassignUserCredits', {
          method: 'POST',
          token: admin,
          params: { usernames: JSON.stringify([a, 'ghost']) },
        })
      ).body,
    );
    expect(json.notUnAssignedUsers).toEqual(['ghost']);
    const comma = unassignResult.parse(
      (
        await call(portal, 'portals/self/unassignUserCredits', {
          method: 'POST',
          token: admin,
          params: { usernames: `${b}, ${c}` },
        })
      ).body,
    );
    expect(comma.notUnAssignedUsers).toEqual([]);
    const self = selfSchema.parse((await call(portal, 'portals/self', { token: admin })).body);
    for (const u of [a, b, c])
      expect(await user(u ?? '')).toMatchObject({
        assignedCredits: -1,
        availableCredits: self.availableCredits,
      });
    expect((await user('demo_member')).assignedCredits).toBe(10);
  });

  it('rejects > 100, malformed lists, GET and a disabled budget', async () => {
    const tooMany = errorOf(
      await call(portal, 'portals/self/unassignUserCredits', {
        method: 'POST',
        token: admin,
        params: { usernames: someUsernames(101).join(',') },
      }),
    );
    expect(tooMany).toMatchObject({ code: 400 });
    expect(tooMany.message).toMatch(/usernames.*100/);
    expect(
      errorOf(
        await call(portal, 'portals/self/unassignUserCredits', {
          method: 'POST',
          token: admin,
          params: { usernames: '["a",' },
        }),
      ).message,
    ).toMatch(/usernames/);
    expect(
      errorOf(await call(portal, 'portals/self/unassignUserCredits', { method: 'POST', token: admin }))
        .message,
    ).toMatch(/usernames/);
    expect(
      errorOf(
        await call(portal, 'portals/self/unassignUserCredits', {
          token: admin,
          params: { usernames: 'demo_member' },
        }),
      ).code,
    ).toBe(405);
    await call(portal, 'portals/self/update', {
      method: 'POST',
      token: admin,
      params: { creditAssignments: 'disabled' },
    });
    expect(
      errorOf(
        await call(portal, 'portals/self/unassignUserCredits', {
          method: 'POST',
          token: admin,
          params: { usernames: 'demo_member' },
        }),
      ).message,
    ).toMatch(/budgeting is not enabled/);
  });
});

describe('update (org settings)', () => {
  const update = (params: Record<string, string>) =>
    call(portal, 'portals/self/update', { method: 'POST', token: admin, params });
  const self = async () => selfSchema.parse((await call(portal, 'portals/self', { token: admin })).body);

  it('disables and re-enables budgeting; allocations are kept and member fields hidden while off', async () => {
    await assign(JSON.stringify([{ username: 'demo_member', credits: 33 }]));
    expect(
      z.object({ success: z.literal(true) }).parse((await update({ creditAssignments: 'disabled' })).body)
        .success,
    ).toBe(true);
    expect((await self()).creditAssignments).toBe('disabled');
    const off = z
      .record(z.string(), z.unknown())
      .parse((await call(portal, 'community/users/demo_member', { token: admin })).body);
    expect(off).not.toHaveProperty('assignedCredits');
    expect(off).not.toHaveProperty('availableCredits');
    await update({ creditAssignments: 'enabled' });
    expect((await self()).creditAssignments).toBe('enabled');
    expect((await user('demo_member')).assignedCredits).toBe(33);
  });

  it('sets the default allocation (number ≥ 0 or -1) for members who join later', async () => {
    await update({ defaultUserCreditAssignment: '0' });
    expect((await self()).defaultUserCreditAssignment).toBe(0);
    expect(portal.org.addMember({ username: 'zero_default' }).allocation.cap).toBe(0);
    await update({ defaultUserCreditAssignment: '-1' });
    expect((await self()).defaultUserCreditAssignment).toBe(-1);
    expect(portal.org.addMember({ username: 'no_limit_default' }).allocation.cap).toBe(-1);
    await update({ defaultUserCreditAssignment: '42.5' });
    expect((await self()).defaultUserCreditAssignment).toBe(42.5);
  });

  it('rejects bad values, naming the parameter, and applies nothing', async () => {
    for (const value of ['-5', 'abc', 'NaN', '']) {
      const res = await update({ defaultUserCreditAssignment: value, creditAssignments: 'disabled' });
      if (value === '') continue; // empty = not sent
      expect(errorOf(res)).toMatchObject({ code: 400 });
      expect(errorOf(res).message).toMatch(/defaultUserCreditAssignment/);
    }
    expect(errorOf(await update({ creditAssignments: 'maybe' })).message).toMatch(/creditAssignments/);
    expect(
      errorOf(
        await call(portal, 'portals/self/update', {
          token: admin,
          params: { creditAssignments: 'disabled' },
        }),
      ).code,
    ).toBe(405);
  });

  it('refuses to enable budgeting while the balance is ≤ 0', async () => {
    await update({ creditAssignments: 'disabled' });
    portal.org.setAvailableCredits(0);
    expect((await self()).availableCredits).toBe(0);
    const err = errorOf(await update({ creditAssignments: 'enabled' }));
    expect(err.code).toBe(400);
    expect(err.message).toMatch(/available credits/);
    portal.org.setAvailableCredits(-250.5);
    expect((await self()).availableCredits).toBe(-250.5);
    expect(errorOf(await update({ creditAssignments: 'enabled' })).code).toBe(400);
    portal.org.setAvailableCredits(10);
    expect(
      z.object({ success: z.literal(true) }).parse((await update({ creditAssignments: 'enabled' })).body)
        .success,
    ).toBe(true);
  });
});
