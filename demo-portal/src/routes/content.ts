import { Hono } from 'hono';
import { badRequest } from '../model/errors.ts';
import type { ItemFields, StoredItem } from '../model/items.ts';
import { itemNotFound, itemSize } from '../model/items.ts';
import type { Member } from '../model/member.ts';
import type { OrgModel } from '../model/org.ts';
import type { QueryTerm } from '../model/search-query.ts';
import { matchesExact, matchesWords, parseSearchQuery } from '../model/search-query.ts';
import type { Params, RouteDeps } from './http.ts';
import { JSON_CONTENT_TYPE, optionalCaller, requireCaller, route, tokenError } from './http.ts';
import { forbidden, userNotFound } from './messages.ts';

/**
 * Items with text data, as ArcGIS Online's Sharing REST API answers for them:
 *
 * - `POST content/users/<u>/addItem` → `{success, id, folder}`
 *   (https://developers.arcgis.com/rest/users-groups-and-items/add-item/)
 * - `content/items/<id>` → the item; `content/items/<id>/data` → its text exactly as stored
 * - `POST content/users/<u>/items/<id>/update` → `{success, id}`; `…/delete` → `{success, itemId}`
 * - `POST content/users/<u>/items/<id>/share` (`everyone`, `org`, `groups`) → `{notSharedWith, itemId}`
 *   (https://developers.arcgis.com/rest/users-groups-and-items/share-item-as-item-owner/)
 * - `content/users/<u>` → the member's root folder (`items`, `folders`)
 * - `search?q=…` → `{query, total, start, num, nextStart, results}`
 *
 * Who may do what: anyone signed in adds items to their own content if their role may create
 * items; an item is seen by its owner, by org administrators, and (access org/public) by members;
 * only its owner or an administrator with the update/delete items privilege may change, share or
 * delete it (everyone else gets the 403 envelope); an owner shares to the org or to everyone only
 * if their role may.
 */

const UPDATE_ITEMS = 'portal:admin:updateItems';
const DELETE_ITEMS = 'portal:admin:deleteItems';
const VIEW_ITEMS = 'portal:admin:viewItems';
const CREATE_ITEM = 'portal:user:createItem';
const SHARE_TO_ORG = 'portal:user:shareToOrg';
const SHARE_TO_PUBLIC = 'portal:user:shareToPublic';
/** Group ids one share request names at most (the demo stores no group sharing; they come back unshared). */
const MAX_SHARE_GROUPS = 100;

/** A `true`/`false` request parameter; absent → undefined; anything else is a 400 naming it. */
function booleanParam(params: Params, name: string): boolean | undefined {
  const raw = params.get(name)?.trim().toLowerCase();
  if (raw === undefined || raw === '') return undefined;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw badRequest(`Invalid '${name}': use true or false.`);
}

const ITEM_SEARCH_FIELDS = [
  'id',
  'owner',
  'title',
  'type',
  'typekeywords',
  'tags',
  'access',
  'orgid',
  'accountid',
] as const;
const SORT_FIELDS = ['title', 'created', 'modified', 'type', 'owner'] as const;
type ItemSortField = (typeof SORT_FIELDS)[number];
/**
 * Sort fields ArcGIS also takes whose values are the same for every demo item (no views, ratings
 * or comments): they order by creation. The ArcGIS API for Python sorts by `avgRating` by default.
 */
const CONSTANT_SORT_FIELDS = ['avgrating', 'numratings', 'numcomments', 'numviews', 'uploaded', 'size'];
const MAX_SEARCH_NUM = 100;

/** Paging as ArcGIS answers it: `nextStart` -1 on the last page (and after it). */
export function pageOf(start: number, num: number, total: number) {
  if (start < 1) return { total, start, num, nextStart: -1 };
  const next = start + num;
  return { total, start, num, nextStart: num > 0 && next <= total ? next : -1 };
}

function canSee(caller: Member | undefined, item: StoredItem): boolean {
  if (item.access === 'public') return true;
  if (!caller) return false;
  if (caller.username === item.owner || caller.privileges.includes(VIEW_ITEMS)) return true;
  return item.access === 'org';
}

/** The item JSON (keys in the order ArcGIS Online sends them). */
export function itemView(org: OrgModel, item: StoredItem, caller: Member | undefined) {
  const view: Record<string, unknown> = {
    id: item.id,
    owner: item.owner,
    orgId: org.identity.id,
    created: item.created,
    isOrgItem: true,
    modified: item.modified,
    guid: null,
    name: null,
    title: item.title,
    type: item.type,
    typeKeywords: [...item.typeKeywords],
    description: item.description,
    tags: [...item.tags],
    snippet: item.snippet,
    thumbnail: null,
    documentation: null,
    extent: [],
    categories: [],
    spatialReference: null,
    accessInformation: null,
    licenseInfo: null,
    culture: 'en-us',
    properties: null,
    advancedSettings: null,
    url: null,
    proxyFilter: null,
    access: item.access,
    size: itemSize(item),
    subInfo: 0,
    appCategories: [],
    industries: [],
    languages: [],
    largeThumbnail: null,
    banner: null,
    screenshots: [],
    listed: false,
    ownerFolder: null,
    protected: false,
    commentsEnabled: false,
    numComments: 0,
    numRatings: 0,
    avgRating: 0,
    numViews: 0,
  };
  if (caller && (caller.username === item.owner || caller.privileges.includes(UPDATE_ITEMS))) {
    view.itemControl = 'admin';
  }
  view.scoreCompleteness = 0;
  view.groupDesignations = null;
  view.lastViewed = -1;
  return view;
}

