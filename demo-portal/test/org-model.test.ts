import { describe, expect, it } from 'vitest';
import { MANAGE_CREDITS, canManageCredits } from '../src/auth/accounts.ts';
import { OrgModel } from '../src/model/org.ts';
import { HISTORY_DAYS } from '../src/model/seed.ts';
import { createPortal } from '../src/app.ts';
import { DAY, NOW } from './helpers.ts';

function model(members = 600, seed = 1, now = NOW) {
  return new OrgModel({ members, seed, now: () => now });
}

describe('seeded org', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = model();
    const b = model();
    const c = model(600, 2);
    expect(a.members.map((m) => m.username)).toEqual(b.members.map((m) => m.username));
    expect(a.members.map((m) => m.allocation)).toEqual(b.members.map((m) => m.allocation));
    expect(a.availableCredits).toBe(b.availableCredits);
    const range = {
      startTime: NOW - 90 * DAY,
      endTime: NOW,
      period: '1w' as const,
      vars: ['credits', 'num'],
      groupby: ['username'],
    };
    expect(a.usage(range)).toEqual(b.usage(range));
    expect(c.members.slice(3).map((m) => m.username)).not.toEqual(a.members.slice(3).map((m) => m.username));
    expect(c.availableCredits).not.toBe(a.availableCredits);
    expect(c.identity.id).not.toBe(a.identity.id);
  });

  it('keeps the same shape relative to "today" when built on another day', () => {
    const today = model(600, 1, NOW);
    const later = model(600, 1, NOW + 3 * DAY);
    expect(later.members.map((m) => m.username)).toEqual(today.members.map((m) => m.username));
    expect(later.availableCredits).toBeGreaterThan(0);
  });

  // How fast it is built is a budget of `npm run bench` (start-up of the 50,000-member org).
  it('builds 50,000 members with unique usernames and emails', () => {
    const portal = createPortal({ members: 50_000, now: () => NOW, faults: [] });
    expect(portal.org.members).toHaveLength(50_000);
    expect(new Set(portal.org.members.map((m) => m.username.toLowerCase())).size).toBe(50_000);
    expect(new Set(portal.org.members.map((m) => m.email.toLowerCase())).size).toBe(50_000);
  });

  it('has the three demo accounts with fixed roles and the demo password', () => {
    const org = model();
    const [admin, credits, member] = ['demo_admin', 'demo_credits', 'demo_member'].map((u) =>
      org.findMember(u),
    );
    expect(admin?.index).toBe(0);
    expect(admin?.role).toBe('org_admin');
    expect(admin?.userLicenseTypeId).toBe('creatorUT');
    expect(admin?.privileges).toContain(MANAGE_CREDITS);
    expect(credits?.role).toBe('org_publisher');
    expect(credits?.roleId).toBe('cRdtMgr0000000001');
    expect(credits?.privileges).toEqual(expect.arrayContaining([MANAGE_CREDITS, 'portal:admin:viewUsers']));
    expect(member?.role).toBe('org_user');
    expect(member && canManageCredits(member)).toBe(false);
    for (const u of ['demo_admin', 'demo_credits', 'demo_member'])
      expect(org.verifyPassword(u, 'demo1234')).toBe(true);
    expect(org.verifyPassword('demo_admin', 'wrong')).toBe(false);
    expect(org.verifyPassword(org.members[10]?.username ?? '', 'demo1234')).toBe(false);
    expect(org.getAccount('DEMO_ADMIN')?.username).toBe('demo_admin');
    expect(org.getAccount('nobody')).toBeUndefined();
  });

  it('has realistic members, roles, user types and allocations', () => {
    const org = model(2500);
    const ms = org.members;
    const share = (p: (m: (typeof ms)[number]) => boolean) => ms.filter(p).length / ms.length;
    expect(share((m) => m.role === 'org_admin')).toBeGreaterThan(0.015);
    expect(share((m) => m.role === 'org_admin')).toBeLessThan(0.05);
    expect(share((m) => m.role === 'org_publisher' && !m.roleId)).toBeGreaterThan(0.1);
    expect(share((m) => m.roleId === 'cRdtMgr0000000001')).toBeGreaterThan(0.004);
    expect(share((m) => m.lastLogin === -1)).toBeGreaterThan(0.04);
    for (const m of ms) {
      expect(m.level).toBe(m.userLicenseTypeId === 'viewerUT' ? '1' : '2');
      expect(m.email).toMatch(/^[a-z0-9.]+@riverbend-county\.example$/);
      expect(m.created).toBeLessThan(NOW);
      if (m.lastLogin !== -1) expect(m.lastLogin).toBeGreaterThanOrEqual(m.created);
    }
    const capped = ms.filter((m) => m.allocation.cap >= 0);
    expect(capped.length / ms.length).toBeGreaterThan(0.35);
    expect(capped.length / ms.length).toBeLessThan(0.55);
    let atRisk = 0;
    let exhausted = 0;
    for (const m of capped) {
      const c = org.memberCredits(m);
      expect(c.usedCredits).toBeLessThanOrEqual(m.allocation.cap + 1e-9);
      if (c.availableCredits === 0) exhausted++;
      else if (c.usedCredits / m.allocation.cap >= 0.8) atRisk++;
    }
    expect(atRisk / capped.length).toBeGreaterThan(0.05);
    expect(atRisk / capped.length).toBeLessThan(0.2);
    expect(exhausted / capped.length).toBeGreaterThan(0.015);
    expect(exhausted / capped.length).toBeLessThan(0.08);
    // Viewers never use credits.
    const viewer = ms.find((m) => m.userLicenseTypeId === 'viewerUT');
    expect(
      viewer &&
        org
          .usage({
            startTime: NOW - HISTORY_DAYS * DAY,
            endTime: NOW,
            period: '1m',
            vars: ['credits'],
            groupby: [],
            filters: { username: [viewer.username] },
          })
          .entries[0]?.creditsMilli?.every((v) => v === 0),
    ).toBe(true);
  });

  it('keeps a positive balance of roughly 10–40% of the 13-month spend', () => {
    const org = model(2500);
    const spend = org.usage({
      startTime: NOW - HISTORY_DAYS * DAY - DAY,
      endTime: NOW,
      period: '1m',
      vars: ['credits'],
      groupby: [],
    });
    const total = (spend.entries[0]?.creditsMilli ?? new Float64Array()).reduce((a, b) => a + b, 0) / 1000;
    expect(org.availableCredits / total).toBeGreaterThan(0.1);
    expect(org.availableCredits / total).toBeLessThan(0.4);
    const sub = org.subscription();
    expect(sub.expDate - NOW).toBeGreaterThan(140 * DAY);
    expect(sub.expDate - NOW).toBeLessThan(160 * DAY);
    expect(sub.seatsByLevel['1'] + sub.seatsByLevel['2']).toBeGreaterThanOrEqual(2500);
  });

  it('renews the subscription when the demo clock passes its end, so it never shows a past date', () => {
    const org = model(100);
    const firstEnd = org.subscription().expDate;
    org.advanceDays(180);
    const sub = org.subscription();
    expect(sub.expDate).toBeGreaterThan(org.now());
    expect(sub.expDate - firstEnd).toBe(365 * DAY);
  });
});

