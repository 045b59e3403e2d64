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

/*
 * One JSON document kept as an item's data and shared by every administrator (the policies, the
 * change journal). ArcGIS items have no conditional update, so a save re-reads what the org has,
 * merges this admin's changes into it, writes, re-reads once more and, if a concurrent save
 * overwrote this one, merges and writes again (a bounded number of times). This narrows the window
 * in which two saves can lose one another rather than closing it.
 */

/** A document read from an item; `item` is `null` until the first save creates it. */
export interface ItemDocument<D> {
  item: Pick<Item, 'id' | 'owner'> | null;
  doc: D;
}

/** The item every admin uses: the oldest one found, so two consoles settle on the same item. */
export function pickOldestItem(items: readonly Item[]): Item | undefined {
  return [...items].sort((a, b) => (a.created ?? 0) - (b.created ?? 0) || a.id.localeCompare(b.id))[0];
}

/** Reads the document from the oldest of the items `find` returns (`empty()` when there is none). */
export async function loadItemDocument<D>(
  client: ArcGISClient,
  find: () => Promise<Item[]>,
  parse: (data: unknown) => D,
  empty: () => D,
  opts: CallOptions = {},
): Promise<ItemDocument<D>> {
  const item = pickOldestItem(await find());
  if (!item) return { item: null, doc: empty() };
  const doc = parse(await getItemData(client, item.id, opts));
  return { item: { id: item.id, owner: item.owner }, doc };
}

export interface MergedSave<D> {
  /** Who creates the item when there is none yet. */
  owner: string;
  /** Title, type, tags… of the item created on the first save. */
  newItem: Omit<NewTextItem, 'text'>;
  /** Reads what the org has now. */
  load(): Promise<ItemDocument<D>>;
  empty(): D;
  /** The stored document with this admin's changes merged in (bounded, pruned). */
  apply(stored: D): D;
  /** The stored document already holds every change of this admin (at least as new). */
  contains(stored: D): boolean;
  serialize(doc: D): string;
  /** Leave the item alone when it already holds every change (a sync that has nothing to add). */
  skipWhenContained?: boolean;
  /** The error when other saves kept overwriting this one. */
  conflictMessage: string;
  /** Shares the item with the organization once created, so every administrator finds it. */
  shareWithOrg?: boolean;
}

export interface MergedSaveOptions extends CallOptions {
  /** Wait before re-reading to check the save stuck. Default 250 ms. */
  settleMs?: number;
  /** Attempts to write the merged document. Default 3. */
  attempts?: number;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Re-read, merge, write, re-read check; creates the item on the first save. */
export async function saveMergedDocument<D>(
  client: ArcGISClient,
  spec: MergedSave<D>,
  opts: MergedSaveOptions = {},
): Promise<ItemDocument<D>> {
  const settleMs = opts.settleMs ?? 250;
  const attempts = opts.attempts ?? 3;
  let stored = await spec.load();

  if (!stored.item) {
    const doc = spec.apply(spec.empty());
    const id = await addTextItem(client, spec.owner, { ...spec.newItem, text: spec.serialize(doc) }, opts);
    // Two first saves at once make two items: settle on the oldest and fold ours into it.
    const again = await spec.load();
    if (again.item && again.item.id !== id) {
      await deleteItem(client, spec.owner, id, opts).catch(() => undefined);
      stored = again;
    } else {
      if (spec.shareWithOrg) await shareItemWithOrg(client, spec.owner, id, opts);
      return { item: { id, owner: spec.owner }, doc };
    }
  }

  for (let attempt = 1; ; attempt++) {
    const item = stored.item;
    if (!item) throw new Error('The item disappeared while saving.');
    if (spec.skipWhenContained && spec.contains(stored.doc)) return stored;
    await updateItemText(client, item.owner, item.id, spec.serialize(spec.apply(stored.doc)), opts);
    if (settleMs > 0) await pause(settleMs);
    const check = await spec.load();
    if (check.item && check.item.id === item.id && spec.contains(check.doc)) return check;
    if (attempt >= attempts) throw new Error(spec.conflictMessage);
    stored = check;
  }
}
