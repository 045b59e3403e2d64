import { beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Portal } from '../src/app.ts';
import {
  call,
  DAY,
  errorOf,
  makePortal,
  NOW,
  rawUsersSchema,
  sumSeries,
  tokenFor,
  usageSchema,
  userPageSchema,
  userSchema,
} from './helpers.ts';

let portal: Portal;
let admin: string;

beforeEach(() => {
  portal = makePortal({ members: 300 });
  admin = tokenFor(portal);
});

const statusSchema = z.object({
  demo: z.literal(true),
  orgName: z.string(),
  advancedDays: z.number(),
  now: z.number(),
  members: z.number(),
});
const actionSchema = statusSchema.extend({ success: z.literal(true) });
const addedSchema = actionSchema.extend({
  member: z.object({
    username: z.string(),
    fullName: z.string(),
    email: z.string(),
    assignedCredits: z.number(),
  }),
});
const selfSchema = z.object({
  availableCredits: z.number(),
  defaultUserCreditAssignment: z.number(),
});

/** `token` '' = send none. */
function demo(action: string, params: Record<string, string> = {}, token = admin) {
  return call(portal, `/portal/__demo/${action}`, { method: 'POST', token, params });
}

async function allUsers() {
  const users: z.infer<typeof userSchema>[] = [];
  for (let start = 1; start !== -1;) {
    const res = await call(portal, 'portals/self/users', {
      token: admin,
      params: { start: String(start), num: '100' },
    });
    const page = userPageSchema.parse(res.body);
    users.push(...page.users);
    start = page.nextStart;
  }
  return users;
}

async function balance() {
  return selfSchema.parse((await call(portal, 'portals/self', { token: admin })).body).availableCredits;
}

async function dailyUsage(startTime: number, endTime: number, params: Record<string, string> = {}) {
  const res = await call(portal, 'portals/self/usage', {
    token: admin,
    params: { startTime: String(startTime), endTime: String(endTime), period: '1d', ...params },
  });
  return usageSchema.parse(res.body);
}

describe('demo controls: status', () => {
  it('answers anonymously, outside /sharing/rest', async () => {
    const res = await call(portal, '/portal/__demo/status');
    expect(res.status).toBe(200);
    expect(statusSchema.parse(res.body)).toMatchObject({
      demo: true,
      advancedDays: 0,
      now: NOW,
      members: 300,
    });
  });

  it('reports a bad token like the REST routes (498)', async () => {
    const res = await call(portal, '/portal/__demo/status', { token: 'not-a-token' });
    expect(errorOf(res).code).toBe(498);
  });

  it('is not part of the ArcGIS API paths', async () => {
    const res = await call(portal, 'portals/self/__demo/status', { token: admin });
    expect(errorOf(res).code).toBe(400);
  });
});

describe('demo controls: advance the clock', () => {
  it('accrues 30 days of usage: the balance falls, capped members run down, all consistent', async () => {
    const before = await allUsers();
    const balanceBefore = await balance();

    const res = actionSchema.parse((await demo('advance', { days: '30' })).body);
    expect(res).toMatchObject({ advancedDays: 30, now: NOW + 30 * DAY });
    expect(statusSchema.parse((await call(portal, '/portal/__demo/status')).body).advancedDays).toBe(30);

    const balanceAfter = await balance();
    expect(balanceAfter).toBeLessThan(balanceBefore);

    const after = new Map((await allUsers()).map((u) => [u.username, u]));
    const capped = before.filter((u) => (u.assignedCredits ?? -1) >= 0);
    expect(capped.length).toBeGreaterThan(10);
    let fell = 0;
    let newlyExhausted = 0;
    for (const u of capped) {
      const now = after.get(u.username);
      expect(now?.assignedCredits).toBe(u.assignedCredits);
      const availableBefore = u.availableCredits ?? 0;
      const availableAfter = now?.availableCredits ?? 0;
      // Caps hold: never negative, never above the allocation, never up without a new allocation.
      expect(availableAfter).toBeGreaterThanOrEqual(0);
      expect(availableAfter).toBeLessThanOrEqual(availableBefore + 1e-9);
      if (availableAfter < availableBefore) fell++;
      if (availableBefore > 0 && availableAfter === 0) newlyExhausted++;
    }
    expect(fell).toBeGreaterThan(0);
    expect(newlyExhausted).toBeGreaterThan(0);
    // Uncapped members see the org balance.
    const uncapped = [...after.values()].find((u) => u.assignedCredits === -1);
    expect(uncapped?.availableCredits).toBe(balanceAfter);

    // The usage endpoint has the new days, and the fall of the balance is exactly that usage.
    const today = Math.floor(NOW / DAY) * DAY;
    const usage = await dailyUsage(today, NOW + 30 * DAY, { groupby: 'stype' });
    const perDay = new Array<number>(31).fill(0);
    for (const entry of usage.data)
      entry.credits?.forEach(([, v], i) => {
        perDay[i] = (perDay[i] ?? 0) + Number(v);
      });
    expect(perDay.slice(0, 30).every((v) => v > 0)).toBe(true);
    const accrued = perDay.reduce((s, v) => s + v, 0);
    expect(balanceBefore - balanceAfter).toBeCloseTo(accrued, 2);
  });

  it("keeps a member's fields and usage consistent: used = allocation − available", async () => {
    await demo('advance', { days: '30' });
    const users = await allUsers();
    const exhausted = users.find(
      (u) => u.assignedCredits !== undefined && u.assignedCredits > 0 && u.availableCredits === 0,
    );
    expect(exhausted).toBeDefined();
    const username = exhausted?.username ?? '';
    const start = portal.org.findMember(username)?.allocation.start ?? 0;
    const budgeted = 'geocode,spanalysis,geoenrich,tiles,notebooks,elevation,routing';
    const usage = await dailyUsage(start - DAY, NOW + 31 * DAY, {
      username,
      groupby: 'username',
      stype: budgeted,
    });
    // The ledger is per hour: the sum since the allocation start equals the allocation used up.
    const sinceStart = portal.org.memberCredits(portal.org.findMember(username)!);
    expect(sinceStart.usedCredits).toBeCloseTo(exhausted?.assignedCredits ?? 0, 3);
    const all = usage.data.reduce((s, e) => s + sumSeries(e.credits), 0);
    expect(all).toBeGreaterThanOrEqual(sinceStart.usedCredits - 1e-6);
  });

  it('accepts 1, 7 and 30 days only', async () => {
    for (const days of ['1', '7']) actionSchema.parse((await demo('advance', { days })).body);
    expect(portal.org.advancedDays).toBe(8);
    for (const days of ['0', '2', '-1', 'x', '365']) {
      const err = errorOf(await demo('advance', { days }));
      expect(err.code).toBe(400);
      expect(err.message).toContain('days');
    }
    expect(errorOf(await demo('advance')).code).toBe(400);
    expect(portal.org.advancedDays).toBe(8);
  });

  it('is POST only', async () => {
    const res = await call(portal, '/portal/__demo/advance', { token: admin, params: { days: '1' } });
    expect(errorOf(res).code).toBe(405);
    expect(portal.org.advancedDays).toBe(0);
  });
});