function listParam(params: Params, name: string): string[] | undefined {
  const raw = params.get(name);
  if (raw === undefined) return undefined;
  const trimmed = raw.trim();
  // arcgis-rest-js sends arrays comma-joined; a JSON array is accepted too.
  if (trimmed.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (Array.isArray(parsed) && parsed.every((v) => typeof v === 'string')) return parsed;
    } catch {
      // fall through to the comma list
    }
  }
  return trimmed.split(',');
}

function itemFields(params: Params): ItemFields {
  const fields: ItemFields = {};
  for (const name of ['title', 'type', 'description', 'snippet', 'text'] as const) {
    const value = params.get(name);
    if (value !== undefined) fields[name] = value;
  }
  const tags = listParam(params, 'tags');
  if (tags) fields.tags = tags;
  const typeKeywords = listParam(params, 'typeKeywords');
  if (typeKeywords) fields.typeKeywords = typeKeywords;
  return fields;
}

function matchesTerm(org: OrgModel, item: StoredItem, term: QueryTerm): boolean {
  const v = term.value;
  switch (term.field) {
    case undefined:
      return (
        matchesWords(item.title, v) ||
        item.tags.some((t) => matchesExact(t, v)) ||
        matchesWords(item.snippet ?? '', v)
      );
    case 'id':
      return item.id === v;
    case 'owner':
      return matchesExact(item.owner, v);
    case 'title':
      return matchesWords(item.title, v);
    case 'type':
      return matchesExact(item.type, v);
    case 'typekeywords':
      return item.typeKeywords.some((k) => matchesExact(k, v));
    case 'tags':
      return item.tags.some((t) => matchesExact(t, v));
    case 'access':
      return item.access === v;
    case 'orgid':
    case 'accountid':
      return org.identity.id.toLowerCase() === v;
    default:
      return false;
  }
}

function compareItems(field: ItemSortField, a: StoredItem, b: StoredItem): number {
  const x = a[field];
  const y = b[field];
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  return String(x).localeCompare(String(y), 'en', { sensitivity: 'base' });
}

