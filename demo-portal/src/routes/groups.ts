import { Hono } from 'hono';
import { badRequest, PortalError } from '../model/errors.ts';
import type { OrgGroup } from '../model/groups.ts';
import type { Member } from '../model/member.ts';
import type { OrgModel } from '../model/org.ts';
import type { QueryTerm } from '../model/search-query.ts';
import { matchesExact, matchesWords, parseSearchQuery } from '../model/search-query.ts';
import { pageOf } from './content.ts';
import type { RouteDeps } from './http.ts';
import { optionalCaller, requireCaller, route } from './http.ts';
import { forbidden } from './messages.ts';

/**
 * The org's groups, in the shapes of https://developers.arcgis.com/rest/users-groups-and-items/
 * ("Group Search", "Group", "Group Users", "Group Users List"):
 *
 * - `community/groups?q=…` → `{query, total, start, num, nextStart, results: [group]}`
 * - `community/groups/<id>` → the group, with the caller's `userMembership`
 * - `community/groups/<id>/users` → `{owner, admins, users}` (admins include the owner; users are
 *   the other members)
 * - `community/groups/<id>/userList` → a page of `{username, fullName, memberType, thumbnail, joined}`
 *
 * A group is seen by everyone when public, by org members when shared with the org, and by its
 * members when private; org administrators see every group. Its member lists are for its members
 * and org administrators only (403 otherwise), as ArcGIS documents.
 */

const VIEW_GROUPS = 'portal:admin:viewGroups';
const GROUP_SEARCH_FIELDS = [
  'id',
  'title',
  'owner',
  'tags',
  'typekeywords',
  'access',
  'orgid',
  'accountid',
] as const;
const SORT_FIELDS = ['title', 'owner', 'created', 'modified'] as const;
const MAX_NUM = 100;

export function groupNotFound(): PortalError {
  return new PortalError(400, 'Group does not exist or is inaccessible.', []);
}

function isOrgAdminViewer(caller: Member | undefined): boolean {
  return caller !== undefined && caller.privileges.includes(VIEW_GROUPS);
}

export function canSeeGroup(org: OrgModel, caller: Member | undefined, group: OrgGroup): boolean {
  if (group.access === 'public') return true;
  if (!caller) return false;
  if (group.access === 'org' || isOrgAdminViewer(caller)) return true;
  return org.groups.memberType(group, caller.username) !== undefined;
}

/**
 * One group as ArcGIS Online sends it (keys and order of a captured `community/users/<u>`
 * `groups` entry); `userMembership` is `forUser`'s place in it ("none" when not a member).
 */
export function groupView(org: OrgModel, group: OrgGroup, forUser: string | undefined) {
  return {
    id: group.id,
    title: group.title,
    isInvitationOnly: true,
    owner: group.owner,
    description: group.description,
    snippet: group.snippet,
    tags: [...group.tags],
    typeKeywords: [],
    phone: null,
    sortField: 'title',
    sortOrder: 'asc',
    isViewOnly: false,
    featuredItemsId: null,
    thumbnail: null,
    created: group.created,
    modified: group.created,
    access: group.access,
    capabilities: [],
    isFav: false,
    isOpenData: false,
    isReadOnly: false,
    protected: false,
    autoJoin: false,
    notificationsEnabled: false,
    provider: null,
    providerGroupName: null,
    leavingDisallowed: false,
    hiddenMembers: false,
    displaySettings: { itemTypes: '' },
    properties: null,
    ...(forUser === undefined
      ? {}
      : {
          userMembership: {
            username: forUser,
            memberType: org.groups.memberType(group, forUser) ?? 'none',
            applications: 0,
          },
        }),
  };
}

/** The groups of `member` that `caller` may see, for `community/users/<u>` and `community/self`. */
export function userGroupsView(org: OrgModel, member: Member, caller: Member) {
  return org.groups
    .groupsOf(member.username)
    .filter((g) => canSeeGroup(org, caller, g))
    .map((g) => groupView(org, g, member.username));
}

function matchesTerm(org: OrgModel, group: OrgGroup, term: QueryTerm): boolean {
  const v = term.value;
  switch (term.field) {
    case undefined:
      return matchesWords(group.title, v) || group.tags.some((t) => matchesExact(t, v));
    case 'id':
      return group.id === v;
    case 'title':
      return matchesWords(group.title, v);
    case 'owner':
      return matchesExact(group.owner, v);
    case 'tags':
      return group.tags.some((t) => matchesExact(t, v));
    case 'access':
      return group.access === v;
    case 'orgid':
    case 'accountid':
      return org.identity.id.toLowerCase() === v;
    default:
      return false;
  }
}