describe('demo controls: add a member', () => {
  it('adds a member with the current default allocation', async () => {
    const { defaultUserCreditAssignment } = selfSchema.parse(
      (await call(portal, 'portals/self', { token: admin })).body,
    );
    expect(defaultUserCreditAssignment).toBeGreaterThanOrEqual(0);
    const res = addedSchema.parse((await demo('members', { fullName: 'Ada  Lovelace' })).body);
    expect(res.member).toMatchObject({
      fullName: 'Ada Lovelace',
      assignedCredits: defaultUserCreditAssignment,
    });
    expect(res.members).toBe(301);
    const user = userSchema.parse(
      (await call(portal, `community/users/${res.member.username}`, { token: admin })).body,
    );
    expect(user).toMatchObject({
      fullName: 'Ada Lovelace',
      email: res.member.email,
      assignedCredits: defaultUserCreditAssignment,
      availableCredits: defaultUserCreditAssignment,
    });
    expect(
      userPageSchema.parse((await call(portal, 'portals/self/users', { token: admin })).body).total,
    ).toBe(301);
  });

  it('gets no limit when the default is No limit (-1), and a generated name without fullName', async () => {
    await call(portal, 'portals/self/update', {
      method: 'POST',
      token: admin,
      params: { defaultUserCreditAssignment: '-1' },
    });
    const res = addedSchema.parse((await demo('members')).body);
    expect(res.member.assignedCredits).toBe(-1);
    expect(res.member.fullName).toMatch(/\S+ \S+/);
    const user = userSchema.parse(
      (await call(portal, `community/users/${res.member.username}`, { token: admin })).body,
    );
    expect(user.assignedCredits).toBe(-1);
    expect(user.availableCredits).toBe(await balance());
  });

  it('rejects a one-word name with the envelope', async () => {
    expect(errorOf(await demo('members', { fullName: 'Cher' })).code).toBe(400);
    expect(portal.org.members).toHaveLength(300);
  });
});

describe('demo controls: access', () => {
  it('refuses members who cannot manage credits (403), and no token (499)', async () => {
    const member = tokenFor(portal, 'demo_member');
    for (const action of ['reset', 'advance', 'members']) {
      const denied = errorOf(await demo(action, { days: '1' }, member));
      expect(denied.code).toBe(403);
      const missing = errorOf(await demo(action, { days: '1' }, ''));
      expect(missing.code).toBe(499);
      const bad = errorOf(await demo(action, { days: '1' }, 'expired-or-invalid'));
      expect(bad.code).toBe(498);
    }
    expect(portal.org.advancedDays).toBe(0);
    expect(portal.org.members).toHaveLength(300);
  });

  it('lets a credit manager (not an org admin) use them, with a Bearer header', async () => {
    const credits = tokenFor(portal, 'demo_credits');
    const res = await call(portal, '/portal/__demo/advance', {
      method: 'POST',
      params: { days: '1' },
      headers: { Authorization: `Bearer ${credits}` },
    });
    expect(actionSchema.parse(res.body).advancedDays).toBe(1);
  });
});

describe('demo controls: reset', () => {
  it('drops every change and rewinds the clock', async () => {
    const balanceBefore = await balance();
    await demo('advance', { days: '30' });
    await demo('members', { fullName: 'Grace Hopper' });
    const res = actionSchema.parse((await demo('reset')).body);
    expect(res).toMatchObject({ advancedDays: 0, now: NOW, members: 300 });
    expect(await balance()).toBe(balanceBefore);
    const raw = rawUsersSchema.parse(
      (await call(portal, 'portals/self/users', { token: admin, params: { num: '100' } })).body,
    );
    expect(raw.users.some((u) => u.fullName === 'Grace Hopper')).toBe(false);
  });
});
