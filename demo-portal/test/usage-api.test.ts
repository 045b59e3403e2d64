import { beforeAll, describe, expect, it } from 'vitest';
import type { Portal } from '../src/app.ts';
import {
  call,
  DAY,
  errorOf,
  makePortal,
  NOW,
  sumSeries,
  tokenFor,
  usageSchema,
  userSchema,
} from './helpers.ts';

let portal: Portal;
let admin: string;

beforeAll(() => {
  portal = makePortal({ members: 1500 });
  admin = tokenFor(portal);
});

async function usage(params: Record<string, string>, method = 'GET') {
  const res = await call(portal, 'portals/self/usage', { method, token: admin, params });
  return usageSchema.parse(res.body);
}

const total = (u: { data: { credits?: [string, string][] }[] }) =>
  u.data.reduce((s, e) => s + sumSeries(e.credits), 0);

describe('usage', () => {
  it('returns string series per stype/etype, zero buckets included (GET and POST)', async () => {
    const startTime = NOW - 30 * DAY;
    for (const method of ['GET', 'POST']) {
      const u = await usage(
        {
          startTime: String(startTime),
          endTime: String(NOW),
          period: '1d',
          vars: 'credits,num',
          groupby: 'stype,etype',
        },
        method,
      );
      expect(u).toMatchObject({ startTime, endTime: NOW, period: '1d' });
      expect(u.data.length).toBeGreaterThan(3);
      for (const entry of u.data) {
        expect(entry.etype).toBe('svcusg');
        expect(entry.stype).toMatch(
          /^(geocode|spanalysis|geoenrich|tiles|notebooks|elevation|routing|storage)$/,
        );
        expect(entry.credits).toHaveLength(31);
        expect(entry.num).toHaveLength(31);
        expect(entry.credits?.[0]?.[0]).toBe(String(Math.floor(startTime / DAY) * DAY));
      }
      // Storage is charged at 00:00 every day: the first bucket starts before startTime (15:30)
      // so its charge is outside the range; the seed's history ends yesterday, so today is zero.
      const storage = u.data.find((e) => e.stype === 'storage');
      expect(storage?.credits?.[0]?.[1]).toBe('0');
      expect(storage?.credits?.slice(1, 30).every(([, v]) => Number(v) > 0)).toBe(true);
      expect(storage?.credits?.[30]?.[1]).toBe('0');
    }
  });

  it('empty groupby gives one total entry; buckets align per period; totals agree across periods', async () => {
    const startTime = Date.UTC(2026, 0, 15, 10, 20);
    const endTime = Date.UTC(2026, 3, 10, 6, 0);
    const day = await usage({
      startTime: String(startTime),
      endTime: String(endTime),
      period: '1d',
      vars: 'credits',
    });
    expect(day.data).toHaveLength(1);
    expect(day.data[0]).not.toHaveProperty('stype');
    expect(day.data[0]?.credits?.[0]?.[0]).toBe(String(Date.UTC(2026, 0, 15)));
    const week = await usage({
      startTime: String(startTime),
      endTime: String(endTime),
      period: '1w',
      vars: 'credits',
    });
    const weekStarts = week.data[0]?.credits?.map(([t]) => Number(t)) ?? [];
    expect(weekStarts[0]).toBe(Date.UTC(2026, 0, 15));
    expect(weekStarts[1]).toBe(Date.UTC(2026, 0, 22));
    const month = await usage({
      startTime: String(startTime),
      endTime: String(endTime),
      period: '1m',
      vars: 'credits',
    });
    expect(month.data[0]?.credits?.map(([t]) => Number(t))).toEqual([
      Date.UTC(2026, 0, 1),
      Date.UTC(2026, 1, 1),
      Date.UTC(2026, 2, 1),
      Date.UTC(2026, 3, 1),
    ]);
    expect(total(week)).toBeCloseTo(total(day), 6);
    expect(total(month)).toBeCloseTo(total(day), 6);
    const hours = await usage({
      startTime: String(Date.UTC(2026, 2, 3, 5, 30)),
      endTime: String(Date.UTC(2026, 2, 5, 5, 30)),
      period: '1h',
      vars: 'credits,num',
    });
    const hourStarts = hours.data[0]?.credits?.map(([t]) => Number(t)) ?? [];
    expect(hourStarts).toHaveLength(49);
    expect(hourStarts[0]).toBe(Date.UTC(2026, 2, 3, 5));
    expect(hourStarts[1]! - hourStarts[0]!).toBe(3_600_000);
  });

  it('groups by username with userOrgId, filters by username/stype and accepts case-insensitive names', async () => {
    const range = { startTime: String(NOW - 90 * DAY), endTime: String(NOW), period: '1w' };
    const byUser = await usage({ ...range, vars: 'credits', groupby: 'username,userorgid' });
    const members = byUser.data.filter((e) => e.username !== undefined);
    expect(members.length).toBeGreaterThan(100);
    expect(members.every((e) => e.userOrgId === portal.org.identity.id)).toBe(true);
    // Org-level storage has no user.
    expect(byUser.data.filter((e) => e.username === undefined)).toHaveLength(1);
    const top = [...members].sort((a, b) => sumSeries(b.credits) - sumSeries(a.credits))[0];
    const one = await usage({
      ...range,
      vars: 'credits,num',
      groupby: 'sType,eType',
      userName: top?.username ?? '',
    });
    expect(total(one)).toBeCloseTo(sumSeries(top?.credits), 6);
    expect(one.data.every((e) => e.stype !== 'storage')).toBe(true);
    const geocode = await usage({ ...range, vars: 'credits', groupby: 'stype', sType: 'geocode' });
    expect(geocode.data.map((e) => e.stype)).toEqual(['geocode']);
    const none = await usage({ ...range, vars: 'credits', groupby: 'stype', etype: 'other' });
    expect(none.data).toEqual([]);
    const orgOnly = await usage({ ...range, vars: 'credits', groupby: 'userorgid' });
    expect(orgOnly.data.filter((e) => e.userOrgId === portal.org.identity.id)).toHaveLength(1);
  });

  it("agrees with members' used credits (assigned − available = budgeted usage since the allocation start)", async () => {
    const capped = portal.org.members.filter(
      (m) => m.allocation.cap > 0 && portal.org.memberCredits(m).usedCredits > 0,
    );
    expect(capped.length).toBeGreaterThan(20);
    for (const m of capped.slice(0, 25)) {
      const u = userSchema.parse(
        (await call(portal, `community/users/${m.username}`, { token: admin })).body,
      );
      const used = (u.assignedCredits ?? 0) - (u.availableCredits ?? 0);
      const series = await usage({
        startTime: String(m.allocation.start),
        endTime: String(NOW),
        period: '1d',
        vars: 'credits',
        username: m.username,
      });
      expect(total(series)).toBeCloseTo(used, 6);
    }
  });

  it('validates its parameters', async () => {
    const base = { startTime: String(NOW - DAY), endTime: String(NOW), period: '1h' };
    const bad: [Record<string, string>, RegExp][] = [
      [{ ...base, startTime: '' }, /startTime/],
      [{ ...base, endTime: 'soon' }, /endTime/],
      [{ ...base, startTime: String(NOW), endTime: String(NOW - DAY) }, /startTime/],
      [{ ...base, period: '' }, /period/],
      [{ ...base, period: '2d' }, /period/],
      [{ ...base, startTime: String(NOW - 60 * DAY) }, /1000 buckets/],
    ];
    for (const [params, message] of bad) {
      const err = errorOf(await call(portal, 'portals/self/usage', { token: admin, params }));
      expect(err.code).toBe(400);
      expect(err.message).toMatch(message);
    }
    expect(errorOf(await call(portal, 'portals/self/usage', { params: base })).code).toBe(499);
    expect(
      errorOf(
        await call(portal, 'portals/self/usage', { token: tokenFor(portal, 'demo_member'), params: base }),
      ).code,
    ).toBe(403);
  });
});
