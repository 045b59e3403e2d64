import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Portal } from '../src/app.ts';
import { call, errorOf, makePortal, tokenFor } from './helpers.ts';

/**
 * The org's groups in the shapes of ArcGIS's Group Search, Group, Group Users, Group Users List
 * and User (`groups`) resources.
 */

const groupSchema = z
  .object({
    id: z.string().regex(/^[0-9a-f]{32}$/),
    title: z.string(),
    isInvitationOnly: z.boolean(),
    owner: z.string(),
    description: z.string().nullable(),
    snippet: z.string().nullable(),
    tags: z.array(z.string()),
    typeKeywords: z.array(z.string()),
    created: z.number(),
    modified: z.number(),
    access: z.enum(['private', 'org', 'public']),
    capabilities: z.array(z.string()),
    isViewOnly: z.boolean(),
    protected: z.boolean(),
    autoJoin: z.boolean(),
    hiddenMembers: z.boolean(),
    displaySettings: z.object({ itemTypes: z.string() }),
    userMembership: z
      .object({
        username: z.string(),
        memberType: z.enum(['owner', 'admin', 'member', 'none']),
        applications: z.number(),
      })
      .optional(),
  })
  .passthrough();
const searchSchema = z.object({
  query: z.string(),
  total: z.number(),
  start: z.number(),
  num: z.number(),
  nextStart: z.number(),
  results: z.array(groupSchema),
});
const usersSchema = z
  .object({ owner: z.string(), admins: z.array(z.string()), users: z.array(z.string()) })
  .strict();
const userWithGroups = z.object({ username: z.string(), groups: z.array(groupSchema) }).passthrough();

let portal: Portal;
let admin: string;
let member: string;

beforeAll(() => {
  portal = makePortal();
  admin = tokenFor(portal, 'demo_admin');
  member = tokenFor(portal, 'demo_member');
});

async function search(token: string | undefined, params: Record<string, string>) {
  return searchSchema.parse(
    (await call(portal, 'community/groups', { ...(token ? { token } : {}), params })).body,
  );
}

async function gisDepartment() {
  const found = await search(admin, { q: 'title:"GIS Department"' });
  expect(found.results).toHaveLength(1);
  return found.results[0]!;
}

describe('community/groups', () => {
  it('lists the seeded departments, class and projects in the search shape', async () => {
    const all = await search(admin, { q: `orgid:${portal.org.identity.id}`, num: '100' });
    expect(all.results.map((g) => g.title)).toEqual(
      expect.arrayContaining([
        'GIS Department',
        'Field Crews',
        'Planning',
        'GEOG 101 – Fall',
        'Flood Project',
      ]),
    );
    expect(all).toMatchObject({ start: 1, num: 100, nextStart: -1, total: all.results.length });
    const paged = await search(admin, { q: '', num: '2' });
    expect(paged).toMatchObject({ total: all.total, num: 2, nextStart: 3 });
    expect(paged.results).toHaveLength(2);
  });

  it('finds groups by tag and owner', async () => {
    const classes = await search(admin, { q: 'tags:class' });
    expect(classes.results.map((g) => g.title)).toEqual(['GEOG 101 – Fall']);
    const byOwner = await search(admin, { q: 'owner:demo_credits' });
    expect(byOwner.results.map((g) => g.title)).toEqual(['GEOG 101 – Fall']);
  });

  it('hides a private group from members outside it, and shows public groups to anyone', async () => {
    const asMember = await search(member, { q: '', num: '100' });
    expect(asMember.results.map((g) => g.title)).not.toContain('Flood Project');
    const asAdmin = await search(admin, { q: 'title:flood' });
    expect(asAdmin.results.map((g) => g.access)).toEqual(['private']);
    const anonymous = await search(undefined, { q: '', num: '100' });
    expect(anonymous.results.map((g) => g.access)).toEqual(['public']);
    const id = asAdmin.results[0]!.id;
    expect(errorOf(await call(portal, `community/groups/${id}`, { token: member })).code).toBe(400);
  });

  it('is the same org at every start: ids and members are derived from the seed', async () => {
    const again = makePortal();
    const a = await gisDepartment();
    const b = (await call(again, `community/groups/${a.id}/users`, { token: tokenFor(again) })).body;
    const c = (await call(portal, `community/groups/${a.id}/users`, { token: admin })).body;
    expect(b).toEqual(c);
  });
});

