/**
 * Esri's own client against the demo portal's items, groups and notifications, unchanged: what
 * Credit Console's policies item, group rules and "Notify" rely on must work for arcgis-rest-js too.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ArcGISIdentityManager, ArcGISRequestError } from '@esri/arcgis-rest-request';
import {
  createItem,
  createOrgNotification,
  getGroup,
  getGroupUsers,
  getItem,
  getItemData,
  getUser,
  removeItem,
  searchGroups,
  searchItems,
  SearchQueryBuilder,
  updateItem,
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

function signIn(username: string) {
  return ArcGISIdentityManager.signIn({ username, password: 'demo1234', portal: REST });
}

describe('arcgis-rest-js: items', () => {
  it('creates an item with JSON data, finds it by type, tag and owner, updates, reads and removes it', async () => {
    const authentication = await signIn('demo_admin');
    const policies = { version: 1, rules: [{ userType: 'creatorUT', credits: 500 }] };
    const created = await createItem({
      item: {
        title: 'Credit Console policies',
        type: 'Application',
        typeKeywords: ['Credit Console', 'Credit Policies'],
        tags: ['credit-console-policies'],
        text: policies,
      },
      authentication,
    });
    expect(created).toMatchObject({ success: true, folder: null });
    const id = created.id;

    const item = await getItem(id, { authentication });
    expect(item).toMatchObject({
      id,
      owner: 'demo_admin',
      type: 'Application',
      tags: ['credit-console-policies'],
    });
    expect(await getItemData(id, { authentication })).toEqual(policies);

    const q = new SearchQueryBuilder()
      .match('Application')
      .in('type')
      .and()
      .match('credit-console-policies')
      .in('tags')
      .and()
      .match('demo_admin')
      .in('owner');
    const found = await searchItems({ q, authentication });
    expect(found.total).toBe(1);
    expect(found.results[0]?.id).toBe(id);

    const next = { ...policies, version: 2 };
    expect(await updateItem({ item: { id, text: next }, authentication })).toEqual({ success: true, id });
    expect(await getItemData(id, { authentication })).toEqual(next);

    expect(await removeItem({ id, authentication })).toEqual({ success: true, itemId: id });
    await expect(getItem(id, { authentication })).rejects.toBeInstanceOf(ArcGISRequestError);
  });

  it('a member cannot update an administrator’s item: an ArcGISRequestError with code 403', async () => {
    const admin = await signIn('demo_admin');
    const { id } = await createItem({
      item: { title: 'Private policies', type: 'Application', text: { rules: [] } },
      authentication: admin,
    });
    const member = await signIn('demo_member');
    const refused = updateItem({
      item: { id, text: { rules: ['mine'] } },
      owner: 'demo_admin',
      authentication: member,
    });
    await expect(refused).rejects.toMatchObject({ name: 'ArcGISRequestError', code: 'GWM_0003' });
    expect(await getItemData(id, { authentication: admin })).toEqual({ rules: [] });
  });
});

describe('arcgis-rest-js: groups', () => {
  it('searches groups, reads one, lists its users, and a member’s groups', async () => {
    const authentication = await signIn('demo_admin');
    const found = await searchGroups({ q: 'title:"GIS Department"', authentication });
    expect(found.results.map((g) => g.title)).toEqual(['GIS Department']);
    const id = found.results[0]!.id;
    const group = await getGroup(id, { authentication });
    expect(group.userMembership?.memberType).toBe('owner');
    const users = await getGroupUsers(id, { authentication });
    expect(users.owner).toBe('demo_admin');
    expect(users.users).toContain('demo_member');

    const member = await getUser({ username: 'demo_member', authentication });
    expect(member.groups?.map((g) => g.id)).toContain(id);
  });
});

describe('arcgis-rest-js: notifications', () => {
  it('createOrgNotification sends in batches of 25 and reports success', async () => {
    const authentication = await signIn('demo_admin');
    const users = portal.org.members.slice(0, 30).map((m) => m.username);
    const result = await createOrgNotification({
      subject: 'Credits',
      message: 'Your allocation was renewed.',
      users,
      notificationChannelType: 'builtin',
      authentication,
    });
    expect(result).toEqual({ success: true });
    const sent = portal.org.notifications.latest(2);
    expect(sent.map((n) => n.users.length).sort((a, b) => a - b)).toEqual([5, 25]);
  });
});