export function createContentRoutes(deps: RouteDeps): Hono {
  const { org } = deps;
  const app = new Hono();

  /** The member named in `content/users/<u>/…`, who must be the caller unless an admin calls. */
  function pathOwner(key: string | undefined, caller: Member, adminPrivilege: string | undefined): Member {
    const owner = org.findMember(key ?? '');
    if (!owner) throw userNotFound();
    if (owner !== caller && !(adminPrivilege && caller.privileges.includes(adminPrivilege)))
      throw forbidden();
    return owner;
  }

  function visibleItem(id: string | undefined, caller: Member | undefined): StoredItem {
    const item = org.content.get(id ?? '');
    if (!item) throw itemNotFound();
    if (!canSee(caller, item)) throw caller ? forbidden() : tokenError(499);
    return item;
  }

  /** The item `id` in `owner`'s content, for an update or delete by `caller`. */
  function ownedItem(id: string | undefined, owner: Member): StoredItem {
    const item = org.content.get(id ?? '');
    if (!item || item.owner !== owner.username) throw itemNotFound();
    return item;
  }

  app.all(
    '/content/users/:user/addItem',
    route(
      (c, params) => {
        const caller = requireCaller(deps, c, params);
        const owner = pathOwner(c.req.param('user'), caller, undefined);
        if (!caller.privileges.includes(CREATE_ITEM)) throw forbidden();
        if (params.has('url') || params.has('dataUrl')) {
          throw badRequest('The demo portal stores items with text data only: send the data as `text`.');
        }
        const item = org.content.add(owner.username, itemFields(params));
        return { success: true, id: item.id, folder: null };
      },
      { postOnly: true },
    ),
  );

  app.all(
    '/content/users/:user/items/:id/update',
    route(
      (c, params) => {
        const caller = requireCaller(deps, c, params);
        const owner = pathOwner(c.req.param('user'), caller, UPDATE_ITEMS);
        const item = ownedItem(c.req.param('id'), owner);
        const fields = itemFields(params);
        if (fields.type !== undefined && fields.type.toLowerCase() !== item.type.toLowerCase()) {
          throw badRequest("Invalid 'type': an item's type cannot change.");
        }
        org.content.update(item, fields);
        return { success: true, id: item.id };
      },
      { postOnly: true },
    ),
  );

  app.all(
    '/content/users/:user/items/:id/share',
    route(
      (c, params) => {
        const caller = requireCaller(deps, c, params);
        const owner = pathOwner(c.req.param('user'), caller, UPDATE_ITEMS);
        const item = ownedItem(c.req.param('id'), owner);
        const everyone = booleanParam(params, 'everyone');
        const toOrg = booleanParam(params, 'org');
        const groups = (listParam(params, 'groups') ?? []).map((g) => g.trim()).filter((g) => g !== '');
        if (groups.length > MAX_SHARE_GROUPS) {
          throw badRequest(`Invalid 'groups': at most ${MAX_SHARE_GROUPS} group ids (got ${groups.length}).`);
        }
        // The owner shares within what their role allows; an administrator acts on the owner's behalf.
        if (caller === owner && !caller.privileges.includes(UPDATE_ITEMS)) {
          if (everyone && !caller.privileges.includes(SHARE_TO_PUBLIC)) throw forbidden();
          if (toOrg && !caller.privileges.includes(SHARE_TO_ORG)) throw forbidden();
        }
        const isPublic = everyone ?? item.access === 'public';
        const isOrg = toOrg ?? item.access === 'org';
        org.content.share(item, isPublic ? 'public' : isOrg ? 'org' : 'private');
        return { notSharedWith: groups, itemId: item.id };
      },
      { postOnly: true },
    ),
  );

  app.all(
    '/content/users/:user/items/:id/delete',
    route(
      (c, params) => {
        const caller = requireCaller(deps, c, params);
        const owner = pathOwner(c.req.param('user'), caller, DELETE_ITEMS);
        const item = ownedItem(c.req.param('id'), owner);
        org.content.delete(item);
        return { success: true, itemId: item.id };
      },
      { postOnly: true },
    ),
  );

  app.all(
    '/content/users/:user',
    route((c, params) => {
      const caller = requireCaller(deps, c, params);
      const owner = pathOwner(c.req.param('user'), caller, VIEW_ITEMS);
      const start = params.int('start', 1, 1);
      const num = params.int('num', 10, 0, MAX_SEARCH_NUM);
      const items = [...org.content.all()]
        .filter((i) => i.owner === owner.username)
        .sort((a, b) => a.created - b.created || a.id.localeCompare(b.id));
      return {
        username: owner.username,
        ...pageOf(start, num, items.length),
        currentFolder: null,
        items: items.slice(start - 1, start - 1 + num).map((i) => itemView(org, i, caller)),
        folders: [],
      };
    }),
  );

  app.all(
    '/content/items/:id',
    route((c, params) => {
      const caller = optionalCaller(deps, c, params);
      return itemView(org, visibleItem(c.req.param('id'), caller), caller);
    }),
  );

  app.all(
    '/content/items/:id/data',
    route((c, params) => {
      const item = visibleItem(c.req.param('id'), optionalCaller(deps, c, params));
      // The data exactly as stored; JSON is labelled as such, anything else as plain text.
      const text = item.text ?? '';
      let isJson = false;
      try {
        JSON.parse(text);
        isJson = true;
      } catch {
        isJson = false;
      }
      return c.body(text, 200, { 'Content-Type': isJson ? JSON_CONTENT_TYPE : 'text/plain; charset=utf-8' });
    }),
  );

  app.all(
    '/search',
    route((c, params) => {
      const caller = optionalCaller(deps, c, params);
      const q = params.get('q') ?? '';
      const terms = parseSearchQuery(q, ITEM_SEARCH_FIELDS);
      const start = params.get('start')?.trim() === '-1' ? -1 : params.int('start', 1, 1);
      const num = params.int('num', 10, 0, MAX_SEARCH_NUM);
      const rawSort = (params.get('sortField') ?? 'created').toLowerCase();
      const sortField =
        SORT_FIELDS.find((f) => f === rawSort) ??
        (CONSTANT_SORT_FIELDS.includes(rawSort) ? 'created' : undefined);
      if (!sortField) {
        throw badRequest(
          `Invalid 'sortField' "${params.get('sortField') ?? ''}": use one of ${[...SORT_FIELDS, ...CONSTANT_SORT_FIELDS].join(', ')}.`,
        );
      }
      const sortOrder = (params.get('sortOrder') ?? 'asc').toLowerCase();
      if (sortOrder !== 'asc' && sortOrder !== 'desc') {
        throw badRequest(`Invalid 'sortOrder' "${params.get('sortOrder') ?? ''}": use asc or desc.`);
      }
      const sign = sortOrder === 'asc' ? 1 : -1;
      const matches = [...org.content.all()]
        .filter((i) => canSee(caller, i) && terms.every((t) => matchesTerm(org, i, t)))
        .sort((a, b) => sign * compareItems(sortField, a, b) || a.id.localeCompare(b.id));
      const page = start < 1 ? [] : matches.slice(start - 1, start - 1 + num);
      return {
        query: q,
        ...pageOf(start, num, matches.length),
        results: page.map((i) => itemView(org, i, caller)),
      };
    }),
  );

  return app;
}