describe('community/groups/<id> and its users', () => {
  it('answers the group with the caller’s membership', async () => {
    const gis = await gisDepartment();
    const asOwner = groupSchema.parse(
      (await call(portal, `community/groups/${gis.id}`, { token: admin })).body,
    );
    expect(asOwner.userMembership).toEqual({ username: 'demo_admin', memberType: 'owner', applications: 0 });
    const asMember = groupSchema.parse(
      (await call(portal, `community/groups/${gis.id}`, { token: member })).body,
    );
    expect(asMember.userMembership).toEqual({
      username: 'demo_member',
      memberType: 'member',
      applications: 0,
    });
  });

  it('lists owner, admins and users; the GIS department mixes user types', async () => {
    const gis = await gisDepartment();
    const users = usersSchema.parse(
      (await call(portal, `community/groups/${gis.id}/users`, { token: admin })).body,
    );
    expect(users.owner).toBe('demo_admin');
    expect(users.admins).toEqual(['demo_admin', 'demo_credits']);
    expect(users.users).toContain('demo_member');
    expect(users.users).not.toContain('demo_admin');
    const types = new Set(users.users.map((u) => portal.org.findMember(u)?.userLicenseTypeId));
    expect(types.size).toBeGreaterThanOrEqual(4);
    expect(types).toContain('viewerUT');
    expect(types).toContain('creatorUT');
  });

  it('pages members with userList', async () => {
    const gis = await gisDepartment();
    const users = usersSchema.parse(
      (await call(portal, `community/groups/${gis.id}/users`, { token: admin })).body,
    );
    const page = z
      .object({
        total: z.number(),
        start: z.number(),
        num: z.number(),
        nextStart: z.number(),
        owner: z.object({ username: z.string(), memberType: z.literal('owner') }).passthrough(),
        users: z.array(
          z
            .object({ username: z.string(), fullName: z.string(), memberType: z.enum(['admin', 'member']) })
            .passthrough(),
        ),
      })
      .parse(
        (await call(portal, `community/groups/${gis.id}/userList`, { token: admin, params: { num: '5' } }))
          .body,
      );
    expect(page.total).toBe(users.users.length + users.admins.length - 1);
    expect(page.users).toHaveLength(5);
    expect(page.nextStart).toBe(6);
  });

  it('keeps member lists from members outside the group (403)', async () => {
    const field = (await search(admin, { q: 'title:"Field Crews"' })).results[0]!;
    const result = await call(portal, `community/groups/${field.id}/users`, { token: member });
    expect(errorOf(result)).toMatchObject({ code: 403 });
  });
});

describe('community/users/<u> groups', () => {
  it('lists a member’s groups with their membership, for themselves and for an administrator', async () => {
    const self = userWithGroups.parse((await call(portal, 'community/self', { token: member })).body);
    expect(self.groups.map((g) => g.title).sort()).toEqual(['GEOG 101 – Fall', 'GIS Department']);
    expect(self.groups.every((g) => g.userMembership?.memberType === 'member')).toBe(true);

    const viewed = userWithGroups.parse(
      (await call(portal, 'community/users/demo_admin', { token: admin })).body,
    );
    expect(viewed.groups.map((g) => g.userMembership?.memberType)).toContain('owner');
    expect(viewed.groups.map((g) => g.title)).toContain('Flood Project');
  });

  it('agrees with the group member lists', async () => {
    const gis = await gisDepartment();
    const users = usersSchema.parse(
      (await call(portal, `community/groups/${gis.id}/users`, { token: admin })).body,
    );
    const someone = users.users.find((u) => !u.startsWith('demo_'))!;
    const viewed = userWithGroups.parse(
      (await call(portal, `community/users/${someone}`, { token: admin })).body,
    );
    expect(viewed.groups.map((g) => g.id)).toContain(gis.id);
  });

  it('leaves member searches as they were (no groups in results)', async () => {
    const found = z
      .object({ results: z.array(z.object({ groups: z.array(z.unknown()) }).passthrough()) })
      .parse(
        (await call(portal, 'portals/self/users/search', { token: admin, params: { q: 'demo_member' } }))
          .body,
      );
    expect(found.results[0]?.groups).toEqual([]);
  });
});
