/**
 * The endpoints and answers Esri's own clients (ArcGIS API for Python, arcgis-rest-js,
 * @arcgis/core) rely on, beyond what Credit Console itself calls.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Portal } from '../src/app.ts';
import { OrgModel } from '../src/model/org.ts';
import {
  call,
  DAY,
  errorOf,
  makePortal,
  NOW,
  searchPageSchema,
  tokenFor,
  userPageSchema,
} from './helpers.ts';

let portal: Portal;
let admin: string;
let member: string;

beforeEach(() => {
  portal = makePortal();
  admin = tokenFor(portal);
  member = tokenFor(portal, 'demo_member');
});

const recordSchema = z.record(z.string(), z.unknown());

async function body(path: string, token = admin, params: Record<string, string> = {}) {
  return (await call(portal, path, { token, params })).body;
}

describe('users by id', () => {
  it('community/users/<user id> answers as for the username', async () => {
    const someone = portal.org.members[42]!;
    const byName = recordSchema.parse(await body(`community/users/${someone.username}`));
    const byId = recordSchema.parse(await body(`community/users/${someone.id}`));
    expect(byId.username).toBe(someone.username);
    expect(byId).toEqual(byName);
  });

  it('keeps the same privacy rules by id: a member reads themselves, not others', async () => {
    const self = portal.org.findMember('demo_member')!;
    expect(recordSchema.parse(await body(`community/users/${self.id}`, member)).username).toBe('demo_member');
    const other = portal.org.members[42]!;
    expect(errorOf(await call(portal, `community/users/${other.id}`, { token: member })).code).toBe(403);
    expect(
      errorOf(await call(portal, 'community/users/0123456789abcdef0123456789abcdef', { token: admin })),
    ).toMatchObject({ code: 400, message: 'User not found.' });
  });

  it('serves tags and properties by username and by id', async () => {
    const someone = portal.org.members[7]!;
    for (const key of [someone.username, someone.id]) {
      expect(await body(`community/users/${key}/tags`)).toEqual({ tags: [] });
      const props = z.object({ properties: z.object({ mapViewer: z.string() }) });
      expect(props.parse(await body(`community/users/${key}/properties`)).properties.mapViewer).toBe(
        'modern',
      );
    }
    expect(
      errorOf(await call(portal, `community/users/${someone.username}/tags`, { token: member })).code,
    ).toBe(403);
  });
});

describe('paging as ArcGIS Online', () => {
  it('echoes the requested num, also on the last, shorter page', async () => {
    const page = searchPageSchema.parse(await body('portals/self/users/search', admin, { q: '*', num: '7' }));
    expect(page.num).toBe(7);
    expect(page.total % 7).not.toBe(0);
    const last = Math.floor((page.total - 1) / 7) * 7 + 1;
    const tail = searchPageSchema.parse(
      await body('portals/self/users/search', admin, { q: '*', num: '7', start: String(last) }),
    );
    expect(tail.results).toHaveLength(page.total - last + 1);
    expect(tail.num).toBe(7);
    expect(tail.nextStart).toBe(-1);
  });

  it('answers start=-1 with an empty page, the total and nextStart -1 (lists, search, community)', async () => {
    for (const path of ['portals/self/users', 'portals/self/users/search', 'community/users']) {
      const res = recordSchema.parse(
        await body(path, admin, { q: 'role:org_admin', start: '-1', num: '10' }),
      );
      expect(res).toMatchObject({ start: -1, num: 10, nextStart: -1 });
      expect(res.total).toBeGreaterThan(0);
      expect(res.users ?? res.results).toEqual([]);
    }
    expect(
      errorOf(await call(portal, 'portals/self/users', { token: admin, params: { start: '-2' } })).code,
    ).toBe(400);
  });

  it('users pages and search results carry the same member shape', async () => {
    const list = userPageSchema.parse(
      await body('portals/self/users', admin, { username: 'demo_member', num: '1' }),
    ).users[0];
    const found = searchPageSchema.parse(
      await body('portals/self/users/search', admin, { q: 'username:demo_member' }),
    ).results[0];
    const raw = (x: unknown) => recordSchema.parse(x);
    const listRaw = raw((await body('portals/self/users', admin, { username: 'demo_member' })) as object);
    const searchRaw = raw(await body('community/users', admin, { q: 'username:demo_member' }));
    expect(found).toEqual(list);
    const first = (page: Record<string, unknown>, key: string) =>
      recordSchema.parse((page[key] as unknown[])[0]);
    expect(Object.keys(first(searchRaw, 'results'))).toEqual(Object.keys(first(listRaw, 'users')));
  });

  it('counts members per user type and role (portals/self/users/counts)', async () => {
    const counts = z.object({
      total: z.number(),
      nextStart: z.number(),
      results: z.array(z.object({ key: z.string(), count: z.number() })),
    });
    const types = counts.parse(
      await body('portals/self/users/counts', admin, { type: 'user_type', num: '100' }),
    );
    expect(types.results.reduce((s, r) => s + r.count, 0)).toBe(portal.org.members.length);
    expect(types.results.map((r) => r.key)).toContain('GISProfessionalAdvUT');
    const roles = counts.parse(await body('portals/self/users/counts', admin, { type: 'role', num: '100' }));
    expect(roles.results.find((r) => r.key === 'cRdtMgr0000000001')?.count).toBeGreaterThan(0);
    expect(errorOf(await call(portal, 'portals/self/users/counts', { token: member })).code).toBe(403);
    expect(
      errorOf(await call(portal, 'portals/self/users/counts', { token: admin, params: { type: 'x' } }))
        .message,
    ).toMatch(/'type'/);
  });
});

describe('org resources Esri clients read', () => {
  it('portals/self/settings, for the org id too', async () => {
    const settings = z.object({ allowedRedirectUris: z.array(z.string()), helperServices: z.object({}) });
    settings.parse(await body('portals/self/settings'));
    settings.parse(await body(`portals/${portal.org.identity.id}/settings`));
  });

  it('portals/regions is the region list, not an org id', async () => {
    const regions = z
      .array(z.object({ name: z.string(), region: z.string(), localizedName: z.string() }))
      .parse(await body('portals/regions', ''));
    expect(regions[0]).toEqual({ name: 'World', region: 'WO', localizedName: 'World' });
    expect(regions.map((r) => r.region)).toContain('US');
  });

  it('portals/self/roles lists custom roles with privileges on request', async () => {
    const role = z.object({
      id: z.string(),
      name: z.string(),
      description: z.string(),
      created: z.number(),
      modified: z.number(),
      privileges: z.array(z.string()).optional(),
    });
    const page = z.object({ total: z.number(), nextStart: z.number(), roles: z.array(role) });
    const plain = page.parse(await body('portals/self/roles'));
    expect(plain.roles.map((r) => r.name)).toContain('Credit manager');
    expect(plain.roles.every((r) => r.privileges === undefined)).toBe(true);
    const full = page.parse(await body('portals/self/roles', member, { returnPrivileges: 'true' }));
    const manager = full.roles.find((r) => r.id === 'cRdtMgr0000000001');
    expect(manager?.name).toBe('Credit manager');
    expect(manager?.privileges).toContain('portal:admin:manageCredits');
    expect(role.parse(await body('portals/self/roles/cRdtMgr0000000001'))).toEqual(manager);
    expect(errorOf(await call(portal, 'portals/self/roles/nope', { token: admin })).code).toBe(400);
  });

  it('portals/self carries the keys Esri clients read, with plausible values', async () => {
    const self = z
      .object({
        authorizedCrossOriginDomains: z.array(z.string()),
        helperServices: z.object({ geocode: z.array(z.object({ url: z.string() })) }),
        defaultExtent: z.object({ xmin: z.number(), spatialReference: z.object({ wkid: z.number() }) }),
        created: z.number(),
        modified: z.number(),
      })
      .parse(await body('portals/self'));
    expect(self.created).toBeLessThan(self.modified);
    expect(self.modified).toBeLessThanOrEqual(NOW);
    expect(self.created).toBeLessThan(NOW - 365 * DAY);
  });

  it('usage grouped by appId: application logins with etype, stype, username, userOrgId, appId, appOrgId', async () => {
    const res = await call(portal, 'portals/self/usage', {
      method: 'POST',
      token: admin,
      params: {
        startTime: String(NOW - 30 * DAY),
        endTime: String(NOW),
        period: '1d',
        vars: 'num',
        groupby: 'appId',
        eType: 'svcusg',
        sType: 'applogin',
      },
    });
    const usage = z
      .object({
        data: z.array(
          z.object({
            etype: z.literal('svcusg'),
            stype: z.literal('applogin'),
            username: z.string(),
            userOrgId: z.literal(portal.org.identity.id),
            appId: z.string(),
            appOrgId: z.string(),
            num: z.array(z.tuple([z.string(), z.string()])),
          }),
        ),
      })
      .parse(res.body);
    expect(usage.data.length).toBeGreaterThan(10);
    expect(usage.data.some((row) => row.num.some(([, n]) => Number(n) > 0))).toBe(true);
    const none = z.object({ data: z.array(z.unknown()) }).parse(
      (
        await call(portal, 'portals/self/usage', {
          token: admin,
          params: {
            startTime: String(NOW - 30 * DAY),
            endTime: String(NOW),
            period: '1d',
            groupby: 'appId',
            stype: 'geocode',
          },
        })
      ).body,
    );
    expect(none.data).toEqual([]);
  });
});

describe('credit numbers', () => {
  async function assign(userAssignments: unknown) {
    return call(portal, 'portals/self/assignUserCredits', {
      method: 'POST',
      token: admin,
      params: { userAssignments: JSON.stringify(userAssignments) },
    });
  }
  const credits = z.object({ assignedCredits: z.number(), availableCredits: z.number() });

  it("keeps the notebook's four-decimal allocation; what is left never reads above it", async () => {
    const org = portal.org.availableCredits;
    const amount = Number((org / 10).toFixed(4));
    expect((await assign([{ username: 'demo_member', credits: amount }])).body).toEqual({
      success: true,
      notAssignedUsers: [],
    });
    const u = credits.parse(await body('community/users/demo_member'));
    expect(u.assignedCredits).toBe(amount);
    expect(u.availableCredits).toBeLessThanOrEqual(u.assignedCredits);

    expect((await assign([{ username: 'demo_member', credits: 9914.6529 }])).body).toMatchObject({
      success: true,
    });
    const capped = credits.parse(await body('community/users/demo_member'));
    expect(capped).toEqual({ assignedCredits: 9914.6529, availableCredits: 9914.6529 });
  });

  it('a capped member who spends keeps availableCredits ≤ assignedCredits', async () => {
    const heavy = [...portal.org.members]
      .filter((m) => m.index > 2 && m.profile.rate > 0)
      .sort((a, b) => b.profile.rate * b.profile.intensity - a.profile.rate * a.profile.intensity)[0]!;
    await assign([{ username: heavy.username, credits: 3.3333 }]);
    portal.org.advanceDays(30);
    const u = credits.parse(await body(`community/users/${heavy.username}`));
    expect(u.availableCredits).toBeLessThanOrEqual(u.assignedCredits);
    expect(u.availableCredits).toBeGreaterThanOrEqual(0);
  });

  it('rejects amounts above the maximum or not finite, naming the parameter, applying nothing', async () => {
    const before = portal.org.findMember('demo_member')!.allocation;
    for (const bad of [1e9 + 1, 1e21, 1e308, 2 ** 53 + 2, '1e400', 'Infinity', -5]) {
      const res = await assign([
        { username: 'demo_admin', credits: 5 },
        { username: 'demo_member', credits: bad },
      ]);
      const error = errorOf(res);
      expect(error.code).toBe(400);
      expect(error.message).toMatch(/'userAssignments'/);
    }
    expect(portal.org.findMember('demo_member')!.allocation).toEqual(before);
    expect(portal.org.findMember('demo_admin')!.allocation.cap).not.toBe(5);
    // The maximum itself is allowed.
    expect((await assign([{ username: 'demo_member', credits: 1e9 }])).body).toMatchObject({ success: true });
  });

  it('rejects a default allocation above the maximum', async () => {
    for (const bad of ['1e21', '1000000001']) {
      const res = await call(portal, 'portals/self/update', {
        method: 'POST',
        token: admin,
        params: { defaultUserCreditAssignment: bad },
      });
      expect(errorOf(res).message).toMatch(/'defaultUserCreditAssignment'/);
    }
    expect(portal.org.orgSettings.defaultUserCreditAssignment).toBe(100);
  });

  it('rejects a request that names a member twice, applying nothing', async () => {
    const before = portal.org.findMember('demo_member')!.allocation;
    const res = await assign([
      { username: 'demo_admin', credits: 5 },
      { username: 'demo_member', credits: 1 },
      { username: 'DEMO_MEMBER', credits: 2 },
    ]);
    expect(errorOf(res)).toMatchObject({ code: 400 });
    expect(errorOf(res).message).toMatch(/DEMO_MEMBER is listed more than once/);
    expect(portal.org.findMember('demo_member')!.allocation).toEqual(before);
    expect(portal.org.findMember('demo_admin')!.allocation.cap).not.toBe(5);
  });
});

describe('real user types', () => {
  it('seeds the real IDs in realistic proportions', () => {
    const org = new OrgModel({ members: 2500, now: () => NOW });
    const counts = org.userTypeCounts();
    const share = (t: string) => (counts.get(t) ?? 0) / org.members.length;
    for (const t of [
      'creatorUT',
      'GISProfessionalStdUT',
      'GISProfessionalAdvUT',
      'fieldWorkerUT',
      'editorUT',
      'viewerUT',
      'storytellerUT',
    ]) {
      expect(counts.get(t), t).toBeGreaterThan(0);
    }
    expect([...counts.keys()].sort()).toHaveLength(7);
    expect(share('creatorUT')).toBeGreaterThan(0.3);
    expect(share('viewerUT')).toBeGreaterThan(0.1);
    expect(share('GISProfessionalAdvUT')).toBeLessThan(0.1);
    // Viewers hold ArcGIS Online's pre-built Viewer role.
    expect(
      org.members
        .filter((m) => m.userLicenseTypeId === 'viewerUT')
        .every((m) => m.roleId === 'iAAAAAAAAAAAAAAA'),
    ).toBe(true);
  });

  it("migrates saved members with the demo's retired IDs on load, and says so", () => {
    const notes: string[] = [];
    const org = new OrgModel({ members: 50, now: () => NOW, log: (m) => notes.push(m) });
    const added = (username: string, userLicenseTypeId: string) => ({
      username,
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: `${username}@example.com`,
      role: 'org_user' as const,
      userLicenseTypeId,
      created: NOW - DAY,
      allocation: { cap: -1, start: NOW - DAY },
    });
    org.importChanges({
      settings: { creditAssignments: 'enabled', defaultUserCreditAssignment: 100 },
      purchasedDeltaMilli: 0,
      allocations: {},
      added: [
        added('old_pro', 'professionalUT'),
        added('old_plus', 'professionalPlusUT'),
        added('old_mobile', 'mobileWorkerUT'),
        added('old_contrib', 'contributorUT'),
        added('new_viewer', 'viewerUT'),
      ],
      advancedDays: 0,
    });
    const type = (u: string) => org.findMember(u)?.userLicenseTypeId;
    expect(type('old_pro')).toBe('GISProfessionalStdUT');
    expect(type('old_plus')).toBe('GISProfessionalAdvUT');
    expect(type('old_mobile')).toBe('fieldWorkerUT');
    expect(type('old_contrib')).toBe('editorUT');
    expect(type('new_viewer')).toBe('viewerUT');
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/professionalUT → GISProfessionalStdUT \(1\)/);
    expect(notes[0]).toMatch(/contributorUT → editorUT/);
    expect(org.exportChanges().added.map((a) => a.userLicenseTypeId)).not.toContain('professionalUT');
  });
});
