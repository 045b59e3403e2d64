import { z } from 'zod';
import type { ArcGISClient, CallOptions } from './request';

/*
 * Items in a user's content (Sharing REST "Users, groups and items"): search, add, read data,
 * update, delete. Shapes as Esri documents them; only the fields read here are declared.
 */

export const itemSchema = z.looseObject({
  id: z.string(),
  owner: z.string(),
  title: z.string().nullish(),
  type: z.string(),
  typeKeywords: z.array(z.string()).nullish(),
  tags: z.array(z.string()).nullish(),
  created: z.number().nullish(),
  modified: z.number().nullish(),
  access: z.string().nullish(),
  orgId: z.string().nullish(),
});
export type Item = z.infer<typeof itemSchema>;

const itemSearchSchema = z.looseObject({
  total: z.number(),
  start: z.number(),
  num: z.number(),
  nextStart: z.number(),
  results: z.array(itemSchema),
});

const addItemResponseSchema = z.looseObject({ success: z.boolean(), id: z.string().nullish() });
const itemSuccessSchema = z.looseObject({ success: z.boolean() });

/** Quotes a value for the search `q` syntax (`owner:"jsmith"`). */
export function quoteSearchValue(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export interface ItemQuery {
  type: string;
  tag: string;
  /** Keep items of this organization (`orgId`) or owned by `owner`; others (public items) are left out. */
  orgId?: string;
  owner?: string;
}

/**
 * `GET search` by type and tag: the items (newest modified first) of exactly that type and tag,
 * owned by `owner` or in the organization `orgId`.
 */
export async function searchItems(
  client: ArcGISClient,
  query: ItemQuery,
  opts: CallOptions = {},
): Promise<Item[]> {
  const q = `type:${quoteSearchValue(query.type)} AND tags:${quoteSearchValue(query.tag)}`;
  const page = await client.apiGet('search', {
    schema: itemSearchSchema,
    params: { q, num: 100, sortField: 'modified', sortOrder: 'desc' },
    signal: opts.signal,
  });
  // The search matches words; keep only exact type and tag matches from this org or owner.
  const tag = query.tag.toLowerCase();
  const owner = query.owner?.toLowerCase();
  return page.results.filter(
    (i) =>
      i.type === query.type &&
      (i.tags ?? []).some((t) => t.toLowerCase() === tag) &&
      ((owner !== undefined && i.owner.toLowerCase() === owner) ||
        (query.orgId !== undefined && i.orgId === query.orgId)),
  );
}

export interface NewTextItem {
  title: string;
  type: string;
  tags: string[];
  typeKeywords?: string[];
  snippet?: string;
  /** The item's data (JSON text). */
  text: string;
}

/** `POST content/users/<u>/addItem` with text data; resolves the new item's id. */
export async function addTextItem(
  client: ArcGISClient,
  owner: string,
  item: NewTextItem,
  opts: CallOptions = {},
): Promise<string> {
  const res = await client.apiPost(`content/users/${encodeURIComponent(owner)}/addItem`, {
    schema: addItemResponseSchema,
    params: {
      title: item.title,
      type: item.type,
      tags: item.tags.join(','),
      typeKeywords: (item.typeKeywords ?? []).join(','),
      snippet: item.snippet ?? '',
      text: item.text,
    },
    signal: opts.signal,
  });
  if (!res.success || !res.id) throw new Error('The portal did not add the item.');
  return res.id;
}

/** `GET content/items/<id>/data`: the item's JSON data (already parsed). */
export function getItemData(client: ArcGISClient, itemId: string, opts: CallOptions = {}): Promise<unknown> {
  return client.apiGet(`content/items/${encodeURIComponent(itemId)}/data`, {
    schema: z.unknown(),
    signal: opts.signal,
  });
}

/** `POST content/users/<u>/items/<id>/update` replacing the item's text data. */
export async function updateItemText(
  client: ArcGISClient,
  owner: string,
  itemId: string,
  text: string,
  opts: CallOptions = {},
): Promise<void> {
  const res = await client.apiPost(
    `content/users/${encodeURIComponent(owner)}/items/${encodeURIComponent(itemId)}/update`,
    { schema: itemSuccessSchema, params: { text }, signal: opts.signal },
  );
  if (!res.success) throw new Error('The portal did not save the item.');
}

/** `POST content/users/<u>/items/<id>/delete`. */
export async function deleteItem(
  client: ArcGISClient,
  owner: string,
  itemId: string,
  opts: CallOptions = {},
): Promise<void> {
  const res = await client.apiPost(
    `content/users/${encodeURIComponent(owner)}/items/${encodeURIComponent(itemId)}/delete`,
    { schema: itemSuccessSchema, signal: opts.signal },
  );
  if (!res.success) throw new Error('The portal did not delete the item.');
}

const shareResponseSchema = z.looseObject({
  itemId: z.string().nullish(),
  notSharedWith: z.array(z.string()).nullish(),
});

/**
 * `POST content/users/<owner>/items/<id>/share` with `everyone=false&org=true`: the item becomes
 * visible to every member of the organization (access `org`). Its owner or an org administrator
 * may call it; anyone else gets 403.
 */
export async function shareItemWithOrg(
  client: ArcGISClient,
  owner: string,
  itemId: string,
  opts: CallOptions = {},
): Promise<void> {
  await client.apiPost(
    `content/users/${encodeURIComponent(owner)}/items/${encodeURIComponent(itemId)}/share`,
    { schema: shareResponseSchema, params: { everyone: false, org: true, groups: '' }, signal: opts.signal },
  );
}