describe('demo controls', () => {
  it('advanceDays accrues usage, lowers the balance and stops capped members at their cap', () => {
    const org = model(600);
    const heavy = [...org.members]
      .filter((m) => m.index > 2)
      .sort((a, b) => b.profile.rate * b.profile.intensity - a.profile.rate * a.profile.intensity)[0];
    if (!heavy) throw new Error('no member');
    org.assign([{ username: heavy.username, credits: 1.5 }]);
    expect(org.memberCredits(heavy).usedCredits).toBe(0);
    const before = org.availableCredits;
    org.advanceDays(90);
    expect(org.now()).toBe(NOW + 90 * DAY);
    expect(org.advancedDays).toBe(90);
    expect(org.availableCredits).toBeLessThan(before);
    const credits = org.memberCredits(heavy);
    expect(credits.usedCredits).toBeGreaterThan(0);
    expect(credits.usedCredits).toBeLessThanOrEqual(1.5);
    expect(credits.availableCredits).toBe(Math.max(0, 1.5 - credits.usedCredits));
    const usage = org.usage({
      startTime: NOW,
      endTime: org.now(),
      period: '1w',
      vars: ['credits'],
      groupby: [],
    });
    expect((usage.entries[0]?.creditsMilli ?? new Float64Array()).reduce((a, b) => a + b, 0)).toBeGreaterThan(
      0,
    );
  });

  it('addMember gives the default allocation (or no limit for -1) and resetToSeed drops changes', () => {
    const org = model(600);
    const a = org.addMember({ firstName: 'Ada', lastName: 'Lovelace' });
    expect(a.username).toBe('alovelace_demo');
    expect(a.allocation).toEqual({ cap: 100, start: NOW });
    expect(org.findMember('alovelace_demo')).toBe(a);
    org.updateSettings({ defaultUserCreditAssignment: -1 });
    const b = org.addMember({ username: 'new_person' });
    expect(b.allocation.cap).toBe(-1);
    expect(org.memberCredits(b).assignedCredits).toBe(-1);
    expect(() => org.addMember({ username: 'new_person' })).toThrow(/taken/);
    expect(org.members).toHaveLength(602);
    org.advanceDays(30);
    org.resetToSeed();
    expect(org.members).toHaveLength(600);
    expect(org.findMember('new_person')).toBeUndefined();
    expect(org.now()).toBe(NOW);
    expect(org.orgSettings.defaultUserCreditAssignment).toBe(100);
  });

  it('notifies listeners of changes', () => {
    const org = model(600);
    let changes = 0;
    org.onChange(() => changes++);
    org.assign([{ username: 'demo_member', credits: 10 }]);
    org.updateSettings({ creditAssignments: 'disabled' });
    expect(changes).toBe(2);
  });
});