export function createGroupRoutes(deps: RouteDeps): Hono {
  const { org } = deps;
  const app = new Hono();

  function visibleGroup(id: string | undefined, caller: Member | undefined): OrgGroup {
    const group = org.groups.find(id ?? '');
    if (!group || !canSeeGroup(org, caller, group)) throw groupNotFound();
    return group;
  }

  /** Members of the group and org administrators may list its members. */
  function listableGroup(id: string | undefined, caller: Member): OrgGroup {
    const group = visibleGroup(id, caller);
    if (!isOrgAdminViewer(caller) && org.groups.memberType(group, caller.username) === undefined)
      throw forbidden();
    return group;
  }

  app.all(
    '/community/groups',
    route((c, params) => {
      const caller = optionalCaller(deps, c, params);
      const q = params.get('q') ?? '';
      const terms = parseSearchQuery(q, GROUP_SEARCH_FIELDS);
      const start = params.get('start')?.trim() === '-1' ? -1 : params.int('start', 1, 1);
      const num = params.int('num', 10, 0, MAX_NUM);
      const rawSort = (params.get('sortField') ?? 'title').toLowerCase();
      const sortField = SORT_FIELDS.find((f) => f === rawSort);
      if (!sortField) {
        throw badRequest(
          `Invalid 'sortField' "${params.get('sortField') ?? ''}": use one of ${SORT_FIELDS.join(', ')}.`,
        );
      }
      const sortOrder = (params.get('sortOrder') ?? 'asc').toLowerCase();
      if (sortOrder !== 'asc' && sortOrder !== 'desc') {
        throw badRequest(`Invalid 'sortOrder' "${params.get('sortOrder') ?? ''}": use asc or desc.`);
      }
      const sign = sortOrder === 'asc' ? 1 : -1;
      const key = (g: OrgGroup) =>
        sortField === 'title' ? g.title : sortField === 'owner' ? g.owner : g.created;
      const matches = org.groups
        .all()
        .filter((g) => canSeeGroup(org, caller, g) && terms.every((t) => matchesTerm(org, g, t)))
        .sort((a, b) => {
          const x = key(a);
          const y = key(b);
          const order =
            typeof x === 'number' && typeof y === 'number'
              ? x - y
              : String(x).localeCompare(String(y), 'en', { sensitivity: 'base' });
          return sign * order || a.id.localeCompare(b.id);
        });
      const page = start < 1 ? [] : matches.slice(start - 1, start - 1 + num);
      return {
        query: q,
        ...pageOf(start, num, matches.length),
        results: page.map((g) => groupView(org, g, caller?.username)),
      };
    }),
  );

  app.all(
    '/community/groups/:id',
    route((c, params) => {
      const caller = optionalCaller(deps, c, params);
      return groupView(org, visibleGroup(c.req.param('id'), caller), caller?.username);
    }),
  );

  app.all(
    '/community/groups/:id/users',
    route((c, params) => {
      const group = listableGroup(c.req.param('id'), requireCaller(deps, c, params));
      return { owner: group.owner, admins: [...group.admins], users: [...group.users] };
    }),
  );

  app.all(
    '/community/groups/:id/userList',
    route((c, params) => {
      const group = listableGroup(c.req.param('id'), requireCaller(deps, c, params));
      const start = params.int('start', 1, 1);
      const num = params.int('num', 25, 0, MAX_NUM);
      const name = params.get('name')?.toLowerCase();
      const memberType = params.get('memberType')?.toLowerCase();
      if (memberType !== undefined && memberType !== 'admin' && memberType !== 'member') {
        throw badRequest(`Invalid 'memberType' "${memberType}": use admin or member.`);
      }
      const entry = (username: string) => {
        const m = org.findMember(username);
        return {
          username,
          fullName: m?.fullName ?? username,
          memberType: org.groups.memberType(group, username) ?? 'member',
          thumbnail: null,
          joined: Math.max(group.created, m?.created ?? group.created),
        };
      };
      const others = [...group.admins.filter((a) => a !== group.owner), ...group.users]
        .map(entry)
        .filter((u) => memberType === undefined || u.memberType === memberType)
        .filter((u) => name === undefined || `${u.username} ${u.fullName}`.toLowerCase().includes(name));
      return {
        ...pageOf(start, num, others.length),
        owner: entry(group.owner),
        users: others.slice(start - 1, start - 1 + num),
      };
    }),
  );

  return app;
}
