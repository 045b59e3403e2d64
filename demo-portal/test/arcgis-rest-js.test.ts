/**
 * A client nobody here wrote: Esri's arcgis-rest-js signs in with generateToken and reads and writes
 * allocations against the demo portal, unchanged. Its fetch goes to the portal in-process.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ArcGISIdentityManager, ArcGISRequestError, request } from '@esri/arcgis-rest-request';
import {
  getPortalSettings,
  getSelf,
  getUser,
  getUserProperties,
  getUserTags,
  searchCommunityUsers,
  searchUsers,
} from '@esri/arcgis-rest-portal';
import { createPortal } from '../src/app.ts';

const REST = 'https://localhost:8443/portal/sharing/rest';
const portal = createPortal({ members: 300, seed: 11 });

beforeAll(() => {
  vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) =>
    portal.app.fetch(new Request(input, init)),
  );
});
afterAll(() => {
  vi.unstubAllGlobals();
});

describe('arcgis-rest-js against the demo portal', () => {
  it('signs in with generateToken, reads the org and members, and allocates and deallocates credits', async () => {
    const authentication = await ArcGISIdentityManager.signIn({
      username: 'demo_admin',
      password: 'demo1234',
      portal: REST,
    });
    expect(authentication.username).toBe('demo_admin');

    const self = await getSelf({ authentication });
    expect(self.creditAssignments).toBe('enabled');
    expect(typeof self.availableCredits).toBe('number');

    const found = await searchUsers({ q: 'demo_member', authentication });
    expect(found.results.map((u) => u.username)).toContain('demo_member');

    // An array of objects is sent as a JSON string by arcgis-rest-js.
    const assigned = await request(`${REST}/portals/self/assignUserCredits`, {
      authentication,
      params: {
        userAssignments: [
          { username: 'demo_member', credits: 42 },
          { username: 'nobody_here', credits: 1 },
        ],
      },
    });
    expect(assigned).toEqual({ success: true, notAssignedUsers: ['nobody_here'] });
    const member = await getUser({ username: 'demo_member', authentication });
    expect(member.assignedCredits).toBe(42);
    expect(member.availableCredits).toBe(42);

    // An array of strings is comma-joined by arcgis-rest-js; the portal takes both forms.
    const unassigned = await request(`${REST}/portals/self/unassignUserCredits`, {
      authentication,
      params: { usernames: ['demo_member'] },
    });
    expect(unassigned).toEqual({ success: true, notUnAssignedUsers: [] });
    expect((await getUser({ username: 'demo_member', authentication })).assignedCredits).toBe(-1);
  });

  it('surfaces the portal’s errors as arcgis-rest-js errors (wrong password, no privilege)', async () => {
    await expect(
      ArcGISIdentityManager.signIn({ username: 'demo_admin', password: 'wrong', portal: REST }),
    ).rejects.toThrow(/Unable to generate token/);

    const member = await ArcGISIdentityManager.signIn({
      username: 'demo_member',
      password: 'demo1234',
      portal: REST,
    });
    const refused = request(`${REST}/portals/self/assignUserCredits`, {
      authentication: member,
      params: { userAssignments: [{ username: 'demo_member', credits: 1000 }] },
    });
    await expect(refused).rejects.toBeInstanceOf(ArcGISRequestError);
    await expect(refused).rejects.toMatchObject({ code: 'GWM_0003' });
  });

  it('reads the portal settings, a member by user id, their tags and properties', async () => {
    const authentication = await ArcGISIdentityManager.signIn({
      username: 'demo_admin',
      password: 'demo1234',
      portal: REST,
    });
    const settings = await getPortalSettings(undefined, { authentication });
    expect(settings.allowedRedirectUris).toEqual([]);
    expect(settings.helperServices).toHaveProperty('geocode');

    const someone = portal.org.members[25]!;
    const byId = await getUser({ username: someone.id, authentication });
    expect(byId.username).toBe(someone.username);
    expect(byId.id).toBe(someone.id);

    expect(await getUserTags({ authentication })).toEqual({ tags: [] });
    const properties = await getUserProperties(someone.username, { authentication });
    expect(properties.mapViewer).toBe('modern');
  });

  it('pages a search to the end, then start=-1 answers an empty page', async () => {
    const authentication = await ArcGISIdentityManager.signIn({
      username: 'demo_admin',
      password: 'demo1234',
      portal: REST,
    });
    const seen = new Set<string>();
    let page = await searchUsers({ q: '*', num: 40, authentication });
    const total = page.total;
    for (;;) {
      expect(page.num).toBe(40);
      for (const u of page.results) seen.add(String(u.username));
      if (!page.nextPage) break;
      page = await page.nextPage();
    }
    expect(seen.size).toBe(total);
    expect(page.nextStart).toBe(-1);

    // A client that carries nextStart into its next request sends start=-1.
    for (const search of [searchUsers, searchCommunityUsers]) {
      const after = await search({ q: '*', num: 40, start: page.nextStart, authentication });
      expect(after).toMatchObject({ total, start: -1, num: 40, nextStart: -1, results: [] });
    }
  });
});
